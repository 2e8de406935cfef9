"""The DOCX reader: body order, kinds, marks, list numbers, table grids, pages, furniture.

Every .docx in the unit tests below is GENERATED here with python-docx, with raw
WordprocessingML put into the body (or numbering, headers, package) where python-docx
cannot make the structure: merged cells, numbering overrides, text boxes, rendered page
breaks, a main part named document2.xml. None of them is a real document. The real files
are the three corpus documents under tests/fixtures/, checked at the end of this module.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import date

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from pipeline.document import Table, TextBlock
from pipeline.errors import ReaderError
from pipeline.outline import outline_document
from pipeline.readers import read_bytes
from pipeline.readers.docx import read_docx
from pipeline.readers.docx_numbering import format_number
from tests.conftest import FIXTURES
from tests.golden import check_golden
from tests.helpers import table_of

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


# --- generated documents ---------------------------------------------------------------------


def r(text: str, rpr: str = "") -> str:
    """A run of text with optional run properties."""
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph of runs (plain strings become plain runs)."""
    content = "".join(x if x.startswith("<") else r(x) for x in runs)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def num_p(text: str, num_id: int, ilvl: int = 0) -> str:
    """A paragraph numbered with ``num_id`` at level ``ilvl``."""
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def tc(*content: str, tcpr: str = "") -> str:
    """A table cell; plain strings become paragraphs."""
    body = "".join(x if x.startswith("<") else p(x) for x in content) or "<w:p/>"
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def lvl(ilvl: int, fmt: str = "decimal", text: str = "%1.", start: int | None = 1, extra: str = "") -> str:
    """A numbering level (``w:lvl``)."""
    start_xml = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}">{start_xml}<w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, start: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'


def make_docx(body: str = "", numbering: str | None = None, styles: str = "", setup=None) -> bytes:
    """A .docx generated with python-docx: ``setup(document)`` uses python-docx's API, then
    ``body`` (raw WordprocessingML) goes at the end of the body, ``numbering`` replaces the
    list definitions and ``styles`` adds style definitions."""
    document = docx.Document()
    if setup is not None:
        setup(document)
    section = document.element.body.find(qn("w:sectPr"))
    for el in parse_xml(f"<w:body {NS}>{body}</w:body>"):
        section.addprevious(el)
    if numbering is not None:
        root = document.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        for el in parse_xml(f"<w:numbering {NS}>{numbering}</w:numbering>"):
            root.append(el)
    for el in parse_xml(f"<w:styles {NS}>{styles}</w:styles>"):
        document.styles.element.append(el)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(data: bytes):
    """The generated file read through the format sniffer, as the pipeline reads it."""
    return read_bytes(data, "generated.docx")


def rezip(data: bytes, replace: dict[str, bytes | None] | None = None, rename: dict[str, str] | None = None) -> bytes:
    """The package with parts replaced (None removes one) and renamed."""
    replace, rename = replace or {}, rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            content = replace.get(name, src.read(name))
            if content is not None:
                dst.writestr(rename.get(name, name), content)
    return out.getvalue()


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, TextBlock)]


