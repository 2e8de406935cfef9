"""The fast PDF engine: characters and ruling lines read with pdfium (pypdfium2).

pdfplumber (on pdfminer, in pure Python) reads about ten pages a second; pdfium decodes a
page's content in C. This engine asks pdfium only for what the reader needs, in the same
coordinates and with the same rules as pdfplumber, so that both engines give the same
records:

* characters: pdfium's "loose" box runs from the glyph's origin to its advance, as
  pdfminer's does; its lower edge is the baseline less the font's descent, and the top is
  that less the font size (pdfminer's box is one font size high). Font names are the
  fonts' BaseFont, subset tag included, as pdfminer gives them;
* ruling lines: every painted path, split into subpaths and classified as pdfminer does
  (a line, an axis-aligned rectangle, or a curve of straight segments), turned into the
  edges pdfplumber's table finder works on; the finder itself (snapping, joining,
  intersections, cells) is pdfplumber's, run on these edges.

What this engine does not reproduce makes it decline the document (``EngineDeclined``)
and the reader uses pdfplumber instead: a page rotated by /Rotate, text not upright
(pdfminer groups rotated characters differently), a page pdfium cannot load. pdfium is not thread-safe: a lock serialises it within a process
(Dask runs several documents in threads of one worker).
"""

from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass

from .guards import check_pdf_pages
from .pdf_words import words_from_chars

_LOCK = threading.Lock()


class EngineDeclined(Exception):
    """The document holds something this engine does not read as pdfplumber does."""


@dataclass
class EnginePage:
    """One page as pdfium read it: its height, words and ruling-line edges."""

    height: float
    words: list  # (text, x0, top, x1, bottom, font name)
    edges: list  # pdfplumber edge dicts
    bbox: tuple  # the page's box, in pdfplumber's coordinates


#: the table strategies this engine can serve (the "text" strategy needs pdfplumber's words)
_LINE_STRATEGIES = {"lines", "lines_strict", "explicit"}


def handles(table_settings: dict) -> bool:
    """True when this engine can find tables with these pdfplumber settings."""
    return all(table_settings.get(k, "lines") in _LINE_STRATEGIES for k in ("vertical_strategy", "horizontal_strategy"))


def _functions():
    """pdfium's functions with pointer results as plain addresses (cheap to compare)."""
    import pypdfium2.raw as raw
    from pypdfium2_raw import bindings

    lib = bindings._libs["pdfium"]  # a second handle on each function, typed for speed

    def fn(name, restype, argtypes):
        f = lib[name]
        f.restype, f.argtypes = restype, argtypes
        return f

    vp, ci, cd, cf = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
    return {
        "text_object": fn("FPDFText_GetTextObject", vp, [vp, ci]),
        "loose_box": fn("FPDFText_GetLooseCharBox", ci, [vp, ci, ctypes.POINTER(raw.FS_RECTF)]),
        "font_size": fn("FPDFText_GetFontSize", cd, [vp, ci]),
        "angle": fn("FPDFText_GetCharAngle", cf, [vp, ci]),
        "generated": fn("FPDFText_IsGenerated", ci, [vp, ci]),
        "map_error": fn("FPDFText_HasUnicodeMapError", ci, [vp, ci]),
        "matrix": fn("FPDFText_GetMatrix", ci, [vp, ci, ctypes.POINTER(raw.FS_MATRIX)]),
        "origin": fn("FPDFText_GetCharOrigin", ci, [vp, ci, ctypes.POINTER(cd), ctypes.POINTER(cd)]),
        "descent": fn("FPDFFont_GetDescent", ci, [vp, cf, ctypes.POINTER(cf)]),
        "obj_font": fn("FPDFTextObj_GetFont", vp, [vp]),
        "embedded": fn("FPDFFont_GetIsEmbedded", ci, [vp]),
        "base_font": fn("FPDFFont_GetBaseFontName", ctypes.c_size_t, [vp, ctypes.c_char_p, ctypes.c_size_t]),
    }


_FN = None


def read_pages(data: bytes) -> list[EnginePage]:
    """Every page's words and ruling lines (raises ``EngineDeclined``, or ``ReaderError``
    for too many pages)."""
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
            try:
                return [_read_page(pdf[i]) for i in range(count)]
            except pdfium.PdfiumError as exc:  # a page it cannot load (a cycle in the page tree …)
                raise EngineDeclined(f"pdfium could not read a page: {exc}") from None
        finally:
            pdf.close()


def _read_page(page) -> EnginePage:
    try:
        if page.get_rotation() % 360:
            raise EngineDeclined("a page is rotated")
        left, bottom, right, top = page.get_mediabox()
        textpage = page.get_textpage()
        try:
            edges, order, blanks = _objects(page, textpage, left, top)
            words = _words(textpage, left, top, order, blanks)
        finally:
            textpage.close()
    finally:
        page.close()
    return EnginePage(top - bottom, words, edges, (0.0, 0.0, right - left, top - bottom))


