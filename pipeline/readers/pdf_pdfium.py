"""The fast PDF engine: characters and ruling lines read with pdfium (pypdfium2).

pdfplumber (on pdfminer, in pure Python) reads about ten pages a second; pdfium decodes a
page's content in C. This engine asks pdfium only for what the reader needs, in the same
coordinates and with the same rules as pdfplumber, so that both engines give the same
records:

* characters: pdfium's "loose" box runs from the glyph's origin to its advance, as
  pdfminer's does; its lower edge is the baseline less the font's descent, and the top is
  that less the font size (pdfminer's box is one font size high). The spaces pdfium's
  text page leaves out (one of several in a row; a text object that paints nothing) are
  put back where the page's objects show them (``_words``);
* words: characters grouped by pdfplumber's rules (``pdf_words``), fonts told apart as
  pdfminer tells them (``pdf_fonts``);
* ruling lines: every painted path, split into subpaths and classified as pdfminer does
  (``pdf_edges``), turned into the edges pdfplumber's table finder works on; the finder
  itself (snapping, joining, intersections, cells) is pdfplumber's, run on these edges.

A page turned by /Rotate (a landscape table printed sideways) is read in the orientation
it is shown in, as pdfminer reads it (``_Frame``). What this engine does not reproduce
makes it decline a page (``EnginePage.declined``: text not upright as the page is shown,
which pdfminer groups differently) or the
document (``EngineDeclined``: a page pdfium cannot load), and the reader has pdfplumber
read those pages, or the document, instead. pdfium is
not thread-safe: a lock serialises it within a process (Dask runs several documents in
threads of one worker).
"""

from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass

from .guards import check_pdf_pages
from .pdf_edges import apply, compose, path_edges
from .pdf_fonts import FontNames
from .pdf_words import words_from_chars

_LOCK = threading.Lock()


class EngineDeclined(Exception):
    """The document (or a page) holds something this engine does not read as pdfplumber does."""


@dataclass
class EnginePage:
    """One page as pdfium read it: its height, words and ruling-line edges; or, for a page
    it declines (text that is not upright), why in ``declined``, and nothing else:
    pdfplumber reads that page."""

    height: float
    words: list | None  # (text, x0, top, x1, bottom, font name)
    edges: list  # pdfplumber edge dicts
    bbox: tuple  # the page's box, in pdfplumber's coordinates
    declined: str | None = None


#: the table strategies this engine can serve (the "text" strategy needs pdfplumber's words)
_LINE_STRATEGIES = {"lines", "lines_strict", "explicit"}


def handles(table_settings: dict) -> bool:
    """True when this engine can find tables with these pdfplumber settings."""
    return all(table_settings.get(k, "lines") in _LINE_STRATEGIES for k in ("vertical_strategy", "horizontal_strategy"))


