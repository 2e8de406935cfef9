"""Actions from the action columns of item tables.

Two layouts. A column of initials beside the minutes ("No | Item | Action" with "AW"
against a line of item 2): each name is an action, and its text is the sentence of the
item beside which the name stands — found from where the lines were printed (PDF), or,
without positions, the item's sentence that names the owner, else its last paragraph.
Or a column of action texts with owner and due columns ("Next steps | Owner | Due date"):
each row is an action.
"""

from __future__ import annotations

import re
from datetime import date

from ..document import Cell, Document, Mark, TextBlock
from ..headers import first_header, looks_like_owners, table_roles
from ..ids import Ids
from ..nlp.dates import DateFinder
from ..nlp.people import PeopleIndex
from ..records import Action
from ..rules import Rules
from ..textutil import collapse_space
from .actions import parse_action, resolve_people
from .items import ItemDraft

_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+['’\"”)]*|$)")


def _first_line(block: TextBlock) -> Mark | None:
    return next((m for m in block.marks if m.style == "line" and m.box is not None), None)


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds character ``offset``."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= offset < m.end():
            return collapse_space(m.group(0))
    return collapse_space(text)


def aligned_sentence(owner: TextBlock, item_blocks: list[TextBlock]) -> str | None:
    """The sentence printed on the line beside ``owner`` (PDF positions), or None."""
    where = _first_line(owner)
    if where is None:
        return None
    middle = (where.box[1] + where.box[3]) / 2
    best: tuple[float, TextBlock, Mark] | None = None
    for block in item_blocks:
        for line in (m for m in block.marks if m.style == "line" and m.page == where.page and m.box):
            top, bottom = line.box[1], line.box[3]
            distance = 0.0 if top <= middle <= bottom else min(abs(middle - top), abs(middle - bottom))
            if distance <= (bottom - top) and (best is None or distance < best[0]):
                best = (distance, block, line)
    if best is None:
        return None
    _, block, line = best
    # the name stands against the line where the action's sentence ends
    end = max(line.start, line.end - 1)
    while end > line.start and block.text[end].isspace():
        end -= 1
    return _sentence_at(block.text, end)


def _named_sentence(owner: str, item_blocks: list[TextBlock]) -> str | None:
    names = [n for n in re.split(r"\s*(?:/|,|&|\band\b)\s*", owner) if n]
    for block in item_blocks:
        for m in _SENTENCE.finditer(block.text):
            if any(re.search(rf"\b{re.escape(n)}\b", m.group(0)) for n in names):
                return collapse_space(m.group(0))
    return None


def _texts(cells: list[Cell]) -> list[TextBlock]:
    return [b for c in cells for b in c.blocks if b.text.strip()]


def column_actions(items: list[ItemDraft], item_ids: list[str], people: PeopleIndex | None, meeting: date | None,
                   rules: Rules, ids: Ids, finder: DateFinder, first: int) -> list[Action]:
    """Actions from the items' action columns; ids continue from ``first``."""
    actions: list[Action] = []

    def add(item_index: int, text: str, owner: str | None, due: str | None, block: TextBlock) -> None:
        parts = parse_action(text, rules.actions, people, finder, meeting)
        owner = owner or parts.owner
        due_text, due_date = parts.due_text, parts.due_date
        if due:
            found = [m for m in finder.find(due, meeting) if m.value_end is not None]
            due_text, due_date = due, (found[0].value_end.isoformat() if found else None)
        page = block.prov.page
        actions.append(Action(
            meeting_id=ids.meeting(), item_id=item_ids[item_index], action_id=ids.action(first + len(actions)),
            owner=owner, owner_person_id=resolve_people(owner, people), recipient=parts.recipient,
            text=text, due_text=due_text, due_date=due_date, recipient_person_id=parts.recipient_person_id,
            response_id=None, page_start=page, page_end=block.prov.last_page, location=block.prov.describe(),
        ))

    for index, item in enumerate(items):
        for row in item.action_rows:
            owners = _texts(row["owner"])
            written = _texts(row["action"])
            due = " ".join(collapse_space(b.text) for b in _texts(row["due"])) or None
            if written and looks_like_owners([b.text for b in written]):
                owners, written = owners + written, []
            if written:
                # an action column with its own text: one action per row
                text = " ".join(collapse_space(b.text) for b in written)
                owner = " ".join(collapse_space(b.text) for b in owners) or None
                add(index, text, owner, due, written[0])
                continue
            for block in owners:
                owner = collapse_space(block.text)
                text = (aligned_sentence(block, item.blocks) or _named_sentence(owner, item.blocks)
                        or (collapse_space(item.blocks[-1].text) if item.blocks else item.title or ""))
                add(index, text, owner, due, block)
    return actions


def table_actions(doc: Document, rules: Rules, people: PeopleIndex | None, meeting: date | None, ids: Ids,
                  finder: DateFinder, first: int) -> list[Action]:
    """Actions from action tables ("Next Steps | Owner | Due date"): one per row."""
    actions: list[Action] = []
    for table in doc.tables():
        roles = table_roles(table, rules)
        if roles is None or "item" in roles or "action" not in roles:
            continue
        header = first_header(table, rules)
        rows = table.rows[header[0] + 1:] if header else table.rows
        what, who, when = (roles.index(r) if r in roles else None for r in ("action", "owner", "due"))
        if who is not None and looks_like_owners(_column(rows, what)) and not looks_like_owners(_column(rows, who)):
            what, who = who, what  # the names sit under the wrong heading: the cells say which is which
        for row in rows:
            text, owner, due = (_cell_text(row, i) for i in (what, who, when))
            if not text:
                continue
            owner, due = owner or None, due or None
            parts = parse_action(text, rules.actions, people, finder, meeting)
            found = [m for m in finder.find(due, meeting) if m.value_end is not None] if due else []
            actions.append(Action(
                meeting_id=ids.meeting(), item_id=None, action_id=ids.action(first + len(actions)),
                owner=owner or parts.owner, owner_person_id=resolve_people(owner or parts.owner, people),
                recipient=parts.recipient, text=text, due_text=due or parts.due_text,
                due_date=found[0].value_end.isoformat() if found else (parts.due_date if not due else None),
                recipient_person_id=parts.recipient_person_id, response_id=None,
                page_start=row.prov.page, page_end=row.prov.last_page, location=row.prov.describe(),
            ))
    return actions


def _cell_text(row, index: int | None) -> str:
    return collapse_space(row.cells[index].text) if index is not None and index < len(row.cells) else ""


def _column(rows, index: int | None) -> list[str]:
    return [collapse_space(r.cells[index].text) for r in rows
            if index is not None and index < len(r.cells) and not r.cells[index].is_empty]
