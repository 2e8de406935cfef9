"""People across meetings: one id per person, posts by date, the registry never guesses.

The meetings here are generated for the tests (short minutes in the style of a police and
crime panel), except the seed test, which reads the example minutes.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

from pipeline.across.people import build_people, link_people, name_key, refines
from pipeline.nlp.people import person_id_for, role_key, split_rank
from pipeline.readers import read_bytes
from pipeline.records import Attendee, Meeting, MeetingRecords, Mention
from pipeline.repair import repair
from pipeline.segment import segment_meeting
from pipeline.write import build_tables
from tests.conftest import SEED


def meeting_of(text: str, rules, nlp, source: str):
    doc = repair(read_bytes(text.encode("utf-8"), source, rules), rules)
    return segment_meeting(doc, rules, nlp).records


def panel(day: str, present: str, business: str) -> str:
    """Generated minutes of a panel meeting."""
    return (f"EXAMPLE POLICE AND CRIME PANEL Minutes of the meeting held on {day} at 10.00 am, "
            f"Police Headquarters\n\nPresent: {present}\n\n12/23 Apologies None were received.\n\n"
            f"13/23 Performance {business}\n")


@pytest.fixture(scope="module")
def run(rules, nlp):
    """Three generated meetings: Rachel Hartland-Lane written three ways, the PCC absent
    from the second, two ACCs at the second."""
    meetings = [
        meeting_of(panel("Wednesday 3 May 2023",
                         "John Campion (Police and Crime Commissioner), Rachel Hartland Lane "
                         "(Director of Business Services), Richard Cooper (Assistant Chief Constable)",
                         "The PCC asked the ACC about the plan. Rachel Hartland Lane agreed."), rules, nlp, "a.txt"),
        meeting_of(panel("Wednesday 7 June 2023",
                         "Pippa Mills (Chief Constable), T/ACC Rachel Hartland-Lane, ACC Richard Cooper",
                         "The PCC had asked for the figures. The ACC said they would follow. The CC agreed."),
                   rules, nlp, "b.txt"),
        meeting_of(panel("Wednesday 5 July 2023",
                         "John Campion (Police and Crime Commissioner), Rachel Hartland-Lane "
                         "(Director of Business Services)",
                         "The PCC thanked the ACC."), rules, nlp, "c.txt"),
    ]
    linked = link_people(meetings, rules)
    return meetings, linked, build_people(linked, rules)


def test_spelling_variants_and_an_acting_post_are_one_person(run):
    _, linked, tables = run
    ids = {a.name: a.person_id for m in linked for a in m.attendees}
    assert ids["Rachel Hartland Lane"] == ids["Rachel Hartland-Lane"] == "p-rachel-hartland-lane"
    (rachel,) = [p for p in tables["people"] if p.person_id == "p-rachel-hartland-lane"]
    assert rachel.meetings == 3
    assert (rachel.first_seen, rachel.last_seen) == ("2023-05-03", "2023-07-05")
    held = {(r.role_key, r.acting, r.date) for r in tables["person_roles"] if r.person_id == rachel.person_id}
    assert held == {("director of business services", False, "2023-05-03"), ("ACC", True, "2023-06-07"),
                    ("director of business services", False, "2023-07-05")}


def test_every_person_id_in_the_records_is_a_person_of_the_registry(run):
    _, linked, tables = run
    people = {p.person_id for p in tables["people"]}
    assert len(people) == 4  # Campion, Hartland-Lane, Cooper, Mills
    used = {x.person_id for m in linked for x in m.mentions + m.attendees if x.person_id}
    assert used <= people


def test_the_published_tables_hold_one_id_per_person(run, rules):
    before, _, _ = run
    tables = build_tables([], before, rules)
    people = set(tables["people"]["person_id"])
    attendees = tables["attendees"]
    assert set(attendees["person_id"]) == people
    assert set(attendees[attendees["name"] == "Rachel Hartland-Lane"]["person_id"]) == {"p-rachel-hartland-lane"}
    registry = tables["mentions"][tables["mentions"]["resolution"] == "registry"]
    assert list(registry["person_id"]) == ["p-john-campion"]


def test_the_pcc_absent_from_a_meeting_resolves_through_the_registry(run):
    before, linked, _ = run
    # at the second meeting nobody present is the PCC; Campion was PCC before and after it
    assert [(x.surface, x.resolution) for x in before[1].mentions][0] == ("The PCC", "not_present")
    pcc = linked[1].mentions[0]
    assert (pcc.surface, pcc.person_id, pcc.resolution) == ("The PCC", "p-john-campion", "registry")


def test_two_accs_at_that_date_leave_the_acc_unresolved(run):
    _, linked, _ = run
    # the third meeting has no ACC; the nearest meeting before it had two (Cooper, T/ACC Hartland-Lane)
    acc = [x for x in linked[2].mentions if x.surface == "the ACC"]
    assert [(x.person_id, x.resolution) for x in acc] == [(None, "not_present")]
    # and at the second meeting, where both were present, it stays ambiguous
    assert [(x.person_id, x.resolution) for x in linked[1].mentions if x.surface == "The ACC"] == [(None, "ambiguous")]


def test_a_post_before_a_name_in_a_list_is_the_role(rules):
    assert split_rank("T/ACC Rachel Hartland-Lane", rules.people) == ("T/ACC", "Rachel Hartland-Lane")
    assert split_rank("Chief Constable Pippa Mills", rules.people) == ("Chief Constable", "Pippa Mills")
    # a first name that looks like a rank in other letters is a name
    assert split_rank("Di Smith", rules.people) == (None, "Di Smith")


def test_role_keys_fold_acting_prefixes_and_written_out_posts(rules):
    assert role_key("T/Assistant Chief Constable", "T/ACC", rules.people) == ("ACC", True)
    assert role_key("Acting Chief Executive", None, rules.people) == ("CEO", True)
    assert role_key(None, "CX", rules.people) == ("CEO", False)
    # the meeting's own short form for a capacity the rules do not know is not a post
    assert role_key("Director of Commercial Services", "DCS", rules.people) == ("director of commercial services", False)


# --- names merged only when one person fits -------------------------------------------


def records(meeting_no: int, day: str, people: list[tuple[str, str | None]], mentions: list[str] = ()) -> MeetingRecords:
    """A generated meeting's records: its attendees (name, role) and mentions nobody present resolved."""
    mid = f"m-generated-{meeting_no}"
    return MeetingRecords(
        meeting=Meeting(mid, "d-generated", "Panel", "Panel", day, None, None, None, None),
        attendees=tuple(Attendee(mid, person_id_for(n), n, r, None, "present") for n, r in people),
        mentions=tuple(Mention(mid, "items", f"i-{meeting_no}", 0, len(s), s, None, "abbreviation", "not_present")
                       for s in mentions),
    )


