"""Records to typed tables (pandas DataFrames), one per table of the contract."""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from typing import Iterable

import pandas as pd

from ..across import corpus_records, link_meetings
from ..records import CORPUS_TABLES, TABLES, MeetingRecords

# Python field types → pandas dtypes that keep "unknown" as an empty cell, not NaN/1.0
_DTYPES = {int: "Int64", str: "string", bool: "boolean", float: "Float64"}


def _dtype(annotation) -> str:
    args = typing.get_args(annotation)
    base = annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        base = next(a for a in args if a is not type(None))
    return _DTYPES.get(base, "string")


def table_dtypes(table: str) -> dict[str, str]:
    """Column name → pandas dtype for one table."""
    hints = typing.get_type_hints(TABLES[table])
    return {f.name: _dtype(hints[f.name]) for f in fields(TABLES[table])}


def to_frame(table: str, records: Iterable) -> pd.DataFrame:
    """One table's records as a typed DataFrame, columns in contract order."""
    dtypes = table_dtypes(table)
    names = list(dtypes)
    # the records are flat (every field a plain value): their fields as they are, without
    # astuple's deep copies (a large share of writing a big run's tables)
    rows = [tuple(getattr(r, name) for name in names) for r in records]
    frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    return frame.astype(dtypes)


def build_tables(documents: Iterable, meetings: Iterable[MeetingRecords], rules=None) -> dict[str, pd.DataFrame]:
    """Every table of the contract from document rows and meeting records; with
    ``rules``, also the tables built across all meetings (people, acronyms, …)."""
    meetings = list(meetings)
    if rules is not None:
        # one person id per person across meetings, before any table is filled
        meetings = link_meetings(meetings, rules)
    collected: dict[str, list] = {name: [] for name in TABLES}
    collected["documents"] = list(documents)
    for m in meetings:
        collected["meetings"].append(m.meeting)
        for name in TABLES:
            if name not in ("documents", "meetings") and name not in CORPUS_TABLES:
                collected[name].extend(getattr(m, name))
    if rules is not None:
        collected.update(corpus_records(meetings, rules))
    return {name: to_frame(name, rows) for name, rows in collected.items()}