def _functions() -> dict:
    """pdfium's functions, bound a second time for speed: without ``argtypes`` (ctypes then
    converts nothing: a call costs about half as much) and with pointer results as plain
    addresses. Every pointer argument is therefore passed as a ``c_void_p`` or ``byref``,
    every size as ``c_size_t``/``c_ulong``: a bare Python int would go as a 32-bit int."""
    from pypdfium2_raw import bindings

    lib = bindings._libs["pdfium"]  # pypdfium2's handle on the library (its internals)

    def fn(name, restype=ctypes.c_int):
        f = lib[name]  # a new function object: pypdfium2's own stays as it was
        f.restype = restype
        return f

    vp = ctypes.c_void_p
    return {
        # per character
        "count_chars": fn("FPDFText_CountChars"),
        "text_object": fn("FPDFText_GetTextObject", vp),
        "loose_box": fn("FPDFText_GetLooseCharBox"),
        "generated": fn("FPDFText_IsGenerated"),
        # per text object, through the text page
        "char_box": fn("FPDFText_GetCharBox"),
        "font_size": fn("FPDFText_GetFontSize", ctypes.c_double),
        "angle": fn("FPDFText_GetCharAngle", ctypes.c_float),
        "map_error": fn("FPDFText_HasUnicodeMapError"),
        "matrix": fn("FPDFText_GetMatrix"),
        "origin": fn("FPDFText_GetCharOrigin"),
        # fonts
        "descent": fn("FPDFFont_GetDescent"),
        "embedded": fn("FPDFFont_GetIsEmbedded"),
        "base_font": fn("FPDFFont_GetBaseFontName", ctypes.c_size_t),
        # the page's objects
        "count_objects": fn("FPDFPage_CountObjects"),
        "get_object": fn("FPDFPage_GetObject", vp),
        "object_type": fn("FPDFPageObj_GetType"),
        "object_matrix": fn("FPDFPageObj_GetMatrix"),
        "object_bounds": fn("FPDFPageObj_GetBounds"),
        "obj_font": fn("FPDFTextObj_GetFont", vp),
        "obj_font_size": fn("FPDFTextObj_GetFontSize"),
        "form_count": fn("FPDFFormObj_CountObjects"),
        "form_object": fn("FPDFFormObj_GetObject", vp),
        "draw_mode": fn("FPDFPath_GetDrawMode"),
        "count_segments": fn("FPDFPath_CountSegments"),
        "segment": fn("FPDFPath_GetPathSegment", vp),
        "segment_point": fn("FPDFPathSegment_GetPoint"),
        "segment_type": fn("FPDFPathSegment_GetType"),
        "segment_close": fn("FPDFPathSegment_GetClose"),
    }


_FN = None


def read_pages(data: bytes) -> list[EnginePage]:
    """Every page's words and ruling lines; a page this engine does not read as pdfplumber
    does is marked ``declined`` (raises ``EngineDeclined`` for a document it cannot read
    at all, ``ReaderError`` for too many pages)."""
    global _FN
    import pypdfium2 as pdfium

    with _LOCK:
        if _FN is None:
            try:
                _FN = _functions()
            except (AttributeError, ImportError, KeyError) as exc:
                # the library handle is pypdfium2's internals: another release may keep
                # it elsewhere, and then pdfplumber reads every PDF (slower, never wrong)
                raise EngineDeclined(f"this pypdfium2 does not expose pdfium as expected: {exc}") from None
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise EngineDeclined(f"pdfium could not open the PDF: {exc}") from None
        try:
            count = len(pdf)
            check_pdf_pages(count)  # before any page's content is decoded
            fonts = FontNames(_FN, data)  # pdfium keeps one font per dictionary for the whole document
            try:
                return [_read_page(pdf[i], fonts) for i in range(count)]
            except pdfium.PdfiumError as exc:  # a page it cannot load (a cycle in the page tree …)
                raise EngineDeclined(f"pdfium could not read a page: {exc}") from None
        finally:
            pdf.close()


def _read_page(page, fonts: FontNames) -> EnginePage:
    try:
        frame = _Frame(page.get_rotation(), *page.get_mediabox())  # pypdfium2 gives 0, 90, 180 or 270
        objects = _objects(_address(page.raw), frame)
        textpage = page.get_textpage()
        try:
            words = _words(textpage.raw, frame, objects, fonts)
        except EngineDeclined as exc:
            return EnginePage(0.0, None, [], (), declined=str(exc))
        finally:
            textpage.close()
    finally:
        page.close()
    return EnginePage(frame.height, words, objects.edges, frame.bbox)


