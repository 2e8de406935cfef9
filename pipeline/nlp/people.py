"""Who a mention means: resolving role abbreviations, initials and names to people.

A meeting's own attendance list comes first: its bracketed short forms ("CC", "ACCLP",
"RHL"), its names and its capacities. Then rules/people.yaml says what role
abbreviations stand for, so "the ACC" can be matched to attendees whose capacity is
"Assistant Chief Constable". One fit resolves the mention; two or more leave it
unresolved (``ambiguous``): never a guess. Bodies ("SIB", "OCC") are not people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import PeopleRules
from ..textutil import without_accents

_TITLES = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof|professor|cllr|councillor|sir|dame|lord|lady|rev|revd|the)\.?\s+",
    re.IGNORECASE,
)


_PEOPLE_SPLIT = re.compile(r"(\s*(?:/|,|&|\band\b)\s*)")

# Statuses of people who were not at the meeting (rules.ATTENDANCE_STATUSES)
AWAY = frozenset({"apologies", "absent"})


def split_people(text: str, acting: re.Pattern | None = None) -> list[str]:
    """The people of an owner as written: "TS/SC", "NA, MS, HK and CR", "Mags & Karen".

    With the ``acting`` prefixes (rules/people.yaml), "T/ACCCV" stays one post: its "/"
    ends a prefix and joins no two people.
    """
    pieces = _PEOPLE_SPLIT.split(text)
    parts: list[str] = []
    carry = ""
    for i in range(0, len(pieces), 2):
        part = carry + pieces[i]
        separator = pieces[i + 1] if i + 1 < len(pieces) else ""
        if separator.strip() == "/" and _is_acting_prefix(part + separator.strip(), acting):
            carry = part + "/"
            continue
        carry = ""
        parts.append(part)
    if carry:
        parts.append(carry)
    return [p for p in (part.strip(" .") for part in parts) if p]


def _is_acting_prefix(text: str, acting: re.Pattern | None) -> bool:
    """True when ``text`` is nothing but acting prefixes ("T/", "A/")."""
    if acting is None or not text.strip():
        return False
    rest = text.strip()
    while rest and (m := acting.match(rest)) and m.end() > 0:
        rest = rest[m.end():].lstrip()
    return not rest


def normalise_name(name: str) -> str:
    """A name folded for comparison: accents, titles, hyphens and case removed."""
    text = _TITLES.sub("", without_accents(name).strip())
    text = re.sub(r"[-‐‑–—'’.]", " ", text)
    return " ".join(text.lower().split())


def person_id_for(name: str) -> str:
    """The stable id of a person, from their name: ``p-rachel-hartland-lane``.

    Spelling variants that differ only in hyphens, accents, titles or case give the
    same id ("Rachel Hartland Lane" / "Rachel Hartland-Lane").
    """
    return id_of_folded(normalise_name(name))


def id_of_folded(folded: str) -> str:
    """The person id of a name already folded by ``normalise_name``."""
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return f"p-{slug or 'unknown'}"


def strip_acting(text: str, acting: re.Pattern | None) -> tuple[str, bool]:
    """A capacity or short form without its acting prefixes (rules/people.yaml
    ``acting_prefixes``), and whether it had one: "T/ACC" → ("ACC", True)."""
    text, found = text.strip(), False
    while acting is not None and (m := acting.match(text)) and m.end() < len(text):
        text, found = text[m.end():].lstrip(), True
    return text, found


def normalise_role(role: str, acting: re.Pattern | None = None) -> str:
    """A capacity folded for comparison, without acting/temporary prefixes."""
    text, _ = strip_acting(role, acting)
    return " ".join(re.sub(r"[^\w\s]", " ", text).lower().split())


_ROLE_TABLES: dict[int, tuple[dict, dict[str, str], dict[str, str]]] = {}


def _role_tables(roles: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """A post's abbreviation by its folded title, and by its folded abbreviation; made once
    per rules (``role_key`` is asked for every attendee of every meeting)."""
    kept = _ROLE_TABLES.get(id(roles))
    if kept is None or kept[0] is not roles:
        by_title: dict[str, str] = {}
        for short, title in roles.items():
            by_title.setdefault(normalise_role(title), short)
        by_short = {normalise_role(short): by_title[normalise_role(title)] for short, title in roles.items()}
        kept = _ROLE_TABLES[id(roles)] = (roles, by_title, by_short)
    return kept[1], kept[2]


def role_key(role: str | None, abbrev: str | None, rules: PeopleRules) -> tuple[str | None, bool]:
    """The post a capacity names, folded so that every way of writing it compares equal,
    and whether it is held acting or temporarily.

    A post in rules/people.yaml ``roles`` gives its (first-listed) abbreviation, whether
    written out ("Assistant Chief Constable"), abbreviated ("T/ACC") or shown only by the
    short form when no capacity is written ("ACC"): ``("ACC", True)``. Another capacity
    gives its folded words ("director of business services"): its short form is the
    meeting's own ("DCS" for a Director of Commercial Services is no Detective Chief
    Superintendent). No capacity and no post short form give None.
    """
    by_title, by_short = _role_tables(rules.roles)
    acting = False
    key = None
    for is_role, text in ((True, role), (False, abbrev)):
        if not text:
            continue
        base, prefixed = strip_acting(text, rules.acting)
        acting = acting or prefixed
        folded = normalise_role(base)
        if key is None:
            key = by_title.get(folded) or by_short.get(folded) or (folded if is_role else None) or None
    return key, acting


@lru_cache(maxsize=8)
def _rank_posts(roles: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, ...]:
    """What ``split_rank`` looks for, longest first: each post's short form (as written
    and in capitals) and title (in any case), followed by a space; compiled once."""
    posts = [(re.escape(s), 0) for short, _ in roles for s in {short, short.upper()}]
    posts += [(re.escape(title), re.IGNORECASE) for _, title in roles]
    return tuple(re.compile(post + r"\s+", flags) for post, flags in sorted(posts, key=lambda p: len(p[0]), reverse=True))


def split_rank(name: str, rules: PeopleRules) -> tuple[str | None, str]:
    """A post written before a name, and the name: "T/ACC Rachel Hartland-Lane" →
    ("T/ACC", "Rachel Hartland-Lane"); "Chief Constable Pippa Mills" → ("Chief
    Constable", "Pippa Mills"); (None, name) when no post of rules/people.yaml ``roles``
    opens it.

    Short forms match as written or in capitals only ("DI Smith", not "Di Smith"); what
    follows must read as a name (one to four capitalised words).
    """
    base, _ = strip_acting(name, rules.acting)
    for post in _rank_posts(tuple(rules.roles.items())):
        m = post.match(base)
        if not m:
            continue
        words = base[m.end():].split()
        if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            cut = len(name) - len(base) + m.end()
            return name[:cut].strip(), name[cut:].strip()
    return None, name


def initials_of(name: str) -> str:
    """The initials of a name: "Rachel Hartland Lane" → "RHL"."""
    return "".join(part[0] for part in normalise_name(name).split()).upper()


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on the meeting's attendance list, as the resolver needs them."""

    person_id: str
    name: str
    role: str | None
    abbrev: str | None
    status: str | None = None  # "present", "apologies" … (None when not known)

    @property
    def away(self) -> bool:
        """True when the list says the person was not there (apologies, absent)."""
        return self.status in AWAY


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a mention resolves to.

    ``status`` is ``resolved`` (``person_id`` set), ``ambiguous`` (several people fit),
    ``not_present`` (a role nobody at the meeting holds) or ``body`` (not a person).
    ``kind`` says how the person was named: ``abbreviation``, ``initials``,
    ``role_title`` or ``name``.
    """

    status: str
    kind: str
    person_id: str | None = None

    @property
    def is_person(self) -> bool:
        return self.status != "body"


class PeopleIndex:
    """The people of one meeting, indexed by short form, name and capacity."""

    def __init__(self, people: list[Person], rules: PeopleRules):
        self.people = tuple(people)
        self.rules = rules
        self._by_abbrev: dict[str, list[Person]] = {}
        # acting holders by their short form without the prefix: "T/ACCCV" under "ACCCV"
        self._acting_by_abbrev: dict[str, list[Person]] = {}
        self._by_name: dict[str, list[Person]] = {}
        self._by_role: dict[str, list[Person]] = {}
        self._acting: set[Person] = set()
        for person in people:
            if any(strip_acting(t, rules.acting)[1] for t in (person.role, person.abbrev) if t):
                self._acting.add(person)
            if person.abbrev:
                self._by_abbrev.setdefault(person.abbrev.upper(), []).append(person)
                base, prefixed = strip_acting(person.abbrev, rules.acting)
                if prefixed:
                    self._acting_by_abbrev.setdefault(base.upper(), []).append(person)
            self._by_name.setdefault(normalise_name(person.name), []).append(person)
            if person.role:
                self._by_role.setdefault(self._title_of(person.role), []).append(person)
        self._role_titles = {k.upper(): normalise_role(v) for k, v in rules.roles.items()}
        # read for every capitalised word of every text: worked out once
        self._initials = {p: initials_of(p.name) for p in people}
        self._bodies_upper = frozenset(b.upper() for b in rules.bodies)
        # each attendee's name folded (``normalise_name``), its first word, and its words
        # run together; and the words of their capacity: read on every name written in passing
        folded_names = [(p, normalise_name(p.name)) for p in self.people]
        self._first_words = [(p, folded.split()[:1]) for p, folded in folded_names]
        self._joined = [(p, folded.replace(" ", "")) for p, folded in folded_names]
        self._role_words = [(p, re.findall(r"[a-z-]+", p.role.lower())) for p in self.people if p.role]

    def _title_of(self, role: str) -> str:
        """A capacity folded, a post's short form written out: "T/ACC" is filed under
        "assistant chief constable", so "the ACC" finds an attendee listed as "T/ACC Jo Bloggs"."""
        folded = normalise_role(role, self.rules.acting)
        for short, title in self.rules.roles.items():
            if folded == normalise_role(short):
                return normalise_role(title, self.rules.acting)
        return folded

    @property
    def names(self) -> list[str]:
        """Every attendee's name as written."""
        return [p.name for p in self.people]

    def _pick(self, found: list[Person], kind: str) -> Resolution:
        ids = {p.person_id for p in found}
        there = {p.person_id for p in found if not p.away}
        if len(ids) > 1 and there:
            # who sent apologies neither spoke nor acted: one of those there is meant
            ids = there
        if len(ids) == 1:
            return Resolution("resolved", kind, next(iter(ids)))
        return Resolution("ambiguous", kind)

    def resolve_abbrev(self, abbrev: str) -> Resolution | None:
        """Resolve a short form ("CC", "ACCLP", "RHL", "T/ACCCV"); None when it names no one.

        Written with an acting prefix ("T/ACCCV", "A/DCC") it means the attendee listed
        so, else one holding that post acting, else its holder. Without one ("ACCCV") it means the
        substantive holder while they are there; when they sent apologies, an attendee
        holding the post acting ("T/ACCCV") stands in for them.
        """
        key = abbrev.upper()
        base, acting = strip_acting(abbrev, self.rules.acting)
        written = self._by_abbrev.get(key, [])
        stand_ins = [p for p in self._acting_by_abbrev.get(base.upper(), []) if p not in written]
        if acting:
            # failing anyone listed so, those listed under the bare short form, acting ones
            # first: lists often leave the prefix out ("Assistant Chief Constable (ACCCV)")
            listed = self._by_abbrev.get(base.upper(), [])
            found = written or stand_ins or [p for p in listed if p in self._acting] or listed
        else:
            found = written if any(not p.away for p in written) else written + stand_ins
        if found:
            initials = {self._initials[p] for p in found}
            kind = "initials" if key in initials else "abbreviation"
            return self._pick(found, kind)
        base_key = base.upper()
        if base_key in self._role_titles:
            return self._resolve_post(self._role_titles[base_key], "abbreviation", acting)
        if abbrev in self.rules.bodies or key in self._bodies_upper:
            return Resolution("body", "abbreviation")
        return None

    def resolve_role_title(self, title: str, kind: str = "role_title") -> Resolution:
        """Resolve a capacity ("Chief Constable", "Acting Chief Constable") to the
        attendee holding it; written acting, to one who holds it acting if any does."""
        base, acting = strip_acting(title, self.rules.acting)
        return self._resolve_post(base, kind, acting)

    def _resolve_post(self, title: str, kind: str, acting: bool) -> Resolution:
        found = self._by_role.get(self._title_of(title), [])
        if acting:
            found = [p for p in found if p in self._acting] or found
        if not found:
            return Resolution("not_present", kind)
        return self._pick(found, kind)

    def resolve_name(self, name: str) -> Resolution | None:
        """Resolve a written name to an attendee; None when no attendee has it."""
        found = self._by_name.get(normalise_name(name))
        return self._pick(found, "name") if found else None

    def resolve_first_name(self, name: str) -> Resolution | None:
        """Resolve a first name alone ("Karen") to the one attendee who has it; None when
        no attendee does (two who do make it ambiguous)."""
        key = normalise_name(name)
        if " " in key:
            return None
        found = [p for p, first in self._first_words if first == [key]]
        return self._pick(found, "first_name") if found else None

    def _resolve_nickname(self, nick: str) -> Resolution | None:
        """An IRC nickname that joins a name ("wendyreid" is Wendy Reid)."""
        key = normalise_name(nick).replace(" ", "")
        if not key.isalnum() or len(key) < 4:
            return None
        found = [p for p, joined in self._joined if joined == key]
        return self._pick(found, "nickname") if found else None

    def resolve_written(self, text: str) -> Resolution | None:
        """Resolve a person as minutes write them in passing: short form ("HR"), name,
        first name ("Karen") or capacity ("the Clerk"); None when none fits."""
        text = re.sub(r"^the\s+", "", text.strip(" ."), flags=re.IGNORECASE)
        if not text:
            return None
        found = self.resolve_abbrev(text) if text.isupper() or len(text) <= 5 else None
        if found is None or found.person_id is None:
            found = self.resolve_name(text) or self.resolve_first_name(text) or self._resolve_nickname(text)
        if found is None or found.person_id is None:
            role = self.resolve_role_title(text)
            found = role if role.person_id else (self._resolve_post_word(text) or found)
        return found

    def _resolve_post_word(self, word: str) -> Resolution | None:
        """"Clerk" for the one attendee whose capacity has that word ("Parish Clerk and
        Financial Responsible Person"); None when no one's or several people's does."""
        key = word.lower()
        if " " in key or key not in self.rules.role_words:
            return None
        found = [p for p, words in self._role_words if key in words]
        return self._pick(found, "role_title") if found else None

    def person_id_of(self, name: str) -> str | None:
        """The person id of an attendee named ``name``, or None."""
        res = self.resolve_name(name)
        return res.person_id if res else None
