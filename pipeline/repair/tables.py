"""Join a table that continues on the next page back into one table.

Readers see a table page by page: a text rendering breaks it at each blank line, a PDF at
each page. A fragment on the next page with the same number of columns continues the
table above it, unless it opens with a header row of its own that differs from the
table's header (then it is a new table). A header repeated at the top of the new page is
dropped. Two tables on one page are one only when the second opens with the rest of the first's
last row, or goes on with the items of an item table without a header of its own: a
converter cut the table where its source broke a page.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import FURNITURE, Document, Table
from ..headers import header_roles, same_header, table_roles
from ..rules import Rules
from ..textutil import continues_sentence


def _kind_of_header(roles: tuple[str | None, ...]) -> str:
    named = set(roles) - {None}
    if named & {"name", "label"}:
        return "attendance"
    if named & {"item", "questions", "responses", "number"}:
        return "items"
    return "actions" if named & {"action", "owner", "due"} else "other"


def split_stacked_tables(doc: Document, rules: Rules) -> Document:
    """Two tables stacked with no gap read as one (a PDF's borderless attendance table
    straight above its item table): split where a header row of another kind begins."""
    blocks: list = []
    for block in doc.blocks:
        if not isinstance(block, Table):
            blocks.append(block)
            continue
        start, kind = 0, None
        for i, row in enumerate(block.rows):
            roles = header_roles(row, rules.tables, lone_ok=i == start)
            if roles is None:
                continue
            this = _kind_of_header(roles)
            if kind is not None and this != kind and i > start:
                blocks.append(_part(block, start, i))
                start = i
            kind = this
        blocks.append(_part(block, start, len(block.rows)) if start else block)
    return replace(doc, blocks=tuple(blocks))


def _part(table: Table, start: int, end: int) -> Table:
    rows = table.rows[start:end]
    pages = [p for r in rows for p in (r.prov.page, r.prov.last_page) if p is not None]
    page, last = (min(pages), max(pages)) if pages else (None, None)
    return Table(rows, replace(table.prov, page=page, page_end=last if last != page else None))


def merge_continued_tables(doc: Document, rules: Rules) -> Document:
    """The document with tables split by page breaks joined back into one each.

    Running headers and footers between the fragments (a PDF's page footer) do not
    separate them; they stay where they are, after the joined table.
    """
    blocks: list = []
    last_table: int | None = None  # index in blocks of a table only furniture follows
    for block in doc.blocks:
        if isinstance(block, Table):
            if last_table is not None and _continues(blocks[last_table], block, rules, doc.format):
                blocks[last_table] = _merge(blocks[last_table], block, rules)
                continue
            blocks.append(block)
            last_table = len(blocks) - 1
            continue
        blocks.append(block)
        if block.kind not in FURNITURE:
            last_table = None
    return replace(doc, blocks=tuple(blocks))


def _continues(above: Table, below: Table, rules: Rules, fmt: str) -> bool:
    if not above.rows or not below.rows:
        return False
    if fmt == "docx" and (above.prov.last_page is None or below.prov.page is None):
        # a Word table that runs over a page is still one table: two tables in a DOCX
        # without page breaks between them are two tables
        return False
    above_last = above.prov.last_page
    below_first = below.prov.page
    if above_last is not None and below_first is not None and below_first <= above_last:
        # no page break: two tables on one page, unless the second opens mid-sentence in
        # its first cell (a table a converter cut in two where the source broke a page)
        return above.width == below.width and _same_page_continues(above, below, rules)
    if (above_last is None) != (below_first is None):
        return False
    # without pages (HTML, DOCX without layout) two tables with nothing between them are
    # one table that the author or a converter cut in two
    if above.width != below.width:
        return False
    first = below.rows[0]
    if header_roles(first, rules.tables, lone_ok=True) is not None:
        # a header on the new page: the same table only if it repeats the table's header
        return any(same_header(first, row) for row in above.rows[:3])
    return True


def _same_page_continues(above: Table, below: Table, rules: Rules) -> bool:
    """True when ``below``, on the page ``above`` ends on, goes on with it: it opens with
    the rest of ``above``'s last row (its first cell finishes the sentence above), or, under
    a table that names an item in its first column, it opens with no header of its own."""
    first, last = below.rows[0].cells, above.rows[-1].cells
    if not first or not last:
        return False
    if not first[0].is_empty and continues_sentence(last[0].text, first[0].text):
        return True
    roles = table_roles(above, rules)
    return roles is not None and roles[0] in ("item", "number") and header_roles(below.rows[0], rules.tables) is None


def _merge(above: Table, below: Table, rules: Rules) -> Table:
    rows = below.rows
    if header_roles(rows[0], rules.tables, lone_ok=True) is not None and any(same_header(rows[0], r) for r in above.rows[:3]):
        rows = rows[1:]  # the header repeated at the top of the page
    return Table(above.rows + rows, above.prov.spanning(below.prov))
