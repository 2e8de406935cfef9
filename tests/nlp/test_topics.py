"""Topics: what each record is about, from the taxonomy in rules/topics.yaml.

The sentences in the tables below were written for these tests in the manner of police and
crime commissioners', councils', parish councils', boards' and W3C minutes; the negatives
are the shapes that made cues noisy in the example minutes and the corpus (a highways
report's "patching gangs", a fish stock's "recruitment", Apache's "Issues 101 created").
Each expected topic was decided by reading the sentence, before running the tagger.
"""

import csv
import re
from dataclasses import replace

import pytest

from pipeline.batch import run_batch
from pipeline.nlp.topics import UNLESS_REACH, meeting_topics, text_topics
from pipeline.nlp.word_sets import finite_strings, trie_pattern
from pipeline.records import record_texts
from pipeline.rules import load_rules
from tests.conftest import SEED
from tests.test_rules import edit, rules_copy  # noqa: F401 (fixture)

# (sentence, topics it must get)
NAMES = [
    ("The PCC asked how the force monitors its use of stop and search powers.", {"stop_and_search"}),
    ("Call handlers in the contact centre answered 92% of 999 calls within ten seconds.", {"call_handling"}),
    ("Abandoned calls on the 101 line rose to 18% in March.", {"call_handling"}),
    ("Compliance with the Victims' Code (VCOP) was below 70%.", {"victims"}),
    ("Officers attended 42 missing person reports, many of them children missing from care.",
     {"missing_persons", "children_and_young_people"}),
    ("DVPNs were applied for in twelve cases of domestic abuse.", {"domestic_abuse"}),
    ("The CC said stalking protection orders remain underused.", {"domestic_abuse"}),
    ("Every officer will complete the CPD module on coercive control.", {"training", "domestic_abuse"}),
    ("The move from Niche to the new records system slipped again.", {"data_and_systems"}),
    ("Data quality in the crime recording system has improved.", {"data_and_systems", "investigation_quality"}),
    ("Professional Standards reported a vetting backlog and two gross misconduct hearings.",
     {"vetting_and_misconduct"}),
    ("Speeding through the village was passed to the roads policing unit.", {"road_safety"}),
    ("The precept was set at £250 and savings of £4m were agreed.", {"budget_and_finance"}),
    ("Taser deployments and body-worn video footage were reviewed by the scrutiny panel.",
     {"use_of_force", "scrutiny_and_advisory_groups"}),
    ("Members of the Independent Advisory Group raised the lack of feedback.", {"scrutiny_and_advisory_groups"}),
    ("Sickness absence and overtime in the control room remain high.", {"workforce_and_wellbeing", "call_handling"}),
    ("Knife crime fell after the violence reduction unit's work with schools.",
     {"serious_violence", "children_and_young_people"}),
    ("County lines exploitation of young people was discussed.",
     {"drugs_and_organised_crime", "safeguarding", "children_and_young_people"}),
    ("Residents reported anti-social behaviour and graffiti in the precinct.", {"anti_social_behaviour"}),
    ("The corporate risk register and the internal audit plan were approved.", {"governance_and_risk"}),
    ("The quarterly performance report showed seven of twelve KPIs on track.", {"performance"}),
    ("The Council objected to the planning application for 28 dwellings.", {"planning_and_development", "housing"}),
    ("Potholes and street lighting were raised with Highways.", {"highways_and_transport"}),
    ("The group will publish the EPUB 3.4 specification as a W3C Recommendation.", {"technology_standards"}),
    ("The accessibility of fixed-layout books for screen readers was discussed.", {"accessibility"}),
    ("The mobile library service will call fortnightly.", {"libraries_and_culture"}),
    ("The Trust thanked donors and applied for lottery funding.", {"grants_and_fundraising"}),
    ("HMICFRS published its PEEL report in May.", {"inspection"}),
    ("Officers used section 136 powers forty times for people in mental health crisis.", {"mental_health"}),
    ("The PCC asked about the data sharing agreement with health partners.",
     {"data_and_systems", "health_and_social_care"}),
    ("Phishing scams and other fraud against older residents are rising.", {"fraud_and_cyber_crime"}),
    ("The disproportionality in searches of black people was challenged.", {"equality_diversity_inclusion"}),
    ("Referrals to the MASH and safeguarding concerns were discussed.", {"safeguarding"}),
    ("The Clerk will post the agenda on the website and the noticeboard.", {"communications"}),
    ("Recruitment of PCSOs for the neighbourhood teams continues.", {"workforce_and_wellbeing", "neighbourhood_policing"}),
    ("The Council declared a climate emergency and a net zero ambition.", {"environment_and_climate"}),
    ("The cemetery and the playing field need grass cutting.", {"open_spaces_and_amenities"}),
    ("The village hall roof repairs will be paid from the building works fund.", {"estates_and_buildings"}),
    ("Two complaints were referred to the Ombudsman.", {"complaints"}),
    ("The fire risk assessment of the pavilion was completed.", {"health_and_safety"}),
    ("Homelessness among care leavers was discussed.", {"housing", "children_and_young_people"}),
    ("The committers voted on the release candidate posted to GitHub.", {"software_and_open_source"}),
    # acronyms are matched in capitals, plurals of cues as well
    ("The CC said the update is on DA only.", {"domestic_abuse"}),
    ("Feedback from IAGs is discussed at the working groups.", {"scrutiny_and_advisory_groups"}),
    ("IT support for the new laptops was agreed.", {"data_and_systems"}),
    # a line break between a cue's words (a PDF's line) and a typographic apostrophe
    ("people with mental\nhealth needs", {"mental_health"}),
    ("in line with the Victims’ Code", {"victims"}),
]

