"""Read PDF minutes: words and ruled tables from an engine, then lines, paragraphs and tables.

Two engines give each page's words and ruled tables: pdfium (``pdf_pdfium``, fast: its
characters grouped by pdfplumber's rules) and pdfplumber (the reference). rules/pdf.yaml
names the engine; a document pdfium declines or finds no usable text in is read by
pdfplumber. Everything below works on what either engine gives.

Each page gives its tables (found with the settings in rules/pdf.yaml) and the text
outside them, in reading order (top to bottom; one column is assumed). Words are grouped
into lines and lines into paragraphs by their geometry: a gap, a bullet, a short line or
a change to bold starts a new paragraph. Every paragraph keeps where each of its lines
stood (``Mark`` with style ``line``), so a note in a narrow column ("AW") can later be
matched to the line beside it.

Tables: pdfplumber sometimes returns two tables stacked in one box (Suffolk's key/value
header above its No/Item/Action table) as one grid. Rows are therefore split into bands
that share their column edges, each band a table of its own. A table continued on the
next page is left as a separate fragment, and a row cut by the page break as two rows:
layout repair joins them, as it does for every format.

Lines repeated at the top or bottom of most pages (digits aside: "Page 3 of 11") are
running headers and footers: kind ``page_header`` / ``page_footer``.

What is not read: images (a page of scanned text has no text layer: the document fails
with ``needs_ocr``), annotations and form fields, multi-column page layouts (read
line by line across the columns).
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field, replace
from operator import attrgetter
from statistics import median

from ..document import Cell, Document, Mark, Provenance, Row, Table, TextBlock
from ..errors import DocumentError, ReaderError
from .guards import check_pdf_pages
from ..rules import PdfRules, Rules
from .pdf_grid import Grid, find_grids

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s")
# each a single character, none of them ASCII, and no replacement holds another
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00a0": " ", "\u00ad": ""})
_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # below 32, bar tab, line feed, carriage return
_OPEN_END = re.compile(r"(?:[,(&–-]|\b(?:and|or|of|the|a|an|to|for|in|on|with|by|at|from))$", re.IGNORECASE)
_LABEL_START = re.compile(r"^[A-Z][A-Za-z/&' -]{1,30}:(?:\s|$)")
_SUB_BULLET = re.compile(r"^o\s+[A-Z]")
_EDGE_TOLERANCE = 3.0
_X0 = attrgetter("x0")
_START = attrgetter("start")
_BROKEN_WORD = re.compile(r"[A-Za-z]-$")
_TOP_X0 = attrgetter("top", "x0")


@dataclass(slots=True)
class _Word:
    """A word and its box; its centre (``cx``, ``cy``) says which table cell it is in."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    italic: bool
    # worked out once: every word is tested against its table's box and its cells' boxes
    cx: float = field(init=False)
    cy: float = field(init=False)

    def __post_init__(self) -> None:
        self.cx = (self.x0 + self.x1) / 2
        self.cy = (self.top + self.bottom) / 2


class _Line:
    """Words on one line, with the line's box kept up to date as words join (the box is
    read for every word placed on a page: computing it afresh each time was most of the
    reader's time on long pages). Once the line is complete (``finish``) its words are in
    reading order, and its text and boldness are kept: paragraphs and blocks read them
    more than once."""

    __slots__ = ("words", "x0", "x1", "top", "bottom", "text", "bold")

    def __init__(self, word: _Word):
        self.words = [word]
        self.x0, self.x1, self.top, self.bottom = word.x0, word.x1, word.top, word.bottom

    def add(self, word: _Word) -> None:
        """Put a word on the line (the box grows as with min() and max(): ties keep the
        value already there)."""
        self.words.append(word)
        if word.x0 < self.x0:
            self.x0 = word.x0
        if word.x1 > self.x1:
            self.x1 = word.x1
        if word.top < self.top:
            self.top = word.top
        if word.bottom > self.bottom:
            self.bottom = word.bottom

    def finish(self) -> None:
        """Put the words in reading order; keep the line's text and whether it is all bold."""
        self.words.sort(key=_X0)
        self.text = " ".join([w.text for w in self.words])
        self.bold = all([w.bold for w in self.words])

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _Placed:
    """A block with where it stands on its page, before the document is assembled."""

    top: float
    bottom: float
    block: TextBlock | Table


