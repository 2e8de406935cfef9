"""Real minutes from public bodies, in PDF, DOCX and HTML, end to end.

Each file is a copy of one in shared/corpus (its SOURCE.md gives the manifest line). The
facts asserted here were read off the documents themselves; the records of each are also
kept as a golden outline (expected/records.txt) so a change shows up as a readable diff.
"""

from __future__ import annotations

import glob

import pytest

from pipeline.outline import outline_records
from pipeline.run import process_document
from tests.conftest import FIXTURES
from tests.golden import check_golden


def run(name: str, rules):
    (path,) = glob.glob(str(FIXTURES / name / "source.*"))
    return process_document(path, rules, source=path.rsplit("/", 1)[1])


@pytest.fixture(scope="module")
def suffolk(rules):
    result = run("suffolk-board-2012-09-11", rules)
    assert result.row.status == "ok", result.problems
    return result.meetings[0]


def action(records, item_label: str, owner: str):
    item = next(i for i in records.items if i.label == item_label)
    return [a for a in records.actions if a.item_id == item.item_id and a.owner == owner]


def test_suffolk_board_meeting_facts_from_its_key_value_box(suffolk):
    m = suffolk.meeting
    assert (m.title, m.date, m.start_time, m.venue, m.chair) == (
        "Suffolk Libraries IPS - Board Meeting", "2012-09-11", "09:30", "SALC, Claydon", "Shona Bendix")
    assert {(a.name, a.abbrev, a.status) for a in suffolk.attendees} >= {
        ("Alison Wheeler", "AW", "present"), ("Ian Brookman", "IB", "in_attendance")}


def test_suffolk_action_rows_give_owner_initials_and_the_sentence_beside_them(suffolk):
    (aw,) = action(suffolk, "2.", "AW")
    assert aw.text == "A document control system to be formalised by 17 October 2012."
    assert (aw.owner_person_id, aw.due_date) == ("p-alison-wheeler", "2012-10-17")
    both = action(suffolk, "8.", "AW/IB")
    assert both and both[0].owner_person_id == "p-alison-wheeler;p-ian-brookman"


def test_suffolk_action_in_a_row_cut_by_a_page_break_is_whole(suffolk):
    item5 = next(i for i in suffolk.items if i.label == "5.")
    assert (item5.page_start, item5.page_end) == (2, 3)
    texts = [a.text for a in action(suffolk, "5.", "AW")]
    assert "Suffolk Libraries will inform potential members of this decision once the above letter has been sent." in texts


def test_suffolk_items_are_numbered_and_titled(suffolk):
    assert [i.label for i in suffolk.items[:3]] == ["1.", "2.", "3."]
    # "th" is a superscript with a space of its own on each side, the second one left out
    # of pdfium's text page (the fast engine puts it back: "26 th July", as pdfplumber)
    assert [(i.title, i.kind) for i in suffolk.items[:3]] == [
        ("Declarations of Interest", "declarations"), ("Minutes of 26 th July", "previous_minutes"),
        ("Matters arising", "matters_arising")]


def test_second_suffolk_file_has_owned_actions(rules):
    result = run("suffolk-board-2013-03-26", rules)
    assert result.row.status == "ok"
    actions = result.meetings[0].actions
    assert len(actions) >= 5 and all(a.owner for a in actions)


def test_kent_cabinet_minutes(rules):
    result = run("kent-cabinet-2025-01-30", rules)
    assert result.row.status == "ok"
    records = result.meetings[0]
    m = records.meeting
    assert (m.date, m.chair) == ("2025-01-30", "Mr R W Gough")
    assert m.venue.startswith("Council Chamber, Sessions House, County Hall, Maidstone")
    assert [i.label for i in records.items[:4]] == ["84.", "85.", "86.", "87."]
    assert [i.title for i in records.items[:2]] == ["Apologies", "Declarations of Interest"]
    assert any(d.text.startswith("the minutes of the meeting on 9 January 2025 were a correct record") for d in records.decisions)
    statuses = {a.name: a.status for a in records.attendees}
    assert statuses["Mr R W Gough"] == "present" and statuses["Dr A Ghosh"] == "in_attendance"


def test_w3c_minutes_topics_attendance_and_resolution(rules):
    result = run("w3c-pm-wg-2026-05-07", rules)
    records = result.meetings[0]
    assert (records.meeting.date, records.meeting.chair) == ("2026-05-07", "wendy")
    assert "Rechartering" in [i.title for i in records.items]
    assert ("brady", "apologies") in {(a.name, a.status) for a in records.attendees}
    assert any("EPUB 3.4" in d.text for d in records.decisions)


def test_student_minutes_action_table_with_owners_and_due_dates(rules):
    records = run("groupwork-minutes-wk1", rules).meetings[0]
    assert records.meeting.date == "2019-02-14"
    # the owners stand under "Next Steps:" and the tasks under "Owner:": the cells say which is which
    assert [(a.owner, a.text, a.due_date) for a in records.actions] == [
        ("Arlana Keen", "Edit meeting minutes and create code of conduct.", "2019-02-21"),
        ("Oliver Howe", "Start class diagram", "2019-02-21"),
        ("Lewis Jackson", "Start use case Diagrams", "2019-02-21"),
        ("Brandon Henderson", "Start looking at examples of testing.", None),
    ]
    assert len(records.decisions) == 4


def test_one_file_of_twelve_weekly_meetings_from_document2_xml(rules):
    result = run("bradford-rocu-minutes", rules)
    assert result.row.status == "ok" and result.row.meetings == 12
    dates = [m.meeting.date for m in result.meetings]
    assert (dates[0], dates[-1]) == ("2026-01-22", "2026-04-09")
    assert all(len(m.attendees) == 7 for m in result.meetings)


def test_decision_log_gives_one_meeting_per_dated_row(rules):
    result = run("groupwork-decision-log", rules)
    assert result.row.meetings == 11
    assert sum(len(m.decisions) for m in result.meetings) >= 30


def test_an_index_page_of_minutes_fails_honestly(rules):
    result = run("chicago-minutes-listing", rules)
    assert (result.row.status, result.row.reason) == ("failed", "no_meeting_found")
    assert "index of minutes" in result.row.message


def test_readable_horsley_minutes_are_extracted(rules):
    result = run("horsley-village-hall-2013-10-08", rules)
    assert result.row.status == "ok"
    assert result.meetings[0].meeting.date == "2013-10-08"


@pytest.mark.parametrize("name", ["suffolk-board-2012-09-11", "kent-cabinet-2025-01-30", "w3c-pm-wg-2026-05-07",
                                  "groupwork-minutes-wk1"])
def test_records_of_real_minutes_match_their_golden_outline(name, rules):
    check_golden(FIXTURES / name / "expected" / "records.txt", outline_records(run(name, rules).meetings))
