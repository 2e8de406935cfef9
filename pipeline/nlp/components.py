"""The spaCy components of the minutes pipeline (rule-based, on ``spacy.blank("en")``).

Each component reads its rules from the rules folder named in its config and writes its
findings to ``doc.spans`` with details on span extensions:

* ``minutes_people``  → ``doc.spans["people"]``: role abbreviations, initials, role titles
  and attendees' names, each with ``span._.resolution`` (who, or why nobody) and
  ``span._.key`` (the short form or name, without "the");
* ``minutes_dates``   → ``doc.spans["dates"]``: temporal expressions with
  ``span._.temporal`` (kind and interval against the meeting date);
* ``minutes_turns``   → ``doc.spans["turns"]``: runs of sentences by one speaker, with
  ``span._.speaker`` (the mention that opened the turn, or None);
* ``minutes_cues``    → ``doc.spans["actions"]`` and ``doc.spans["decisions"]``: sentences
  opened by an action or decision cue, stating one whole, or recording a vote, with
  ``span._.cue_end`` (where the cue ends; the sentence's start when it has none).

What depends on the meeting — its attendance list and its date — comes in through
``doc._.minutes_context`` (a ``MeetingContext``), set before the pipeline runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..rules import load_rules
from ..textutil import PARAGRAPH_NUMBER
from .dates import DateFinder
from .people import PeopleIndex, Resolution, split_people, strip_acting
from .prefilter import FoldedText, Prefilters
from .tokens import Tokens, doc_text, tokens_of

_ABBREV = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]s?$|^[A-Z]{2,}s?$")
_DASHES = {"–", "—", "-", "--"}
_LIST_ENTRY = re.compile(r"^\s*(?:\(?[A-Za-z0-9]{1,3}[).]|[-•*])\s")


@dataclass
class MeetingContext:
    """What the components need to know about the meeting a text belongs to."""

    meeting_date: date | None
    people: PeopleIndex | None
    _name_matcher: PhraseMatcher | None = field(default=None, repr=False)

    def name_matcher(self, vocab: Vocab, make_doc) -> PhraseMatcher | None:
        """A matcher for the attendees' names (and their hyphenated variants)."""
        if self.people is None:
            return None
        if self._name_matcher is None:
            matcher = PhraseMatcher(vocab, attr="LOWER")
            for name in self.people.names:
                variants = {name, name.replace("-", " ")}
                parts = name.replace("-", " ").split()
                if len(parts) >= 3:
                    # a double surname written either way: "Hartland Lane" / "Hartland-Lane"
                    variants.add(" ".join(parts[:-2] + ["-".join(parts[-2:])]))
                matcher.add(name, [make_doc(v) for v in variants if v.strip()])
            self._name_matcher = matcher
        return self._name_matcher