@dataclass
class _Page:
    """One page as an engine read it: its height, words and ruled tables (objects with
    ``bbox`` and ``rows`` of cell boxes, as pdfplumber's); for a page that could not be
    read, ``words`` None and why in ``error``."""

    height: float
    words: list[_Word] | None
    tables: list
    error: str | None = None


def read_pdf(data: bytes, source: str, sha256: str, rules: Rules) -> Document:
    """Read a PDF's bytes into a ``Document`` (raises ``ReaderError``).

    The engine named in rules/pdf.yaml reads it. The fast pdfium engine has pdfplumber
    read the pages it declines (text not upright as the page is shown), and the whole document when it cannot
    read it or finds no usable text in it, so a PDF is reported as needing OCR only when
    both engines found no text."""
    settings = rules.pdf
    warnings: list[str] = []
    pages, engine, problem = None, "pdfplumber", None
    if settings.engine == "pdfium":
        pages = _pdfium_pages(data, settings)
        engine = "pdfium"
        declined = [n for n, p in enumerate(pages or (), 1) if p.words is None]
        if declined:
            pages = _with_pdfplumber_pages(data, settings, pages, declined)
            engine = f"pdfium (pdfplumber for page{'s' if len(declined) > 1 else ''} {', '.join(map(str, declined))})"
            warnings = _unread_warnings(pages)
        problem = _text_problem(pages, settings) if pages else None
        if problem is not None:
            pages, warnings = None, []  # a second opinion before "needs OCR": pdfminer reads some fonts pdfium does not
    if pages is None:
        pages, engine = _pdfplumber_pages(data, settings), "pdfplumber"
        warnings = _unread_warnings(pages)
        problem = _text_problem(pages, settings) if pages else None
    if not pages:
        raise ReaderError("corrupt", "the PDF has no pages")
    if len(warnings) == len(pages):
        raise ReaderError("corrupt", warnings[0])
    if problem is not None:
        raise ReaderError("needs_ocr", problem)
    placed_pages: list[tuple[float, list[_Placed]]] = []
    unread = [n for n, p in enumerate(pages, 1) if p.words is None]
    carried = None  # column starts of a table without lines running onto the next page
    running = _running_lines(pages, settings)
    for number, page in enumerate(pages, 1):
        if page.words is None:
            placed_pages.append((0.0, []))
            carried = None
            continue
        try:
            placed, carried = _read_page(page, number, source, settings, carried, running[number - 1])
        except Exception as exc:  # one page laid out beyond what the reader expects must not lose the rest
            warnings.append(f"page {number} could not be read: {type(exc).__name__}: {exc}")
            unread.append(number)
            placed_pages.append((0.0, []))
            carried = None
            continue
        placed_pages.append((page.height, placed))
    if len(unread) == len(pages):  # every page failed in the layout code: a bug, not the file
        raise DocumentError("internal_error", warnings[-1])
    blocks = _assemble(placed_pages, settings)
    return Document(
        source=source,
        format="pdf",
        sha256=sha256,
        blocks=tuple(blocks),
        pages=len(pages),
        encoding=None,
        warnings=tuple(warnings),
        unread_pages=tuple(sorted(unread)),
        layout=f"{engine}: tables by ruled lines, text outside tables by lines and paragraphs; running headers/footers marked",
    )


def _unread_warnings(pages: list[_Page]) -> list[str]:
    """A warning for each page that could not be read, with the reason."""
    return [f"page {n} could not be read: {p.error}" for n, p in enumerate(pages, 1) if p.words is None]


