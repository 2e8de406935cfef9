"""Broken and hostile files (tests/bad_inputs.py) in one batch with good ones: each bad file
gets an honest status and reason, every input has its row, and the good files' records are
the same as in a batch of their own."""

from __future__ import annotations

import csv

import pytest

from pipeline.batch import run_batch
from pipeline.workers import Limits
from tests.bad_inputs import BAD_INPUTS, write_bad_inputs
from tests.conftest import FIXTURES, SEED

GOOD = [SEED, FIXTURES / "w3c-pm-wg-2026-05-07" / "source.html", FIXTURES / "kent-cabinet-2025-01-30" / "source.pdf"]

#: name → (status, reason, encoding or None, words the message must hold)
EXPECTED = {
    "empty.txt": ("failed", "empty_file", None, "empty"),
    "whitespace-only.txt": ("failed", "empty_file", None, "white space"),
    "bom-only.txt": ("failed", "empty_file", None, "byte-order mark"),
    "truncated.pdf": ("failed", "corrupt", None, "could not be opened"),
    "header-only.pdf": ("failed", "corrupt", None, "could not be opened"),
    # pdfminer rebuilds a broken cross-reference table by scanning the objects
    "broken-xref.pdf": ("ok", None, None, ""),
    "encrypted.pdf": ("failed", "encrypted", None, "password"),
    # an empty user password only restricts printing or copying: the text is there
    "encrypted-owner-only.pdf": ("ok", None, None, ""),
    "image-only.pdf": ("failed", "needs_ocr", None, "no text layer"),
    "flate-bomb.pdf": ("failed", "too_large", None, "decompression bomb"),
    "5000-pages.pdf": ("failed", "too_large", None, "5000 pages"),
    # the loop is cut by pdfminer; the one real page holds no text
    "page-tree-loop.pdf": ("failed", "needs_ocr", None, "no text layer"),
    "garbled-text.pdf": ("failed", "needs_ocr", None, "unreadable"),
    # read without error, but the letters make no language: reported, nothing published
    "shifted-letters.pdf": ("failed", "suspicious_output", None, "letter pairs"),
    "shifted-letters.txt": ("failed", "suspicious_output", None, "letter pairs"),
    # one page read, one not: its records kept, the missing page named
    "damaged-page.pdf": ("partial", "pages_unread", None, "page 2 of 2 could not be read"),
    "zip-bomb.docx": ("failed", "too_large", None, "zip bomb"),
    "xxe.docx": ("failed", "corrupt", None, "refused as unsafe"),
    "billion-laughs.docx": ("failed", "corrupt", None, "refused as unsafe"),
    "legacy-doc.docx": ("failed", "unsupported_type", None, "named .docx but holds a legacy Word .doc"),
    "encrypted.docx": ("failed", "encrypted", None, "password"),
    "truncated.docx": ("failed", "corrupt", None, "not a readable ZIP"),
    "no-document-xml.docx": ("failed", "corrupt", None, ""),
    "archive.zip": ("failed", "unsupported_type", None, "ZIP archives"),
    "archive-named.docx": ("failed", "unsupported_type", None, "named .docx but holds a ZIP archive"),
    # read without a RecursionError: a heading "Minutes" and text, but no date
    "nested-divs.html": ("partial", "no_meeting_date", "utf-8", "date"),
    # everything after "<!--" is hidden, as in a browser: nothing is left to read
    "unclosed-comment.html": ("failed", "no_meeting_found", None, "no meeting"),
    "script-only.html": ("failed", "no_meeting_found", None, "no meeting"),
    "huge-colspan.html": ("failed", "corrupt", None, "too large"),
    "cp1252.txt": ("ok", None, "cp1252", ""),
    "utf16-bom.txt": ("ok", None, "utf-16-le", ""),
    "utf8-bom.txt": ("ok", None, "utf-8-sig", ""),
    # the stray bytes become U+FFFD; the rest is UTF-8, not cp1252 mojibake
    "invalid-utf8.txt": ("ok", None, "utf-8", ""),
    "garbage.bin": ("failed", "unsupported_type", None, "binary"),
    "nul-bytes.txt": ("failed", "unsupported_type", None, "binary"),
    "one-long-line.txt": ("failed", "too_large", None, "without line breaks"),
    "minutes.rtf": ("failed", "unsupported_type", None, "Rich Text"),
    # the bytes decide the format; the name disagreeing is a warning given in the message
    "pdf-named.html": ("ok", None, None, "named .html but holds a PDF"),
    "html-named.pdf": ("ok", None, "utf-8", "named .pdf but holds an HTML page"),
}


