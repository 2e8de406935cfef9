"""Records: one frozen dataclass per table of the dataset contract (docs/schema.md).

The fields of each class are the columns of its table, in order, so the writers need no
mapping of their own and a test can hold this module and docs/schema.md to each other.
``None`` means unknown and is written as an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One input file, whatever became of it (table ``documents``)."""

    document_id: str
    source_path: str
    format: str | None
    sha256: str | None
    pages: int | None
    status: str
    reason: str | None
    encoding: str | None = None
    size_bytes: int | None = None
    meetings: int = 0
    message: str | None = None
    duplicate_of: str | None = None  # a second file with the same content: the first's document_id


@dataclass(frozen=True, slots=True)
class Meeting:
    """The facts of one meeting (table ``meetings``)."""

    meeting_id: str
    document_id: str
    title: str | None
    body: str | None
    date: str | None
    start_time: str | None
    chair: str | None
    minute_taker: str | None
    venue: str | None
    kind: str = "minutes"
    chair_person_id: str | None = None
    minute_taker_person_id: str | None = None
    page_start: int | None = None
    series: str | None = None


@dataclass(frozen=True, slots=True)
class Attendee:
    """One person on the meeting's attendance list (table ``attendees``)."""

    meeting_id: str
    person_id: str
    name: str
    role: str | None
    abbrev: str | None
    status: str
    page_start: int | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """An agenda item, inspection finding or other unit of the minutes (table ``items``)."""

    meeting_id: str
    item_id: str
    seq: int
    kind: str
    label: str | None
    number: str | None
    parent_item_id: str | None
    section: str | None
    text: str
    page_start: int | None
    page_end: int | None
    location: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """A question put at the meeting (table ``questions``)."""

    meeting_id: str
    item_id: str
    question_id: str
    number: str | None
    asker: str | None
    asker_person_id: str | None
    addressee: str | None
    text: str
    addressee_person_id: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """One speaker turn answering (table ``responses``)."""

    meeting_id: str
    item_id: str
    response_id: str
    number: str | None
    question_id: str | None
    speaker: str | None
    speaker_person_id: str | None
    text: str
    turn: int = 1
    page_start: int | None = None
    page_end: int | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """An action arising (table ``actions``)."""

    meeting_id: str
    item_id: str | None
    action_id: str
    owner: str | None
    owner_person_id: str | None
    recipient: str | None
    text: str
    due_text: str | None
    due_date: str | None
    recipient_person_id: str | None = None
    response_id: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision or resolution (table ``decisions``)."""

    meeting_id: str
    item_id: str | None
    decision_id: str
    text: str
    outcome: str | None
    page_start: int | None = None
    page_end: int | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """What was written but is neither a question nor a response (table ``notes``).

    ``kind`` is ``aside`` (an editorial remark set in italics), ``comment`` ("No question,
    but the PCC commented …") or ``cross_reference`` ("Addressed as part of …").
    """

    meeting_id: str
    item_id: str | None
    note_id: str
    kind: str
    column: str
    number: str | None
    speaker: str | None
    speaker_person_id: str | None
    text: str
    page_start: int | None = None
    page_end: int | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to a person in a record's text (table ``mentions``)."""

    meeting_id: str
    record_table: str
    record_id: str
    start: int
    end: int
    surface: str
    person_id: str | None
    kind: str = "abbreviation"
    resolution: str = "resolved"


@dataclass(frozen=True, slots=True)
class DateRef:
    """A temporal expression in a record's text, normalised (table ``dates``)."""

    meeting_id: str
    record_table: str
    record_id: str
    start: int
    end: int
    surface: str
    kind: str
    value_start: str | None
    value_end: str | None


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of a question or response, typed by rules (table ``statements``).

    ``type`` is ``question``, ``concern``, ``commitment``, ``assurance``, ``deferral`` or
    ``update`` (rules/statements.yaml), or ``remark``: a sentence of a question that asks
    nothing and matches no cue.
    """

    meeting_id: str
    record_table: str
    record_id: str
    statement_id: str
    seq: int
    start: int
    end: int
    text: str
    type: str
    cue: str | None
    other_types: str | None = None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person across every meeting of a run (table ``people``, pipeline/across/people.py)."""

    person_id: str
    name: str
    variants: str | None
    first_seen: str | None
    last_seen: str | None
    meetings: int
    roles: str | None


@dataclass(frozen=True, slots=True)
class PersonRole:
    """A post a person held at one meeting, as its attendance list gives it (table
    ``person_roles``)."""

    person_id: str
    role: str
    role_key: str
    acting: bool
    meeting_id: str
    date: str | None
    name: str
    status: str


@dataclass(frozen=True, slots=True)
class AcronymRow:
    """An acronym a meeting uses or defines, with its expansion (table ``acronyms``,
    pipeline/across/acronyms.py).

    ``category`` is ``role``, ``body`` or ``term``; ``source`` says where the expansion comes
    from: ``text`` (this meeting), ``corpus`` (another meeting of the run) or ``glossary``.
    """

    meeting_id: str
    acronym: str
    expansion: str
    category: str
    source: str
    defined_in_record_table: str | None
    defined_in_record_id: str | None
    start: int | None
    end: int | None
    uses: int


@dataclass(frozen=True, slots=True)
class TopicTag:
    """A topic of the taxonomy (rules/topics.yaml) found in one record's text (table
    ``topics``): one row per record and topic, with the first words that named it.

    ``field`` is the record's column the offsets ``start``/``end`` point into: ``text``, or
    ``title`` for an item whose heading names a topic its text does not.
    """

    meeting_id: str
    record_table: str
    record_id: str
    topic: str
    cue: str
    hits: int
    start: int
    end: int
    field: str = "text"


@dataclass(frozen=True, slots=True)
class ThreadLink:
    """One item's place in a thread: the same matter followed from meeting to meeting
    (table ``threads``, pipeline/across/threads.py).

    ``link`` says how the item joined: ``first`` (it starts the thread), ``label`` (the same
    inspection finding, e.g. AFI 5 of the same report, in the same meeting series) or
    ``similarity`` (its text is about the same matter: TF-IDF cosine ``score`` with
    ``linked_item_id`` at or above rules/tracking.yaml's threshold).
    """

    thread_id: str
    item_id: str
    meeting_id: str
    link: str
    seq: int
    date: str | None
    label: str | None
    linked_item_id: str | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class ActionEvent:
    """One step in an action's life across later meetings (table ``action_log``,
    pipeline/across/action_log.py).

    ``event`` is ``raised`` (the meeting that recorded it), ``mentioned``, ``updated`` or
    ``completed`` (a later meeting's record about it: ``record_table``/``record_id``), or
    ``overdue`` (its due date passed with no completion reported by then). ``status`` is the
    action's status after this event (``open``, ``in_progress``, ``complete``, ``overdue``);
    ``current_status`` is its status after the last event, the same on every row of the action.
    """

    action_id: str
    seq: int
    event: str
    meeting_id: str | None
    date: str | None
    record_table: str | None
    record_id: str | None
    status: str
    current_status: str
    due_date: str | None
    score: float | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingRecords:
    """Everything extracted for one meeting."""

    meeting: Meeting
    attendees: tuple[Attendee, ...] = ()
    items: tuple[Item, ...] = ()
    questions: tuple[Question, ...] = ()
    responses: tuple[Response, ...] = ()
    actions: tuple[Action, ...] = ()
    decisions: tuple[Decision, ...] = ()
    notes: tuple[Note, ...] = ()
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateRef, ...] = ()
    statements: tuple[Statement, ...] = ()
    topics: tuple[TopicTag, ...] = ()