def people_of(meetings, rules) -> dict[str, str]:
    """Each attendee name → the person id it gets across the run."""
    return {a.name: a.person_id for m in link_people(meetings, rules) for a in m.attendees}


def test_initials_titles_honours_and_middle_names_join_the_one_person_who_fits(rules):
    ids = people_of([
        records(1, "2023-01-10", [("Rachel Anne Hartland-Lane", None), ("Cllr Dr Ann Green", None)]),
        records(2, "2023-02-10", [("R Hartland-Lane", None), ("Ann Green OBE", None)]),
        records(3, "2023-03-10", [("Rachel Hartland-Lane", None), ("A Green", None)]),
    ], rules)
    assert {ids["R Hartland-Lane"], ids["Rachel Hartland-Lane"]} == {ids["Rachel Anne Hartland-Lane"]}
    assert ids["Rachel Anne Hartland-Lane"] == "p-rachel-anne-hartland-lane"
    assert ids["Ann Green OBE"] == ids["A Green"] == ids["Cllr Dr Ann Green"] == "p-ann-green"


def test_initials_that_fit_two_people_are_not_merged(rules):
    ids = people_of([
        records(1, "2023-01-10", [("Rachel Smith", None), ("Robert Smith", None)]),
        records(2, "2023-02-10", [("R Smith", None)]),
    ], rules)
    assert len({ids["Rachel Smith"], ids["Robert Smith"], ids["R Smith"]}) == 3


def test_two_names_listed_apart_at_one_meeting_are_two_people(rules):
    ids = people_of([records(1, "2023-01-10", [("Rachel Smith", None), ("R Smith", None)])], rules)
    assert ids["Rachel Smith"] != ids["R Smith"]


def test_name_keys_and_refinement():
    assert refines(("rachel", "hartland", "lane"), ("r", "hartland", "lane"))
    assert refines(("rachel", "hartland", "lane"), ("rachel", "lane"))
    assert not refines(("rachel", "lane"), ("robert", "lane"))
    assert not refines(("ann", "green"), ("green",))  # a surname alone says too little


def test_name_key_drops_posts_titles_and_honours(rules):
    assert name_key("T/ACC Rachel Hartland-Lane", rules.people) == ("rachel", "hartland", "lane")
    assert name_key("Mr R Love OBE", rules.people) == ("r", "love")


# --- the registry by date ---------------------------------------------------------------


def resolved(meetings, rules) -> list[tuple[str, str | None, str]]:
    return [(x.surface, x.person_id, x.resolution) for m in link_people(meetings, rules) for x in m.mentions]


