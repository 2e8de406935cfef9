"""Front matter: title, date, time, chair, minute-taker and venue.

Read from the front lines: the paragraphs before the items begin, and the rows of
key/value tables ("Date | 11th September 2012"), which read as "Date: 11th September
2012". A field is a line starting with one of its labels (rules/front_matter.yaml), with
or without a colon ("Venue West Mercia Police HQ"). The date line often has no year
("Monday 23rd May, 15:00"): the year comes from the title ("… May 2022 …"), and a
written weekday must agree with it. Without a date line, the first date written in the
front lines is the meeting's ("MINUTES of a meeting … on Thursday, 30 January 2025").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from ..document import FURNITURE, Document, Provenance, Table, TextBlock
from ..headers import table_roles
from ..labels import match_item_label
from ..nlp.dates import DateFinder
from ..rules import Rules
from ..textutil import collapse_space
from .attendance import is_attendance_table

_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?(?=\W|$)", re.IGNORECASE
)
_DASH_SPACING = re.compile(r"(?<=\S)([–—])(?=\s)|(?<=\s)([–—])(?=\S)")


@dataclass(frozen=True, slots=True)
class FrontLine:
    """One line of the front matter: a paragraph, or a key/value row as "key: value"."""

    text: str
    prov: Provenance
    heading: bool = False


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The meeting facts stated before the body of the minutes."""

    title: str | None = None
    body: str | None = None
    date: date | None = None
    start_time: str | None = None
    chair: str | None = None
    minute_taker: str | None = None
    minute_taker_role: str | None = None
    venue: str | None = None
    page: int | None = None
    kind: str = "minutes"


def is_key_value_table(table: Table, rules: Rules) -> bool:
    """A two-column table of labels and values ("Date | 11th September 2012")."""
    if table.width != 2 or is_attendance_table(table, rules) or table_roles(table, rules) is not None:
        return False
    pairs = [r for r in table.rows if len(r.cells) == 2 and not r.cells[0].is_empty and not r.cells[1].is_empty]
    return len(pairs) >= 2 and all(len(r.cells[0].text.split()) <= 5 for r in pairs)


def key_value_lines(table: Table) -> list[FrontLine]:
    """A key/value table's rows as lines "key: value"; a title across the box as a heading."""
    lines = []
    for row in table.rows:
        key, value = (collapse_space(c.text) for c in row.cells)
        if key and value:
            lines.append(FrontLine(f"{key.rstrip(':')}: {value}", row.prov))
        elif key and row.cells[0].col_span > 1:
            lines.append(FrontLine(key, row.prov, heading=True))
    return lines


def starts_item(block: TextBlock, rules: Rules) -> bool:
    """True when a top-level block opens an item: "84. Apologies", "AFI 3: …"."""
    return (block.number is not None and "." not in block.number) or match_item_label(block.text, rules.sections) is not None


def front_lines(doc: Document, rules: Rules, limit: int = 60) -> list[FrontLine]:
    """The lines that state the meeting's facts, before the items begin."""
    lines: list[FrontLine] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if is_key_value_table(block, rules):
                lines += key_value_lines(block)
            elif not is_attendance_table(block, rules) and table_roles(block, rules) is not None:
                break  # an item table: the body of the minutes begins
            continue
        if block.kind in FURNITURE:
            continue
        if lines and starts_item(block, rules):
            break
        lines.append(FrontLine(collapse_space(block.text), block.prov, block.kind == "heading"))
        if len(lines) >= limit:
            break
    return lines


def _field_patterns(rules: Rules) -> dict[str, re.Pattern]:
    patterns = {}
    for field, labels in rules.front_matter.fields.items():
        alternatives = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
        # without a colon or dash ("Venue West Mercia Police HQ") the value must not read
        # on from the label ("Minutes of a meeting of …" names no minute-taker);
        # "Scribe(s):" writes its plural in brackets
        patterns[field] = re.compile(
            rf"^\s*(?:{alternatives})(?:\(s\)|\b)\s*(?:[:\-–—]\s*|\s+(?-i:(?![a-z])))(?P<value>\S.*)$", re.IGNORECASE
        )
    return patterns


def spaced_dashes(text: str) -> str:
    """Dashes given a space on both sides: "May 2022– Meeting Notes" → "May 2022 – Meeting Notes"."""
    return collapse_space(_DASH_SPACING.sub(lambda m: f" {m.group(0)} ", text))


