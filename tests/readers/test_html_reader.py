"""The HTML reader: encoding, what is left out, blocks, tables, pages, robustness, real pages.

Every small page below is generated for its test; the real pages are the fixtures under
tests/fixtures/ (see each folder's SOURCE.md).
"""

from pathlib import Path

import pytest

from pipeline.document import Document, Table, TextBlock
from pipeline.errors import ReaderError
from pipeline.outline import outline_document
from pipeline.readers import read_bytes, read_document
from pipeline.readers.html import read_html
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHA = "0" * 64


def read(page: str | bytes) -> Document:
    """A generated page (str pages are UTF-8) read by the HTML reader."""
    data = page.encode("utf-8") if isinstance(page, str) else page
    return read_html(data, "generated.html", SHA, None)


def texts(doc: Document) -> list[str]:
    """The top-level text blocks' texts."""
    return [b.text for b in doc.text_blocks()]


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.text_blocks()]


def only_table(doc: Document) -> Table:
    (table,) = doc.tables()
    return table


def grid(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# -- encoding


def test_meta_charset_decodes_the_page_and_is_recorded():
    page = '<html><head><meta charset="iso-8859-15"></head><body><p>Réunion – 5 €</p></body></html>'
    doc = read(page.replace("–", "-").encode("iso-8859-15"))
    assert texts(doc) == ["Réunion - 5 €"]
    assert doc.encoding == "iso-8859-15"


def test_http_equiv_content_type_charset_decodes_the_page():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            '</head><body><p>Протокол заседания</p></body></html>')
    doc = read(page.encode("cp1251"))
    assert texts(doc) == ["Протокол заседания"]
    assert doc.encoding == "windows-1251"


def test_xml_declaration_encoding_decodes_xhtml():
    page = ('<?xml version="1.0" encoding="ISO-8859-7"?>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Πρακτικά</p></body></html>')
    doc = read(page.encode("iso-8859-7"))
    assert texts(doc) == ["Πρακτικά"]
    assert doc.encoding == "iso-8859-7"