def _text_problem(pages: list[_Page], settings: PdfRules) -> str | None:
    """Why the pages' text cannot be used (no text layer, unmapped glyphs), or None."""
    texts = [w.text for p in pages if p.words for w in p.words]
    chars = sum(map(len, texts))
    # counted in one pass over all the text: a tab between words is neither garbled nor
    # part of a "(cid:N)", so the count is the sum of the words' counts
    garbled = _garbled_chars("\t".join(texts))
    if chars < settings.ocr_min_chars * len(pages):
        return f"the PDF has no text layer ({chars} characters on {len(pages)} pages): it needs OCR"
    if garbled > settings.garbled_share * chars:
        return (f"the PDF's text layer is unreadable ({100 * garbled // chars}% unmapped glyphs, "
                "fonts without a Unicode map): it needs OCR")
    return None


def _pdfium_pages(data: bytes, settings: PdfRules) -> list[_Page] | None:
    """The pages read by pdfium (a page it declines has ``words`` None), or None when it
    declines the document (pdfplumber reads it then: an unopenable, encrypted or broken
    file is classified there)."""
    from . import pdf_pdfium

    if not pdf_pdfium.handles(settings.table_settings):
        return None
    try:
        read = pdf_pdfium.read_pages(data)
    except pdf_pdfium.EngineDeclined:
        return None
    check_pdf_pages(len(read))
    pages = []
    for page in read:
        if page.words is None:
            pages.append(_Page(0.0, None, [], page.declined))
            continue
        tables = pdf_pdfium.find_tables(page, settings.table_settings)
        pages.append(_Page(page.height, _words(page.words), tables))
    return pages


def _with_pdfplumber_pages(data: bytes, settings: PdfRules, pages: list[_Page], numbers: list[int]) -> list[_Page]:
    """``pages`` with those numbered ``numbers`` (from 1) read by pdfplumber."""
    try:
        read = _pdfplumber_pages(data, settings, only=set(numbers))
    except ReaderError as exc:  # pdfium opened what pdfminer cannot: the other pages stay
        return [_Page(0.0, None, [], str(exc)) if n in numbers else p for n, p in enumerate(pages, 1)]
    if len(read) != len(pages):  # a damaged page tree the two read otherwise
        return [_Page(0.0, None, [], "pdfplumber found another number of pages") if n in numbers else p
                for n, p in enumerate(pages, 1)]
    return [read[n - 1] if n in numbers else p for n, p in enumerate(pages, 1)]