def grid(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


LRPB = "<w:r><w:lastRenderedPageBreak/></w:r>"
PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


# --- body order and wrappers -------------------------------------------------------------------


def test_paragraphs_and_tables_come_in_body_order():
    doc = read(make_docx(p("Before") + tbl(tr(tc("A"), tc("B")), cols=2) + p("After")))
    assert [type(b).__name__ for b in doc.blocks] == ["TextBlock", "Table", "TextBlock"]
    assert [doc.blocks[0].text, grid(doc.blocks[1]), doc.blocks[2].text] == ["Before", [["A", "B"]], "After"]
    assert doc.format == "docx" and doc.encoding is None


def test_content_controls_and_custom_xml_are_read_through():
    body = (
        '<w:sdt><w:sdtPr><w:alias w:val="Agenda"/></w:sdtPr><w:sdtContent>'
        + p("In a block control") + tbl(tr(tc("cell in control")), cols=1)
        + "</w:sdtContent></w:sdt>"
        + '<w:customXml w:element="item">' + p("In custom XML") + "</w:customXml>"
        + p("Date: ", '<w:sdt><w:sdtPr/><w:sdtContent>' + r("23 May 2022") + "</w:sdtContent></w:sdt>")
    )
    doc = read(make_docx(body))
    assert texts(doc) == ["In a block control", "In custom XML", "Date: 23 May 2022"]
    assert grid(table_of(doc)) == [["cell in control"]]


def test_placeholder_text_of_an_empty_content_control_is_skipped():
    placeholder = ('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                   + r("Click or tap here to enter text.") + "</w:sdtContent></w:sdt>")
    doc = read(make_docx(p("Chair: ", placeholder)))
    assert texts(doc) == ["Chair:"]


def test_tracked_deletions_are_dropped_and_insertions_kept():
    body = p("The motion was ",
             '<w:del w:id="1" w:author="x"><w:r><w:delText>rejected</w:delText></w:r></w:del>',
             '<w:ins w:id="2" w:author="x">' + r("carried") + "</w:ins>", ".")
    assert texts(read(make_docx(body))) == ["The motion was carried."]


def test_a_row_deleted_with_tracked_changes_is_dropped():
    body = tbl(tr(tc("kept")), tr(tc("deleted"), trpr='<w:del w:id="3" w:author="x"/>'), cols=1)
    assert grid(table_of(read(make_docx(body)))) == [["kept"]]


def test_embedded_content_in_another_format_is_reported_as_a_warning():
    doc = read(make_docx(p("Before") + '<w:altChunk r:id="rId99"/>'))
    assert texts(doc) == ["Before"]
    assert doc.warnings == ("the document embeds content in another format (w:altChunk) that was not read",)
    assert read(make_docx(p("Plain"))).warnings == ()


def test_hyperlinks_and_field_results_are_read_but_field_codes_are_not():
    body = p(
        "See ",
        '<w:hyperlink r:id="rIdX">' + r("the report") + "</w:hyperlink>",
        " on page ",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("4") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ", dated ",
        '<w:fldSimple w:instr=" DATE ">' + r("1 May") + "</w:fldSimple>",
    )
    assert texts(read(make_docx(body))) == ["See the report on page 4, dated 1 May"]


# --- paragraphs ---------------------------------------------------------------------------------


def test_heading_styles_give_heading_kind_and_level_and_title_is_level_one():
    def setup(document):
        document.add_heading("Minutes of the Board", 0)  # the Title style
        document.add_heading("1 Apologies", 1)
        document.add_heading("Detail", 3)
        document.add_paragraph("Body text.")

    doc = read(make_docx(setup=setup))
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Minutes of the Board"), ("heading", 1, "1 Apologies"),
        ("heading", 3, "Detail"), ("paragraph", 0, "Body text."),
    ]


def test_a_style_based_on_a_heading_style_is_a_heading_of_that_level():
    def setup(document):
        style = document.styles.add_style("Agenda Item", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Heading 2"]
        document.add_paragraph("Item 4: Finance", style="Agenda Item")

    (block,) = read(make_docx(setup=setup)).blocks
    assert (block.kind, block.level) == ("heading", 2)


def test_empty_and_blank_paragraphs_produce_no_block():
    body = "<w:p/>" + p("   ") + p('<w:r><w:tab/></w:r>') + p("Kept") + "<w:p><w:pPr/></w:p>"
    assert texts(read(make_docx(body))) == ["Kept"]


def test_white_space_is_collapsed_and_tabs_become_one_space():
    right_tab = '<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'
    body = p("  Item ", "<w:r><w:tab/></w:r>", "  4 \u00a0 Finance  ", right_tab, "end")
    assert texts(read(make_docx(body))) == ["Item 4 Finance end"]


def test_soft_line_breaks_make_one_block_per_line():
    body = p("Present:", "<w:r><w:br/></w:r>", "Jo Bloggs", '<w:r><w:br w:type="textWrapping"/></w:r>',
             "Sam Smith", "<w:r><w:cr/></w:r>", "Ann Other")
    doc = read(make_docx(body))
    assert texts(doc) == ["Present:", "Jo Bloggs", "Sam Smith", "Ann Other"]
    assert {b.kind for b in doc.blocks} == {"paragraph"}


def test_only_the_first_line_of_a_list_item_carries_its_number():
    numbering = abstract(1, lvl(0)) + num(1, 1)
    body = num_p("First line", 1).replace("</w:p>", "<w:r><w:br/></w:r>" + r("second line") + "</w:p>")
    doc = read(make_docx(body, numbering=numbering))
    assert [(b.kind, b.number, b.text) for b in doc.blocks] == [
        ("list_item", "1", "First line"), ("list_item", None, "second line"),
    ]


def test_bold_and_italic_runs_are_marked_at_their_characters():
    body = p("The ", r("PCC", "<w:b/>"), " said ", r("no comment", "<w:i/>"), " and ",
             r("left", '<w:b w:val="1"/><w:i w:val="true"/>'), r(" not bold", '<w:b w:val="0"/>'))
    (block,) = read(make_docx(body)).blocks
    found = [(m.style, block.text[m.start:m.end]) for m in block.marks]
    assert found == [("bold", "PCC"), ("italic", "no comment"), ("bold", "left"), ("italic", "left")]


def test_runs_next_to_each_other_in_one_style_make_one_mark():
    body = p(r("Action", "<w:b/>"), r(": ", "<w:b/>"), r("Clerk", "<w:b/>"), " to write")
    (block,) = read(make_docx(body)).blocks
    assert [(m.start, m.end, m.style) for m in block.marks] == [(0, 13, "bold")]
    assert block.text[:13] == "Action: Clerk"


def test_bold_and_italic_come_from_character_and_paragraph_style_chains():
    styles = (
        '<w:style w:type="character" w:styleId="Aside"><w:name w:val="Aside"/><w:rPr><w:i/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="AsideChild"><w:name w:val="Aside child"/>'
        '<w:basedOn w:val="Aside"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Strongish"><w:name w:val="Strongish"/><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Label"><w:name w:val="Label"/><w:basedOn w:val="Strongish"/></w:style>'
    )
    body = (
        p("Said ", r("quietly", '<w:rStyle w:val="AsideChild"/>'))
        + p("Label text ", r("unbolded", '<w:b w:val="0"/>'), ppr='<w:pStyle w:val="Label"/>')
    )
    first, second = read(make_docx(body, styles=styles)).blocks
    assert [(m.style, first.text[m.start:m.end]) for m in first.marks] == [("italic", "quietly")]
    assert [(m.style, second.text[m.start:m.end]) for m in second.marks] == [("bold", "Label text")]


def test_hidden_text_is_not_read():
    body = p("Shown ", r("hidden note ", "<w:vanish/>"), "text") + p(r("all hidden", "<w:vanish/>"))
    assert texts(read(make_docx(body))) == ["Shown text"]


def test_no_break_hyphens_are_read_as_hyphens():
    body = p("Co", "<w:r><w:noBreakHyphen/></w:r>", "opted members")
    assert texts(read(make_docx(body))) == ["Co-opted members"]


# --- list numbering -----------------------------------------------------------------------------


def test_decimal_list_numbers_count_in_document_order_without_their_decoration():
    numbering = abstract(1, lvl(0, text="%1.")) + num(1, 1)
    body = num_p("Apologies", 1) + p("An interruption") + num_p("Minutes", 1) + num_p("", 1) + num_p("Finance", 1)
    doc = read(make_docx(body, numbering=numbering))
    # the empty third item shows "3." in Word, so Finance is 4
    assert [(b.kind, b.number, b.level, b.text) for b in doc.blocks] == [
        ("list_item", "1", 0, "Apologies"), ("paragraph", None, 0, "An interruption"),
        ("list_item", "2", 0, "Minutes"), ("list_item", "4", 0, "Finance"),
    ]


def test_multilevel_numbers_render_the_level_text_and_restart_under_a_new_parent():
    numbering = abstract(1, lvl(0, text="%1."), lvl(1, text="%1.%2.")) + num(1, 1)
    body = num_p("A", 1) + num_p("A1", 1, 1) + num_p("A2", 1, 1) + num_p("B", 1) + num_p("B1", 1, 1)
    doc = read(make_docx(body, numbering=numbering))
    assert [(b.number, b.level) for b in doc.blocks] == [("1", 0), ("1.1", 1), ("1.2", 1), ("2", 0), ("2.1", 1)]


def test_number_formats_letters_roman_numerals_and_brackets():
    numbering = abstract(
        1, lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "(%2)"), lvl(2, "lowerRoman", "%3)"),
        lvl(3, "upperLetter", "%4 -"), lvl(4, "decimalZero", "Item %5:"),
    ) + num(1, 1)
    body = (num_p("I", 1) + num_p("a", 1, 1) + num_p("b", 1, 1) + num_p("i", 1, 2) + num_p("ii", 1, 2)
            + num_p("A", 1, 3) + num_p("zero-padded", 1, 4) + num_p("II", 1))
    doc = read(make_docx(body, numbering=numbering))
    assert [b.number for b in doc.blocks] == ["I", "a", "b", "i", "ii", "A", "Item 01", "II"]


def test_bullets_and_the_none_format_are_list_items_without_a_number():
    numbering = abstract(1, lvl(0, "bullet", "\uf0b7"), lvl(1, "none", "")) + num(1, 1)
    doc = read(make_docx(num_p("Bullet", 1) + num_p("Unnumbered", 1, 1), numbering=numbering))
    assert [(b.kind, b.number, b.level) for b in doc.blocks] == [("list_item", None, 0), ("list_item", None, 1)]


def test_a_list_starts_at_its_start_value():
    numbering = abstract(1, lvl(0, start=5)) + num(1, 1)
    doc = read(make_docx(num_p("Fifth", 1) + num_p("Sixth", 1), numbering=numbering))
    assert [b.number for b in doc.blocks] == ["5", "6"]


def test_num_ids_sharing_an_abstract_list_continue_its_counters():
    numbering = abstract(1, lvl(0)) + num(1, 1) + num(2, 1)
    doc = read(make_docx(num_p("one", 1) + num_p("two", 1) + p("text") + num_p("three", 2), numbering=numbering))
    assert [b.number for b in doc.blocks] == ["1", "2", None, "3"]


def test_a_start_override_restarts_the_shared_list():
    numbering = abstract(1, lvl(0)) + num(1, 1) + num(2, 1, start_override(0, 1)) + num(3, 1, start_override(0, 10))
    body = num_p("a", 1) + num_p("b", 1) + num_p("restarted", 2) + num_p("next", 2) + num_p("ten", 3)
    doc = read(make_docx(body, numbering=numbering))
    assert [b.number for b in doc.blocks] == ["1", "2", "1", "2", "10"]


def test_a_level_override_replaces_the_level_definition():
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "upperLetter", "(%1)", start=3)}</w:lvlOverride>'
    numbering = abstract(1, lvl(0)) + num(1, 1, override)
    doc = read(make_docx(num_p("C", 1) + num_p("D", 1), numbering=numbering))
    assert [b.number for b in doc.blocks] == ["C", "D"]


