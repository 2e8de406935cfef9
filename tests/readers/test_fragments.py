"""HTML fragments inside cells become text blocks with inline marks."""

from pipeline.document import Provenance
from pipeline.readers.fragments import fragment_blocks

P = Provenance("t", page=1)


def texts(fragment):
    return [(b.kind, b.text) for b in fragment_blocks(fragment, P)]


def test_plain_text_is_one_paragraph_with_space_collapsed():
    assert texts("  The DBS   stated that D&I will help.  ") == [("paragraph", "The DBS stated that D&I will help.")]


def test_each_paragraph_is_a_block():
    assert texts("<p>One.</p> <p>Two.</p>") == [("paragraph", "One."), ("paragraph", "Two.")]


def test_unclosed_list_keeps_typed_numbers_in_its_text():
    # the <ol> is never closed and has no <li>: the numbers are typed as text
    html = '<ol style="list-style-type: none"> 1. The PCC asked X. 2. The PCC asked Y. '
    assert texts(html) == [("list_item", "1. The PCC asked X. 2. The PCC asked Y.")]


def test_paragraph_inside_an_unclosed_list_is_its_own_block():
    html = '<ol style="list-style-type: none"> 1. The PCC asked. <p><i>An aside here.</i></p>'
    blocks = fragment_blocks(html, P)
    assert [b.text for b in blocks] == ["1. The PCC asked.", "An aside here."]
    assert [(m.start, m.end, m.style) for m in blocks[1].marks] == [(0, 14, "italic")]


def test_italic_inside_text_is_marked_at_its_characters():
    block = fragment_blocks("<ol> 1. Done. <i>The PCC believed so.</i> 2. Next", P)[0]
    (mark,) = block.marks
    assert block.text[mark.start:mark.end] == "The PCC believed so."


def test_entities_are_decoded_in_markup():
    assert texts("<p>D&amp;I &amp; comms</p>") == [("paragraph", "D&I & comms")]


def test_scripts_and_styles_are_ignored():
    assert texts("<p>Kept</p><script>var x=1;</script><style>p{}</style>") == [("paragraph", "Kept")]


def test_line_breaks_separate_blocks():
    assert texts("Present:<br>John Smith<br/>Jane Doe") == [
        ("paragraph", "Present:"), ("paragraph", "John Smith"), ("paragraph", "Jane Doe"),
    ]


def test_real_list_items_carry_the_number_a_reader_sees():
    blocks = fragment_blocks('<ol start="3"><li>Third.</li><li value="7">Seventh.</li><li>Eighth.</li></ol><ul><li>Bullet.</li></ul>', P)
    assert [(b.number, b.text) for b in blocks] == [("3", "Third."), ("7", "Seventh."), ("8", "Eighth."), (None, "Bullet.")]


def test_a_list_styled_without_numbers_leaves_typed_numbers_in_the_text():
    blocks = fragment_blocks('<ol style="list-style-type: none"><li>1. Typed.</li></ol>', P)
    assert [(b.number, b.text) for b in blocks] == [(None, "1. Typed.")]


def test_blocks_of_walks_an_already_parsed_node():
    from bs4 import BeautifulSoup

    from pipeline.readers.fragments import blocks_of

    cell = BeautifulSoup("<table><tr><td>Q1<br><b>Answer</b></td></tr></table>", "lxml").td
    assert [(b.text, [m.style for m in b.marks]) for b in blocks_of(cell, P)] == [("Q1", []), ("Answer", ["bold"])]


def test_a_fragment_nested_thousands_deep_is_walked_without_recursion_error():
    # generated: far deeper than Python's recursion limit
    assert texts("<span>" * 5000 + "deep" + "</span>" * 5000) == [("paragraph", "deep")]


def test_text_typed_in_a_list_beside_its_items_keeps_the_item_numbers_in_step():
    blocks = fragment_blocks('<ol start="2">Intro<li>Two</li><li>Three</li></ol>', P)
    assert [(b.kind, b.number, b.text) for b in blocks] == [
        ("list_item", None, "Intro"), ("list_item", "2", "Two"), ("list_item", "3", "Three"),
    ]
