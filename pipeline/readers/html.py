"""Read HTML and XHTML pages (minutes published on the web, or exported as HTML).

What is read, in reading order:

* headings ``h1``–``h6`` (kind ``heading``, level 1–6), paragraphs, ``<div>`` text,
  ``<blockquote>``, ``<dl>`` terms and definitions (each a paragraph), ``<address>``;
* lists, with their nesting level and the number a reader sees (``<ol start>``,
  ``<li value>``, ``type`` and ``list-style-type`` letters and roman numerals); a list
  shown without numbers leaves the numbers typed in its text for layout repair;
* ``<br>``-separated lines and ``<pre>`` lines, one block per non-empty line;
* bold and italic as marks;
* tables, on a grid that expands ``rowspan``/``colspan`` (the spanning cell once, at its
  top-left position; the positions it covers empty). A table nested in a cell is
  flattened into that cell's blocks; a table that only lays out the page is unwrapped
  into ordinary blocks (see ``_is_layout``).

What is ignored: scripts, styles, ``<noscript>``, ``<template>``, form controls, images,
embedded media, hidden elements, and navigation: ``<nav>``, ``role="navigation"``
regions, skip links, and menu/breadcrumb containers that are mostly links. A site's
``<header>``/``<footer>`` outside ``<main>``/``<article>`` becomes ``page_header``/
``page_footer`` furniture, unless it holds a heading (then it holds the document's own
title). When no ``<h1>`` is read, the ``<title>`` becomes a leading heading.

Pages: HTML has none, except where inline styles mark page breaks
(``page-break-before: always``, ``break-after: page`` …); when none is marked, every
``page`` is None. Source lines are not given: bs4's lxml tree builder does not report
them. Like every reader, this one reports what is in the file; joining tables or reading
typed numbers is layout repair's job.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from bs4.exceptions import ParserRejectedMarkup

from ..document import Block, Cell, Document, Mark, Provenance, Row, Table, TextBlock, all_text_blocks
from ..errors import ReaderError
from .decode import decode_text
from .fragments import BlockWalker, Leave, class_styles
from .sniff import bomless_utf16

# HTML5 asks for the charset in the first 1024 bytes, but CMS pages put scripts and
# social-media meta tags before it (the Chicago listing's is at byte 943).
_DECLARATION_WINDOW = 4096
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]+)""", re.IGNORECASE)
# <meta charset=utf-8> and <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)

_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# invisible characters web editors leave in text (Weebly puts zero-width spaces before dates)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# regions of a page that end the text before them (the fragment walker's block tags
# cover what a table cell holds; a page has more). <details>/<summary> stay inline: the
# W3C minutes fold the attendee list into one ("<summary>ashley,</summary> Avneesh …").
_PAGE_BLOCKS = {"main", "aside", "address", "figure", "figcaption", "caption", "center", "form", "fieldset",
                "legend", "hgroup", "hr", "dl"}
_IGNORED_TAGS = {"nav", "select", "button", "textarea", "svg", "iframe", "object", "embed", "canvas",
                 "audio", "video"}
