"""People across meetings: one person id per person, the posts they held and when.

Each meeting gives its attendees ids from their names as written (``person_id_for``), which
already folds hyphens, accents, a title and case. Across the meetings of a run this module
goes further, and never further than the run allows:

- a post written before a name, further titles and honours are no part of it
  ("T/ACC Rachel Hartland-Lane", "Cllr Dr Ann Green", "Mr R Love OBE");
- a name written less fully ("R Hartland-Lane", "Rachel Lane") is the same person as one
  written more fully ("Rachel Hartland-Lane") only when exactly one such person is seen
  in the run, and never when the two are listed apart at the same meeting.

``link_people`` rewrites every person id of the meetings' records to the person's id
across the run, then resolves "the PCC" in a meeting the PCC did not attend through the
registry of posts (resolution ``registry``): the one person who held the post at the
nearest meetings before and after it. Two people who fit leave it unresolved.
``build_people`` gives the ``people`` and ``person_roles`` tables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date

from ..nlp.people import id_of_folded, normalise_name, role_key, split_rank
from ..records import Attendee, MeetingRecords, Mention, PersonRole, PersonRow
from ..rules import PeopleRules, Rules
from ..segment.people_lists import POST_NOMINALS

_POSSESSIVE = re.compile(r"['’]s$")


# --- names --------------------------------------------------------------------------


def name_key(name: str, rules: PeopleRules) -> tuple[str, ...]:
    """The words that say who a name means: folded (``normalise_name``), without a post
    written before it, titles ("Cllr Dr") or honours after it ("OBE")."""
    _, name = split_rank(name, rules)
    words = normalise_name(name).split()
    titles = {t.lower().rstrip(".") for t in rules.name_titles}
    honours = {h.lower() for h in POST_NOMINALS}
    while len(words) > 1 and words[0] in titles:
        words.pop(0)
    while len(words) > 1 and words[-1] in honours:
        words.pop()
    return tuple(words)


def _same_given(short: str, full: str) -> bool:
    """A given name as written short ("r") or in full matches one written in full."""
    return short == full or (len(short) == 1 and full.startswith(short))


def refines(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """True when ``full`` writes the name ``short`` more completely: the same surname,
    the same first name or its initial, and ``short``'s other given names or initials
    among ``full``'s in order ("rachel hartland lane" refines "r hartland lane" and
    "rachel lane"). A name of one word is refined by nothing: it says too little."""
    if len(short) < 2 or full == short or len(full) < len(short) or full[-1] != short[-1]:
        return False
    given_full, given_short = full[:-1], short[:-1]
    if not _same_given(given_short[0], given_full[0]):
        return False
    i = 1
    for word in given_short[1:]:
        while i < len(given_full) and not _same_given(word, given_full[i]):
            i += 1
        if i == len(given_full):
            return False
        i += 1
    return True


def _specificity(key: tuple[str, ...]) -> tuple[int, int]:
    return len(key), sum(len(w) > 1 for w in key)


# --- the registry -------------------------------------------------------------------


@dataclass
class _Person:
    """Everything seen of one person in the run."""

    key: tuple[str, ...]
    keys: set[tuple[str, ...]]
    meetings: set[str]


class Registry:
    """The people of a run: who is who across meetings, and who held which post when."""

    def __init__(self, meetings: list[MeetingRecords], rules: PeopleRules):
        self.rules = rules
        self.meetings = meetings
        self.dates = {m.meeting.meeting_id: _date(m.meeting.date) for m in meetings}
        keys: dict[tuple[str, ...], set[str]] = defaultdict(set)  # name key → meetings
        first: dict[tuple[str, ...], int] = {}
        for m in meetings:
            for a in m.attendees:
                key = name_key(a.name, rules)
                if key:
                    keys[key].add(m.meeting.meeting_id)
                    first.setdefault(key, len(first))
        self._root = self._cluster(keys, first)

    def _cluster(self, keys: dict[tuple[str, ...], set[str]], first: dict) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Name key → the key of the person it names (the most complete spelling)."""
        people: dict[tuple[str, ...], _Person] = {}
        root: dict[tuple[str, ...], tuple[str, ...]] = {}
        by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        # the most complete names first, so a short one meets every fuller one it may be
        for key in sorted(keys, key=lambda k: (*(-n for n in _specificity(k)), first[k])):
            fits = {root[other] for other in by_surname[key[-1]] if refines(other, key)}
            by_surname[key[-1]].append(key)
            if len(fits) == 1:
                person = people[next(iter(fits))]
                # listed apart at one meeting: two people, whatever their names say
                if person.meetings.isdisjoint(keys[key]):
                    person.keys.add(key)
                    person.meetings |= keys[key]
                    root[key] = person.key
                    continue
            people[key] = _Person(key, {key}, set(keys[key]))
            root[key] = key
        return root

    def person_id(self, name: str) -> str | None:
        """The run-wide id of an attendee called ``name``; None for a name of no words."""
        key = name_key(name, self.rules)
        return id_of_folded(" ".join(self._root.get(key, key))) if key else None

    def id_map(self, meeting: MeetingRecords) -> dict[str, str]:
        """A meeting's person ids → run-wide ids, for the people on its attendance list."""
        out = {}
        for a in meeting.attendees:
            new = self.person_id(a.name)
            if new:
                out[a.person_id] = new
        return out

    def roles(self) -> list[PersonRole]:
        """Every post every attendee held at every meeting, oldest first."""
        rows = []
        for m in self.meetings:
            for a in m.attendees:
                key, acting = role_key(a.role, a.abbrev, self.rules)
                pid = self.person_id(a.name)
                if key and pid:
                    rows.append(PersonRole(pid, a.role or a.abbrev, key, acting, m.meeting.meeting_id,
                                           m.meeting.date, a.name, a.status))
        return sorted(rows, key=lambda r: (r.date or "", r.person_id))


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# --- resolving mentions by date -----------------------------------------------------


