"""Hits, misses and extras per field, from gold meetings and the pipeline's records.

Every field has a count of true positives (``tp``), false positives (``fp``) and false
negatives (``fn``), from which precision, recall and F1 follow, and ``correct`` out of
``total`` for the share a reader cares about:

* ``date``, ``chair``: per gold meeting, right or not (a gold ``null`` chair is right
  when the pipeline names none); ``kind``: per document.
* ``attendees``: names matched one to one; ``attendee_status``: of the matched, the
  status is the gold's.
* ``items``: the count per meeting (``correct`` when equal).
* ``actions``, ``decisions``: matched one to one by their words; ``action_owner``,
  ``action_due`` and ``decision_outcome``: of the matched, the value is the gold's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import MeetingRecords
from .gold import GoldDocument, GoldMeeting
from .matching import assign, names_match, owners_match, text_similarity

FIELDS = ("kind", "date", "chair", "attendees", "attendee_status", "items", "actions", "action_owner",
          "action_due", "decisions", "decision_outcome")

_TEXT_THRESHOLD = 0.5


@dataclass
class FieldScore:
    """Counts for one field; add scores to pool them across documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    def add(self, other: "FieldScore") -> None:
        """Pool ``other`` into this score."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.correct += other.correct
        self.total += other.total

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class Scorecard:
    """The scores of one document (or of many, pooled), and what went wrong where."""

    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Scorecard") -> None:
        """Pool ``other`` into this scorecard."""
        for name, score in other.fields.items():
            self.fields[name].add(score)
        self.misses += other.misses


def _right_or_wrong(score: FieldScore, gold, found, same) -> bool:
    score.total += 1
    if gold is None and found is None:
        score.correct += 1
        return True
    if gold is not None and found is not None and same(gold, found):
        score.correct += 1
        score.tp += 1
        return True
    if found is not None:
        score.fp += 1
    if gold is not None:
        score.fn += 1
    return False


def _aliases(found: MeetingRecords | None) -> dict[str, set[str]]:
    aliases: dict[str, set[str]] = {}
    for a in found.attendees if found else ():
        names = {a.name} | ({a.abbrev} if a.abbrev else set()) | ({a.role} if a.role else set())
        for n in names:
            aliases.setdefault(n.lower(), set()).update(names - {n})
    return aliases


def _score_meeting(card: Scorecard, gold: GoldMeeting, found: MeetingRecords | None, where: str) -> None:
    f = card.fields
    meeting = found.meeting if found else None
    if not _right_or_wrong(f["date"], gold.date, meeting.date if meeting else None, lambda a, b: a == b):
        card.misses.append(f"{where} date: gold {gold.date}, found {meeting.date if meeting else None}")
    chair = meeting.chair if meeting else None
    if not _right_or_wrong(f["chair"], gold.chair, chair, names_match):
        card.misses.append(f"{where} chair: gold {gold.chair!r}, found {chair!r}")

    # attendees, one to one by name
    people = list(found.attendees) if found else []
    pairs = assign(gold.attendees, people, lambda g, p: 1.0 if names_match(g.name, p.name) else 0.0, 1.0)
    s = f["attendees"]
    s.tp += len(pairs)
    s.fn += len(gold.attendees) - len(pairs)
    s.fp += len(people) - len(pairs)
    s.correct += len(pairs)
    s.total += len(gold.attendees)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i, g in enumerate(gold.attendees):
        if i not in matched_g:
            card.misses.append(f"{where} attendee missed: {g.name} ({g.status})")
    for j, p in enumerate(people):
        if j not in matched_p:
            card.misses.append(f"{where} attendee extra: {p.name} ({p.status})")
    for i, j in pairs:
        _right_or_wrong(f["attendee_status"], gold.attendees[i].status, people[j].status, lambda a, b: a == b)
        if gold.attendees[i].status != people[j].status:
            card.misses.append(f"{where} status of {gold.attendees[i].name}: gold {gold.attendees[i].status}, "
                               f"found {people[j].status}")

    # the count of top-level items
    if gold.items is not None:
        n = sum(1 for i in found.items if i.parent_item_id is None) if found else 0
        s = f["items"]
        s.tp += min(n, gold.items)
        s.fp += max(0, n - gold.items)
        s.fn += max(0, gold.items - n)
        s.total += 1
        s.correct += n == gold.items
        if n != gold.items:
            card.misses.append(f"{where} items: gold {gold.items}, found {n}")

    # actions and decisions, one to one by their words
    actions = list(found.actions) if found else []
    pairs = assign(gold.actions, actions, lambda g, a: text_similarity(g.text, a.text), _TEXT_THRESHOLD)
    _count_matches(card, "actions", gold.actions, actions, pairs, where, lambda a: a.text)
    aliases = _aliases(found)
    for i, j in pairs:
        g, a = gold.actions[i], actions[j]
        if not _right_or_wrong(f["action_owner"], list(g.owner) or None, a.owner,
                               lambda x, y: owners_match(x, y, aliases)):
            card.misses.append(f"{where} owner of '{g.text[:50]}': gold {list(g.owner)}, found {a.owner!r}")
        if g.due is not None or a.due_date is not None:
            if not _right_or_wrong(f["action_due"], g.due, a.due_date, lambda x, y: x == y):
                card.misses.append(f"{where} due of '{g.text[:50]}': gold {g.due}, found {a.due_date}")
    decisions = list(found.decisions) if found else []
    pairs = assign(gold.decisions, decisions, lambda g, d: text_similarity(g.text, d.text), _TEXT_THRESHOLD)
    _count_matches(card, "decisions", gold.decisions, decisions, pairs, where, lambda d: d.text)
    for i, j in pairs:
        g, d = gold.decisions[i], decisions[j]
        if g.outcome is not None:
            if not _right_or_wrong(f["decision_outcome"], g.outcome, d.outcome, lambda x, y: x == y):
                card.misses.append(f"{where} outcome of '{g.text[:50]}': gold {g.outcome}, found {d.outcome}")


def _count_matches(card: Scorecard, name: str, gold: tuple, found: list, pairs: list, where: str, text) -> None:
    s = card.fields[name]
    s.tp += len(pairs)
    s.fn += len(gold) - len(pairs)
    s.fp += len(found) - len(pairs)
    s.correct += len(pairs)
    s.total += len(gold)
    matched_g = {i for i, _ in pairs}
    matched_f = {j for _, j in pairs}
    singular = name.rstrip("s")
    card.misses += [f"{where} {singular} missed: {g.text[:90]}" for i, g in enumerate(gold) if i not in matched_g]
    card.misses += [f"{where} {singular} extra: {text(x)[:90]}" for j, x in enumerate(found) if j not in matched_f]


def _align(gold: tuple[GoldMeeting, ...], found: list[MeetingRecords]) -> list[tuple[GoldMeeting, MeetingRecords | None]]:
    """Gold meetings paired with the pipeline's: by date, else in order for one of each."""
    if len(gold) == 1 and len(found) == 1:
        return [(gold[0], found[0])]
    pairs = assign(gold, found, lambda g, m: 1.0 if g.date and g.date == m.meeting.date else 0.0, 1.0)
    by_gold = {i: found[j] for i, j in pairs}
    return [(g, by_gold.get(i)) for i, g in enumerate(gold)]


def score_document(gold: GoldDocument, found: list[MeetingRecords]) -> Scorecard:
    """The scorecard of one document: its gold values against the pipeline's meetings."""
    card = Scorecard()
    kind = found[0].meeting.kind if found else None
    if not _right_or_wrong(card.fields["kind"], gold.kind, kind, lambda a, b: a == b):
        card.misses.append(f"{gold.document}: kind gold {gold.kind}, found {kind}")
    aligned = _align(gold.meetings, found)
    for n, (g, m) in enumerate(aligned, 1):
        where = gold.document if len(aligned) == 1 else f"{gold.document} [{g.date or n}]"
        _score_meeting(card, g, m, where)
    used = {id(m) for _, m in aligned if m is not None}
    for m in found:
        if id(m) not in used:
            card.misses.append(f"{gold.document}: extra meeting {m.meeting.date}")
            # an extra meeting's records are all extras
            card.fields["attendees"].fp += len(m.attendees)
            card.fields["actions"].fp += len(m.actions)
            card.fields["decisions"].fp += len(m.decisions)
    return card
