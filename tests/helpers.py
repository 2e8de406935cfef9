"""Small builders for tests: documents and records from short generated texts.

Every text built here is generated for a test, never presented as a real document.
"""

from __future__ import annotations

from datetime import date

from pipeline.document import Cell, Document, Provenance, Row, Table, TextBlock
from pipeline.nlp import MeetingContext, PeopleIndex, Person, person_id_for
from pipeline.readers import read_bytes
from pipeline.repair import repair


def read_text(text: str, source: str = "generated.txt") -> Document:
    """A document read from text with the text reader."""
    return read_bytes(text.encode("utf-8"), source)


def read_repaired(text: str, rules, source: str = "generated.txt") -> Document:
    """A document read from text and repaired."""
    return repair(read_text(text, source), rules)


def table_of(doc: Document, index: int = 0) -> Table:
    """The document's ``index``-th table."""
    return list(doc.tables())[index]


def cell_texts(row: Row) -> list[list[str]]:
    """Each cell's block texts (numbers shown as "N. ")."""
    return [[f"{b.number}. {b.text}" if b.number else b.text for b in c.blocks] for c in row.cells]


def block(text: str, page: int = 1, **kw) -> TextBlock:
    return TextBlock(kw.pop("kind", "paragraph"), text, Provenance("t", page=page), **kw)


def cell(*texts: str, page: int = 1) -> Cell:
    return Cell(tuple(block(t, page) for t in texts), Provenance("t", page=page))


ASSURANCE_PEOPLE = [
    ("John Campion", "Police and Crime Commissioner", "PCC"),
    ("Pippa Mills", "Chief Constable", "CC"),
    ("Julian Moss", "Deputy Chief Constable", "DCC"),
    ("Rachel Hartland Lane", "Director of Business Services", "DBS"),
    ("Richard Cooper", "Assistant Chief Constable", "ACCCV"),
    ("Rachel Jones", "Assistant Chief Constable", "ACCLP"),
    ("Jackie Irvin", "Senior Policy Manager", "SPM"),
]


def context(rules, meeting: date | None = date(2022, 5, 23), people=ASSURANCE_PEOPLE) -> MeetingContext:
    """A meeting context with the example minutes' people (generated for tests)."""
    persons = [Person(person_id_for(n), n, r, a) for n, r, a in people]
    return MeetingContext(meeting, PeopleIndex(persons, rules.people))


def csv_rows(path) -> list[dict[str, str]]:
    """A dataset CSV's rows as dicts of text, as an analyst's reader sees them."""
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
