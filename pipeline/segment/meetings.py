"""Documents that hold several meetings, and documents that hold none.

Some files keep a series in one document. Two shapes are split into one document per
meeting, each read like any other:

* dated headings: short lines that start with a date ("22/01/26 - Week 1"), at least two,
  each followed by the meeting's own lines ("Participants: …", "Content:" …); what comes
  before the first (the file's title) is kept at the head of every meeting;
* a log table: every row starts with a date ("Date | Decision made" → one meeting per
  row), the other columns read under their header ("Decision made") as the meeting's items.

A page that lists many dated meetings with nothing under them (an index of minutes, not
minutes) raises ``no_meeting_found``.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import FURNITURE, Document, Table, TextBlock
from ..errors import DocumentError
from ..nlp.dates import DateFinder
from ..rules import Rules
from ..textutil import collapse_space

_INDEX_MIN_DATES = 5


def _leading_date(text: str, finder: DateFinder) -> bool:
    """True when a short line starts with a full date ("22/01/26 - Week 1", "January 15, 2020")."""
    text = collapse_space(text)
    if not text or len(text.split()) > 10:
        return False
    for match in finder.find(text, None):
        if match.kind == "date" and match.value_start is not None:
            before = text[: match.start].strip(" -–—:,")
            after = text[match.end:]
            return (not before or before.lower().startswith(("meeting", "minutes"))) and len(after.split()) <= 6
    return False


def _dated_lines(blocks: list, finder: DateFinder) -> list[int]:
    return [i for i, b in enumerate(blocks)
            if isinstance(b, TextBlock) and b.kind not in FURNITURE and _leading_date(b.text, finder)]


def is_index_page(doc: Document, finder: DateFinder) -> int:
    """How many dated lines a page lists with nothing under them (0 when it is no index)."""
    blocks = [b for b in doc.blocks if not (isinstance(b, TextBlock) and b.kind in FURNITURE)]
    dated = _dated_lines(blocks, finder)
    if len(dated) < _INDEX_MIN_DATES:
        return 0
    between = [b - a - 1 for a, b in zip(dated, dated[1:])]
    return len(dated) if sum(between) / len(between) < 1 else 0


def _split_at_dated_lines(doc: Document, finder: DateFinder) -> list[Document] | None:
    blocks = list(doc.blocks)
    dated = _dated_lines(blocks, finder)
    if len(dated) < 2:
        return None
    ends = dated[1:] + [len(blocks)]
    # each dated line must head lines of its own, or it is a list of dates, not meetings
    if any(end - start < 3 for start, end in zip(dated, ends)):
        return None
    # the lines must look alike: the same kind and all bold or none
    def looks(b: TextBlock) -> tuple:
        return b.kind, any(m.style == "bold" for m in b.marks)
    if len({looks(blocks[i]) for i in dated}) != 1:
        return None
    preamble = tuple(blocks[: dated[0]])
    return [replace(doc, blocks=preamble + tuple(blocks[s:e])) for s, e in zip(dated, ends)]


def _split_log_table(doc: Document, rules: Rules, finder: DateFinder) -> list[Document] | None:
    tables = list(doc.tables())
    if len(tables) != 1:
        return None
    table = tables[0]
    rows = [r for r in table.rows if not all(c.is_empty for c in r.cells)]
    # the first row names the columns unless it is dated itself ("Date | Decision made")
    head = None if not rows or _leading_date(rows[0].cells[0].text, finder) else rows[0]
    rows = rows[1:] if head is not None else rows
    if len(rows) < 2 or table.width < 2:
        return None
    if not all(_leading_date(r.cells[0].text, finder) for r in rows):
        return None
    names = [collapse_space(c.text) for c in head.cells] if head is not None else []
    preamble = tuple(b for b in doc.blocks if not isinstance(b, Table))
    docs = []
    for row in rows:
        date = row.cells[0]
        blocks: list = [replace(date.blocks[0], kind="paragraph", text=f"Date: {collapse_space(date.text)}")]
        for c, cell in enumerate(row.cells[1:], 1):
            if cell.is_empty:
                continue
            name = names[c] if c < len(names) and names[c] else "Notes"
            blocks.append(replace(cell.blocks[0], kind="heading", level=2, text=name.rstrip(":"), number=None, marks=()))
            blocks += list(cell.blocks)
        docs.append(replace(doc, blocks=preamble + tuple(blocks)))
    return docs


def split_meetings(doc: Document, rules: Rules, finder: DateFinder) -> list[Document]:
    """One document per meeting the file holds (usually just ``[doc]``)."""
    if is_index_page(doc, finder):
        return [doc]
    return _split_at_dated_lines(doc, finder) or _split_log_table(doc, rules, finder) or [doc]


def refuse_index_page(doc: Document, finder: DateFinder) -> None:
    """Raise ``no_meeting_found`` for a page that only lists meetings."""
    count = is_index_page(doc, finder)
    if count:
        raise DocumentError("no_meeting_found", f"the page lists {count} dated meetings with nothing under them: "
                                                "an index of minutes, not minutes")
