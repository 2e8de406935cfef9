"""Acronyms: definitions found in texts, uses counted, and the corpus-level ``acronyms`` table.

Texts marked "generated" were written for these tests; the seed's expected values were read
from raw/000_fc02012ef638ccbf.txt.
"""

import pytest

from pipeline.across.acronyms import build_acronyms
from pipeline.errors import RulesError
from pipeline.nlp.acronyms import find_definitions, find_uses, name_keys
from pipeline.records import Attendee, Item, Meeting, MeetingRecords
from pipeline.rules import load_rules
from pipeline.write.tables import build_tables
from tests.test_rules import edit, rules_copy  # noqa: F401  (fixture)


def defs(text, rules, **kw):
    a = rules.acronyms
    return [(d.acronym, d.long_form, d.kind) for d in find_definitions(
        text, a.small_words, titles=rules.people.name_titles,
        attendance_cues=[c for c, _ in rules.people.attendance_headings],
        heads=a.role_heads | a.body_heads, **kw)]


# --- definitions (generated texts) ---------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("The tracker goes to the Service Improvement Board (SIB) monthly.", ("SIB", "Service Improvement Board")),
    ("A report from the Office of the Police and Crime Commissioner (OPCC) was noted.",
     ("OPCC", "Office of the Police and Crime Commissioner")),
    ("The force will work with independent advisory groups (IAGs) in every area.",
     ("IAG", "independent advisory groups")),
    ("Attendance by Police Community Support Officers (PCSOs) was discussed.",
     ("PCSO", "Police Community Support Officers")),
    ("Members asked about the County Council Network (CCN) survey.", ("CCN", "County Council Network")),
    ("The portal is built on JavaServer Faces (JSF) components.", ("JSF", "JavaServer Faces")),
    ("Officers issued a Domestic Violence Protection Notice (DVPN) in each case.",
     ("DVPN", "Domestic Violence Protection Notice")),
    ("Waste policy follows Reduce, Reuse and Recycle (3Rs) principles.", ("3R", "Reduce, Reuse and Recycle")),
    ("Reports of ASB (anti-social behaviour) rose in March.", ("ASB", "anti-social behaviour")),
    ("Acronyms used:\nLPA – Local Policing Area\nSIB - Service Improvement Board\n", ("LPA", "Local Policing Area")),
])
def test_a_definition_is_found_with_its_long_form(text, expected, rules):
    found = defs(text, rules)
    assert (expected[0], expected[1], "acronym") == found[0]


def test_a_glossary_line_gives_every_definition(rules):
    text = "Acronyms used:\nLPA – Local Policing Area\nSIB - Service Improvement Board\n"  # generated
    assert [d[:2] for d in defs(text, rules)] == [("LPA", "Local Policing Area"), ("SIB", "Service Improvement Board")]


@pytest.mark.parametrize("text", [
    "This was agreed at the meeting (see above).",
    "The report was shared with the Chief Constable (DCC) last week.",
    "Kimberly Bares (PLACE Consulting) attended.",
    "Trade rose in business to business (B2B) sales.",
    "The fourth point under item Four Vision (IV) was noted.",
    "LPA - None this month.",
])
def test_brackets_that_are_no_definition_are_not_taken(text, rules):
    assert defs(text, rules) == []


def test_initials_in_an_attendance_list_are_a_person_not_a_body(rules):
    text = "Present: Rachel Hartland-Lane (RHL), Tom Price (TP), Service Improvement Board (SIB) secretariat"
    found = defs(text, rules)
    assert ("RHL", "Rachel Hartland-Lane", "person") in found
    assert ("TP", "Tom Price", "person") in found
    assert ("SIB", "Service Improvement Board", "acronym") in found


def test_a_known_name_or_a_title_makes_initials_a_person(rules):
    names = name_keys(["Rachel Hartland Lane"])
    assert defs("Rachel Hartland-Lane (RHL) reported on recruitment.", rules, names=names) == [
        ("RHL", "Rachel Hartland-Lane", "person")]
    assert defs("Thanks went to Cllr Jo Bruce (JB) for the work.", rules)[0][2] == "person"


def test_uses_are_known_acronyms_not_shouting():
    known = {"IT", "PCC", "KPI"}
    text = "IT RESOLVED that the PCC review the KPIs and IT budget."  # generated
    assert [(k, text[s:e]) for k, s, e in find_uses(text, known)] == [("PCC", "PCC"), ("KPI", "KPIs"), ("IT", "IT")]


# --- the corpus table (generated meetings) -----------------------------------------------------