class _Frame:
    """The page as pdfplumber shows it: its coordinates (x from the left, top from the
    top) of a point of the page's own space. pdfminer turns the page clockwise by its
    /Rotate and moves the media box's corner to the origin; pdfplumber then moves x back
    by the (turned) box's left and top by its bottom, so that a box not at the origin
    gives coordinates such as ``x - 2 * left`` on a page turned by 90 degrees: they are
    reproduced as they are, for the words to fall in the same table cells."""

    def __init__(self, rotation: int, left: float, bottom: float, right: float, top: float):
        # a box may be given by any two opposite corners
        left, right = sorted((left, right))
        bottom, top = sorted((bottom, top))
        self.rotation, self.left, self.bottom, self.right, self.top = rotation, left, bottom, right, top
        turned = rotation in (90, 270)
        # pdfplumber's box: the media box with x and y swapped on a turned page, upside down
        shown_left, shown_bottom, shown_right, shown_top = (bottom, left, top, right) if turned else (left, bottom, right, top)
        self.height = shown_top - shown_bottom
        self.bbox = (shown_left, -shown_bottom, shown_right, self.height - shown_bottom)
        # pdfium measures a character's angle clockwise: text upright as the page is
        # shown runs at the page's rotation, counter-clockwise
        self.angle = (2 * math.pi - math.radians(rotation)) % (2 * math.pi)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) of the page space's point (x, y)."""
        r = self.rotation
        if r == 0:
            return x, self.top - y - self.bottom
        if r == 90:
            return y, x - 2 * self.left
        if r == 180:
            return self.right - x + self.left, y - 2 * self.bottom
        return self.top - y + self.bottom, self.right - x - self.left

    def across(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float]:
        """(x0, x1) as shown of a box of the page's space: the x of two opposite corners."""
        a, b = self.point(left, bottom)[0], self.point(right, top)[0]
        return (a, b) if a <= b else (b, a)

    def upright(self, angle: float) -> bool:
        """Whether a character at pdfium's ``angle`` stands upright as the page is shown."""
        off = (angle - self.angle) % (2 * math.pi)
        return off < 1e-3 or off > 2 * math.pi - 1e-3


def _address(pointer) -> ctypes.c_void_p:
    return ctypes.c_void_p(ctypes.cast(pointer, ctypes.c_void_p).value)


# --- the page's objects -------------------------------------------------------------------------


@dataclass
class _TextObject:
    """A text object as the page's object walk sees it: its place in the content stream,
    its font, its box across (as shown, x only; a space paints nothing, so a space
    contributes its origin), and for one whose box has no width — it paints nothing: a
    space, or several at one place — the rest ``_blank_char`` needs (``base``: the top
    of its baseline, as shown)."""

    place: int
    font: int | None
    x0: float
    x1: float
    base: float = 0.0
    matrix: tuple | None = None


@dataclass
class _Objects:
    """What one walk over a page's objects gives: pdfplumber's edges (``page.edges``) from
    the painted paths, and the text objects by address."""

    edges: list
    texts: dict


def _objects(page: ctypes.c_void_p, frame: _Frame) -> _Objects:
    """One walk over the page's objects, forms included (see ``_Objects``)."""
    fn = _FN
    get_type, get_matrix, bounds, get_font = fn["object_type"], fn["object_matrix"], fn["object_bounds"], fn["obj_font"]
    count_segments, segment, segment_point = fn["count_segments"], fn["segment"], fn["segment_point"]
    segment_type, segment_close = fn["segment_type"], fn["segment_close"]
    point = frame.point
    found = _Objects([], {})
    edges, texts = found.edges, found.texts
    matrix = _matrix_struct()
    matrix_ref = ctypes.byref(matrix)
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    fill_ref, stroke_ref = ctypes.byref(fill), ctypes.byref(stroke)
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    box = [ctypes.c_float() for _ in range(4)]
    box_refs = [ctypes.byref(v) for v in box]

    def placed(outer: tuple) -> tuple:
        get_matrix(obj_ref[0], matrix_ref)
        return compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)

    obj_ref = [None]

    def visit(address: int | None, outer: tuple) -> None:
        if not address:
            return
        obj = obj_ref[0] = ctypes.c_void_p(address)
        kind = get_type(obj)
        if kind == _TEXT:
            if not bounds(obj, *box_refs):
                texts[address] = _TextObject(len(texts), get_font(obj), math.inf, -math.inf)
                return
            if outer is _IDENTITY:
                x0, y0, x1, y1 = box[0].value, box[1].value, box[2].value, box[3].value
                px, py = x0, y0
            else:  # inside a form: its bounds are in the form's space
                corners = [apply(outer, bx, by) for bx in (box[0].value, box[2].value) for by in (box[1].value, box[3].value)]
                x0, x1 = min(c[0] for c in corners), max(c[0] for c in corners)
                y0, y1 = min(c[1] for c in corners), max(c[1] for c in corners)
                px, py = apply(outer, box[0].value, box[1].value)
            across = frame.across(x0, y0, x1, y1)
            text = texts[address] = _TextObject(len(texts), get_font(obj), *across)
            if across[0] == across[1]:  # pdfium's text page leaves out a text object that paints nothing
                text.x0, text.base = frame.point(px, py)
                text.x1, text.matrix = text.x0, placed(outer)
            return
        if kind == _FORM:
            inner = placed(outer)
            for k in range(fn["form_count"](obj)):
                visit(fn["form_object"](obj, ctypes.c_ulong(k)), inner)
            return
        if kind != _PATH:
            return
        fn["draw_mode"](obj, fill_ref, stroke_ref)
        if not fill.value and not stroke.value:
            return  # a clipping path ("n"): pdfminer paints nothing
        m = placed(outer)
        segments = []
        for s in range(count_segments(obj)):
            seg = ctypes.c_void_p(segment(obj, s))
            segment_point(seg, x_ref, y_ref)
            px, py = apply(m, x.value, y.value)
            segments.append((segment_type(seg), point(px, py), bool(segment_close(seg))))
        edges.extend(path_edges(segments))

    for k in range(fn["count_objects"](page)):
        visit(fn["get_object"](page, k), _IDENTITY)
    return found


