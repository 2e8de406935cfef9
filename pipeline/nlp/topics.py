"""Topics: which matters of the taxonomy (rules/topics.yaml) each record is about.

A text is scanned once for every cue of every topic, by one pattern: the strings the cues
stand for ("call handl(?:ing|er|ers)" is three), folded to lower case and arranged as a trie
(nlp/word_sets.py), tried at the start of each word. A scan costs about as much as one
plain regular expression over the text, whatever the size of the taxonomy; one
alternation of all the cues, tried one by one at every word, cost twenty times more. The
few cues that stand for no finite set of strings (``\\d+``, ``\\s*``) are one more pattern.

The trie gives the longest cue at a word; the shorter cues ending inside it at a word's
end are read off it, so "child protection" is safeguarding and, by "child", about children
too. The scan goes on at the next word, not after the match: "knife crime prevention" is
serious violence and crime prevention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..records import MeetingRecords, TopicTag, record_texts
from ..rules import TopicRules, topic_cue_form, topic_cue_source
from .word_sets import finite_strings, trie_pattern

#: record tables not tagged: the meeting's title names the body, not a matter discussed
_SKIPPED = frozenset({"meetings"})
_PLURALS = ("", "s", "es")
_WORD = re.compile(r"\w")
# the matched copy of a text has white space made spaces (a cue's space also matches a line
# break of a PDF's text) and typographic apostrophes and hyphens made plain ("Victims’ Code")
_SPACES = re.compile(r"[^\S ]")
_PLAIN = (("\u2019", "'"), ("\u2018", "'"), ("\u2010", "-"), ("\u2011", "-"))
#: how far around a cue its topic's ``unless`` patterns are looked for
UNLESS_REACH = 60


@dataclass(frozen=True, slots=True)
class TopicFound:
    """One topic of one text: its first cue as written, where it is, and how many times
    the topic's cues match the text (overlapping matches of the topic counted once)."""

    topic: str
    cue: str
    hits: int
    start: int
    end: int


@dataclass(frozen=True)
class _Matcher:
    """The taxonomy's cues made ready for scanning (built once per rules)."""

    trie: re.Pattern | None  # every finite cue, lower case, at a word's start
    # a string of the trie → each string of the trie it starts with that ends at a word's
    # end (itself included): (its length, ((topic's rank, capitals an acronym needs), …))
    ends: dict[str, tuple[tuple[int, tuple[tuple[int, str | None], ...]], ...]]
    # the other cues: one pattern finds where any of them matches, then each topic's own
    # (rank, pattern) says which match there
    rest: re.Pattern | None
    rest_topics: tuple[tuple[int, re.Pattern], ...]


# rules id → (the rules, kept so that the id stays theirs; their matcher). Not an
# lru_cache: hashing the rules hashes every compiled pattern in them, on every text
_MATCHERS: dict[int, tuple[TopicRules, _Matcher]] = {}


def _matcher(rules: TopicRules) -> _Matcher:
    """The matcher of ``rules``, built on first use."""
    cached = _MATCHERS.get(id(rules))
    if cached is None or cached[0] is not rules:
        if len(_MATCHERS) >= 8:  # a run has one set of rules; tests make many
            _MATCHERS.clear()
        cached = _MATCHERS[id(rules)] = (rules, _build(rules))
    return cached[1]


def _build(rules: TopicRules) -> _Matcher:
    """Every cue's strings (lower case, with their plurals) in one trie; the cues that are
    no finite list of strings in one more pattern."""
    words: dict[str, list[tuple[int, str | None]]] = {}
    rest: dict[int, list[str]] = {}
    for rank, topic in enumerate(rules.topics):
        for cue in topic.cues:
            cue = cue.strip()
            strings = finite_strings(cue)
            if strings is None or "" in strings:
                rest.setdefault(rank, []).append(cue)
                continue
            acronym, plural = topic_cue_form(cue)
            for s in strings:
                for suffix in _PLURALS if plural else ("",):
                    entry = (rank, s if acronym else None)
                    bucket = words.setdefault(_folded(s + suffix), [])
                    if entry not in bucket:
                        bucket.append(entry)
    trie = re.compile(r"(?<!\w)(?=(" + trie_pattern(words) + "))") if words else None
    ends = {key: tuple((n, tuple(words[key[:n]])) for n in range(1, len(key) + 1)
                       if key[:n] in words and (n == len(key) or not _WORD.match(key, n)))
            for key in words}
    rest_topics = tuple(
        (rank, re.compile(r"(?<!\w)(?:" + "|".join(map(topic_cue_source, cues)) + r")(?!\w)", re.IGNORECASE))
        for rank, cues in sorted(rest.items()))
    rest_pattern = re.compile("|".join(p.pattern for _, p in rest_topics), re.IGNORECASE) if rest_topics else None
    return _Matcher(trie, ends, rest_pattern, rest_topics)


