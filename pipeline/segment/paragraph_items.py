"""Items of minutes written as paragraphs: numbered minutes, headed sections.

Most minutes are not tables: "84. Apologies" (a council's running minute number), "2.
Matters Arising", "1 Minutes of the meeting held 5th May 2015", or headed sections
("Apologies and Substitutes"). An item starts at a top-level block that

* carries an item label from the rules ("AFI 3:", "Item 5", "Ref 03/21/06/2023"), or
* is numbered with a whole number (typed or automatic) and reads as a title (short, or
  set in bold or as a heading), the numbers rising through the document — so the
  "1.", "2." of a list inside minute 87 are not items, nor "1.1" paragraphs, or
* is a heading, when the minutes number none of their items.

Its text is everything up to the next item. Headings between numbered items
("UNRESTRICTED ITEMS") name the section of the items after them.
"""

from __future__ import annotations

import re

from ..document import FURNITURE, Document, Table, TextBlock
from ..labels import match_item_label
from ..rules import Rules
from ..textutil import collapse_space, ends_sentence, slice_block
from .items import ItemDraft, kind_of_title

_HEADING_NUMBER = re.compile(r"^(?P<n>\d{1,3})\s+(?=[A-Z])")
_TITLE_COLON = re.compile(r"^(?P<title>[^:.;]{2,60}?)\s*:\s*(?P<rest>\S.*)$")


def _number_of(block: TextBlock) -> str | None:
    """A block's whole item number: typed and read ("84.") or before a heading ("1 Minutes …")."""
    if block.number is not None:
        return block.number if block.number.isdigit() else None
    if block.kind == "heading":
        m = _HEADING_NUMBER.match(block.text)
        return m.group("n") if m else None
    return None


def _reads_as_title(block: TextBlock) -> bool:
    words = len(block.text.split())
    bold = sum(m.end - m.start for m in block.marks if m.style == "bold") >= 0.8 * len(block.text)
    return block.kind == "heading" or bold or words <= 15


def _body_blocks(doc: Document) -> list[TextBlock]:
    return [b for b in doc.blocks if not isinstance(b, Table) and b.kind not in FURNITURE]


def item_starts(blocks: list[TextBlock], rules: Rules) -> dict[int, str]:
    """Index of each block that opens an item → how ("label", "number" or "heading")."""
    starts: dict[int, str] = {}
    last = 0
    for i, block in enumerate(blocks):
        if match_item_label(block.text, rules.sections) is not None:
            starts[i] = "label"
            continue
        number = _number_of(block)
        if number is not None and _reads_as_title(block) and int(number) > last and (last == 0 or int(number) - last <= 20):
            starts[i] = "number"
            last = int(number)
    if not any(how == "number" for how in starts.values()):
        for i, block in enumerate(blocks):
            if block.kind == "heading" and i not in starts and i > 0:
                starts[i] = "heading"
    return starts


def _title_and_text(block: TextBlock, number: str | None) -> tuple[str | None, list[TextBlock]]:
    """"Apologies for absence : Jess Robinson, …" → ("Apologies for absence", [the names])."""
    text = block.text
    if number is not None and block.number is None:
        m = _HEADING_NUMBER.match(text)
        block = slice_block(block, m.end(), len(text))
        text = block.text
    colon = _TITLE_COLON.match(text)
    if colon and len(colon.group("title").split()) <= 6:
        rest = slice_block(block, colon.start("rest"), len(text))
        return colon.group("title").strip(), [rest]
    if len(text.split()) <= 15 and not ends_sentence(text):
        return collapse_space(text).rstrip(":") or None, []
    return None, [block]


def read_paragraph_items(doc: Document, rules: Rules) -> list[ItemDraft]:
    """The items of minutes written as paragraphs, in order."""
    blocks = _body_blocks(doc)
    starts = item_starts(blocks, rules)
    if not starts:
        return []
    numbered = any(how == "number" for how in starts.values())
    items: list[ItemDraft] = []
    section: str | None = None
    current: ItemDraft | None = None
    first = min(starts)
    for i, block in enumerate(blocks[first:], first):
        how = starts.get(i)
        if how is None:
            if current is None:
                continue
            if numbered and block.kind == "heading" and block.text.isupper() and _number_of(block) is None:
                section = collapse_space(block.text).title()  # "UNRESTRICTED ITEMS" heads what follows
                continue
            current.blocks.append(block)
            continue
        if how == "label":
            found = match_item_label(block.text, rules.sections)
            rest = slice_block(block, len(block.text) - len(found.rest), len(block.text))
            current = ItemDraft(found.rule.kind, found.label, found.number, found.rule.section or section,
                                [rest] if rest.text else [], rule=found.rule)
        else:
            number = _number_of(block) if how == "number" else None
            title, rest = _title_and_text(block, number)
            current = ItemDraft(kind_of_title(title, rules), f"{number}." if number else None, number, section,
                                rest, title=title)
        current.heading = block
        items.append(current)
    return items
