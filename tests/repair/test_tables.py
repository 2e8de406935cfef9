"""A table continued on the next page is one table; a new table stays new."""

from pipeline.document import Table
from pipeline.repair import merge_continued_tables, split_stacked_tables
from tests.helpers import read_text

HEADER = "AFI / recommendation\tPCC's assurance questions\tForce response\n"


def tables(doc):
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_fragments_on_consecutive_pages_with_same_width_are_one_table(rules):
    doc = read_text(HEADER + "AFI 1: a.\tq.\tr.\n\nAFI 2: b.\tq.\tr.\n\nAFI 3: c.\tq.\tr.\n")
    merged = tables(merge_continued_tables(doc, rules))
    assert len(merged) == 1
    assert len(merged[0].rows) == 4
    assert (merged[0].prov.page, merged[0].prov.page_end) == (1, 3)


def test_header_repeated_on_the_next_page_is_dropped(rules):
    doc = read_text(HEADER + "AFI 1: a.\tq.\tr.\n\n" + HEADER + "AFI 2: b.\tq.\tr.\n")
    (table,) = tables(merge_continued_tables(doc, rules))
    assert [r.cells[0].text for r in table.rows] == ["AFI / recommendation", "AFI 1: a.", "AFI 2: b."]


def test_fragment_opening_with_a_different_header_is_a_new_table(rules):
    doc = read_text("Attendance:\tName\tCapacity\n\tJo Bloggs\tChief Constable (CC)\n\n"
                    "PCC opening comment\t\tForce response\nThe PCC asked.\t\tThe CC replied.\n")
    assert len(tables(merge_continued_tables(doc, rules))) == 2


def test_fragments_of_different_widths_stay_apart(rules):
    doc = read_text("a\tb\tc\n\nd\te\n")
    assert len(tables(merge_continued_tables(doc, rules))) == 2


def test_an_attendance_table_stacked_on_an_item_table_is_split_at_the_item_header(rules):
    # a borderless PDF leaves no gap between the two: they are read as one table
    doc = read_text("Attendance:\tName\tCapacity\n\tJo Bloggs\tChief Constable (CC)\n" + HEADER + "AFI 1: a.\tq.\tr.\n")
    assert len(tables(doc)) == 1
    split = tables(split_stacked_tables(doc, rules))
    assert [[r.cells[1].text for r in t.rows] for t in split] == [
        ["Name", "Jo Bloggs"], ["PCC's assurance questions", "q."]]


def test_a_repeated_header_of_the_same_kind_does_not_split(rules):
    doc = read_text(HEADER + "AFI 1: a.\tq.\tr.\n" + HEADER + "AFI 2: b.\tq.\tr.\n")
    assert len(tables(split_stacked_tables(doc, rules))) == 1


def test_seed_tables_are_attendance_and_one_main_table(rules, seed_result):
    from pipeline.readers import read_bytes
    from tests.conftest import SEED

    doc = merge_continued_tables(read_bytes(SEED.read_bytes(), "source.txt"), rules)
    found = tables(doc)
    assert [len(t.rows) for t in found] == [10, 31]  # lines 21-26, 28-30, 32-33, 35-37, 39-43, 45-48, 50-53, 55-58
    assert (found[1].prov.page, found[1].prov.page_end) == (4, 11)