def _pdfplumber_pages(data: bytes, settings: PdfRules, only: set[int] | None = None) -> list[_Page]:
    """The pages read by pdfplumber (or only the pages numbered ``only``, from 1: the
    others are left empty); a page whose content cannot be read has ``words`` None and
    the reason in ``error`` (one broken stream must not lose the rest)."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for damaged or locked files
        raise _open_error(exc) from None
    pages: list[_Page] = []
    with pdf:
        try:
            plumber_pages = list(pdf.pages)
        except Exception as exc:
            raise _open_error(exc) from None
        # counted from the page tree, before any page's content is parsed
        check_pdf_pages(len(plumber_pages))
        for number, page in enumerate(plumber_pages, 1):
            if only is not None and number not in only:
                pages.append(_Page(0.0, [], []))
                continue
            try:
                raw = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False)
                words = _words([(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w.get("fontname") or "") for w in raw])
                pages.append(_Page(float(page.height), words, page.find_tables(dict(settings.table_settings))))
            except Exception as exc:
                pages.append(_Page(0.0, None, [], f"{type(exc).__name__}: {exc}"))
    return pages


def _open_error(exc: Exception) -> ReaderError:
    # pdfplumber wraps pdfminer's exception: look at the whole chain for its real type
    chain, seen = [], exc
    while seen is not None and len(chain) < 5:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__ or next((a for a in seen.args if isinstance(a, Exception)), None)
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encrypt" in names:
        return ReaderError("encrypted", "the PDF is encrypted with a password")
    detail = next((f"{type(e).__name__}: {e}" for e in reversed(chain) if str(e)), type(chain[-1]).__name__)
    return ReaderError("corrupt", f"the PDF could not be opened: {detail}")


def _garbled_chars(text: str) -> int:
    """Characters that stand for glyphs without a Unicode map, or control characters."""
    cid = sum(map(len, _CID.findall(text))) if "(cid:" in text else 0
    return cid + len(_CONTROL.findall(text))


def _clean(text: str) -> str:
    """The text with ligatures spelt out, no-break spaces as spaces and soft hyphens
    dropped (most words are plain ASCII and need no look)."""
    return text if text.isascii() else text.translate(_LIGATURES)


def _words(raw_words) -> list[_Word]:
    """Words as the reader uses them, from (text, x0, top, x1, bottom, font name) tuples."""
    words = []
    styles: dict[str, tuple[bool, bool]] = {}  # bold and italic by font: a page has few fonts
    for text, x0, top, x1, bottom, font in raw_words:
        text = _clean(text).strip()
        if not text:
            continue
        style = styles.get(font)
        if style is None:
            style = styles[font] = (bool(_BOLD.search(font)), bool(_ITALIC.search(font)))
        words.append(_Word(text, float(x0), float(x1), float(top), float(bottom), *style))
    return words


# --- lines and paragraphs -------------------------------------------------------------------


def _lines(words: list[_Word], tolerance: float) -> list[_Line]:
    """Words grouped into lines: a word belongs to a line it overlaps vertically enough."""
    lines: list[_Line] = []
    for word in sorted(words, key=_TOP_X0):
        top, bottom = word.top, word.bottom
        # the page's inner loop: min() and max() written out, with their results on ties
        height = bottom - top
        if height < 1.0:
            height = 1.0
        for line in reversed(lines[-3:]):
            line_top, line_bottom = line.top, line.bottom
            overlap = (bottom if bottom < line_bottom else line_bottom) - (top if top > line_top else line_top)
            line_height = line_bottom - line_top
            if line_height < 1.0:
                line_height = 1.0
            if overlap >= tolerance * (line_height if line_height < height else height):
                line.add(word)
                break
        else:
            lines.append(_Line(word))
    for line in lines:
        line.finish()
    lines.sort(key=lambda l: (round(l.top), l.x0))
    return lines


def _starts_item(text: str, bullets: tuple[str, ...]) -> bool:
    return _bullet_of(text, bullets) is not None or bool(_NUMBERED.match(text))


def _bullet_of(text: str, bullets: tuple[str, ...]) -> str | None:
    firsts = _first_chars(tuple(bullets))
    if text[:1] in firsts or "" in firsts:  # most lines start with no bullet's character
        for bullet in bullets:
            if text.startswith(bullet) and (len(text) == len(bullet) or text[len(bullet)] == " " or len(bullet) == 1 and not bullet.isascii()):
                return bullet
    # Word's sub-bullet "o" (Courier), as in "o Commissioners Present: …"
    if _SUB_BULLET.match(text):
        return "o"
    return None


@lru_cache(maxsize=8)
def _first_chars(bullets: tuple[str, ...]) -> frozenset[str]:
    """The characters the bullets start with ("" for an empty bullet, which any text has)."""
    return frozenset(b[:1] for b in bullets)


def _paragraphs(lines: list[_Line], left: float, right: float, rules: PdfRules) -> list[list[_Line]]:
    """Lines grouped into paragraphs, within a region ``left``..``right`` wide."""
    paragraphs: list[list[_Line]] = []
    width = max(right - left, 1.0)
    for line in lines:
        if not paragraphs:
            paragraphs.append([line])
            continue
        prev = paragraphs[-1][-1]
        gap = line.top - prev.bottom
        text = line.text
        first = line.words[0]
        # a line that stops short of the right edge, where the next line's first word would
        # have fitted, ended its paragraph (a wrapped line stops short only by that word),
        # unless what follows is plainly the rest of its sentence
        room = right - prev.x1
        fitted = room > (first.x1 - first.x0) + 0.5 * prev.height and room > rules.short_line * width * 0.25
        new = (
            gap > rules.paragraph_gap * prev.height
            or _starts_item(text, rules.bullets)
            or prev.bold != line.bold
            # a line ending in a comma or a little word ("and", "of") leaves its sentence open
            or (fitted and not text[:1].islower() and not _OPEN_END.search(prev.text))
            # "Apologies: …", "Action: …" open a line of their own in minutes
            or bool(_LABEL_START.match(text))
        )
        if new:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _block(lines: list[_Line], page: int, prov: Provenance, rules: PdfRules) -> TextBlock | None:
    """One paragraph's lines as a text block with style and line marks."""
    parts: list[str] = []  # the text, a line (and what joins it to the one before) at a time
    size = 0  # the text's length so far
    tail = ""  # its last three characters, all the hyphen test below reads
    runs: list[list] = []  # bold and italic runs [start, end, style], merged across words and lines
    latest: dict[str, list] = {}  # each style's last run, the one a word may extend
    lines_marks: list[Mark] = []
    kind = "paragraph"
    for i, line in enumerate(lines):
        words, line_text = line.words, line.text
        if i == 0:
            bullet = _bullet_of(line_text, rules.bullets)
            if bullet is not None:
                kind = "list_item"
                first = words[0]
                rest = first.text[len(bullet):].strip()
                words = ([replace(first, text=rest)] if rest else []) + words[1:]
                line_text = " ".join(w.text for w in words)
        if not words:
            continue
        if parts:
            # a word broken at a hyphen at the end of a line ("mid-" / "May") is one word
            joint = "" if _BROKEN_WORD.search(tail) else " "
            parts.append(joint)
            size += len(joint)
            tail = (tail + joint)[-3:]
        line_start = start = size
        for word in words:
            end = start + len(word.text)
            if word.bold:
                _style_run(runs, latest, "bold", start, end)
            if word.italic:
                _style_run(runs, latest, "italic", start, end)
            start = end + 1  # the space between words
        parts.append(line_text)
        size += len(line_text)
        tail = (tail + line_text)[-3:]
        lines_marks.append(Mark(line_start, size, "line", page=page,
                                box=(round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1))))
    text = "".join(parts).strip()
    if not text:
        return None
    marks = sorted((Mark(s, e, style) for s, e, style in runs), key=_START) + lines_marks
    bold = [e - s for s, e, style in runs if style == "bold"]
    if kind == "paragraph" and bold and sum(bold) >= len(text) - 1 and len(text.split()) <= 15:
        kind = "heading"  # a short paragraph set wholly in bold is a heading
    return TextBlock(kind, text, prov, level=2 if kind == "heading" else 0, marks=tuple(marks))