def test_a_post_that_changed_hands_between_the_meetings_around_stays_unresolved(rules):
    found = resolved([
        records(1, "2023-01-10", [("John Campion", "Police and Crime Commissioner")]),
        records(2, "2023-02-10", [("Ann Green", "Chair")], ["the PCC"]),
        records(3, "2023-03-10", [("Jane Doe", "Police and Crime Commissioner")]),
    ], rules)
    assert found == [("the PCC", None, "not_present")]


def test_a_mention_the_meeting_found_ambiguous_stays_ambiguous(rules):
    meetings = [
        records(1, "2023-01-10", [("Richard Cooper", "Assistant Chief Constable")]),
        records(2, "2023-02-10", [("Ann Green", "Chair")]),
    ]
    # what a meeting found ambiguous (two ACCs present, say) the registry never overrules,
    # even where one holder is on record nearby
    meetings[1] = replace(meetings[1], mentions=(
        Mention("m-generated-2", "items", "i-2", 0, 7, "the ACC", None, "abbreviation", "ambiguous"),))
    assert resolved(meetings, rules) == [("the ACC", None, "ambiguous")]


def test_a_holder_seen_only_years_away_says_nothing(rules):
    found = resolved([
        records(1, "2019-01-10", [("John Campion", "PCC")]),
        records(2, "2023-02-10", [("Ann Green", "Chair")], ["the PCC"]),
    ], rules)
    assert found == [("the PCC", None, "not_present")]


def test_a_holder_on_one_side_within_the_window_resolves(rules):
    found = resolved([
        records(1, "2023-01-10", [("Ann Green", "Chair")], ["the PCC's"]),
        records(2, "2023-02-10", [("John Campion", "Police and Crime Commissioner")]),
    ], rules)
    assert found == [("the PCC's", "p-john-campion", "registry")]


# --- the example minutes ----------------------------------------------------------------

# Read from the seed's attendance table (Name | Capacity (short form)): who each short form is.
SEED_PEOPLE = {
    "PCC": ("John Campion", "p-john-campion"),
    "PCI": ("Alfie Bates", "p-alfie-bates"),
    "SPM": ("Jackie Irvin", "p-jackie-irvin"),
    "CC": ("Pippa Mills", "p-pippa-mills"),
    "DCC": ("Julian Moss", "p-julian-moss"),
    "DBS": ("Rachel Hartland Lane", "p-rachel-hartland-lane"),
    "ACCCV": ("Richard Cooper", "p-richard-cooper"),
    "ACCLP": ("Rachel Jones", "p-rachel-jones"),
    "DCS": ("Richard Muirhead", "p-richard-muirhead"),
}


def test_the_expected_people_are_the_seeds_attendance():
    rows = re.findall(r"^\t([^\t]+)\t[^\t]*\(([A-Z]+)\)\s*$", SEED.read_text(encoding="utf-8"), re.MULTILINE)
    assert {abbrev: name for name, abbrev in rows} == {k: v[0] for k, v in SEED_PEOPLE.items()}


def test_every_role_mention_of_a_seed_attendee_resolves_to_that_person(seed_result, rules):
    tables = build_tables([seed_result.row], seed_result.meetings, rules)
    mentions = tables["mentions"]
    seen = set()
    for row in mentions.itertuples():
        abbrev = re.sub(r"^(?:the|The)\s+", "", row.surface)
        if abbrev in SEED_PEOPLE:
            seen.add(abbrev)
            person = None if pd.isna(row.person_id) else row.person_id
            assert (person, row.resolution) == (SEED_PEOPLE[abbrev][1], "resolved"), row
        else:
            # "weekly DCI reviews": a post no attendee holds, and no other meeting says who
            assert pd.isna(row.person_id), row
    # every short form the minutes use after the attendance table is mentioned
    body = SEED.read_text(encoding="utf-8").split("Richard Muirhead", 1)[1]
    used = {a for a in SEED_PEOPLE if re.search(rf"\b{a}\b", body)}
    assert seen == used and len(used) == 8
    people = tables["people"]
    assert sorted(people["person_id"]) == sorted(v[1] for v in SEED_PEOPLE.values())
    roles = tables["person_roles"]
    assert sorted(roles[roles["role_key"] == "ACC"]["person_id"]) == ["p-rachel-jones", "p-richard-cooper"]


def test_a_deputys_post_is_not_the_post(nlp, rules):
    # generated: the Chief Executive is present; "Deputy Chief Executive" is someone else
    from pipeline.nlp import annotate
    from tests.helpers import context

    ctx = context(rules, people=[("Amanda Beer", "Chief Executive", None)])
    (doc,) = annotate(nlp, ["The Deputy Chief Executive and the Chief Executive agreed."], ctx)
    assert [(s.text, s._.resolution.person_id) for s in doc.spans["people"]] == [("the Chief Executive", "p-amanda-beer")]
