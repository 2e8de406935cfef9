"""Questions, responses, notes, actions and decisions of each item.

For every item: its questions column gives one question per entry ("1.", "2." …), unless
the entry is not a question at all ("No question, but …", "Addressed as part of …":
notes); its responses column gives one response per speaker turn, numbered like the
entry it sits in, and paired with the question of the same number (or with the item's
only question). Sentences opened by an action or decision cue become actions and
decisions and leave the text they sat in; italic asides become notes.

All texts of a meeting go through the NLP pipeline in one batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..document import Provenance
from ..ids import Ids
from ..nlp import MeetingDocs, annotate
from ..nlp.components import MeetingContext, doc_text, speech_verb_at
from ..nlp.dates import DateFinder
from ..records import Action, Decision, Note, Question, Response
from ..rules import Rules
from ..textutil import collapse_space
from ..headers import looks_like_owners
from .actions import actions_in_decision, decision_outcome, is_a_body, names_someone, parse_action, resolve_people
from .entries import Aside, entries_of, split_asides
from .items import ItemDraft


@dataclass
class _Unit:
    """One entry's text, ready to annotate, with where each paragraph came from."""

    item_index: int
    column: str
    number: str | None
    paragraphs: list[tuple[str, Provenance]]
    in_text: bool = False

    @property
    def text(self) -> str:
        return "\n".join(p for p, _ in self.paragraphs)

    def provs_between(self, start: int, end: int) -> list[Provenance]:
        """Where the text between two character offsets was read."""
        out, pos = [], 0
        for text, prov in self.paragraphs:
            if pos < end and start < pos + len(text) + 1:
                out.append(prov)
            pos += len(text) + 1
        return out or [p for _, p in self.paragraphs[:1]]


@dataclass
class QAResult:
    """The records segmented from the items' questions and responses columns."""

    questions: list[Question] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def pages_of(provs: list[Provenance]) -> tuple[int | None, int | None, str | None]:
    """First page, last page and location of a record read from ``provs``."""
    pages = [p for prov in provs for p in (prov.page, prov.last_page) if p is not None]
    location = provs[0].describe() if provs else None
    return (min(pages) if pages else None, max(pages) if pages else None, location)


# --- reading people off annotated text -------------------------------------------------------


def _people(doc: Doc) -> list[Span]:
    return [s for s in doc.spans.get("people", []) if s.label_ == "PERSON"]


def _person_id(span: Span | None) -> str | None:
    return span._.resolution.person_id if span is not None and span._.resolution else None


def speaker_in(doc: Doc, rules: Rules) -> Span | None:
    """The first person in the text followed by a verb of speaking ("the PCC commented")."""
    verbs = rules.speech.speech_verbs
    for span in _people(doc):
        k = span.end
        if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
            k += 1
        while k < len(doc) and doc[k].lower_ in rules.speech.adverbs:
            k += 1
        if speech_verb_at(doc, k, verbs):
            return span
    return None


def asker_and_addressee(doc: Doc, rules: Rules) -> tuple[Span | None, Span | None]:
    """Who asks and who is asked: "The PCC asked the CC whether …" → (PCC, CC).

    The asker is the person right before a verb of asking (a few words between are
    allowed: "The PCC followed up and asked"); the addressee the first other person after
    it in the same sentence, not in the possessive ("the CC's reply").
    """
    people = _people(doc)
    verbs = [t for t in doc if t.lower_ in rules.speech.question_verbs]
    for strict in (True, False):
        for verb in verbs:
            before = [s for s in people if s.end <= verb.i and s.sent == verb.sent]
            if not before:
                continue
            asker = before[-1]
            if strict and verb.i - asker.end > 3:
                continue
            addressee = None
            for span in people:
                if span.start <= verb.i or span.sent != verb.sent:
                    continue
                possessive = span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")
                if not possessive and span._.key != asker._.key:
                    addressee = span
                    break
            return asker, addressee
    return speaker_in(doc, rules), None


