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
from collections import Counter
from dataclasses import replace

from ..document import FURNITURE, Document, Table, TextBlock
from ..labels import match_item_label
from ..rules import Rules
from ..textutil import collapse_space, ends_sentence, slice_block
from .items import ItemDraft, kind_of_title

_HEADING_NUMBER = re.compile(r"^(?P<n>\d{1,3})\s+(?=[A-Z])")
# "15 February 2024" heads the page of a W3C meeting: a date, not minute 15
_DATE_HEADING = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b)", re.IGNORECASE)


def is_heading(block: TextBlock) -> bool:
    """A heading by kind, or a short paragraph set wholly in bold ("Content:", "Plan for
    Next Week:"): Word users often bold a line instead of styling it a heading."""
    if block.kind == "heading":
        return True
    # a bold bullet of a word or three heads the bullets under it ("New Business")
    limit = 8 if block.kind == "paragraph" else 3 if block.kind == "list_item" else 0
    if len(block.text.split()) > limit or ends_sentence(block.text.rstrip(":")):
        return False
    bold = sum(m.end - m.start for m in block.marks if m.style == "bold")
    return bold >= len(block.text.strip()) - 1
_TITLE_COLON = re.compile(r"^(?P<title>[^:.;]{2,60}?)\s*:\s*(?P<rest>\S.*)$")


def _number_of(block: TextBlock) -> str | None:
    """A block's whole item number: typed and read ("84.") or before a heading ("1 Minutes …")."""
    if block.number is not None:
        return block.number if block.number.isdigit() else None
    if is_heading(block) and not _DATE_HEADING.match(block.text):
        m = _HEADING_NUMBER.match(block.text)
        return m.group("n") if m else None
    return None


def _reads_as_title(block: TextBlock) -> bool:
    words = len(block.text.split())
    bold = sum(m.end - m.start for m in block.marks if m.style == "bold") >= 0.8 * len(block.text)
    return block.kind == "heading" or bold or words <= 15


def _body_blocks(doc: Document) -> list[TextBlock]:
    """The document's paragraphs in order; a one-column table (a box around a section,
    "Discussion:" over its text) reads as its heading and paragraphs."""
    blocks: list[TextBlock] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if block.width == 1 and block.rows:
                inner = [b for row in block.rows for c in row.cells for b in c.blocks if b.text.strip()]
                if inner and len(inner[0].text.split()) <= 8:
                    inner[0] = replace(inner[0], kind="heading", level=2)
                blocks += inner
            continue
        if block.kind not in FURNITURE:
            blocks.append(block)
    return blocks


def recap_blocks(blocks: list[TextBlock], rules: Rules) -> set[int]:
    """Indexes of the blocks of a closing recap ("Summary of resolutions" and its list,
    up to the next heading): they repeat records the minutes already hold."""
    inside: set[int] = set()
    recap = False
    for i, block in enumerate(blocks):
        if is_heading(block):
            text = collapse_space(block.text)
            recap = any(p.match(text) for p in rules.sections.recap_headings)
        if recap:
            inside.add(i)
    return inside


def item_starts(blocks: list[TextBlock], rules: Rules, title: str | None = None) -> dict[int, str]:
    """Index of each block that opens an item → how ("label", "number" or "heading")."""
    starts: dict[int, str] = {}
    last = 0
    recap = recap_blocks(blocks, rules)
    for i, block in enumerate(blocks):
        if i in recap:
            continue
        if match_item_label(block.text, rules.sections) is not None:
            starts[i] = "label"
            continue
        number = _number_of(block)
        if number is not None and _reads_as_title(block) and int(number) > last and (last == 0 or int(number) - last <= 20):
            starts[i] = "number"
            last = int(number)
    numbered = [i for i, how in starts.items() if how == "number"]
    if not numbered:
        starts.update(_heading_starts(blocks, rules, title, recap))
    elif _numbers_are_a_late_list(blocks, numbered, rules, title):
        # W3C minutes end with "Summary of resolutions: 1. Merge PR 2686. 2. …" under
        # headed topics: that list recaps the topics, it does not organise them
        starts = {i: how for i, how in starts.items() if how != "number"}
        starts.update(_heading_starts(blocks, rules, title, recap))
    return starts


