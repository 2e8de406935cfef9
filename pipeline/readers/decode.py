"""Decode bytes to text the way users' archives need: BOM, then strict UTF-8, then cp1252."""

from __future__ import annotations

import codecs

from ..errors import ReaderError

#: Byte-order marks and the encoding each announces (the name recorded for the file).
#: UTF-32-LE comes before UTF-16-LE: its mark starts with the other's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding used)``.

    Order: a byte-order mark; the ``declared`` charset (from an HTML meta tag, say) when
    it decodes cleanly; strict UTF-8; cp1252 (the usual encoding of older Windows
    files). Raises ``ReaderError('undecodable')`` when none of them fits.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                raise ReaderError("undecodable", f"the file starts with a {encoding} byte-order mark but is not {encoding}") from None
    candidates = [declared] if declared else []
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            codecs.lookup(encoding)
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReaderError("undecodable", "the text is neither UTF-8 nor cp1252")
