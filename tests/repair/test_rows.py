"""Rows cut by a page break are joined back, in every shape the example minutes hold;
a new item that merely follows a page break is left alone."""

from pipeline.repair import merge_continued_tables, join_split_rows
from tests.helpers import cell_texts, read_text, table_of

HEADER = "AFI / recommendation\tPCC's assurance questions\tForce response\n"


def joined(text, rules):
    doc = join_split_rows(merge_continued_tables(read_text(text), rules), rules)
    return table_of(doc)


def test_first_cell_continuing_alone_is_joined_mid_sentence(rules):
    # AFI 2's shape: the finding is cut mid-sentence, only the first cell continues
    table = joined(HEADER + "<p>AFI 2: ensure that the use of stop and search</p>\t<p>Q?</p>\t<p>R.</p>\n\n"
                   "<p>powers is proportionate.</p>\t\t\n", rules)
    assert len(table.rows) == 2
    assert cell_texts(table.rows[1]) == [["AFI 2: ensure that the use of stop and search powers is proportionate."], ["Q?"], ["R."]]
    assert (table.rows[1].prov.page, table.rows[1].prov.page_end) == (1, 2)


def test_empty_first_cell_after_a_break_continues_the_row(rules):
    # AFI 6's shape: the next numbered question and answer arrive on the new page
    table = joined(HEADER + "AFI 6: record reports.\t<ol> 1. The PCC asked X\t<ol> 1. The CC stated Y\n\n"
                   "\t<p>2. The PCC asked Z?</p>\t<p>2. The ACCCV said W.</p>\n", rules)
    assert len(table.rows) == 2
    row = table.rows[1]
    assert cell_texts(row)[1] == ["1. The PCC asked X", "2. The PCC asked Z?"]
    assert cell_texts(row)[2] == ["1. The CC stated Y", "2. The ACCCV said W."]


def test_question_cut_mid_sentence_is_whole_again_once_numbering_is_read(rules):
    # AFI 9's shape: question 2 is cut mid-sentence; rows are joined before numbers are read
    from pipeline.repair import repair

    table = table_of(repair(read_text(HEADER + "AFI 9: agree a plan.\t<ol> 1. The PCC asked A? 2. The PCC asked how this AFI will be\t<ol> 1. R1.\n\n"
                   "\t<p>addressed in the midst of all other AFI highlighted</p> <p>3. The SPM questioned B</p>\t<p>2. R2.</p>\n"), rules))
    questions = cell_texts(table.rows[1])[1]
    assert questions == ["1. The PCC asked A?", "2. The PCC asked how this AFI will be addressed in the midst of all other AFI highlighted", "3. The SPM questioned B"]


def test_only_the_last_cell_continuing_without_markup_is_joined(rules):
    # AFI 12's shape: plain text in the third cell only, a new paragraph
    table = joined(HEADER + "<p>AFI 12: meet needs.</p>\t<p>The PCC asked?</p>\t<p>The CC stated A.</p> <p>The DBS replied B.</p>\n\n"
                   "\t\tThe DBS stated that D&I will help.\n", rules)
    assert cell_texts(table.rows[1])[2] == ["The CC stated A.", "The DBS replied B.", "The DBS stated that D&I will help."]


def test_all_three_cells_continuing_mid_sentence_are_joined(rules):
    # AFI 15's shape
    table = joined(HEADER + "AFI 15: improve the data and make\tThe PCC asked\tThe CC also stated that\n\n"
                   "<p>sure there is consistency.</p>\t<p>the CC how she is reassured?</p>\t<p>a business case was approved.</p> <p>The DCS added more.</p>\n", rules)
    assert cell_texts(table.rows[1]) == [
        ["AFI 15: improve the data and make sure there is consistency."],
        ["The PCC asked the CC how she is reassured?"],
        ["The CC also stated that a business case was approved.", "The DCS added more."],
    ]