def _style_run(runs: list[list], latest: dict[str, list], style: str, start: int, end: int) -> None:
    """A word set in ``style`` at ``start``..``end``: it extends the style's last run when
    only a space (or nothing) lies between them, else it opens a run."""
    run = latest.get(style)
    if run is not None and run[1] >= start - 1:
        run[1] = end
    else:
        latest[style] = run = [start, end, style]
        runs.append(run)


def _text_blocks(words: list[_Word], page: int, prov: Provenance, rules: PdfRules) -> list[tuple[TextBlock, float, float]]:
    lines = _lines(words, rules.line_tolerance)
    if not lines:
        return []
    # the text's own right edge (a cell's box includes its padding); with enough lines, the
    # edge most full lines reach, not one line that ran past the margin
    left = min(l.x0 for l in lines)
    ends = sorted(l.x1 for l in lines)
    right = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 5 else ends[-1]
    out = []
    for para in _paragraphs(lines, left, right, rules):
        block = _block(para, page, prov, rules)
        if block is not None:
            out.append((block, para[0].top, para[-1].bottom))
    return out


# --- tables -----------------------------------------------------------------------------------


def _inside(words: list[_Word], box) -> list[_Word]:
    """The words whose centre lies in ``box``, in order."""
    x0, top, x1, bottom = box
    return [w for w in words if x0 <= w.cx <= x1 and top <= w.cy <= bottom]


