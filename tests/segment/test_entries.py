"""Entries of a column, and editorial asides set apart from what speakers said."""

from pipeline.document import Mark
from pipeline.segment.entries import entries_of, split_asides
from tests.helpers import block, cell


def test_a_numbered_block_starts_an_entry_and_unnumbered_ones_continue_it():
    c = cell()
    blocks = (block("The CC said A.", number="1"), block("The CC said B.", number="2"), block("Action Arising: X."), block("C.", number="3"))
    entries = entries_of([type(c)(blocks, c.prov)], "responses")
    assert [(e.number, [b.text for b in e.blocks]) for e in entries] == [
        ("1", ["The CC said A."]), ("2", ["The CC said B.", "Action Arising: X."]), ("3", ["C."])]


def _italic(text, start, end):
    return block(text, marks=(Mark(start, end, "italic"),))


def test_italic_whole_sentence_is_an_aside():
    text = "The DCC added that work goes on. The PCC believed this should have been included. Then more."
    start = text.index("The PCC")
    end = text.index("included.") + len("included.")
    c = cell()
    entry = entries_of([type(c)((_italic(text, start, end),), c.prov)], "responses")[0]
    paragraphs, asides = split_asides(entry, ("italic",))
    assert [a.text for a in asides] == ["The PCC believed this should have been included."]
    assert paragraphs[0][0] == "The DCC added that work goes on. Then more."


def test_italic_words_inside_a_sentence_are_emphasis_not_an_aside():
    text = "Victims are updated in line with the Victims' Code as required."
    start = text.index("the Victims'")
    c = cell()
    entry = entries_of([type(c)((_italic(text, start, start + 18),), c.prov)], "responses")[0]
    paragraphs, asides = split_asides(entry, ("italic",))
    assert asides == [] and paragraphs[0][0] == text


def test_seed_asides_are_notes_not_responses(seed):
    asides = [n for n in seed.notes if n.kind == "aside"]
    assert [n.text for n in asides] == [
        "The PCC believed this should have been included in the updates provided.",
        "CC acknowledged the positive comment by the PCC",
        "The PCC highlighted that updates should have been timelier in the report.",
    ]
    assert not any("believed this should" in r.text for r in seed.responses)
    assert not any("timelier" in q.text for q in seed.questions)
