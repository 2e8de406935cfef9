"""Items: the units the minutes are organised by, read from the rows of their tables.

A table whose header row names an item column ("AFI / recommendation") holds items: each
row names its item in that column ("AFI 2: …") and carries the questions and responses
about it in the others. Between item rows come section rows — text in the item column
only — which are either headings ("Areas for improvement (AFI)") or items of their own
("Cause of concern: …", "AOB:"; rules/sections.yaml says which). Rows with an empty item
column belong to the item above them (the AOB's questions). A header that names a kind
of item ("PCC opening comment | | Force response") labels the row under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Cell, Document, Row, Table, TextBlock
from ..headers import header_roles
from ..labels import LabelMatch, match_item_label
from ..rules import ItemLabel, Rules
from ..textutil import collapse_space, slice_block
from .attendance import is_attendance_table


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
    question_cells: list[Cell] = field(default_factory=list)
    response_cells: list[Cell] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The item's text, paragraphs separated by new lines."""
        return "\n".join(collapse_space(b.text) for b in self.blocks if b.text.strip())

    @property
    def pages(self) -> tuple[int | None, int | None]:
        """First and last page the item's rows span."""
        pages = [p for r in self.rows for p in (r.prov.page, r.prov.last_page) if p is not None]
        return (min(pages), max(pages)) if pages else (None, None)


def _column(row: Row, roles: tuple[str | None, ...], role: str) -> list[Cell]:
    return [cell for cell, r in zip(row.cells, roles) if r == role]


def _roles_without_header(table: Table, rules: Rules) -> tuple[str | None, ...] | None:
    """Column roles of a table that has no header row, when its rows name items.

    A table whose first column starts with item labels ("AFI 3:", "Recommendation 1:") in
    a good share of its rows is read as item / questions / responses (three or more
    columns) or item / responses (two), the shape of assurance tables.
    """
    labelled = sum(1 for r in table.rows if r.cells and match_item_label(r.cells[0].text, rules.sections))
    if labelled == 0 or labelled < 0.3 * len(table.rows) or table.width < 2:
        return None
    if table.width == 2:
        return ("item", "responses")
    return ("item", "questions", "responses") + (None,) * (table.width - 3)


def read_items(doc: Document, rules: Rules) -> list[ItemDraft]:
    """Every item in the document's item tables, in reading order."""
    items: list[ItemDraft] = []
    for table in doc.tables():
        if is_attendance_table(table, rules):
            continue
        items.extend(_items_of_table(table, rules))
    return items


def _items_of_table(table: Table, rules: Rules) -> list[ItemDraft]:
    items: list[ItemDraft] = []
    has_header = any(header_roles(r, rules.tables) is not None for r in table.rows)
    roles: tuple[str | None, ...] | None = None if has_header else _roles_without_header(table, rules)
    section: str | None = None
    group: ItemDraft | None = None
    pending: LabelMatch | None = None
    for row in table.rows:
        header = header_roles(row, rules.tables)
        if header is not None:
            roles = header
            item_cells = _column(row, roles, "item")
            pending = match_item_label(item_cells[0].text, rules.sections) if item_cells else None
            continue
        if roles is None or "item" not in roles:
            continue  # not an item table (or not yet: rows before its header)
        item_cell = _column(row, roles, "item")[0] if _column(row, roles, "item") else None
        questions = [c for c in _column(row, roles, "questions") if not c.is_empty]
        responses = [c for c in _column(row, roles, "responses") if not c.is_empty]
        if item_cell is None or item_cell.is_empty:
            if pending is not None:
                items.append(_new_item(pending, [], section, group, rules))
                pending = None
            if items:
                items[-1].question_cells += questions
                items[-1].response_cells += responses
                items[-1].rows.append(row)
            continue
        blocks = list(item_cell.blocks)
        found = match_item_label(blocks[0].text, rules.sections)
        if not questions and not responses and (found is None or found.rule.from_heading):
            if found is None and pending is None:
                # a heading row: the items below sit in this section
                section = collapse_space(blocks[0].text).rstrip(":").strip()
                group = None
                continue
        if found is not None:
            blocks[0] = slice_block(blocks[0], len(blocks[0].text) - len(found.rest), len(blocks[0].text))
            if not blocks[0].text:
                blocks = blocks[1:]
            item = _new_item(found, blocks, section, group, rules)
        elif pending is not None:
            item = _new_item(pending, blocks, section, group, rules)
        else:
            item = ItemDraft("agenda_item", None, None, section, blocks)
        pending = None
        item.question_cells += questions
        item.response_cells += responses
        item.rows.append(row)
        items.append(item)
        if item.rule is not None and item.rule.opens_group:
            group = item
        if item.rule is not None and item.rule.section:
            section = item.rule.section
    return items


def _new_item(found: LabelMatch, blocks: list[TextBlock], section: str | None,
              group: ItemDraft | None, rules: Rules) -> ItemDraft:
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
