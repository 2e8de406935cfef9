"""Tables without ruled lines on a PDF page, found from the white space around the text.

A table whose borders are not drawn (an HTML table printed without CSS borders, a Word
table in a style without lines) leaves no lines for pdfplumber to find, and its columns'
text interleaves line by line. It still leaves white space: horizontal bands across the
whole width between its rows, and vertical gutters between its columns.

The page's words (those not in a ruled table) are cut into chunks at horizontal bands of
white space. A chunk whose words split into two or more wide columns at vertical gutters is
a table row; consecutive such rows whose columns line up form a table, and a chunk lying
within one of its columns (a section row, the rest of one cell) joins it. A header centred
over its cells, or over a column the rows leave empty, sets the columns together with the
first row under it. In a table of three columns or more, a row whose cells stand closer
than a gutter still joins when no word crosses a column's start. A table that runs to the
foot of a page hands its columns to the next page. Each word goes to the column it starts
in (a centred header's, to the column its centre falls in).

Two columns are also what a hanging indent makes ("2.<tab>The Leader advised …", a bullet
and its text): rows whose first column is only bullets or numbers, or whose narrow column
never widens, are no table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from statistics import median

from ..rules import PdfRules


@dataclass
class Chunk:
    """Words between two horizontal bands of white space, with their column intervals."""

    words: list
    top: float
    bottom: float
    columns: list[tuple[float, float]]


@dataclass
class Grid:
    """A borderless table: its columns and, per row, the words of each column."""

    columns: list[tuple[float, float]]
    rows: list[list[list]]
    top: float
    bottom: float

    @property
    def words(self) -> list:
        return [w for row in self.rows for cell in row for w in cell]


def _chunks(words: list, band: float) -> list[tuple[list, float, float]]:
    """Words grouped where no word covers a horizontal band at least ``band`` high; each
    group with its top and bottom."""
    chunks: list[list] = []  # [words, top, bottom]
    for word in sorted(words, key=_TOP):
        if not chunks or word.top - chunks[-1][2] >= band:
            chunks.append([[word], word.top, word.bottom])
        else:
            chunk = chunks[-1]
            chunk[0].append(word)
            # as min() and max() over the words, ties keeping the value already there
            if word.top < chunk[1]:
                chunk[1] = word.top
            if word.bottom > chunk[2]:
                chunk[2] = word.bottom
    return [(group, top, bottom) for group, top, bottom in chunks]


def _intervals(words: list, gutter: float) -> list[tuple[float, float]]:
    """The x intervals the words cover, merged across gaps narrower than ``gutter``."""
    spans = sorted([(w.x0, w.x1) for w in words])
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 - merged[-1][1] < gutter:
            if x1 > merged[-1][1]:  # max(), ties keeping the value already there
                merged[-1][1] = x1
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


_TOP = attrgetter("top")
_MARKER = re.compile(r"^(?:[(\[]?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)\]:]?|o)$")


def _is_marker(text: str, rules: PdfRules) -> bool:
    """True when ``text`` is only a bullet or a list number ("•", "o", "2.", "(b)", "iv)")."""
    tokens = text.split()  # two bullets of one row's lines read as one run: "• •"
    return bool(tokens) and all(t in rules.bullets or _MARKER.match(t) for t in tokens)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _aligned(columns: list[tuple[float, float]], table: list[tuple[float, float]]) -> bool:
    """True when each interval overlaps one table column more than any other, and no two
    intervals fall in the same column (a header centred in its cells aligns this way)."""
    seen = set()
    for interval in columns:
        scores = [_overlap(interval, c) for c in table]
        best = max(range(len(table)), key=lambda i: scores[i])
        if scores[best] <= 0 or best in seen:
            return False
        seen.add(best)
    return True


def _under(table: list[tuple[float, float]], row: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """The columns of a header and the first row under it, or None when the row does not
    sit under the header: each interval of the one with fewer overlaps its own interval of
    the other. A column runs from its leftmost text (a header is centred, a list in a cell is
    indented) to its rightmost; a column only the header fills keeps the header's interval."""
    few, many = (table, row) if len(table) <= len(row) else (row, table)
    if not _aligned(few, many):
        return None
    columns = [list(c) for c in many]
    for interval in few:
        best = max(range(len(many)), key=lambda i: _overlap(interval, many[i]))
        columns[best] = [min(columns[best][0], interval[0]), max(columns[best][1], interval[1])]
    return [(a, b) for a, b in columns]


def _fits(words: list, table: list[tuple[float, float]], tol: float, height: float) -> bool:
    """True when the words sit in the table's columns though no gutter shows between them
    (cells closer than a gutter): no word crosses where a column starts, and each run of
    words set well apart starts at a column's start or a list's indent after it."""
    starts = [c[0] for c in table]
    if any(w.x0 < s - tol and w.x1 > s + tol for w in words for s in starts[1:]):
        return False
    runs = _intervals(words, 2 * tol)
    if len(runs) > len(table):
        return False  # more columns, clearly apart, than the table has: another table
    return all(any(s - tol <= x0 <= s + 4 * height for s in starts) for x0, _ in runs)