_TEXT, _PATH, _FORM = 1, 2, 5  # FPDF_PAGEOBJ_*
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix_struct():
    import pypdfium2.raw as raw

    return raw.FS_MATRIX()


# --- characters ----------------------------------------------------------------------------------


def _words(textpage, frame: _Frame, objects: _Objects, fonts: FontNames) -> list:
    """The page's words: pdfium's characters in the text page's order, with the spaces it
    leaves out put back, grouped by ``words_from_chars``.

    pdfium's text page keeps one space of several in a row (pdfminer has them all), and
    none of a text object that paints nothing; where only such a space parted two words
    ("26", a superscript "th" and "July", each with a space of its own), they would run
    together. The spaces are put back where the page's objects show them: a text object
    left out (``_TextObject`` with no width) at its origin; a text object's box reaching
    left of its first character (a leading space left out), at the box's left; a text
    object ending in a space whose box reaches right of it (more spaces), at the box's
    right. Spaces between those are not known: they part words only where the first and
    last would not."""
    page = _PageChars(textpage, frame, objects, fonts)
    page.read()
    return words_from_chars(page.with_left_out())


class _PageChars:
    """The characters of one page, read from pdfium's text page (see ``_words``).

    Characters are tuples (text, x0, top, x1, bottom, font name, run key); a text object's
    font, size and baseline are read once, at its first character (``_start``)."""

    def __init__(self, textpage, frame: _Frame, objects: _Objects, fonts: FontNames):
        import pypdfium2.raw as raw

        self.textpage, self.frame = textpage, frame
        self.handle = _address(textpage)
        self.texts = objects.texts
        self.fonts = fonts
        self.run_keys = fonts.run_keys(t.font for t in objects.texts.values())
        self.chars: list = []
        self.starts: list[tuple[int, int]] = []  # (index in chars, place in the stream) of each object's first character
        self.seen: set = set()
        self.current: _TextObject | None = None  # whose characters come now, from chars[begun]
        self.begun = 0
        self.font, self.run_key, self.size, self.low, self.char_top, self.unmapped = "", "", 0.0, 0.0, 0.0, False
        self._matrix = raw.FS_MATRIX()
        self._box = [ctypes.c_double() for _ in range(4)]
        self._ox, self._oy = ctypes.c_double(), ctypes.c_double()

    def read(self) -> None:
        """Every character of the text page, in its order."""
        import pypdfium2.raw as raw

        fn = _FN
        # the per-character calls and state, bound to locals (attribute and dictionary
        # lookups per character showed in profiles)
        generated, loose_box, handle = fn["generated"], fn["loose_box"], self.handle
        # an upright page's x is the page space's (``_Frame``): no call per character
        upright_page = self.frame.rotation == 0
        across = self.frame.across
        chars = self.chars
        append = chars.append
        rect = raw.FS_RECTF()
        rect_ref = ctypes.byref(rect)
        n = fn["count_chars"](handle)
        # pdfium marks a hyphen that breaks a word at the end of a line as U+FFFE (or
        # U+0002): pdfminer gives the hyphen the PDF holds
        text = _text(self.textpage, n).translate(_HYPHENS)
        last_obj = -1  # no address
        font = run_key = ""
        low = char_top = 0.0
        unmapped = False
        text_object = fn["text_object"]
        for i, ch in enumerate(text):
            if ch in _SPACES and generated(handle, i):
                # pdfium puts line breaks of its own between lines (and before a
                # superscript): pdfminer has none there. It also stands its own space in
                # for a space character that overlaps the letter before ("y" then " "
                # starting 0.3 pt inside it): a separator there, where the letter before
                # ends
                if ch not in "\r\n" and chars:
                    prev = chars[-1]
                    append((" ", prev[3], prev[2], prev[3], prev[4], prev[5], prev[6]))
                continue
            obj = text_object(handle, i)
            if obj != last_obj:
                last_obj = obj
                self._start(i, obj, ch)
                font, run_key, low, char_top, unmapped = self.font, self.run_key, self.low, self.char_top, self.unmapped
            loose_box(handle, i, rect_ref)
            if upright_page:
                append((_UNMAPPED if unmapped else ch, rect.left, char_top, rect.right, low, font, run_key))
            else:
                x0, x1 = across(rect.left, rect.bottom, rect.right, rect.top)
                append((_UNMAPPED if unmapped else ch, x0, char_top, x1, low, font, run_key))
        if self.current is not None:
            _put_back_trailing_space(chars, self.begun, self.current, self.size)

    def _start(self, i: int, obj: int | None, ch: str) -> None:
        """The first character of a text object: its font, size and baseline."""
        fn, handle = _FN, self.handle
        if self.current is not None:
            _put_back_trailing_space(self.chars, self.begun, self.current, self.size)
        self.seen.add(obj)
        current = self.current = self.texts.get(obj)
        self.begun = len(self.chars)
        self.starts.append((self.begun, current.place if current else -1))
        font_handle = current.font if current else None
        self.font = font = self.fonts.name(font_handle)
        self.run_key = self.run_keys.get(font_handle, font)
        # pdfminer's box is one font size high (the size set by Tf, scaled by the text
        # matrix: "1 Tf" with a matrix of 10.32 is 10.32 high), its foot the font's descent
        # below the baseline
        fn["matrix"](handle, i, ctypes.byref(self._matrix))
        self.size = size = fn["font_size"](handle, i) * math.hypot(self._matrix.c, self._matrix.d)
        # a font that maps its glyphs to no characters gives codes, not text: they are
        # marked as unmapped (as pdfminer's "(cid:12)") so that the reader sees an
        # unreadable text layer and asks pdfplumber, not publish them
        self.unmapped = fn["map_error"](handle, i) == 1
        # upright text keeps one baseline through a text object (TJ moves along it)
        fn["origin"](handle, i, ctypes.byref(self._ox), ctypes.byref(self._oy))
        base = self.frame.point(self._ox.value, self._oy.value)[1]
        self.low = low = base - self.fonts.descent(font_handle, size)
        self.char_top = low - size
        if not self.frame.upright(fn["angle"](handle, i)):
            raise EngineDeclined("text that is not upright")
        if current is not None and ch not in _SPACES:
            box = self._box  # left, right, bottom, top
            fn["char_box"](handle, i, *(ctypes.byref(v) for v in box))
            shown_left = self.frame.across(box[0].value, box[2].value, box[1].value, box[3].value)[0]
            if current.x0 < shown_left - _SPACE_GAP * size:  # a leading space, left out
                self.chars.append((" ", current.x0, self.char_top, current.x0, low, self.font, self.run_key))

    def with_left_out(self) -> list:
        """The characters with the spaces of the text objects the text page left out."""
        left_out = sorted((t.place, _blank_char(address, t, self.fonts, self.run_keys))
                          for address, t in self.texts.items() if t.matrix is not None and address not in self.seen)
        return _with_blanks(self.chars, self.starts, left_out) if left_out else self.chars