class _WordsByHeight:
    """Words found by the box their centre falls in, without testing every word against
    every cell (a risk register's page has hundreds of cells and thousands of words)."""

    def __init__(self, words: list[_Word]):
        order = sorted(range(len(words)), key=lambda i: words[i].cy)
        self.words = words
        self.order = order
        self.heights = [words[i].cy for i in order]

    def within(self, box) -> list[_Word]:
        """The words whose centre lies in ``box``, in their original order."""
        x0, top, x1, bottom = box
        lo = bisect_left(self.heights, top)
        hi = bisect_right(self.heights, bottom)
        words = self.words
        # the bisection has found the heights within the box; the test of the height is
        # kept for a centre that is not a number (NaN), which no box holds
        found = sorted(i for i in self.order[lo:hi] if x0 <= words[i].cx <= x1 and top <= words[i].cy <= bottom)
        return [words[i] for i in found]


def _snap(value: float, edges: list[float]) -> float:
    for edge in edges:
        if abs(edge - value) <= _EDGE_TOLERANCE:
            return edge
    edges.append(value)
    return value


def _bands(rows: list[list]) -> list[list[list]]:
    """Rows split where their column edges change: a band is one table's rows."""
    bands: list[tuple[set[float], list[list]]] = []
    snapped: list[float] = []
    for cells in rows:
        edges = {_snap(x, snapped) for c in cells if c is not None for x in (c[0], c[2])}
        if not edges:
            continue
        if bands and (edges <= bands[-1][0] or bands[-1][0] <= edges):
            bands[-1][0].update(edges)
            bands[-1][1].append(cells)
        else:
            bands.append((set(edges), [cells]))
    return [rows for _, rows in bands]


def _table_band(band: list[list], words: list[_Word], page: int, source: str, rules: PdfRules) -> tuple[Table, float, float] | None:
    snapped: list[float] = []
    edges = sorted({_snap(x, snapped) for cells in band for c in cells if c is not None for x in (c[0], c[2])})
    width = len(edges) - 1
    if width < 1:
        return None
    row_tops = [min(c[1] for c in cells if c is not None) for cells in band]
    rows: list[Row] = []
    text_cells = 0
    by_height = _WordsByHeight(words)
    for r, cells in enumerate(band, 1):
        grid: list[Cell | None] = [None] * width
        for box in (c for c in cells if c is not None):
            first = edges.index(_snap(box[0], snapped))
            last = edges.index(_snap(box[2], snapped))
            if last <= first:
                continue
            prov = Provenance(source, page=page, row=r, cell=first + 1)
            blocks = tuple(b for b, _, _ in _text_blocks(by_height.within(box), page, prov, rules))
            text_cells += bool(blocks)
            row_span = sum(1 for top in row_tops[r:] if top < box[3] - _EDGE_TOLERANCE) + 1
            grid[first] = Cell(blocks, prov, col_span=last - first, row_span=row_span)
        row_prov = Provenance(source, page=page, row=r)
        rows.append(Row(tuple(c if c is not None else Cell((), Provenance(source, page=page, row=r, cell=i + 1))
                              for i, c in enumerate(grid)), row_prov))
    if width < rules.min_table_columns and text_cells < rules.min_table_text_cells:
        return None
    top = min(c[1] for cells in band for c in cells if c is not None)
    bottom = max(c[3] for cells in band for c in cells if c is not None)
    return Table(tuple(rows), Provenance(source, page=page)), top, bottom


