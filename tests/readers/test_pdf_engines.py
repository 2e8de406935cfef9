"""The fast PDF engine (pdfium) against the reference (pdfplumber).

Every PDF among the fixtures, and in the corpus when it is beside the checkout, is
processed by both engines; the records (every table of every meeting, and the document's
row) must be the same. A file known to differ would be listed in KNOWN_DIFFERENCES with
its reason, as a strict expected failure (the day it agrees, the test says so); none is.
The engine's own cases (spaces pdfium's text page leaves out, fonts pdfium names
otherwise than pdfminer) are tested on generated PDFs in tests/readers/test_pdfium_engine.py.
"""

from __future__ import annotations

import io
import os
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from pipeline.readers import pdf as pdf_reader
from pipeline.readers import pdf_pdfium
from pipeline.readers.pdf_words import words_from_chars
from pipeline.run import process_document
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = Path(os.environ.get("MINUTES_CORPUS", ROOT.parent / "shared" / "corpus"))

# file name -> why the engines' records differ (see the module's docstring); none known now
KNOWN_DIFFERENCES: dict[str, str] = {}
# the fixtures copied from the corpus keep their manifest line: the corpus name is in it
FIXTURE_ORIGINS = {"suffolk-board-2012-09-11": "board-meeting-minutes-2012-09-11.pdf",
                   "kent-cabinet-2025-01-30": "Printed_minutes_30th-Jan-2025_10.00_Cabinet.pdf"}


def _pdfs() -> list:
    found = sorted(FIXTURES.glob("**/*.pdf"))
    if CORPUS.is_dir():
        found += sorted(CORPUS.glob("*/*.pdf"))
    params = []
    for path in found:
        name = FIXTURE_ORIGINS.get(path.parent.name, path.name)
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name])] if name in KNOWN_DIFFERENCES else []
        params.append(pytest.param(path, id=str(path.relative_to(path.parents[1])), marks=marks))
    return params


def _engine(rules, name: str):
    return replace(rules, pdf=replace(rules.pdf, engine=name))


@pytest.mark.parametrize("path", _pdfs())
def test_both_engines_give_the_same_records(path, rules):
    fast = process_document(path, _engine(rules, "pdfium"), source=str(path))
    reference = process_document(path, _engine(rules, "pdfplumber"), source=str(path))
    assert fast.row == reference.row
    assert [asdict(m) for m in fast.meetings] == [asdict(m) for m in reference.meetings]


def test_the_fast_engine_read_the_fixture_itself(rules):
    """The comparison above means something only if pdfium really read the file."""
    path = FIXTURES / "suffolk-board-2014-01-30" / "source.pdf"
    document = pdf_reader.read_pdf(path.read_bytes(), str(path), "0" * 64, _engine(rules, "pdfium"))
    assert document.layout.startswith("pdfium")
    assert pdf_reader.read_pdf(path.read_bytes(), str(path), "0" * 64, _engine(rules, "pdfplumber")).layout.startswith("pdfplumber")


def test_words_grouped_as_pdfplumber_groups_them():
    """pdfplumber's own characters, grouped by our word builder and by pdfplumber's."""
    import pdfplumber

    path = FIXTURES / "kent-cabinet-2025-01-30" / "source.pdf"
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:4]:
            chars = [(c["text"], c["x0"], c["top"], c["x1"], c["bottom"], c["fontname"], c["fontname"]) for c in page.chars]
            ours = [(w[0], round(w[1], 3), round(w[2], 3), round(w[3], 3), round(w[4], 3)) for w in words_from_chars(chars)]
            theirs = [(w["text"], round(w["x0"], 3), round(w["top"], 3), round(w["x1"], 3), round(w["bottom"], 3))
                      for w in page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False)]
            assert len(theirs) > 50
            assert ours == theirs


def test_no_text_from_pdfium_asks_pdfplumber_before_needs_ocr(rules, monkeypatch):
    """A second engine reads a PDF the first found no text in (here pdfium is made to
    find none; pdfplumber then reads the real text)."""
    real = pdf_pdfium.read_pages

    def blind(data):
        return [replace(page, words=[]) for page in real(data)]

    monkeypatch.setattr(pdf_pdfium, "read_pages", blind)
    path = FIXTURES / "suffolk-board-2014-01-30" / "source.pdf"
    document = pdf_reader.read_pdf(path.read_bytes(), str(path), "0" * 64, _engine(rules, "pdfium"))
    assert document.layout.startswith("pdfplumber")
    assert "Board" in " ".join(b.text for b in document.blocks if hasattr(b, "text"))


