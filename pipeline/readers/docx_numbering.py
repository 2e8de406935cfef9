"""Word's automatic list numbering: the number a reader sees on each list paragraph.

python-docx reads ``numbering.xml`` but does not compute list numbers; this module does.

Definitions: a ``w:abstractNum`` holds up to nine levels (``w:lvl``: ``w:start``,
``w:numFmt``, ``w:lvlText`` such as "%1." or "%1.%2.", ``w:lvlRestart``, ``w:isLgl``,
``w:pStyle``); a ``w:num`` (what paragraphs point at with ``w:numId``) names one with
``w:abstractNumId`` and may override levels (``w:lvlOverride`` holding a
``w:startOverride`` and/or a whole ``w:lvl``). An abstractNum with ``w:numStyleLink``
takes its levels from the list style it names.

Counting follows Word: counters belong to the abstract definition, so numIds sharing one
continue each other's numbers, and the first paragraph of a numId with a start override
restarts that level. A level restarts when a higher level advances, unless its
``w:lvlRestart`` says otherwise. The number is the level text with the counters filled
in and its decoration taken off ("%1." → "2", "%1.%2." → "2.1", "(%1)" → "1"); bullets
and the "none" format have no number. Formats other than decimal, zero-padded decimal,
letters, roman numerals and ordinals are shown as decimal digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from docx.oxml.ns import qn

_LVL = qn("w:lvl")
_ILVL = qn("w:ilvl")
_VAL = qn("w:val")
_PLACEHOLDER = re.compile(r"%([1-9])")
# what surrounds the number in the level text: "(", ")", ".", ":", spaces …
_DECORATION = re.compile(r"^[\W_]+|[\W_]+$")
_UNNUMBERED = ("bullet", "none")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 0  # the schema's default when w:start is absent
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False  # w:isLgl: every level shown as decimal digits
    style: str | None = None  # the paragraph style this level is linked to


@dataclass(frozen=True, slots=True)
class ListLabel:
    """What Word shows before a list paragraph: ``number`` ("2", "3.1", "a"), None for a bullet."""

    number: str | None


@dataclass(frozen=True, slots=True)
class _Instance:
    """A ``w:num``: the abstract definition whose counters it uses, with its overrides applied."""

    abstract: str
    levels: dict[int, Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _child_val(el, name: str) -> str | None:
    child = el.find(qn(name))
    return child.get(_VAL) if child is not None else None


def _level(lvl) -> Level:
    legal = lvl.find(qn("w:isLgl"))
    return Level(
        start=_int(_child_val(lvl, "w:start"), 0),
        fmt=_child_val(lvl, "w:numFmt") or "decimal",
        text=_child_val(lvl, "w:lvlText"),
        restart=_int(_child_val(lvl, "w:lvlRestart"), None),
        legal=legal is not None and (legal.get(_VAL) or "1").lower() not in ("0", "false", "off"),
        style=_child_val(lvl, "w:pStyle"),
    )


def _levels(parent) -> dict[int, Level]:
    return {_int(lvl.get(_ILVL), 0): _level(lvl) for lvl in parent.iterfind(_LVL)}


class NumberingDefinitions:
    """The list definitions of ``numbering.xml`` (an empty set when the part is missing)."""

    def __init__(self, root, style_num_id: Callable[[str], str | None]):
        self._abstracts = {}
        self._nums = {}
        self._style_num_id = style_num_id
        self._instances: dict[str, _Instance | None] = {}
        if root is None:
            return
        for abstract in root.iterfind(qn("w:abstractNum")):
            self._abstracts[abstract.get(qn("w:abstractNumId"))] = abstract
        for num in root.iterfind(qn("w:num")):
            self._nums[num.get(qn("w:numId"))] = num

    def instance(self, num_id: str) -> _Instance | None:
        """The list a ``w:numId`` names, or None when the file defines no such list."""
        if num_id not in self._instances:
            self._instances[num_id] = self._build(num_id, depth=0)
        return self._instances[num_id]

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level linked to a paragraph style (how Word numbers heading styles)."""
        instance = self.instance(num_id)
        if instance is None or style_id is None:
            return None
        return next((ilvl for ilvl, level in sorted(instance.levels.items()) if level.style == style_id), None)

    def _build(self, num_id: str, depth: int) -> _Instance | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_id = _child_val(num, "w:abstractNumId")
        resolved = self._abstract(abstract_id, depth)
        if resolved is None:
            return None
        abstract_key, levels = resolved
        levels = dict(levels)
        starts = {}
        for override in num.iterfind(qn("w:lvlOverride")):
            ilvl = _int(override.get(_ILVL), 0)
            lvl = override.find(_LVL)
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            start = _int(_child_val(override, "w:startOverride"), None)
            if start is not None:
                starts[ilvl] = start
        return _Instance(abstract_key, levels, starts)

    def _abstract(self, abstract_id: str | None, depth: int) -> tuple[str, dict[int, Level]] | None:
        abstract = self._abstracts.get(abstract_id)
        if abstract is None:
            return None
        link = _child_val(abstract, "w:numStyleLink")
        if link is not None and depth < 4:
            # a list that uses a list style: its levels (and counters) are the style's list
            linked = self._style_num_id(link)
            linked_instance = self._build(linked, depth + 1) if linked is not None else None
            if linked_instance is not None:
                return linked_instance.abstract, linked_instance.levels
        return abstract_id, _levels(abstract)


