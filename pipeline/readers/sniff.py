"""Tell a file's format from its bytes, never from its name."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from .decode import BOMS

# What may come before an HTML page's first tag: white space, comments (IE's "saved
# from url" mark, generator banners), an XML declaration and other processing
# instructions (XHTML, <?xml-stylesheet?>), in any order.
_PROLOG = rb"\s*(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
# Markup that only an HTML page starts with; a text rendering can hold HTML fragments
# in its cells (the example minutes do) without being an HTML page.
_HTML_START = re.compile(_PROLOG + rb"(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE | re.DOTALL)
_TAG_START = re.compile(_PROLOG + rb"<(?:p|div|table|h[1-6]|ul|ol|section|article|meta|title|span)[\s>]",
                        re.IGNORECASE | re.DOTALL)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


#: The first bytes of an OLE compound file (legacy Word, or Office's encrypted package).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: file extension → the format its name promises (names not listed promise nothing)
_EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".html": "html", ".htm": "html",
               ".xhtml": "html", ".txt": "text", ".text": "text", ".md": "text", ".rtf": "rtf",
               ".odt": "odf", ".zip": "zip"}
_FORMAT_NAMES = {"pdf": "a PDF", "docx": "a Word document", "doc": "a legacy Word .doc", "html": "an HTML page",
                 "text": "plain text", "rtf": "Rich Text", "odf": "an OpenDocument file", "zip": "a ZIP archive",
                 "binary": "binary data"}


def extension_mismatch(name: str, fmt: str | None) -> str | None:
    """A sentence when a file's extension names another format than its bytes hold (a PDF
    saved as .html by a web CMS, a .doc renamed .docx), else None. The bytes win: the
    file is read as what it holds."""
    suffix = name[name.rfind("."):].lower() if "." in name.rsplit("/", 1)[-1] else ""
    promised = _EXTENSIONS.get(suffix)
    if promised is None or fmt is None or fmt == promised:
        return None
    return f"the file is named {suffix} but holds {_FORMAT_NAMES.get(fmt, fmt)}"


def sniff_format(data: bytes) -> str:
    """The format of a file's content: ``pdf``, ``docx``, ``doc``, ``rtf``, ``odf``,
    ``zip``, ``html``, ``text`` or ``binary``.

    ``doc`` is a legacy Word (OLE2) file, ``rtf`` Rich Text, ``odf`` an OpenDocument file
    (LibreOffice's .odt) and ``zip`` any other ZIP; none has a reader. ``binary`` is
    anything that is not text.
    """
    head = data[:8192]
    stripped = head.lstrip()
    if stripped.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        # an OLE container: a legacy .doc, or a password-protected .docx, which Office
        # stores as an "EncryptedPackage" stream inside one (the DOCX reader says so)
        return "docx" if _ENCRYPTED_PACKAGE in data[:1 << 20] else "doc"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    text_head = _text_head(head)
    if text_head is None:
        return "binary"
    if text_head.lstrip().startswith(b"{\\rtf"):
        return "rtf"  # Rich Text Format is plain ASCII, but markup a text reader would keep
    if _HTML_START.match(text_head):
        return "html"
    if _TAG_START.match(text_head) and b"\t" not in text_head:
        return "html"
    return "text"


def bomless_utf16(head: bytes) -> str | None:
    """The codec of UTF-16 markup saved without a byte-order mark, or None.

    Its ASCII markup (``<!DOCTYPE``, ``<html``) has a NUL beside every character: odd
    bytes in UTF-16-LE, even bytes in UTF-16-BE.
    """
    sample = head[:32]
    if len(sample) < 8 or len(sample) % 2:
        return None
    if not any(sample[1::2]) and all(sample[0::2]) and sample.lstrip(b" \t\r\n\x00").startswith(b"<"):
        return "utf-16-le"
    if not any(sample[0::2]) and all(sample[1::2]) and sample.lstrip(b" \t\r\n\x00").startswith(b"<"):
        return "utf-16-be"
    return None


def _text_head(head: bytes) -> bytes | None:
    """The head as ASCII-compatible bytes the markup patterns can match (byte-order mark
    removed, UTF-16/32 decoded), or None when the head is not text."""
    for bom, codec in BOMS:
        if head.startswith(bom):
            rest = head[len(bom):]
            if codec == "utf-8-sig":
                return None if b"\x00" in rest else rest
            return _recoded(rest, codec)
    if b"\x00" not in head:
        return head
    codec = bomless_utf16(head)
    recoded = _recoded(head, codec) if codec else None
    # without its mark, UTF-16 is only recognised by HTML markup, as browsers do
    return recoded if recoded is not None and _HTML_START.match(recoded) else None


def _recoded(head: bytes, codec: str) -> bytes | None:
    """``head`` decoded from ``codec`` and re-encoded as UTF-8, or None if it does not decode.

    Decoded incrementally, so a character cut at the end of the head is not an error.
    """
    try:
        return codecs.getincrementaldecoder(codec)().decode(head, final=False).encode("utf-8")
    except UnicodeDecodeError:
        return None


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                return "odf"
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml")
                if b"wordprocessingml" in types:
                    return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, RuntimeError):
        # a damaged ZIP whose local headers still name Word's parts is a damaged .docx:
        # the DOCX reader reports it as corrupt rather than as an unsupported archive
        if b"word/" in data[:1 << 20] and b"[Content_Types].xml" in data[:1 << 20]:
            return "docx"
        # a .docx cut short (a broken download) keeps only its first members' local
        # headers, and some writers put [Content_Types].xml last: Word's parts are enough
        if re.search(rb"PK\x03\x04.{26}word/", data[:1 << 20], re.DOTALL):
            return "docx"
        return "zip"
    return "zip"
