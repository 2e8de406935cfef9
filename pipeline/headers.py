"""Header rows: which table rows name their columns, and what each column holds."""

from __future__ import annotations

from .document import Row
from .rules import TableRules


def header_roles(row: Row, rules: TableRules) -> tuple[str | None, ...] | None:
    """The column role of each cell when ``row`` is a header row, else None.

    A header row names a column role (rules/tables.yaml) in at least two cells, and all
    its cells are short, as headers are. A short cell that names no known role ("RAG
    status") is a column nobody reads; empty cells get the role None too.
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
    return tuple(roles) if named >= 2 else None


def same_header(a: Row, b: Row) -> bool:
    """True when two rows read the same, cell by cell (a header repeated on a new page)."""
    def norm(row: Row) -> tuple[str, ...]:
        return tuple(" ".join(t.lower().split()) for t in row.texts)

    return norm(a) == norm(b)
