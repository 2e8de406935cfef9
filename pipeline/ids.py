"""Stable record ids: from the input file's content hash and the record's position.

Never from run order, so the same input gives the same ids on every run and machine:
``i-3fa2b1c4d5e6-1-007`` is item 7 of meeting 1 of the file whose sha256 starts
3fa2b1c4d5e6.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_LENGTH = 12


def document_id(sha256: str) -> str:
    """The id of an input file."""
    return f"d-{sha256[:KEY_LENGTH]}"


def statement_id(record_id: str, seq: int) -> str:
    """The id of the ``seq``-th statement of a record: ``st-r-3fa2b1c4d5e6-1-007-01-02``
    is sentence 2 of response ``r-3fa2b1c4d5e6-1-007-01`` (the record's prefix keeps a
    question's and a response's statements apart)."""
    return f"st-{record_id}-{seq:02d}"


@dataclass(frozen=True, slots=True)
class Ids:
    """Makes the ids of one meeting's records."""

    sha256: str
    meeting_no: int = 1

    @property
    def _base(self) -> str:
        return f"{self.sha256[:KEY_LENGTH]}-{self.meeting_no}"

    def meeting(self) -> str:
        """The meeting's id."""
        return f"m-{self._base}"

    def item(self, seq: int) -> str:
        """The id of the meeting's ``seq``-th item."""
        return f"i-{self._base}-{seq:03d}"

    def question(self, item_seq: int, k: int) -> str:
        """The id of the ``k``-th question of item ``item_seq``."""
        return f"q-{self._base}-{item_seq:03d}-{k:02d}"

    def response(self, item_seq: int, k: int) -> str:
        """The id of the ``k``-th response of item ``item_seq``."""
        return f"r-{self._base}-{item_seq:03d}-{k:02d}"

    def note(self, item_seq: int, k: int) -> str:
        """The id of the ``k``-th note of item ``item_seq``."""
        return f"n-{self._base}-{item_seq:03d}-{k:02d}"

    def action(self, k: int) -> str:
        """The id of the meeting's ``k``-th action."""
        return f"a-{self._base}-{k:03d}"

    def decision(self, k: int) -> str:
        """The id of the meeting's ``k``-th decision."""
        return f"dc-{self._base}-{k:03d}"