def rows_of(path, column, keep):
    """The rows of a CSV (its header first) whose ``column`` is in ``keep``."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        index = header.index(column)
        return [header] + [row for row in reader if row[index] in keep]


@pytest.fixture(scope="module")
def batches(tmp_path_factory, rules):
    folder = tmp_path_factory.mktemp("bad")
    bad = write_bad_inputs(folder / "in")
    limits = Limits(timeout=60, max_memory=1 << 30)
    mixed = run_batch([*GOOD[:2], *bad.values(), GOOD[2]], rules, folder / "mixed", workers=2, limits=limits)
    alone = run_batch(GOOD, rules, folder / "alone", workers=2, limits=limits)
    return bad, mixed, alone


def test_every_bad_file_is_generated_and_expected():
    assert len(BAD_INPUTS) >= 30
    assert set(EXPECTED) == set(BAD_INPUTS)


def test_each_bad_file_gets_an_honest_status_and_reason(batches):
    bad, mixed, _ = batches
    by_source = {r.row.source_path: r.row for r in mixed.results}
    outcomes = {name: (by_source[str(path)].status, by_source[str(path)].reason) for name, path in bad.items()}
    assert outcomes == {name: (status, reason) for name, (status, reason, _, _) in EXPECTED.items()}
    for name, (status, _, encoding, words) in EXPECTED.items():
        row = by_source[str(bad[name])]
        assert words in (row.message or ""), name
        if encoding:
            assert row.encoding == encoding, name
        # a document is never ok with nothing in it
        assert (row.meetings > 0) == (status != "failed"), name


def test_files_read_despite_their_damage_keep_their_text(batches):
    bad, mixed, _ = batches
    meetings = {m.meeting.document_id: m for r in mixed.results for m in r.meetings}
    by_source = {r.row.source_path: r.row for r in mixed.results}
    for name in ("cp1252.txt", "utf16-bom.txt", "utf8-bom.txt", "invalid-utf8.txt", "pdf-named.html",
                 "html-named.pdf", "encrypted-owner-only.pdf", "broken-xref.pdf", "damaged-page.pdf"):
        meeting = meetings[by_source[str(bad[name])].document_id].meeting
        assert meeting.date == "2021-03-09", name
    cp1252 = (mixed.out_dir / "items.csv").read_text(encoding="utf-8")
    assert "three “quotes” costing up to £4,500" in cp1252  # decoded, not mojibake
    assert "â€œ" not in cp1252


def test_every_input_has_a_row_in_documents_csv(batches):
    bad, mixed, _ = batches
    rows = rows_of(mixed.out_dir / "documents.csv", "source_path", {str(p) for p in [*bad.values(), *GOOD]})
    assert len(rows) - 1 == len(bad) + len(GOOD)


def test_the_good_files_records_do_not_change_beside_bad_ones(batches):
    _, mixed, alone = batches
    good = {str(p) for p in GOOD}
    assert [r.row for r in mixed.results if r.row.source_path in good] == [r.row for r in alone.results]
    assert all(r.row.status != "failed" for r in alone.results)
    meeting_ids = {m.meeting.meeting_id for r in alone.results for m in r.meetings}
    compared = 0
    for table in sorted(alone.out_dir.glob("*.csv")):
        with table.open(encoding="utf-8") as f:
            header = f.readline().strip().split(",")
        if "meeting_id" not in header:
            continue
        assert rows_of(mixed.out_dir / table.name, "meeting_id", meeting_ids) == \
            rows_of(table, "meeting_id", meeting_ids), table.name
        compared += 1
    assert compared >= 10