def meeting(no, body, texts, attendees=()):
    mid = f"m-generated-{no}"
    return MeetingRecords(
        meeting=Meeting(mid, "d-generated", f"{body} meeting", body, "2024-01-10", None, None, None, None),
        attendees=tuple(Attendee(mid, f"p-{n}", n, r, ab, "present") for n, r, ab in attendees),
        items=tuple(Item(mid, f"i-{no}-{k}", k, "agenda_item", None, None, None, None, t, None, None)
                    for k, t in enumerate(texts, 1)),
    )


def by_key(rows, meeting_id):
    return {r.acronym: r for r in rows if r.meeting_id == meeting_id}


def test_an_acronym_defined_in_one_meeting_is_explained_in_another(rules):
    first = meeting(1, "Rural Panel", ["The Rural Crime Partnership (RCP) met twice."])
    second = meeting(2, "Rural Panel", ["The RCP asked for KPIs. HR to circulate the RCP minutes.",
                                        "Apologies: Rachel Hartland-Lane (RHL)."],
                     attendees=[("Helen Richardson", "Parish Clerk", "HR"), ("Mark Bell", "Chair", "MB")])
    rows = build_acronyms([first, second], rules)["acronyms"]
    one, two = by_key(rows, "m-generated-1"), by_key(rows, "m-generated-2")
    assert (one["RCP"].expansion, one["RCP"].source, one["RCP"].category, one["RCP"].uses) == (
        "Rural Crime Partnership", "text", "body", 0)
    assert (one["RCP"].defined_in_record_table, one["RCP"].defined_in_record_id) == ("items", "i-1-1")
    assert (two["RCP"].expansion, two["RCP"].source, two["RCP"].uses) == ("Rural Crime Partnership", "corpus", 2)
    assert two["RCP"].defined_in_record_id is None
    assert (two["KPI"].expansion, two["KPI"].source, two["KPI"].category) == (
        "Key Performance Indicator", "glossary", "term")
    # Helen Richardson's initials and Rachel Hartland-Lane's are people, not acronyms
    assert "HR" not in two and "RHL" not in two and "MB" not in two


def test_the_meeting_own_reading_beats_the_glossary(rules):
    m = meeting(1, "Board", ["The DBS will report back."],
                attendees=[("Ann Lee", "Director of Business Services", "DBS")])
    row = by_key(build_acronyms([m], rules)["acronyms"], "m-generated-1")["DBS"]
    assert (row.expansion, row.category, row.source, row.defined_in_record_table, row.uses) == (
        "Director of Business Services", "role", "text", "attendees", 1)


# --- the seed end to end ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_acronyms(seed_result, rules):
    frame = build_tables([seed_result.row], seed_result.meetings, rules)["acronyms"]
    return {r.acronym: r for r in frame.itertuples(index=False)}, seed_result.meetings[0]


def test_seed_defines_sib_in_its_text(seed_acronyms):
    rows, m = seed_acronyms
    sib = rows["SIB"]
    assert (sib.expansion, sib.category, sib.source, sib.defined_in_record_table) == (
        "Service Improvement Board", "body", "text", "responses")
    text = next(r.text for r in m.responses if r.response_id == sib.defined_in_record_id)
    assert text[sib.start:sib.end] == "Service Improvement Board (SIB)"
    assert sib.uses == 4  # five SIBs in the file, one of them inside its definition


def test_seed_posts_come_from_its_attendance_list_and_the_rest_from_the_glossary(seed_acronyms):
    rows, _ = seed_acronyms
    assert (rows["DBS"].expansion, rows["DBS"].category) == ("Director of Business Services", "role")
    assert (rows["BWV"].source, rows["BWV"].expansion.lower().replace("-", " ")) == ("text", "body worn video")
    assert (rows["AFI"].source, rows["AFI"].category) == ("glossary", "term")
    assert (rows["HMICFRS"].source, rows["HMICFRS"].category) == ("glossary", "body")


# --- rules ------------------------------------------------------------------------------------


def test_the_glossary_is_loaded_and_does_not_repeat_people_roles(rules):
    glossary = rules.acronyms.glossary
    assert 80 <= len(glossary) <= 150
    assert glossary["HMICFRS"].category == "body" and glossary["KPI"].category == "term"
    assert not set(glossary) & set(rules.people.roles)


@pytest.mark.parametrize("old, new, message", [
    ("category: body}", "category: agency}", "category"),
    ("{acronym: NHS,", "{acronym: NHS, note: x,", "unknown key"),
    ("{acronym: NHS,", "{acronym: Nhs,", "two capitals"),
    ("{acronym: LGA,", "{acronym: NHS,", "duplicate"),
])
def test_bad_glossary_entries_are_refused(rules_copy, old, new, message):  # noqa: F811
    edit(rules_copy / "acronyms.yaml", old, new)
    with pytest.raises(RulesError, match=message):
        load_rules(rules_copy)
