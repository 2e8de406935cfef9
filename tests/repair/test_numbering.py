"""Numbering typed as text is read into list numbers, without inventing any."""

import pytest

from pipeline.repair.numbering import split_numbered
from tests.helpers import block


def numbered(text, expected=1, inline=True, kind="list_item"):
    return [(b.number, b.text) for b in split_numbered(block(text, kind=kind), expected, inline)]


def test_numbers_typed_in_an_unstyled_list_split_it_into_entries():
    assert numbered("1. The PCC asked A. 2. The PCC asked B?") == [("1", "The PCC asked A."), ("2", "The PCC asked B?")]


def test_number_at_the_start_of_a_paragraph():
    assert numbered("2. The PCC highlights X.", expected=2, kind="paragraph") == [("2", "The PCC highlights X.")]


def test_number_without_a_full_stop_when_it_is_the_one_expected():
    assert numbered("3 The DCC stated that these are in need of refreshing", expected=3, kind="paragraph") == [
        ("3", "The DCC stated that these are in need of refreshing")]


def test_number_without_a_full_stop_that_is_not_expected_is_text():
    assert numbered("4 MH Transport hubs are planned.", expected=1, kind="paragraph") == [(None, "4 MH Transport hubs are planned.")]


def test_a_number_ending_a_sentence_is_not_taken_for_the_next_entry():
    # "by the end of quarter 3. 3. The PCC asked" — the first 3 belongs to the sentence
    assert numbered("1. A? 2. Complete by the end of quarter 3. 3. The PCC asked C.") == [
        ("1", "A?"), ("2", "Complete by the end of quarter 3."), ("3", "The PCC asked C.")]


def test_in_a_list_the_next_number_may_follow_a_sentence_left_without_a_full_stop():
    assert numbered("3. Benefits seen with repeat callers 4. The CC response was X.", expected=3) == [
        ("3", "Benefits seen with repeat callers"), ("4", "The CC response was X.")]


def test_outside_a_list_a_number_must_follow_the_end_of_a_sentence():
    assert numbered("The PCC noted section 2. The force said.", expected=2, kind="paragraph") == [
        (None, "The PCC noted section 2. The force said.")]


def test_a_paragraph_opening_with_a_typed_number_is_a_typed_list():
    # a converter turned <ol> text into one Word paragraph: "… repeat callers 4. The CC …"
    assert numbered("3. Benefits seen with repeat callers 4. The CC response was X.", expected=3, kind="paragraph") == [
        ("3", "Benefits seen with repeat callers"), ("4", "The CC response was X.")]


def test_question_numbers_written_with_a_q():
    assert numbered("Q2. The PCC asked X.", expected=2, kind="paragraph") == [("2", "The PCC asked X.")]
    assert numbered("Q2 22/23 training is planned.", expected=2, kind="paragraph") == [(None, "Q2 22/23 training is planned.")]


@pytest.mark.parametrize("text", ["AFI 10: The force should act.", "101 calls were taken.", "2017 national legitimacy", "£3.363m budget"])
def test_no_numbering_is_invented(text):
    assert numbered(text, kind="paragraph") == [(None, text)]


def test_marks_follow_the_text_they_cover_into_the_split_entry():
    b = block("1. Done. The PCC believed so. 2. Next one.", kind="list_item")
    from pipeline.document import Mark
    b = type(b)(b.kind, b.text, b.prov, marks=(Mark(9, 29, "italic"),))
    first, second = split_numbered(b, 1, True)
    (mark,) = first.marks
    assert first.text[mark.start:mark.end] == "The PCC believed so."
    assert second.marks == ()


def test_seed_afi_5_has_four_numbered_questions(seed):
    afi5 = next(i for i in seed.items if i.label == "AFI 5")
    assert [q.number for q in seed.questions if q.item_id == afi5.item_id] == ["1", "2", "3", "4"]


def test_reading_numbers_keeps_a_merged_cells_span():
    from pipeline.document import Cell, Provenance
    from pipeline.repair.numbering import _number_cell

    cell = Cell((block("1. First. 2. Second.", kind="list_item"),), Provenance("t"), col_span=3, row_span=2)
    numbered = _number_cell(cell)
    assert (numbered.col_span, numbered.row_span) == (3, 2)
    assert [b.number for b in numbered.blocks] == ["1", "2"]
