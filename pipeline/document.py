"""The neutral document model every reader produces and every later stage reads.

A ``Document`` is a flat sequence of blocks in reading order. A block is either a
``TextBlock`` (paragraph, heading or list item) or a ``Table`` (rows of cells, each
cell itself a sequence of text blocks). Everything is a frozen dataclass, so a stage
that changes a document builds a new one (``dataclasses.replace``) and never edits the
one it was given.

Every block carries a ``Provenance``: the file, the page (and last page, once layout
repair has joined text cut by a page break), the table/row/cell it sits in and, for
text renderings, the line. That is what lets any output row be traced back to where it
was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Union


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a block was read: file, pages, table/row/cell indexes and text line."""

    source: str
    page: int | None = None
    page_end: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    line: int | None = None

    @property
    def last_page(self) -> int | None:
        """The last page this block touches (``page_end`` when set, else ``page``)."""
        return self.page_end if self.page_end is not None else self.page

    def spanning(self, other: "Provenance") -> "Provenance":
        """This provenance widened to also cover ``other`` (joined across a page break)."""
        pages = [p for p in (self.page, self.last_page, other.page, other.last_page) if p is not None]
        if not pages:
            return self
        first, last = min(pages), max(pages)
        return replace(self, page=first, page_end=last if last != first else None)

    def describe(self) -> str:
        """A short human-readable location such as ``p4 t2 r5 c3 l26``."""
        parts = []
        if self.page is not None:
            parts.append(f"p{self.page}" + (f"-{self.page_end}" if self.page_end else ""))
        for prefix, value in (("t", self.table), ("r", self.row), ("c", self.cell), ("l", self.line)):
            if value is not None:
                parts.append(f"{prefix}{value}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Mark:
    """Something about ``text[start:end]`` of a text block.

    ``style`` is ``italic`` or ``bold`` for inline styles, or ``line`` for one printed line
    of a laid-out page (PDF): then ``page`` and ``box`` (x0, top, x1, bottom, in points from
    the page's top-left corner) say where it stood, so a cell's short note ("AW") can be
    matched to the line of text beside it.
    """

    start: int
    end: int
    style: str
    page: int | None = None
    box: tuple[float, float, float, float] | None = None


#: The kinds of ``TextBlock``. ``page_header`` and ``page_footer`` are running page
#: furniture (a DOCX header, a line repeated at the top of every PDF page): kept so a
#: user can see them, skipped by the segmenters and by layout repair.
BLOCK_KINDS = ("paragraph", "heading", "list_item", "page_header", "page_footer")
FURNITURE = ("page_header", "page_footer")


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph, heading or list item (``kind`` is one of ``BLOCK_KINDS``).

    ``number`` is the list number a reader of the page sees ("2", "3.1"), whether the
    format computed it or the author typed it as text; it is not repeated in ``text``.
    ``level`` is the list nesting (0 = top) of a list item, the level (1–6) of a heading.
    """

    kind: str
    text: str
    prov: Provenance
    number: str | None = None
    level: int = 0
    marks: tuple[Mark, ...] = ()

    def marked(self, style: str) -> Iterator[Mark]:
        """The marks of one style, in order."""
        return (m for m in self.marks if m.style == style)


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: a sequence of text blocks.

    A merged cell is read once, at its top-left position in the grid, with ``col_span`` /
    ``row_span`` saying how far it reaches; the grid positions it covers are empty cells,
    so every row has one cell per column and columns stay aligned with the header.
    """

    blocks: tuple[TextBlock, ...]
    prov: Provenance
    col_span: int = 1
    row_span: int = 1

    @property
    def text(self) -> str:
        """The cell's blocks' texts joined by blank-free newlines (numbers included)."""
        return "\n".join(block_text_with_number(b) for b in self.blocks)

    @property
    def is_empty(self) -> bool:
        """True when the cell holds no visible text."""
        return not any(b.text.strip() for b in self.blocks)


@dataclass(frozen=True, slots=True)
class Row:
    """One table row; ``prov.page`` is the page the row starts on."""

    cells: tuple[Cell, ...]
    prov: Provenance

    @property
    def texts(self) -> tuple[str, ...]:
        """Each cell's text."""
        return tuple(c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class Table:
    """A table: rows of cells. ``prov.page`` is the first page, ``page_end`` the last."""

    rows: tuple[Row, ...]
    prov: Provenance

    @property
    def width(self) -> int:
        """The largest number of cells in any row."""
        return max((len(r.cells) for r in self.rows), default=0)


Block = Union[TextBlock, Table]


@dataclass(frozen=True, slots=True)
class Document:
    """A whole input file in the neutral model, plus how it was read."""

    source: str
    format: str
    sha256: str
    blocks: tuple[Block, ...]
    pages: int | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default=())
    layout: str | None = None
    # pages (numbered from 1) the reader could not read: their text is missing, so the
    # document is "partial" however much the other pages gave
    unread_pages: tuple[int, ...] = field(default=())

    def tables(self) -> Iterator[Table]:
        """The document's tables in order."""
        return (b for b in self.blocks if isinstance(b, Table))

    def text_blocks(self) -> Iterator[TextBlock]:
        """The document's top-level text blocks (outside tables) in order."""
        return (b for b in self.blocks if isinstance(b, TextBlock))


def all_text_blocks(blocks: Iterable[Block]) -> Iterator[TextBlock]:
    """Every text block, those in table cells included, in order."""
    for b in blocks:
        if isinstance(b, Table):
            yield from (tb for row in b.rows for cell in row.cells for tb in cell.blocks)
        else:
            yield b


def block_text_with_number(block: TextBlock) -> str:
    """The block's text as printed, with its list number in front when it has one."""
    return f"{block.number}. {block.text}" if block.number else block.text
