"""Following matters across meetings on a series: the seed and three GENERATED later months
(tests/fixtures/generated-assurance-series, see its README). The expected findings per
month are read from the fixture files themselves, so the tests fail when threading does."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import app
from tests.helpers import csv_rows
from tests.conftest import FIXTURES, SEED

SERIES = FIXTURES / "generated-assurance-series"
MONTHS = sorted(SERIES.glob("generated-assurance-*.txt"))
# a finding's label at the start of its row's first cell, and the section rows above it
LABEL_IN_CELL = re.compile(r"^(?:<p>)?((?:AFI|Recommendation) \d+):\s*(.*?)(?:</p>)?\t")
VETTING = "Vetting and counter-corruption"


def findings_in(path: Path) -> list[tuple[str, bool]]:
    """(label, from the vetting report) of each finding row of a file, in order."""
    found, vetting = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        # section rows: "Areas for improvement (AFI)", "<p>Areas for improvement – Vetting …</p>"
        if re.match(r"(?:<p>)?(?:Areas for improvement|Cause of concern)", line):
            vetting = VETTING in line
        m = LABEL_IN_CELL.match(line)
        if m:
            found.append((m.group(1), vetting))
    return found



@pytest.fixture(scope="module")
def out(tmp_path_factory, rules) -> Path:
    out = tmp_path_factory.mktemp("series")
    result = run_batch([SEED, *MONTHS], rules, out)
    assert not result.failed
    return out


@pytest.fixture(scope="module")
def tables(out) -> dict[str, list[dict[str, str]]]:
    return {p.stem: csv_rows(p) for p in out.glob("*.csv")}


def test_the_fixture_has_findings_that_recur_and_a_reused_label():
    per_month = [findings_in(p) for p in [SEED, *MONTHS]]
    assert all(per_month)
    assert any(vetting for month in per_month for _, vetting in month)
    assert set.intersection(*({label for label, v in month if not v} for month in per_month))


def test_each_finding_is_one_thread_across_every_meeting_it_comes_back_in(tables):
    items = {i["item_id"]: i for i in tables["items"]}
    dates = {m["meeting_id"]: m["date"] for m in tables["meetings"]}
    by_thread = defaultdict(list)
    for row in tables["threads"]:
        by_thread[row["thread_id"]].append(row)
    # where each (label, report) was discussed, from the files
    expected = defaultdict(list)
    for path, meeting_date in zip([SEED, *MONTHS], sorted(set(dates.values()))):
        for label, vetting in findings_in(path):
            expected[(label, vetting)].append(meeting_date)
    found = {}
    for rows in by_thread.values():
        labels = {items[r["item_id"]]["label"] for r in rows if items[r["item_id"]]["kind"] in ("afi", "recommendation")}
        if not labels:
            continue
        assert len(labels) == 1, f"a thread mixes {labels}"
        sections = {VETTING in (items[r["item_id"]]["section"] or "") for r in rows}
        assert len(sections) == 1, f"a thread mixes two reports' {labels}"
        found[(labels.pop(), sections.pop())] = sorted(dates[r["meeting_id"]] for r in rows)
    assert found == dict(expected)
    # the same AFI in all four meetings is one thread of four
    assert any(len(d) == 4 for d in found.values())


def test_the_standing_cause_of_concern_is_followed_by_similarity(tables):
    items = {i["item_id"]: i for i in tables["items"]}
    cause = [r for r in tables["threads"] if items[r["item_id"]]["kind"] == "cause_of_concern"]
    assert len({r["thread_id"] for r in cause}) == 1
    assert [r["link"] for r in sorted(cause, key=lambda r: int(r["seq"]))][1:] == ["similarity"] * (len(cause) - 1)


def test_the_action_log_follows_each_action_to_its_current_status(tables):
    actions = {a["action_id"]: a for a in tables["actions"]}
    log = defaultdict(list)
    for row in tables["action_log"]:
        log[row["action_id"]].append(row)
    assert set(log) == set(actions)
    status = {actions[a]["text"]: rows[0]["current_status"] for a, rows in log.items()}
    events = {actions[a]["text"]: [r["event"] for r in sorted(rows, key=lambda r: int(r["seq"]))]
              for a, rows in log.items()}
    desk = next(k for k in status if "vulnerability desk" in k)
    slides = next(k for k in status if "slide pack" in k)
    assert events[desk][0] == "raised" and "completed" in events[desk]
    assert status[desk] == "complete" and status[slides] == "complete"
    # the June action due 31 August that September reports not received
    figures = next(k for k in status if "training completion" in k)
    assert status[figures] == "overdue" and "overdue" in events[figures]
    # September's new actions have no later meeting: still open
    last = max(m["date"] for m in tables["meetings"])
    raised_last = [a for a in actions.values() if a["meeting_id"] in {m["meeting_id"] for m in tables["meetings"]
                                                                     if m["date"] == last}]
    assert raised_last and all(log[a["action_id"]][0]["current_status"] == "open" for a in raised_last)


def test_concerns_ranks_topics_seen_in_several_meetings_first(out):
    result = CliRunner().invoke(app, ["concerns", "--data", str(out), "--by", "topic", "--top", "0", "--csv"])
    assert result.exit_code == 0, result.output
    ranked = list(csv.DictReader(io.StringIO(result.stdout)))
    meetings = [int(r["meetings"]) for r in ranked]
    assert meetings == sorted(meetings, reverse=True)
    assert meetings[0] == 4 and meetings[-1] < meetings[0]
    assert [int(r["rank"]) for r in ranked] == list(range(1, len(ranked) + 1))


def test_concerns_prints_a_table_with_threads_and_topics(out):
    result = CliRunner().invoke(app, ["concerns", "--data", str(out), "--top", "5"])
    assert result.exit_code == 0, result.output
    assert "recurring concerns in" in result.stdout and "4 meetings, 1 series" in result.stdout
    assert "longest run" in result.stdout
    assert re.search(r"^\s*1\s+(topic|thread)\s", result.stdout, re.M)


def test_concerns_without_a_dataset_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["concerns", "--data", str(tmp_path / "nothing")])
    assert result.exit_code == 2
