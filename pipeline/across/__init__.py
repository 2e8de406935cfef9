"""Tables built across every meeting of a run, not one meeting at a time.

Each builder takes all meetings' records (and the rules) and returns the rows of the
corpus-level tables it owns, keyed by table name (see ``records.CORPUS_TABLES``).
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..records import MeetingRecords
from ..rules import Rules
from .acronyms import build_acronyms
from .action_log import build_action_log
from .people import build_people, link_people
from .series import link_series
from .threads import build_threads

Builder = Callable[[list[MeetingRecords], Rules], dict[str, list]]

Linker = Callable[[list[MeetingRecords], Rules], list[MeetingRecords]]

#: The builders, in the order they run.
BUILDERS: list[Builder] = [build_people, build_acronyms, build_threads, build_action_log]

#: Passes over all meetings that rewrite their records before any table is built (one
#: person id per person across meetings); they run in order.
LINKERS: list[Linker] = [link_people, link_series]


def link_meetings(meetings: Iterable[MeetingRecords], rules: Rules) -> list[MeetingRecords]:
    """The meetings of a run after every linker has seen them all."""
    meetings = list(meetings)
    for link in LINKERS:
        meetings = link(meetings, rules)
    return meetings


def corpus_records(meetings: Iterable[MeetingRecords], rules: Rules) -> dict[str, list]:
    """Rows of every corpus-level table, from all meetings of the run."""
    meetings = list(meetings)
    rows: dict[str, list] = {}
    for build in BUILDERS:
        rows.update(build(meetings, rules))
    return rows

