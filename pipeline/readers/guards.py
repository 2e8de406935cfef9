"""Defences run on a file's bytes before any parser sees them.

A hostile or accidental file must cost a clear ``ReaderError``, not the worker's memory or
the machine: a file too large to be minutes, a ZIP that expands a thousandfold (a "zip
bomb" dressed as .docx), XML that declares a document type (entity expansion: "billion
laughs", external entities: XXE), a PDF of thousands of pages.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import ReaderError
from .sniff import OLE_MAGIC

#: The largest file read at all (a 500-page minutes PDF is ~50 MB).
MAX_FILE_BYTES = 200 * 2**20
#: A DOCX package: members, their total size once expanded, and how far one may expand.
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_EXPANDED_BYTES = 500 * 2**20
MAX_ZIP_RATIO = 200  # Word's XML compresses 5–20×; a bomb compresses 1000× and more
ZIP_RATIO_FLOOR = 2**20  # members smaller than this expanded are never a bomb
#: The most pages a PDF may have.
MAX_PDF_PAGES = 2_000
#: How far a PDF's streams other than images may inflate, one and all together. pdfminer
#: inflates a content stream whole, in memory: a "flate bomb" of 400 KB holds 400 MB of
#: content. Images are left out: pdfplumber never inflates them, and a scan's page is large.
MAX_PDF_STREAM_BYTES = 64 * 2**20
MAX_PDF_INFLATED_BYTES = 256 * 2**20
#: The longest paragraph read: the date and name finders grow worse than linearly with a
#: block's length, and no minutes hold 100,000 characters without a paragraph break
#: (a file of one 10 MB line is damage or an export gone wrong).
MAX_BLOCK_CHARS = 100_000

# where a PDF stream's data starts, and the dictionary before it (to tell images apart)
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
# a document type or entity declaration near the start of an XML part
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)\b", re.IGNORECASE)


def check_size(data: bytes) -> None:
    """``too_large`` for a file over ``MAX_FILE_BYTES``."""
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError("too_large", f"the file is {len(data) / 2**20:.0f} MB; files over "
                                       f"{MAX_FILE_BYTES // 2**20} MB are not read")


def check_docx_package(data: bytes) -> None:
    """Refuse a .docx package before python-docx opens it: too many members, too much once
    expanded, a member that expands more than ``MAX_ZIP_RATIO`` times (``too_large``), or an
    XML part that declares a document type or entities (``corrupt``: Word never writes one)."""
    if data.startswith(OLE_MAGIC):
        return  # an encrypted .docx is an OLE container, not a ZIP: the reader says so
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ReaderError("corrupt", f"the .docx package is not a readable ZIP file ({exc})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ReaderError("too_large", f"the .docx package holds {len(members)} files; "
                                           f"more than {MAX_ZIP_MEMBERS} are not read")
        expanded = sum(m.file_size for m in members)
        if expanded > MAX_ZIP_EXPANDED_BYTES:
            raise ReaderError("too_large", f"the .docx package expands to {expanded / 2**20:.0f} MB; "
                                           f"more than {MAX_ZIP_EXPANDED_BYTES // 2**20} MB is not read")
        for m in members:
            if m.file_size > ZIP_RATIO_FLOOR and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
                raise ReaderError("too_large", f"{m.filename} in the .docx package expands "
                                               f"{m.file_size // max(m.compress_size, 1)} times (a zip bomb?); not read")
        for m in members:
            if m.filename.lower().endswith((".xml", ".rels")):
                try:
                    with archive.open(m) as part:
                        head = part.read(4096)
                except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
                    raise ReaderError("corrupt", f"{m.filename} in the .docx package cannot be read ({exc})") from None
                if _DECLARATION.search(head):
                    raise ReaderError("corrupt", f"{m.filename} in the .docx package declares a document type or "
                                                 "entities (never written by Word; refused as unsafe)")


def check_xml_declarations(data: bytes, what: str) -> None:
    """``corrupt`` for markup declaring entities (``<!ENTITY``): HTML has no use for them."""
    if re.search(rb"<!ENTITY\b", data[:65536], re.IGNORECASE):
        raise ReaderError("corrupt", f"the {what} declares entities (refused as unsafe)")


def check_pdf_pages(pages: int) -> None:
    """``too_large`` for a PDF over ``MAX_PDF_PAGES`` pages."""
    if pages > MAX_PDF_PAGES:
        raise ReaderError("too_large", f"the PDF has {pages} pages; more than {MAX_PDF_PAGES} are not read")


def check_pdf_streams(data: bytes) -> None:
    """``too_large`` for a PDF whose streams (images aside) inflate past
    ``MAX_PDF_STREAM_BYTES`` each or ``MAX_PDF_INFLATED_BYTES`` in all: a flate bomb.

    The streams are found in the bytes and inflated a megabyte at a time, counting and
    throwing away, so the check itself never holds more than that; a stream that is not
    zlib data (another filter, damage) is left to the parser."""
    total = 0
    for found in _PDF_STREAM.finditer(data):
        start = found.end()
        if _PDF_IMAGE.search(data[max(0, found.start() - 512): found.start()]):
            continue
        end = data.find(b"endstream", start)
        size = _inflated_size(data[start: end if end > 0 else len(data)], MAX_PDF_STREAM_BYTES + 1)
        total += size
        if size > MAX_PDF_STREAM_BYTES or total > MAX_PDF_INFLATED_BYTES:
            raise ReaderError("too_large", f"a stream of the PDF inflates to more than "
                                           f"{(MAX_PDF_STREAM_BYTES if size > MAX_PDF_STREAM_BYTES else MAX_PDF_INFLATED_BYTES) // 2**20} MB "
                                           "(a decompression bomb?); not read")


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes zlib data inflates to, counted up to ``limit`` (0 if not zlib data)."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        size += len(inflater.decompress(raw, 2**20))
        while inflater.unconsumed_tail and size < limit:
            size += len(inflater.decompress(inflater.unconsumed_tail, 2**20))
    except zlib.error:
        pass  # not zlib data, or damaged from here on: what inflated so far counts
    return size


def check_block_lengths(blocks) -> None:
    """``too_large`` for a document holding a paragraph over ``MAX_BLOCK_CHARS`` characters
    (``blocks``: a Document's blocks; table cells are looked into)."""
    stack = list(blocks)
    while stack:
        block = stack.pop()
        rows = getattr(block, "rows", None)
        if rows is not None:
            stack.extend(b for row in rows for cell in row.cells for b in cell.blocks)
        elif len(getattr(block, "text", "")) > MAX_BLOCK_CHARS:
            raise ReaderError("too_large", f"a paragraph of {len(block.text):,} characters (a file without line "
                                           f"breaks?); paragraphs over {MAX_BLOCK_CHARS:,} characters are not read")
