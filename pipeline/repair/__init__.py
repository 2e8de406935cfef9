"""Layout repair: undo what page layout did to the text before it is segmented.

Four steps, in this order, each a plain function from ``Document`` to ``Document``:

1. ``split_stacked_tables`` — two tables read as one (no gap between them) are split where
   a header of another kind begins;
2. ``merge_continued_tables`` — a table continued on the next page becomes one table;
3. ``join_split_rows`` — a row cut by a page break is joined back, cell by cell;
4. ``read_typed_numbering`` — numbers typed as text become list numbers.

Rows are joined before numbering is read so that an entry cut mid-sentence ("2. … will
be" / "addressed in the midst …") is whole before it is numbered.
"""

from __future__ import annotations

from ..document import Document
from ..rules import Rules
from .numbering import read_typed_numbering
from .rows import join_split_rows
from .tables import merge_continued_tables, split_stacked_tables

__all__ = ["repair", "split_stacked_tables", "merge_continued_tables", "join_split_rows", "read_typed_numbering"]


def repair(doc: Document, rules: Rules) -> Document:
    """The document with page-split tables and rows joined and typed numbering read."""
    doc = split_stacked_tables(doc, rules)
    doc = merge_continued_tables(doc, rules)
    doc = join_split_rows(doc, rules)
    return read_typed_numbering(doc)
