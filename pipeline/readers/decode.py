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
        if encoding == "cp1252" and _mostly_utf8(data):
            # UTF-8 with a few stray bytes (a file cut and pasted together): read as
            # cp1252, every "–" and "é" would turn into "â€“" and "Ã©"; the stray bytes
            # become U+FFFD instead, and the reader warns (see ``replaced_bytes``)
            return data.decode("utf-8", "replace"), "utf-8"
        try:
            codecs.lookup(encoding)
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReaderError("undecodable", "the text is neither UTF-8 nor cp1252")


def _mostly_utf8(data: bytes) -> bool:
    """True when ``data`` holds at least as many well-formed UTF-8 multi-byte characters as
    bytes that are not UTF-8 (cp1252 text almost never holds a well-formed sequence)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good > 0 and good >= bad


def replaced_bytes(text: str, encoding: str) -> tuple[str, ...]:
    """The warning for a text decoded as UTF-8 with bytes replaced, or nothing."""
    count = text.count("\ufffd") if encoding == "utf-8" else 0
    return (f"{count} bytes that are not UTF-8 were replaced with U+FFFD",) if count else ()
