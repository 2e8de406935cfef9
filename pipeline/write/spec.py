"""The dataset's table spec: field types, allowed values, primary and foreign keys.

One description of every table that the data package, Parquet, the databases and
``minutes validate`` all read, so they cannot disagree about what a column holds. Types
come from the record dataclasses (pipeline/records.py), narrowed to ``date``/``time`` for
the columns the pipeline always writes as ISO dates / ``HH:MM``; descriptions come from
docs/schema.md; allowed values only where the code itself guarantees the set (a value a
rules file can add, such as ``items.kind`` or ``notes.kind``, has no enum here, or a custom
rules folder would make its own output invalid).
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ..errors import REASONS, STATUSES
from ..records import TABLES, TEXT_TABLES
from ..rules import (
    ACRONYM_CATEGORIES,
    ATTENDANCE_STATUSES,
    DATE_KINDS,
    MEETING_KINDS,
    STATEMENT_DEFAULTS,
)


@dataclass(frozen=True)
class ForeignKey:
    """Columns of a table that hold the key of another table's row."""

    fields: tuple[str, ...]
    table: str
    ref_fields: tuple[str, ...]


@dataclass(frozen=True)
class FieldSpec:
    """One column: its Frictionless type, meaning and (where fixed) allowed values."""

    name: str
    type: str  # frictionless type: string/integer/number/boolean/date/time/datetime
    description: str
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSpec:
    """One table: its columns in contract order, keys and free-text columns."""

    name: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    text_columns: tuple[str, ...]  # free text worth full-text search


_TYPES = {int: "integer", str: "string", bool: "boolean", float: "number"}

# Columns written as full ISO dates (YYYY-MM-DD) or HH:MM, never partial: date.isoformat()
# of a resolved date (pipeline/nlp/dates.py, segment/front_matter.py) or a copy of one.
_DATES = {
    "meetings": ("date",),
    "actions": ("due_date",),
    "dates": ("value_start", "value_end"),
    "people": ("first_seen", "last_seen"),
    "person_roles": ("date",),
    "threads": ("date",),
    "action_log": ("date", "due_date"),
}
_TIMES = {"meetings": ("start_time",)}

# Formats a document can get: what sniff_format returns (pipeline/readers/sniff.py) and
# what the readers set (the Markdown reader writes "text").
_FORMATS = ("pdf", "docx", "doc", "rtf", "odf", "zip", "html", "text", "binary")
# the tables a record_table column can name (records.record_texts: the title, then TEXT_TABLES)
_RECORD_TABLES = ("meetings", *TEXT_TABLES)

_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "format"): _FORMATS,
    ("documents", "status"): STATUSES,
    # type_mismatch is a warning in documents.message, never the reason (pipeline/run.py)
    ("documents", "reason"): tuple(r for r in REASONS if r != "type_mismatch"),
    ("meetings", "kind"): MEETING_KINDS,
    ("attendees", "status"): ATTENDANCE_STATUSES,
    ("notes", "column"): ("questions", "responses"),
    ("mentions", "record_table"): _RECORD_TABLES,
    ("mentions", "kind"): ("abbreviation", "initials", "role_title", "name"),
    ("mentions", "resolution"): ("resolved", "ambiguous", "not_present", "registry"),
    ("dates", "record_table"): _RECORD_TABLES,
    ("dates", "kind"): DATE_KINDS,
    ("statements", "record_table"): tuple(TEXT_TABLES),
    ("statements", "type"): STATEMENT_DEFAULTS,
    ("topics", "record_table"): tuple(TEXT_TABLES),
    ("topics", "field"): ("text", "title"),
    ("person_roles", "status"): ATTENDANCE_STATUSES,
    ("acronyms", "category"): ACRONYM_CATEGORIES,
    ("acronyms", "source"): ("text", "corpus", "glossary"),
    ("acronyms", "defined_in_record_table"): ("attendees", *_RECORD_TABLES),
    ("threads", "link"): ("first", "label", "similarity", "heading"),
    ("action_log", "event"): ("raised", "mentioned", "updated", "completed", "overdue"),
    ("action_log", "record_table"): tuple(TEXT_TABLES),
    ("action_log", "status"): ("open", "in_progress", "complete", "overdue"),
    ("action_log", "current_status"): ("open", "in_progress", "complete", "overdue"),
}

_PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id",),
    "meetings": ("meeting_id",),
    "attendees": ("meeting_id", "person_id"),
    "items": ("item_id",),
    "questions": ("question_id",),
    "responses": ("response_id",),
    "actions": ("action_id",),
    "decisions": ("decision_id",),
    "notes": ("note_id",),
    "mentions": ("record_table", "record_id", "start", "end"),
    "dates": ("record_table", "record_id", "start", "end"),
    "statements": ("statement_id",),
    "topics": ("record_table", "record_id", "topic"),
    "people": ("person_id",),
    "person_roles": ("meeting_id", "person_id"),
    "acronyms": ("meeting_id", "acronym"),
    "threads": ("item_id",),
    "action_log": ("action_id", "seq"),
}


def _fk(column: str, table: str, ref: str | None = None) -> ForeignKey:
    return ForeignKey((column,), table, (ref or column,))