def _words(textpage, left: float, top: float, order: dict, blanks: list) -> list:
    """The page's words. ``order`` gives each text object's place in the content stream,
    ``blanks`` the text objects holding only spaces (place, box, font), which pdfium's
    text page leaves out: pdfminer reads them, and a space ends a word ("(m)" then a
    space then "In" are two words however close)."""
    import pypdfium2.raw as raw

    fn = _FN
    # the per-character calls, bound once (a dictionary lookup per call showed in profiles)
    generated, text_object, loose_box, origin = fn["generated"], fn["text_object"], fn["loose_box"], fn["origin"]
    pending = list(blanks)
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    n = raw.FPDFText_CountChars(textpage.raw)
    text = textpage.get_text_range(0, n) if n > 0 else ""
    if len(text) != n:
        # the text comes back as UTF-16, where a character beyond the Basic Multilingual
        # Plane takes two places (or a control code none): one character per index then
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    descent = ctypes.c_float()
    matrix = raw.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    chars = []
    last_obj = None
    font, run_key, font_handle, size, below = "", "", None, 0.0, 0.0
    simple_fonts: dict[str, int] = {}
    buf = ctypes.create_string_buffer(512)
    for i, ch in enumerate(text):
        if ch.isspace() and generated(handle, i):
            # pdfium puts line breaks of its own between lines (and before a
            # superscript): pdfminer has none there. It also stands its own space in for
            # a space character that overlaps the letter before ("y" then " " starting
            # 0.3 pt inside it): a separator there, where the letter before ends
            if ch not in "\r\n" and chars:
                prev = chars[-1]
                chars.append((" ", prev[3], prev[2], prev[3], prev[4], prev[5], prev[6]))
            continue
        obj = text_object(handle, i)
        if obj != last_obj:
            last_obj = obj
            place = order.get(obj, -1)
            while pending and pending[0][0] < place:
                _, box, blank_font = pending.pop(0)
                blank_name = _font_name(blank_font, buf)
                chars.append((" ", box[0] - left, top - box[3], box[2] - left, top - box[1], blank_name,
                              _run_key(blank_name, blank_font, simple_fonts)))
            font_handle = fn["obj_font"](obj) if obj else None
            font = _font_name(font_handle, buf)
            run_key = _run_key(font, font_handle, simple_fonts)
            # pdfminer's box is one font size high (the size set by Tf, scaled by the
            # text matrix: "1 Tf" with a matrix of 10.32 is 10.32 high), its foot the
            # font's descent below the baseline
            fn["matrix"](handle, i, matrix_ref)
            size = fn["font_size"](handle, i) * math.hypot(matrix.c, matrix.d)
            below = descent.value if font_handle and fn["descent"](font_handle, ctypes.c_float(size), ctypes.byref(descent)) else 0.0
            # a font that maps its glyphs to no characters gives codes, not text: they
            # are marked as unmapped (as pdfminer's "(cid:12)") so that the reader sees
            # an unreadable text layer and asks pdfplumber, not publish them
            unmapped = fn["map_error"](handle, i) == 1
            # upright text keeps one baseline through a text object (TJ moves along it)
            origin(handle, i, ox_ref, oy_ref)
            low = top - (oy.value + below)
            angle = fn["angle"](handle, i)
            if 1e-3 < angle < 2 * math.pi - 1e-3:
                raise EngineDeclined("text that is not upright")
        loose_box(handle, i, rect_ref)
        chars.append((_UNMAPPED if unmapped else _HYPHENS.get(ch, ch), rect.left - left, low - size, rect.right - left, low,
                      font, run_key))
    return words_from_chars(chars)


# pdfium marks a hyphen that breaks a word at the end of a line as U+FFFE (or U+0002):
# pdfminer gives the hyphen the PDF holds
_HYPHENS = {"\ufffe": "-", "\x02": "-"}
# what a glyph without a Unicode map becomes: a control character, which the reader counts
# as unreadable text
_UNMAPPED = "\x1a"


def _font_name(font_handle, buf) -> str:
    """The font's name as pdfium gives it (subset tag dropped; a standard font not
    embedded is named after its stand-in, "Helvetica-Bold" as "Arial,Bold"): what the
    reader reads bold and italic from."""
    if not font_handle:
        return ""
    length = _FN["base_font"](font_handle, buf, len(buf))
    return buf.value.decode("utf-8", "replace") if length else ""