def read_front_matter(doc: Document, rules: Rules, finder: DateFinder) -> FrontMatter:
    """The front matter of ``doc``; fields not found are None."""
    lines = front_lines(doc, rules)
    patterns = _field_patterns(rules)
    values: dict[str, str] = {}
    title_line: FrontLine | None = None
    labels = {label.lower(): field for field, names in rules.front_matter.fields.items() for label in names}
    for i, line in enumerate(lines):
        alone = labels.get(line.text.rstrip(":").strip().lower())
        if alone and alone not in values and i + 1 < len(lines) and len(lines[i + 1].text.split()) <= 8:
            # a label on a line of its own, its value on the next ("Chair" / "wolfgang")
            values[alone] = lines[i + 1].text
            continue
        for field, pattern in patterns.items():
            m = pattern.match(line.text)
            if m and field not in values:
                values[field] = m.group("value").strip()
                break
        else:
            if title_line is None and not values and _looks_like_title(line.text, rules):
                title_line = line
    if title_line is None and lines:
        # no line names a meeting: the document's first line, unless it is a field already
        first_field = next((i for i, l in enumerate(lines) if any(p.match(l.text) for p in patterns.values())), len(lines))
        title_line = lines[0] if first_field > 0 else next((l for l in lines if l.heading), None)
    title = spaced_dashes(values.get("title") or (title_line.text if title_line else "")).rstrip(":").strip() or None
    reference = _reference_date([title or ""] + [l.text for l in lines], finder)
    meeting_date = _meeting_date(values.get("date"), reference, finder)
    date_line = values.get("date")
    if meeting_date is None:
        # no date line: the first date the front lines write ("held … on 30 January 2025")
        for line in lines:
            meeting_date = _meeting_date(line.text, reference, finder)
            if meeting_date is not None:
                date_line = line.text
                break
    minute_taker, minute_taker_role = _name_and_role(values.get("minute_taker"), rules)
    chair, _ = _name_and_role(values.get("chair"), rules)
    if chair is None:
        chair = named_in_passing((line.text for line in lines), rules.front_matter.chair_patterns, "chair", " .,")
    return FrontMatter(
        title=title,
        body=_body(title, finder, rules),
        date=meeting_date,
        start_time=_start_time(values.get("time")) or _start_time(date_line),
        chair=chair,
        minute_taker=minute_taker,
        minute_taker_role=minute_taker_role,
        venue=values.get("venue") or named_in_passing((line.text for line in lines), rules.front_matter.venue_patterns, "venue"),
        page=title_line.prov.page if title_line else None,
        kind=document_kind(title, lines, rules),
    )


def date_from_file_name(source: str, finder: DateFinder) -> date | None:
    """The date a file's name gives ("2019-02-26-minutes.md", "CPP_Minutes_29.10.24.pdf"):
    archives name files by meeting date when the text itself leaves the date out."""
    stem = re.split(r"[\\/]", source)[-1].rsplit(".", 1)[0]
    return _meeting_date(re.sub(r"_+", " ", stem), None, finder)


def document_kind(title: str | None, lines: list[FrontLine], rules: Rules) -> str:
    """``minutes``, ``agenda`` or ``decision_log``: the first kind rule that matches the
    title (or a front line, for rules that say so); minutes when none does."""
    for kind, pattern, on_lines in rules.front_matter.kinds:
        texts = [l.text for l in lines] if on_lines else [title or ""]
        if any(pattern.search(t) for t in texts):
            return kind
    return "minutes"


def named_in_passing(texts: Iterable[str], patterns, group: str, strip: str = " ,") -> str | None:
    """The group ``group`` of the first pattern found in one of ``texts`` ("The meeting
    was led by Frank Wiles.", "held in the Council Chamber … on …")."""
    for text in texts:
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                return m.group(group).strip(strip)
    return None


def _looks_like_title(text: str, rules: Rules) -> bool:
    words = text.lower()
    return len(text) <= 200 and any(re.search(rf"\b{re.escape(c)}\b", words) for c in rules.front_matter.title_cues)


def _reference_date(texts: list[str], finder: DateFinder) -> date | None:
    """A date near the meeting — from the title ("May 2022") or any front line with a
    year — to give a date line without a year its year."""
    for text in texts:
        for match in finder.find(text, None):
            if match.value_start is not None and match.kind in ("date", "month", "year", "range"):
                return match.value_start
    return None


def _meeting_date(text: str | None, reference: date | None, finder: DateFinder) -> date | None:
    if not text:
        return None
    for match in finder.find(text, reference):
        if match.kind == "date" and match.value_start is not None:
            return match.value_start
    return None


def _start_time(text: str | None) -> str | None:
    """The first clock time in ``text`` as ``HH:MM`` ("15:00", "10.30am", "2pm")."""
    if not text:
        return None
    for m in _TIME.finditer(text):
        if m.group("m") is None and m.group("ampm") is None:
            continue  # a bare number is a day, not a time
        if m.group("m") is not None and m.group("ampm") is None and "." in m.group(0) and int(m.group("h")) > 23:
            continue
        hour = int(m.group("h"))
        ampm = (m.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
        return f"{hour:02d}:{int(m.group('m') or 0):02d}"
    return None


def _name_and_role(text: str | None, rules: Rules) -> tuple[str | None, str | None]:
    """Split "Alfie Bates, Policy and Commissioning Intern, OPCC" into name and the rest."""
    if not text:
        return None, None
    cut = len(text)
    for sep in rules.front_matter.name_separators:
        pos = text.find(sep)
        if 0 < pos < cut:
            cut = pos
    name = text[:cut].strip(" ,-–—(")
    rest = text[cut:].strip(" ,-–—()") or None
    return (name or None), rest


def _body(title: str | None, finder: DateFinder, rules: Rules) -> str | None:
    """The meeting series named by the title: the title before its date, less suffixes."""
    if not title:
        return None
    body = title
    for match in finder.find(title, None):
        if match.kind in ("date", "month", "year", "range", "financial_year") and match.start > 0:
            body = title[: match.start]
            break
    body = re.sub(r"^\s*(?:minutes|notes)\s+of\s+(?:the\s+)?", "", body, flags=re.IGNORECASE)
    changed = True
    while changed:
        changed = False
        stripped = body.strip(" \t–—-:,")
        for suffix in rules.front_matter.body_suffixes:
            if stripped.lower().endswith(suffix.lower()) and len(stripped) > len(suffix):
                stripped = stripped[: -len(suffix)]
                changed = True
        body = stripped.strip(" \t–—-:,")
    return body or None