def test_new_item_after_a_page_break_is_not_a_continuation(rules):
    # AFI 5 and Recommendation 2 start on a new page without continuing anything
    table = joined(HEADER + "AFI 4: give advice.\tThe PCC asked?\tThe CC replied.\n\n"
                   "<p>AFI 5: identify repeat callers.</p>\tThe PCC asked?\tThe CC said.\n\n"
                   "<p>Recommendation 2: update victims.</p>\tThe PCC asked?\tThe CC said.\n", rules)
    assert [r.cells[0].text.split(":")[0] for r in table.rows[1:]] == ["AFI 4", "AFI 5", "Recommendation 2"]


def test_text_after_a_break_that_starts_a_new_sentence_is_not_joined(rules):
    table = joined(HEADER + "AFI 1: a finding.\tThe PCC asked?\tThe CC said.\n\n"
                   "Areas for improvement (AFI)\t\t\n", rules)
    assert len(table.rows) == 3


def test_in_an_item_table_a_row_without_an_item_continues_the_item_above_on_the_same_page(rules):
    # HTML and DOCX have no page breaks to tell: the item column decides
    table = joined(HEADER + "AFI 1: a finding\tThe PCC asked why?\tThe CC said so.\n\tThe SPM asked when?\tThe DCC said soon.\n", rules)
    assert len(table.rows) == 2
    assert cell_texts(table.rows[1])[1] == ["The PCC asked why?", "The SPM asked when?"]


def test_in_other_tables_rows_on_the_same_page_are_never_joined(rules):
    table = joined("Attendance:\tName\tCapacity\n\tJo Bloggs\tChair (JB)\n\tAl Smith\tClerk (AS)\n", rules)
    assert len(table.rows) == 3


def test_seed_afi_2_and_15_texts_are_whole(seed):
    items = {i.label: i for i in seed.items}
    assert items["AFI 2"].text.endswith("the use of stop and search powers is proportionate and targeted appropriately.")
    assert items["AFI 15"].text == ("The force should improve the breadth and accuracy of data and make sure there "
                                    "is improved consistency in working practices.")
    assert (items["AFI 2"].page_start, items["AFI 2"].page_end) == (4, 5)


def test_joining_keeps_a_merged_cells_span():
    from pipeline.document import Cell, Provenance, Row
    from pipeline.repair.rows import join_rows
    from tests.helpers import block

    p1, p2 = Provenance("t", page=1), Provenance("t", page=2)
    above = Row((Cell((block("Title across two columns and"),), p1, col_span=2), Cell((), p1)), p1)
    below = Row((Cell((block("more of it", page=2),), p2), Cell((), p2)), p2)
    joined = join_rows(above, below)
    assert joined.cells[0].col_span == 2
    assert joined.cells[0].text == "Title across two columns and more of it"


def test_a_cell_cut_after_a_word_no_sentence_ends_on_is_joined_whatever_the_case(rules):
    # "The PCC asked the" / "CC how she is assured …": the next word is capitalised
    table = joined(HEADER + "AFI 1: reinvigorate IAGs.\t<p>1. The PCC asked the</p>\t<p>1. R1.</p>\n\n"
                   "\t<p>CC how she is assured.</p>\t\n", rules)
    assert cell_texts(table.rows[1])[1] == ["1. The PCC asked the CC how she is assured."]


def test_the_last_words_of_a_sentence_carried_over_alone_are_joined(rules):
    table = joined(HEADER + "AFI 12: training.\t<p>The PCC asked what was not covered in the Workforce</p>\t<p>R.</p>\n\n"
                   "\t<p>HTA?</p>\t\n", rules)
    assert cell_texts(table.rows[1])[1] == ["The PCC asked what was not covered in the Workforce HTA?"]


def test_a_new_paragraph_after_a_sentence_left_without_a_full_stop_stays_apart(rules):
    # minute takers leave full stops off: "… across the force" then a new statement
    table = joined(HEADER + "AFI 9: agree a plan.\t<p>The SPM questioned the lack of agreements across the force</p>\t<p>R.</p>\n\n"
                   "\t<p>The DCC stated that these are in need of refreshing.</p>\t\n", rules)
    assert cell_texts(table.rows[1])[1] == [
        "The SPM questioned the lack of agreements across the force", "The DCC stated that these are in need of refreshing."]
