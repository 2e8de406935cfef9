"""Tell a file's format from its bytes, never from its name."""

from __future__ import annotations

import io
import re
import zipfile

# Markup that only an HTML page starts with; a text rendering can hold HTML fragments
# in its cells (the example minutes do) without being an HTML page.
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*(?:<!doctype\s+html|<html))",
    re.IGNORECASE | re.DOTALL,
)
_TAG_START = re.compile(rb"^\s*<(?:p|div|table|h[1-6]|ul|ol|section|article|meta|title|span)[\s>]", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff_format(data: bytes) -> str:
    """The format of a file's content: ``pdf``, ``docx``, ``doc``, ``zip``, ``html``,
    ``text`` or ``binary``.

    ``doc`` is a legacy Word (OLE2) file and ``zip`` a ZIP that is not a Word document;
    neither has a reader. ``binary`` is anything that is not text.
    """
    head = data[:8192]
    stripped = head.lstrip()
    if stripped.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    text_head = head
    for bom in _BOMS:
        if head.startswith(bom):
            text_head = head[len(bom):]
            break
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 text: look at it decoded, so markup is recognised there too
        try:
            text_head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return "binary"
    elif b"\x00" in head:
        return "binary"
    if _HTML_START.match(text_head):
        return "html"
    if _TAG_START.match(text_head) and b"\t" not in text_head:
        return "html"
    return "text"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml")
                if b"wordprocessingml" in types:
                    return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return "zip"
    return "zip"
