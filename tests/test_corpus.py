"""Every PDF, DOCX and HTML file of the shared corpus extracts without a crash and with an
honest status. The corpus is not part of the repository: the test runs where it sits
beside the checkout (../shared/corpus) or where MINUTES_CORPUS points, and says so when
it cannot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.run import process_document
from tests.conftest import ROOT

CORPUS = Path(os.environ.get("MINUTES_CORPUS", ROOT.parent / "shared" / "corpus"))
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix.lower() in (".pdf", ".docx", ".html")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS} (set MINUTES_CORPUS to run these)")

# what is known of some files beyond "minutes": the outcome each must have
EXPECTED = {
    "horsley-pc-draft-minutes-2014-03-18_191.pdf": ("failed", "needs_ocr"),  # fonts without a Unicode map
    "Appendix_J_-_Budget_Risk_Register.pdf": ("failed", "no_meeting_found"),  # a risk register, not minutes
    "chi_north_river_mental_health_minutes.html": ("failed", "no_meeting_found"),  # an index of minutes
    # a blank notice template: its "Date/Time:" field is empty, so the date comes from the
    # file's name; it is an agenda, its items are read
    "Notice-and-Agenda-001-2023-06-06.pdf": ("ok", None),
}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_extracts_with_an_honest_status(path, rules):
    result = process_document(path, rules)
    row = result.row
    assert row.reason != "internal_error", row.message
    if path.name in EXPECTED:
        assert (row.status, row.reason) == EXPECTED[path.name], row.message
    else:
        assert row.status == "ok", (row.reason, row.message)
        assert result.meetings and all(m.meeting.date for m in result.meetings)
        assert sum(len(m.items) for m in result.meetings) > 0


@pytest.fixture(scope="module")
def series_out(tmp_path_factory, rules):
    """Kent County Council's and W3C's minutes (two real series) extracted as one run."""
    from pipeline.batch import run_batch

    files = sorted(p for folder in ("kent-county-council", "w3c-publishingcg", "w3c-pm-wg")
                   for p in (CORPUS / folder).glob("*") if p.suffix.lower() in (".pdf", ".html", ".md"))
    out = tmp_path_factory.mktemp("series")
    run_batch(files, rules, out)
    return out


def test_real_series_threads_stay_within_their_series(series_out):
    import csv

    def read(name):
        with (series_out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    series = {m["meeting_id"]: m["series"] for m in read("meetings")}
    items = {i["item_id"]: i for i in read("items")}
    by_thread = {}
    for row in read("threads"):
        by_thread.setdefault(row["thread_id"], []).append(row)
    for rows in by_thread.values():
        assert len({series[r["meeting_id"]] for r in rows}) == 1
        assert len({r["meeting_id"] for r in rows}) == len(rows)
    # Kent's budget: the provisional settlement in January's council, the draft budget at the
    # end of the month, read as one matter
    budget = [rows for rows in by_thread.values()
              if any("Finance Settlement" in (items[r["item_id"]]["title"] or "") for r in rows)]
    assert budget and len(budget[0]) >= 2
