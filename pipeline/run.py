"""The stages wired together: one document in, one result out.

``process_document(path, rules)`` reads, repairs and segments one file and never raises
for a bad document: whatever happens, the result says so with a status (``ok``,
``partial``, ``failed``), a reason code and the problems met. It is a plain function of
its arguments, so it can run in a process pool or on a cluster as it is.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .errors import DocumentError, Problem
from .ids import document_id
from .nlp import build_nlp
from .readers import read_bytes
from .readers.sniff import extension_mismatch, sniff_format
from .records import DocumentRow, MeetingRecords
from .repair import repair
from .rules import Rules
from .nlp.dates import DateFinder
from .quality import garbled
from .segment import SegmentResult, segment_meeting
from .segment.meetings import refuse_index_page, split_meetings

# Problems that make a document "partial": records were extracted but these are missing.
_PARTIAL_CODES = ("pages_unread", "no_meeting_date", "no_items_found")


@dataclass(frozen=True)
class DocumentResult:
    """What became of one input file."""

    row: DocumentRow
    meetings: tuple[MeetingRecords, ...] = ()
    problems: tuple[Problem, ...] = ()
    document: Document | None = field(default=None, repr=False, compare=False)


def read_and_repair(data: bytes, source: str, rules: Rules) -> Document:
    """The repaired ``Document`` of a file's bytes (raises ``DocumentError``)."""
    return repair(read_bytes(data, source, rules), rules)


def process_document(path: str | Path, rules: Rules, source: str | None = None) -> DocumentResult:
    """Read, repair and segment one file; never raises for a bad document."""
    source = source or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _failed(source, None, None, "not_found", f"cannot read the file: {exc.strerror or exc}")
    sha256 = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(data) if data.strip() else None
    # the name disagreeing with the bytes is a warning: the file is read as what it holds
    mismatch = extension_mismatch(str(path), fmt)
    try:
        doc = read_and_repair(data, source, rules)
        suspicious = garbled(doc, rules.quality) if rules.quality else None
        if suspicious:  # read without error, but not as written language: reported, not published
            raise DocumentError("suspicious_output", suspicious)
        segmented = _segment(doc, rules)
    except DocumentError as exc:
        message = f"{exc}; {mismatch}" if mismatch else str(exc)
        return _failed(source, sha256, len(data), exc.reason, message, fmt)
    except MemoryError:  # a worker's memory cap (pipeline/workers.py) reached
        return _failed(source, sha256, len(data), "oom", "ran out of the memory a document may use", fmt)
    except Exception as exc:  # a bug must cost one document, never the batch
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return _failed(source, sha256, len(data), "internal_error", detail, fmt)
    problems = tuple(p for s in segmented for p in s.problems)
    # what the reader noticed (an unclosed comment, bytes replaced in decoding …)
    problems += tuple(Problem("warning", "reader_warning", w) for w in doc.warnings)
    if doc.unread_pages:  # the records of the other pages are kept, but the file was not read whole
        problems += (Problem("warning", "pages_unread", _unread_message(doc.unread_pages, doc.pages)),)
    if mismatch:
        problems += (Problem("warning", "type_mismatch", mismatch),)
    reason = next((p.code for p in problems if p.code in _PARTIAL_CODES), None)
    messages = dict.fromkeys(p.message for p in problems if p.code in (*_PARTIAL_CODES, "type_mismatch"))
    row = DocumentRow(
        document_id=document_id(sha256),
        source_path=source,
        format=doc.format,
        sha256=sha256,
        pages=doc.pages,
        status="partial" if reason else "ok",
        reason=reason,
        encoding=doc.encoding,
        size_bytes=len(data),
        meetings=len(segmented),
        message="; ".join(messages) or None,
    )
    return DocumentResult(row, tuple(s.records for s in segmented), problems, doc)


def _unread_message(unread: tuple[int, ...], pages: int | None) -> str:
    """What ``documents.message`` says of pages that could not be read."""
    numbers = ", ".join(map(str, unread))
    of = f" of {pages}" if pages else ""
    return f"page{'s' if len(unread) > 1 else ''} {numbers}{of} could not be read: {'their' if len(unread) > 1 else 'its'} text is missing"


def _segment(doc: Document, rules: Rules) -> list[SegmentResult]:
    """The meetings of a document: one, or each of a series kept in one file."""
    finder = DateFinder(rules.dates, remembers=True)
    refuse_index_page(doc, finder)
    parts = split_meetings(doc, rules, finder)
    results, refused = [], None
    for number, part in enumerate(parts, 1):
        try:
            results.append(segment_meeting(part, rules, build_nlp(rules), meeting_no=number))
        except DocumentError as exc:
            refused = exc  # one part that is no meeting must not lose the others
    if not results:
        raise refused
    return results


def failed_result(path: str | Path, reason: str, message: str) -> DocumentResult:
    """A failed result for a file whose processing never returned (timeout, a killed
    worker), with its hash, size and format read again so that nothing about it is lost."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return _failed(str(path), None, None, reason, message)
    fmt = sniff_format(data) if data.strip() else None
    return _failed(str(path), hashlib.sha256(data).hexdigest(), len(data), reason, message, fmt)


def _failed(source: str, sha256: str | None, size: int | None, reason: str, message: str,
            fmt: str | None = None) -> DocumentResult:
    key = sha256 or hashlib.sha256(source.encode()).hexdigest()
    row = DocumentRow(
        document_id=document_id(key),
        source_path=source,
        format=fmt,
        sha256=sha256,
        pages=None,
        status="failed",
        reason=reason,
        size_bytes=size,
        message=message,
    )
    return DocumentResult(row, (), (Problem("error", reason, message),))