class ListCounter:
    """The list counters of one story (the body, a header …), advanced in reading order."""

    def __init__(self, definitions: NumberingDefinitions):
        self._definitions = definitions
        self._values: dict[str, dict[int, int]] = {}
        self._seen: set[str] = set()

    def next(self, num_id: str, ilvl: int) -> ListLabel | None:
        """Advance the list of a numbered paragraph; None when the numbering is not a list."""
        instance = self._definitions.instance(num_id)
        if instance is None or ilvl not in instance.levels:
            return None
        values = self._values.setdefault(instance.abstract, {})
        if num_id not in self._seen:
            self._seen.add(num_id)
            for overridden in instance.start_overrides:
                values.pop(overridden, None)
        values[ilvl] = values[ilvl] + 1 if ilvl in values else _start(instance, ilvl)
        _restart_below(instance, values, ilvl)
        return ListLabel(_render(instance, values, ilvl))


def _start(instance: _Instance, ilvl: int) -> int:
    level = instance.levels.get(ilvl)
    return instance.start_overrides.get(ilvl, level.start if level else 0)


def _restart_below(instance: _Instance, values: dict[int, int], ilvl: int) -> None:
    """Forget the counters of the levels below ``ilvl`` that restart when it advances."""
    for deeper in [lvl for lvl in values if lvl > ilvl]:
        level = instance.levels.get(deeper)
        restart = level.restart if level else None
        if restart is None or (restart > 0 and ilvl < restart):
            del values[deeper]


def _render(instance: _Instance, values: dict[int, int], ilvl: int) -> str | None:
    level = instance.levels[ilvl]
    if level.fmt in _UNNUMBERED or not level.text:
        return None

    def counter(match: re.Match) -> str:
        shown = int(match.group(1)) - 1
        shown_level = instance.levels.get(shown, Level())
        # a level above that was never used shows its start value
        value = values.get(shown, _start(instance, shown))
        return format_number(value, "decimal" if level.legal else shown_level.fmt)

    label = _DECORATION.sub("", _PLACEHOLDER.sub(counter, level.text))
    return label or None


def format_number(value: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` (unknown formats give decimal digits)."""
    if fmt in _UNNUMBERED:
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word goes a … z, aa … zz, aaa …
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "ordinal":
        return f"{value}{_ordinal_suffix(value)}"
    return str(value)


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _ordinal_suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