_NAV_ROLES = {"navigation", "menu", "menubar", "search"}
_LAYOUT_ROLES = {"presentation", "none"}
_NAV_WORDS = {"nav", "navbar", "navigation", "menu", "menubar", "skip"}
# a breadcrumb trail ends on the current page's name, as plain text: never mostly links
_TRAIL_WORDS = {"breadcrumb", "breadcrumbs"}
# table parts are never dropped on their own: a skipped cell would shift the grid
_NEVER_NAV = {"html", "body", "main", "article", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"}
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_SKIP_LINK_TEXT = re.compile(r"^\s*(?:skip|jump)\b", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_PAGE_BREAK = re.compile(r"\b(?:page-)?break-(before|after)\s*:\s*(?:always|page|left|right|recto|verso)\b",
                         re.IGNORECASE)
_FURNITURE_TAGS = {"header": "page_header", "footer": "page_footer"}
_FURNITURE_ROLES = {"banner": "page_header", "contentinfo": "page_footer"}
# a container named like a site header/footer ("footer", "site-header", "footer-wrap");
# matched whole, so Weebly's "wsite-not-footer" (the content!) and "table-header" are not
_FURNITURE_NAME = re.compile(r"(?:(?:site|page|global)[-_]?)?(header|footer)(?:[-_]?(?:wrap|wrapper|container|area))?",
                             re.IGNORECASE)
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([^;]+)", re.IGNORECASE)
# a table's grid larger than this is damage (or an attack), not minutes
_MAX_GRID = 1_000_000


def read_html(data: bytes, source: str, sha256: str, rules=None) -> Document:
    """Read an HTML or XHTML page's bytes into a ``Document`` (``rules`` are not needed)."""
    text, encoding = decode_text(data, _declared_charset(data))
    soup = _parse(text)
    body = soup.body or soup
    walker = _PageWalker(source, paged=_marks_page_breaks(body))
    walker.class_styles = class_styles("\n".join(style.get_text() for style in soup.find_all("style")))
    walker.walk(body)
    walker.flush()
    blocks = _titled(_numbered(walker.blocks), soup, Provenance(source, page=1 if walker.page else None))
    if walker.page:
        layout = f"HTML parsed with lxml, blocks in reading order; {walker.page} pages marked by CSS page breaks"
    else:
        layout = "HTML parsed with lxml, blocks in reading order; no page breaks marked, so no pages"
    return Document(
        source=source,
        format="html",
        sha256=sha256,
        blocks=tuple(blocks),
        pages=walker.page,
        encoding=encoding,
        warnings=_warnings(text),
        layout=layout,
    )


def _declared_charset(data: bytes) -> str | None:
    """The charset the page declares in its first bytes (XML declaration or meta tag)."""
    utf16 = bomless_utf16(data[:32])
    if utf16:
        # no ASCII declaration can be read from it, and no codec below would fit
        return utf16
    head = data[:_DECLARATION_WINDOW]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        # the declaration was read as ASCII, so the file is not UTF-16: a page saved
        # as UTF-8 that kept its old meta tag (browsers read these as UTF-8 too)
        return None
    # browsers read pages declared Latin-1 as windows-1252 (curly quotes, dashes, €),
    # and so do the editors that wrote them
    return "cp1252" if name == "iso8859-1" else label


def _parse(text: str) -> BeautifulSoup:
    """The parsed page, or ``ReaderError('corrupt')``."""
    try:
        with warnings.catch_warnings():
            # XHTML (LibreOffice's export) is read as HTML on purpose, as browsers do
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            return BeautifulSoup(text, "lxml")
    except ParserRejectedMarkup as exc:
        raise ReaderError("corrupt", f"the HTML could not be parsed: {exc}") from None


def _warnings(text: str) -> tuple[str, ...]:
    """What the reader should know about the page as read."""
    if text.rfind("<!--") > text.rfind("-->"):
        return ("a comment is never closed: everything after its '<!--' is hidden, as in a browser",)
    return ()


def _marks_page_breaks(body: Tag) -> bool:
    """True when some element's inline style marks a page break."""
    return any(_page_breaks(tag) for tag in body.find_all(style=True))


def _page_breaks(tag: Tag) -> set[str]:
    """The sides (``before``, ``after``) on which an element's inline style breaks the page."""
    style = tag.get("style")
    return {m.group(1).lower() for m in _PAGE_BREAK.finditer(style)} if style else set()


def _words(tag: Tag) -> set[str]:
    """The lowercase words of an element's class, id and aria-label ("desktop-nav",
    "mainMenu" → nav, desktop, main, menu)."""
    names = list(tag.get("class") or []) + [tag.get("id") or "", tag.get("aria-label") or ""]
    return {w.lower() for name in names for w in _WORD.findall(name)}


def _letters(text: str) -> int:
    """The number of visible characters in ``text``."""
    return len("".join(text.split()))


def _mostly_links(tag: Tag) -> bool:
    """True when at least half of an element's visible text is link text (a menu, a
    breadcrumb trail), or when it has no text at all."""
    total = _letters(tag.get_text())
    linked = sum(_letters(a.get_text()) for a in tag.find_all("a"))
    return linked * 2 >= total


def _is_skip_link(a: Tag) -> bool:
    """A "Skip to content" link: it jumps within the page and says it skips."""
    return (a.get("href") or "").startswith("#") and bool(_SKIP_LINK_TEXT.match(a.get_text()) or "skip" in _words(a))


def _ignored(tag: Tag, name: str) -> bool:
    """True for an element whose content is not the document's: controls, media, hidden
    elements, navigation.

    A container is taken for a breadcrumb trail by its class/id words, and for a menu
    only when it is also mostly links, so content that sits in a "nav-wrapper" stays.
    """
    if name in _IGNORED_TAGS or tag.has_attr("hidden") or _HIDDEN_STYLE.search(tag.get("style") or ""):
        return True
    if (tag.get("role") or "").lower() in _NAV_ROLES:
        return True
    if name == "a":
        return _is_skip_link(tag)
    if name in _NEVER_NAV:
        return False
    words = _words(tag)
    return bool(words & _TRAIL_WORDS) or bool(words & _NAV_WORDS) and _mostly_links(tag)


def _furniture(tag: Tag, name: str) -> str | None:
    """``page_header``/``page_footer`` for a site's header or footer, else None.

    Only outside ``<main>``/``<article>`` (inside, a header is the article's own), and
    never when it holds a heading: the W3C minutes put their title and date in <header>.
    """
    kind = _FURNITURE_TAGS.get(name) or _FURNITURE_ROLES.get((tag.get("role") or "").lower())
    if kind is None and name in ("div", "section", "aside"):
        for token in list(tag.get("class") or []) + [tag.get("id") or ""]:
            found = _FURNITURE_NAME.fullmatch(token)
            if found:
                kind = f"page_{found.group(1).lower()}"
                break
    if kind is None or tag.find_parent(("main", "article")) is not None or tag.find(_HEADINGS) is not None:
        return None
    return kind


def _alphabetic(n: int, upper: bool) -> str:
    """1 → a, 26 → z, 27 → aa: how browsers letter list items."""
    if n <= 0:
        return str(n)
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters.upper() if upper else letters


def _roman(n: int, upper: bool) -> str:
    """1 → i, 4 → iv, 1994 → mcmxciv (decimal beyond 3999, as browsers do)."""
    if not 0 < n < 4000:
        return str(n)
    numeral = ""
    for value, symbol in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        numeral += symbol * count
    return numeral.upper() if upper else numeral


_NUMBERINGS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "lower-alpha": lambda n: _alphabetic(n, False),
    "lower-latin": lambda n: _alphabetic(n, False),
    "upper-alpha": lambda n: _alphabetic(n, True),
    "upper-latin": lambda n: _alphabetic(n, True),
    "lower-roman": lambda n: _roman(n, False),
    "upper-roman": lambda n: _roman(n, True),
}
# the type= attribute of <ol> (case matters: "a" is lower-alpha, "A" upper-alpha)
_TYPE_NUMBERINGS = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def _list_style(tag: Tag) -> str | None:
    """The list-style type an inline style gives a list (``none``, ``lower-roman`` …), if any."""
    found = _LIST_STYLE.search(tag.get("style") or "")
    if not found:
        return None
    return next((w for w in found.group(1).lower().split() if w == "none" or w in _NUMBERINGS), None)


@dataclass(frozen=True)
class _OpenCell:
    """A cell as read, before the table's grid is known."""

    blocks: list[Block] = field(default_factory=list)
    col_span: int = 1
    row_span: int = 1  # 0: down to the table's last row


@dataclass
class _OpenTable:
    """A table being walked: its rows of cells and the page each row starts on."""

    tag: Tag
    rows: list[list[_OpenCell]] = field(default_factory=list)
    row_pages: list[int | None] = field(default_factory=list)
    loose_row: bool = False  # a row opened for cells the page put outside any <tr>
    in_cell: bool = False


def _span(value, lowest: int, highest: int) -> int:
    """A ``colspan``/``rowspan`` as browsers read it: its leading digits, clamped."""
    found = re.match(r"\s*(\d+)", str(value or ""))
    return min(max(int(found.group(1)), lowest), highest) if found else 1


def _grid(rows: list[list[_OpenCell]]) -> tuple[dict[tuple[int, int], _OpenCell], int]:
    """Each cell at its top-left grid position (row, column), row-major, with its row
    span cut at the last row; and the grid's width."""
    taken: set[tuple[int, int]] = set()
    placed: dict[tuple[int, int], _OpenCell] = {}
    width, height = 0, len(rows)
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            row_span = height - r if cell.row_span == 0 else min(cell.row_span, height - r)
            if len(taken) + row_span * cell.col_span > _MAX_GRID:
                raise ReaderError("corrupt", "a table's row and column spans make a grid too large to read")
            taken.update((r + dr, c + dc) for dr in range(row_span) for dc in range(cell.col_span))
            placed[(r, c)] = replace(cell, row_span=row_span)
            c += cell.col_span
            width = max(width, c)
    return placed, width


def _has_text(blocks: list[Block]) -> bool:
    """True when the blocks hold visible text (a table kept as a table always does)."""
    return any(isinstance(b, Table) or b.text for b in blocks)


def _is_layout(table: _OpenTable, placed: dict[tuple[int, int], _OpenCell]) -> bool:
    """True for a table that lays out the page rather than holding data.

    The heuristic, from pages built before CSS and from site builders: the table says
    so (``role="presentation"``); or at most one cell holds any text (one cell wrapping
    the page, maybe beside empty spacer cells, as in the Chicago page's footer); or a
    cell holds an ``h1``/``h2``, the page's own title or section headings, which a data
    table's cells do not hold. Its content then reads as ordinary blocks.
    """
    if (table.tag.get("role") or "").lower() in _LAYOUT_ROLES:
        return True
    filled = [cell for cell in placed.values() if _has_text(cell.blocks)]
    if len(filled) <= 1:
        return True
    return any(isinstance(b, TextBlock) and b.kind == "heading" and b.level <= 2
               for cell in filled for b in cell.blocks)


def _flattened(blocks: list[Block] | tuple[Block, ...]) -> Iterator[TextBlock]:
    """A cell's text blocks, with the tables nested in it (at any depth) read row by row,
    cell by cell."""
    pending = [iter(blocks)]
    while pending:
        b = next(pending[-1], None)
        if b is None:
            pending.pop()
        elif isinstance(b, Table):
            pending.append(iter([inner for row in b.rows for cell in row.cells for inner in cell.blocks]))
        else:
            yield b


class _PageWalker(BlockWalker):
    """The fragment walker, extended to a whole page: tables, headings' levels, ``<pre>``
    lines, page breaks, navigation left out and site furniture marked."""

    def __init__(self, source: str, paged: bool):
        super().__init__(Provenance(source))
        self.source = source
        self.page: int | None = 1 if paged else None
        self.break_pending = False
        self.has_content = False
        self.heading_levels: list[int] = []
        self.furniture: str | None = None
        self.in_pre = 0
        self.tables: list[_OpenTable] = []

    # -- pages

    def _page_break(self) -> None:
        """A page break: it takes effect when content follows (none before any content)."""
        if self.page is not None and self.has_content:
            self.break_pending = True

    def _content_page(self) -> int | None:
        """The page new content lands on (a pending page break takes effect now)."""
        if self.break_pending:
            self.page += 1
            self.break_pending = False
        self.has_content = True
        return self.page

    # -- the walk

    def enter(self, node) -> Leave | None:
        """As the fragment walker, plus what only a page holds; page breaks around it."""
        if not isinstance(node, Tag):
            return super().enter(node)
        name = node.name.lower()
        if _ignored(node, name):
            return None
        breaks = _page_breaks(node)
        if "before" in breaks:
            self._page_break()
        leave = self._enter_tag(node, name)
        if "after" not in breaks:
            return leave
        if leave is None:
            self._page_break()
            return None

        def leave_then_break() -> None:
            leave()
            self._page_break()
        return leave_then_break

    def _enter_tag(self, tag: Tag, name: str) -> Leave | None:
        if name == "table":
            return self._enter_table(tag)
        if name == "tr" and self._owns():
            return self._enter_row()
        if name in ("td", "th") and self._owns():
            return self._enter_cell(tag)
        if name in _HEADINGS:
            return self._enter_heading(int(name[1]))
        if name == "pre":
            return self._enter_pre()
        furniture = _furniture(tag, name) if self.furniture is None else None
        if furniture:
            return self._enter_furniture(furniture)
        if name in _PAGE_BLOCKS:
            return self.enter_block("paragraph")
        return super().enter(tag)

    def add_text(self, text: str) -> None:
        """Gather text; inside ``<pre>`` each line ends a block (the author laid it out by lines)."""
        text = text.translate(_INVISIBLE)
        if not self.in_pre:
            super().add_text(text)
            return
        first, *rest = _LINE_BREAK.split(text)
        super().add_text(first)
        for line in rest:
            self.flush()
            super().add_text(line)

    def make_block(self, kind: str, text: str, marks: tuple[Mark, ...]) -> TextBlock:
        """A block with its page, its heading level, and the furniture kind inside a site header/footer."""
        level = max(self.depth - 1, 0)
        if self.furniture:
            kind = self.furniture
        elif kind == "heading":
            level = self.heading_levels[-1]
        prov = Provenance(self.source, page=self._content_page())
        return TextBlock(kind, text, prov, number=self.number, level=level, marks=marks)

    def list_numbers(self, tag: Tag) -> Callable[[int], str] | None:
        """Numbers as the list shows them: decimal, letters or roman numerals, or none
        (``type="none"``, ``list-style-type: none``: typed numbers stay in the text)."""
        style = _list_style(tag)
        if style is None and tag.name.lower() == "ol":
            shown = tag.get("type") or "1"
            style = "none" if shown.lower() == "none" else _TYPE_NUMBERINGS.get(shown, "decimal")
        return _NUMBERINGS.get(style)  # None for "none", and for a <ul> styled without numbers

    def _enter_heading(self, level: int) -> Leave:
        self.heading_levels.append(level)
        leave_block = self.enter_block("heading")

        def leave() -> None:
            leave_block()
            self.heading_levels.pop()
        return leave

    def _enter_pre(self) -> Leave:
        leave_block = self.enter_block("paragraph")
        self.in_pre += 1

        def leave() -> None:
            leave_block()
            self.in_pre -= 1
        return leave

    def _enter_furniture(self, kind: str) -> Leave:
        leave_block = self.enter_block("paragraph")
        self.furniture = kind

        def leave() -> None:
            leave_block()
            self.furniture = None
        return leave

    # -- tables

    def _owns(self) -> bool:
        """True when a ``<tr>``/``<td>`` met now is a row or cell of the innermost open table.

        That table is the element's nearest table ancestor (the walk is in document
        order), but lxml also keeps a row or cell typed inside a cell's content without a
        table of its own: such markup stays content of the cell it is in.
        """
        return bool(self.tables) and not self.tables[-1].in_cell

    def _enter_table(self, tag: Tag) -> Leave:
        self.flush()
        table = _OpenTable(tag)
        self.tables.append(table)

        def leave() -> None:
            self.flush()  # a caption's text, or text the page left between rows
            self.tables.pop()
            self._close_table(table)
        return leave

    def _start_row(self, table: _OpenTable) -> None:
        table.rows.append([])
        table.row_pages.append(self._content_page())

    def _enter_row(self) -> Leave:
        self.flush()
        table = self.tables[-1]
        self._start_row(table)
        table.loose_row = False
        return self.flush

    def _enter_cell(self, tag: Tag) -> Leave:
        self.flush()
        table = self.tables[-1]
        if tag.parent.name != "tr" and not table.loose_row:
            # lxml keeps <td> written straight into <table>; browsers give them a row
            self._start_row(table)
            table.loose_row = True
        cell = _OpenCell(col_span=_span(tag.get("colspan"), 1, 1000), row_span=_span(tag.get("rowspan"), 0, 65534))
        table.rows[-1].append(cell)
        # a cell starts afresh: no list or list number of the page around the table
        outer = (self.blocks, self.kind_stack, self.depth, self.number, self.lists)
        self.blocks, self.kind_stack, self.depth, self.number, self.lists = cell.blocks, ["paragraph"], 0, None, []
        table.in_cell = True

        def leave() -> None:
            self.flush()
            self.blocks, self.kind_stack, self.depth, self.number, self.lists = outer
            table.in_cell = False
        return leave

    def _close_table(self, table: _OpenTable) -> None:
        """Add a finished table where it stood: as a ``Table``, or unwrapped when it is layout."""
        placed, width = _grid(table.rows)
        if _is_layout(table, placed):
            for cell in placed.values():
                self.blocks.extend(cell.blocks)
        else:
            self.blocks.append(self._table(table, placed, width))

    def _table(self, table: _OpenTable, placed: dict[tuple[int, int], _OpenCell], width: int) -> Table:
        """The ``Table`` block: every row one cell per grid column.

        A cell's blocks may still hold the tables nested in it: they are flattened, and
        every block told its table, row and cell, once the table's number is known
        (``_numbered``), so each block is rewritten once however deep tables nest.
        """
        rows = []
        for r, page in enumerate(table.row_pages):
            cells = []
            for c in range(width):
                cell = placed.get((r, c))
                prov = Provenance(self.source, page=page, row=r + 1, cell=c + 1)
                cells.append(Cell(tuple(cell.blocks), prov, cell.col_span, cell.row_span) if cell else Cell((), prov))
            rows.append(Row(tuple(cells), Provenance(self.source, page=page, row=r + 1)))
        pages = [p for p in table.row_pages if p is not None]
        first, last = (pages[0], pages[-1]) if pages else (None, None)
        return Table(tuple(rows), Provenance(self.source, page=first, page_end=last if last != first else None))


def _titled(blocks: list[Block], soup: BeautifulSoup, prov: Provenance) -> list[Block]:
    """The blocks, led by the page's ``<title>`` as a heading when no ``<h1>`` was read."""
    if any(b.kind == "heading" and b.level == 1 for b in all_text_blocks(blocks)):
        return blocks
    # an <svg> icon can hold a <title> of its own
    title = next((t for t in soup.find_all("title") if t.find_parent("svg") is None), None)
    text = _SPACE.sub(" ", title.get_text().translate(_INVISIBLE)).strip() if title else ""
    return [TextBlock("heading", text, prov, level=1), *blocks] if text else blocks


def _numbered(blocks: list[Block]) -> list[Block]:
    """The blocks with each table numbered (1-based, in document order) and its cells'
    blocks flattened and told their table, row and cell."""
    numbered: list[Block] = []
    count = 0
    for b in blocks:
        if isinstance(b, Table):
            count += 1
            b = _finished(b, count)
        numbered.append(b)
    return numbered


def _finished(table: Table, number: int) -> Table:
    """A table as the document holds it: numbered, with only text blocks in its cells."""
    def cell(c: Cell) -> Cell:
        blocks = tuple(replace(b, prov=replace(b.prov, table=number, row=c.prov.row, cell=c.prov.cell))
                       for b in _flattened(c.blocks))
        return replace(c, blocks=blocks, prov=replace(c.prov, table=number))

    rows = tuple(replace(row, cells=tuple(cell(c) for c in row.cells), prov=replace(row.prov, table=number))
                 for row in table.rows)
    return replace(table, rows=rows, prov=replace(table.prov, table=number))
