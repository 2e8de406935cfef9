"""Front matter: title, date, time, chair, minute-taker and venue.

Read from the paragraphs before the first table. Each field is a line starting with one
of its labels (rules/front_matter.yaml), with or without a colon ("Venue West Mercia
Police HQ"). The date line often has no year ("Monday 23rd May, 15:00"): the year comes
from the title ("… May 2022 …"), and a written weekday must agree with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..document import Document, Table, TextBlock
from ..nlp.dates import DateFinder
from ..rules import Rules
from ..textutil import collapse_space

_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?(?=\W|$)", re.IGNORECASE
)
_DASH_SPACING = re.compile(r"(?<=\S)([–—])(?=\s)|(?<=\s)([–—])(?=\S)")


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


def front_blocks(doc: Document, limit: int = 40) -> list[TextBlock]:
    """The top-level paragraphs before the first table (at most ``limit``)."""
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Table):
            break
        blocks.append(block)
        if len(blocks) >= limit:
            break
    return blocks


def _field_patterns(rules: Rules) -> dict[str, re.Pattern]:
    patterns = {}
    for field, labels in rules.front_matter.fields.items():
        alternatives = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
        patterns[field] = re.compile(
            rf"^\s*(?:{alternatives})\b\s*(?:[:\-–—]\s*|\s+)(?P<value>\S.*)$", re.IGNORECASE
        )
    return patterns


def spaced_dashes(text: str) -> str:
    """Dashes given a space on both sides: "May 2022– Meeting Notes" → "May 2022 – Meeting Notes"."""
    return collapse_space(_DASH_SPACING.sub(lambda m: f" {m.group(0)} ", text))


def read_front_matter(doc: Document, rules: Rules, finder: DateFinder) -> FrontMatter:
    """The front matter of ``doc``; fields not found are None."""
    blocks = front_blocks(doc)
    patterns = _field_patterns(rules)
    values: dict[str, str] = {}
    title_block: TextBlock | None = None
    for block in blocks:
        text = collapse_space(block.text)
        for field, pattern in patterns.items():
            m = pattern.match(text)
            if m and field not in values:
                values[field] = m.group("value").strip()
                break
        else:
            if title_block is None and not values and _looks_like_title(text, rules):
                title_block = block
    if title_block is None and blocks:
        title_block = next((b for b in blocks if b.text.strip()), None)
    title = spaced_dashes(title_block.text) if title_block else None
    reference = _reference_date(title, finder)
    meeting_date = _meeting_date(values.get("date"), reference, finder)
    minute_taker, minute_taker_role = _name_and_role(values.get("minute_taker"), rules)
    chair, _ = _name_and_role(values.get("chair"), rules)
    return FrontMatter(
        title=title,
        body=_body(title, finder, rules),
        date=meeting_date,
        start_time=_start_time(values.get("time") or values.get("date")),
        chair=chair,
        minute_taker=minute_taker,
        minute_taker_role=minute_taker_role,
        venue=values.get("venue"),
        page=title_block.prov.page if title_block else None,
    )


def _looks_like_title(text: str, rules: Rules) -> bool:
    words = text.lower()
    return any(re.search(rf"\b{re.escape(c)}\b", words) for c in rules.front_matter.title_cues)


def _reference_date(title: str | None, finder: DateFinder) -> date | None:
    """A date near the meeting, from the title ("May 2022"), to give the date line its year."""
    if not title:
        return None
    for match in finder.find(title, None):
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