def _numbers_are_a_late_list(blocks: list[TextBlock], numbered: list[int], rules: Rules,
                             title: str | None) -> bool:
    """Whether the numbered starts are only a list near the end of minutes whose headed
    sections, each with text of its own, come before it and hold most of the text."""
    first = min(numbered)
    before = [i for i in _heading_starts(blocks[:first], rules, title)
              if i + 1 < first and not is_heading(blocks[i + 1])]
    return len(before) >= 2 and first > 2 * (len(blocks) - first)


def _is_front_heading(block: TextBlock, rules: Rules, title: str | None) -> bool:
    """A heading that belongs to the front matter: the title, a date, "Attendees",
    "MINUTES of the meeting held …"."""
    from .people_lists import status_of_label

    text = block.text.strip().rstrip(":")
    return (bool(_DATE_HEADING.match(text)) or status_of_label(text, rules) is not None
            or (title is not None and collapse_space(text).lower() == collapse_space(title).rstrip(":").lower())
            or any(p.search(text) for p in rules.front_matter.front_headings))


def _heading_starts(blocks: list[TextBlock], rules: Rules, title: str | None,
                    recap: set[int] = frozenset()) -> dict[int, str]:
    """Items of minutes that number none: the headings at the level most used for them
    (W3C topics are h3 under an h2 "Meeting minutes"), and any shallower heading with
    text of its own before the next heading."""
    # a level-1 heading at the top is the document's title, not an item
    headings = [i for i, b in enumerate(blocks) if is_heading(b) and i not in recap
                and not _is_front_heading(b, rules, title)
                and not (b.level == 1 and all(is_heading(blocks[k]) for k in range(i)))]
    if not headings:
        return {}
    levels = Counter(blocks[i].level for i in headings)  # a bold paragraph has level 0
    level = max(levels, key=lambda lv: (levels[lv], lv))
    starts = {}
    for n, i in enumerate(headings):
        following = headings[n + 1] if n + 1 < len(headings) else len(blocks)
        has_text = any(not is_heading(blocks[k]) for k in range(i + 1, following))
        if blocks[i].level == level or (blocks[i].level < level and has_text):
            starts[i] = "heading"
    return starts


def _title_and_text(block: TextBlock, number: str | None) -> tuple[str | None, list[TextBlock]]:
    """"Apologies for absence : Jess Robinson, …" → ("Apologies for absence", [the names])."""
    text = block.text
    if number is not None and block.number is None:
        m = _HEADING_NUMBER.match(text)
        block = slice_block(block, m.end(), len(text))
        text = block.text
    if is_heading(block):
        return collapse_space(text).rstrip(":").strip() or None, []
    colon = _TITLE_COLON.match(text)
    if colon and len(colon.group("title").split()) <= 6:
        rest = slice_block(block, colon.start("rest"), len(text))
        return colon.group("title").strip(), [rest]
    if len(text.split()) <= 15 and not ends_sentence(text):
        return collapse_space(text).rstrip(":") or None, []
    return None, [block]


def read_paragraph_items(doc: Document, rules: Rules, title: str | None = None) -> list[ItemDraft]:
    """The items of minutes written as paragraphs, in order (``title``: the meeting's
    title, which a heading may repeat without opening an item)."""
    blocks = _body_blocks(doc)
    starts = item_starts(blocks, rules, title)
    recap = recap_blocks(blocks, rules)
    if not starts:
        return []
    numbered = any(how == "number" for how in starts.values())
    items: list[ItemDraft] = []
    section: str | None = None
    current: ItemDraft | None = None
    first = min(starts)
    for i, block in enumerate(blocks[first:], first):
        how = starts.get(i)
        if i in recap:
            current = None  # a recap closes the item before it and opens none
            continue
        if how is None:
            if current is None:
                continue
            if numbered and is_heading(block) and block.text.isupper() and _number_of(block) is None:
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
