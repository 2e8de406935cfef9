"""The fast PDF engine's own hard cases, on GENERATED PDFs (tests/readers/pdf_builder.py).

Each file places its characters the way a real file did where pdfium's text page and
pdfminer part ways (the real files are named in the comments; they are in the corpus, not
in the checkout). pdfplumber's words are the reference: the test first checks that
pdfplumber reads the words the case is about, then that the engine reads the same.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from pipeline.readers import pdf_pdfium
from pipeline.readers.pdf_fonts import spellings
from tests.readers.pdf_builder import build_pdf, helvetica, truetype

HELVETICA = {"F1": helvetica()}

CASES = {
    # Kent Cabinet 30 Jan 2025: "(m)", a space in a TJ of its own (a text object that paints
    # nothing, which pdfium's text page leaves out), then "In" where the space ends
    "a space in a text object of its own": (
        "BT /F1 12 Tf 100 700 Td [(\\(m\\))] TJ ET BT /F1 12 Tf 117.988 700 Td [( )] TJ ET"
        " BT /F1 12 Tf 117.99 700 Td [(In February)] TJ ET",
        HELVETICA, ["(m)", "In", "February"]),
    # Suffolk board 11 Sep 2012: "26", a superscript "th", two spaces in one TJ (the first
    # before "th", the second after it: pdfium keeps the first), then "July"
    "the second of two spaces": (
        "BT /F1 12 Tf 100 700 Td (Minutes of 26) Tj ET BT /F1 7 Tf 180.2 704 Td (th) Tj ET"
        " BT /F1 12 Tf 180.0 700 Td [( ) -150 ( )] TJ ET BT /F1 12 Tf 186.3 700 Td (July) Tj ET",
        HELVETICA, ["Minutes", "of", "26", "th", "July"]),
    # the same, the second space leading the next text object, right after a space in the
    # stream ("th" is drawn last): pdfium leaves it out, as the character before is a space
    "a leading space after a space": (
        "BT /F1 12 Tf 100 700 Td (Minutes of 26 ) Tj ET BT /F1 12 Tf 176.0 700 Td ( July) Tj ET"
        " BT /F1 7 Tf 172.3 704 Td (th) Tj ET",
        HELVETICA, ["Minutes", "of", "26", "th", "July"]),
    # ISC billfish workshop 2021: an italic "f" whose ink reaches over the space after it
    # (here the space is pulled back by character spacing): no second space there, and
    # "Alternative" is one word
    "an italic letter over the space after it": (
        "BT /F1 12 Tf -2 Tc 100 700 Td (of ) Tj ET BT /F1 12 Tf 0 Tc 112.32 700 Td (Alternative) Tj ET",
        {"F1": truetype("VeraBI", True, style="BI")}, ["of", "Alternative"]),
    # ISC billfish workshop 2021: two dictionaries naming TimesNewRomanPSMT, one embedded:
    # one font for pdfminer, so "(" and "ISC/21)" are one word
    "one font name in two dictionaries": (
        "BT /F1 12 Tf 100 700 Td (\\() Tj ET BT /F2 12 Tf 104.69 700 Td (ISC/21\\)) Tj ET",
        {"F1": truetype("Vera", False), "F2": truetype("Vera", True)}, ["(ISC/21)"]),
    # Suffolk Libraries minutes 2015: two subsets of one font, their tags differ (pdfium
    # drops them): "2" and a superscript "nd" are two words for pdfminer
    "two subsets of one font": (
        "BT /F1 12 Tf 100 700 Td (2) Tj ET BT /F2 8 Tf 107.63 704 Td (nd) Tj ET",
        {"F1": truetype("AAAAAA+Vera", True), "F2": truetype("BBBBBB+Vera", True)}, ["2", "nd"]),
}


@pytest.mark.parametrize("content, fonts, expected", CASES.values(), ids=CASES.keys())
def test_the_fast_engine_reads_the_words_pdfplumber_reads(content, fonts, expected):
    data = build_pdf([content], fonts)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        reference = [w["text"] for w in pdf.pages[0].extract_words(extra_attrs=["fontname"], keep_blank_chars=False)]
    assert reference == expected  # the file is the case it says it is
    assert [w[0] for w in pdf_pdfium.read_pages(data)[0].words] == reference


def test_the_reference_words_keep_their_boxes():
    """The spaces put back part words; they add no word and move none."""
    content, fonts, _ = CASES["the second of two spaces"]
    data = build_pdf([content], fonts)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        reference = [(w["text"], round(w["x0"], 2), round(w["x1"], 2))
                     for w in pdf.pages[0].extract_words(extra_attrs=["fontname"], keep_blank_chars=False)]
    ours = [(w[0], round(w[1], 2), round(w[3], 2)) for w in pdf_pdfium.read_pages(data)[0].words]
    assert ours == reference


def test_pdfminer_names_an_alias_of_a_standard_font_by_the_standard_font():
    """pdfminer names a simple font called Arial "Helvetica" (its metrics are
    Helvetica's), embedded or not; other names come from the font's descriptor."""
    data = build_pdf(["BT /F1 12 Tf 100 700 Td (a) Tj /F2 12 Tf (b) Tj /F3 12 Tf (c) Tj ET"],
                     {"F1": truetype("Arial", False), "F2": truetype("BBBBBB+Vera", True), "F3": truetype("Vera", False, "Vera-Roman")})
    found = spellings(data)
    assert found["Arial"].not_embedded == {"Helvetica"}
    assert found["Vera"].embedded == {"BBBBBB+Vera"}
    assert found["Vera"].not_embedded == {"Vera-Roman"}


def test_fonts_pdfminer_cannot_read_leave_the_names_to_pdfium():
    assert spellings(b"%PDF-1.4 not really") == {}


def _sideways_content(rotation: int) -> str:
    """A line of text over a ruled box of two cells, drawn upright as the page is shown
    when the page is turned by ``rotation`` (595 x 842 points)."""
    height = 595 if rotation in (90, 270) else 842
    undo = {0: "1 0 0 1 0 0", 90: "0 1 -1 0 595 0", 180: "-1 0 0 -1 595 842", 270: "0 -1 1 0 0 842"}[rotation]
    lines = " ".join(f"{x0} {y0} m {x1} {y1} l S" for x0, y0, x1, y1 in (
        (72, height - 150, 372, height - 150), (72, height - 180, 372, height - 180),
        (72, height - 150, 72, height - 180), (222, height - 150, 222, height - 180), (372, height - 150, 372, height - 180)))
    return (f"q {undo} cm BT /F1 12 Tf 72 {height - 72} Td (Risk register and action log) Tj ET {lines}"
            f" BT /F1 10 Tf 80 {height - 170} Td (Clerk) Tj 150 0 Td (April) Tj ET Q")


@pytest.mark.parametrize("origin", [(0, 0), (9, 7)], ids=["box at the origin", "box off the origin"])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_words_and_cells_of_a_turned_page_are_where_pdfplumber_puts_them(rotation, origin):
    """A page turned by /Rotate, its media box at the origin or not: the same words at
    the same places (pdfplumber's coordinates, however odd off the origin), the same cells."""
    data = build_pdf([_sideways_content(rotation)], {"F1": truetype("Vera", True)}, size=(595, 842),
                     rotate={0: rotation}, origin=origin)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        reference = [(w["text"], round(w["x0"], 1), round(w["top"], 1), round(w["x1"], 1), round(w["bottom"], 1))
                     for w in page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False)]
        reference_cells = [sorted(tuple(round(v, 1) for v in c) for c in t.cells) for t in page.find_tables()]
    assert [w[0] for w in reference] == ["Risk", "register", "and", "action", "log", "Clerk", "April"]
    read = pdf_pdfium.read_pages(data)[0]
    assert read.declined is None
    assert [(w[0], round(w[1], 1), round(w[2], 1), round(w[3], 1), round(w[4], 1)) for w in read.words] == reference
    cells = [sorted(tuple(round(v, 1) for v in c) for c in t.cells) for t in pdf_pdfium.find_tables(read, {})]
    assert len(cells) == 1 and cells == reference_cells
