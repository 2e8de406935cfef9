"""Threads: the same matter followed from meeting to meeting (table ``threads``).

Two ways in, both set in rules/tracking.yaml:

- an inspection finding (an item of a ``finding_kinds`` kind with a number: AFI 5,
  Recommendation 2) joins the thread of the same label in the same series, when its
  text says it is the same finding (a second report can number its findings from 1 again);
  findings never join by similarity, so two AFIs never share a thread;
- any other item (not procedural: apologies, minutes of the last meeting …) joins the
  thread of the earlier item most like it: its text about the same matter (TF-IDF cosine at
  least the threshold, link ``similarity``) or its heading the same standing item told in
  other words ("General Manager's Update", "General Managers Report": link ``heading``),
  one item per meeting in a thread.

Every other item starts a thread of its own, so every substantive item has a thread id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Item, MeetingRecords, ThreadLink
from ..rules import Rules, ThreadRules
from .series import in_date_order
from .similarity import content_words, cosine_pairs, vectorise_by_group

_WORDS = re.compile(r"[^\W\d_]{2,}")


@dataclass
class _Candidate:
    """An item that can be threaded, with what it is compared by."""

    item: Item
    meeting_index: int
    date: str | None
    series: str
    finding: tuple[str, str] | None  # (kind, number) for an inspection finding
    text: str
    words: int
    heading: frozenset[str] = frozenset()


@dataclass
class _Thread:
    thread_id: str
    members: list[int] = field(default_factory=list)  # candidate indexes, in order
    meetings: set[int] = field(default_factory=set)


def _stem(word: str) -> str:
    """"managers" and "manager's" → "manager": headings differ most in plurals."""
    word = word.removesuffix("'s").removesuffix("’s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _heading_score(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two headings' content words (0 when either has none)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _heading(item: Item, rules: ThreadRules) -> str:
    """The item's heading when it names a matter; "New business" names none."""
    title = (item.title or "").strip()
    return "" if title.lower().strip(" :.-–") in rules.generic_headings else title


def _candidates(meetings: list[MeetingRecords], rules: Rules) -> list[_Candidate]:
    t = rules.tracking.threads
    heading_noise = (*rules.tracking.stop_words, *t.heading_noise_words)
    out = []
    for index, records in enumerate(meetings):
        series = records.meeting.series or records.meeting.meeting_id
        for item in sorted(records.items, key=lambda i: i.seq):
            if item.kind in t.procedural_kinds:
                continue
            finding = (item.kind, item.number) if item.kind in t.finding_kinds and item.number else None
            # a finding is compared by its statement alone; another item by heading and text
            text = (item.text or "") if finding else " ".join(p for p in (_heading(item, t), item.text or "") if p)
            heading = _heading(item, t)
            out.append(_Candidate(item, index, records.meeting.date, series, finding, text,
                                  len(_WORDS.findall(text)),
                                  frozenset(_stem(w) for w in content_words(heading, heading_noise))))
    return out