_MEETING, _ITEM = _fk("meeting_id", "meetings"), _fk("item_id", "items")

# Only keys whose every value resolves: actions.owner_person_id is left out because several
# owners are joined with ";" in one cell; record_id columns name rows of several tables.
_FOREIGN_KEYS: dict[str, tuple[ForeignKey, ...]] = {
    "documents": (),
    "meetings": (_fk("document_id", "documents"), _fk("chair_person_id", "people", "person_id"),
                 _fk("minute_taker_person_id", "people", "person_id")),
    "attendees": (_MEETING, _fk("person_id", "people")),
    "items": (_MEETING, _fk("parent_item_id", "items", "item_id")),
    "questions": (_MEETING, _ITEM, _fk("asker_person_id", "people", "person_id"),
                  _fk("addressee_person_id", "people", "person_id")),
    "responses": (_MEETING, _ITEM, _fk("question_id", "questions"),
                  _fk("speaker_person_id", "people", "person_id")),
    "actions": (_MEETING, _ITEM, _fk("recipient_person_id", "people", "person_id"),
                _fk("response_id", "responses")),
    "decisions": (_MEETING, _ITEM),
    "notes": (_MEETING, _ITEM, _fk("speaker_person_id", "people", "person_id")),
    "mentions": (_MEETING, _fk("person_id", "people")),
    "dates": (_MEETING,),
    "statements": (_MEETING,),
    "topics": (_MEETING,),
    "people": (),
    "person_roles": (_fk("person_id", "people"), _MEETING),
    "acronyms": (_MEETING,),
    "threads": (_ITEM, _MEETING, _fk("linked_item_id", "items", "item_id")),
    "action_log": (_fk("action_id", "actions"), _MEETING),
}

# Free text worth full-text search: what was said and written, not codes or names.
_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (),
    "meetings": ("title", "body", "venue"),
    "attendees": ("name", "role"),
    "items": ("title", "text"),
    "questions": ("text",),
    "responses": ("text",),
    "actions": ("text", "due_text"),
    "decisions": ("text",),
    "notes": ("text",),
    "mentions": (),
    "dates": (),
    "statements": ("text",),
    "topics": (),
    "people": ("name", "variants", "roles"),
    "person_roles": (),
    "acronyms": ("expansion",),
    "threads": (),
    "action_log": ("text",),
}


def _schema_doc() -> Path | None:
    """docs/schema.md: the copy installed inside the package, else the source checkout's."""
    here = Path(__file__).resolve().parent.parent
    for path in (here / "docs" / "schema.md", here.parent / "docs" / "schema.md"):
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def documented_meanings() -> dict[str, dict[str, str]]:
    """Table → column → meaning, read from the markdown tables of docs/schema.md
    (``*(added)*`` marks dropped); empty when the file is not there."""
    path = _schema_doc()
    meanings: dict[str, dict[str, str]] = {}
    if path is None:
        return meanings
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)\s*$", line)
        if heading:
            current = meanings.setdefault(heading.group(1), {})
            continue
        cell = re.match(r"^\|\s*([a-z_][a-z0-9_, ]*?)\s*\|\s*(.*?)\s*\|\s*$", line)
        if current is None or not cell or cell.group(2) == "meaning":
            continue
        meaning = re.sub(r"\s*\*\(added[^)]*\)\*\s*", " ", cell.group(2)).strip()
        for column in cell.group(1).split(","):
            current[column.strip()] = meaning
    return meanings


def _type(table: str, name: str, annotation) -> str:
    if name in _DATES.get(table, ()):
        return "date"
    if name in _TIMES.get(table, ()):
        return "time"
    base = annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        base = next(a for a in typing.get_args(annotation) if a is not type(None))
    return _TYPES.get(base, "string")


def _description(table: str, name: str, meaning: str, foreign_keys: tuple[ForeignKey, ...]) -> str:
    if meaning:
        return meaning
    if name == "text":  # the contract leaves a record's text unexplained
        return "the record's text as written"
    # columns the contract leaves blank because the name says it (meeting_id, item_id)
    ref = next((fk for fk in foreign_keys if fk.fields == (name,)), None)
    return f"the row of `{ref.table}` it belongs to (`{ref.table}.{ref.ref_fields[0]}`)" if ref else ""


@lru_cache(maxsize=1)
def table_specs() -> dict[str, TableSpec]:
    """Every table of ``pipeline.records.TABLES``, in contract order, as a ``TableSpec``."""
    meanings = documented_meanings()
    specs = {}
    for table, cls in TABLES.items():
        hints = typing.get_type_hints(cls)
        fks = _FOREIGN_KEYS[table]
        specs[table] = TableSpec(
            name=table,
            fields=tuple(
                FieldSpec(f.name, _type(table, f.name, hints[f.name]),
                          _description(table, f.name, meanings.get(table, {}).get(f.name, ""), fks),
                          _ENUMS.get((table, f.name)))
                for f in fields(cls)
            ),
            primary_key=_PRIMARY_KEYS[table],
            foreign_keys=fks,
            text_columns=_TEXT_COLUMNS[table],
        )
    return specs
