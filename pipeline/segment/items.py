"""Items read from the rows of item tables.

An item table has a column that names the item (``headers.table_roles``): each row names
its item there ("AFI 2: …") or in a number column beside it ("1." | "Declarations of
Interest …"), and carries in its other columns the questions and responses about it, or
who is to act on it (an owner column of initials, "AW"). Between item rows come section
rows — text in the item column only — which are either headings ("Areas for improvement
(AFI)") or items of their own ("Cause of concern: …", "AOB:"; rules/sections.yaml says
which). Rows with an empty item column belong to the item above them (the AOB's
questions). A header that names a kind of item ("PCC opening comment | | Force response")
labels the row under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Cell, Document, Row, Table, TextBlock, block_text_with_number
from ..headers import header_roles, inferred_roles, table_roles
from ..labels import LabelMatch, match_item_label
from ..rules import ItemLabel, Rules
from ..textutil import collapse_space, ends_sentence, slice_block
from .attendance import is_attendance_table

_NUMBER = re.compile(r"\d+(?:\.\d+)*")


@dataclass
class ItemDraft:
    """An item as read from its rows, before ids are given and its cells are segmented."""

    kind: str
    label: str | None
    number: str | None
    section: str | None
    blocks: list[TextBlock]
    rule: ItemLabel | None = None
    parent: "ItemDraft | None" = None
    title: str | None = None
    question_cells: list[Cell] = field(default_factory=list)
    response_cells: list[Cell] = field(default_factory=list)
    #: per row, the cells of its action columns: {"owner": [...], "action": [...], "due": [...]}
    action_rows: list[dict[str, list[Cell]]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    #: the paragraph that opened the item, for items written as paragraphs ("84. Apologies")
    heading: TextBlock | None = None

    @property
    def text(self) -> str:
        """The item's text, paragraphs separated by new lines, numbered ones with their number."""
        return "\n".join(collapse_space(block_text_with_number(b)) for b in self.blocks if b.text.strip())

    @property
    def provs(self) -> list:
        """Where the item was read: its rows, or its heading and paragraphs."""
        if self.rows:
            return [r.prov for r in self.rows]
        return [b.prov for b in ([self.heading] if self.heading else []) + self.blocks]

    @property
    def pages(self) -> tuple[int | None, int | None]:
        """First and last page the item spans."""
        pages = [p for prov in self.provs for p in (prov.page, prov.last_page) if p is not None]
        return (min(pages), max(pages)) if pages else (None, None)

    def add_row(self, row: Row, cells: dict[str, list[Cell]]) -> None:
        """Take a row's questions, responses and action columns into the item."""
        self.rows.append(row)
        self.question_cells += cells["questions"]
        self.response_cells += cells["responses"]
        if cells["owner"] or cells["action"] or cells["due"]:
            self.action_rows.append({k: cells[k] for k in ("owner", "action", "due")})


def read_items(doc: Document, rules: Rules) -> list[ItemDraft]:
    """Every item in the document's item tables, in reading order."""
    items: list[ItemDraft] = []
    for table in doc.tables():
        if is_attendance_table(table, rules):
            continue
        items.extend(_items_of_table(table, rules))
    return items


def split_title(blocks: list[TextBlock]) -> tuple[str | None, list[TextBlock]]:
    """An item's title and the rest of its text: the first block when it is a heading, or
    a short line without a full stop followed by more text ("Matters arising" / "…")."""
    if not blocks:
        return None, blocks
    first = blocks[0]
    text = collapse_space(first.text)
    if first.kind == "heading" and len(text.split()) <= 20:
        return text.rstrip(":").strip() or None, blocks[1:]
    if len(blocks) > 1 and len(text.split()) <= 10 and not ends_sentence(text) and first.number is None:
        return text.rstrip(":").strip() or None, blocks[1:]
    return None, blocks


def kind_of_title(title: str | None, rules: Rules) -> str:
    """The kind an item's title gives it (rules/sections.yaml: title_kinds)."""
    if title:
        for kind, pattern in rules.sections.title_kinds:
            if pattern.search(title.strip()):
                return kind
    return "agenda_item"


def _row_cells(row: Row, roles: tuple[str | None, ...]) -> dict[str, list[Cell]]:
    cells: dict[str, list[Cell]] = {k: [] for k in ("item", "number", "questions", "responses", "owner", "action", "due")}
    for cell, role in zip(row.cells, roles):
        if role in cells and (role in ("item", "number") or not cell.is_empty):
            cells[role].append(cell)
    return cells


def _complete(header: tuple[str | None, ...], table: Table, rules: Rules) -> tuple[str | None, ...]:
    """A header's roles, with the columns it leaves unnamed read from the cells."""
    inferred = inferred_roles(table, rules)
    named = header + (None,) * (table.width - len(header))
    return tuple(h if h is not None else (i if i not in named else None) for h, i in zip(named, inferred))


def _items_of_table(table: Table, rules: Rules) -> list[ItemDraft]:
    items: list[ItemDraft] = []
    roles = table_roles(table, rules)
    section: str | None = None
    group: ItemDraft | None = None
    pending: LabelMatch | None = None
    for index, row in enumerate(table.rows):
        header = header_roles(row, rules.tables, lone_ok=index == 0)
        if header is not None:
            roles = _complete(header, table, rules)
            item_cells = [c for c, r in zip(row.cells, roles) if r == "item"]
            pending = match_item_label(item_cells[0].text, rules.sections) if item_cells else None
            continue
        if roles is None or "item" not in roles:
            continue  # not an item table (or not yet: rows before its header)
        cells = _row_cells(row, roles)
        item_cell = cells["item"][0] if cells["item"] else None
        number_text = collapse_space(cells["number"][0].text) if cells["number"] else ""
        said = any(cells[k] for k in ("questions", "responses", "owner", "action", "due"))
        if (item_cell is None or item_cell.is_empty) and not number_text:
            if pending is not None:
                items.append(_labelled_item(pending, [], section, group))
                pending = None
            if items:
                items[-1].add_row(row, cells)
            continue
        blocks = list(item_cell.blocks) if item_cell is not None else []
        found = match_item_label(blocks[0].text, rules.sections) if blocks else None
        if not said and not number_text and (found is None or found.rule.from_heading) and found is None and pending is None:
            # a heading row: the items below sit in this section
            section = collapse_space(blocks[0].text).rstrip(":").strip()
            group = None
            continue
        if found is not None:
            blocks[0] = slice_block(blocks[0], len(blocks[0].text) - len(found.rest), len(blocks[0].text))
            if not blocks[0].text:
                blocks = blocks[1:]
            item = _labelled_item(found, blocks, section, group)
        elif pending is not None:
            item = _labelled_item(pending, blocks, section, group)
        else:
            title, rest = split_title(blocks)
            number = _NUMBER.search(number_text)
            item = ItemDraft(kind_of_title(title, rules), number_text or None, number.group(0) if number else None,
                             section, rest, title=title)
        pending = None
        item.add_row(row, cells)
        items.append(item)
        if item.rule is not None and item.rule.opens_group:
            group = item
        if item.rule is not None and item.rule.section:
            section = item.rule.section
    return items


def _labelled_item(found: LabelMatch, blocks: list[TextBlock], section: str | None,
                   group: ItemDraft | None) -> ItemDraft:
    rule = found.rule
    parent = group if group is not None and rule.kind in (group.rule.children if group.rule else ()) else None
    return ItemDraft(
        kind=rule.kind,
        label=found.label,
        number=found.number,
        section=rule.section or section,
        blocks=blocks,
        rule=rule,
        parent=parent,
    )
