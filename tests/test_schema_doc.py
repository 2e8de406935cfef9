"""docs/schema.md and the tables written are the same contract, column for column."""

import re

from pipeline.records import TABLES, columns
from tests.conftest import ROOT

SHARED_CONTRACT = {
    "documents": ["document_id", "source_path", "format", "sha256", "pages", "status", "reason"],
    "meetings": ["meeting_id", "document_id", "title", "body", "date", "start_time", "chair", "minute_taker", "venue"],
    "attendees": ["meeting_id", "person_id", "name", "role", "abbrev", "status"],
    "items": ["meeting_id", "item_id", "seq", "kind", "label", "number", "parent_item_id", "section", "text", "page_start", "page_end"],
    "questions": ["meeting_id", "item_id", "question_id", "number", "asker", "asker_person_id", "addressee", "text"],
    "responses": ["meeting_id", "item_id", "response_id", "number", "question_id", "speaker", "speaker_person_id", "text"],
    "actions": ["meeting_id", "item_id", "action_id", "owner", "owner_person_id", "recipient", "text", "due_text", "due_date"],
    "decisions": ["meeting_id", "item_id", "decision_id", "text", "outcome"],
    "mentions": ["meeting_id", "record_table", "record_id", "start", "end", "surface", "person_id"],
    "dates": ["meeting_id", "record_table", "record_id", "start", "end", "surface", "kind", "value_start", "value_end"],
}


def documented() -> dict[str, list[str]]:
    """Table → columns, read from the markdown tables under each `## name` heading."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "docs" / "schema.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)\s*$", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
            continue
        cell = re.match(r"^\|\s*([a-z_][a-z0-9_, ]*?)\s*\|\s*(\S[^|]*?)?\s*\|", line)
        if current and cell and cell.group(2) != "meaning":  # not the header row
            tables[current] += [c.strip() for c in cell.group(1).split(",")]
    return tables


def test_every_table_written_is_documented_and_nothing_else():
    assert set(documented()) == set(TABLES)


def test_every_column_written_is_documented_in_order():
    docs = documented()
    for table in TABLES:
        assert docs[table] == columns(table), table


def test_the_shared_contract_is_kept_as_a_prefix():
    # columns may be added, never renamed or reordered
    for table, expected in SHARED_CONTRACT.items():
        assert columns(table)[: len(expected)] == expected, table
