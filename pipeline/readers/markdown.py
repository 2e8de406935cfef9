"""Read Markdown minutes: static-site archives (Jekyll, Hugo) keep minutes as ``.md``.

The body is rendered to HTML by markdown-it-py (CommonMark with tables) and read by the
HTML reader, so headings, nested lists, emphasis and tables mean what they mean there.
Front matter — YAML between ``---`` lines or TOML between ``+++`` lines — becomes the
lines a printed front sheet would hold: the title as a heading, then "Date: …",
"Chair: …", "Venue: …", "Present: …", "Apologies: …" and so on.

Front matter dates need care: a blog post's ``date`` is when it was *published* (Stoke
Ferry's May 2018 minutes were posted in July), so it is the meeting's date only when the
front matter describes a meeting (a ``layout``/``type`` of meeting, agenda, minutes or
decision, or meeting keys such as ``chair`` or ``location``); otherwise the date is left
to the text.
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import replace
from datetime import date, datetime

import yaml
from markdown_it import MarkdownIt

from ..document import Document, TextBlock
from .decode import decode_text

_YAML_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
_TOML_FRONT = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*\n", re.DOTALL)
_ATX_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_STRONG = re.compile(r"\*\*[^*\n]+\*\*")

# front-matter keys → the label of the line they become (people lists by status)
_PEOPLE_KEYS = {
    "present": "Present", "attendees": "Present", "attendance": "Present", "directors": "Present",
    "members": "Present", "participants": "Present", "apologies": "Apologies", "regrets": "Apologies",
    "absent": "Absent", "in_attendance": "In attendance", "guests": "In attendance", "also_present": "In attendance",
}
_FIELD_KEYS = {
    "chair": "Chair", "chairman": "Chair", "chairperson": "Chair", "secretary": "Secretary", "clerk": "Clerk",
    "scribe": "Scribe", "minutes": "Minutes", "location": "Venue", "venue": "Venue", "place": "Venue",
}
_MEETING_TYPES = ("meeting", "agenda", "minutes", "decision", "resolution")
_MEETING_KEYS = ("chair", "chairman", "location", "venue", "agenda", "attendees", "present", "directors",
                 "enddate", "quorum")


def looks_like_markdown(text: str) -> bool:
    """True when a text file is Markdown: front matter, ATX headings or bold runs."""
    if _YAML_FRONT.match(text) or _TOML_FRONT.match(text):
        return True
    # a long plain-text file may hold a stray "### Issues" (pasted reports): Markdown
    # uses its marks throughout, at least one per hundred lines
    lines = text.count("\n") + 1
    headings, strong = len(_ATX_HEADING.findall(text)), len(_STRONG.findall(text))
    return (headings >= 2 and headings * 100 >= lines) or (strong >= 3 and strong * 100 >= lines)


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter as a mapping, the body, how many lines the front matter took)."""
    for pattern, parse in ((_YAML_FRONT, yaml.safe_load), (_TOML_FRONT, tomllib.loads)):
        m = pattern.match(text)
        if m:
            try:
                meta = parse(m.group(1) or "") or {}
            except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
                meta = {}  # broken front matter: the body still reads
            return (meta if isinstance(meta, dict) else {}), text[m.end():], m.group(0).count("\n")
    return {}, text, 0


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value if v not in (None, ""))
    if isinstance(value, datetime):
        return value.strftime("%d %B %Y") + (f" at {value:%H:%M}" if (value.hour, value.minute) != (0, 0) else "")
    if isinstance(value, date):
        return value.strftime("%d %B %Y")
    return str(value).strip()


def _describes_meeting(meta: dict) -> bool:
    kind = str(meta.get("layout") or meta.get("type") or "").lower()
    return any(t in kind for t in _MEETING_TYPES) or any(k in meta for k in _MEETING_KEYS)


def _date_value(value) -> str:
    """A front-matter date as a line's value: TOML and YAML give datetimes, strings stay."""
    if isinstance(value, (date, datetime)):
        return _text(value)
    try:
        return _text(datetime.fromisoformat(str(value).strip()))
    except ValueError:
        return str(value)


def front_matter_html(meta: dict) -> str:
    """The front matter as the paragraphs of a front sheet, in HTML."""
    parts = []
    title = meta.get("title")
    kind = str(meta.get("layout") or meta.get("type") or "").lower()
    if title:
        # "type = agenda" says so only in the metadata: the title carries it for the reader
        prefix = "Agenda: " if "agenda" in kind and "agenda" not in str(title).lower() else ""
        parts.append(f"<h1>{html.escape(prefix + _text(title))}</h1>")
    if "date" in meta and _describes_meeting(meta):
        parts.append(f"<p>Date: {html.escape(_date_value(meta['date']))}</p>")
    for key, value in meta.items():
        label = _FIELD_KEYS.get(str(key).lower()) or _PEOPLE_KEYS.get(str(key).lower())
        if label and value not in (None, "", []):
            parts.append(f"<p>{label}: {html.escape(_text(value))}</p>")
    return "\n".join(parts)


def markdown_to_html(body: str) -> str:
    """The body rendered by markdown-it-py (CommonMark with tables; raw HTML kept)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(body)


def read_markdown(data: bytes, source: str, sha256: str, rules=None) -> Document:
    """Read a Markdown file's bytes into a ``Document`` through the HTML reader."""
    from .html import read_html

    text, encoding = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, front_lines = split_front_matter(text)
    page = f"<html><body>{front_matter_html(meta)}\n{markdown_to_html(body)}</body></html>"
    doc = read_html(page.encode("utf-8"), source, sha256, rules)
    blocks = _with_lines(doc.blocks, body.split("\n"), front_lines)
    return replace(doc, format="text", encoding=encoding, blocks=blocks,
                   layout="Markdown rendered by markdown-it-py, read as HTML; front matter as front-sheet lines")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _with_lines(blocks: tuple, lines: list[str], offset: int) -> tuple:
    """Blocks given the source line they start on (HTML has none to give)."""
    keys = [_key(l) for l in lines]
    cursor = 0
    placed = []
    for block in blocks:
        if isinstance(block, TextBlock):
            start = _key(block.text)[:24]
            found = next((i for i in range(cursor, len(keys)) if start and start in keys[i]), None) if start else None
            if found is not None:
                cursor = found
                block = replace(block, prov=replace(block.prov, line=found + 1 + offset))
        placed.append(block)
    return tuple(placed)