def _run_key(font: str, font_handle, simple_fonts: dict[str, object]):
    """Which font a character is set in, as pdfminer tells fonts apart: by the name in the
    font's descriptor, subset tag included. pdfium drops the tag of an embedded simple
    font, so two of those are told apart by their handles ("2" and a superscript "nd" in
    two subsets of PTSans-Bold: two words for pdfminer). A font not embedded is known by
    its name (two dictionaries naming TimesNewRomanPSMT are one font to pdfminer), and a
    composite font keeps its tag: it is one font with the simple font of the same name
    (Word sets curly quotes in a composite "ABCDEE+Calibri" beside the simple "Calibri" of
    the words: "“Do" is one word for pdfminer)."""
    tag, plus, name = font.rpartition("+")
    if plus:
        return simple_fonts.get(name, name)
    key = font_handle if font_handle and _FN["embedded"](font_handle) else name
    simple_fonts[name] = key
    return key


# --- ruling lines ---------------------------------------------------------------------------

_MOVETO, _LINETO, _BEZIERTO = 2, 0, 1  # FPDF_SEGMENT_*


def _objects(page, textpage, left: float, top: float) -> tuple[list[dict], dict, list]:
    """One walk over the page's objects, forms included: pdfplumber's edges (``page.edges``)
    from the painted paths; each text object's place in the stream; the text objects that
    hold only spaces, with their boxes and fonts."""
    import pypdfium2.raw as raw

    edges: list[dict] = []
    order: dict = {}
    blanks: list = []
    matrix = raw.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    text_buf = (ctypes.c_ushort * 16)()
    as_address = ctypes.c_void_p

    def visit(obj, outer):
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            address = ctypes.cast(obj, as_address).value
            order[address] = len(order)
            # a short text object may be only spaces (pdfium's text page skips those)
            length = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
            if 2 < length <= 32:
                raw.FPDFTextObj_GetText(obj, textpage.raw, text_buf, 32)
                text = bytes(text_buf)[:length - 2].decode("utf-16-le", "replace")
                if text.isspace() and raw.FPDFPageObj_GetBounds(obj, l, b, r, t):
                    font = ctypes.cast(raw.FPDFTextObj_GetFont(obj), as_address).value
                    blanks.append((order[address], (l.value, b.value, r.value, t.value), font))
            return
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            for k in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, k), inner)
            return
        if kind != raw.FPDF_PAGEOBJ_PATH:
            return
        raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not fill.value and not stroke.value:
            return  # a clipping path ("n"): pdfminer paints nothing
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        segments = []
        for s in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = _apply(m, x.value, y.value)
            segments.append((raw.FPDFPathSegment_GetType(seg), (px - left, top - py), bool(raw.FPDFPathSegment_GetClose(seg))))
        edges.extend(_path_edges(segments))

    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        visit(raw.FPDFPage_GetObject(page.raw, k), identity)
    return edges, order, blanks


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _path_edges(segments: list) -> list[dict]:
    """A path's subpaths as pdfminer sees them ("m" starts one; a bezier's end point is its
    point; "h" closes back to the start), each turned into pdfplumber edges."""
    edges: list[dict] = []
    subpath: list[tuple[str, tuple]] = []

    def flush():
        if subpath and subpath[0][0] == "m" and len(subpath) > 1:
            edges.extend(_subpath_edges(subpath))

    i = 0
    while i < len(segments):
        kind, point, close = segments[i]
        if kind == _MOVETO:
            flush()
            subpath = [("m", point)]
        elif kind == _BEZIERTO:
            # pdfium stores a curve as three points; pdfminer's "c" ends at the third
            end = segments[min(i + 2, len(segments) - 1)]
            subpath.append(("c", end[1]))
            close = end[2]
            i += 2
        else:
            subpath.append(("l", point))
        if close and subpath:
            subpath.append(("h", subpath[0][1]))
        i += 1
    flush()
    return edges


def _subpath_edges(path: list[tuple[str, tuple]]) -> list[dict]:
    shape = "".join(op for op, _ in path)
    pts = [p for _, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return [_line_edge(pts[0], pts[1])]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return _rect_edges(pts[0], pts[2])
    return [_curve_edge(p0, p1) for p0, p1 in zip(pts, pts[1:])]


def _box(p0, p1) -> dict:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top}


def _line_edge(p0, p1) -> dict:
    edge = _box(p0, p1)
    edge["object_type"] = "line"
    edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"  # as pdfplumber
    return edge


def _curve_edge(p0, p1) -> dict:
    edge = _box(p0, p1)
    edge["object_type"] = "curve_edge"
    edge["orientation"] = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return edge


def _rect_edges(p0, p2) -> list[dict]:
    box = _box(p0, p2)
    x0, x1, top, bottom = box["x0"], box["x1"], box["top"], box["bottom"]
    h = {"object_type": "rect_edge", "orientation": "h", "height": 0, "width": x1 - x0, "x0": x0, "x1": x1}
    v = {"object_type": "rect_edge", "orientation": "v", "width": 0, "height": bottom - top, "top": top, "bottom": bottom, "doctop": top}
    return [dict(h, top=top, bottom=top, doctop=top), dict(h, top=bottom, bottom=bottom, doctop=bottom),
            dict(v, x0=x0, x1=x0), dict(v, x0=x1, x1=x1)]


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
