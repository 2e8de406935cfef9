"""Join table rows that a page break cut in two.

When a row does not fit at the bottom of a page, the rest of it arrives as the first row
of the next page, in any of these shapes (all in the example minutes):

* the first cell continues alone, mid-sentence ("powers is proportionate …");
* the first cell is empty and the other cells continue (a question cut mid-sentence,
  or the next numbered question and answer);
* only the last cell continues, plain text with no markup at all;
* every cell continues mid-sentence.

The first row after a page break can also be a new item that merely follows the break
("AFI 5: …", "Recommendation 2: …"). It is a continuation when its first cell is empty,
or when that cell carries no item label and reads as the rest of the sentence above.
Each cell of a continuation is joined to the cell above it: as the same paragraph when
the text was cut mid-sentence, as the next paragraph otherwise. In item tables the same
holds for rows on one page (formats without pages cannot say where a page broke).
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Cell, Document, Provenance, Row, Table
from ..headers import header_roles, table_roles
from ..labels import match_item_label
from ..rules import Rules
from ..textutil import continues_sentence, ends_sentence, join_blocks


def join_split_rows(doc: Document, rules: Rules) -> Document:
    """The document with every row cut by a page break joined back together."""
    blocks = tuple(_repair_table(b, rules) if isinstance(b, Table) else b for b in doc.blocks)
    return replace(doc, blocks=blocks)


def _repair_table(table: Table, rules: Rules) -> Table:
    roles = table_roles(table, rules)
    # in a table whose first column names the items, a row without a name continues the
    # item above wherever it stands: HTML and DOCX renderings have no page breaks to tell
    item_first = roles is not None and roles[0] in ("item", "number")
    rows: list[Row] = []
    for row in table.rows:
        if all(cell.is_empty for cell in row.cells):
            continue
        if rows and (item_first or _after_page_break(rows[-1], row)) and is_continuation(rows[-1], row, rules):
            rows[-1] = join_rows(rows[-1], row)
        else:
            rows.append(row)
    return replace(table, rows=tuple(rows))


def _after_page_break(above: Row, row: Row) -> bool:
    last, first = above.prov.last_page, row.prov.page
    return last is not None and first is not None and first > last


def is_continuation(above: Row, row: Row, rules: Rules) -> bool:
    """True when ``row``, the first on a new page, is the rest of ``above``."""
    if header_roles(row, rules.tables) is not None:
        return False
    first = row.cells[0] if row.cells else None
    if first is None or first.is_empty:
        # an item row always names its item in the first cell: an empty one continues
        return True
    text = first.text
    if match_item_label(text, rules.sections) is not None:
        return False
    above_text = above.cells[0].text if above.cells else ""
    if not above_text.strip():
        return False
    # unlabelled text after a break continues the row when it finishes its sentence
    return continues_sentence(above_text, text)


def join_rows(above: Row, below: Row) -> Row:
    """One row: each cell of ``below`` joined to the cell above it."""
    width = max(len(above.cells), len(below.cells))
    cells = []
    for i in range(width):
        a = above.cells[i] if i < len(above.cells) else None
        b = below.cells[i] if i < len(below.cells) else None
        cells.append(_join_cells(a, b, above.prov))
    return Row(tuple(cells), above.prov.spanning(below.prov))


def _join_cells(a: Cell | None, b: Cell | None, row_prov: Provenance) -> Cell:
    if b is None or b.is_empty:
        return a if a is not None else Cell((), row_prov)
    if a is None or a.is_empty:
        keep = a if a is not None else b  # the cell above keeps its place and span
        return replace(keep, blocks=b.blocks, prov=keep.prov.spanning(b.prov))
    last, first = a.blocks[-1], b.blocks[0]
    if continues_sentence(last.text, first.text) or _tail_of_sentence(last.text, first):
        blocks = a.blocks[:-1] + (join_blocks(last, first),) + b.blocks[1:]
    else:
        blocks = a.blocks + b.blocks
    return replace(a, blocks=blocks, prov=a.prov.spanning(b.prov))


def _tail_of_sentence(before: str, block) -> bool:
    """True when ``block`` is the last few words of the sentence ``before`` left open: a
    line of one to three words ending the sentence ("… covered in the Workforce" / "HTA?"),
    carried over the page break by itself."""
    words = block.text.split()
    return (block.kind == "paragraph" and 1 <= len(words) <= 3 and ends_sentence(block.text)
            and not ends_sentence(before) and not block.text.rstrip().endswith(":"))

