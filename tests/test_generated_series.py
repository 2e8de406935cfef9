"""The generated assurance series: the seed minutes and three GENERATED later months in its
layout (tests/fixtures/generated-assurance-series, see its README) extract as four
meetings whose findings, questions and actions can be followed from month to month."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from tests.helpers import csv_rows
from tests.conftest import FIXTURES, ROOT, SEED

SERIES = FIXTURES / "generated-assurance-series"
MONTHS = sorted(SERIES.glob("generated-assurance-*.txt"))
SEED_DATE = "2022-05-23"  # "Date: Monday 23rd May" under the title "… May 2022 …"
VETTING = "Areas for improvement – Vetting and counter-corruption inspection"

# A finding's label as typed at the start of the first cell of its row ("<p>AFI 2: …");
# "AFI 6" in running text is a mention, not a finding.
LABEL_IN_CELL = re.compile(r"^(?:<p>)?((?:AFI|Recommendation) \d+):")
ACTION_CUE = re.compile(r"\bAction arising:", re.IGNORECASE)

# The actions each file raises, in order: (owner as written, due date), as the README lists.
ACTIONS = {
    SEED.name: [("DBS", ""), ("", "2022-06-06")],
    "generated-assurance-2022-06-27.txt": [("ACCLP", "2022-07-31"), ("ACCLP", "2022-08-31"),
                                           ("DCC", "2022-09-30"), ("ACCLP", "")],
    "generated-assurance-2022-07-25.txt": [("T/ACCCV", "2022-10-31"), ("DCC", "2022-09-09")],
    "generated-assurance-2022-09-26.txt": [("CC", "2022-11-30"), ("DBS", "")],
}



@pytest.fixture(scope="module")
def tables(tmp_path_factory, rules) -> dict[str, list[dict[str, str]]]:
    """The seed and the generated months extracted once, every table read back."""
    out = tmp_path_factory.mktemp("series")
    result = run_batch([SEED, *MONTHS], rules, out)
    assert not result.failed, [r.problems for r in result.failed]
    return {p.stem: csv_rows(p) for p in out.glob("*.csv")}


@pytest.fixture(scope="module")
def meeting_of(tables) -> dict[str, str]:
    """File name → its meeting's id."""
    docs = {d["document_id"]: Path(d["source_path"]).name for d in tables["documents"]}
    return {docs[m["document_id"]]: m["meeting_id"] for m in tables["meetings"]}


def _rows(tables, table: str, meeting_id: str) -> list[dict[str, str]]:
    rows = [r for r in tables[table] if r["meeting_id"] == meeting_id]
    key = "seq" if table == "items" else None
    return sorted(rows, key=lambda r: int(r[key])) if key else rows


