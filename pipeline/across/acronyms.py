"""The ``acronyms`` table: each acronym a meeting uses or defines, with its expansion.

The expansion comes from the meeting's own text first (``source = text``: "Service
Improvement Board (SIB)", or its attendance list: "Director of Business Services (DBS)"),
else from another meeting of the run (``corpus``), else from the glossary in
rules/acronyms.yaml and the role abbreviations of rules/people.yaml (``glossary``). A
meeting's own reading always wins: the seed's DBS is its Director of Business Services, not
the Disclosure and Barring Service of the glossary.

People's short forms are not acronyms: initials in an attendance list ("Alison Wheeler
(AW)", "Rachel Hartland-Lane (RHL)") are left to the ``attendees`` table, and a token that is
someone's initials in a meeting (Horsley's "HR", Helen Richardson) is no use of the
glossary's HR there.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from ..nlp.acronyms import (
    acronym_key, find_definitions, find_uses, head_word, long_form_words, looks_like_acronym, name_keys,
    short_form_fits,
)
from ..records import AcronymRow, Attendee, MeetingRecords, record_texts
from ..rules import AcronymRules, GlossaryEntry, Rules
from ..textutil import without_accents


@dataclass(frozen=True)
class _Defined:
    """A definition found in one meeting, with where it was found."""

    acronym: str
    expansion: str
    record_table: str
    record_id: str
    start: int | None
    end: int | None
    short_span: tuple[int, int] | None
    from_attendees: bool = False
    body: str | None = None  # the meeting series it was defined in (meetings.body)


def build_acronyms(meetings: list[MeetingRecords], rules: Rules) -> dict[str, list]:
    """Rows of the ``acronyms`` table for every meeting of the run."""
    arules = rules.acronyms
    if arules is None:
        return {"acronyms": []}
    glossary = glossary_entries(rules)
    titles = rules.people.name_titles
    names = name_keys((a.name for m in meetings for a in m.attendees), titles)
    cues = [cue for cue, _ in rules.people.attendance_headings]
    heads = arules.role_heads | arules.body_heads

    per_meeting: list[tuple[dict[str, _Defined], set[str], list[tuple[str, str, str]]]] = []
    for m in meetings:
        texts = record_texts(m)
        defined: dict[str, _Defined] = {}
        persons = {a.abbrev for a in m.attendees if a.abbrev and _is_initials(a)}
        for attendee in m.attendees:
            d = _from_attendee(attendee, arules)
            if d and d.acronym not in defined:
                defined[d.acronym] = replace(d, body=m.meeting.body)
        for table, record_id, text in texts:
            for d in find_definitions(text, arules.small_words, names=names, titles=titles,
                                      attendance_cues=cues, heads=heads):
                if d.kind == "person":
                    persons.add(d.acronym)
                elif d.acronym not in defined:  # the first definition is the one kept
                    defined[d.acronym] = _Defined(d.acronym, d.long_form, table, record_id, d.start, d.end,
                                                  (d.short_start, d.short_end), body=m.meeting.body)
        for key in persons:
            # a meeting's people come first: their initials are no acronym there
            if key in defined and not defined[key].from_attendees:
                del defined[key]
        per_meeting.append((defined, persons, texts))

    all_defined: dict[str, list[_Defined]] = {}
    for defined, _, _ in per_meeting:
        for d in defined.values():
            all_defined.setdefault(d.acronym, []).append(d)
    upper_glossary = {k.upper(): g for k, g in glossary.items()}

    rows: list[AcronymRow] = []
    corpus_of: dict[tuple[str, str | None], _Defined | None] = {}
    for m, (defined, persons, texts) in zip(meetings, per_meeting):
        known = (set(defined) | set(all_defined) | set(glossary)) - persons
        # an all-capitals token finds a mixed-case glossary entry ("DFE" → "DfE"); not one of
        # the run's definitions: rzzt-cic's "CIC" is no Kent "CiC" (Children in Care)
        upper = {k.upper(): k for k in glossary if k.upper() not in known}
        initials = {(x.record_table, x.record_id, x.start) for x in m.mentions if x.kind == "initials"}
        # minutes that write their people by initials ("MH and CC were thanked", "JP to
        # organise") use two capitals for people they never list: two-letter acronyms
        # they do not define themselves are not read there
        by_initials = sum(1 for a in m.attendees if a.abbrev and _is_initials(a)) >= 2
        uses: Counter[str] = Counter()
        for table, record_id, text in texts:
            skip = [d.short_span for d in defined.values()
                    if d.short_span and d.record_table == table and d.record_id == record_id]
            for key, start, _end in find_uses(text, known | set(upper)):
                if any(s <= start < e for s, e in skip):
                    continue  # the short form inside its own definition is no use
                if (table, record_id, start) in initials:
                    continue  # the people tagger read it as someone's initials
                key = key if key in known else upper.get(key, key)
                if key in persons or (by_initials and len(key) == 2 and key not in defined):
                    continue
                uses[key] += 1
        for key in sorted(set(defined) | set(uses), key=lambda k: (k.upper(), k)):
            if (key, m.meeting.body) not in corpus_of:  # the same for every meeting of a body
                corpus_of[key, m.meeting.body] = _corpus_expansion(all_defined.get(key, []), m.meeting.body)
            corpus = corpus_of[key, m.meeting.body]
            entry = glossary.get(key) or upper_glossary.get(key.upper())
            rows.append(_row(m, key, defined.get(key), corpus, entry, uses[key], arules))
    return {"acronyms": rows}


def glossary_entries(rules: Rules) -> dict[str, GlossaryEntry]:
    """The glossary: people.yaml's role abbreviations (category ``role``), then
    acronyms.yaml's entries, which win where both name the same acronym."""
    entries: dict[str, GlossaryEntry] = {}
    for abbrev, title in rules.people.roles.items():
        # "Ch Supt", "Supt": written with a space or one capital, never an acronym token
        if looks_like_acronym(abbrev) and " " not in abbrev:
            entries[abbrev] = GlossaryEntry(abbrev, title, "role")
    if rules.acronyms is not None:
        entries.update(rules.acronyms.glossary)
    return entries


