"""A doc's token attributes as plain lists, read once per doc.

spaCy makes a new ``Token`` object on every ``doc[i]`` and on every step of
``for token in doc``; the rule components read a few attributes of every token, several
times over, and making those objects cost more than the rules themselves. ``tokens_of``
reads what they need in one ``Doc.to_array`` call and keeps it on the doc.

Every list is indexed like the doc's tokens. The values are those of spaCy's own
attributes: a token's text is its slice of the doc's text (tokens lie end to end, each
followed by at most one space, so ``text[idx:idx + length]`` is ``token.text``), and
``lower`` is ``str.lower`` of it, as spaCy's ``LOWER`` is.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, IS_TITLE, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

__all__ = ["Tokens", "tokens_of", "TOKENS_KEY", "TEXT_KEY", "doc_text"]

# where ``annotate`` keeps the text a doc was made from (see ``doc_text``)
TEXT_KEY = "minutes_text"
# where ``tokens_of`` keeps what it read
TOKENS_KEY = "minutes_tokens"


def doc_text(doc: Doc) -> str:
    """The text ``doc`` was made from. spaCy joins ``doc.text`` from the tokens anew on
    every access, which cost more than the rules reading it; ``annotate`` keeps the text."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


class Tokens:
    """The attributes of a doc's tokens the rules read, one list per attribute."""

    __slots__ = ("written", "text", "lower", "idx", "space_after", "is_space", "is_punct", "is_title",
                 "_sentences")

    def __init__(self, doc: Doc):
        self.written = doc_text(doc)
        if len(doc):
            columns = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE, IS_PUNCT, IS_TITLE]).T.tolist()
        else:
            columns = [[]] * 6
        idx, length, spacy, is_space, is_punct, is_title = columns
        written = self.written
        self.idx: list[int] = idx
        self.text: list[str] = [written[i: i + n] for i, n in zip(idx, length, strict=True)]
        self.lower: list[str] = [t.lower() for t in self.text]
        self.space_after: list[int] = spacy  # Token.whitespace_ is " " (1) or "" (0)
        self.is_space: list[int] = is_space
        self.is_punct: list[int] = is_punct
        self.is_title: list[int] = is_title
        self._sentences: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.text)

    def end_char(self, i: int) -> int:
        """Where token ``i`` ends in the text."""
        return self.idx[i] + len(self.text[i])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (tokens ``start`` to ``end``, ``end > start``), cut from the text."""
        return self.written[self.idx[start]: self.end_char(end - 1)]

    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token indexes of ``doc.sents``, read once the sentence
        boundaries are set (``set_sentences`` gives them when it sets them)."""
        if self._sentences is None:
            self._sentences = _sentences_of(doc)
        return self._sentences

    def set_sentences(self, starts: list[bool]) -> None:
        """Keep the sentences that start where ``starts`` is true (``starts[0]`` is not
        read: the first token always starts one), as the component setting them has them."""
        self._sentences = _bounds(starts)


def _sentences_of(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each of ``doc.sents``, read as ``Doc.sents`` reads them: a
    sentence starts at the first token and at every later one whose ``sent_start`` is 1."""
    if not len(doc):
        return []
    if not doc.has_annotation("SENT_START"):
        list(doc.sents)  # raises, as spaCy does for a doc with no sentence boundaries
    return _bounds([v == 1 for v in doc.to_array(SENT_START).tolist()])


def _bounds(starts: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of the sentences that begin where ``starts`` is true, and at 0."""
    bounds, begin = [], 0
    for i in range(1, len(starts)):
        if starts[i]:
            bounds.append((begin, i))
            begin = i
    if begin != len(starts):
        bounds.append((begin, len(starts)))
    return bounds


def tokens_of(doc: Doc) -> Tokens:
    """The ``Tokens`` of ``doc``, read on the first call and kept on the doc."""
    tokens = doc.user_data.get(TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[TOKENS_KEY] = Tokens(doc)
    return tokens
