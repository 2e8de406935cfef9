"""Errors, per-document status and problems.

Exception tree (everything the pipeline raises on purpose derives from ``MinutesError``)::

    MinutesError
    ├── RulesError          a file in rules/ is missing, malformed or fails validation;
    │                       raised at start-up, before any document is read
    └── DocumentError       one input cannot be processed; carries a ``reason`` code from
        │                   ``REASONS``. It never escapes ``run.process_document``: the
        │                   document gets status ``failed`` and the batch goes on.
        └── ReaderError     raised by a reader (empty, undecodable, unsupported file ...)

Per-document outcome: ``ok`` (records extracted, nothing missing), ``partial`` (records
extracted, but something expected is missing: see ``reason`` and the problems) or
``failed`` (nothing extracted; ``reason`` says why).
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("ok", "partial", "failed")

#: Reason codes written to ``documents.reason``; the README lists them for users.
REASONS = {
    "empty_file": "the file has no content",
    "unsupported_type": "no reader for this kind of file",
    "undecodable": "the text could not be decoded",
    "corrupt": "the file is damaged and could not be parsed",
    "encrypted": "the file is encrypted or password-protected",
    "needs_ocr": "the file has no usable text layer (a scan or unreadable fonts): it needs OCR",
    "not_found": "the path does not exist or cannot be read",
    "no_meeting_found": "no meeting facts (title, date, attendance) were recognised",
    "no_items_found": "a meeting was recognised but none of its items",
    "pages_unread": "some pages could not be read (a damaged page): the other pages' records are kept",
    "no_meeting_date": "the meeting date could not be read",
    "too_large": "the file is larger than the pipeline reads (size, pages, or a ZIP that expands too far)",
    "timeout": "the document was still being processed when its time ran out",
    "oom": "the document needed more memory than it may use",
    "suspicious_output": "the text read looks garbled, not written language (a wrong font map or encoding): not published",
    "internal_error": "the pipeline hit a bug on this file (please report it)",
    # a warning (documents.message), never a failure on its own: the bytes decide the format
    "type_mismatch": "the file's extension names another format than its content; it was read as its content",
}


class MinutesError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class RulesError(MinutesError):
    """A rules file is missing, malformed or invalid; the message names file and key."""


class DocumentError(MinutesError):
    """One document cannot be processed; ``reason`` is a code from ``REASONS``."""

    def __init__(self, reason: str, message: str):
        if reason not in REASONS:
            raise ValueError(f"unknown reason code {reason!r}")
        super().__init__(message)
        self.reason = reason


class ReaderError(DocumentError):
    """A reader could not turn the file into a document."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something worth telling the user about one document.

    ``severity`` is ``error`` (the document failed), ``warning`` (records may be
    incomplete) or ``info``; ``code`` is a reason code or a short warning code.
    """

    severity: str
    code: str
    message: str
    location: str = ""