def _is_initials(attendee: Attendee) -> bool:
    """Whether an attendee's short form is their initials ("JB", "AHol", "RHL"), not a post."""
    words = [w for w in re.split(r"[\s\-]+", attendee.name) if w[:1].isupper()]
    initials = "".join(w[0] for w in words).upper()
    abbrev = attendee.abbrev.upper()
    # "AHol": the initials of the first names and the start of the surname
    return bool(initials) and (abbrev == initials or (abbrev.startswith(initials[:-1]) and
                                                      words[-1].upper().startswith(abbrev[len(initials) - 1:])))


def _from_attendee(attendee: Attendee, arules: AcronymRules) -> _Defined | None:
    """The definition an attendance list gives a post's short form: "Director of Business
    Services (DBS)"; "Assistant Chief Constable (ACCLP)" too, the post's initials followed
    by a few letters of its portfolio."""
    if not attendee.abbrev or not attendee.role or not looks_like_acronym(attendee.abbrev) or _is_initials(attendee):
        return None
    abbrev = acronym_key(attendee.abbrev)
    words = long_form_words(attendee.role, arules.small_words)
    fits = short_form_fits(abbrev, words)
    if not fits:
        for cut in range(len(abbrev) - 1, max(1, len(abbrev) - 3) - 1, -1):
            if abbrev[cut:].isupper() and short_form_fits(abbrev[:cut], words):
                fits = True
                break
    if not fits:
        return None
    return _Defined(abbrev, attendee.role.strip(), "attendees", attendee.person_id, None, None, None,
                    from_attendees=True)


def _same(a: str, b: str) -> bool:
    """Two expansions that say the same ("Key Performance Indicators" / "key performance indicator")."""
    return _normal_words(a) == _normal_words(b)


@lru_cache(maxsize=4096)
def _normal_words(expansion: str) -> tuple[str, ...]:
    """An expansion's words in lower case, accents and plural "s" taken off."""
    words = re.findall(r"[a-z0-9]+", without_accents(expansion).lower())
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def _corpus_expansion(found: list[_Defined], body: str | None) -> _Defined | None:
    """The definition other meetings of the run give an acronym: those of the same meeting
    series (``meetings.body``) first, then the expansion most meetings give (the first)."""
    same = [d for d in found if body and d.body == body]
    found = same or found
    if not found:
        return None
    # each definition votes for the first expansion that says the same as its own
    first: dict[tuple[str, ...], str] = {}
    votes: Counter[str] = Counter()
    for d in found:
        votes[first.setdefault(_normal_words(d.expansion), d.expansion)] += 1
    best = max(votes.values())
    return next(d for d in found if votes.get(d.expansion) == best)


def _category(expansion: str, key: str, from_attendees: bool, glossary: GlossaryEntry | None,
              arules: AcronymRules) -> str:
    """``role``, ``body`` or ``term`` for an expansion read from a text."""
    if from_attendees:
        return "role"
    if glossary is not None and _same(glossary.expansion, expansion):
        return glossary.category
    head = head_word(expansion)
    if head in arules.role_heads:
        return "role"
    if head in arules.body_heads:
        return "body"
    return "term"


def _row(m: MeetingRecords, key: str, own: _Defined | None, corpus: _Defined | None,
         glossary: GlossaryEntry | None, uses: int, arules: AcronymRules) -> AcronymRow:
    meeting_id = m.meeting.meeting_id
    if own is not None:
        return AcronymRow(meeting_id, key, own.expansion,
                          _category(own.expansion, key, own.from_attendees, glossary, arules), "text",
                          own.record_table, own.record_id, own.start, own.end, uses)
    if corpus is not None:
        return AcronymRow(meeting_id, key, corpus.expansion,
                          _category(corpus.expansion, key, corpus.from_attendees, glossary, arules), "corpus",
                          None, None, None, None, uses)
    assert glossary is not None
    return AcronymRow(meeting_id, key, glossary.expansion, glossary.category, "glossary",
                      None, None, None, None, uses)
