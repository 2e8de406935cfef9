"""Item labels at the start of a text: "AFI 2:", "Recommendation 1:", "Cause of concern:"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import ItemLabel, SectionRules

_AFTER_LABEL = re.compile(r"^\s*[:.\-–—)]?\s*")


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """An item label found at the start of a text, and the text that follows it."""

    rule: ItemLabel
    label: str
    number: str | None
    rest: str


def match_item_label(text: str, rules: SectionRules) -> LabelMatch | None:
    """The item label ``text`` starts with, per rules/sections.yaml, or None."""
    stripped = text.lstrip()
    for rule in rules.item_labels:
        m = rule.pattern.match(stripped)
        if not m:
            continue
        number = m.groupdict().get("number")
        rest = stripped[m.end():]
        rest = rest[_AFTER_LABEL.match(rest).end():]
        return LabelMatch(rule, " ".join(m.group("label").split()), number, rest.strip())
    return None

