"""GENERATED test PDFs, written operator by operator.

A PDF library lays text out its own way; the fast engine's hard cases depend on exactly
how a file places its characters (a space in a text object of its own, two spaces in
one TJ with kerning between them, two font dictionaries of one name). This module writes
such files by hand: one content stream per page, fonts from a small set of dictionaries.
Every file it makes is generated, not a real document.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reportlab


@cache
def vera(style: str = "") -> tuple[list[int], bytes]:
    """Bitstream Vera (shipped with reportlab; style "", "Bd", "It" or "BI"): the widths of
    codes 32-126 and the font file."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = Path(reportlab.__file__).parent / "fonts" / f"Vera{style}.ttf"
    pdfmetrics.registerFont(TTFont(f"Vera{style}ForTests", str(path)))
    widths = [round(pdfmetrics.stringWidth(chr(code), f"Vera{style}ForTests", 1000)) for code in range(32, 127)]
    return widths, path.read_bytes()


def helvetica(name: str = "Helvetica") -> dict:
    """A standard Type1 font, not embedded."""
    return {"kind": "type1", "base": name}


def truetype(base: str, embedded: bool, font_name: str | None = None, style: str = "") -> dict:
    """A simple TrueType font with Vera's widths (of ``style``), its file embedded or not;
    ``font_name`` is the descriptor's FontName (pdfminer's name for it), by default ``base``."""
    return {"kind": "truetype", "base": base, "embedded": embedded, "font_name": font_name or base, "style": style}


def build_pdf(pages: list[str], fonts: dict[str, dict], size: tuple[int, int] = (612, 792),
              rotate: dict[int, int] | None = None, filters: dict[int, str] | None = None,
              origin: tuple[int, int] = (0, 0)) -> bytes:
    """A PDF whose pages hold these content streams, with these fonts (/F1 … by key);
    ``rotate``: the /Rotate of pages by index (from 0); ``filters``: a /Filter name
    declared on pages' content streams by index (the stream itself is not encoded);
    ``origin``: the media box's lower left corner (its upper right stays at ``size``)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font_refs = {key: _font(spec, add) for key, spec in fonts.items()}
    resources = b"<< /Font << " + b" ".join(b"/%s %d 0 R" % (k.encode(), ref) for k, ref in font_refs.items()) + b" >> >>"
    kids = []
    for index, content in enumerate(pages):
        stream = content.encode("latin-1")
        coded = b" /Filter /%s" % (filters or {})[index].encode() if index in (filters or {}) else b""
        contents = add(b"<< /Length %d%s >>\nstream\n" % (len(stream), coded) + stream + b"\nendstream")
        turn = b" /Rotate %d" % (rotate or {})[index] if index in (rotate or {}) else b""
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [%d %d %d %d]%s /Resources %s /Contents %d 0 R >>"
                        % (tree, *origin, size[0], size[1], turn, resources, contents)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = b"%PDF-1.4\n% GENERATED test file (tests/readers/pdf_builder.py)\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return out


def _font(spec: dict, add) -> int:
    if spec["kind"] == "type1":
        return add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % spec["base"].encode())
    widths, data = vera(spec["style"])
    file_entry = b""
    if spec["embedded"]:
        stream = add(b"<< /Length %d /Length1 %d >>\nstream\n" % (len(data), len(data)) + data + b"\nendstream")
        file_entry = b" /FontFile2 %d 0 R" % stream
    descriptor = add(b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-183 -236 1287 928] /ItalicAngle 0"
                     b" /Ascent 928 /Descent -236 /CapHeight 729 /StemV 80%s >>" % (spec["font_name"].encode(), file_entry))
    return add(b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar 32 /LastChar 126 /Widths [%s]"
               b" /Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>"
               % (spec["base"].encode(), " ".join(map(str, widths)).encode(), descriptor))
