"""Header rows: which table rows name their columns, and what each column holds."""

from __future__ import annotations

from .document import Row
from .rules import TableRules


def header_roles(row: Row, rules: TableRules) -> tuple[str | None, ...] | None:
    """The column role of each cell when ``row`` is a header row, else None.

    A header row has at least two non-empty cells and every one of them names a column
    role (rules/tables.yaml); empty cells get the role None.
    """
    roles: list[str | None] = []
    named = 0
    for cell in row.cells:
        if cell.is_empty:
            roles.append(None)
            continue
        role = rules.role_of(cell.text)
        if role is None:
            return None
        roles.append(role)
        named += 1
    return tuple(roles) if named >= 2 else None


def same_header(a: Row, b: Row) -> bool:
    """True when two rows read the same, cell by cell (a header repeated on a new page)."""
    def norm(row: Row) -> tuple[str, ...]:
        return tuple(" ".join(t.lower().split()) for t in row.texts)

    return norm(a) == norm(b)
