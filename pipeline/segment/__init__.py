"""Segmenters: from a repaired ``Document`` to the records of its meeting.

``segment_meeting`` wires the segmenters in one place: front matter, attendance, items,
then the questions, responses, notes, actions and decisions of each item, then the
mentions and dates of every text (``tag``). Which rows are items, sections and headers
is decided by the rules, never by the file's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language

from ..document import FURNITURE, Document, TextBlock
from ..errors import DocumentError, Problem
from ..ids import Ids
from ..nlp import MeetingContext, MeetingDocs, PeopleIndex, Person, person_id_for
from ..nlp.dates import DateFinder
from ..records import Attendee, Item, Meeting, MeetingRecords
from ..rules import Rules
from ..tag import tag_records
from .attendance import AttendeeDraft, read_attendance
from .front_matter import FrontMatter, date_from_file_name, front_lines, named_in_passing, read_front_matter
from .items import ItemDraft, read_items
from .paragraph_items import read_paragraph_items
from .people_lists import read_people_lists
from .owners import column_actions, table_actions
from .qa import segment_qa

__all__ = ["segment_meeting", "SegmentResult"]


@dataclass(frozen=True)
class SegmentResult:
    """One meeting's records and what was noticed while segmenting it."""

    records: MeetingRecords
    problems: tuple[Problem, ...]


def _attendees(drafts: list[AttendeeDraft], front: FrontMatter, meeting_id: str) -> list[Attendee]:
    taker_id = person_id_for(front.minute_taker) if front.minute_taker else None
    attendees = []
    seen: set[str] = set()
    for d in drafts:
        pid = person_id_for(d.name)
        if pid in seen:
            continue  # named in a table and again in a list: the first says it all
        seen.add(pid)
        # the attendance list names everyone; the front matter says who took the minutes
        status = "minutes" if pid == taker_id and d.status == "present" else d.status
        attendees.append(Attendee(meeting_id, pid, d.name, d.role, d.abbrev, status, d.page, d.location))
    if taker_id and all(a.person_id != taker_id for a in attendees):
        attendees.append(Attendee(meeting_id, taker_id, front.minute_taker, front.minute_taker_role, None, "minutes", front.page, None))
    return attendees


def _items(drafts: list[ItemDraft], ids: Ids, meeting_id: str) -> list[Item]:
    index = {id(d): i for i, d in enumerate(drafts)}
    items = []
    for i, d in enumerate(drafts):
        first, last = d.pages
        parent = ids.item(index[id(d.parent)] + 1) if d.parent is not None else None
        location = d.provs[0].describe() if d.provs else None
        items.append(Item(
            meeting_id=meeting_id, item_id=ids.item(i + 1), seq=i + 1, kind=d.kind, label=d.label,
            number=d.number, parent_item_id=parent, section=d.section, text=d.text,
            page_start=first, page_end=last, location=location, title=d.title,
        ))
    return items


def _full_name(name: str | None, people: PeopleIndex) -> str | None:
    """An attendee's full name for one named in passing by first name or short form
    ("Chairman [Brett]" → "Brett Porter"); the name as written when no one attendee fits."""
    if name is None or " " in name:
        return name
    found = people.resolve_written(name)
    if found is None or found.person_id is None:
        return name
    return next((p.name for p in people.people if p.person_id == found.person_id), name)


def _body_draft(doc: Document) -> ItemDraft:
    """The whole text of minutes that have no items, as one unlabelled stretch."""
    blocks = [b for b in doc.blocks if isinstance(b, TextBlock) and b.kind not in FURNITURE and b.text.strip()]
    return ItemDraft(kind="body", label=None, number=None, section=None, blocks=blocks)


def _names_a_meeting(doc: Document, rules: Rules) -> bool:
    """True when the front lines say the document records or announces a meeting."""
    words = [re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE) for w in rules.front_matter.meeting_cues]
    return any(w.search(line.text) for line in front_lines(doc, rules) for w in words)


