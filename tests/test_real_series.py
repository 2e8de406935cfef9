"""Following matters across a real series: four Suffolk Libraries board meetings, 2012–2015
(tests/fixtures/suffolk-board-*, copies of the shared corpus, each with its manifest line in
SOURCE.md). What is asserted was read in the minutes themselves: the General Manager's
report is a standing item of every board; the Standing Orders drafted in 2012 were adopted
in 2015."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import app
from tests.helpers import csv_rows
from tests.conftest import FIXTURES

BOARDS = sorted(FIXTURES.glob("suffolk-board-*/source.pdf"))



@pytest.fixture(scope="module")
def out(tmp_path_factory, rules) -> Path:
    out = tmp_path_factory.mktemp("suffolk")
    result = run_batch(BOARDS, rules, out)
    assert not result.failed
    return out


@pytest.fixture(scope="module")
def tables(out):
    return {p.stem: csv_rows(p) for p in out.glob("*.csv")}


def threads_by_title(tables) -> dict[str, list[tuple[str, str, str]]]:
    """Each thread's (date, title, link) rows, keyed by thread id."""
    items = {i["item_id"]: i for i in tables["items"]}
    threads = defaultdict(list)
    for row in tables["threads"]:
        threads[row["thread_id"]].append((row["date"], items[row["item_id"]]["title"] or "", row["link"]))
    return {k: sorted(v) for k, v in threads.items()}


def test_four_board_meetings_are_one_series(tables):
    assert len(BOARDS) == 4
    assert len(tables["meetings"]) == 4
    assert len({m["series"] for m in tables["meetings"]}) == 1


def test_the_general_managers_report_is_one_thread_across_the_years(tables):
    threads = threads_by_title(tables).values()
    manager = [t for t in threads if any("General Manager" in title for _, title, _ in t)]
    assert len(manager) == 1
    dates = [d for d, _, _ in manager[0]]
    assert dates[:3] == ["2012-09-11", "2013-03-26", "2014-01-30"]
    assert {link for _, _, link in manager[0][1:]} <= {"heading", "similarity"}


def test_the_standing_orders_drafted_in_2012_and_adopted_in_2015_are_one_thread(tables):
    threads = threads_by_title(tables).values()
    orders = [t for t in threads if any("Standing Orders" in title for _, title, _ in t)]
    assert len(orders) == 1 and [d for d, _, _ in orders[0]] == ["2012-09-11", "2015-09-24"]


def test_no_thread_holds_two_items_of_one_meeting(tables):
    seen = defaultdict(set)
    for row in tables["threads"]:
        assert row["meeting_id"] not in seen[row["thread_id"]]
        seen[row["thread_id"]].add(row["meeting_id"])


def test_procedural_items_are_not_threaded(tables):
    threaded = {r["item_id"] for r in tables["threads"]}
    procedural = [i for i in tables["items"] if i["kind"] in ("apologies", "declarations", "previous_minutes",
                                                              "next_meeting", "aob")]
    assert procedural and not threaded & {i["item_id"] for i in procedural}


def test_concerns_ranks_what_came_back_first(out):
    result = CliRunner().invoke(app, ["concerns", "--data", str(out), "--top", "0", "--csv"])
    assert result.exit_code == 0, result.output
    ranked = list(csv.DictReader(io.StringIO(result.stdout)))
    meetings = [int(r["meetings"]) for r in ranked]
    assert meetings == sorted(meetings, reverse=True) and meetings[0] >= 3
    threads = [r for r in ranked if r["kind"] == "thread"]
    assert threads and all(int(r["meetings"]) >= 2 for r in threads)