# (sentence, topic it must not get)
NOT_NAMES = [
    ("The force should make sure that orders are considered in all cases.", "use_of_force"),
    ("The data shows a rise in demand since March.", "data_and_systems"),
    ("It was agreed to review it at the next meeting.", "data_and_systems"),
    ("IT WAS RESOLVED that the accounts be approved.", "data_and_systems"),
    ("Issues: 101 created and 62 resolved in the last month.", "call_handling"),
    ("Review of Decision 24/00093 (Pages 101 - 190)", "call_handling"),
    ("Daily age estimation for juvenile striped marlin.", "children_and_young_people"),
    ("There are 27 patching gangs and 4 machines that patch.", "serious_violence"),
    ("There are 27 patching gangs and 4 machines that patch.", "drugs_and_organised_crime"),
    ("A release from accruals reduced the overspend.", "software_and_open_source"),
    ("The developer had advised that the site would be fenced.", "software_and_open_source"),
    ("The Chair asked if someone would volunteer to chair the group.", "community_engagement"),
    ("A decision is awaited on Kent's inclusion on the Devolution Priority Programme.", "equality_diversity_inclusion"),
    ("More diversity of the committers is needed before graduation.", "equality_diversity_inclusion"),
    ("The model performance improved with the new growth curve.", "performance"),
    ("Forward planning for the AGM was agreed.", "planning_and_development"),
    ("The current economic environment remains uncertain.", "environment_and_climate"),
    ("A security vulnerability in OpenSSL was patched.", "safeguarding"),
    ("Antonio Perez Morales joined the working group.", "workforce_and_wellbeing"),
    ("MH and CC were thanked for their excellent work.", "mental_health"),
    ("Engagement on the list has decreased overtime.", "workforce_and_wellbeing"),
    ("This report is almost a carbon copy of the last one.", "environment_and_climate"),
    ("Employer national insurance contributions will rise in April.", "governance_and_risk"),
    ("The project ships a JavaScript library for parsing.", "libraries_and_culture"),
    ("The job specification for the post was agreed.", "technology_standards"),
    ("The Cabinet Member will decide in consultation with the Leader.", "community_engagement"),
    ("Call in information: WEBEX meeting link.", "scrutiny_and_advisory_groups"),
    ("The training data for the classifier was cleaned.", "training"),
    ("The stock-recruitment relationship was discussed.", "workforce_and_wellbeing"),
    ("Mr da Silva gave his apologies.", "domestic_abuse"),
    ("A casual vacancy on the Parish Council was filled by co-option.", "workforce_and_wellbeing"),
    ("4 MH Transport hubs within West Mercia", "highways_and_transport"),
]


@pytest.mark.parametrize("sentence, expected", NAMES)
def test_a_sentence_gets_the_topics_it_names(sentence, expected, rules):
    assert expected <= {f.topic for f in text_topics(sentence, rules.topics)}


@pytest.mark.parametrize("sentence, topic", NOT_NAMES)
def test_a_word_used_for_something_else_names_no_topic(sentence, topic, rules):
    assert topic not in {f.topic for f in text_topics(sentence, rules.topics)}


