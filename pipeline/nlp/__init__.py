"""Rule-based NLP on ``spacy.blank("en")``: people, dates, speaker turns, cues.

``build_nlp(rules)`` gives the pipeline (the components of ``components.py``: sentences,
then rules read from rules/); ``annotate(nlp, texts, context)`` runs it over
texts that belong to one meeting, with that meeting's attendance and date.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..rules import Rules
from .components import MeetingContext
from .people import PeopleIndex, Person, person_id_for
from .prefilter import prefilter
from .tokens import TEXT_KEY

__all__ = ["build_nlp", "annotate", "MeetingContext", "PeopleIndex", "Person", "person_id_for"]


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
             disable: Iterable[str] = ()) -> list[Doc]:
    """Run the pipeline (less the components named in ``disable``) over texts of one
    meeting; the docs carry ``context``."""
    def docs():
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.minutes_context = context
            doc.user_data[TEXT_KEY] = text  # see components.doc_text
            yield doc

    return list(nlp.pipe(docs(), batch_size=128, disable=list(disable)))