def _folded(text: str) -> str:
    """The text as the trie reads it: lower case, same length (offsets hold)."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: fold one by one
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    low = _SPACES.sub(" ", low)
    if not low.isascii():
        for typographic, plain in _PLAIN:
            low = low.replace(typographic, plain)
    return low


def _spans(text: str, matcher: _Matcher) -> dict[int, list[tuple[int, int]]]:
    """Every match of every topic's cues in ``text``: topic rank → (start, end), in order."""
    spans: dict[int, list[tuple[int, int]]] = {}
    if matcher.trie is not None:
        folded = _folded(text)
        for match in matcher.trie.finditer(folded):
            start = match.start()
            # the longest cue here, and every shorter one that ends at a word's end in it
            for length, entries in matcher.ends[match.group(1)]:
                for rank, capitals in entries:
                    if capitals is None or text.startswith(capitals, start):
                        spans.setdefault(rank, []).append((start, start + length))
    if matcher.rest is not None:
        for match in matcher.rest.finditer(text):
            for rank, pattern in matcher.rest_topics:
                found = pattern.match(text, match.start())
                if found:
                    spans.setdefault(rank, []).append(found.span())
    return spans


def text_topics(text: str, rules: TopicRules) -> list[TopicFound]:
    """The topics ``text`` names, in the order of their first cue (then of the rules)."""
    if not text:
        return []
    topics = rules.topics
    found = []
    for rank, spans in _spans(text, _matcher(rules)).items():
        topic = topics[rank]
        if topic.unless:
            spans = [(s, e) for s, e in spans if not _excluded(text, s, e, topic.unless)]
        hits: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda s: (s[0], -s[1])):
            # overlapping matches of one topic are one hit: "stalking protection order"
            if not hits or span[0] >= hits[-1][1]:
                hits.append(span)
        if hits:
            start, end = hits[0]
            found.append((start, rank, TopicFound(topic.id, text[start:end], len(hits), start, end)))
    return [f for _, _, f in sorted(found, key=lambda x: x[:2])]


def _excluded(text: str, start: int, end: int, unless: tuple[re.Pattern, ...]) -> bool:
    """Whether the cue's match ``start``–``end`` lies inside a match of an ``unless``
    pattern, looked for within ``UNLESS_REACH`` characters of it (not in the whole text:
    what undoes a cue is next to it, and a long text has many cues)."""
    low, high = max(0, start - UNLESS_REACH), min(len(text), end + UNLESS_REACH)
    return any(m.start() <= start and end <= m.end() for p in unless for m in p.finditer(text, low, high))


def meeting_topics(records: MeetingRecords, rules: TopicRules,
                   targets: Sequence[tuple[str, str, str]] | None = None) -> tuple[TopicTag, ...]:
    """The ``topics`` rows of a meeting: one per record and topic its text names, for
    every record text of ``targets`` (``record_texts(records)`` by default) but the
    meeting's title; and for each item, one per topic its title names and its text does
    not (``field`` ``title``, offsets into the title), text or no text."""
    meeting_id = records.meeting.meeting_id
    if targets is None:
        targets = record_texts(records)
    item_texts = {rid: text for table, rid, text in targets if table == "items"}
    rows: list[TopicTag] = []

    def add(table: str, record_id: str, found: list[TopicFound], field: str) -> None:
        rows.extend(TopicTag(meeting_id=meeting_id, record_table=table, record_id=record_id, topic=f.topic,
                             cue=f.cue, hits=f.hits, start=f.start, end=f.end, field=field) for f in found)

    # items in their order, each with its title's topics after its text's ("Corporate Risk
    # Register" as a title over an empty text is still about risk)
    for item in records.items:
        found = text_topics(item_texts.get(item.item_id, ""), rules)
        add("items", item.item_id, found, "text")
        if item.title:
            named = {f.topic for f in found}
            add("items", item.item_id, [f for f in text_topics(item.title, rules) if f.topic not in named], "title")
    for table, record_id, text in targets:
        if table != "items" and table not in _SKIPPED:
            add(table, record_id, text_topics(text, rules), "text")
    return tuple(rows)
