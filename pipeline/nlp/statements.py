"""Statement types: each sentence of a question or response labelled by rules.

A statement is a sentence of a record's text as the spaCy sentencizer already cut it
(``tag.py`` runs the pipeline once over every record text; the docs are reused here), or
a clause after a spaced dash that opens like a sentence: the example minutes run two
remarks together as "… cover all areas – The CC said that …". Each statement gets one type
from ``rules/statements.yaml``: of the types whose cues match, the first in the rules'
precedence; none matching, the default of its record table.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from spacy.tokens import Doc

from ..ids import statement_id
from ..records import Statement
from ..rules import StatementRules
from .tokens import doc_text, tokens_of
from .prefilter import fold, prefilter

# dashes that join two remarks in one sentence when spaced on both sides
_DASHES = frozenset({"-", "–", "—"})


def statement_offsets(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of each statement of ``doc``, in order, trimmed of
    white space; pieces with no letter or digit (a stray "–", a lone ")") are no statement."""
    tokens = tokens_of(doc)
    texts, idx, space_after = tokens.text, tokens.idx, tokens.space_after
    pieces: list[tuple[int, int]] = []
    for start, end in tokens.sentences(doc):
        begin = start
        for i in range(start + 1, end - 1):
            # "… all areas – The CC said …": a spaced dash before a capital starts a new
            # remark; "… not as planned – as intention was …" goes on with the same one
            if texts[i] in _DASHES and space_after[i] and space_after[i - 1] and texts[i + 1][:1].isupper():
                pieces.append((idx[begin], idx[i]))
                begin = i + 1
        pieces.append((idx[begin], tokens.end_char(end - 1)))
    out = []
    text = tokens.written
    for start, end in pieces:
        chunk = text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        # "… is enough. – The CC highlighted …": the sentencizer leaves the dash that joins
        # two remarks on the first; it belongs to neither
        while end - start > 1 and text[end - 1] in _DASHES and text[end - 2].isspace():
            end = len(text[:end - 1].rstrip())
        while end - start > 1 and text[start] in _DASHES and text[start + 1].isspace():
            start += 1 + len(text[start + 1:end]) - len(text[start + 1:end].lstrip())
        if any(c.isalnum() for c in text[start:end]):
            out.append((start, end))
    return out


def classify(text: str, table: str, rules: StatementRules) -> tuple[str, str | None, tuple[str, ...]]:
    """(type, cue words, other types that matched) of one statement of a ``table`` record.

    The type is the first in precedence whose cues match; with none, the table's default
    and no cue."""
    matched: list[tuple[str, str]] = []
    # most cues cannot match most sentences: skip those that lack what a match needs
    folded = fold(text)
    for kind in rules.types:
        if kind.tables is not None and table not in kind.tables:
            continue
        if any(prefilter(p).may_match(folded) and p.search(text) for p in kind.unless):
            continue
        for cue in kind.cues:
            m = cue.search(text) if prefilter(cue).may_match(folded) else None
            if m:
                matched.append((kind.name, m.group(0).strip() or m.group(0)))
                break
    if not matched:
        return rules.defaults[table], None, ()
    (kind, cue), others = matched[0], tuple(name for name, _ in matched[1:])
    return kind, cue, others


def record_statements(meeting_id: str, table: str, record_id: str, doc: Doc,
                      rules: StatementRules) -> list[Statement]:
    """The statements of one record, whose text ``doc`` was made from."""
    out = []
    written = doc_text(doc)
    for seq, (start, end) in enumerate(statement_offsets(doc), start=1):
        text = written[start:end]
        kind, cue, others = classify(text, table, rules)
        out.append(Statement(
            meeting_id=meeting_id, record_table=table, record_id=record_id,
            statement_id=statement_id(record_id, seq), seq=seq, start=start, end=end,
            text=text, type=kind, cue=cue, other_types=" ".join(others) or None,
        ))
    return out


def meeting_statements(meeting_id: str, targets: Sequence[tuple[str, str, str]], docs: Iterable[Doc],
                       rules: StatementRules) -> tuple[Statement, ...]:
    """Statements of every record of a table the rules read (``defaults``), from the
    (table, record id, text) targets and their docs, in the same order."""
    out: list[Statement] = []
    for (table, record_id, _), doc in zip(targets, docs):
        if table in rules.defaults:
            out.extend(record_statements(meeting_id, table, record_id, doc, rules))
    return tuple(out)