#: Table name → record class, in the order the tables are written and documented.
TABLES: dict[str, type] = {
    "documents": DocumentRow,
    "meetings": Meeting,
    "attendees": Attendee,
    "items": Item,
    "questions": Question,
    "responses": Response,
    "actions": Action,
    "decisions": Decision,
    "notes": Note,
    "mentions": Mention,
    "dates": DateRef,
    "statements": Statement,
    "topics": TopicTag,
    "people": PersonRow,
    "person_roles": PersonRole,
    "acronyms": AcronymRow,
    "threads": ThreadLink,
    "action_log": ActionEvent,
}

#: Tables built across all meetings of a run (pipeline/across), not from one meeting's
#: records; they are in ``TABLES`` too, after the per-meeting ones.
CORPUS_TABLES: tuple[str, ...] = ("people", "person_roles", "acronyms", "threads", "action_log")

#: The record tables whose ``text`` the taggers read, with each one's id column.
TEXT_TABLES: dict[str, str] = {
    "items": "item_id",
    "questions": "question_id",
    "responses": "response_id",
    "actions": "action_id",
    "decisions": "decision_id",
    "notes": "note_id",
}


def record_texts(records: MeetingRecords) -> list[tuple[str, str, str]]:
    """``(table, record id, text)`` of every text of a meeting the taggers read: its title,
    then each record of ``TEXT_TABLES`` that has text, in that order."""
    texts = [("meetings", records.meeting.meeting_id, records.meeting.title)] if records.meeting.title else []
    for table, id_column in TEXT_TABLES.items():
        texts += [(table, getattr(r, id_column), r.text) for r in getattr(records, table) if r.text]
    return texts


def columns(table: str) -> list[str]:
    """The column names of a table, in order."""
    return [f.name for f in fields(TABLES[table])]
