"""The PDF reader: lines into paragraphs, ruled tables, page furniture, unreadable files.

Unit tests draw small PDFs GENERATED with reportlab; the real files under
tests/fixtures/ are checked against golden outlines.
"""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.document import Table, TextBlock
from pipeline.errors import ReaderError
from pipeline.outline import outline_document
from pipeline.readers import read_bytes, read_document
from pipeline.repair import repair
from tests.conftest import FIXTURES
from tests.golden import check_golden

WIDTH, HEIGHT = A4


def pdf(draw, pages: int = 1, **kw) -> bytes:
    """A PDF drawn by ``draw(canvas, page_number)`` on each page (generated)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, **kw)
    for page in range(1, pages + 1):
        draw(c, page)
        c.showPage()
    c.save()
    return buf.getvalue()


def text_at(c, x, y_from_top, text, font="Helvetica", size=10):
    c.setFont(font, size)
    c.drawString(x, HEIGHT - y_from_top, text)


def grid(c, top, rows, widths, left=60, row_height=40):
    """A ruled table: ``rows`` of cell texts (lists of lines) under ``top``."""
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top + i * row_height for i in range(len(rows) + 1)]
    for y in ys:
        c.line(xs[0], HEIGHT - y, xs[-1], HEIGHT - y)
    for x in xs:
        c.line(x, HEIGHT - ys[0], x, HEIGHT - ys[-1])
    for r, row in enumerate(rows):
        for col, lines in enumerate(row):
            for k, line in enumerate(lines):
                text_at(c, xs[col] + 4, ys[r] + 12 + k * 12, line)


def blocks(data: bytes, rules):
    return read_bytes(data, "generated.pdf", rules).blocks


def texts(data: bytes, rules) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks(data, rules) if isinstance(b, TextBlock)]


def test_wrapped_lines_are_one_paragraph_and_a_gap_starts_the_next(rules):
    def draw(c, page):
        text_at(c, 60, 60, "The Board noted the report on library opening hours and asked")
        text_at(c, 60, 72, "the manager to circulate the figures before the next meeting.")
        text_at(c, 60, 100, "Any other business was taken.")
    assert texts(pdf(draw), rules) == [
        ("paragraph", "The Board noted the report on library opening hours and asked the manager to circulate the figures before the next meeting."),
        ("paragraph", "Any other business was taken."),
    ]


def test_a_short_line_ends_its_paragraph(rules):
    def draw(c, page):
        text_at(c, 60, 60, "Present: Jo Bloggs, Al Smith and the clerk to the council who")
        text_at(c, 60, 72, "took notes throughout the whole of the meeting today.")
        text_at(c, 60, 84, "Apologies: none.")
        text_at(c, 60, 96, "Chair: Jo Bloggs")
    assert [t for _, t in texts(pdf(draw), rules)] == [
        "Present: Jo Bloggs, Al Smith and the clerk to the council who took notes throughout the whole of the meeting today.",
        "Apologies: none.",
        "Chair: Jo Bloggs",
    ]


def test_bullets_become_list_items_and_bold_short_lines_headings(rules):
    def draw(c, page):
        text_at(c, 60, 60, "Matters arising", font="Helvetica-Bold")
        # the standard PDF fonts have no "•": Word's other bullets are dashes and asterisks
        text_at(c, 60, 76, "- The roof is repaired.")
        text_at(c, 60, 88, "* The car park sign is done.")
    assert texts(pdf(draw), rules) == [
        ("heading", "Matters arising"), ("list_item", "The roof is repaired."), ("list_item", "The car park sign is done."),
    ]


def test_italic_words_are_marked(rules):
    def draw(c, page):
        c.setFont("Helvetica", 10)
        c.drawString(60, HEIGHT - 60, "The Chair said")
        c.setFont("Helvetica-Oblique", 10)
        c.drawString(130, HEIGHT - 60, "thank you all.")
    (block,) = [b for b in blocks(pdf(draw), rules) if isinstance(b, TextBlock)]
    (mark,) = [m for m in block.marks if m.style == "italic"]
    assert block.text[mark.start:mark.end] == "thank you all."


def test_each_line_keeps_where_it_was_printed(rules):
    def draw(c, page):
        text_at(c, 60, 60, "A document control system is to be formalised by October and")
        text_at(c, 60, 72, "reported to the Board.")
    (block,) = blocks(pdf(draw), rules)
    lines = [m for m in block.marks if m.style == "line"]
    assert [block.text[m.start:m.end] for m in lines] == [
        "A document control system is to be formalised by October and", "reported to the Board."]
    assert all(m.page == 1 for m in lines)
    assert lines[0].box[1] < lines[1].box[1]  # tops, from the top of the page


def test_ruled_table_rows_and_cells(rules):
    def draw(c, page):
        grid(c, 60, [[["No"], ["Item"], ["Action"]], [["1."], ["Apologies were received", "from the Treasurer."], ["AW"]]],
             [40, 300, 60])
    (table,) = [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["No", "Item", "Action"], ["1.", "Apologies were received from the Treasurer.", "AW"]]
    cell = table.rows[1].cells[1]
    assert (cell.prov.page, cell.prov.table, cell.prov.row, cell.prov.cell) == (1, 1, 2, 2)


def test_tables_stacked_in_one_box_with_different_columns_are_split(rules):
    # a key/value box directly above a three-column table, as pdfplumber finds them as one
    def draw(c, page):
        grid(c, 60, [[["Date"], ["11th September 2012"]], [["Place"], ["Town Hall"]]], [100, 300])
        grid(c, 140, [[["1."], ["Apologies were received."], ["AW"]]], [40, 300, 60])
    tables = [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]
    assert [t.width for t in tables] == [2, 3]


def borderless(c, top, rows, lefts, line_height=12, row_gap=14):
    """A table drawn without lines: ``rows`` of cell texts (lists of lines), each column
    starting at its x in ``lefts``."""
    y = top
    for row in rows:
        for left, lines in zip(lefts, row):
            for k, line in enumerate(lines):
                text_at(c, left, y + k * line_height, line)
        y += max(len(lines) for lines in row) * line_height + row_gap


def test_a_table_without_lines_is_read_from_its_gutters(rules):
    def draw(c, page):
        text_at(c, 60, 50, "Minutes of the Board")
        borderless(c, 80, [
            [["No"], ["Item"], ["Owner"]],
            [["1."], ["Apologies were received", "from the Treasurer."], ["Clerk"]],
            [["2."], ["The accounts were approved."], ["Treasurer"]],
        ], [60, 140, 420])
    (table,) = [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["No", "Item", "Owner"],
        ["1.", "Apologies were received from the Treasurer.", "Clerk"],
        ["2.", "The accounts were approved.", "Treasurer"],
    ]
    assert ("paragraph", "Minutes of the Board") in texts(pdf(draw), rules)


def test_numbered_paragraphs_with_a_hanging_indent_are_no_table(rules):
    # Kent's minutes: "2." at the margin, its text indented, then a bullet indented further
    def draw(c, page):
        borderless(c, 80, [
            [["2."], ["The Leader advised that the Council would be making", "representations to government."]],
            [["3."], ["Further to comments and questions from Members it was noted:"]],
            [["\u2022"], ["Members expressed their gratitude to the team."]],
        ], [60, 78])
    assert not [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]


def test_a_centred_header_over_a_column_the_rows_leave_empty(rules):
    # an HTML attendance table printed without borders: "Attendance:" heads an empty column,
    # the other headers are centred over their cells
    def draw(c, page):
        text_at(c, 60, 60, "Attendance:")
        text_at(c, 150, 60, "Name")
        text_at(c, 300, 60, "Capacity")
        borderless(c, 80, [[["Jo Bloggs"], ["Police and Crime Commissioner (PCC)"]],
                           [["Al Smith"], ["Chief Constable (CC)"]]], [126, 236])
    (table,) = [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Attendance:", "Name", "Capacity"],
        ["", "Jo Bloggs", "Police and Crime Commissioner (PCC)"],
        ["", "Al Smith", "Chief Constable (CC)"],
    ]


def test_cells_closer_than_a_gutter_stay_in_their_columns(rules):
    # a long word in one cell ends a few points from the next cell's text: no gutter shows
    # on that row, but the columns of the rows around it still hold
    def draw(c, page):
        borderless(c, 60, [
            [["AFI"], ["Questions"], ["Response"]],
            [["AFI 1: Act."], ["The PCC asked why."], ["The CC replied."]],
            [["AFI 2: understanding"], ["PCC asked the CC"], ["The CC said so."]],  # 5 points apart
            [["AFI 3: Plan."], ["The PCC asked when."], ["The CC replied."]],
        ], [60, 158, 300])
    (table,) = [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows][1:] == [
        ["AFI 1: Act.", "The PCC asked why.", "The CC replied."],
        ["AFI 2: understanding", "PCC asked the CC", "The CC said so."],
        ["AFI 3: Plan.", "The PCC asked when.", "The CC replied."],
    ]


def test_a_bulleted_list_with_a_hanging_indent_is_no_table(rules):
    # Word's second-level bullet "o" at the margin and its text indented (Horsley)
    def draw(c, page):
        borderless(c, 60, [
            [["o"], ["Ceiling leak in the disabled toilet, action Mags to check with the builder."]],
            [["o"], ["PAT testing, fire alarm testing and boiler service all done in the summer."]],
            [["o"], ["A thank you to the playgroup for the contribution to the fence, action Jon."]],
        ], [60, 78])
    assert not [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]


def test_times_set_at_a_tab_stop_are_no_table(rules):
    # an agenda's schedule: "0900:<tab>Welcome", but "0915: Review" with a plain space
    def draw(c, page):
        for i, (time, text, x) in enumerate([("0900:", "Welcome, introductions and logistics", 106),
                                             ("0910:", "Background and terms of reference", 106),
                                             ("0915:", "Review format and approach", 103),
                                             ("1030:", "Break", 103)]):
            text_at(c, 72, 60 + 28 * i, time)
            text_at(c, x, 60 + 28 * i, text)
    assert not [b for b in blocks(pdf(draw), rules) if isinstance(b, Table)]


def test_a_table_without_lines_runs_on_to_a_page_holding_one_row(rules):
    # the next page holds the rest of the last row (second column only) and one whole row:
    # too little to be a table by itself, but it sits in the columns of the page before
    def draw(c, page):
        if page == 1:
            borderless(c, 60, [
                [["AFI / recommendation"], ["Questions"], ["Response"]],
                [["AFI 1: The force should"], ["1. The PCC asked the CC", "whether she is assured"], ["The CC said yes."]],
            ] + [[[f"AFI {n}: The force should act."], ["The PCC asked why."], ["The CC replied."]] for n in range(2, 22)],
                [60, 220, 400])
        else:
            borderless(c, 60, [
                [[], ["that the panels work."], []],
                [["Cause of concern: crime"], ["The PCC asked how."], ["The CC replied."]],
            ], [60, 220, 400])
    doc = repair(read_bytes(pdf(draw, pages=2), "generated.pdf", rules), rules)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r.cells[0].text for r in table.rows][-2:] == ["AFI 21: The force should act.", "Cause of concern: crime"]
    assert (table.prov.page, table.prov.page_end) == (1, 2)


def test_an_item_table_cut_in_two_on_one_page_is_one_table_after_repair(rules):
    # an HTML page holding one table per page of its source, laid out by a converter that
    # ignored the page breaks: the second table goes on with the first's last row
    def draw(c, page):
        grid(c, 60, [[["AFI / recommendation"], ["Questions"], ["Response"]],
                     [["AFI 1: The force should act."], ["1. The PCC asked the"], ["1. The CC said yes."]]],
             [140, 200, 160])
        grid(c, 150, [[[], ["CC how she is assured."], ["2. The DCC agreed."]],
                      [["AFI 2: Plan."], ["The PCC asked why."], ["The CC replied."]]],
             [100, 220, 180])
    doc = repair(read_bytes(pdf(draw), "generated.pdf", rules), rules)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows][1:] == [
        ["AFI 1: The force should act.", "1. The PCC asked the CC how she is assured.", "1. The CC said yes.\n2. The DCC agreed."],
        ["AFI 2: Plan.", "The PCC asked why.", "The CC replied."],
    ]


def test_lines_repeated_at_the_top_and_bottom_of_pages_are_furniture(rules):
    def draw(c, page):
        text_at(c, 60, 30, "Board minutes – draft")
        text_at(c, 60, 200, f"Body text of page {page} with something to say.")
        text_at(c, 280, HEIGHT - 30, f"Page {page} of 3")
    kinds = [(b.kind, b.text) for b in blocks(pdf(draw, pages=3), rules)]
    assert kinds[:3] == [("page_header", "Board minutes – draft"), ("paragraph", "Body text of page 1 with something to say."),
                         ("page_footer", "Page 1 of 3")]
    assert sum(k == "paragraph" for k, _ in kinds) == 3


def test_a_table_continued_after_a_page_footer_is_one_table_after_repair(rules):
    def draw(c, page):
        rows = [[["1."], ["First item of business."], ["AW"]]] if page == 1 else [[["2."], ["Second item."], ["IB"]]]
        grid(c, 60, rows, [40, 300, 60])
        text_at(c, 280, HEIGHT - 30, f"Page {page}")
    doc = repair(read_bytes(pdf(draw, pages=2), "generated.pdf", rules), rules)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r.cells[0].text for r in table.rows] == ["1.", "2."]
    assert (table.prov.page, table.prov.page_end) == (1, 2)


def test_a_pdf_without_text_needs_ocr(rules):
    def draw(c, page):
        c.rect(60, 400, 300, 200, fill=1)  # an image of a page, as far as text goes
    with pytest.raises(ReaderError) as exc:
        read_bytes(pdf(draw, pages=2), "scan.pdf", rules)
    assert exc.value.reason == "needs_ocr"


def test_a_password_protected_pdf_is_reported_encrypted(rules):
    def draw(c, page):
        text_at(c, 60, 60, "Confidential minutes of the board meeting.")
    with pytest.raises(ReaderError) as exc:
        read_bytes(pdf(draw, encrypt="secret"), "locked.pdf", rules)
    assert exc.value.reason == "encrypted"


def test_a_truncated_pdf_is_corrupt(rules):
    def draw(c, page):
        text_at(c, 60, 60, "Minutes.")
    data = pdf(draw)
    with pytest.raises(ReaderError) as exc:
        read_bytes(data[: len(data) // 3], "broken.pdf", rules)
    assert exc.value.reason in ("corrupt", "needs_ocr")


def test_a_page_the_layout_cannot_read_is_named_and_the_others_kept(rules, monkeypatch):
    from pipeline.readers import pdf as pdf_reader

    real = pdf_reader._read_page

    def fails_on_page_two(page, number, *args):
        if number == 2:
            raise ValueError("a layout the reader did not expect")
        return real(page, number, *args)

    def draw(c, page):
        text_at(c, 60, 60, f"Text of page {page} of the minutes.")
    monkeypatch.setattr(pdf_reader, "_read_page", fails_on_page_two)
    doc = read_bytes(pdf(draw, pages=3), "minutes.pdf", rules)
    assert doc.unread_pages == (2,)
    assert any("page 2 could not be read: ValueError" in w for w in doc.warnings)
    assert [b.prov.page for b in doc.text_blocks()] == [1, 3]


def test_a_layout_failing_on_every_page_is_an_internal_error(rules, monkeypatch):
    from pipeline.errors import DocumentError
    from pipeline.readers import pdf as pdf_reader

    def fails(*args):
        raise ValueError("a layout the reader did not expect")

    def draw(c, page):
        text_at(c, 60, 60, "Minutes of the meeting.")
    monkeypatch.setattr(pdf_reader, "_read_page", fails)
    with pytest.raises(DocumentError) as exc:
        read_bytes(pdf(draw, pages=2), "minutes.pdf", rules)
    assert exc.value.reason == "internal_error"


# --- real files -------------------------------------------------------------------------


def test_horsley_parish_minutes_without_a_unicode_map_need_ocr(rules):
    # the fonts of this file map no glyph to a character: pdfminer reads only "(cid:25)"
    with pytest.raises(ReaderError) as exc:
        read_document(FIXTURES / "horsley-pc-2014-03-18" / "source.pdf", rules=rules)
    assert exc.value.reason == "needs_ocr"
    assert "unmapped glyphs" in str(exc.value)


@pytest.mark.parametrize("name", ["suffolk-board-2012-09-11", "kent-cabinet-2025-01-30", "horsley-village-hall-2013-10-08"])
def test_real_pdf_reads_as_its_golden_outline(name, rules):
    doc = read_document(FIXTURES / name / "source.pdf", source="source.pdf", rules=rules)
    check_golden(FIXTURES / name / "expected" / "document.txt", outline_document(doc))


def test_suffolk_key_value_box_and_item_table_are_separate_tables(rules):
    doc = read_document(FIXTURES / "suffolk-board-2012-09-11" / "source.pdf", rules=rules)
    first, second = [b for b in doc.blocks if isinstance(b, Table)][:2]
    assert [r.cells[0].text for r in first.rows] == ["Title of Meeting", "Date", "Place", "Time", "Attendees", "Invited"]
    assert second.width == 3 and second.rows[0].cells[2].text == "Action"
    footers = [b for b in doc.blocks if isinstance(b, TextBlock) and b.kind == "page_footer"]
    offices = [b for b in footers if b.text.startswith("Registered Office: County Library")]
    assert [b.prov.page for b in offices] == list(range(1, 12))
    # the page number, set to the right in a smaller size, is a footer of its own, not a
    # word in the middle of the office's ("registered number 1 31542R")
    assert all(b.text.endswith("registered number 31542R") for b in offices)
    assert sorted(b.text for b in footers if b not in offices) == sorted(str(n) for n in range(1, 12))