# a space left out lies at least this many font sizes from the ink beside it (a space is a
# quarter of the size or more; a letter's ink starts a little after its origin, or a
# little before it in italics)
_SPACE_GAP = 0.15


def _put_back_trailing_space(chars: list, begun: int, obj: _TextObject, size: float) -> None:
    """After a text object ending in a space: a space where its box reaches right of that
    space and of its letters (pdfium kept the first of several spaces). The letters' loose
    boxes cover their ink (an italic "f" reaching over the space after it is no space)."""
    if len(chars) <= begun or chars[-1][0] != " ":
        return
    last = chars[-1]
    if obj.x1 <= last[1] + _SPACE_GAP * size:
        return  # most objects ending in a space: nothing reaches past it
    ink = max((c[3] for c in chars[begun:] if c[0] != " "), default=-math.inf)
    if obj.x1 > ink + 0.01:
        chars.append((" ", obj.x1, last[2], obj.x1, last[4], last[5], last[6]))


def _text(textpage, n: int) -> str:
    """The text page's characters, one per index."""
    import pypdfium2.raw as raw

    if n <= 0:
        return ""
    buffer = (ctypes.c_ushort * (n + 1))()
    got = raw.FPDFText_GetText(textpage, 0, n, buffer)
    text = bytes(buffer)[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:
        # UTF-16, where a character beyond the Basic Multilingual Plane takes two places
        # (or a control code none): one character per index then
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(n))
    return text