class PostHolders:
    """Who held each post at each meeting date, to resolve a post nobody present holds."""

    def __init__(self, roles: list[PersonRole], rules: PeopleRules):
        self.rules = rules
        self.window = rules.registry_window_days
        by_post: dict[str, dict[date, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.at_meeting: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in roles:
            self.at_meeting[(r.role_key, r.meeting_id)].add(r.person_id)
            when = _date(r.date)
            if when is not None:
                by_post[r.role_key][when].add(r.person_id)
        self.by_post = {post: (sorted(days), days) for post, days in by_post.items()}
        self.posts = {role_key(None, short, rules)[0] for short in rules.roles}

    def post_of(self, surface: str) -> str | None:
        """The post a mention names ("the PCC's" → "PCC"); None when it names no post."""
        words = surface.strip().split()
        if words and words[0] in self.rules.determiners:
            words = words[1:]
        text = _POSSESSIVE.sub("", " ".join(words))
        key, _ = role_key(text, None, self.rules)
        return key if key in self.posts else None

    def holder(self, post: str, meeting_id: str, when: date | None) -> str | None:
        """The one person who held ``post`` at the meeting: listed there, or else at the
        nearest meetings before and after it within the window (both, when both exist,
        must be that one person). None when no one or more than one fits."""
        here = self.at_meeting.get((post, meeting_id))
        if here:
            return next(iter(here)) if len(here) == 1 else None
        if when is None or post not in self.by_post:
            return None
        days, holders = self.by_post[post]
        fits: set[str] = set()
        before = bisect_right(days, when) - 1
        if before >= 0 and (when - days[before]).days <= self.window:
            fits |= holders[days[before]]
        after = bisect_right(days, when)  # another meeting the same day counts as before
        if after < len(days) and (days[after] - when).days <= self.window:
            fits |= holders[days[after]]
        return next(iter(fits)) if len(fits) == 1 else None


def _resolve_by_registry(mention: Mention, holders: PostHolders, when: date | None) -> Mention:
    if mention.resolution != "not_present" or mention.person_id:
        return mention
    post = holders.post_of(mention.surface)
    pid = holders.holder(post, mention.meeting_id, when) if post else None
    return replace(mention, person_id=pid, resolution="registry") if pid else mention


# --- rewriting the records ------------------------------------------------------------


def _remap(record, ids: dict[str, str]):
    """The record with every person id column (``person_id``, ``*_person_id``; several
    joined by ``;``) given its run-wide id."""
    changes = {}
    for f in fields(record):
        if f.name == "person_id" or f.name.endswith("_person_id"):
            value = getattr(record, f.name)
            if isinstance(value, str) and value:
                new = ";".join(dict.fromkeys(ids.get(v, v) for v in value.split(";")))
                if new != value:
                    changes[f.name] = new
    return replace(record, **changes) if changes else record


def link_people(meetings: list[MeetingRecords], rules: Rules) -> list[MeetingRecords]:
    """The meetings with one person id per person across them all, and mentions of a
    post nobody present holds resolved through the registry where one person fits."""
    registry = Registry(meetings, rules.people)
    linked = []
    for m in meetings:
        ids = registry.id_map(m)
        changes = {}
        for f in fields(m):
            value = getattr(m, f.name)
            if f.name == "meeting":
                changes[f.name] = _remap(value, ids)
            elif isinstance(value, tuple):
                changes[f.name] = tuple(_remap(r, ids) for r in value)
        linked.append(replace(m, **changes))
    # linking keeps every name, so the registry's posts are those of the linked meetings
    holders = PostHolders(registry.roles(), rules.people)
    out = []
    for m in linked:
        when = _date(m.meeting.date)
        mentions = tuple(_resolve_by_registry(x, holders, when) for x in m.mentions)
        out.append(replace(m, mentions=mentions))
    return out


def build_people(meetings: list[MeetingRecords], rules: Rules) -> dict[str, list]:
    """The ``people`` and ``person_roles`` tables of a run (from linked meetings)."""
    registry = Registry(meetings, rules.people)
    roles = registry.roles()
    seen: dict[str, list[tuple[Attendee, str | None]]] = defaultdict(list)
    for m in sorted(meetings, key=lambda m: m.meeting.date or ""):
        for a in m.attendees:
            pid = registry.person_id(a.name)
            if pid:
                seen[pid].append((a, m.meeting.date))
    roles_of: dict[str, dict[tuple[str, bool], str]] = defaultdict(dict)
    for r in roles:
        roles_of[r.person_id].setdefault((r.role_key, r.acting), r.role)
    people = []
    for pid, rows in seen.items():
        names = Counter(a.name for a, _ in rows)
        order = list(dict.fromkeys(a.name for a, _ in rows))
        best_key = max((name_key(n, rules.people) for n in order), key=_specificity)
        full = [n for n in order if name_key(n, rules.people) == best_key]
        name = max(full, key=lambda n: (split_rank(n, rules.people)[0] is None, names[n], -order.index(n)))
        dates = sorted(d for _, d in rows if d)
        written = roles_of.get(pid, {})  # (post, acting) → the role as first written
        people.append(PersonRow(
            person_id=pid, name=name, variants="; ".join(n for n in order if n != name) or None,
            first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
            meetings=len({a.meeting_id for a, _ in rows}),
            roles="; ".join(written.values()) or None,
        ))
    return {"people": sorted(people, key=lambda p: p.person_id), "person_roles": roles}
