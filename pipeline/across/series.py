"""Which meetings form one series: the run of meetings of one body, in date order."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Iterable

from ..records import Meeting, MeetingRecords
from ..rules import Rules, TrackingRules

_WORD = re.compile(r"[^\W\d_]+")


def series_key(meeting: Meeting, rules: TrackingRules) -> str:
    """A key shared by the meetings of one body: its ``body`` (else its title) lower-cased,
    without digits, punctuation and the words that change from meeting to meeting
    ("Monthly Assurance Meeting May 2022" and "… – June" are one series); with nothing
    left, the meeting's file."""
    source = meeting.body or meeting.title or ""
    folded = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode().lower()
    words = [w for w in _WORD.findall(folded) if w not in rules.series_noise_words]
    # a body that is all noise ("Minutes", "Meeting") names no series: the meetings of one
    # file are one series, meetings of two such files are not
    return " ".join(words) or f"document {meeting.document_id}"


def link_series(meetings: list[MeetingRecords], rules: Rules) -> list[MeetingRecords]:
    """The meetings with ``series`` set (the ``meetings`` table's column), so that every
    builder and every reader of the dataset groups meetings the same way."""
    return [replace(m, meeting=replace(m.meeting, series=series_key(m.meeting, rules.tracking))) for m in meetings]


def in_date_order(meetings: Iterable[MeetingRecords]) -> list[MeetingRecords]:
    """Meetings by date (undated last), then by id so that the order never depends on the
    order the files were read in."""
    return sorted(meetings, key=lambda m: (m.meeting.date is None, m.meeting.date or "", m.meeting.meeting_id))