def build_threads(meetings: list[MeetingRecords], rules: Rules) -> dict[str, list]:
    """Rows of ``threads``: every substantive item of every meeting, with its thread."""
    t = rules.tracking.threads
    ordered = in_date_order(meetings)
    candidates = _candidates(ordered, rules)
    # TF-IDF fitted per series: an item's weights depend on its series alone, not on what
    # else the run holds (scope `all`: on the whole run)
    groups = [c.series if t.scope == "series" else "" for c in candidates]
    vectors = vectorise_by_group([c.text for c in candidates], groups, rules.tracking.stop_words)

    # each item's look-alikes among the items of the `window` meetings before its own (of
    # its series, or of the run with scope `all`): a matter continues from where it was
    # last discussed, and the bound keeps the work linear in the size of an archive
    by_meeting: dict[int, list[int]] = {}
    for i, c in enumerate(candidates):
        by_meeting.setdefault(c.meeting_index, []).append(i)
    earlier = _earlier_meetings(ordered, t)
    similar: dict[int, dict[int, float]] = {}
    for meeting_index, rows in by_meeting.items():
        window = [j for m in earlier[meeting_index] for j in by_meeting.get(m, ())]
        if window:
            for a, b, score in cosine_pairs(vectors[rows], vectors[window], t.similarity_threshold):
                similar.setdefault(rows[a], {})[window[b]] = score

    threads: list[_Thread] = []
    thread_of: dict[int, tuple[_Thread, str, int | None, float | None]] = {}
    by_label: dict[tuple[str, str, str], list[_Thread]] = {}

    def start(i: int) -> _Thread:
        thread = _Thread("t-" + candidates[i].item.item_id.removeprefix("i-"))
        threads.append(thread)
        return thread

    def join(thread: _Thread, i: int, link: str, via: int | None, score: float | None) -> None:
        thread.members.append(i)
        thread.meetings.add(candidates[i].meeting_index)
        thread_of[i] = (thread, link, via, score)

    for i, c in enumerate(candidates):
        scores = similar.get(i, {})
        if c.finding:
            key = (c.series, *c.finding)
            open_threads = [th for th in by_label.get(key, ()) if c.meeting_index not in th.meetings]
            # a finding is compared with its label's threads wherever they last came up
            lasts = [th.members[-1] for th in open_threads]
            last_scores = dict(zip(lasts, (vectors[lasts] @ vectors[i].T).toarray().ravel())) if lasts else {}
            chosen, score = _same_finding(c, open_threads, last_scores, candidates, t)
            if chosen is None:
                thread = start(i)
                by_label.setdefault(key, []).append(thread)
                join(thread, i, "first", None, None)
            else:
                join(chosen, i, "label", chosen.members[-1], score)
            continue
        window = [j for m in sorted(earlier[c.meeting_index]) for j in by_meeting.get(m, ())]
        best = _best_earlier(c, scores, candidates, thread_of, window, t)
        if best is None:
            join(start(i), i, "first", None, None)
        else:
            link, j, score = best
            join(thread_of[j][0], i, link, j, score)

    rows = []
    for thread in threads:
        for seq, i in enumerate(thread.members, start=1):
            c = candidates[i]
            _, link, via, score = thread_of[i]
            rows.append(ThreadLink(
                thread_id=thread.thread_id, item_id=c.item.item_id, meeting_id=c.item.meeting_id,
                link=link, seq=seq, date=c.date, label=c.item.label or c.item.title,
                linked_item_id=candidates[via].item.item_id if via is not None else None,
                score=round(score, 3) if score is not None else None,
            ))
    return {"threads": rows}


def _earlier_meetings(ordered: list[MeetingRecords], rules: ThreadRules) -> dict[int, set[int]]:
    """Meeting index → the indexes of the ``window`` meetings before it that its items are
    compared with: of its series, or of the whole run with scope ``all``."""
    members: dict[str, list[int]] = {}
    for index, m in enumerate(ordered):
        key = (m.meeting.series or m.meeting.meeting_id) if rules.scope == "series" else ""
        members.setdefault(key, []).append(index)
    earlier = {}
    for indexes in members.values():
        for position, index in enumerate(indexes):
            earlier[index] = set(indexes[max(0, position - rules.window):position])
    return earlier


def _best_earlier(c: _Candidate, scores: dict[int, float], candidates: list[_Candidate],
                  thread_of: dict, window: list[int], rules: ThreadRules) -> tuple[str, int, float] | None:
    """(link, earlier candidate, score) of the earlier item this one continues, if any:
    the highest score of text similarity and heading overlap over the thresholds (the
    latest item on a tie), in a thread with no item of this meeting yet."""
    options: list[tuple[float, int, str]] = []
    if c.words >= rules.min_words:
        options += [(score, j, "similarity") for j, score in scores.items()
                    if score >= rules.similarity_threshold and candidates[j].words >= rules.min_words]
    if c.heading:
        for j in window:
            score = _heading_score(c.heading, candidates[j].heading)
            if score >= rules.heading_threshold:
                options.append((score, j, "heading"))
    for score, j, link in sorted(options, key=lambda o: (-o[0], o[2] != "similarity", -o[1])):
        other = candidates[j]
        if other.finding or (rules.scope == "series" and other.series != c.series):
            continue
        if c.meeting_index in thread_of[j][0].meetings:
            continue
        return link, j, score
    return None


def _same_finding(c: _Candidate, open_threads: list[_Thread], scores: dict[int, float],
                  candidates: list[_Candidate], rules: ThreadRules) -> tuple[_Thread | None, float | None]:
    """The thread of the same finding among those with its label, and the score that
    says so (None when the label alone decides)."""
    if not open_threads:
        return None, None
    # the latest thread first: a label repeated by a newer report continues the newer one
    open_threads = sorted(open_threads, key=lambda th: candidates[th.members[-1]].meeting_index, reverse=True)
    if c.words < rules.finding_min_words:
        return open_threads[0], None
    best, best_score = None, -1.0
    for thread in open_threads:
        last = thread.members[-1]
        if candidates[last].words < rules.finding_min_words:
            if best is None:
                best, best_score = thread, -1.0
            continue
        score = scores.get(last, 0.0)
        if score >= rules.finding_same_report_similarity and score > best_score:
            best, best_score = thread, score
    return best, (best_score if best_score >= 0 else None)