def test_a_document_pdfium_declines_is_read_by_pdfplumber(rules, monkeypatch):
    def declines(data):
        raise pdf_pdfium.EngineDeclined("a page is rotated")

    monkeypatch.setattr(pdf_pdfium, "read_pages", declines)
    path = FIXTURES / "suffolk-board-2014-01-30" / "source.pdf"
    document = pdf_reader.read_pdf(path.read_bytes(), str(path), "0" * 64, _engine(rules, "pdfium"))
    assert document.layout.startswith("pdfplumber") and document.blocks


def test_rules_refuse_an_unknown_engine(tmp_path):
    import shutil

    from pipeline.rules import RulesError, load_rules

    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "pdf.yaml"
    path.write_text(path.read_text().replace("engine: pdfium", "engine: mupdf"))
    with pytest.raises(RulesError, match="engine"):
        load_rules(tmp_path / "rules")


def test_pdfium_reports_glyphs_without_a_unicode_map_instead_of_reading_codes(rules):
    """Horsley's minutes are set in fonts that map no glyph to a character: pdfium would
    give their codes as text. They are marked unreadable, so pdfplumber is asked and the
    file needs OCR, as with the reference engine (not a "meeting" of nonsense)."""
    data = (FIXTURES / "horsley-pc-2014-03-18" / "source.pdf").read_bytes()
    pages = pdf_reader._pdfium_pages(data, rules.pdf)
    assert pages and sum(len(p.words) for p in pages) > 100  # pdfium did read the page
    assert "unmapped glyphs" in pdf_reader._text_problem(pages, rules.pdf)
    with pytest.raises(pdf_reader.ReaderError) as failed:
        pdf_reader.read_pdf(data, "horsley.pdf", "0" * 64, _engine(rules, "pdfium"))
    assert failed.value.reason == "needs_ocr"


def test_a_pypdfium2_without_the_expected_handle_leaves_pdfs_to_pdfplumber(rules, monkeypatch):
    def moved():
        raise AttributeError("module 'pypdfium2_raw.bindings' has no attribute '_libs'")

    monkeypatch.setattr(pdf_pdfium, "_FN", None)
    monkeypatch.setattr(pdf_pdfium, "_functions", moved)
    path = FIXTURES / "suffolk-board-2014-01-30" / "source.pdf"
    document = pdf_reader.read_pdf(path.read_bytes(), str(path), "0" * 64, _engine(rules, "pdfium"))
    assert document.layout.startswith("pdfplumber") and document.blocks


def _turned_page(rotation: int, lines: list[str], rows: list[tuple[str, str]]) -> str:
    """A page's content laid out as the page is shown (landscape when turned by 90 or 270
    degrees: an action table printed sideways), drawn through the matrix that undoes the
    page's /Rotate; lines of text, then a ruled table of two columns."""
    width, height = (842, 595) if rotation in (90, 270) else (595, 842)
    undo = {0: "1 0 0 1 0 0", 90: "0 1 -1 0 595 0", 180: "-1 0 0 -1 595 842", 270: "0 -1 1 0 0 842"}[rotation]
    body = [f"q {undo} cm"]
    body += [f"BT /F1 12 Tf 72 {height - 72 - 18 * i} Td ({line}) Tj ET" for i, line in enumerate(lines)]
    top = height - 100 - 18 * len(lines)
    for i in range(len(rows) + 1):
        body.append(f"72 {top - 24 * i} m {width - 72} {top - 24 * i} l S")
    for x in (72, 400, width - 72):
        body.append(f"{x} {top} m {x} {top - 24 * len(rows)} l S")
    for i, (action, owner) in enumerate(rows):
        body.append(f"BT /F1 10 Tf 78 {top - 24 * i - 16} Td ({action}) Tj 328 0 Td ({owner}) Tj ET")
    return " ".join(body + ["Q"])


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_turned_by_rotate_is_read_as_shown_by_pdfium_as_by_pdfplumber(rotation, rules):
    """A landscape page printed sideways (/Rotate, its content drawn turned) reads as it
    is shown, by pdfium itself, with the records pdfplumber gives."""
    import pdfplumber

    from tests.readers.pdf_builder import build_pdf, truetype

    rows = [("Action", "Owner"), ("Clerk to instruct the roofer", "Clerk"), ("Review the hall bookings", "Cllr Quenby")]
    data = build_pdf([_turned_page(0, ["Minutes of the Meeting of Elmbridge Parish Council",
                                       "held on Tuesday 9 March 2021 at 7.30 pm", "Present: Cllr Ada Quenby (Chair)",
                                       "1. Village hall roof", "The quotes were considered."], []),
                      _turned_page(rotation, ["Appendix A: actions arising"], rows)],
                     {"F1": truetype("Vera", True)}, rotate={1: rotation})
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the file is the case: pdfplumber reads it as shown
        assert "Clerk to instruct the roofer Clerk" in pdf.pages[1].extract_text()
    fast = pdf_reader.read_pdf(data, "generated.pdf", "0" * 64, _engine(rules, "pdfium"))
    reference = pdf_reader.read_pdf(data, "generated.pdf", "0" * 64, _engine(rules, "pdfplumber"))
    assert fast.layout.startswith("pdfium:")

    def outline(doc):
        return [(type(b).__name__, b.text if hasattr(b, "text") else [[c.text for c in r.cells] for r in b.rows], b.prov.page)
                for b in doc.blocks]

    assert outline(fast) == outline(reference)
    assert ("Table", [list(r) for r in rows], 2) in outline(fast)