def segment_meeting(doc: Document, rules: Rules, nlp: Language, meeting_no: int = 1) -> SegmentResult:
    """The records of the meeting in ``doc``, with the problems noticed on the way."""
    finder = DateFinder(rules.dates, remembers=True)
    ids = Ids(doc.sha256, meeting_no)
    meeting_id = ids.meeting()
    problems: list[Problem] = []

    front = read_front_matter(doc, rules, finder)
    if front.date is None:
        front = replace(front, date=date_from_file_name(doc.source, finder))
    listed = read_attendance(doc, rules) + read_people_lists(doc, rules)
    if front.chair is None:
        # "PRESENT: Mr R W Gough (Chairman), …": the list says who chaired
        chair = next((p.name for p in listed if p.chair), None)
        front = replace(front, chair=chair)
    attendees = _attendees(listed, front, meeting_id)
    people = PeopleIndex([Person(a.person_id, a.name, a.role, a.abbrev, a.status) for a in attendees], rules.people)
    context = MeetingContext(front.date, people)

    # minutes are tables of items, or else paragraphs of numbered or headed items
    if front.date is None and not attendees and not _names_a_meeting(doc, rules):
        raise DocumentError("no_meeting_found", "no meeting was recognised: no date, no attendance list and no "
                                                "word such as minutes, meeting or agenda before the body (not minutes?)")
    drafts = read_items(doc, rules) or read_paragraph_items(doc, rules, front.title)
    items = _items(drafts, ids, meeting_id)
    if front.chair is None:
        # annual meetings open by electing their chair ("… that Cllr Sue Lintern continue as Chair")
        first = (item.text or "" for item in items[: rules.front_matter.chair_in_body_items])
        chair = named_in_passing(first, rules.front_matter.chair_in_body, "chair", " .,")
        front = replace(front, chair=_full_name(chair, people))
    item_ids: list[str | None] = [i.item_id for i in items]
    if not drafts:
        # minutes written as running prose, with no items: their actions, decisions and
        # speakers are still recorded, under no item
        drafts, item_ids = [_body_draft(doc)], [None]
    if front.kind == "agenda":
        # an agenda lists business to come: nothing has been said, done or decided yet
        drafts = [replace(d, blocks=[], question_cells=[], response_cells=[], action_rows=[]) for d in drafts]
    # the texts the questions and responses are read from come back as record texts to
    # tag: their docs are kept for that
    kept = MeetingDocs(context)
    qa = segment_qa(drafts, item_ids, context, nlp, rules, ids, finder, kept)
    columns = column_actions(drafts, item_ids, people, front.date, rules, ids, finder, first=len(qa.actions) + 1)
    # "The Chair will convey …" with SB in the owner column: one action, the column's
    written = {(a.item_id, a.text) for a in columns}
    qa.actions = [a for a in qa.actions if (a.item_id, a.text) not in written] + columns
    if front.kind != "agenda":
        qa.actions += table_actions(doc, rules, people, front.date, ids, finder, first=len(qa.actions) + 1)

    meeting = Meeting(
        meeting_id=meeting_id,
        document_id=f"d-{doc.sha256[:12]}",
        title=front.title,
        body=front.body,
        date=front.date.isoformat() if front.date else None,
        start_time=front.start_time,
        chair=front.chair,
        minute_taker=front.minute_taker,
        venue=front.venue,
        kind=front.kind,
        chair_person_id=people.person_id_of(front.chair) if front.chair else None,
        minute_taker_person_id=people.person_id_of(front.minute_taker) if front.minute_taker else None,
        page_start=front.page,
    )
    if front.date is None:
        problems.append(Problem("warning", "no_meeting_date", "the meeting date could not be read"))
    if not items:
        problems.append(Problem("warning", "no_items_found", "no items were recognised in the document"))
    if not attendees:
        problems.append(Problem("info", "no_attendance", "no attendance list was recognised"))
    for a in qa.actions:
        if a.owner and not a.owner_person_id:
            problems.append(Problem("info", "unresolved_owner", f"action owner '{a.owner}' is not on the attendance list", a.location or ""))

    records = MeetingRecords(
        meeting=meeting,
        attendees=tuple(attendees),
        items=tuple(items),
        questions=tuple(qa.questions),
        responses=tuple(qa.responses),
        actions=tuple(qa.actions),
        decisions=tuple(qa.decisions),
        notes=tuple(qa.notes),
    )
    return SegmentResult(tag_records(records, context, nlp, rules, kept), tuple(problems))