def test_lvl_restart_zero_keeps_a_level_counting_under_a_new_parent():
    numbering = abstract(1, lvl(0, text="Part %1"),
                         lvl(1, text="%2.", extra='<w:lvlRestart w:val="0"/>')) + num(1, 1)
    body = num_p("Part", 1) + num_p("q", 1, 1) + num_p("q", 1, 1) + num_p("Part", 1) + num_p("q", 1, 1)
    doc = read(make_docx(body, numbering=numbering))
    assert [b.number for b in doc.blocks] == ["Part 1", "1", "2", "Part 2", "3"]


def test_legal_numbering_shows_every_level_as_decimal_digits():
    numbering = abstract(1, lvl(0, "upperRoman", "%1."),
                         lvl(1, "lowerLetter", "%1.%2", extra="<w:isLgl/>")) + num(1, 1)
    doc = read(make_docx(num_p("I", 1) + num_p("legal", 1, 1), numbering=numbering))
    assert [b.number for b in doc.blocks] == ["I", "1.1"]


def test_numbering_from_the_paragraph_style():
    styles = ('<w:style w:type="paragraph" w:styleId="Minute"><w:name w:val="Minute"/>'
              '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>')
    numbering = abstract(3, lvl(0, text="M%1")) + num(7, 3)
    body = p("first", ppr='<w:pStyle w:val="Minute"/>') + p("second", ppr='<w:pStyle w:val="Minute"/>')
    doc = read(make_docx(body, numbering=numbering, styles=styles))
    assert [(b.kind, b.number) for b in doc.blocks] == [("list_item", "M1"), ("list_item", "M2")]


