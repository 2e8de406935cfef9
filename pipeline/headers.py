"""Column roles: what each column of a table holds.

From a header row when there is one (rules/tables.yaml names the roles), and from the
cells themselves where the header is missing or silent: a column of bare numbers
("1.", "2.") is the item number, a column whose cells start with item labels ("AFI 3:")
or that follows the number column with long text is the item, a narrow last column of
initials ("AW", "RH/IB") says who acts.
"""

from __future__ import annotations

import re

from .document import Row, Table
from .labels import match_item_label
from .rules import Rules, TableRules

_NUMBER_CELL = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})*[.)]?$")
_OWNER_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z'.-]*|[A-Z]{2,5}(?:/[A-Z]{2,5})*|&|and|/|,)$")


def header_roles(row: Row, rules: TableRules, lone_ok: bool = False) -> tuple[str | None, ...] | None:
    """The column role of each cell when ``row`` is a header row, else None.

    A header row names a column role in at least two cells, and all its cells are short,
    as headers are; a short cell that names no known role ("RAG status") is a column
    nobody reads. With ``lone_ok`` (the first row of a table), one named cell that is not
    the first suffices: Suffolk's tables head only their last column, "Action".
    """
    roles: list[str | None] = []
    named = 0
    for cell in row.cells:
        if cell.is_empty:
            roles.append(None)
            continue
        text = " ".join(cell.text.split())
        if len(text.split()) > rules.header_max_words:
            return None
        role = rules.role_of(text)
        roles.append(role)
        named += role is not None
    if named >= 2:
        return tuple(roles)
    lone = [i for i, r in enumerate(roles) if r is not None]
    if lone_ok and named == 1 and lone[0] > 0 and sum(not c.is_empty for c in row.cells) == 1 \
            and len(row.cells[lone[0]].text.split()) <= 3 and "\n" not in row.cells[lone[0]].text.strip():
        # the lone cell is the header itself, not a heading over a sentence ("Matters
        # Arising / There were no matters arising." names no column "no")
        return tuple(roles)
    return None


def same_header(a: Row, b: Row) -> bool:
    """True when two rows read the same, cell by cell (a header repeated on a new page)."""
    def norm(row: Row) -> tuple[str, ...]:
        return tuple(" ".join(t.lower().split()) for t in row.texts)

    return norm(a) == norm(b)


def first_header(table: Table, rules: Rules) -> tuple[int, tuple[str | None, ...]] | None:
    """The index and roles of the table's header row among its first rows, or None."""
    for i, row in enumerate(table.rows[:3]):
        roles = header_roles(row, rules.tables, lone_ok=i == 0)
        if roles is not None:
            return i, roles
    return None


def _column_texts(table: Table, col: int, skip: int) -> list[str]:
    return [" ".join(r.cells[col].text.split()) for r in table.rows[skip:]
            if col < len(r.cells) and not r.cells[col].is_empty]


def looks_like_owners(texts: list[str]) -> bool:
    """Short cells of initials or names: who is to act ("AW", "RH/IB", "Mick")."""
    if not texts:
        return False
    short = [t for t in texts if all(len(line.split()) <= 4 for line in t.split("\n"))]
    tokens = [tok for t in short for tok in re.split(r"[\s]+", t) if tok]
    return len(short) >= 0.8 * len(texts) and tokens and sum(bool(_OWNER_TOKEN.match(t)) for t in tokens) >= 0.8 * len(tokens)


def inferred_roles(table: Table, rules: Rules, skip: int = 0) -> tuple[str | None, ...]:
    """Column roles read from the cells (rows before ``skip`` are headers)."""
    width = table.width
    rows = len(table.rows) - skip
    roles: list[str | None] = [None] * width
    if rows <= 0:
        return tuple(roles)
    texts = [_column_texts(table, c, skip) for c in range(width)]
    for c, column in enumerate(texts):
        if column and sum(bool(_NUMBER_CELL.match(t)) for t in column) >= 0.6 * len(column):
            roles[c] = "number"
        elif sum(1 for t in column if match_item_label(t, rules.sections)) >= max(1, 0.3 * rows):
            roles[c] = "item"
    if "item" not in roles and "number" in roles:
        # the text column after the number column is the item's text
        c = roles.index("number") + 1
        if c < width and roles[c] is None and texts[c]:
            roles[c] = "item"
    if "item" in roles and width >= 2 and roles[-1] is None and width - 1 > roles.index("item"):
        if looks_like_owners(texts[-1]):
            roles[-1] = "owner"
    if "item" in roles:
        # the remaining text columns of an item table carry what was said about the item
        rest = [c for c in range(roles.index("item") + 1, width) if roles[c] is None and texts[c]]
        if len(rest) >= 2:
            roles[rest[0]], roles[rest[1]] = "questions", "responses"
        elif len(rest) == 1:
            roles[rest[0]] = "responses"
    return tuple(roles)


def table_roles(table: Table, rules: Rules) -> tuple[str | None, ...] | None:
    """What each column of ``table`` holds: the header's roles, completed from the cells.

    None when the table names no item and no action column (it is not an item or action
    table: attendance, front matter, data).
    """
    header = first_header(table, rules)
    skip = header[0] + 1 if header else 0
    inferred = inferred_roles(table, rules, skip)
    if header is None:
        roles = inferred
    else:
        named = header[1] + (None,) * (table.width - len(header[1]))
        if "name" in named or "label" in named:
            return None  # an attendance list
        roles = tuple(h if h is not None else (i if i not in named else None) for h, i in zip(named, inferred))
    if not {"item", "action"} & set(roles):
        return None
    return roles