def _starts_match(columns: list[tuple[float, float]], table: list[tuple[float, float]], tol: float) -> bool:
    """True when every interval starts where a table column starts and ends before the
    next column does: the row's text sits in the table's columns, left-aligned."""
    starts = [c[0] for c in table]
    for x0, x1 in columns:
        near = [i for i, s in enumerate(starts) if abs(s - x0) <= tol]
        if not near:
            return False
        following = starts[near[0] + 1] if near[0] + 1 < len(starts) else None
        if following is not None and x1 > following + tol:
            return False  # runs on across the next column: a paragraph, not a cell
    return True


def find_grids(words: list, rules: PdfRules, carried: list[float] | None = None) -> list[Grid]:
    """The borderless tables among a page's words (those outside ruled tables).

    ``carried`` are the column starts of a table that ran to the foot of the page before:
    chunks at the top of this page that sit in its columns go on with it, even one row
    alone or rows with only one column filled.
    """
    if not words:
        return []
    height = median([w.bottom - w.top for w in words])
    gutter = max(rules.grid_gutter * height, 6.0)
    tol = 0.6 * height
    min_width = rules.grid_min_column_width
    chunks = [Chunk(group, top, bottom, _intervals(group, _chunk_gutter(group, gutter, rules)))
              for group, top, bottom in _chunks(words, rules.grid_row_gap * height)]
    grids: list[Grid] = []
    current: list[Chunk] = []
    table: list[tuple[float, float]] = [(x, x) for x in carried or ()]
    carrying = bool(carried)  # the page opens inside the table of the page before
    before: list[Chunk] = []  # one-column chunks since the last table, in order

    def settled() -> bool:
        # rows whose cells show no gutter are taken only into a table of three columns or
        # more: tab stops and hanging indents make two ("0915:<tab>Review format …")
        return len(table) >= 3

    def close() -> None:
        multi = [c for c in current if len(c.columns) >= 2]
        # a table carried from the page before needs no second row, but something beyond
        # its first column (a paragraph under it starts at the same margin)
        beyond_first = any(len(c.columns) >= 2 or c.columns[0][0] > table[0][0] + tol for c in current)
        if len(multi) < rules.grid_min_rows and not (carrying and beyond_first):
            return
        # rows whose first column holds only a bullet or a list number are a list with a
        # hanging indent ("o<tab>Ceiling leak …", "2.<tab>The Leader advised …")
        if multi and all(_is_marker(" ".join(w.text for w in c.words if w.x1 <= c.columns[0][1]), rules) for c in multi):
            return
        grid = _grid(current, table, tol)
        # two columns, one of them narrow throughout, are numbered or bulleted paragraphs
        # with a hanging indent ("1.<tab>Apologies"); three columns or more are a table
        if len(grid.columns) > 2 or all(max((max(w.x1 for w in cell) - min(w.x0 for w in cell)) if cell else 0 for cell in column) >= min_width
               for column in zip(*grid.rows)):
            grids.append(grid)

    for chunk in chunks:
        multi = len(chunk.columns) >= 2
        if carrying and (_starts_match(chunk.columns, table, tol) or _fits(chunk.words, table, tol, height)):
            current.append(chunk)
            continue
        if carrying and not current:
            carrying = False
        under = _under(table, chunk.columns) if current and len(current) == 1 and multi else None
        if under is not None:
            # a header row (perhaps centred in its cells, perhaps over a column the rows
            # leave empty) and the first row under it
            current.append(chunk)
            table = under
        elif current and (_starts_match(chunk.columns, table, tol) or (settled() and _fits(chunk.words, table, tol, height))):
            current.append(chunk)
        elif current and multi and _starts_match(table, chunk.columns, tol):
            current.append(chunk)  # a row that fills a column the rows so far left empty
            table = list(chunk.columns)
        else:
            close()
            carrying = False
            if multi:
                current, table = [chunk], list(chunk.columns)
                # at the top of a page, the rest of a row cut by the page break, or a section
                # row, stands in one column just above the first full row: it belongs too
                while before and _starts_match(before[-1].columns, table, tol):
                    current.insert(0, before.pop())
                before = []
            else:
                current, table = [], []
                before.append(chunk)
    close()
    return grids


def _chunk_gutter(words: list, gutter: float, rules: PdfRules) -> float:
    """The gutter for a chunk: the page's, or wider for a chunk set larger than the page's
    text (a title in a large font, whose spaces between words are wider than the gutter
    the body text's size gives: they are no columns)."""
    if len(words) < 2:
        return gutter
    return max(gutter, rules.grid_gutter * median([w.bottom - w.top for w in words]))


def _grid(chunks: list[Chunk], columns: list[tuple[float, float]], tol: float) -> Grid:
    """The rows of a table: each word in the column it starts in (a centred header: the
    column its centre falls in)."""
    starts = sorted(c[0] for c in columns)

    def by_start(word) -> int:
        return sum(word.x0 >= s - tol / 3 for s in starts[1:])

    def by_centre(word) -> int:
        return sum((word.x0 + word.x1) / 2 >= s for s in starts[1:])

    rows = []
    for n, chunk in enumerate(chunks):
        place = by_start if _starts_match(chunk.columns, [(s, s) for s in starts], tol) or n else by_centre
        cells: list[list] = [[] for _ in starts]
        for word in chunk.words:
            cells[place(word)].append(word)
        rows.append(cells)
    return Grid([(s, s) for s in starts], rows, min(c.top for c in chunks), max(c.bottom for c in chunks))