def test_heading_numbering_linked_to_heading_styles_gives_numbered_headings():
    styles_used = ('<w:style w:type="paragraph" w:styleId="NumHeading1"><w:name w:val="heading 1"/>'
                   '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
                   '<w:style w:type="paragraph" w:styleId="NumHeading2"><w:name w:val="heading 2"/>'
                   '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>')
    numbering = abstract(2, lvl(0, text="%1", extra='<w:pStyle w:val="NumHeading1"/>'),
                         lvl(1, text="%1.%2", extra='<w:pStyle w:val="NumHeading2"/>')) + num(4, 2)
    body = (p("Finance", ppr='<w:pStyle w:val="NumHeading1"/>') + p("Budget", ppr='<w:pStyle w:val="NumHeading2"/>')
            + p("Risks", ppr='<w:pStyle w:val="NumHeading1"/>'))
    doc = read(make_docx(body, numbering=numbering, styles=styles_used))
    assert [(b.kind, b.level, b.number) for b in doc.blocks] == [
        ("heading", 1, "1"), ("heading", 2, "1.1"), ("heading", 1, "2"),
    ]


def test_a_list_linked_to_a_list_style_counts_with_that_style():
    styles = ('<w:style w:type="numbering" w:styleId="MinutesList"><w:name w:val="Minutes List"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    numbering = (abstract(1, lvl(0, "lowerLetter", "%1)"), extra='<w:styleLink w:val="MinutesList"/>')
                 + abstract(2, extra='<w:numStyleLink w:val="MinutesList"/>') + num(1, 1) + num(2, 2))
    doc = read(make_docx(num_p("a", 2) + num_p("b", 2), numbering=numbering, styles=styles))
    assert [b.number for b in doc.blocks] == ["a", "b"]


