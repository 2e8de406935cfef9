"""Entries: the numbered pieces of a questions or responses column, asides set apart.

A column's cells become entries: a numbered block ("2. The PCC …") starts a new entry,
an unnumbered block continues the entry before it ("Action Arising: …" after answer 2).
Text set in italics that covers whole sentences is an editorial aside ("<i>The PCC
believed this should have been included in the updates provided.</i>"): it is taken out
of the entry's text and kept on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Cell, Provenance, TextBlock
from ..textutil import collapse_space

_SENTENCE_END = re.compile(r"[.?!:;…]['\"’”)\]]*$")


@dataclass
class Entry:
    """One numbered (or unnumbered) entry of a column."""

    column: str
    number: str | None
    blocks: list[TextBlock] = field(default_factory=list)

    @property
    def provs(self) -> list[Provenance]:
        """Where the entry's blocks were read."""
        return [b.prov for b in self.blocks]


@dataclass(frozen=True, slots=True)
class Aside:
    """An editorial aside taken out of an entry."""

    text: str
    prov: Provenance


def entries_of(cells: list[Cell], column: str) -> list[Entry]:
    """The entries of a column, in order, across all its cells."""
    entries: list[Entry] = []
    for cell in cells:
        for block in cell.blocks:
            if not block.text.strip():
                continue
            if block.number is not None or not entries:
                entries.append(Entry(column, block.number, [block]))
            else:
                entries[-1].blocks.append(block)
    return entries


def _is_whole_sentences(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands as whole sentences, not a word in one."""
    inner = text[start:end].strip()
    if len(inner.split()) < 3:
        return False
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    starts_clean = not before or bool(_SENTENCE_END.search(before))
    ends_clean = not after or after[0].isupper() or after[0].isdigit() or bool(_SENTENCE_END.search(inner))
    return starts_clean and ends_clean


def split_asides(entry: Entry, styles: tuple[str, ...]) -> tuple[list[tuple[str, Provenance]], list[Aside]]:
    """The entry's paragraphs without their asides (each with where it was read), and
    the asides."""
    paragraphs: list[tuple[str, Provenance]] = []
    asides: list[Aside] = []
    for block in entry.blocks:
        keep: list[str] = []
        pos = 0
        for mark in sorted((m for m in block.marks if m.style in styles), key=lambda m: m.start):
            if mark.start < pos or not _is_whole_sentences(block.text, mark.start, mark.end):
                continue
            keep.append(block.text[pos:mark.start])
            asides.append(Aside(collapse_space(block.text[mark.start:mark.end]), block.prov))
            pos = mark.end
        keep.append(block.text[pos:])
        text = collapse_space(" ".join(keep))
        if text:
            paragraphs.append((text, block.prov))
    return paragraphs, asides
