"""Tables built across every meeting of a run, not one meeting at a time.

Each builder takes all meetings' records (and the rules) and returns the rows of the
corpus-level tables it owns, keyed by table name (see ``records.CORPUS_TABLES``).
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..records import MeetingRecords
from ..rules import Rules

Builder = Callable[[list[MeetingRecords], Rules], dict[str, list]]

#: The builders, in the order they run; each registers its tables here.
BUILDERS: list[Builder] = []


def corpus_records(meetings: Iterable[MeetingRecords], rules: Rules) -> dict[str, list]:
    """Rows of every corpus-level table, from all meetings of the run."""
    meetings = list(meetings)
    rows: dict[str, list] = {}
    for build in BUILDERS:
        rows.update(build(meetings, rules))
    return rows