def _grid_table(grid: Grid, page: int, source: str, rules: PdfRules) -> Table | None:
    """A borderless table's rows and cells, from the words of each of its columns."""
    rows = []
    for r, cells in enumerate(grid.rows, 1):
        row_prov = Provenance(source, page=page, row=r)
        built = []
        for c, cell_words in enumerate(cells, 1):
            prov = Provenance(source, page=page, row=r, cell=c)
            built.append(Cell(tuple(b for b, _, _ in _text_blocks(cell_words, page, prov, rules)), prov))
        rows.append(Row(tuple(built), row_prov))
    return Table(tuple(rows), Provenance(source, page=page)) if rows else None


def _read_page(page: _Page, number: int, source: str, rules: PdfRules,
               carried: list[float] | None = None, running: frozenset[int] = frozenset(),
               ) -> tuple[list[_Placed], list[float] | None]:
    """The page's blocks and tables, placed by height; and the column starts of a table
    without lines that runs to the foot of the page (for the next page to go on with).
    ``running``: the words (by identity) of the page's running header and footer lines,
    kept out of tables without lines."""
    placed: list[_Placed] = []
    words = page.words or []
    found = page.tables
    taken: set[int] = set()  # the words of the tables kept, by identity
    for table in found:
        # pdfplumber computes a table's box and rows afresh on each access: read them once
        rows = [list(r.cells) for r in table.rows]
        box = table.bbox
        inside = _inside(words, box)
        bands = [_table_band(b, inside, number, source, rules) for b in _bands(rows)]
        bands = [b for b in bands if b is not None]
        text_cells = sum(1 for t, _, _ in bands for row in t.rows for c in row.cells if not c.is_empty)
        columns = max((t.width for t, _, _ in bands), default=0)
        if columns < rules.min_table_columns or text_cells < rules.min_table_text_cells:
            continue  # a box or a rule on the page, not a table: its words stay in the text
        taken.update(id(w) for w in inside)
        placed += [_Placed(top, bottom, t) for t, top, bottom in bands]
    free = [w for w in words if id(w) not in taken]
    # a browser's print header (the date and the title, spaced across the top of every
    # page) would read as a row of a table without lines over the first lines of text
    held = [w for w in free if id(w) in running] if running else []
    if held:
        free = [w for w in free if id(w) not in running]
    grids = find_grids(free, rules, carried)
    for grid in grids:
        table = _grid_table(grid, number, source, rules)
        if table is not None:
            placed.append(_Placed(grid.top, grid.bottom, table))
            inside = {id(w) for w in grid.words}
            free = [w for w in free if id(w) not in inside]
    prov = Provenance(source, page=number)
    apart: list[_Word] = []
    if held:
        # a header or footer set smaller than the page's text (a browser's, a word
        # processor's) is a block of its own, not the first line of the paragraph under
        # it; one as large (a letterhead that is also the first page's title) goes back
        # among the text in the page's order, read into lines and paragraphs as before
        body = median([w.bottom - w.top for w in words])
        rejoin = {id(w) for w in free}
        for w in held:
            if w.bottom - w.top < _SMALLER * body:
                apart.append(w)
            else:
                rejoin.add(id(w))
        free = [w for w in words if id(w) in rejoin]
    placed += [_Placed(top, bottom, b) for b, top, bottom in _text_blocks(free, number, prov, rules)]
    if apart:
        placed += [_Placed(top, bottom, b) for b, top, bottom in _text_blocks(apart, number, prov, rules)]
    placed.sort(key=lambda p: p.top)
    # a table runs on when nothing but the footer band lies below it
    foot = (1 - rules.furniture_band) * page.height
    runs_on = grids and not any(w.top > grids[-1].bottom and w.top < foot for w in free)
    return placed, [c[0] for c in grids[-1].columns] if runs_on else None


