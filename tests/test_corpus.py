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
