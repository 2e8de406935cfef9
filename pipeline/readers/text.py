"""Read text files: plain minutes, and text renderings of documents with tables.

Two layouts are told apart by the text itself:

* **Tab-separated rendering** (the example minutes): every line is a paragraph or, when
  it holds a tab, a table row whose cells are separated by tabs and may hold HTML
  fragments. A blank line is a page break, as this rendering writes them; consecutive
  rows between blank lines are one table fragment, which layout repair may join to the
  fragment on the next page.
* **Plain text**: paragraphs are separated by blank lines, or end at a line shorter
  than the width the file was hard-wrapped at; a form feed is a page break.
"""

from __future__ import annotations

import re

from ..document import Cell, Document, Provenance, Row, Table, TextBlock
from .fragments import fragment_blocks

_FORM_FEED = "\f"


def read_text(data: bytes, source: str, sha256: str, rules=None) -> Document:
    """Read a text file's bytes into a ``Document`` (``rules`` are not needed here)."""
    from .decode import decode_text, replaced_bytes

    from .markdown import looks_like_markdown, read_markdown

    text, encoding = decode_text(data)
    if looks_like_markdown(text):
        return read_markdown(data, source, sha256, rules)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any("\t" in line for line in lines):
        blocks, pages = _read_tabbed(lines, source)
        layout = "tab-separated cells; blank lines are page breaks"
    else:
        blocks, pages = _read_plain(lines, source)
        layout = "plain paragraphs; form feeds are page breaks"
    return Document(
        source=source,
        format="text",
        sha256=sha256,
        blocks=tuple(blocks),
        pages=pages,
        encoding=encoding,
        warnings=replaced_bytes(text, encoding),
        layout=layout,
    )


def _read_tabbed(lines: list[str], source: str) -> tuple[list, int]:
    blocks: list = []
    rows: list[Row] = []
    page = 1
    started = False
    page_break_pending = False
    table_count = 0

    def flush_table() -> None:
        nonlocal rows, table_count
        if rows:
            table_count += 1
            numbered = tuple(_renumber(r, table_count, i) for i, r in enumerate(rows, 1))
            first, last = numbered[0].prov, numbered[-1].prov
            prov = Provenance(source, page=first.page, page_end=last.page if last.page != first.page else None,
                              table=table_count, line=first.line)
            blocks.append(Table(numbered, prov))
            rows = []

    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            flush_table()
            # leading blank lines are not a page of their own
            page_break_pending = started
            continue
        if page_break_pending:
            page += 1
            page_break_pending = False
        started = True
        if "\t" in line:
            cells = []
            for c, raw in enumerate(line.split("\t"), 1):
                prov = Provenance(source, page=page, row=None, cell=c, line=lineno)
                cells.append(Cell(tuple(fragment_blocks(raw, prov)), prov))
            rows.append(Row(tuple(cells), Provenance(source, page=page, line=lineno)))
        else:
            flush_table()
            prov = Provenance(source, page=page, line=lineno)
            blocks.extend(fragment_blocks(line, prov))
    flush_table()
    return blocks, page


def _renumber(row: Row, table: int, index: int) -> Row:
    """Give a row and its cells their table and row numbers (known once the table ends)."""
    from dataclasses import replace

    cells = tuple(
        replace(
            cell,
            prov=replace(cell.prov, table=table, row=index),
            blocks=tuple(replace(b, prov=replace(b.prov, table=table, row=index)) for b in cell.blocks),
        )
        for cell in row.cells
    )
    return replace(row, cells=cells, prov=replace(row.prov, table=table, row=index))


_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped file was wrapped at, or None when lines are not wrapped.

    Hard-wrapped text (e-mail, plain-text exports) has its full lines near one width,
    60–100 characters; a file whose lines run longer keeps one paragraph per line.
    """
    lengths = sorted(len(l.rstrip()) for l in lines if l.strip())
    if not lengths:
        return None
    width = lengths[int(0.95 * (len(lengths) - 1))]
    return width if 40 <= width <= 100 else None


def _read_plain(lines: list[str], source: str) -> tuple[list, int]:
    blocks: list[TextBlock] = []
    page = 1
    para: list[str] = []
    para_line = 0
    wrap = _wrap_width(lines)

    def flush() -> None:
        nonlocal para
        if para:
            prov = Provenance(source, page=page, line=para_line)
            blocks.extend(fragment_blocks(" ".join(s.strip() for s in para), prov))
            para = []

    for lineno, line in enumerate(lines, 1):
        while _FORM_FEED in line:
            before, line = line.split(_FORM_FEED, 1)
            if before.strip():
                if not para:
                    para_line = lineno
                para.append(before)
            flush()
            page += 1
        if not line.strip():
            flush()
            continue
        # a line that starts a list entry starts a new paragraph even without a blank line
        if para and _BULLET.match(line):
            flush()
        if not para:
            para_line = lineno
        para.append(line)
        # a line that was not filled to the wrap width ends its paragraph ("Date: …" then
        # "Chair: …" on the next line are two paragraphs, not one wrapped sentence)
        if wrap is None or len(line.rstrip()) < 0.7 * wrap:
            flush()
    flush()
    return blocks, page
