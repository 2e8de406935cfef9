"""The action log: each action's life across the later meetings of its series (table
``action_log``).

An action is ``raised`` at its meeting. A later meeting of the same series speaks of it
when one of its sentences (in any record: items, questions, responses, notes, decisions,
actions) is like the action's text (TF-IDF cosine and shared words, rules/tracking.yaml);
what the sentence says gives the event: ``updated`` ("is being finalised", "not yet
complete"), ``completed`` ("was provided", "action complete") or ``mentioned``. An action
whose due date passes before a meeting that reports it complete gets an ``overdue`` event at
the first meeting after the due date. Each row carries the status after its event and the
action's current status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Action, ActionEvent, MeetingRecords, TEXT_TABLES
from ..rules import Rules, TrackingRules
from .series import in_date_order
from .similarity import content_words, cosine_pairs, vectorise_by_group

# sentence ends: a stop before a capital or an opening bracket, or a line break
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"“‘'])|\n+")
# which event wins when one meeting says several things of an action
_STRENGTH = {"completed": 3, "updated": 2, "mentioned": 1}
_SNIPPET = 300


@dataclass(frozen=True)
class _Sentence:
    meeting_index: int
    table: str
    record_id: str
    text: str


def sentences(text: str) -> list[str]:
    """The sentences of a record's text, trimmed; empty pieces dropped."""
    return [s.strip() for s in _SENTENCE_BREAK.split(text or "") if s and s.strip()]


def follow_up_event(sentence: str, rules: TrackingRules) -> str:
    """What a later sentence about an action says of it: the first event of the rules whose
    cue matches, else ``mentioned``."""
    for entry in rules.action_events:
        if any(cue.search(sentence) for cue in entry.cues):
            return entry.event
    return "mentioned"


def _next_status(status: str, event: str) -> str:
    if event == "completed":
        return "complete"
    if status in ("complete", "overdue"):
        # an overdue action stays overdue until it is reported done; a mention after
        # completion does not reopen it
        return status
    if event == "overdue":
        return "overdue"
    if event == "updated":
        return "in_progress"
    return status


def build_action_log(meetings: list[MeetingRecords], rules: Rules) -> dict[str, list]:
    """Rows of ``action_log``: every action's events, in order, with its status."""
    tracking = rules.tracking
    ordered = in_date_order(meetings)
    series = [m.meeting.series or m.meeting.meeting_id for m in ordered]
    dates = [m.meeting.date for m in ordered]
    actions: list[tuple[int, Action]] = [(index, a) for index, m in enumerate(ordered) for a in m.actions]
    if not actions:
        return {"action_log": []}

    # each meeting's later meetings of its series (another date: an agenda and the minutes of
    # one meeting are not a follow-up of each other), and the window searched for follow-ups
    members: dict[str, list[int]] = {}
    for index, key in enumerate(series):
        members.setdefault(key, []).append(index)
    later_of = {}
    for index, key in enumerate(series):
        later_of[index] = [i for i in members[key] if i > index and dates[i] != dates[index]]
    window_of = {index: later[:tracking.follow_up_window] for index, later in later_of.items()}

    # the sentences of every meeting some action's window reaches
    wanted = sorted({i for index, _ in actions for i in window_of[index]})
    said: list[_Sentence] = []
    rows_of: dict[int, range] = {}
    for index in wanted:
        first = len(said)
        m = ordered[index]
        for table, id_column in TEXT_TABLES.items():
            for record in getattr(m, table):
                for sentence in sentences(record.text):
                    said.append(_Sentence(index, table, getattr(record, id_column), sentence))
        rows_of[index] = range(first, len(said))

    # fitted per series: what else the run holds does not change an action's follow-ups
    vectors = vectorise_by_group([a.text for _, a in actions] + [s.text for s in said],
                                 [series[index] for index, _ in actions] + [series[s.meeting_index] for s in said],
                                 tracking.action_stop_words)
    action_vectors, said_vectors = vectors[:len(actions)], vectors[len(actions):]
    action_words = [content_words(a.text, tracking.action_stop_words) for _, a in actions]

    # per action, per later meeting in its window: the strongest thing said of it. Actions
    # of one meeting are compared with their window's sentences only, so the work grows
    # with the archive, not with its square.
    heard: dict[int, dict[int, tuple[str, float, _Sentence]]] = {}
    by_meeting: dict[int, list[int]] = {}
    for a, (index, _) in enumerate(actions):
        by_meeting.setdefault(index, []).append(a)
    for index, action_rows in by_meeting.items():
        window_rows = [s for i in window_of[index] for s in rows_of[i]]
        if not window_rows:
            continue
        for a_at, s_at, score in cosine_pairs(action_vectors[action_rows], said_vectors[window_rows],
                                              tracking.follow_up_similarity):
            a, sentence = action_rows[a_at], said[window_rows[s_at]]
            shared = action_words[a] & content_words(sentence.text, tracking.action_stop_words)
            if len(shared) < min(tracking.min_shared_words, len(action_words[a])):
                continue
            event = follow_up_event(sentence.text, tracking)
            best = heard.setdefault(a, {}).get(sentence.meeting_index)
            if best is None or (_STRENGTH[event], score) > (_STRENGTH[best[0]], best[1]):
                heard[a][sentence.meeting_index] = (event, score, sentence)

    rows: list[ActionEvent] = []
    for a, (index, action) in enumerate(actions):
        events = _events(action, index, later_of[index], heard.get(a, {}), dates, ordered)
        status = "open"
        steps = []
        for event, meeting_index, sentence, score, text in events:
            status = _next_status(status, event)
            steps.append((event, meeting_index, sentence, score, text, status))
        for seq, (event, meeting_index, sentence, score, text, status_after) in enumerate(steps, start=1):
            rows.append(ActionEvent(
                action_id=action.action_id, seq=seq, event=event,
                meeting_id=ordered[meeting_index].meeting.meeting_id if meeting_index is not None else None,
                date=dates[meeting_index] if meeting_index is not None else None,
                record_table=sentence.table if sentence else ("actions" if event == "raised" else None),
                record_id=sentence.record_id if sentence else (action.action_id if event == "raised" else None),
                status=status_after, current_status=status, due_date=action.due_date,
                score=round(score, 3) if score is not None else None,
                text=(text[:_SNIPPET] if text else None),
            ))
    return {"action_log": rows}


def _events(action: Action, index: int, later: list[int], heard: dict[int, tuple[str, float, _Sentence]],
            dates: list[str | None], ordered: list[MeetingRecords]):
    """(event, meeting index, sentence, score, text) of one action, in order: raised, what
    later meetings said, and overdue at the first meeting after the due date unless it was
    reported complete by then."""
    events = [("raised", index, None, None, action.text)]
    last_heard = max(heard, default=-1)
    completed_at = None
    overdue_added = False
    for i in later:
        if i > last_heard and (overdue_added or completed_at is not None or not action.due_date):
            break  # nothing more can happen to it
        said = heard.get(i)
        due_passed = action.due_date and dates[i] and dates[i] > action.due_date
        if due_passed and not overdue_added and completed_at is None and not (said and said[0] == "completed"):
            events.append(("overdue", i, None, None,
                           f"due {action.due_date}; not reported complete by the meeting of {dates[i]}"))
            overdue_added = True
        if said:
            event, score, sentence = said
            events.append((event, i, sentence, score, sentence.text))
            if event == "completed" and completed_at is None:
                completed_at = i
    return events