def test_num_id_zero_takes_away_the_style_numbering_and_unknown_lists_are_paragraphs():
    styles = ('<w:style w:type="paragraph" w:styleId="Minute"><w:name w:val="Minute"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    numbering = abstract(1, lvl(0)) + num(1, 1)
    body = (p("unnumbered", ppr='<w:pStyle w:val="Minute"/><w:numPr><w:numId w:val="0"/></w:numPr>')
            + num_p("no such list", 99) + num_p("no such level", 1, 5))
    doc = read(make_docx(body, numbering=numbering, styles=styles))
    assert [(b.kind, b.number) for b in doc.blocks] == [("paragraph", None)] * 3


def test_lists_continue_across_table_cells_in_document_order():
    numbering = abstract(1, lvl(0)) + num(1, 1)
    body = num_p("before", 1) + tbl(tr(tc(num_p("in cell", 1)), tc(num_p("next cell", 1))), cols=2) + num_p("after", 1)
    doc = read(make_docx(body, numbering=numbering))
    cells = [b.number for c in table_of(doc).rows[0].cells for b in c.blocks]
    assert (doc.blocks[0].number, cells, doc.blocks[2].number) == ("1", ["2", "3"], "4")


@pytest.mark.parametrize("value, fmt, shown", [
    (1, "decimal", "1"), (7, "decimalZero", "07"), (12, "decimalZero", "12"), (1, "lowerLetter", "a"),
    (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"), (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"),
    (1994, "upperRoman", "MCMXCIV"), (2, "ordinal", "2nd"), (11, "ordinal", "11th"), (23, "ordinal", "23rd"),
    (3, "decimalEnclosedCircle", "3"), (5, "none", ""),
])
def test_counter_values_are_formatted_as_word_shows_them(value, fmt, shown):
    assert format_number(value, fmt) == shown


# --- tables -------------------------------------------------------------------------------------


def test_tables_rows_and_cells_carry_table_row_and_cell_indexes():
    body = tbl(tr(tc("a"), tc("b")), cols=2) + p("between") + tbl(tr(tc("h1"), tc("h2")), tr(tc("x"), tc("y")), cols=2)
    doc = read(make_docx(body))
    second = table_of(doc, 1)
    cell = second.rows[1].cells[1]
    assert (second.prov.table, second.rows[1].prov.row) == (2, 2)
    assert (cell.prov.table, cell.prov.row, cell.prov.cell) == (2, 2, 2)
    assert (cell.blocks[0].prov.table, cell.blocks[0].prov.row, cell.blocks[0].prov.cell) == (2, 2, 2)
    assert table_of(doc, 0).prov.table == 1


def test_a_horizontally_merged_cell_is_read_once_with_its_column_span():
    body = tbl(tr(tc("Meeting Minutes", tcpr='<w:gridSpan w:val="2"/>'), tc("c")),
               tr(tc("a"), tc("b"), tc("c")), cols=3)
    table = table_of(read(make_docx(body)))
    first = table.rows[0].cells
    assert [c.text for c in first] == ["Meeting Minutes", "", "c"]
    assert [(c.col_span, c.row_span, c.prov.cell) for c in first] == [(2, 1, 1), (1, 1, 2), (1, 1, 3)]
    assert first[1].blocks == ()


def test_a_vertically_merged_cell_is_read_once_with_its_row_span():
    body = tbl(
        tr(tc("Item 1", tcpr='<w:vMerge w:val="restart"/>'), tc("first point")),
        tr(tc(tcpr="<w:vMerge/>"), tc("second point")),
        tr(tc(tcpr='<w:vMerge w:val="continue"/>'), tc("third point")),
        tr(tc("Item 2"), tc("other")),
        cols=2,
    )
    table = table_of(read(make_docx(body)))
    assert grid(table) == [["Item 1", "first point"], ["", "second point"], ["", "third point"], ["Item 2", "other"]]
    assert [r.cells[0].row_span for r in table.rows] == [3, 1, 1, 1]
    assert all(len(r.cells) == 2 for r in table.rows)


def test_a_merged_block_of_rows_and_columns_is_read_once():
    body = tbl(
        tr(tc("Block", tcpr='<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), tc("r1")),
        tr(tc(tcpr='<w:gridSpan w:val="2"/><w:vMerge/>'), tc("r2")),
        tr(tc("a"), tc("b"), tc("c")),
        cols=3,
    )
    table = table_of(read(make_docx(body)))
    block = table.rows[0].cells[0]
    assert (block.text, block.col_span, block.row_span) == ("Block", 2, 2)
    assert grid(table) == [["Block", "", "r1"], ["", "", "r2"], ["a", "b", "c"]]


def test_text_typed_in_a_covered_merged_cell_is_kept_in_the_merged_cell():
    body = tbl(tr(tc("Top", tcpr='<w:vMerge w:val="restart"/>')), tr(tc("stray", tcpr="<w:vMerge/>")), cols=1)
    table = table_of(read(make_docx(body)))
    assert grid(table) == [["Top\nstray"], [""]]


def test_grid_before_and_after_become_empty_cells_so_rows_stay_aligned():
    body = tbl(tr(tc("a"), tc("b"), tc("c")),
               tr(tc("only middle"), trpr='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'), cols=3)
    table = table_of(read(make_docx(body)))
    assert grid(table) == [["a", "b", "c"], ["", "only middle", ""]]
    assert table.rows[1].cells[1].prov.cell == 2


def test_a_legacy_horizontal_merge_is_read_once():
    body = tbl(tr(tc("Wide", tcpr='<w:hMerge w:val="restart"/>'), tc(tcpr="<w:hMerge/>"), tc("z")), cols=3)
    cells = table_of(read(make_docx(body))).rows[0].cells
    assert [(c.text, c.col_span) for c in cells] == [("Wide", 2), ("", 1), ("z", 1)]


def test_a_cell_holds_several_paragraphs_and_list_items():
    numbering = abstract(1, lvl(0, "bullet", "-")) + num(1, 1)
    body = tbl(tr(tc("Decisions:", num_p("first", 1), num_p("second", 1))), cols=1)
    (cell,) = table_of(read(make_docx(body, numbering=numbering))).rows[0].cells
    assert [(b.kind, b.text) for b in cell.blocks] == [
        ("paragraph", "Decisions:"), ("list_item", "first"), ("list_item", "second"),
    ]


def test_a_nested_table_is_flattened_into_the_outer_cell_row_by_row():
    inner = tbl(tr(tc("n1"), tc("n2")), tr(tc("n3"), tc("n4")), cols=2)
    body = tbl(tr(tc("Outer", inner, "after inner"), tc("right")), cols=2) + tbl(tr(tc("second table")), cols=1)
    doc = read(make_docx(body))
    outer = table_of(doc)
    assert [b.text for b in outer.rows[0].cells[0].blocks] == ["Outer", "n1", "n2", "n3", "n4", "after inner"]
    assert {b.prov.cell for b in outer.rows[0].cells[0].blocks} == {1}
    assert [t.prov.table for t in doc.tables()] == [1, 2]  # a nested table is not counted


def test_rows_and_cells_inside_content_controls_are_read():
    body = ("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
            + tr(tc("h1"), tc("h2"))
            + "<w:sdt><w:sdtPr/><w:sdtContent>"
            + tr(tc("r2"), "<w:sdt><w:sdtContent>" + tc("in control") + "</w:sdtContent></w:sdt>")
            + "</w:sdtContent></w:sdt></w:tbl>")
    assert grid(table_of(read(make_docx(body)))) == [["h1", "h2"], ["r2", "in control"]]


# --- main part, text boxes, headers and footers -------------------------------------------------


def _as_document2(data: bytes) -> bytes:
    """The package with its main part renamed word/document2.xml, as some editors save it."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        rels = src.read("_rels/.rels").replace(b"word/document.xml", b"word/document2.xml")
        types = src.read("[Content_Types].xml").replace(b"/word/document.xml", b"/word/document2.xml")
    return rezip(data, replace={"_rels/.rels": rels, "[Content_Types].xml": types},
                 rename={"word/document.xml": "word/document2.xml",
                         "word/_rels/document.xml.rels": "word/_rels/document2.xml.rels"})


def test_the_main_part_named_by_the_package_relationships_is_read_whole():
    numbering = abstract(1, lvl(0)) + num(1, 1)
    data = _as_document2(make_docx(p("Week 1") + num_p("item", 1) + tbl(tr(tc("cell")), cols=1) + p("Week 12"),
                                   numbering=numbering))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/document.xml" not in z.namelist()
    doc = read(data)
    assert texts(doc) == ["Week 1", "item", "Week 12"]
    assert doc.blocks[1].number == "1"  # numbering found through document2.xml's relationships
    assert "word/document2.xml" in doc.layout


def test_a_macro_enabled_main_part_is_read():
    data = make_docx(p("Macro document"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")
    assert texts(read(rezip(data, replace={"[Content_Types].xml": types}))) == ["Macro document"]


TEXT_BOX_CHOICE = (
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
    '<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>'
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>'
    '</mc:Fallback></mc:AlternateContent>'
)


def test_text_box_paragraphs_follow_their_anchor_and_are_read_once():
    box = TEXT_BOX_CHOICE.format(content=p("Boxed note") + p("Second line of box"))
    body = p("Anchor ", f"<w:r>{box}</w:r>", "text") + p("Next paragraph")
    assert texts(read(make_docx(body))) == ["Anchor text", "Boxed note", "Second line of box", "Next paragraph"]


def test_a_vml_text_box_is_read_and_its_table_flattened():
    box = ('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p("In VML box")
           + tbl(tr(tc("box cell")), cols=1) + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    doc = read(make_docx(p("Anchor", box)))
    assert texts(doc) == ["Anchor", "In VML box", "box cell"]
    assert not list(doc.tables())


def test_a_text_box_in_a_table_cell_stays_in_the_cell():
    box = TEXT_BOX_CHOICE.format(content=p("Boxed"))
    cell = table_of(read(make_docx(tbl(tr(tc(p("Anchor", f"<w:r>{box}</w:r>"))), cols=1)))).rows[0].cells[0]
    assert [b.text for b in cell.blocks] == ["Anchor", "Boxed"]


def _headers(document):
    """Two sections: the first with a title page, both sharing the default header/footer."""
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Front page header"
    first.header.paragraphs[0].text = "Minutes of the Board"
    first.header.add_paragraph("Confidential")
    first.footer.paragraphs[0].text = "Page footer"
    document.add_paragraph("Body one")
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Minutes of the Board"  # the same text again
    second.header.add_paragraph("Appendix")
    document.add_paragraph("Body two")


def test_headers_come_first_and_footers_last_each_distinct_text_once():
    doc = read(make_docx(setup=_headers))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("page_header", "Front page header"), ("page_header", "Minutes of the Board"),
        ("page_header", "Confidential"), ("page_header", "Appendix"),
        ("paragraph", "Body one"), ("paragraph", "Body two"), ("page_footer", "Page footer"),
    ]


def test_a_first_page_header_is_read_only_when_the_section_has_a_title_page():
    def setup(document):
        _headers(document)
        document.sections[0].different_first_page_header_footer = False

    assert "Front page header" not in texts(read(make_docx(setup=setup)))


def test_even_page_headers_are_read_only_when_the_settings_ask_for_them():
    def setup(document, on: bool):
        document.settings.odd_and_even_pages_header_footer = on
        document.sections[0].even_page_header.paragraphs[0].text = "Even header"
        document.add_paragraph("Body")

    assert "Even header" in texts(read(make_docx(setup=lambda d: setup(d, True))))
    assert "Even header" not in texts(read(make_docx(setup=lambda d: setup(d, False))))


def test_a_table_in_a_header_is_flattened_into_header_blocks():
    def setup(document):
        header = document.sections[0].header
        table = header.add_table(rows=1, cols=2, width=docx.shared.Inches(6))
        table.cell(0, 0).text, table.cell(0, 1).text = "Police and Crime Panel", "OFFICIAL"
        document.add_paragraph("Body")

    doc = read(make_docx(setup=setup))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("page_header", "Police and Crime Panel"), ("page_header", "OFFICIAL"), ("paragraph", "Body"),
    ]
    assert not list(doc.tables())


# --- pages --------------------------------------------------------------------------------------


def test_rendered_page_breaks_give_each_block_the_page_it_starts_on():
    body = p("Page one") + p(LRPB, "Page two starts") + p("Also two ", LRPB, "continues on three") + p("Three")
    doc = read(make_docx(body))
    assert [(b.text, b.prov.page) for b in doc.blocks] == [
        ("Page one", 1), ("Page two starts", 2), ("Also two continues on three", 2), ("Three", 3),
    ]
    assert doc.pages == 3
    assert "rendered" in doc.layout


def test_a_line_after_a_soft_break_starts_on_the_page_it_is_on():
    body = p("Present:", "<w:r><w:br/></w:r>", LRPB, "Jo Bloggs")
    doc = read(make_docx(body))
    assert [(b.text, b.prov.page) for b in doc.blocks] == [("Present:", 1), ("Jo Bloggs", 2)]


def test_rendered_breaks_take_precedence_over_explicit_ones():
    # Word writes both: a hard page break, then its rendered mark on the next page
    body = p("One", PAGE_BREAK) + p(LRPB, "Two")
    doc = read(make_docx(body))
    assert [b.prov.page for b in doc.blocks] == [1, 2] and doc.pages == 2


def test_explicit_page_breaks_count_when_word_never_rendered_the_file():
    styles = ('<w:style w:type="paragraph" w:styleId="NewPage"><w:name w:val="New Page"/>'
              '<w:pPr><w:pageBreakBefore/></w:pPr></w:style>')
    body = (p("One", PAGE_BREAK, "Two")  # the break is inside the paragraph: it starts on page 1
            + p("Still two")
            + p("Three", ppr="<w:pageBreakBefore/>")
            + p("Four", ppr='<w:pStyle w:val="NewPage"/>')
            + p("Four too", ppr='<w:pStyle w:val="NewPage"/><w:pageBreakBefore w:val="0"/>'))
    doc = read(make_docx(body, styles=styles))
    assert [(b.text, b.prov.page) for b in doc.blocks] == [
        ("One Two", 1), ("Still two", 2), ("Three", 3), ("Four", 4), ("Four too", 4),
    ]
    assert doc.pages == 4
    assert "explicit" in doc.layout


def test_section_breaks_start_a_new_page_unless_continuous():
    def setup(document):
        from docx.enum.section import WD_SECTION
        document.add_paragraph("First section")
        document.add_section(WD_SECTION.CONTINUOUS)
        document.add_paragraph("Same page")
        document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph("New page")

    doc = read(make_docx(setup=setup))
    assert [(b.text, b.prov.page) for b in doc.blocks] == [("First section", 1), ("Same page", 1), ("New page", 2)]


def test_page_break_before_on_the_first_paragraph_adds_no_page():
    doc = read(make_docx(p("Title", ppr="<w:pageBreakBefore/>") + p("Next", PAGE_BREAK) + p("Last")))
    assert [b.prov.page for b in doc.blocks] == [1, 1, 2]


def test_without_page_information_pages_stay_unknown():
    doc = read(make_docx(p("One") + tbl(tr(tc("a")), cols=1)))
    assert doc.pages is None
    assert doc.blocks[0].prov.page is None
    table = table_of(doc)
    assert (table.prov.page, table.rows[0].prov.page, table.rows[0].cells[0].blocks[0].prov.page) == (None, None, None)
    assert "no page information" in doc.layout


def test_a_row_split_across_a_page_break_gets_page_end_and_the_break_counts_once():
    # the layout Word records (as in the corpus decision log): the break is marked in the
    # second column of the row it splits and in the first column of the next row
    body = p("Decision log") + tbl(
        tr(tc("11 April"), tc("first decision", p(LRPB, "on the next page"))),
        tr(tc(p(LRPB, "25 April")), tc("later decision")),
        tr(tc("2 May"), tc("last")),
        cols=2,
    ) + p("After the table")
    doc = read(make_docx(body))
    table = table_of(doc)
    assert [(r.prov.page, r.prov.page_end) for r in table.rows] == [(1, 2), (2, None), (2, None)]
    assert (table.prov.page, table.prov.page_end) == (1, 2)
    assert [b.prov.page for b in table.rows[0].cells[1].blocks] == [1, 2]
    assert doc.blocks[-1].prov.page == 2
    assert doc.pages == 2


def test_a_row_moved_whole_to_the_next_page_starts_there():
    body = tbl(tr(tc("a"), tc("b")), tr(tc(p(LRPB, "c")), tc(p(LRPB, "d"))), cols=2) + p(LRPB, "page three")
    doc = read(make_docx(body))
    table = table_of(doc)
    assert [(r.prov.page, r.prov.page_end) for r in table.rows] == [(1, None), (2, None)]
    assert [c.prov.page for c in table.rows[1].cells] == [2, 2]
    assert doc.blocks[-1].prov.page == 3


# --- robustness ---------------------------------------------------------------------------------


def _corrupt_inputs() -> dict[str, bytes]:
    good = make_docx(p("text"))
    truncated = good[: len(good) // 2]
    not_opc = io.BytesIO()
    with zipfile.ZipFile(not_opc, "w") as z:
        z.writestr("readme.txt", "hello")
    return {
        "not a zip": b"PK\x03\x04 this is not really a zip file",
        "truncated zip": truncated,
        "zip without package parts": not_opc.getvalue(),
        "malformed document XML": rezip(good, replace={"word/document.xml": b"<w:document><w:body><w:p>"}),
        "malformed styles XML": rezip(good, replace={"word/styles.xml": b"<<<"}),
        "main part missing": rezip(good, replace={"word/document.xml": None}),
        "no main document relationship": rezip(good, replace={"_rels/.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')}),
        "main part without a body": rezip(good, replace={"word/document.xml": (
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')}),
        "OLE file that is not encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    }


@pytest.mark.parametrize("name", list(_corrupt_inputs()))
def test_a_damaged_file_raises_reader_error_corrupt(name):
    with pytest.raises(ReaderError) as error:
        read_docx(_corrupt_inputs()[name], "broken.docx", "0" * 64)
    assert error.value.reason == "corrupt"
    assert str(error.value)


def test_a_password_protected_document_is_reported_as_encrypted():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    with pytest.raises(ReaderError) as error:
        read_docx(ole, "locked.docx", "0" * 64)
    assert error.value.reason == "encrypted"


def test_an_absurd_column_span_in_a_damaged_file_is_kept_within_word_limits():
    body = tbl(tr(tc("wide", tcpr='<w:gridSpan w:val="999999999"/>')), cols=1)
    table = table_of(read(make_docx(body)))
    assert table.width == 63


def test_a_large_document_reads_in_linear_time():
    def body(n: int) -> str:
        rows = "".join(tr(tc(f"r{i}"), tc(num_p(f"item {i}", 1))) for i in range(n))
        return "".join(p(f"Paragraph {i}", r("bold", "<w:b/>")) for i in range(n)) + tbl(rows, cols=2)

    numbering = abstract(1, lvl(0)) + num(1, 1)
    small, large = make_docx(body(500), numbering=numbering), make_docx(body(4000), numbering=numbering)
    start = time.perf_counter()
    read(small)
    small_time = time.perf_counter() - start
    start = time.perf_counter()
    doc = read(large)
    large_time = time.perf_counter() - start
    assert len(table_of(doc).rows) == 4000 and table_of(doc).rows[-1].cells[1].blocks[0].number == "4000"
    # eight times the content: a quadratic reader would take ~64 times as long
    assert large_time < 24 * small_time + 0.5


# --- real documents (tests/fixtures, copied from the corpus) -----------------------------------


def read_fixture(name: str):
    return read_bytes((FIXTURES / name / "source.docx").read_bytes(), "source.docx")


@pytest.mark.parametrize("name", ["groupwork-minutes-wk1", "groupwork-decision-log", "bradford-rocu-minutes"])
def test_real_document_outline_matches_its_golden_file(name):
    check_golden(FIXTURES / name / "expected" / "document.txt", outline_document(read_fixture(name)))


def test_minutes_wk1_next_steps_table_has_owner_and_due_date_columns():
    doc = read_fixture("groupwork-minutes-wk1")
    assert len(list(doc.tables())) == 5 and not list(doc.text_blocks())
    steps = table_of(doc, 2)
    assert grid(steps) == [
        ["Next Steps:", "Owner:", "Due date:"],
        # as typed: the names stand under "Next Steps:" and the tasks under "Owner:"
        ["Arlana Keen", "Edit meeting minutes and create code of conduct.", "21st February 2019"],
        ["Oliver Howe", "Start class diagram", "Version 1 by 21st February 2019"],
        ["Lewis Jackson", "Start use case Diagrams", "Version 1 by 21st February 2019"],
        ["Brandon Henderson", "Start looking at examples of testing.", "Undecided"],
    ]


def test_minutes_wk1_details_attendance_and_decisions():
    doc = read_fixture("groupwork-minutes-wk1")
    details, attendance, _, discussion, decisions = doc.tables()
    title = details.rows[0].cells[0]
    assert (title.text, title.col_span, details.rows[0].cells[1].is_empty) == ("Meeting Minutes", 2, True)
    assert [m.style for m in title.blocks[0].marks] == ["bold", "italic"]
    assert [r.texts for r in details.rows[2:]] == [
        ("Meeting Date:", "14th February 2019"), ("Meeting Time:", "10am-12pm"),
        ("Meeting location:", "CIS 003"), ("Minutes issued by:", "Arlana Keen"),
    ]
    assert [r.cells[0].text for r in attendance.rows] == [
        "Attendees:", "Arlana Keen", "Oliver Howe", "Lewis Jackson", "Brandon Henderson",
    ]
    assert [(b.kind, b.number, b.text) for b in decisions.rows[1].cells[0].blocks] == [
        ("paragraph", None, "The decisions made were:"),
        ("list_item", None, "Missions for each person and group missions"),
        ("list_item", None, "Project proposal"),
        ("list_item", None, "Basic code of conduct and general guidelines"),
        ("list_item", None, "Time frame for each task"),
    ]
    # Word's last layout put the discussion text at the top of page 2
    assert (doc.pages, discussion.rows[0].prov.page, discussion.rows[1].prov.page, decisions.prov.page) == (2, 1, 2, 2)


def test_decision_log_rows_hold_multi_line_decisions():
    doc = read_fixture("groupwork-decision-log")
    (table,) = doc.tables()
    assert table.rows[0].texts == ("Date", "Decision made")
    assert len(table.rows) == 12
    assert [r.cells[0].text for r in table.rows[1:]] == [
        "14th February 2019", "21st February 2019", "28th February 2019", "7th March 2019", "21st March 2019",
        "4th April 2019", "11th April 2019", "25th April 2019", "2nd May 2019", "9th May 2019", "13th May 2019",
    ]
    first = table.rows[1].cells[1]
    assert first.text.split("\n") == [
        "Missions for each person and group missions", "Project proposal",
        "Basic code of conduct and general guidelines", "Time frame for each task",
    ]
    assert {b.kind for r in table.rows[1:] for b in r.cells[1].blocks} == {"list_item"}
    assert table.rows[2].cells[1].blocks[0].text == (
        "The first mission deadline to be extended by a few days making the dealing the 12th March instead of the 7th.")
    assert table.rows[10].cells[1].blocks[2].text == "program uploaded to usb"


def test_decision_log_page_break_splits_the_11_april_row_once():
    doc = read_fixture("groupwork-decision-log")
    (table,) = doc.tables()
    assert doc.pages == 2  # docProps/app.xml of the file also says 2 pages
    pages = [(r.cells[0].text, r.prov.page, r.prov.page_end) for r in table.rows[6:9]]
    assert pages == [("4th April 2019", 1, None), ("11th April 2019", 1, 2), ("25th April 2019", 2, None)]


def test_bradford_minutes_are_read_from_document2_with_all_twelve_meeting_dates():
    data = (FIXTURES / "bradford-rocu-minutes" / "source.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/document.xml" not in z.namelist() and "word/document2.xml" in z.namelist()
    doc = read_fixture("bradford-rocu-minutes")
    assert doc.layout.startswith("Word body of word/document2.xml")
    assert doc.pages is None and not list(doc.tables())
    headings = [b for b in doc.blocks if re.fullmatch(r"\d\d/\d\d/\d\d - Week \d+", b.text)]
    dates = [date(2000 + int(b.text[6:8]), int(b.text[3:5]), int(b.text[0:2])) for b in headings]
    assert dates[0] == date(2026, 1, 22) and dates[-1] == date(2026, 4, 9)
    assert [(d - dates[0]).days for d in dates] == [7 * week for week in range(12)]
    assert [b.text.split("Week ")[1] for b in headings] == [str(n) for n in range(1, 13)]
    assert all([m.style for m in b.marks] == ["bold"] and b.marks[0].end == len(b.text) for b in headings)


def test_bradford_minutes_mark_labels_bold_and_read_plans_as_bullets():
    doc = read_fixture("bradford-rocu-minutes")
    participants = [b for b in doc.blocks if b.text.startswith("Participants")]
    assert len(participants) == 12
    first = participants[0]
    assert [(m.style, first.text[m.start:m.end]) for m in first.marks] == [("bold", "Participants")]
    assert first.text.endswith("Collins Ezeilo, Abdul Azim, Luqmaan Shaikh")
    plans = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert plans[:3] == ["Confirm our project", "Discuss the project", "Prepare for client meeting"]
    assert len(plans) == 10 and all(b.number is None for b in doc.blocks if b.kind == "list_item")


def test_a_password_protected_docx_is_reported_encrypted_not_as_a_legacy_doc():
    from pipeline.readers import read_bytes

    # generated: the start of an OLE container holding Office's "EncryptedPackage" stream
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 200
    with pytest.raises(ReaderError) as exc:
        read_bytes(data, "locked.docx")
    assert exc.value.reason == "encrypted"


def test_a_truncated_docx_is_reported_corrupt_not_as_an_unsupported_zip():
    from pipeline.readers import read_bytes

    data = (FIXTURES / "groupwork-minutes-wk1" / "source.docx").read_bytes()
    with pytest.raises(ReaderError) as exc:
        read_bytes(data[: len(data) // 3], "truncated.docx")
    assert exc.value.reason == "corrupt"