def _labels_in_file(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [m.group(1) for line in text.splitlines() if (m := LABEL_IN_CELL.match(line.split("\t")[0]))]


def test_there_are_three_generated_months():
    assert len(MONTHS) >= 3


def test_each_file_is_one_meeting_on_the_date_its_name_gives(tables, meeting_of):
    assert len(tables["meetings"]) == 1 + len(MONTHS)
    assert {d["status"] for d in tables["documents"]} == {"ok"}
    dates = {m["meeting_id"]: m["date"] for m in tables["meetings"]}
    assert dates[meeting_of[SEED.name]] == SEED_DATE
    for path in MONTHS:
        # the Date line has no year ("Monday 27th June"): it comes from the title
        assert dates[meeting_of[path.name]] == path.stem.removeprefix("generated-assurance-"), path.name


def test_the_seeds_attendees_come_back_and_the_acting_acc_is_told_apart(tables, meeting_of):
    seed_people = {a["name"] for a in _rows(tables, "attendees", meeting_of[SEED.name])}
    for path in MONTHS:
        people = {a["name"]: a for a in _rows(tables, "attendees", meeting_of[path.name])}
        assert seed_people <= set(people), path.name
    july = {a["name"]: a for a in _rows(tables, "attendees", meeting_of["generated-assurance-2022-07-25.txt"])}
    assert july["Richard Cooper"]["status"] == "apologies"
    acting = [a for a in july.values() if a["abbrev"] == "T/ACCCV"]
    assert len(acting) == 1 and acting[0]["status"] == "present"
    assert acting[0]["person_id"] != july["Richard Cooper"]["person_id"]


@pytest.mark.parametrize("path", [SEED, *MONTHS], ids=lambda p: p.name)
def test_findings_are_extracted_with_the_labels_written(tables, meeting_of, path):
    expected = _labels_in_file(path)
    assert expected, "the fixture names no finding"
    items = _rows(tables, "items", meeting_of[path.name])
    assert [i["label"] for i in items if i["kind"] in ("afi", "recommendation")] == expected


def test_recurring_findings_keep_the_seeds_wording_and_the_other_report_does_not(tables, meeting_of):
    seed_text = {i["label"]: i["text"] for i in _rows(tables, "items", meeting_of[SEED.name]) if i["label"]}
    other_report = []
    for path in MONTHS:
        for item in _rows(tables, "items", meeting_of[path.name]):
            if item["kind"] not in ("afi", "recommendation", "cause_of_concern"):
                continue
            if item["section"] == VETTING:
                other_report.append(item)
            else:
                assert item["text"] == seed_text[item["label"]], (path.name, item["label"])
    # the same labels as the seed's findings, another inspection's texts
    assert {i["label"] for i in other_report} == {"AFI 1", "AFI 2"}
    assert all(i["text"] != seed_text[i["label"]] for i in other_report)


def test_sections_and_the_cause_of_concern_group(tables, meeting_of):
    for path in MONTHS:
        items = _rows(tables, "items", meeting_of[path.name])
        sections = {i["section"] for i in items}
        assert {"Areas for improvement (AFI)", "Cause of concern", "AOB"} <= sections, path.name
        concern = [i for i in items if i["kind"] == "cause_of_concern"]
        assert len(concern) == 1
        recs = [i for i in items if i["kind"] == "recommendation"]
        assert recs and all(r["parent_item_id"] == concern[0]["item_id"] for r in recs)
    september = _rows(tables, "items", meeting_of["generated-assurance-2022-09-26.txt"])
    assert VETTING in {i["section"] for i in september}


@pytest.mark.parametrize("path", MONTHS, ids=lambda p: p.name)
def test_every_question_is_answered_and_every_answer_has_a_speaker(tables, meeting_of, path):
    meeting = meeting_of[path.name]
    questions = _rows(tables, "questions", meeting)
    responses = _rows(tables, "responses", meeting)
    assert questions and responses
    answered = {r["question_id"] for r in responses}
    assert [q["text"] for q in questions if q["question_id"] not in answered] == []
    assert [r["text"] for r in responses if not r["question_id"]] == []
    assert [r["text"] for r in responses if not r["speaker"]] == []
    # the SPM asks too, not only the PCC
    assert {"PCC", "SPM"} <= {q["asker"] for q in questions}


@pytest.mark.parametrize("path", [SEED, *MONTHS], ids=lambda p: p.name)
def test_actions_have_their_owners_and_due_dates(tables, meeting_of, path):
    meeting = meeting_of[path.name]
    actions = _rows(tables, "actions", meeting)
    assert len(actions) == len(ACTION_CUE.findall(path.read_text(encoding="utf-8")))
    assert [(a["owner"], a["due_date"]) for a in actions] == ACTIONS[path.name]
    abbrevs = {a["abbrev"]: a["person_id"] for a in _rows(tables, "attendees", meeting)}
    for a in actions:
        if a["owner"] and "/" not in a["owner"]:
            assert a["owner_person_id"] == abbrevs[a["owner"]], a["text"]


def test_the_acting_accs_action_is_his(tables, meeting_of):
    meeting = meeting_of["generated-assurance-2022-07-25.txt"]
    acting = next(a["person_id"] for a in _rows(tables, "attendees", meeting) if a["abbrev"] == "T/ACCCV")
    owners = {a["owner"]: a["owner_person_id"] for a in _rows(tables, "actions", meeting)}
    assert owners["T/ACCCV"] == acting


def test_the_acting_acc_speaks_in_his_own_turn(tables, meeting_of):
    meeting = meeting_of["generated-assurance-2022-07-25.txt"]
    people = {a["abbrev"]: a["person_id"] for a in _rows(tables, "attendees", meeting)}
    acting = [r for r in _rows(tables, "responses", meeting) if r["text"].startswith("The T/ACCCV ")]
    # "The CC replied that … The T/ACCCV added that …": two turns, the second his
    assert acting and all((r["speaker"], r["speaker_person_id"]) == ("T/ACCCV", people["T/ACCCV"]) for r in acting)
    assert not [r for r in _rows(tables, "responses", meeting) if r["speaker_person_id"] == people["ACCCV"]]


def test_every_action_says_who_it_is_for(tables, meeting_of):
    # each action of the generated months names its recipient, at the end of its sentence too
    # ("DBS to share the vetting backlog recovery plan with the PCC.")
    for path in MONTHS:
        meeting = meeting_of[path.name]
        people = {a["abbrev"]: a["person_id"] for a in _rows(tables, "attendees", meeting)}
        for a in _rows(tables, "actions", meeting):
            assert a["recipient"] and a["recipient_person_id"] == people[a["recipient"]], a["text"]


def test_a_concern_held_on_is_the_pccs_question(tables, meeting_of):
    concerns = [q for path in MONTHS for q in _rows(tables, "questions", meeting_of[path.name])
                if q["text"].startswith("The PCC remained concerned")]
    assert concerns and {(q["asker"], q["asker_person_id"]) for q in concerns} == {("PCC", "p-john-campion")}


def test_every_file_is_listed_as_generated_in_the_manifest():
    rows = csv_rows(SERIES / "MANIFEST.csv")
    header = (ROOT / "tests" / "gold" / "documents" / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (SERIES / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()[0] == header
    listed = {r["path"]: r for r in rows}
    files = {p.name for p in SERIES.iterdir() if p.name not in ("README.md", "MANIFEST.csv")}
    assert files and files == set(listed)
    for name, row in listed.items():
        assert row["notes"].startswith("GENERATED:"), name
        # the file says so itself, in case it is copied out of this folder
        assert "GENERATED TEST FIXTURE" in (SERIES / name).read_text(encoding="utf-8"), name
