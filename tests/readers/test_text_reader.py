"""The text reader: tab-separated cells, HTML in cells, blank lines as page breaks."""

import pytest

from pipeline.document import Table, TextBlock
from pipeline.errors import ReaderError
from pipeline.readers import read_bytes
from tests.helpers import read_text, table_of


def test_tabbed_lines_become_table_rows_and_cells():
    doc = read_text("Title of the Meeting\n\nA\tB\tC\n<p>x</p>\t\ty\n")
    table = table_of(doc)
    assert [[c.text for c in r.cells] for r in table.rows] == [["A", "B", "C"], ["x", "", "y"]]


def test_blank_line_is_a_page_break_and_leading_blank_lines_are_not():
    doc = read_text("\n\nTitle\n\nDate: 1 May\n\na\tb\n\nc\td\n")
    pages = [b.prov.page for b in doc.blocks]
    assert pages == [1, 2, 3, 4]
    assert doc.pages == 4


def test_rows_between_blank_lines_are_one_table_fragment_each():
    doc = read_text("a\tb\nc\td\n\ne\tf\n")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [2, 1]
    assert [t.prov.page for t in tables] == [1, 2]


def test_provenance_gives_table_row_cell_and_line():
    doc = read_text("Title\n\nh1\th2\n<p>x</p>\ty\n")
    cell = table_of(doc).rows[1].cells[1]
    assert (cell.prov.table, cell.prov.row, cell.prov.cell, cell.prov.line, cell.prov.page) == (1, 2, 2, 4, 2)
    assert cell.blocks[0].prov.line == 4


def test_lines_without_tabs_in_a_tabbed_file_are_paragraphs():
    doc = read_text("Title\n\nDate: Monday 23rd May\nChair: Jo Bloggs\n\na\tb\n")
    assert [b.text for b in doc.blocks if isinstance(b, TextBlock)] == ["Title", "Date: Monday 23rd May", "Chair: Jo Bloggs"]


def test_plain_text_joins_hard_wrapped_lines_into_paragraphs():
    # generated: a paragraph hard-wrapped at 60 characters, then a short line
    text = (
        "The council discussed the proposal for the new village hall\n"
        "car park at length and agreed that the clerk would write to\n"
        "the district council.\n"
        "Present: Cllr A Smith\n"
        "\fPage two text\n"
    )
    doc = read_text(text)
    assert [(b.text, b.prov.page) for b in doc.blocks] == [
        ("The council discussed the proposal for the new village hall car park at length "
         "and agreed that the clerk would write to the district council.", 1),
        ("Present: Cllr A Smith", 1),
        ("Page two text", 2),
    ]


def test_plain_text_keeps_short_consecutive_lines_apart():
    doc = read_text("Minutes of the Board\nDate: 3 March 2024\nChair: Jo Bloggs\nVenue Town Hall\n")
    assert [b.text for b in doc.blocks] == ["Minutes of the Board", "Date: 3 March 2024", "Chair: Jo Bloggs", "Venue Town Hall"]


def test_crlf_line_endings_read_like_lf():
    assert read_text("Title\r\n\r\na\tb\r\n").pages == read_text("Title\n\na\tb\n").pages == 2


def test_cp1252_file_is_read_and_its_encoding_recorded():
    doc = read_bytes("Minutes – £5\n\na\tb\n".encode("cp1252"), "old.txt")
    assert doc.encoding == "cp1252"
    assert doc.blocks[0].text == "Minutes – £5"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty_file"),
    (b"  \n\n\t \n", "empty_file"),
    (b"%PDF-1.4\n...", "corrupt"),  # a PDF header and nothing a PDF needs
    (bytes(range(256)) * 8, "unsupported_type"),
])
def test_unreadable_input_raises_with_a_reason(data, reason):
    with pytest.raises(ReaderError) as exc:
        read_bytes(data, "bad")
    assert exc.value.reason == reason
    assert str(exc.value)


def test_seed_is_read_into_eleven_pages_and_nine_table_fragments():
    from tests.conftest import SEED
    doc = read_bytes(SEED.read_bytes(), "source.txt")
    assert doc.pages == 11
    assert sum(isinstance(b, Table) for b in doc.blocks) == 9
    assert doc.format == "text" and doc.encoding == "utf-8"