def test_offsets_point_at_the_first_cue_and_every_hit_is_counted(rules):
    text = "Victims were updated. The ACCLP chairs the Victims Board, and victim contact is recorded."
    (found,) = [f for f in text_topics(text, rules.topics) if f.topic == "victims"]
    assert (found.start, found.end, found.cue) == (0, 7, "Victims")
    assert text[found.start:found.end] == found.cue
    assert found.hits == 3


def test_the_fullest_cue_is_kept_and_overlapping_cues_of_a_topic_are_one_hit(rules):
    text = "orders such as domestic violence protection notices and orders"
    (found,) = [f for f in text_topics(text, rules.topics) if f.topic == "domestic_abuse"]
    assert found.cue == "domestic violence protection notices" and found.hits == 1
    assert text[found.start:found.end] == found.cue


def test_cues_starting_at_one_word_give_each_topic_and_cues_inside_a_match_are_found(rules):
    topics = {f.topic for f in text_topics("child protection", rules.topics)}
    assert {"safeguarding", "children_and_young_people"} <= topics
    # "crime prevention" starts inside "knife crime"
    topics = {f.topic for f in text_topics("knife crime prevention", rules.topics)}
    assert {"serious_violence", "neighbourhood_policing"} <= topics


def test_a_cue_that_is_no_list_of_words_is_still_found(rules_copy):  # noqa: F811 (fixture)
    # "\\d+" stands for endless strings: such cues are scanned by a pattern of their own
    edit(rules_copy / "topics.yaml", "topics:\n",
         "topics:\n  - {id: cases, label: Cases, cues: ['case \\d+', 'DA'], unless: ['case 0']}\n")
    topics = load_rules(rules_copy).topics
    text = "Case 12 and case 345 were closed, and case 0 was not; DA cases too."
    found = {f.topic: f for f in text_topics(text, topics)}
    assert (found["cases"].cue, found["cases"].start, found["cases"].hits) == ("Case 12", 0, 3)
    assert found["domestic_abuse"].cue == "DA"  # the shipped topic keeps its cue
    assert not text_topics("case 0", topics)


def test_topics_come_in_the_order_of_their_first_cue(rules):
    found = text_topics("The budget for body-worn video and training.", rules.topics)
    assert [f.topic for f in found] == ["budget_and_finance", "use_of_force", "training"]
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_the_scan_finds_what_each_topics_own_pattern_finds(seed, rules):
    # the trie of every cue (nlp/word_sets.py) against each topic's cues as one regular
    # expression, on the example minutes' texts
    for _, _, text in record_texts(seed):
        fast = {(f.topic, f.start) for f in text_topics(text, rules.topics)}
        spaced = re.sub(r"\s", " ", text)  # the scan reads a line break as a space
        slow = set()
        for topic in rules.topics.topics:
            starts = [m.start() for m in topic.pattern.finditer(spaced)
                      if not any(u.start() <= m.start() and m.end() <= u.end() for p in topic.unless
                                 for u in p.finditer(spaced, max(0, m.start() - UNLESS_REACH), m.end() + UNLESS_REACH))]
            if starts:
                slow.add((topic.id, starts[0]))
        assert fast == slow, text


def test_an_items_title_gives_the_topics_its_text_does_not_and_the_meeting_title_none(seed, rules):
    items = list(seed.items)
    by_label = {i.label: n for n, i in enumerate(items)}
    afi6, afi12, aob = by_label["AFI 6"], by_label["AFI 12"], by_label["AOB"]
    items[afi6] = replace(items[afi6], title="Missing persons")  # its text names it already
    items[afi12] = replace(items[afi12], title="Corporate risk register")  # its text does not
    items[aob] = replace(items[aob], text="", title="Stop and search")  # a heading with no text
    records = replace(seed, items=tuple(items), meeting=replace(seed.meeting, title="Stop and search panel"))
    rows = meeting_topics(records, rules.topics)
    assert not [r for r in rows if r.record_table == "meetings"]
    of = {(r.record_id, r.topic, r.field): r for r in rows}
    afi6_id, afi12_id, aob_id = items[afi6].item_id, items[afi12].item_id, items[aob].item_id
    assert (afi6_id, "missing_persons", "text") in of and (afi6_id, "missing_persons", "title") not in of
    title_row = of[(afi12_id, "governance_and_risk", "title")]
    # "corporate risk" and "risk register" overlap: one hit, the first cue's words
    assert items[afi12].title[title_row.start:title_row.end] == title_row.cue == "Corporate risk"
    assert title_row.hits == 1
    assert (afi12_id, "training", "text") in of  # the text's own topics stay
    assert of[(aob_id, "stop_and_search", "title")].cue == "Stop and search"
    # rows of an item: its text's topics, then its title's
    afi12_rows = [r.field for r in rows if r.record_id == afi12_id]
    assert afi12_rows == sorted(afi12_rows, key=["text", "title"].index)


