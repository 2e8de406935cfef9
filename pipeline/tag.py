"""Tagging: every person mention and temporal expression in every record's text.

Runs once over all of a meeting's record texts (items, questions, responses, actions,
decisions, notes, and the meeting's title) and gives the ``mentions`` and ``dates``
tables, with character offsets into the text exactly as written to the dataset; the
same docs' sentences give the ``statements`` (nlp/statements.py). The same texts (not the
title), and the items' titles, give the ``topics`` (nlp/topics.py: plain text, no docs).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from .nlp import MeetingDocs, annotate
from .nlp.components import MeetingContext
from .nlp.statements import meeting_statements
from .nlp.topics import meeting_topics
from .records import DateRef, MeetingRecords, Mention, record_texts
from .rules import Rules


def tag_records(records: MeetingRecords, context: MeetingContext, nlp: Language, rules: Rules,
                kept: MeetingDocs | None = None) -> MeetingRecords:
    """The records with their ``mentions``, ``dates``, ``statements`` and ``topics`` filled
    in (``kept``: the docs the meeting's segmenting made, see ``annotate``)."""
    meeting = records.meeting
    targets = record_texts(records)
    docs = annotate(nlp, (t for _, _, t in targets), context, disable=("minutes_turns", "minutes_cues"), kept=kept)
    mentions: list[Mention] = []
    dates: list[DateRef] = []
    for (table, record_id, _), doc in zip(targets, docs):
        for span in doc.spans["people"]:
            if span.label_ != "PERSON":
                continue
            res = span._.resolution
            mentions.append(Mention(
                meeting_id=meeting.meeting_id, record_table=table, record_id=record_id,
                start=span.start_char, end=span.end_char, surface=span.text,
                person_id=res.person_id, kind=res.kind, resolution=res.status,
            ))
        for span in doc.spans["dates"]:
            m = span._.temporal
            dates.append(DateRef(
                meeting_id=meeting.meeting_id, record_table=table, record_id=record_id,
                start=m.start, end=m.end, surface=m.surface, kind=m.kind,
                value_start=m.value_start.isoformat() if m.value_start else None,
                value_end=m.value_end.isoformat() if m.value_end else None,
            ))
    # the sentences of the docs above, typed: no second run of the pipeline
    statements = meeting_statements(meeting.meeting_id, targets, docs, rules.statements)
    topics = meeting_topics(records, rules.topics, targets) if rules.topics is not None else ()
    return replace(records, mentions=tuple(mentions), dates=tuple(dates), statements=statements, topics=topics)
