"""Items: opening comment, AFIs, the cause of concern with its recommendations, AOB."""

from pipeline.segment.items import read_items
from tests.helpers import read_repaired


def test_seed_items_in_order(seed):
    labels = [i.label for i in seed.items]
    assert labels == (["PCC opening comment"] + [f"AFI {n}" for n in range(1, 7)] + ["Cause of concern",
                      "Recommendation 1", "Recommendation 2"] + [f"AFI {n}" for n in range(7, 17)] + ["AOB"])
    assert [i.seq for i in seed.items] == list(range(1, 22))


def test_seed_item_kinds_numbers_and_sections(seed):
    by_label = {i.label: i for i in seed.items}
    assert by_label["PCC opening comment"].kind == "opening"
    assert (by_label["AFI 16"].kind, by_label["AFI 16"].number, by_label["AFI 16"].section) == ("afi", "16", "Areas for improvement (AFI)")
    assert by_label["AOB"].kind == "aob"
    assert by_label["AFI 1"].text.startswith("The force should reinvigorate")  # the label is not repeated in the text


def test_recommendations_sit_under_the_cause_of_concern(seed):
    by_label = {i.label: i for i in seed.items}
    concern = by_label["Cause of concern"]
    assert concern.kind == "cause_of_concern"
    assert concern.text == "The force needs to improve how it investigates crimes, supervises investigations and updates victims"
    assert by_label["Recommendation 1"].parent_item_id == concern.item_id
    assert by_label["Recommendation 2"].parent_item_id == concern.item_id
    # the next section heading closes the group
    assert by_label["AFI 7"].parent_item_id is None


def test_heading_rows_make_no_items(seed):
    assert not any((i.label or "").startswith("Areas for improvement") for i in seed.items)


def test_rows_with_an_empty_item_cell_belong_to_the_item_above(rules):
    doc = read_repaired("AFI / recommendation\tQuestions\tResponse\n"
                        "<p>AOB:</p>\t\t\n"
                        "\t<ol> 1. The PCC asked X?\t<ol> 1. The CC replied.\n", rules)
    (aob,) = read_items(doc, rules)
    assert aob.kind == "aob" and aob.text == ""
    assert len(aob.question_cells) == 1 and len(aob.response_cells) == 1


def test_a_table_without_an_item_column_gives_no_items(rules):
    doc = read_repaired("Title\n\nName\tCapacity\n\tJo Bloggs\tChair\n", rules)
    assert read_items(doc, rules) == []


def test_a_table_without_a_header_whose_rows_name_items_is_read_as_items(rules):
    doc = read_repaired("Title\n\nAFI 1: The force should act.\t<p>The PCC asked why?</p>\t<p>The CC replied.</p>\n"
                        "AFI 2: The force should record.\t<p>The PCC asked how?</p>\t<p>The CC said so.</p>\n", rules)
    items = read_items(doc, rules)
    assert [(i.label, len(i.question_cells), len(i.response_cells)) for i in items] == [("AFI 1", 1, 1), ("AFI 2", 1, 1)]
