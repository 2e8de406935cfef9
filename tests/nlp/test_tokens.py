"""The token lists (pipeline/nlp/tokens.py) and the sentence boundaries the rules read
are exactly what spaCy's own Token objects and its sentencizer give."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.pipeline import Sentencizer

from pipeline.nlp import annotate
from pipeline.nlp.components import SENTENCE_PUNCT
from pipeline.nlp.tokens import tokens_of

from ..conftest import FIXTURES, SEED

# texts written to trip the rules up: white space runs, list numbers after a full stop,
# a "?" before a comma, dashes, brackets and quotes after the end of a sentence
_TRICKY = [
    "", " ", "\n", "  Two  spaces\tand a tab.\n\n\n(2) Next.",
    "Amendment lost.\n(19) Mr Passmore proposed the motion.",
    "Replacement sink No progress?, c/f action Jon",
    "The CC believed it enough. – The CC highlighted the update.",
    "He said \"no.\" Then (see 4.) she left!) Why? Because.",
    "(a) first; (b) second. (c) third\n- a dash\n• a bullet",
    "Ünïcödé Façade — naïve café. İstanbul Kelvin\u212a ſ 12/03/2024.",
]


def _texts() -> list[str]:
    texts = list(_TRICKY)
    for path in [SEED, *sorted((FIXTURES / "generated-assurance-series").glob("*.txt"))]:
        whole = path.read_text(encoding="utf-8", errors="replace")
        texts += [p for p in whole.split("\n\n") if p.strip()] + [whole]
    return texts


def test_token_lists_are_the_tokens_attributes(nlp):
    for text in _texts():
        doc = nlp.make_doc(text)
        tokens = tokens_of(doc)
        assert tokens.text == [t.text for t in doc]
        assert tokens.lower == [t.lower_ for t in doc]
        assert tokens.idx == [t.idx for t in doc]
        assert tokens.space_after == [bool(t.whitespace_) for t in doc]
        assert tokens.is_space == [t.is_space for t in doc]
        assert tokens.is_punct == [t.is_punct for t in doc]
        assert tokens.is_title == [t.is_title for t in doc]
        for start in range(len(doc)):
            for end in range(start + 1, min(start + 4, len(doc)) + 1):
                assert tokens.span_text(start, end) == doc[start:end].text


@lru_cache(maxsize=1)
def _sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": list(Sentencizer.default_punct_chars) + ["\n"]})
    return nlp


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences as spaCy's sentencizer gives them, with a list number's "(" moved to
    the sentence it numbers and no sentence opened after "," or ";" (Token by Token)."""
    doc = _sentencizer()(text)
    texts = [t.text for t in doc]
    for i in range(1, len(texts)):
        if texts[i - 1] in (",", ";") and doc[i].is_sent_start:
            doc[i].is_sent_start = False
    for i in range(1, len(texts) - 2):
        if texts[i] == "(" and texts[i + 2] == ")" and len(texts[i + 1]) <= 3 and doc[i + 1].is_sent_start:
            doc[i].is_sent_start = True
            doc[i + 1].is_sent_start = False
    return [(s.start, s.end) for s in doc.sents]


def test_sentences_are_the_sentencizers_with_list_numbers_moved(nlp, rules):
    assert SENTENCE_PUNCT == set(Sentencizer.default_punct_chars) | {"\n"}
    texts = _texts()
    for text, doc in zip(texts, annotate(nlp, texts, None), strict=True):
        expected = _reference_sentences(text)
        assert [(s.start, s.end) for s in doc.sents] == expected, text[:80]
        assert tokens_of(doc).sentences(doc) == expected
        # every token's flag is set, as the sentencizer sets it
        assert all(t.is_sent_start is not None for t in doc)
