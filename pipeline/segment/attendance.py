"""Attendance: who was there, in what capacity, under which short form.

Read from a table whose header names a name column ("Attendance: | Name | Capacity").
A capacity ending in a bracketed short form gives the abbreviation used in the text
afterwards: "Chief Constable (CC)", "Assistant Chief Constable (ACCLP)". A label cell
("Apologies:") in the first column switches the status of the rows after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Table
from ..headers import header_roles
from ..nlp.people import split_rank, strip_acting
from ..rules import Rules
from ..textutil import collapse_space


@dataclass(frozen=True, slots=True)
class AttendeeDraft:
    """One person read from an attendance list, before ids are given."""

    name: str
    role: str | None
    abbrev: str | None
    status: str
    page: int | None
    location: str
    chair: bool = False


def _attendance_header(row, rules: Rules) -> tuple[str | None, ...] | None:
    """The roles of an attendance table's header row: one that names a name column
    ("Attendance: | Name | Capacity"), or that opens with an attendance heading whose
    column then holds the names ("Attendees: | Signatures:")."""
    roles = header_roles(row, rules.tables, lone_ok=True)
    if roles and "name" in roles:
        return roles
    first = row.cells[0].text if row.cells else ""
    if _status_of(first, rules) is not None and len(first.split()) <= 3:
        return ("name",) + tuple(r if r != "name" else None for r in (roles or (None,) * len(row.cells))[1:])
    return None


def is_attendance_table(table: Table, rules: Rules) -> bool:
    """True when the table's header row names a name column or opens with "Attendees"."""
    return any(_attendance_header(row, rules) is not None for row in table.rows[:2])


def _status_of(label: str, rules: Rules) -> str | None:
    cleaned = collapse_space(label).rstrip(":").strip().lower()
    for cue, status in sorted(rules.people.attendance_headings, key=lambda h: len(h[0]), reverse=True):
        if cleaned == cue.lower() or cleaned.startswith(cue.lower() + " "):
            return status
    return None


def split_capacity(text: str, rules: Rules) -> tuple[str | None, str | None]:
    """"Chief Constable (CC)" → ("Chief Constable", "CC"); no brackets → (text, None)."""
    text = collapse_space(text)
    if not text:
        return None, None
    m = rules.people.abbrev_pattern.match(text)
    if m:
        return (m.group("role").strip(" ,-–") or None), m.group("abbrev").strip()
    return text, None


def read_attendance(doc: Document, rules: Rules) -> list[AttendeeDraft]:
    """Everyone on the document's attendance tables, in order."""
    people: list[AttendeeDraft] = []
    for table in doc.tables():
        if not is_attendance_table(table, rules):
            continue
        name_col = role_col = label_col = None
        status = "present"
        for row in table.rows:
            roles = _attendance_header(row, rules) if name_col is None else header_roles(row, rules.tables)
            if roles and "name" in roles:
                name_col = roles.index("name")
                status = _status_of(row.cells[name_col].text, rules) or status
                role_col = roles.index("role") if "role" in roles else None
                label_col = roles.index("label") if "label" in roles else None
                if label_col is not None:
                    status = _status_of(row.cells[label_col].text, rules) or status
                continue
            if name_col is None:
                continue
            cells = row.cells
            # a label in a column of its own ("Apologies:") changes the status from here on
            for i, cell in enumerate(cells):
                if i != name_col and i != role_col and not cell.is_empty:
                    status = _status_of(cell.text, rules) or status
            name_text = collapse_space(cells[name_col].text) if name_col < len(cells) else ""
            if not name_text:
                continue
            role_text = collapse_space(cells[role_col].text) if role_col is not None and role_col < len(cells) else ""
            name, name_abbrev = split_capacity(name_text, rules)  # "Rachel Hartland Lane (RHL)"
            role, role_abbrev = split_capacity(role_text, rules)
            # "T/ACC Rachel Jones" in the name column: the post is the role (and says it is
            # held acting when the capacity column does not)
            rank, name = split_rank(name or name_text, rules.people)
            if rank and not role:
                role = rank
            elif rank and strip_acting(rank, rules.people.acting)[1] and not strip_acting(role, rules.people.acting)[1]:
                role = rank[: len(rank) - len(strip_acting(rank, rules.people.acting)[0])] + role
            people.append(
                AttendeeDraft(
                    name=name or name_text,
                    role=role,
                    abbrev=role_abbrev or name_abbrev,
                    status=status,
                    page=row.prov.page,
                    location=row.prov.describe(),
                )
            )
    return people