def test_byte_order_mark_wins_over_the_declared_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café</p></body></html>'
    doc = read(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert texts(doc) == ["Café"]
    assert doc.encoding == "utf-8-sig"


def test_a_page_declared_latin1_is_read_as_windows_1252_like_browsers_do():
    page = '<html><head><meta charset="ISO-8859-1"></head><body><p>“Agreed” – £5</p></body></html>'
    doc = read(page.encode("cp1252"))
    assert texts(doc) == ["“Agreed” – £5"]
    assert doc.encoding == "cp1252"


def test_an_undeclared_page_is_read_as_utf8():
    doc = read("<p>Café – notes</p>".encode())
    assert (texts(doc), doc.encoding) == (["Café – notes"], "utf-8")


def test_an_undeclared_page_that_is_not_utf8_falls_back_to_cp1252():
    doc = read("<p>Café – notes</p>".encode("cp1252"))
    assert (texts(doc), doc.encoding) == (["Café – notes"], "cp1252")


def test_a_utf16_declaration_in_a_page_saved_as_utf8_is_ignored():
    doc = read('<meta charset="utf-16"><p>Café</p>'.encode())
    assert (texts(doc), doc.encoding) == (["Café"], "utf-8")


def test_utf16_page_with_a_byte_order_mark_is_sniffed_and_read(rules):
    doc = read_bytes("<!DOCTYPE html><html><body><p>Réunion</p></body></html>".encode("utf-16"), "u.html", rules)
    assert (doc.format, texts(doc), doc.encoding) == ("html", ["Réunion"], "utf-16-le")


def test_utf16_page_without_a_byte_order_mark_is_sniffed_and_read(rules):
    data = "<!DOCTYPE html><html><body><p>Réunion</p></body></html>".encode("utf-16-be")
    doc = read_bytes(data, "u.html", rules)
    assert (doc.format, texts(doc), doc.encoding) == ("html", ["Réunion"], "utf-16-be")


def test_bytes_that_fit_no_encoding_raise_undecodable():
    # 0x81 is undefined in cp1252 and invalid as UTF-8
    with pytest.raises(ReaderError) as exc:
        read(b"<p>abc \x81\x81 def</p>")
    assert exc.value.reason == "undecodable"


# -- what is left out


def test_scripts_styles_noscript_and_templates_are_ignored():
    doc = read("<p>Kept</p><script>var x = 1;</script><style>p {}</style>"
               "<noscript>Enable JavaScript</noscript><template><p>Row</p></template>")
    assert texts(doc) == ["Kept"]


def test_nav_elements_and_navigation_roles_are_ignored():
    doc = read('<nav><a href="/">Home</a></nav><div role="navigation"><a href="/a">Agenda</a></div><p>Minutes</p>')
    assert texts(doc) == ["Minutes"]


def test_skip_links_are_ignored_but_other_links_in_the_page_are_kept():
    doc = read('<a href="#main" class="skip-link">Skip to content</a>'
               '<p>See <a href="#item-3">item 3</a> below.</p>')
    assert texts(doc) == ["See item 3 below."]


def test_menu_and_breadcrumb_containers_made_of_links_are_ignored():
    doc = read('<div class="desktop-nav"><ul class="wsite-menu-default"><li><a href="/">Home</a></li>'
               '<li><a href="/m">MINUTES</a></li></ul></div>'
               '<ol class="breadcrumb"><li><a href="/">Home</a></li><li>Minutes</li></ol>'
               '<p>Minutes of the meeting</p>')
    assert texts(doc) == ["Minutes of the meeting"]


def test_a_container_named_like_a_menu_but_holding_text_is_kept():
    doc = read('<div class="menu-section"><p>The committee agreed the <a href="/budget">budget</a> '
               'after a long discussion of the figures.</p></div>')
    assert texts(doc) == ["The committee agreed the budget after a long discussion of the figures."]


def test_hidden_elements_and_form_controls_are_ignored():
    doc = read('<p hidden>Hidden</p><div style="display: none">Flyout</div>'
               '<form><label>Search</label><select><option>January</option></select><button>Go</button></form>'
               '<p>Shown</p>')
    assert texts(doc) == ["Search", "Shown"]


def test_site_header_and_footer_outside_main_are_page_furniture():
    doc = read('<header><p>City Council website</p></header><main><h1>Minutes</h1><p>Body</p></main>'
               '<footer><p>© City Council</p></footer>')
    assert kinds(doc) == [("page_header", "City Council website"), ("heading", "Minutes"),
                          ("paragraph", "Body"), ("page_footer", "© City Council")]


def test_a_header_holding_a_heading_is_the_documents_own_title_not_furniture():
    # the W3C minutes put their title and date in <header>
    doc = read("<header><h1>Plenary</h1><h2>15 February 2024</h2></header><p>Body</p>")
    assert kinds(doc) == [("heading", "Plenary"), ("heading", "15 February 2024"), ("paragraph", "Body")]


def test_a_header_inside_an_article_is_content():
    doc = read("<article><header><p>Posted 3 May</p></header><h1>Minutes</h1></article>")
    assert kinds(doc)[0] == ("paragraph", "Posted 3 May")


def test_containers_named_like_a_site_footer_are_furniture_and_not_footer_ones_are_not():
    doc = read('<div class="wsite-not-footer"><h1>Minutes</h1><p>Body</p></div>'
               '<div class="footer-wrap"><p>Web Hosting by iPage</p></div>')
    assert kinds(doc) == [("heading", "Minutes"), ("paragraph", "Body"), ("page_footer", "Web Hosting by iPage")]


def test_the_title_becomes_the_leading_heading_when_the_body_has_no_h1():
    doc = read("<html><head><title>MINUTES - COMMISSION</title></head><body><h2>2019</h2><p>x</p></body></html>")
    first = doc.blocks[0]
    assert (first.kind, first.level, first.text) == ("heading", 1, "MINUTES - COMMISSION")


def test_the_title_is_not_repeated_when_the_body_has_an_h1():
    doc = read("<html><head><title>Site | Minutes</title></head><body><h1>Minutes</h1></body></html>")
    assert texts(doc) == ["Minutes"]


def test_an_h1_left_in_navigation_does_not_count_as_the_title():
    doc = read("<html><head><title>Board minutes</title></head><body><nav><h1>Site</h1></nav><p>x</p></body></html>")
    assert texts(doc) == ["Board minutes", "x"]


# -- blocks


def test_headings_have_their_level():
    doc = read("".join(f"<h{n}>Level {n}</h{n}>" for n in range(1, 7)))
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [("heading", n, f"Level {n}") for n in range(1, 7)]


def test_paragraphs_and_div_text_are_blocks_in_order_with_space_collapsed():
    doc = read("<div>Opening   remarks\n by the chair<p>Apologies</p>Then the minutes</div>")
    assert kinds(doc) == [("paragraph", "Opening remarks by the chair"), ("paragraph", "Apologies"),
                          ("paragraph", "Then the minutes")]


def test_text_before_and_after_a_page_region_is_not_joined():
    doc = read("<body>Loose text<main>Minutes text</main><address>Generated by a tool</address></body>")
    assert texts(doc) == ["Loose text", "Minutes text", "Generated by a tool"]


def test_nested_lists_carry_their_nesting_level():
    doc = read("<ul><li>Finance<ul><li>Budget<ol><li>Q1</li></ol></li></ul></li><li>AOB</li></ul>")
    assert [(b.kind, b.level, b.number, b.text) for b in doc.blocks] == [
        ("list_item", 0, None, "Finance"), ("list_item", 1, None, "Budget"),
        ("list_item", 2, "1", "Q1"), ("list_item", 0, None, "AOB"),
    ]


def test_list_numbers_follow_start_and_value():
    doc = read('<ol start="4"><li>Fourth</li><li value="9">Ninth</li><li>Tenth</li></ol>')
    assert [(b.number, b.text) for b in doc.blocks] == [("4", "Fourth"), ("9", "Ninth"), ("10", "Tenth")]


def test_list_numbers_are_shown_as_letters_or_roman_numerals_as_the_list_says():
    doc = read('<ol type="a"><li>x</li><li>y</li></ol><ol type="I" start="4"><li>z</li></ol>'
               '<ol style="list-style-type: lower-roman"><li>w</li><li>v</li></ol>')
    assert [b.number for b in doc.blocks] == ["a", "b", "IV", "i", "ii"]


def test_a_list_shown_without_numbers_leaves_typed_numbers_in_the_text():
    doc = read('<ol style="list-style-type: none"><li>1. Typed</li></ol><ol type="none"><li>2. Also typed</li></ol>')
    assert [(b.number, b.text) for b in doc.blocks] == [(None, "1. Typed"), (None, "2. Also typed")]


def test_line_breaks_give_one_block_per_line():
    doc = read("<p>Present:<br>John Smith<br/>Jane Doe</p>")
    assert texts(doc) == ["Present:", "John Smith", "Jane Doe"]


def test_preformatted_text_gives_one_block_per_non_empty_line():
    doc = read("<pre>Present:   J Smith\n\n  Apologies: <b>none</b>\r\nEnd</pre>")
    assert texts(doc) == ["Present: J Smith", "Apologies: none", "End"]
    assert [(m.start, m.end, m.style) for m in doc.blocks[1].marks] == [(11, 15, "bold")]


def test_definition_list_terms_and_definitions_are_paragraphs():
    doc = read("<dl><dt>Chair</dt><dd>wolfgang</dd><dt>Scribe</dt><dd>duga, wendyreid</dd></dl>")
    assert kinds(doc) == [("paragraph", "Chair"), ("paragraph", "wolfgang"),
                          ("paragraph", "Scribe"), ("paragraph", "duga, wendyreid")]


def test_a_block_quote_is_its_own_paragraph():
    doc = read("<p>The chair read:</p><blockquote>We thank the clerk.</blockquote>")
    assert texts(doc) == ["The chair read:", "We thank the clerk."]


def test_bold_and_italic_are_marks_over_their_characters():
    (block,) = read("<p><strong>RESOLUTION:</strong> adopt the <em>draft</em> text</p>").blocks
    assert [(block.text[m.start:m.end], m.style) for m in block.marks] == [("RESOLUTION:", "bold"), ("draft", "italic")]


def test_italic_and_bold_set_by_a_stylesheet_class_or_a_style_attribute_are_marks():
    # LibreOffice's XHTML export and Google Docs set emphasis by class, not by <i>/<b>
    (block,) = read("<html><head><style>.T1 { font-style:italic; } span.c3{font-weight:700}"
                    " .T2 { color: red }</style></head><body><p>The CC replied. <span class='T1'>The PCC"
                    " believed this.</span> <span class='c3'>Agreed</span> <span style='font-style: oblique'>"
                    "now</span> <span class='T2'>plain</span></p></body></html>").blocks
    assert [(block.text[m.start:m.end], m.style) for m in block.marks] == [
        ("The PCC believed this.", "italic"), ("Agreed", "bold"), ("now", "italic")]


def test_a_class_styling_a_paragraph_marks_all_its_text():
    (block,) = read("<style>p.P1 { font-weight: bold }</style><p class='P1'>Actions arising</p>").blocks
    assert [(block.text[m.start:m.end], m.style) for m in block.marks] == [("Actions arising", "bold")]


def test_invisible_characters_are_removed():
    doc = read("<p>&#8203;November 15, 2017&shy;</p>")
    assert texts(doc) == ["November 15, 2017"]


def test_xhtml_self_closing_tags_are_read():
    page = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<head><title>T</title></head><body><h1>Minutes</h1><p>a<br/>b</p><div/><p>c</p></body></html>")
    assert texts(read(page)) == ["Minutes", "a", "b", "c"]


# -- tables


def test_rows_come_from_head_body_foot_and_direct_rows_in_document_order():
    doc = read("<table><thead><tr><th>No</th><th>Item</th></tr></thead><tbody><tr><td>1</td><td>Apologies</td></tr>"
               "</tbody><tfoot><tr><td>-</td><td>End</td></tr></tfoot><tr><td>2</td><td>AOB</td></tr></table>")
    assert grid(only_table(doc)) == [["No", "Item"], ["1", "Apologies"], ["-", "End"], ["2", "AOB"]]


def test_a_column_span_is_stored_once_and_the_positions_it_covers_are_empty():
    table = only_table(read('<table><tr><td colspan="2">Item 1</td><td>AW</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>'))
    first = table.rows[0].cells
    assert grid(table) == [["Item 1", "", "AW"], ["a", "b", "c"]]
    assert [(c.col_span, c.row_span) for c in first] == [(2, 1), (1, 1), (1, 1)]
    assert first[1].is_empty and first[2].prov.cell == 3


def test_a_row_span_empties_the_positions_below_and_shifts_later_cells():
    table = only_table(read('<table><tr><td rowspan="2">5</td><td>Finance</td></tr><tr><td>Budget</td></tr></table>'))
    assert grid(table) == [["5", "Finance"], ["", "Budget"]]
    assert table.rows[0].cells[0].row_span == 2
    assert table.rows[1].cells[1].prov.cell == 2


def test_row_spans_past_the_last_row_are_cut_and_zero_spans_to_the_end():
    table = only_table(read('<table><tr><td rowspan="9">a</td><td rowspan="0">b</td><td>c</td></tr>'
                            "<tr><td>d</td></tr><tr><td>e</td></tr></table>"))
    assert [c.row_span for c in table.rows[0].cells] == [3, 3, 1]
    assert grid(table) == [["a", "b", "c"], ["", "", "d"], ["", "", "e"]]


def test_every_row_has_the_grids_width():
    table = only_table(read("<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>"))
    assert [len(r.cells) for r in table.rows] == [3, 3]
    assert grid(table)[1] == ["d", "", ""]


def test_cell_content_is_read_like_any_html_fragment():
    table = only_table(read("<table><tr><td><p>Q1</p><ol><li>Asked <i>twice</i></li></ol>a<br>b</td>"
                            "<td>x</td></tr></table>"))
    cell = table.rows[0].cells[0]
    assert [(b.kind, b.number, b.text) for b in cell.blocks] == [
        ("paragraph", None, "Q1"), ("list_item", "1", "Asked twice"), ("paragraph", None, "a"), ("paragraph", None, "b"),
    ]
    assert [m.style for m in cell.blocks[1].marks] == ["italic"]


def test_a_table_nested_in_a_cell_is_flattened_into_the_cells_blocks_row_by_row():
    doc = read("<table><tr><td>Before<table><tr><td>r1c1</td><td>r1c2</td></tr><tr><td>r2c1</td></tr></table>"
               "After</td><td>Other</td></tr></table>")
    table = only_table(doc)
    cell = table.rows[0].cells[0]
    assert [b.text for b in cell.blocks] == ["Before", "r1c1", "r1c2", "r2c1", "After"]
    assert {(b.prov.table, b.prov.row, b.prov.cell) for b in cell.blocks} == {(1, 1, 1)}


def test_a_one_cell_table_wrapping_the_page_is_unwrapped_into_ordinary_blocks():
    doc = read("<table width='100%'><tr><td><h1>Minutes</h1><p>Present: all</p></td></tr></table>")
    assert list(doc.tables()) == []
    assert [(b.kind, b.text, b.prov.table) for b in doc.blocks] == [("heading", "Minutes", None),
                                                                  ("paragraph", "Present: all", None)]


def test_a_table_beside_empty_spacer_cells_is_layout():
    doc = read('<table><tr><td><div style="height:50px"></div></td><td>Only text</td></tr></table>')
    assert (list(doc.tables()), texts(doc)) == ([], ["Only text"])


def test_a_table_marked_presentational_is_unwrapped():
    doc = read('<table role="presentation"><tr><td>Left</td><td>Right</td></tr></table>')
    assert (list(doc.tables()), texts(doc)) == ([], ["Left", "Right"])


def test_a_layout_table_with_page_headings_keeps_the_data_table_it_holds():
    doc = read("<table><tr><td>Site links</td><td><h1>Minutes</h1><table><tr><th>No</th><th>Item</th></tr>"
               "<tr><td>1</td><td>Apologies</td></tr></table></td></tr></table>")
    assert [type(b).__name__ for b in doc.blocks] == ["TextBlock", "TextBlock", "Table"]
    table = only_table(doc)
    assert grid(table) == [["No", "Item"], ["1", "Apologies"]]
    assert table.prov.table == 1


def test_tables_are_numbered_in_document_order_with_rows_and_grid_columns():
    doc = read("<table><tr><td>a</td><td>b</td></tr></table><p>between</p>"
               "<table><tr><td>c</td><td>d</td></tr><tr><td colspan=2>e</td><td>f</td></tr></table>")
    first, second = doc.tables()
    assert (first.prov.table, second.prov.table) == (1, 2)
    f = second.rows[1].cells[2]
    assert (f.prov.table, f.prov.row, f.prov.cell) == (2, 2, 3)
    assert (f.blocks[0].prov.table, f.blocks[0].prov.row, f.blocks[0].prov.cell) == (2, 2, 3)
    assert (second.rows[1].prov.table, second.rows[1].prov.row) == (2, 2)


def test_cells_written_straight_into_a_table_get_a_row():
    assert grid(only_table(read("<table><td>x</td><td>y</td></table>"))) == [["x", "y"]]


def test_a_caption_is_a_paragraph_before_its_table():
    doc = read("<table><caption>Actions</caption><tr><td>AW</td><td>Write</td></tr></table>")
    assert [type(b).__name__ for b in doc.blocks] == ["TextBlock", "Table"]
    assert doc.blocks[0].text == "Actions"


def test_a_table_in_a_list_item_does_not_take_the_items_number_or_kind():
    doc = read("<ol><li><table><tr><td>a</td><td>b</td></tr></table>Item text</li></ol>")
    cell = only_table(doc).rows[0].cells[0]
    assert [(b.kind, b.number, b.level) for b in cell.blocks] == [("paragraph", None, 0)]
    assert [(b.kind, b.number, b.text) for b in doc.text_blocks()] == [("list_item", "1", "Item text")]


# -- pages


def test_without_marked_page_breaks_there_are_no_pages():
    doc = read("<p>a</p><table><tr><td>b</td><td>c</td></tr></table>")
    assert doc.pages is None
    assert doc.blocks[0].prov.page is None and only_table(doc).rows[0].cells[0].prov.page is None


def test_page_break_before_starts_a_new_page():
    doc = read('<p>one</p><p style="page-break-before: always">two</p><p>three</p>')
    assert [b.prov.page for b in doc.blocks] == [1, 2, 2]
    assert doc.pages == 2


def test_page_break_after_and_css3_break_properties_count_too():
    doc = read('<p style="page-break-after:always">one</p><p>two</p>'
               '<div style="break-before: page">three</div><div style="break-after: page">four</div><p>five</p>')
    assert [b.prov.page for b in doc.blocks] == [1, 2, 3, 3, 4]


def test_a_break_before_any_content_and_a_break_marked_on_both_sides_count_once():
    doc = read('<p style="page-break-before:always">one</p>'
               '<p style="page-break-after:always">two</p><p style="page-break-before:always">three</p>')
    assert [b.prov.page for b in doc.blocks] == [1, 1, 2]
    assert doc.pages == 2


def test_a_word_style_page_break_line_break_starts_a_new_page():
    doc = read("<p>one</p><br clear=all style='page-break-before:always'><p>two</p>")
    assert [b.prov.page for b in doc.blocks] == [1, 2]


def test_table_rows_carry_the_page_they_start_on():
    doc = read('<table><tr><td>a</td><td>b</td></tr><tr style="page-break-before:always"><td>c</td><td>d</td></tr></table>')
    table = only_table(doc)
    assert [r.prov.page for r in table.rows] == [1, 2]
    assert (table.prov.page, table.prov.page_end) == (1, 2)
    assert table.rows[1].cells[0].blocks[0].prov.page == 2


# -- the document


def test_the_document_says_what_it_is_and_how_it_was_read():
    doc = read_html(b"<p>x</p>", "minutes.html", "ab" * 32, None)
    assert (doc.source, doc.format, doc.sha256, doc.pages, doc.encoding) == ("minutes.html", "html", "ab" * 32, None, "utf-8")
    assert doc.layout and "\n" not in doc.layout and "no pages" in doc.layout


def test_a_page_is_sniffed_and_read_through_the_registry(rules):
    doc = read_bytes(b"<!-- saved from url=(0014)about:internet -->\n<html><body><p>Hi</p></body></html>", "x.html", rules)
    assert (doc.format, texts(doc)) == ("html", ["Hi"])


# -- robustness


def test_markup_nested_thousands_deep_is_read_without_recursion_error():
    doc = read("<div>" * 5000 + "<b>deep</b>" + "</div>" * 5000)
    assert [(b.text, [m.style for m in b.marks]) for b in doc.blocks] == [("deep", ["bold"])]


def test_lists_and_tables_nested_thousands_deep_are_read():
    doc = read("<ul><li>" * 3000 + "leaf" + "</li></ul>" * 3000 + "<table><tr><td>x</td><td>" * 2000 + "inner"
               + "</td></tr></table>" * 2000)
    assert doc.blocks[0].level == 2999
    table = only_table(doc)
    assert table.rows[0].cells[1].blocks[-1].text == "inner"


def test_an_unclosed_comment_hides_the_rest_and_says_so():
    doc = read("<p>Seen</p><!-- never closed <p>Hidden</p>")
    assert texts(doc) == ["Seen"]
    assert any("comment" in w for w in doc.warnings)


def test_spans_making_a_gigantic_grid_raise_corrupt():
    # a million grid positions from one cell: 1000 columns down 1001 rows
    with pytest.raises(ReaderError) as exc:
        read('<table><tr><td colspan="1000" rowspan="0">x</td></tr>' + "<tr><td>y</td></tr>" * 1000 + "</table>")
    assert exc.value.reason == "corrupt"


@pytest.mark.parametrize("data", [
    b"<<<>>> &&& <p <div <table><td",
    b"</p></div></table></html>",
    b"<html><body>\x00\x01\x02 text \x7f</body></html>",
    b"<p>" + bytes(range(32, 256)).replace(b"\x81", b"") + b"</p>",
    b"<!DOCTYPE html><html><head><title>only a title</title></head></html>",
    b"<![CDATA[ x ]]><?php echo 1; ?><p>after</p>",
])
def test_garbage_gives_a_document_or_a_reader_error_and_nothing_else(data):
    try:
        doc = read(data)
    except ReaderError:
        return
    assert isinstance(doc, Document)
    assert all(isinstance(b, (TextBlock, Table)) for b in doc.blocks)


# -- real pages (golden outlines plus facts checked in the source)


def _real(name: str) -> Document:
    return read_document(FIXTURES / name / "source.html", source="source.html")


def _after(doc: Document, term: str) -> str:
    """The paragraph after a <dt> term (the W3C attendee list)."""
    blocks = list(doc.text_blocks())
    index = next(i for i, b in enumerate(blocks) if b.text == term)
    return blocks[index + 1].text


def _headings(doc: Document, level: int) -> list[str]:
    return [b.text for b in doc.text_blocks() if b.kind == "heading" and b.level == level]


@pytest.mark.parametrize("name", ["w3c-publishingcg-2024-02-15", "w3c-pm-wg-2026-05-07", "chicago-minutes-listing"])
def test_real_page_outline_matches_its_golden_file(name):
    check_golden(FIXTURES / name / "expected" / "document.txt", outline_document(_real(name)))


def test_w3c_cg_minutes_title_date_attendance_and_topics():
    doc = _real("w3c-publishingcg-2024-02-15")
    assert _headings(doc, 1) == ["Publishing Community Group: Plenary Session"]
    assert _headings(doc, 2) == ["15 February 2024", "Attendees", "Meeting minutes"]
    assert _after(doc, "Present").split(", ") == [
        "ashley", "AvneeshSingh", "CharlesL", "duga", "George", "gpellegrino", "graham", "Hadrien", "ivan",
        "jeffrey_griggs", "jonas_lillqvist", "ken_jones", "LauraB", "laurent_le_meur", "liisamk", "miia_kirsi",
        "mike_baker", "paul_belfanti", "paul_gilius", "rickj", "sagiv", "tzviya", "vincent_nicotina", "wendyreid",
        "wolfgang",
    ]
    assert (_after(doc, "Regrets"), _after(doc, "Chair"), _after(doc, "Scribe")) == ("-", "wolfgang", "duga, wendyreid")
    assert _headings(doc, 3) == ["Accessibility task force", "Anti counterfeit Task Force", "Fixed Layout Accessibility TF",
                                 "Generate reflowable fixed layout books", "Extracting textual content", "Webtoons"]
    assert "<wolfgang> date: 2024-02-15" in texts(doc)


def test_w3c_cg_minutes_table_of_contents_is_left_out_and_continuation_lines_are_blocks():
    doc = _real("w3c-publishingcg-2024-02-15")
    assert "Contents" not in texts(doc)
    # the topic names appear once each: as headings, not again as contents entries
    assert texts(doc).count("Webtoons") == 1
    lines = texts(doc)
    start = lines.index("liisamk: Anti counterfeit TF")
    assert lines[start + 1] == "… not much discussion since the start of the year"


def test_w3c_wg_minutes_attendance_topics_and_resolutions():
    doc = _real("w3c-pm-wg-2026-05-07")
    assert _headings(doc, 1) == ["– DRAFT –", "Publishing Maintenance Working Group Telco"]
    assert _headings(doc, 2)[0] == "07 May 2026"
    assert len(_after(doc, "Present").split(", ")) == 18
    assert (_after(doc, "Regrets"), _after(doc, "Chair"), _after(doc, "Scribe")) == ("brady", "wendy", "gautierchomel_")
    assert _headings(doc, 3) == ["Resolutions from last week", "Finalize resolutions from last week",
                                 "Rechartering", "Merging Annotation Sets"]
    resolutions = [b for b in doc.text_blocks() if b.text.startswith("RESOLUTION:")]
    assert [b.text for b in resolutions] == [
        ("RESOLUTION: Once the liaison with SC34 is established, we will submit EPUB 3.4, EPUB Reading Systems 3.4, "
         "and EPUB Accessibility 1.2 as drafts for their review."),
        ("RESOLUTION: We will submit EPUB 3.4, EPUB Reading Systems 3.4, and EPUB Accessibility 1.2 to ISO as part "
         "of the PAS process when all documents reach recommendation status."),
    ]
    assert all([(m.start, m.end, m.style) for m in b.marks] == [(0, 11, "bold")] for b in resolutions)


def test_w3c_wg_minutes_summary_of_resolutions_is_kept_as_a_numbered_list():
    doc = _real("w3c-pm-wg-2026-05-07")
    summary = [(b.number, b.text) for b in doc.text_blocks() if b.kind == "list_item"]
    assert [n for n, _ in summary] == ["1", "2"]
    assert summary[1][1].startswith("We will submit EPUB 3.4")


def test_listing_page_navigation_and_scripts_are_gone_and_its_listing_kept():
    doc = _real("chicago-minutes-listing")
    lines = texts(doc)
    assert lines[:2] == ["MINUTES - GOVERNING COMMISSION", "MINUTES"]
    for menu_entry in ("Home", "Agenda", "REPORTS & AUDITS", "Commissioners / Appointments"):
        assert menu_entry not in lines
    assert not any("function" in line or "_W" in line for line in lines)
    assert "Meeting 59 - January 15th, 2020" in lines and "November 15, 2017" in lines
    assert list(doc.tables()) == []  # the footer's two-column layout table holds only spacers
    assert [(b.kind, b.text) for b in doc.blocks[-1:]] == [("page_footer", "annualpublic Web Hosting by iPage")]
