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

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..rules import load_rules
from ..textutil import PARAGRAPH_NUMBER
from .dates import DateFinder
from .people import PeopleIndex, Resolution, split_people, strip_acting

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

# where ``annotate`` keeps the text a doc was made from (see ``doc_text``)
TEXT_KEY = "minutes_text"


def doc_text(doc: Doc) -> str:
    """The text ``doc`` was made from. spaCy joins ``doc.text`` from the tokens anew on
    every access, which cost more than the rules reading it; ``annotate`` keeps the text."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


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
        found: list[Span] = []
        taken: set[int] = set()

        def add(start: int, end: int, key: str, resolution: Resolution) -> None:
            if start > 0 and doc[start - 1].text in self.determiners:
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
            if start > 0 and doc[start - 1].lower_ in self.qualifiers:
                continue
            if taken.isdisjoint(range(start, end)):
                start = self._acting_start(doc, start, taken)
                add(start, end, doc[start:end].text, index.resolve_role_title(doc[start:end].text))
        for token in doc:
            if token.i in taken:
                continue
            text = token.text
            if not _ABBREV.match(text):
                # a rank written in mixed case ("Sgt", "Supt") is a person only before a
                # name ("Sgt Smith"), not in "the Sgt development programme"
                if text.upper() not in self.role_keys:
                    continue  # (checked first: most words are no rank, and doc[i] is slow)
                following = doc[token.i + 1] if token.i + 1 < len(doc) else None
                if following is None or not following.is_title:
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
            start = self._acting_start(doc, token.i, taken) if resolution.is_person else token.i
            if start < token.i:
                # "T/ACCCV", "Acting CC": the post held acting, maybe by someone else
                key = doc_text(doc)[doc[start].idx: token.idx] + key
                resolution = index.resolve_abbrev(key)
            add(start, token.i + 1, key, resolution)
        doc.spans["people"] = _merge_adjacent(sorted(found, key=lambda s: s.start))
        return doc

    def _acting_start(self, doc: Doc, start: int, taken: set[int]) -> int:
        """The first token of acting prefixes written right before ``doc[start]`` ("T/"
        of "T/ACCCV", "Acting" of "Acting Chief Constable"); ``start`` when there are none."""
        if self.rules.acting is None:
            return start
        best = start
        for j in range(start - 1, max(start - 4, -1), -1):
            if j in taken or doc[j].is_space:
                break
            # the text from token j to the title (doc.text would join the whole doc each time)
            written = doc[j:start + 1].text
            rest, prefixed = strip_acting(written, self.rules.acting)
            if prefixed and rest == doc[start].text:
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


@Language.component("minutes_list_numbers")
def list_numbers_open_sentences(doc: Doc) -> Doc:
    """Give a list number's opening bracket to the sentence it numbers: the sentencizer
    leaves "(" of "Amendment lost.\n(19) Mr Passmore proposed …" on the sentence before."""
    # the tokens' texts, read once: spaCy makes a new Token object on every doc[i]
    texts = [token.text for token in doc]
    for i in range(1, len(texts)):
        if texts[i - 1] in (",", ";") and doc[i].is_sent_start:
            # "Replacement sink No progress?, c/f action Jon": the "?" ended no sentence
            doc[i].is_sent_start = False
    for i in range(1, len(texts) - 2):
        if texts[i] == "(" and texts[i + 2] == ")" and len(texts[i + 1]) <= 3 and doc[i + 1].is_sent_start:
            doc[i].is_sent_start = True
            doc[i + 1].is_sent_start = False
    return doc


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
    starts = []
    for sent in doc.sents:
        # a paragraph break arrives as a whitespace token at the start of the sentence
        first = next((t.i for t in sent if not t.is_space), None)
        if first is None:
            continue
        starts.append(first)
        for token in sent[1:]:
            if token.text in _DASHES and token.whitespace_ and token.i > 0 and doc[token.i - 1].whitespace_:
                if token.i + 1 < sent.end:
                    starts.append(token.i + 1)
    return starts


def speech_verb_at(doc: Doc, k: int, verbs: frozenset[str]) -> bool:
    """True when one of ``verbs`` starts at token ``k``: a word ("added") or, word for
    word, a phrase ("remained concerned")."""
    if k >= len(doc):
        return False
    if doc[k].lower_ in verbs:
        return True
    return any(" " in v and [t.lower_ for t in doc[k: k + v.count(" ") + 1]] == v.split() for v in verbs)


class TurnTagger:
    """Splits a text into speaker turns: "The CC responded … ACCLP added …" is two."""

    def __init__(self, rules_dir: str):
        speech = load_rules(rules_dir).speech
        self.speech = speech
        self.connectors = [c.split() for c in sorted(speech.connectors, key=len, reverse=True)]

    def opener(self, doc: Doc, start: int, people_at: dict[int, Span], verbs: frozenset[str]) -> Span | None:
        """The person opening a clause at ``start`` with one of ``verbs``, or None."""
        i = start
        for words in self.connectors:
            if [t.lower_ for t in doc[i: i + len(words)]] == words:
                i += len(words)
                if i < len(doc) and doc[i].text == ",":
                    i += 1
                break
        span = people_at.get(i)
        if span is None or span.label_ != "PERSON":
            return None
        k = span.end
        if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
            k += 1
        for _ in range(2):
            if k < len(doc) and doc[k].lower_ in self.speech.adverbs:
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


class CueTagger:
    """Marks the sentences that record an action or a decision.

    Three kinds of sentence do: one opened by a cue ("Action arising:", "RESOLVED that"),
    whose cue words are not part of the record; one that states it whole ("It was agreed
    that …", "The Clerk agreed to …"), kept entire; and, for decisions, a record of a vote
    ("Proposed Cllr A, seconded Cllr B, all in favour."), which belongs to the decision
    right before it, or else is a decision itself.
    """

    def __init__(self, rules_dir: str):
        rules = load_rules(rules_dir)
        self.cues = {"actions": rules.actions.cues, "decisions": rules.decisions.cues}
        self.statements = {"actions": rules.actions.statements, "decisions": rules.decisions.statements}
        # "RJ to circulate …" opens a sentence; mid-sentence ("… the CG and BG to get …") it is no task
        self.start_statements = {"actions": rules.actions.start_statements, "decisions": ()}
        self.trailing = {"actions": rules.actions.trailing_owner, "decisions": ()}
        self.lead_in = rules.actions.lead_in
        self.attendee_statements = rules.actions.attendee_statements
        self.clause_starts = {"actions": rules.actions.clause_starts, "decisions": rules.decisions.clause_starts}
        self.votes = rules.decisions.votes
        self.results = rules.decisions.results

    def __call__(self, doc: Doc) -> Doc:
        sentences = []
        for sent in doc.sents:
            start = next((t.i for t in sent if not t.is_space), None)
            if start is not None:
                sentences.append(doc[start: sent.end])
        # each sentence's text, cut once from the doc's (Span.text joins its tokens anew
        # on every access, and every rule below reads it)
        written = doc_text(doc)
        texts = [written[s.start_char: s.end_char] for s in sentences]
        for group in ("actions", "decisions"):
            spans: list[Span] = []
            last_sentence = -2
            n = 0
            while n < len(sentences):
                sent, text = sentences[n], texts[n]
                found = self._cued(sentences, texts, n, group)
                if found is None and self._states(text, group, doc._.minutes_context):
                    found = (sent.end, sent.start_char)
                if found is None:
                    clause = self._stated_in_clause(sent, text, group)
                    if clause is not None:
                        # "… by age, Ms Coombs offered to provide …": the clause is the record
                        sent = clause
                        text = written[sent.start_char: sent.end_char]
                        found = (sent.end, sent.start_char)
                if found is None and group == "decisions" and any(p.match(text) for p in self.results):
                    # "Amendment lost.": the segmenter gives it to the proposal it ends
                    found = (sent.end, sent.start_char)
                if found is None and group == "decisions" and any(p.search(text) for p in self.votes):
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

    def _states(self, text: str, group: str, context: MeetingContext | None = None) -> bool:
        """True when a sentence states an action or decision whole (after any list
        number or topic label), or names who acts at its end ("…, action Mick")."""
        body = text[self.lead_in.match(text).end():]
        return (any(p.match(body) or p.match(text) for p in self.statements[group] + self.start_statements[group])
                or any(p.search(text) for p in self.trailing[group])
                or group == "actions" and self._attendee_acts(body, context))

    def _attendee_acts(self, text: str, context: MeetingContext | None) -> bool:
        """True when ``text`` opens with an attendee given a task ("Karen to keep on the case")."""
        if context is None or context.people is None:
            return False
        for pattern in self.attendee_statements:
            m = pattern.match(text)
            if m is None:
                continue
            owners = split_people(m.group("owner"), context.people.rules.acting)
            if all((r := context.people.resolve_written(o)) and r.person_id for o in owners):
                return True
        return False

    def _stated_in_clause(self, sent: Span, text: str, group: str) -> Span | None:
        """The clause of ``sent`` (whose text is ``text``) that states an action or
        decision whole, when one begins after a comma, dash or "and" rather than at the start."""
        starts = self.clause_starts[group]
        if starts is None:
            return None
        for m in starts.finditer(text):
            rest = text[m.end():]
            if any(p.match(rest) for p in self.statements[group]) \
                    or group == "actions" and self._attendee_acts(rest, sent.doc._.minutes_context):
                clause = sent.doc.char_span(sent.start_char + m.end(), sent.end_char, alignment_mode="expand")
                if clause is not None and len(clause):
                    return clause
        return None

    def _cued(self, sentences: list[Span], texts: list[str], n: int, group: str) -> tuple[int, int] | None:
        """(end token, end of the cue) of sentence ``n`` when a cue opens it, else None
        (``texts`` are the ``sentences``' texts)."""
        sent, text = sentences[n], texts[n]
        # "(9) RESOLVED that …": a paragraph number may come before the cue
        number = PARAGRAPH_NUMBER.match(text)
        skip = number.end() if number else 0
        for pattern in self.cues[group]:
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
