"""Read numbering typed as text.

Authors number questions and answers by typing "1.", "2." into the text — inside lists
styled to show no number (``<ol style="list-style-type: none"> 1. … 2. …``), at the start
of paragraphs (``<p>2. The PCC …</p>``), sometimes with no full stop (``3 The DCC …``).
This step gives each numbered entry its own block with ``number`` set and the number
taken out of the text.

To avoid reading "4 MH transport hubs" or "by the end of quarter 3." as numbering, a
number inside a text is only taken when it is the next number expected in the cell,
has a full stop or bracket, and is followed by a capitalised word; outside a list it
must also follow the end of a sentence. At the start of a block, any "N." is a number
("N" without the stop only when it is the one expected).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Cell, Document, Table, TextBlock
from ..textutil import slice_block

_LEADING = re.compile(
    # "2. The PCC", "3 The DCC", "4.1 The Board", and "Q2." / "Q2:" (never a bare "Q2 22/23")
    r"^\s*(?:(?P<n>\d{1,2}(?:\.\d{1,2})*)(?P<stop>[.)])?|Q\s?(?P<qn>\d{1,2})(?P<qstop>[.):]))\s+(?=\S)"
)
_SENTENCE_BEFORE = re.compile(r"[.?!:;)\]\"'’”]\s*$")


def read_typed_numbering(doc: Document) -> Document:
    """The document with typed numbers read into ``TextBlock.number``."""
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Table):
            blocks.append(_number_table(block))
        elif block.number is None:
            blocks.extend(split_numbered(block, expected=None, inline=False))
        else:
            blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


def _number_table(table: Table) -> Table:
    """The table with typed numbers read in its cells; the table itself when there are
    none (most cells have none: rebuilding every row and cell cost more than reading them)."""
    rows = []
    for row in table.rows:
        cells = tuple(_number_cell(c) for c in row.cells)
        rows.append(row if all(new is old for new, old in zip(cells, row.cells, strict=True)) else replace(row, cells=cells))
    if all(new is old for new, old in zip(rows, table.rows, strict=True)):
        return table
    return replace(table, rows=tuple(rows))


def _number_cell(cell: Cell) -> Cell:
    expected = 1
    out: list[TextBlock] = []
    for block in cell.blocks:
        if block.number is not None:
            out.append(block)
        else:
            out.extend(split_numbered(block, expected=expected, inline=True))
        last = next((b.number for b in reversed(out) if b.number), None)
        if last is not None and last.isdigit():
            expected = int(last) + 1
    if len(out) == len(cell.blocks) and all(new is old for new, old in zip(out, cell.blocks, strict=True)):
        return cell  # no typed number in it
    return replace(cell, blocks=tuple(out))


def split_numbered(block: TextBlock, expected: int | None, inline: bool) -> list[TextBlock]:
    """Split a block at its typed numbers; return the pieces (numbered ones with
    ``number`` set).

    ``expected`` is the next number the cell is at (None: unknown); ``inline`` allows
    numbers inside the text, not only at its start.
    """
    text = block.text
    cuts: list[tuple[int, int, str]] = []  # (number start, text start, number)
    lead = _LEADING.match(text)
    number = lead and (lead.group("n") or lead.group("qn"))
    if lead and (lead.group("stop") or lead.group("qstop") or (expected is not None and number == str(expected))):
        cuts.append((0, lead.end(), number))
        if number.isdigit():
            expected = int(number) + 1
    if inline and expected is not None:
        pos = cuts[0][1] if cuts else 0
        while True:
            # a paragraph that opens with a typed "1." is a typed list too (a converter may
            # have turned a list into one paragraph): its later numbers need no full stop
            found = _find_inline(text, pos, expected, in_list=block.kind == "list_item" or bool(cuts))
            if found is None:
                break
            start, body = found
            cuts.append((start, body, str(expected)))
            pos, expected = body, expected + 1
    if not cuts:
        return [block]
    pieces: list[TextBlock] = []
    if cuts[0][0] > 0 and text[: cuts[0][0]].strip():
        pieces.append(slice_block(block, 0, cuts[0][0]))
    for i, (_, body, number) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        piece = slice_block(block, body, end, number=number, kind="list_item")
        if piece.text:
            pieces.append(piece)
    return pieces


def _find_inline(text: str, pos: int, expected: int, in_list: bool) -> tuple[int, int] | None:
    pattern = re.compile(r"(?<=\s)" + str(expected) + r"[.)]\s+(?=[A-Z(\"“‘'])")
    for m in pattern.finditer(text, pos):
        before = text[: m.start()]
        if in_list or _SENTENCE_BEFORE.search(before):
            return m.start(), m.end()
    return None