def test_the_seed_findings_get_their_topics_in_the_written_tables(rules, tmp_path):
    run_batch([SEED], rules, tmp_path)
    with open(tmp_path / "topics.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(tmp_path / "items.csv", encoding="utf-8") as f:
        labels = {r["item_id"]: r["label"] for r in csv.DictReader(f)}
    texts = {}
    for table, id_column in (("items", "item_id"), ("questions", "question_id"), ("responses", "response_id")):
        with open(tmp_path / f"{table}.csv", encoding="utf-8") as f:
            texts.update({r[id_column]: r["text"] for r in csv.DictReader(f)})
    of_item: dict[str, set[str]] = {}
    for row in rows:
        if row["record_table"] == "items":
            of_item.setdefault(labels[row["record_id"]], set()).add(row["topic"])
        # the offsets point at the cue in the record's text as written
        if row["field"] == "text" and row["record_id"] in texts:
            assert texts[row["record_id"]][int(row["start"]):int(row["end"])] == row["cue"]
        assert int(row["hits"]) >= 1
    # "AFI 6: The force should accurately record all missing person reports …"
    assert "missing_persons" in of_item["AFI 6"]
    # "AFI 4: … call takers give appropriate advice …"; "AFI 5: … repeat callers …"
    assert "call_handling" in of_item["AFI 4"] and "call_handling" in of_item["AFI 5"]
    # "AFI 2: … its use of stop and search …"
    assert "stop_and_search" in of_item["AFI 2"]
    # "AFI 3: … people in mental health crisis"; "AFI 10: … domestic violence protection notices …"
    assert "mental_health" in of_item["AFI 3"] and "domestic_abuse" in of_item["AFI 10"]
    # "Recommendation 2: … in line with the Victims' Code …"; "AFI 12: … learning and development …"
    assert "victims" in of_item["Recommendation 2"] and "training" in of_item["AFI 12"]
    # "AFI 1: … independent advisory groups (IAGs) … body-worn video (BWV) … use of force"
    assert {"scrutiny_and_advisory_groups", "use_of_force"} <= of_item["AFI 1"]
    # "AFI 1 … the use of force" is about force, "the force should …" (every AFI) is not
    assert "use_of_force" not in of_item["AFI 6"]
    # questions and responses are tagged too: "The CC responded that the stop and search strategy …"
    assert {r["record_table"] for r in rows} >= {"items", "questions", "responses"}


def test_the_shipped_taxonomy_holds_the_policing_topics(rules):
    ids = [t.id for t in rules.topics.topics]
    assert {"mental_health", "stop_and_search", "call_handling", "victims", "missing_persons", "domestic_abuse",
            "training", "data_and_systems", "vetting_and_misconduct", "road_safety", "budget_and_finance",
            "estates_and_buildings", "use_of_force", "neighbourhood_policing"} <= set(ids)
    assert 30 <= len(ids) <= 45
    assert all(t.label and t.cues for t in rules.topics.topics)


# --- the strings of a cue, and the trie ------------------------------------------------


def test_a_cue_is_the_finite_set_of_strings_it_matches():
    assert finite_strings("call handl(?:ing|er|ers)") == {"call handling", "call handler", "call handlers"}
    assert finite_strings("body[- ]worn") == {"body-worn", "body worn"}
    assert finite_strings("RC\\d") == {f"RC{d}" for d in range(10)}
    assert finite_strings("victims'? code") == {"victims code", "victims' code"}
    # what no list of strings can say is left a regular expression
    assert finite_strings("outcome \\d+") is None
    assert finite_strings("a\\s*b") is None
    assert finite_strings("(?-i:IT)") is None


def test_the_trie_matches_whole_words_the_longest_first():
    pattern = re.compile(trie_pattern({"child", "child protection", "children"}))
    assert pattern.match("child protection plans").group(0) == "child protection"
    assert pattern.match("children's services").group(0) == "children"
    assert pattern.match("child's").group(0) == "child"
    assert pattern.match("childhood") is None