def _register_extensions() -> None:
    for name, default in (("minutes_context", None),):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("resolution", "key", "temporal", "speaker", "cue_end"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_register_extensions()

# --- people ------------------------------------------------------------------------------


class PeopleTagger:
    """Finds references to people and resolves them through the meeting's attendance."""

    def __init__(self, nlp: Language, rules_dir: str):
        rules = load_rules(rules_dir).people
        self.rules = rules
        self.determiners = set(rules.determiners)
        self.role_keys = {k.upper(): k for k in rules.roles}
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for abbrev, title in rules.roles.items():
            self.title_matcher.add(abbrev, [nlp.make_doc(title)])
        self.make_doc = nlp.make_doc
        self.fallback = PeopleIndex([], rules)
        self.qualifiers = {q.lower() for q in rules.post_qualifiers}

    def __call__(self, doc: Doc) -> Doc:
        ctx: MeetingContext | None = doc._.minutes_context
        index = ctx.people if ctx and ctx.people else self.fallback
        tokens = tokens_of(doc)
        texts = tokens.text
        found: list[Span] = []
        taken: set[int] = set()

        def add(start: int, end: int, key: str, resolution: Resolution) -> None:
            if start > 0 and texts[start - 1] in self.determiners:
                start -= 1  # "the CC" is how the text refers to the CC
            span = Span(doc, start, end, label="PERSON" if resolution.is_person else "BODY")
            span._.key = key
            span._.resolution = resolution
            found.append(span)
            taken.update(range(start, end))

        matcher = ctx.name_matcher(doc.vocab, self.make_doc) if ctx else None
        if matcher is not None:
            for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
                if taken.isdisjoint(range(start, end)):
                    name = doc.vocab.strings[match_id]  # the attendee's name as written
                    add(start, end, name, index.resolve_name(name) or Resolution("not_present", "name"))
        for _, start, end in sorted(self.title_matcher(doc), key=lambda m: (m[1], -m[2])):
            # "Deputy Chief Executive" is another post than the Chief Executive
            if start > 0 and tokens.lower[start - 1] in self.qualifiers:
                continue
            if taken.isdisjoint(range(start, end)):
                start = self._acting_start(tokens, start, taken)
                title = tokens.span_text(start, end)
                add(start, end, title, index.resolve_role_title(title))
        for i, text in enumerate(texts):
            if i in taken:
                continue
            # (_ABBREV needs a capital A-Z first: most words are read no further)
            if not ("A" <= text[0] <= "Z" and _ABBREV.match(text)):
                # a rank written in mixed case ("Sgt", "Supt") is a person only before a
                # name ("Sgt Smith"), not in "the Sgt development programme"
                if text.upper() not in self.role_keys:
                    continue
                if i + 1 >= len(texts) or not tokens.is_title[i + 1]:
                    continue
            key, plural = text, False
            resolution = index.resolve_abbrev(key)
            if resolution is None and text.endswith("s") and len(text) > 2:
                key, plural = text[:-1], True
                resolution = index.resolve_abbrev(key)
            if resolution is None:
                continue  # an acronym that names nobody we know of
            if plural and resolution.is_person:
                continue  # "the ACCs" speaks of a group, not of one person
            start = self._acting_start(tokens, i, taken) if resolution.is_person else i
            if start < i:
                # "T/ACCCV", "Acting CC": the post held acting, maybe by someone else
                key = tokens.written[tokens.idx[start]: tokens.idx[i]] + key
                resolution = index.resolve_abbrev(key)
            add(start, i + 1, key, resolution)
        doc.spans["people"] = _merge_adjacent(sorted(found, key=lambda s: s.start))
        return doc

    def _acting_start(self, tokens: Tokens, start: int, taken: set[int]) -> int:
        """The first token of acting prefixes written right before token ``start`` ("T/"
        of "T/ACCCV", "Acting" of "Acting Chief Constable"); ``start`` when there are none."""
        if self.rules.acting is None:
            return start
        best = start
        for j in range(start - 1, max(start - 4, -1), -1):
            if j in taken or tokens.is_space[j]:
                break
            # the text from token j to the title
            rest, prefixed = strip_acting(tokens.span_text(j, start + 1), self.rules.acting)
            if prefixed and rest == tokens.text[start]:
                best = j
        return best


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """One span for a title and a name written together ("Chief Constable Pippa Mills",
    "ACC Rachel Jones"): the resolved part says who it is."""
    merged: list[Span] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if prev is not None and prev.end == span.start and prev.label_ == span.label_ == "PERSON":
            a, b = prev._.resolution, span._.resolution
            if a.person_id and b.person_id and a.person_id != b.person_id:
                merged.append(span)
                continue
            best = b if b.person_id or not a.person_id else a
            joined = Span(span.doc, prev.start, span.end, label="PERSON")
            joined._.key = span._.key if best is b else prev._.key
            joined._.resolution = best
            merged[-1] = joined
        else:
            merged.append(span)
    return merged


# where a sentence may end: spaCy's sentencizer's characters, and a paragraph break too
# ("(Item 3)" on one line, "RESOLVED that …" on the next)
SENTENCE_PUNCT = frozenset(Sentencizer.default_punct_chars) | {"\n"}
# ``sent_start`` -1 (not a sentence start) as ``Doc.from_array`` takes it (uint64)
_NOT_START = np.uint64(2**64 - 1)


@Language.component("minutes_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Sentence boundaries: spaCy's sentencizer's (``sentencizer_starts``), with list
    numbers given to the sentences they number (``list_numbers_open_sentences``).

    Both are worked out on the tokens' texts and written to the doc at once: spaCy's own
    sentencizer, and setting ``Token.is_sent_start``, make a Token object per token."""
    tokens = tokens_of(doc)
    starts = sentencizer_starts(tokens.text, tokens.is_punct)
    list_numbers_open_sentences(tokens.text, starts)
    if starts:
        doc.from_array(SENT_START, np.array([1 if s else _NOT_START for s in starts], dtype=np.uint64))
    tokens.set_sentences(starts)
    return doc


def sentencizer_starts(texts: list[str], is_punct: list[int]) -> list[bool]:
    """Where sentences start, as spaCy's ``Sentencizer`` (with ``SENTENCE_PUNCT``) has
    them: after a sentence-ending character, at the first token that is neither
    punctuation nor such a character (a closing bracket or quote stays with the sentence
    it ends)."""
    starts = [False] * len(texts)
    if not texts:
        return starts
    starts[0] = True
    start, seen_period = 0, False
    for i, text in enumerate(texts):
        ends = text in SENTENCE_PUNCT
        if seen_period and not is_punct[i] and not ends:
            starts[start] = True
            start, seen_period = i, False
        elif ends:
            seen_period = True
    starts[start] = True
    return starts


def list_numbers_open_sentences(texts: list[str], starts: list[bool]) -> None:
    """Give a list number's opening bracket to the sentence it numbers, in ``starts`` (a
    flag per token of ``texts``): the sentencizer leaves "(" of "Amendment lost.\n(19) Mr
    Passmore proposed …" on the sentence before."""
    for i in range(1, len(texts)):
        if texts[i - 1] in (",", ";") and starts[i]:
            # "Replacement sink No progress?, c/f action Jon": the "?" ended no sentence
            starts[i] = False
    for i in range(1, len(texts) - 2):
        if texts[i] == "(" and texts[i + 2] == ")" and len(texts[i + 1]) <= 3 and starts[i + 1]:
            starts[i] = True
            starts[i + 1] = False


@Language.factory("minutes_people", default_config={"rules_dir": ""})
def make_people_tagger(nlp: Language, name: str, rules_dir: str) -> PeopleTagger:
    """spaCy factory for ``PeopleTagger``."""
    return PeopleTagger(nlp, rules_dir)


# --- dates -------------------------------------------------------------------------------


class DateTagger:
    """Finds temporal expressions and normalises them against the meeting date."""

    def __init__(self, rules_dir: str):
        self.finder = DateFinder(load_rules(rules_dir).dates)

    def __call__(self, doc: Doc) -> Doc:
        ctx: MeetingContext | None = doc._.minutes_context
        spans = []
        for match in self.finder.find(doc_text(doc), ctx.meeting_date if ctx else None):
            span = doc.char_span(match.start, match.end, label=match.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.temporal = match
            spans.append(span)
        doc.spans["dates"] = spans
        return doc


@Language.factory("minutes_dates", default_config={"rules_dir": ""})
def make_date_tagger(nlp: Language, name: str, rules_dir: str) -> DateTagger:
    """spaCy factory for ``DateTagger``."""
    return DateTagger(rules_dir)


# --- speaker turns -----------------------------------------------------------------------


def clause_starts(doc: Doc) -> list[int]:
    """Token indexes where a sentence, or a clause after a spaced dash, begins."""
    tokens = tokens_of(doc)
    texts, space_after = tokens.text, tokens.space_after
    starts = []
    for begin, first, end in _worded_sentences(doc):
        starts.append(first)
        for i in range(begin + 1, end):
            if texts[i] in _DASHES and space_after[i] and space_after[i - 1] and i + 1 < end:
                starts.append(i + 1)
    return starts


def _worded_sentences(doc: Doc) -> list[tuple[int, int, int]]:
    """(start, first token that is no white space, end) of each sentence that has such
    a token: a paragraph break arrives as a whitespace token at the start of a sentence."""
    tokens = tokens_of(doc)
    is_space = tokens.is_space
    out = []
    for begin, end in tokens.sentences(doc):
        first = next((i for i in range(begin, end) if not is_space[i]), None)
        if first is not None:
            out.append((begin, first, end))
    return out


def speech_verb_at(doc: Doc, k: int, verbs: frozenset[str]) -> bool:
    """True when one of ``verbs`` starts at token ``k``: a word ("added") or, word for
    word, a phrase ("remained concerned")."""
    lower = tokens_of(doc).lower
    if k >= len(lower):
        return False
    if lower[k] in verbs:
        return True
    return any(lower[k: k + length] == words for length, words in _phrases(verbs))


@lru_cache(maxsize=16)
def _phrases(verbs: frozenset[str]) -> tuple[tuple[int, list[str]], ...]:
    """The verbs written with a space, each as (how many tokens it is read from, its words)."""
    return tuple((v.count(" ") + 1, v.split()) for v in verbs if " " in v)


class TurnTagger:
    """Splits a text into speaker turns: "The CC responded … ACCLP added …" is two."""

    def __init__(self, rules_dir: str):
        speech = load_rules(rules_dir).speech
        self.speech = speech
        self.connectors = [c.split() for c in sorted(speech.connectors, key=len, reverse=True)]

    def opener(self, doc: Doc, start: int, people_at: dict[int, Span], verbs: frozenset[str]) -> Span | None:
        """The person opening a clause at ``start`` with one of ``verbs``, or None."""
        tokens = tokens_of(doc)
        lower = tokens.lower
        i = start
        for words in self.connectors:
            if lower[i: i + len(words)] == words:
                i += len(words)
                if i < len(lower) and tokens.text[i] == ",":
                    i += 1
                break
        span = people_at.get(i)
        if span is None or span.label_ != "PERSON":
            return None
        k = span.end
        if k < len(lower) and lower[k] in ("'s", "’s"):
            k += 1
        for _ in range(2):
            if k < len(lower) and lower[k] in self.speech.adverbs:
                k += 1
        if speech_verb_at(doc, k, verbs):
            return span
        return None

    def __call__(self, doc: Doc) -> Doc:
        people_at = {s.start: s for s in doc.spans.get("people", [])}
        openings: list[tuple[int, Span | None]] = []
        for start in clause_starts(doc):
            speaker = self.opener(doc, start, people_at, self.speech.speech_verbs)
            if speaker is not None:
                openings.append((start, speaker))
        turns: list[Span] = []
        if not openings or openings[0][0] > 0:
            openings.insert(0, (0, None))
        current_start, current_speaker = openings[0]
        for start, speaker in openings[1:]:
            if speaker_identity(speaker) == speaker_identity(current_speaker):
                continue
            turns.append(_turn(doc, current_start, start, current_speaker))
            current_start, current_speaker = start, speaker
        if len(doc):
            turns.append(_turn(doc, current_start, len(doc), current_speaker))
        doc.spans["turns"] = turns
        return doc


def speaker_identity(span: Span | None) -> str | None:
    """Who a speaker mention stands for: the resolved person, else the short form."""
    if span is None:
        return None
    res: Resolution = span._.resolution
    return res.person_id if res and res.person_id else span._.key


def _turn(doc: Doc, start: int, end: int, speaker: Span | None) -> Span:
    span = Span(doc, start, end, label=speaker._.key if speaker is not None else "UNKNOWN")
    span._.speaker = speaker
    return span


@Language.factory("minutes_turns", default_config={"rules_dir": ""})
def make_turn_tagger(nlp: Language, name: str, rules_dir: str) -> TurnTagger:
    """spaCy factory for ``TurnTagger``."""
    return TurnTagger(rules_dir)


# --- action and decision cues --------------------------------------------------------------


class _Sentence(NamedTuple):
    """A sentence (or the clause of one) that the cue rules read: its tokens and characters."""

    start: int
    end: int
    start_char: int
    end_char: int


class CueTagger:
    """Marks the sentences that record an action or a decision.

    Three kinds of sentence do: one opened by a cue ("Action arising:", "RESOLVED that"),
    whose cue words are not part of the record; one that states it whole ("It was agreed
    that …", "The Clerk agreed to …"), kept entire; and, for decisions, a record of a vote
    ("Proposed Cllr A, seconded Cllr B, all in favour."), which belongs to the decision
    right before it, or else is a decision itself.

    Most patterns match no sentence, and many are slow to say so: each is tried only on
    sentences its prefilter (prefilter.py) lets through, which finds the same matches.
    """

    def __init__(self, rules_dir: str):
        rules = load_rules(rules_dir)
        actions, decisions = rules.actions, rules.decisions
        # each list of patterns with their prefilters (prefilter.py), read once per sentence
        self.cues = {"actions": Prefilters(actions.cues), "decisions": Prefilters(decisions.cues)}
        self.statements = {"actions": Prefilters(actions.statements), "decisions": Prefilters(decisions.statements)}
        # statements, and those that count only at the start of a sentence: "RJ to circulate
        # …" opens one; mid-sentence ("… the CG and BG to get …") it is no task
        self.whole = {"actions": Prefilters(actions.statements + actions.start_statements),
                      "decisions": self.statements["decisions"]}
        self.trailing = {"actions": Prefilters(actions.trailing_owner), "decisions": Prefilters(())}
        self.lead_in = actions.lead_in
        self.attendee_statements = Prefilters(actions.attendee_statements)
        self.clause_starts = {"actions": actions.clause_starts, "decisions": decisions.clause_starts}
        self.votes = Prefilters(decisions.votes)
        self.results = Prefilters(decisions.results)

    def __call__(self, doc: Doc) -> Doc:
        tokens = tokens_of(doc)
        sentences = [_Sentence(first, end, tokens.idx[first], tokens.end_char(end - 1))
                     for _, first, end in _worded_sentences(doc)]
        # each sentence's text, cut once from the doc's (Span.text joins its tokens anew
        # on every access, and every rule below reads it), and as the prefilters read it
        written = tokens.written
        texts = [written[s.start_char: s.end_char] for s in sentences]
        folds = [FoldedText(text) for text in texts]
        context = doc._.minutes_context
        for group in ("actions", "decisions"):
            spans: list[Span] = []
            last_sentence = -2
            n = 0
            while n < len(sentences):
                sent, text, folded = sentences[n], texts[n], folds[n]
                found = self._cued(sentences, texts, n, group, folded)
                if found is None and self._states(text, group, context, folded):
                    found = (sent.end, sent.start_char)
                if found is None:
                    clause = self._stated_in_clause(doc, sent, text, group, context, folded)
                    if clause is not None:
                        # "… by age, Ms Coombs offered to provide …": the clause is the record
                        sent = clause
                        text = written[sent.start_char: sent.end_char]
                        folded = FoldedText(text)
                        found = (sent.end, sent.start_char)
                if found is None and group == "decisions" and any(p.match(text) for p in folded.passing(self.results)):
                    # "Amendment lost.": the segmenter gives it to the proposal it ends
                    found = (sent.end, sent.start_char)
                if found is None and group == "decisions" and any(p.search(text) for p in folded.passing(self.votes)):
                    if spans and last_sentence == n - 1 and spans[-1].end == sent.start:
                        # the vote on the decision just recorded: part of it
                        previous = spans.pop()
                        merged = Span(doc, previous.start, sent.end, label=previous.label_)
                        merged._.cue_end = previous._.cue_end
                        spans.append(merged)
                        last_sentence = n
                        n += 1
                        continue
                    found = (sent.end, sent.start_char)
                if found is not None:
                    end, cue_end = found
                    span = Span(doc, sent.start, end, label=group.upper()[:-1])
                    span._.cue_end = cue_end
                    spans.append(span)
                    while n + 1 < len(sentences) and sentences[n + 1].start < end:
                        n += 1  # the list entries the span took in
                    last_sentence = n
                n += 1
            doc.spans[group] = spans
        return doc

    def _states(self, text: str, group: str, context: MeetingContext | None = None,
                folded: FoldedText | None = None) -> bool:
        """True when a sentence states an action or decision whole (after any list
        number or topic label), or names who acts at its end ("…, action Mick").
        ``folded`` is ``text`` as the prefilters read it, when the caller has it."""
        folded = folded or FoldedText(text)
        body = text[self.lead_in.match(text).end():]
        return (any(p.match(body) or p.match(text) for p in folded.passing(self.whole[group]))
                or any(p.search(text) for p in folded.passing(self.trailing[group]))
                or group == "actions" and self._attendee_acts(body, context, folded))

    def _attendee_acts(self, text: str, context: MeetingContext | None, folded: FoldedText) -> bool:
        """True when ``text`` opens with an attendee given a task ("Karen to keep on the
        case"); ``folded`` is ``text``, or a text that holds it, as the prefilters read it."""
        if context is None or context.people is None:
            return False
        for pattern in folded.passing(self.attendee_statements):
            m = pattern.match(text)
            if m is None:
                continue
            owners = split_people(m.group("owner"), context.people.rules.acting)
            if all((r := context.people.resolve_written(o)) and r.person_id for o in owners):
                return True
        return False

    def _stated_in_clause(self, doc: Doc, sent: _Sentence, text: str, group: str,
                          context: MeetingContext | None, folded: FoldedText) -> _Sentence | None:
        """The clause of ``sent`` (whose text is ``text``, ``folded`` as the prefilters read
        it) that states an action or decision whole, when one begins after a comma, dash or
        "and" rather than at the start."""
        starts = self.clause_starts[group]
        if starts is None:
            return None
        statements = folded.passing(self.statements[group])
        attendees = group == "actions" and context is not None and context.people is not None \
            and bool(folded.passing(self.attendee_statements))
        if not statements and not attendees:
            return None  # no clause of this sentence can state one
        for m in starts.finditer(text):
            rest = text[m.end():]
            if any(p.match(rest) for p in statements) \
                    or attendees and self._attendee_acts(rest, context, folded):
                clause = doc.char_span(sent.start_char + m.end(), sent.end_char, alignment_mode="expand")
                if clause is not None and len(clause):
                    return _Sentence(clause.start, clause.end, clause.start_char, clause.end_char)
        return None

    def _cued(self, sentences: list[_Sentence], texts: list[str], n: int, group: str,
              folded: FoldedText) -> tuple[int, int] | None:
        """(end token, end of the cue) of sentence ``n`` when a cue opens it, else None
        (``texts`` are the ``sentences``' texts; ``folded`` is sentence ``n``'s as the
        prefilters read it)."""
        sent, text = sentences[n], texts[n]
        # "(9) RESOLVED that …": a paragraph number may come before the cue
        number = PARAGRAPH_NUMBER.match(text)
        skip = number.end() if number else 0
        for pattern in folded.passing(self.cues[group]):
            m = pattern.match(text, skip) or pattern.match(text)
            if m and m.end() < len(text.rstrip()):
                end = sent.end
                # "RESOLVED: (1) That … (2) That …": the numbered list the cue opens
                numbered = _LIST_ENTRY.match(text[m.end():]) is not None
                if text.rstrip().endswith(":") or numbered:
                    # "RESOLVED that Cabinet agree to:" and the lettered list under it
                    for k in range(n + 1, len(texts)):
                        if not _LIST_ENTRY.match(texts[k]):
                            break
                        end = sentences[k].end
                return end, sent.start_char + m.end()
        return None


@Language.factory("minutes_cues", default_config={"rules_dir": ""})
def make_cue_tagger(nlp: Language, name: str, rules_dir: str) -> CueTagger:
    """spaCy factory for ``CueTagger``."""
    return CueTagger(rules_dir)