# --- the document ---------------------------------------------------------------------------


def _running_lines(pages: list[_Page], rules: PdfRules) -> list[frozenset[int]]:
    """Per page, the words (by identity) of its lines in the header or footer band that
    repeat as ``_assemble`` tells running headers and footers (``_repeated``), found
    before any table is looked for."""
    found: list[dict[tuple[str, str], list[_Word]]] = []  # per page: band lines' words by key
    for page in pages:
        lines: dict[tuple[str, str], list[_Word]] = {}
        if page.words and page.height > 0:
            band = [w for w in page.words if _zone(w.top, w.bottom, page.height, rules)]
            for line in _lines(band, rules.line_tolerance):
                key = (_zone(line.top, line.bottom, page.height, rules), _furniture_key(line.text))
                lines.setdefault(key, []).extend(line.words)
        found.append(lines)
    repeated = _repeated([set(lines) for lines in found], rules)
    return [frozenset(id(w) for key, words in lines.items() if key in repeated for w in words) for lines in found]


def _zone(top: float, bottom: float, height: float, rules: PdfRules) -> str | None:
    """"page_header" or "page_footer" for what lies in the band at the top or the foot of a
    page ``height`` high, else None."""
    if bottom <= rules.furniture_band * height:
        return "page_header"
    if top >= (1 - rules.furniture_band) * height:
        return "page_footer"
    return None


def _repeated(keys_by_page: list[set], rules: PdfRules) -> set:
    """The (zone, text key) pairs found on ``furniture_min_share`` of the pages, and on
    two at least: running headers and footers."""
    counts = Counter(key for keys in keys_by_page for key in keys)
    enough = max(2, rules.furniture_min_share * len(keys_by_page))
    return {key for key, count in counts.items() if count >= enough}


# a running header's words this much smaller than the page's text are set apart from it
_SMALLER = 0.9


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _assemble(pages: list[tuple[float, list[_Placed]]], rules: PdfRules) -> list:
    """Number the tables, mark running headers and footers, flatten the pages."""
    keys_by_page: list[set[tuple[str, str]]] = []
    zones: dict[int, str] = {}
    for height, placed in pages:
        keys: set[tuple[str, str]] = set()
        for p in placed:
            if not isinstance(p.block, TextBlock) or height <= 0:
                continue
            zone = _zone(p.top, p.bottom, height, rules)
            if zone:
                zones[id(p)] = zone
                keys.add((zone, _furniture_key(p.block.text)))
        keys_by_page.append(keys)
    repeated = _repeated(keys_by_page, rules)
    blocks: list = []
    table_no = 0
    for _, placed in pages:
        for p in placed:
            block = p.block
            if isinstance(block, Table):
                table_no += 1
                block = _numbered(block, table_no)
            else:
                zone = zones.get(id(p))
                lone_number = re.fullmatch(r"(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?", block.text.strip(), re.IGNORECASE)
                if zone and ((zone, _furniture_key(block.text)) in repeated or lone_number):
                    block = replace(block, kind=zone)
            blocks.append(block)
    return blocks


def _numbered(table: Table, number: int) -> Table:
    """The table with its number in the provenance of the table, its rows, cells and
    the cells' blocks."""
    numbered: dict[int, Provenance] = {}  # by identity: a cell's blocks share the cell's provenance

    def prov(p: Provenance) -> Provenance:
        new = numbered.get(id(p))
        if new is None:
            new = numbered[id(p)] = replace(p, table=number)
        return new

    def cell(c: Cell) -> Cell:
        return replace(c, prov=prov(c.prov), blocks=tuple(replace(b, prov=prov(b.prov)) for b in c.blocks))

    rows = tuple(replace(r, prov=prov(r.prov), cells=tuple(cell(c) for c in r.cells)) for r in table.rows)
    return Table(rows, prov(table.prov))