def _blank_char(address: int, blank: _TextObject, fonts: FontNames, run_keys: dict) -> tuple:
    """A space character where a text object that paints nothing stands, sized as
    pdfminer sizes it (the font size by the text matrix, the foot the descent below the
    baseline)."""
    font = fonts.name(blank.font)
    tf_size = ctypes.c_float()
    size = 0.0
    if _FN["obj_font_size"](ctypes.c_void_p(address), ctypes.byref(tf_size)):
        size = tf_size.value * math.hypot(blank.matrix[2], blank.matrix[3])
    low = blank.base - fonts.descent(blank.font, size)
    return (" ", blank.x0, low - size, blank.x0, low, font, run_keys.get(blank.font, font))


def _with_blanks(chars: list, starts: list[tuple[int, int]], blanks: list[tuple[int, tuple]]) -> list:
    """``chars`` with each blank's space put in stream order: before the first text object
    after it (``starts``: where each object's characters begin, and its place)."""
    out: list = []
    done = k = 0
    for index, place in starts:
        if k < len(blanks) and blanks[k][0] < place:
            out.extend(chars[done:index])
            done = index
            while k < len(blanks) and blanks[k][0] < place:
                out.append(blanks[k][1])
                k += 1
    out.extend(chars[done:])
    out.extend(char for _, char in blanks[k:])  # after the last object with text
    return out


_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-"})
# what str.isspace() says is a space (a set is quicker to ask, in the inner loop)
_SPACES = frozenset(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())
# what a glyph without a Unicode map becomes: a control character, which the reader counts
# as unreadable text
_UNMAPPED = "\x1a"


# --- tables -----------------------------------------------------------------------------------


class _EdgesPage:
    """The little of a pdfplumber page its table finder reads with the "lines" strategies."""

    def __init__(self, edges: list[dict], bbox: tuple):
        self.edges = edges
        self.bbox = bbox


def find_tables(page: EnginePage, settings: dict) -> list:
    """Ruled tables on a page, by pdfplumber's finder with the reader's settings."""
    from pdfplumber.table import TableFinder

    if not page.edges:
        return []
    return TableFinder(_EdgesPage(page.edges, page.bbox), dict(settings)).tables
