"""Small text helpers shared by the stages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .document import Mark, TextBlock

# "(9) RESOLVED that …", "4. Agreed …": a paragraph's own number before its text
PARAGRAPH_NUMBER = re.compile(r"^\s*\(?\d{1,3}[).]\s+")
_SENTENCE_END = re.compile(r"[.?!:;…]['\"’”)\]]*$")


def without_accents(text: str) -> str:
    """The text with its accents taken off ("Lehmkühler" → "Lehmkuhler"), so names and
    words written with and without them compare equal."""
    if text.isascii():  # most text: nothing to take off
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
_CONTINUATION_START = re.compile(r"^[a-z,;)\]…]")
# words no English sentence ends on: text cut after one continues even when the next word
# is capitalised ("The PCC asked the" / "CC how she is assured …")
_OPEN_ENDINGS = frozenset(
    "a an the of to and or but nor for with by from in into on onto at as than that which who whom whose "
    "is are was were be been being has have had will would shall should can could may might must "
    "its their his her our your my this these those such".split()
)
_LAST_WORD = re.compile(r"([A-Za-z]+)$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends as a sentence or clause does (full stop, ?, !, colon …)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def continues_sentence(before: str, after: str) -> bool:
    """True when ``after`` reads as the rest of a sentence that ``before`` left open.

    That is the shape of text cut by a page break mid-sentence: ``before`` does not end
    a sentence and ``after`` starts with a lower-case letter or closing punctuation, or
    ``before`` ends on a word no sentence ends on ("the", "of", "will").
    """
    before, after = before.rstrip(), after.lstrip()
    if not before or not after or ends_sentence(before):
        return False
    if _CONTINUATION_START.match(after):
        return True
    last = _LAST_WORD.search(before)
    return last is not None and last.group(1).lower() in _OPEN_ENDINGS


def collapse_space(text: str) -> str:
    """``text`` with runs of white space made single spaces and the ends trimmed."""
    return " ".join(text.split())


def join_blocks(first: TextBlock, second: TextBlock) -> TextBlock:
    """One block holding ``first`` then ``second`` as one run of text (marks kept)."""
    left = first.text.rstrip()
    right = second.text.lstrip()
    lead = len(second.text) - len(right)
    # a word hyphenated across the break ("well-" / "being") keeps its hyphen, no space
    sep = "" if re.search(r"[A-Za-z]-$", left) else " "
    offset = len(left) + len(sep)
    marks = merge_marks(tuple(m for m in first.marks if m.start < len(left)) + tuple(
        replace(m, start=m.start - lead + offset, end=m.end - lead + offset) for m in second.marks if m.end > lead
    ))
    return TextBlock(
        kind=first.kind,
        text=left + sep + right,
        prov=first.prov.spanning(second.prov),
        number=first.number,
        level=first.level,
        marks=marks,
    )


def merge_marks(marks: tuple[Mark, ...]) -> tuple[Mark, ...]:
    """Style marks that touch (an italic aside cut by a page break, joined back) become
    one; line marks are kept as they are."""
    merged: list[Mark] = []
    for mark in marks:
        same = next((i for i in range(len(merged) - 1, -1, -1) if merged[i].style == mark.style), None)
        if mark.style != "line" and same is not None and merged[same].end >= mark.start - 1:
            merged[same] = replace(merged[same], end=max(merged[same].end, mark.end))
        else:
            merged.append(mark)
    return tuple(merged)


def trim_marks(text: str, marks) -> tuple[Mark, ...]:
    """Style marks gathered while ``text`` was built, clipped to it, never starting or
    ending on a space, the empty ones dropped and touching ones of a style merged."""
    trimmed = []
    for mark in marks:
        start, end = mark.start, min(mark.end, len(text))
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start:
            trimmed.append(replace(mark, start=start, end=end))
    return merge_marks(tuple(trimmed))


def slice_block(block: TextBlock, start: int, end: int, **changes) -> TextBlock:
    """The part ``text[start:end]`` of a block, white space trimmed, marks clipped."""
    raw = block.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    begin = start + lead
    marks = []
    for m in block.marks:
        s, e = max(m.start, begin), min(m.end, begin + len(text))
        if e > s:
            marks.append(replace(m, start=s - begin, end=e - begin))
    fields = dict(kind=block.kind, text=text, prov=block.prov, number=block.number, level=block.level, marks=tuple(marks))
    fields.update(changes)
    return TextBlock(**fields)
