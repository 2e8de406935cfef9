"""Rule-based NLP on ``spacy.blank("en")``: people, dates, speaker turns, cues.

``build_nlp(rules)`` gives the pipeline (the components of ``components.py``: sentences,
then rules read from rules/); ``annotate(nlp, texts, context)`` runs it over
texts that belong to one meeting, with that meeting's attendance and date (and, given
the meeting's ``MeetingDocs``, once over a text the meeting reads twice).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..rules import Rules
from .components import MeetingContext
from .people import PeopleIndex, Person, person_id_for
from .prefilter import prefilter
from .tokens import TEXT_KEY

__all__ = ["build_nlp", "annotate", "MeetingDocs", "MeetingContext", "PeopleIndex", "Person", "person_id_for"]


def build_nlp(rules: Rules) -> Language:
    """The spaCy pipeline for these rules (built once per rules folder and content), and
    the prefilters of the rule patterns read through one: everything a document needs
    built up front, so a worker measures its memory cap after it (pipeline/workers.py)."""
    for pattern in rules.dates.patterns:
        prefilter(pattern.regex)
    for kind in rules.statements.types:
        for regex in (*kind.unless, *kind.cues):
            prefilter(regex)
    return _build(str(rules.directory), rules.hash)


@lru_cache(maxsize=4)
def _build(rules_dir: str, rules_hash: str) -> Language:
    nlp = spacy.blank("en")
    # spaCy's sentencizer, and list numbers given to their sentences (components.py)
    nlp.add_pipe("minutes_sentences")
    config = {"rules_dir": rules_dir}
    nlp.add_pipe("minutes_people", config=config)
    nlp.add_pipe("minutes_dates", config=config)
    nlp.add_pipe("minutes_turns", config=config)
    nlp.add_pipe("minutes_cues", config=config)
    return nlp


def annotate(nlp: Language, texts: Iterable[str], context: MeetingContext | None,
             disable: Iterable[str] = (), kept: MeetingDocs | None = None) -> list[Doc]:
    """Run the pipeline (less the components named in ``disable``) over texts of one
    meeting; the docs carry ``context``.

    With ``kept`` (one per meeting, for every call with its ``context``), a text annotated
    before is not tokenised and tagged anew: its doc is taken back, put through those of
    this call's components it has not been through. Such a doc may also hold the spans of
    components this call leaves out."""
    disable = list(disable)
    if kept is None:
        return list(nlp.pipe(_make_docs(nlp, texts, context), batch_size=128, disable=disable))
    if kept.context is not context:
        raise ValueError("the docs kept are another meeting's")
    texts = list(texts)
    wanted = [name for name in nlp.pipe_names if name not in disable]
    new = [text for text in dict.fromkeys(texts) if not kept.has(text, wanted)]
    for text, doc in zip(new, nlp.pipe(_make_docs(nlp, new, context), batch_size=128, disable=disable), strict=True):
        kept.add(text, doc, wanted)
    return [kept.completed(nlp, text, wanted) for text in texts]


def _make_docs(nlp: Language, texts: Iterable[str], context: MeetingContext | None) -> Iterator[Doc]:
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.minutes_context = context
        doc.user_data[TEXT_KEY] = text  # see components.doc_text
        yield doc


# components that read nothing but the text, the context, the sentences and the people
# spans: run on a kept doc after others, each tags what it would have tagged in its place
_LATE = frozenset({"minutes_dates", "minutes_turns", "minutes_cues"})


class MeetingDocs:
    """The docs ``annotate`` made of one meeting's texts, kept while the meeting is
    segmented: ``segment_qa`` and ``tag_records`` read many of the same texts (a response
    of one turn, an item's text), and a text is then tokenised and tagged once."""

    def __init__(self, context: MeetingContext | None):
        self.context = context
        self._docs: dict[str, tuple[Doc, set[str]]] = {}

    def has(self, text: str, wanted: list[str]) -> bool:
        """True when the doc of ``text`` is kept, and it has been through the same
        components as ``wanted`` but late ones (those it lacks are run by ``completed``)."""
        entry = self._docs.get(text)
        if entry is None:
            return False
        return {n for n in entry[1] if n not in _LATE} == {n for n in wanted if n not in _LATE}

    def add(self, text: str, doc: Doc, ran: list[str]) -> None:
        """Keep the doc of ``text``, which has been through the components ``ran``."""
        self._docs[text] = (doc, set(ran))

    def completed(self, nlp: Language, text: str, wanted: list[str]) -> Doc:
        """The kept doc of ``text`` put through those of ``wanted`` it lacks."""
        doc, ran = self._docs[text]
        for name in wanted:
            if name not in ran:
                nlp.get_pipe(name)(doc)
                ran.add(name)
        return doc
