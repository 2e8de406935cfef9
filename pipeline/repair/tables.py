"""Join a table that continues on the next page back into one table.

Readers see a table page by page: a text rendering breaks it at each blank line, a PDF at
each page. A fragment on the next page with the same number of columns continues the
table above it, unless it opens with a header row of its own that differs from the
table's header (then it is a new table). A header repeated at the top of the new page is
dropped.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Document, Table
from ..headers import header_roles, same_header
from ..rules import Rules


def merge_continued_tables(doc: Document, rules: Rules) -> Document:
    """The document with tables split by page breaks joined back into one each."""
    blocks: list = []
    for block in doc.blocks:
        previous = blocks[-1] if blocks else None
        if isinstance(block, Table) and isinstance(previous, Table) and _continues(previous, block, rules):
            blocks[-1] = _merge(previous, block, rules)
        else:
            blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


def _continues(above: Table, below: Table, rules: Rules) -> bool:
    if not above.rows or not below.rows:
        return False
    above_last = above.prov.last_page
    below_first = below.prov.page
    if above_last is None or below_first is None or below_first <= above_last:
        return False  # not a page break: two tables on the same page
    if above.width != below.width:
        return False
    first = below.rows[0]
    if header_roles(first, rules.tables) is not None:
        # a header on the new page: the same table only if it repeats the table's header
        return any(same_header(first, row) for row in above.rows[:3])
    return True


def _merge(above: Table, below: Table, rules: Rules) -> Table:
    rows = below.rows
    if header_roles(rows[0], rules.tables) is not None and any(same_header(rows[0], r) for r in above.rows[:3]):
        rows = rows[1:]  # the header repeated at the top of the page
    return Table(above.rows + rows, above.prov.spanning(below.prov))
