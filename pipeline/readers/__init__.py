"""Readers: one small module per format, chosen by the file's bytes.

``read_document(path)`` sniffs the format, picks the reader registered for it and
returns a ``Document``; anything it cannot read raises ``ReaderError`` with a reason
code (``empty_file``, ``unsupported_type``, ``undecodable`` …). Readers are imported
lazily, so a format's library is only loaded when a file of that format comes.
"""

from __future__ import annotations

import hashlib
from importlib import import_module
from pathlib import Path
from typing import Callable

from ..document import Document
from ..errors import ReaderError
from .decode import BOMS
from .guards import (check_block_lengths, check_docx_package, check_pdf_streams, check_size,
                     check_xml_declarations)
from ..rules import Rules, load_rules
from .sniff import sniff_format

#: format → "module:function" of its reader. Every reader is called as
#: ``reader(data: bytes, source: str, sha256: str, rules: Rules) -> Document`` and raises
#: ``ReaderError`` (never anything else on purpose) for a file it cannot read.
READERS: dict[str, str] = {
    "text": "pipeline.readers.text:read_text",
    "html": "pipeline.readers.html:read_html",
    "docx": "pipeline.readers.docx:read_docx",
    "pdf": "pipeline.readers.pdf:read_pdf",
}

_UNSUPPORTED = {
    "doc": "legacy Word .doc files are not supported (save them as .docx)",
    "rtf": "Rich Text Format (.rtf) files are not supported (save them as .docx or PDF)",
    "odf": "OpenDocument files (.odt) are not supported (save them as .docx or PDF)",
    "zip": "ZIP archives other than Word documents are not supported",
    "binary": "the file is binary, not a document",
}


def reader_for(fmt: str) -> Callable[[bytes, str, str, Rules], Document]:
    """The reader function for a sniffed format, or ``ReaderError('unsupported_type')``."""
    target = READERS.get(fmt)
    if target is None:
        raise ReaderError("unsupported_type", _UNSUPPORTED.get(fmt, f"no reader for {fmt} files"))
    module, func = target.split(":")
    return getattr(import_module(module), func)


def read_bytes(data: bytes, source: str, rules: Rules | None = None) -> Document:
    """Read a file's content (``source`` names it in provenance) into a ``Document``.

    ``rules`` gives readers their settings (PDF table settings …); default: the rules
    found by ``load_rules()``.
    """
    if not _without_bom(data).strip():
        # a byte-order mark alone (an editor's "empty" UTF-8 file) is as empty as no bytes
        raise ReaderError("empty_file", "the file is empty" if not data else "the file holds only white space"
                          if not data.strip() else "the file holds only a byte-order mark")
    check_size(data)
    fmt = sniff_format(data)
    if fmt == "docx":
        check_docx_package(data)
    elif fmt == "html":
        check_xml_declarations(data, "HTML page")
    elif fmt == "pdf":
        check_pdf_streams(data)
    sha256 = hashlib.sha256(data).hexdigest()
    doc = reader_for(fmt)(data, source, sha256, rules if rules is not None else load_rules())
    check_block_lengths(doc.blocks)
    return doc


def _without_bom(data: bytes) -> bytes:
    for bom, _ in BOMS:
        if data.startswith(bom):
            return data[len(bom):]
    return data


def read_document(path: str | Path, source: str | None = None, rules: Rules | None = None) -> Document:
    """Read the file at ``path`` into a ``Document``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError("not_found", f"cannot read {path}: {exc.strerror or exc}") from None
    return read_bytes(data, source or str(path), rules)