def _question_sentences(doc: Doc, rules: Rules) -> list[Span]:
    """Sentences that put a question: a person asking, or a question mark."""
    out = []
    people = _people(doc)
    for sent in doc.sents:
        asks = any(
            t.lower_ in rules.speech.question_verbs and any(s.end <= t.i and t.i - s.end <= 3 for s in people if s.sent == sent)
            for t in sent
        )
        if asks or sent.text.rstrip().endswith("?"):
            out.append(sent)
    return out


def _matches(text: str, patterns) -> str | None:
    for kind, pattern in patterns:
        if pattern.search(text):
            return kind
    return None


def _without(text: str, start: int, end: int, cut: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with the ranges in ``cut`` removed, tidied."""
    pieces, pos = [], start
    for s, e in sorted(cut):
        if e <= pos or s >= end:
            continue
        pieces.append(text[pos:max(s, pos)])
        pos = min(e, end)
    pieces.append(text[pos:end])
    lines = [collapse_space(line) for line in "".join(pieces).split("\n")]
    return "\n".join(line for line in lines if line).strip()


# --- the segmenter -----------------------------------------------------------------------------


def segment_qa(items: list[ItemDraft], item_ids: list[str], context: MeetingContext, nlp: Language,
               rules: Rules, ids: Ids, finder: DateFinder, kept: MeetingDocs | None = None) -> QAResult:
    """Questions, responses, notes, actions and decisions of all ``items`` (``kept``: the
    meeting's docs, see ``annotate``)."""
    units: list[_Unit] = []
    asides: list[tuple[int, str, str | None, Aside]] = []
    styles = {
        "questions": _aside_styles([c for i in items for c in i.question_cells], rules),
        "responses": _aside_styles([c for i in items for c in i.response_cells], rules),
    }
    for index, item in enumerate(items):
        for column, cells in (("questions", item.question_cells), ("responses", item.response_cells)):
            for entry in entries_of(cells, column):
                paragraphs, found = split_asides(entry, styles[column])
                asides += [(index, column, entry.number, a) for a in found]
                if paragraphs:
                    units.append(_Unit(index, column, entry.number, paragraphs))
        if item.rule is not None and item.rule.questions_in_text and not item.question_cells and item.text:
            units.append(_Unit(index, "questions", None, [(item.text, item.blocks[0].prov)], in_text=True))
        elif item.blocks:
            # the item's own text may record actions and decisions ("RESOLVED that …")
            units.append(_Unit(index, "item", None, [(collapse_space(b.text), b.prov) for b in item.blocks if b.text.strip()]))
    units.sort(key=lambda u: (u.item_index, ("item", "questions", "responses").index(u.column)))

    # dates are tagged later, on the final record texts (pipeline/tag.py)
    docs = annotate(nlp, [u.text for u in units] + [a.text for *_, a in asides], context, disable=("minutes_dates",),
                    kept=kept)
    unit_docs, aside_docs = docs[: len(units)], docs[len(units):]

    result = QAResult()
    counters = {"q": {}, "r": {}, "n": {}}

    def next_id(kind: str, item_index: int) -> str:
        counters[kind][item_index] = counters[kind].get(item_index, 0) + 1
        k, seq = counters[kind][item_index], item_index + 1
        return {"q": ids.question, "r": ids.response, "n": ids.note}[kind](seq, k)

    def add_note(index: int, kind: str, column: str, number: str | None, text: str,
                 speaker: Span | None, provs: list[Provenance]) -> None:
        first, last, location = pages_of(provs)
        result.notes.append(Note(
            meeting_id=ids.meeting(), item_id=item_ids[index], note_id=next_id("n", index), kind=kind,
            column=column, number=number, speaker=speaker._.key if speaker is not None else None,
            speaker_person_id=_person_id(speaker), text=text, page_start=first, page_end=last, location=location,
        ))

    for unit, doc in zip(units, unit_docs):
        item_id = item_ids[unit.item_index]
        written = doc_text(doc)
        cut, unit_actions = _cue_records(unit, doc, item_id, context, rules, ids, finder, result)
        if unit.column == "item":
            _listed_records(unit, items[unit.item_index], item_id, cut, context, rules, ids, finder, result)
            continue
        text = _without(written, 0, len(written), cut)
        if not text:
            continue
        if unit.column == "questions":
            kind = _matches(text, rules.sections.not_questions)
            if kind is not None:
                add_note(unit.item_index, kind, "questions", unit.number, text, speaker_in(doc, rules), unit.provs_between(0, len(written)))
                continue
            if unit.in_text:
                sentences = _question_sentences(doc, rules)
                if not sentences:
                    continue
                text = collapse_space(" ".join(s.text for s in sentences))
            asker, addressee = asker_and_addressee(doc, rules)
            first, last, location = pages_of(unit.provs_between(0, len(written)))
            result.questions.append(Question(
                meeting_id=ids.meeting(), item_id=item_id, question_id=next_id("q", unit.item_index),
                number=unit.number, asker=asker._.key if asker is not None else None,
                asker_person_id=_person_id(asker), addressee=addressee._.key if addressee is not None else None,
                text=text, addressee_person_id=_person_id(addressee),
                page_start=first, page_end=last, location=location,
            ))
            continue
        kind = _matches(text, rules.sections.not_responses)
        if kind is not None:
            add_note(unit.item_index, kind, "responses", unit.number, text, speaker_in(doc, rules), unit.provs_between(0, len(written)))
            continue
        turn_no = 0
        for turn in doc.spans["turns"]:
            turn_text = _without(written, turn.start_char, turn.end_char, cut)
            if not turn_text:
                continue  # a turn that held only an action or decision sentence
            turn_no += 1
            speaker = turn._.speaker
            first, last, location = pages_of(unit.provs_between(turn.start_char, turn.end_char))
            response_id = next_id("r", unit.item_index)
            result.responses.append(Response(
                meeting_id=ids.meeting(), item_id=item_id, response_id=response_id, number=unit.number,
                question_id=None, speaker=speaker._.key if speaker is not None else None,
                speaker_person_id=_person_id(speaker), text=turn_text, turn=turn_no,
                page_start=first, page_end=last, location=location,
            ))
            # an action arising in a turn is linked to that turn
            for index, start in unit_actions:
                if turn.start_char <= start < turn.end_char:
                    result.actions[index] = replace(result.actions[index], response_id=response_id)

    for (index, column, number, aside), doc in zip(asides, aside_docs):
        add_note(index, "aside", column, number, aside.text, speaker_in(doc, rules), [aside.prov])

    _pair_responses(result)
    _drop_voted_motion_texts(result, rules, ids)
    result.notes.sort(key=lambda n: n.note_id)
    return result


def _drop_voted_motion_texts(result: QAResult, rules: Rules, ids: Ids) -> None:
    """Drop the clauses of a formal resolution ("RESOLVED, that … be and hereby is …")
    from items that record the vote on it: the vote is the decision."""
    motion = rules.decisions.motion_text
    if motion is None:
        return
    voted = {d.item_id for d in result.decisions if not motion.search(d.text)
             and any(v.search(d.text) for v in rules.decisions.statements)}
    kept = [d for d in result.decisions if not (d.item_id in voted and motion.search(d.text))]
    if len(kept) != len(result.decisions):
        result.decisions = [replace(d, decision_id=ids.decision(i + 1)) for i, d in enumerate(kept)]


def _aside_styles(cells: list, rules: Rules) -> tuple[str, ...]:
    """The styles that mark asides in a column: none when most of the column is set in
    them (then italics are how the minutes write that column, not an editorial voice)."""
    blocks = [b for c in cells for b in c.blocks if b.text.strip()]
    styles = []
    for style in rules.sections.aside_styles:
        whole = sum(1 for b in blocks if sum(m.end - m.start for m in b.marks if m.style == style) >= 0.9 * len(b.text))
        if not blocks or whole <= len(blocks) / 2:
            styles.append(style)
    return tuple(styles)


def _cue_records(unit: _Unit, doc: Doc, item_id: str, context: MeetingContext, rules: Rules, ids: Ids,
                 finder: DateFinder, result: QAResult) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Turn the unit's action and decision sentences into records.

    Returns the character ranges they held (to cut from the unit's text) and, for each
    action, its index in ``result.actions`` with where it starts.
    """
    cut, actions = [], []
    written = doc_text(doc)
    for span in doc.spans.get("actions", []):
        text = collapse_space(written[span._.cue_end: span.end_char])
        if not text:
            continue
        if span._.cue_end == span.start_char and unit.column != "item":
            # an answer's "The OCC will also have updated training …" tells a plan; in a
            # question-and-response table only a cue ("Action arising:") records a task
            continue
        parts = parse_action(text, rules.actions, context.people, finder, context.meeting_date)
        if span._.cue_end == span.start_char and is_a_body(parts.owner, rules.actions) and not _TASKED.search(text):
            # "The Board agreed to adopt …": the meeting's decision, not a task ("The
            # Trustees were asked to …" is theirs to do)
            continue
        only_owner = _ONLY_OWNER.match(text)
        if (looks_like_owners([text]) or only_owner) and span.start_char > 0:
            # "… to be posted on the website. ACTION: AHop", "… £180.  HR to action.": the
            # sentence names only who acts, the action is what was written before it
            before = written[: span.start_char].rstrip()
            previous = _last_sentence(before)
            if previous:
                owner = only_owner.group("owner") if only_owner else text.rstrip(".")
                parts = parse_action(previous, rules.actions, context.people, finder, context.meeting_date)
                parts = replace(parts, owner=owner, owner_person_id=resolve_people(owner, context.people))
                text = previous
        _add_action(result, ids, item_id, text, parts, unit.provs_between(span.start_char, span.end_char))
        actions.append((len(result.actions) - 1, span.start_char))
        cut.append((span.start_char, span.end_char))
    for span in doc.spans.get("decisions", []):
        text = collapse_space(written[span._.cue_end: span.end_char])
        if not text:
            continue
        if span._.cue_end == span.start_char and unit.column != "item":
            continue  # an answer reporting "… has been approved" elsewhere: no decision here
        provs = unit.provs_between(span.start_char, span.end_char)
        cut.append((span.start_char, span.end_char))
        if _gives_result(text, item_id, result, rules):
            continue
        pieces = [p.strip() for p in rules.decisions.split_at.split(text) if p.strip()]
        cue = written[span.start_char: span._.cue_end]
        for piece in pieces if len(pieces) > 1 else [text]:
            if any(p.match(piece) for p in rules.decisions.not_decisions):
                continue
            outcome = decision_outcome(piece if len(pieces) > 1 else span.text, rules.decisions)
            if outcome is None and len(pieces) > 1:
                # "Resolved: (1) That … (2) That BB contact …": each number was resolved
                outcome = decision_outcome(cue, rules.decisions)
            _add_decision(result, ids, item_id, piece, outcome, provs)
        # "RESOLVED: That the Clerk contact …": the resolution gives a task too
        already = {a.text for a in result.actions}
        for task, owner in actions_in_decision(text, rules.actions):
            if any(task in a or a in task for a in already):
                continue  # the sentence was read as an action already
            owner_ids = resolve_people(owner, context.people)
            if is_a_body(owner, rules.actions) or not (owner_ids or names_someone(owner, rules.people)):
                # "That the Parish Council noted …", "That the Accounts … were accepted":
                # the meeting itself or a thing, not someone given a task
                continue
            parts = parse_action(task, rules.actions, context.people, finder, context.meeting_date)
            parts = replace(parts, owner=owner, owner_person_id=owner_ids)
            _add_action(result, ids, item_id, task, parts, provs)
    return cut, actions


_TASKED = re.compile(r"^\W*(?:the\s+)?\w+(?:\s+\w+){0,3}\s+(?:was|were)\s+(?:asked|requested|tasked|instructed|invited)\s+to\b",
                     re.IGNORECASE)
# "… at a cost of £180.  HR to action.": the sentence names only who acts
_ONLY_OWNER = re.compile(r"^(?P<owner>[^.]{1,40}?)\s+to\s+(?:action|progress|take\s+forward|follow\s+up)\s*\.?$")


def _gives_result(text: str, item_id: str | None, result: QAResult, rules: Rules) -> bool:
    """True when ``text`` only gives a vote's result ("Amendment lost.") and the item's
    last proposal without an outcome took it as its outcome."""
    if not any(p.match(text) for p in rules.decisions.results):
        return False
    for i in range(len(result.decisions) - 1, -1, -1):
        decision = result.decisions[i]
        if decision.item_id != item_id:
            break
        if decision.outcome is None and any(p.search(decision.text) for p in rules.decisions.votes):
            result.decisions[i] = replace(decision, outcome=decision_outcome(text, rules.decisions))
            return True
    return False


def _title_is(title: str | None, titles: tuple[str, ...]) -> bool:
    return bool(title) and title.strip().rstrip(":").lower() in titles


def _listed_records(unit: _Unit, item: ItemDraft, item_id: str, cut: list[tuple[int, int]], context: MeetingContext,
                    rules: Rules, ids: Ids, finder: DateFinder, result: QAResult) -> None:
    """An item titled "Decisions made" or "Next steps" lists one decision or action per
    paragraph; the lead-in line ("The decisions made were:") is none."""
    decisions = _title_is(item.title, rules.decisions.item_titles)
    actions = _title_is(item.title, rules.actions.item_titles)
    if decisions and any(d.item_id == item_id for d in result.decisions):
        # "4. Decisions" whose text records them in sentences ("The Board accepted the
        # application."): those are its decisions, not each of its paragraphs
        decisions = False
    if actions and any(a.item_id == item_id for a in result.actions):
        actions = False
    if not (decisions or actions):
        return
    pos = 0
    for text, prov in unit.paragraphs:
        start, pos = pos, pos + len(text) + 1
        if text.rstrip().endswith(":") or any(s <= start < e for s, e in cut):
            continue
        if decisions:
            # "Grants approved:" over "PyCon Namibia: USD $2,000": the title gives the outcome
            outcome = decision_outcome(text, rules.decisions) or decision_outcome(item.title, rules.decisions)
            _add_decision(result, ids, item_id, text, outcome, [prov])
        else:
            parts = parse_action(text, rules.actions, context.people, finder, context.meeting_date)
            _add_action(result, ids, item_id, text, parts, [prov])


def _add_action(result: QAResult, ids: Ids, item_id: str, text: str, parts, provs: list[Provenance]) -> None:
    first, last, location = pages_of(provs)
    result.actions.append(Action(
        meeting_id=ids.meeting(), item_id=item_id, action_id=ids.action(len(result.actions) + 1),
        owner=parts.owner, owner_person_id=parts.owner_person_id, recipient=parts.recipient,
        text=text, due_text=parts.due_text, due_date=parts.due_date,
        recipient_person_id=parts.recipient_person_id, response_id=None,
        page_start=first, page_end=last, location=location,
    ))


def _add_decision(result: QAResult, ids: Ids, item_id: str, text: str, outcome: str | None,
                  provs: list[Provenance]) -> None:
    first, last, location = pages_of(provs)
    result.decisions.append(Decision(
        meeting_id=ids.meeting(), item_id=item_id, decision_id=ids.decision(len(result.decisions) + 1),
        text=text, outcome=outcome, page_start=first, page_end=last, location=location,
    ))


def _last_sentence(text: str) -> str | None:
    """The last sentence (or the last line) of ``text``."""
    line = text.rsplit("\n", 1)[-1].strip()
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(])", line) if s.strip()]
    return sentences[-1] if sentences else None


def _pair_responses(result: QAResult) -> None:
    by_item: dict[str, list[Question]] = {}
    for q in result.questions:
        by_item.setdefault(q.item_id, []).append(q)
    for i, r in enumerate(result.responses):
        questions = by_item.get(r.item_id, [])
        match = next((q for q in questions if r.number is not None and q.number == r.number), None)
        if match is None and len(questions) == 1:
            match = questions[0]
        if match is not None:
            result.responses[i] = replace(r, question_id=match.question_id)
