"""Documents and records as plain data (for golden files) and as readable outlines.

``document_to_dict`` / ``records_to_dict`` give JSON-ready data that round-trips exactly;
``outline_document`` / ``outline_records`` / ``outline_tables`` give the human-readable
twins a reviewer reads when a golden file changes (and ``minutes inspect`` prints).
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Iterable

import pandas as pd

from .document import Document, Table, TextBlock, block_text_with_number
from .records import MeetingRecords


def document_to_dict(doc: Document) -> dict:
    """The document as JSON-ready data, each block tagged with its type."""
    def block(b) -> dict:
        data = asdict(b)
        data["type"] = "table" if isinstance(b, Table) else "text"
        return data

    data = {f.name: getattr(doc, f.name) for f in fields(doc) if f.name != "blocks"}
    data["warnings"] = list(doc.warnings)
    data["blocks"] = [block(b) for b in doc.blocks]
    return data


def records_to_dict(records: Iterable[MeetingRecords]) -> list[dict]:
    """Meetings' records as JSON-ready data."""
    return [asdict(r) for r in records]


def _clip(text: str, width: int | None) -> str:
    text = " ".join(text.split())
    if width is None or len(text) <= width:
        return text
    return text[: width - 1] + "…"


def _style(block: TextBlock) -> str:
    styles = sorted({m.style for m in block.marks if m.style != "line"})
    return "/" + ",".join(styles) if styles else ""


def outline_document(doc: Document, width: int | None = None) -> str:
    """The document as an indented outline: blocks, tables, rows, cells, provenance."""
    tables = sum(1 for b in doc.blocks if isinstance(b, Table))
    lines = [
        f"file      {doc.source}",
        f"format    {doc.format}   encoding {doc.encoding or '-'}   pages {doc.pages if doc.pages is not None else '-'}",
        f"layout    {doc.layout or '-'}",
        f"blocks    {len(doc.blocks)} ({tables} tables)",
        "",
    ]
    for block in doc.blocks:
        if isinstance(block, Table):
            lines.append(f"table {block.prov.table} [{block.prov.describe()}] {len(block.rows)} rows x {block.width} columns")
            for r_no, row in enumerate(block.rows, 1):
                lines.append(f"  row {r_no} [{row.prov.describe()}]")
                for c_no, cell in enumerate(row.cells, 1):
                    for b in cell.blocks:
                        lines.append(f"    c{c_no} {b.kind}{_style(b)} [{b.prov.describe()}]: {_clip(block_text_with_number(b), width)}")
        else:
            lines.append(f"{block.kind}{_style(block)} [{block.prov.describe()}]: {_clip(block_text_with_number(block), width)}")
    return "\n".join(lines) + "\n"


def outline_records(records: Iterable[MeetingRecords]) -> str:
    """Meetings as a readable outline: facts, attendance, then each item with its
    questions, responses, notes, actions and decisions in order."""
    lines: list[str] = []
    for r in records:
        m = r.meeting
        lines += [
            f"MEETING {m.meeting_id}: {m.title}",
            f"  body {m.body} | date {m.date} {m.start_time} | chair {m.chair} | minutes {m.minute_taker} | venue {m.venue}",
            "ATTENDANCE",
        ]
        lines += [f"  {a.name} | {a.role} | {a.abbrev} | {a.status} | {a.person_id}" for a in r.attendees]
        for item in r.items:
            parent = f" under {item.parent_item_id}" if item.parent_item_id else ""
            title = f" \"{item.title}\"" if item.title else ""
            lines.append(f"ITEM {item.seq} {item.kind} {item.label or '-'}{title} (section {item.section or '-'}; "
                         f"pages {item.page_start}-{item.page_end}){parent}")
            if item.text:
                lines.append(f"  text: {item.text}")
            for q in (q for q in r.questions if q.item_id == item.item_id):
                lines.append(f"  Q{q.number or ''} [{q.asker} -> {q.addressee or '-'}] {q.text}")
            for x in (x for x in r.responses if x.item_id == item.item_id):
                answers = x.question_id.rsplit("-", 1)[-1] if x.question_id else "-"
                lines.append(f"  R{x.number or ''}.{x.turn} [{x.speaker or '?'} = {x.speaker_person_id or '-'}; answers q{answers}] {x.text}")
            for n in (n for n in r.notes if n.item_id == item.item_id):
                number = f" {n.number}" if n.number else ""
                lines.append(f"  NOTE {n.kind} ({n.column}{number}) [{n.speaker or '-'}] {n.text}")
            for a in (a for a in r.actions if a.item_id == item.item_id):
                lines.append(f"  ACTION owner {a.owner or '-'} ({a.owner_person_id or '-'}) for {a.recipient or '-'} "
                             f"({a.recipient_person_id or '-'}) due '{a.due_text or '-'}' = {a.due_date or '-'}: {a.text}")
            for d in (d for d in r.decisions if d.item_id == item.item_id):
                lines.append(f"  DECISION {d.outcome or '-'}: {d.text}")
        for a in (a for a in r.actions if a.item_id is None):
            lines.append(f"ACTION (no item) owner {a.owner or '-'} ({a.owner_person_id or '-'}) due '{a.due_text or '-'}' "
                         f"= {a.due_date or '-'}: {a.text}")
        lines.append("MENTIONS")
        lines += [f"  {x.record_id} {x.start}-{x.end} '{x.surface}' -> {x.person_id or '-'} ({x.kind}, {x.resolution})" for x in r.mentions]
        lines.append("DATES")
        lines += [f"  {d.record_id} {d.start}-{d.end} '{d.surface}' {d.kind} {d.value_start or '-'}..{d.value_end or '-'}" for d in r.dates]
    return "\n".join(lines) + "\n"


def outline_tables(tables: dict[str, pd.DataFrame]) -> str:
    """Every table, one record per block of ``column: value`` lines."""
    lines: list[str] = []
    for name, frame in tables.items():
        lines.append(f"== {name} ({len(frame)} rows)")
        for _, row in frame.iterrows():
            for column, value in row.items():
                if pd.isna(value):
                    continue
                lines.append(f"  {column}: {value}")
            lines.append("  --")
    return "\n".join(lines) + "\n"