def _turned_copy(source: Path, rotation: int) -> bytes:
    """A GENERATED rendering of a real PDF printed sideways: each page drawn, as a form
    XObject turned against the page's /Rotate, on a page of the swapped size, so that it
    shows as the original does."""
    import pypdfium2 as pdfium

    original, turned = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    for index in range(len(original)):
        width, height = original[index].get_size()
        drawn = original.page_as_xobject(index, turned).as_pageobject()
        undo = {90: (0, 1, -1, 0, height, 0), 270: (0, -1, 1, 0, 0, width)}[rotation]
        drawn.transform(pdfium.PdfMatrix(*undo))
        page = turned.new_page(height, width)
        page.insert_obj(drawn)
        page.gen_content()
        page.set_rotation(rotation)
    out = io.BytesIO()
    turned.save(out)
    return out.getvalue()


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_real_table_heavy_pdf_printed_sideways_reads_as_the_original(rotation, rules, tmp_path):
    source = FIXTURES / "suffolk-board-2012-09-11" / "source.pdf"
    path = tmp_path / "turned.pdf"
    path.write_bytes(_turned_copy(source, rotation))
    fast = process_document(path, _engine(rules, "pdfium"))
    reference = process_document(path, _engine(rules, "pdfplumber"))
    assert fast.document.layout.startswith("pdfium:")
    assert fast.row == reference.row
    assert [asdict(m) for m in fast.meetings] == [asdict(m) for m in reference.meetings]
    original = process_document(source, rules)

    def items(result):
        return [(i.number, i.label, i.text, i.page_start) for m in result.meetings for i in m.items]

    assert len(items(original)) >= 10
    assert items(fast) == items(original)


def test_a_page_with_text_not_upright_as_shown_is_read_by_pdfplumber(rules, monkeypatch):
    """pdfium declines a page whose text does not stand upright as the page is shown
    (pdfminer groups such characters otherwise): only that page goes to pdfplumber, and
    the document reads as pdfplumber alone reads it."""
    import pdfplumber

    from tests.readers.pdf_builder import build_pdf, helvetica

    def page(lines):
        return " ".join(f"BT /F1 12 Tf 72 {720 - 18 * i} Td ({line}) Tj ET" for i, line in enumerate(lines))

    data = build_pdf([page(["Minutes of the Board", "held on 9 March 2021"]),
                      page(["Appendix A: the budget", "Staffing 1,200"]),
                      page(["1. Apologies", "None were received."])], {"F1": helvetica()}, rotate={1: 90})
    extracted = []
    real = pdfplumber.page.Page.extract_words

    def counted(self, *args, **kwargs):
        extracted.append(self.page_number)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", counted)
    fast = pdf_reader.read_pdf(data, "generated.pdf", "0" * 64, _engine(rules, "pdfium"))
    assert fast.layout.startswith("pdfium (pdfplumber for page 2)")
    assert extracted == [2]
    reference = pdf_reader.read_pdf(data, "generated.pdf", "0" * 64, _engine(rules, "pdfplumber"))

    def outline(doc):  # boxes aside: pdfium's stand-in for Helvetica has another descent
        return [(b.kind, b.text, b.prov.page) for b in doc.blocks]

    assert outline(fast) == outline(reference)
    assert any(page == 2 and "Appendix" in text for _, text, page in outline(fast))
