"""When a value the pipeline found is the one a gold file means.

Names are compared without titles, punctuation or case, and an initial matches the name
it stands for ("Mr R W Gough" is "Roger Gough"); IRC nicknames written as one word match
the joined name ("wendyreid" is "Wendy Reid"). Texts are compared as sets of content
words, so line breaks, hyphenation and cue words do not matter. Pairs are assigned one
to one, best first.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence, TypeVar

from ..textutil import without_accents

A = TypeVar("A")
B = TypeVar("B")

_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "revd",
    "cllr", "councillor", "cll", "the", "hon", "honourable", "rt", "mp", "obe", "mbe", "cbe", "ald", "alderman",
}
_STOP = {
    "the", "a", "an", "and", "or", "of", "to", "for", "in", "on", "at", "by", "be", "is", "was", "were", "that",
    "this", "with", "as", "it", "its", "from", "will", "would", "should", "are", "has", "have", "had", "all",
    "action", "actions", "decision", "resolved", "resolution", "agreed",
}
_WORD = re.compile(r"[a-z0-9]+")


def _plain(text: str) -> str:
    return without_accents(text).lower()


def name_tokens(name: str) -> list[str]:
    """The words of a person's name, without titles, brackets or punctuation."""
    name = re.sub(r"\([^)]*\)", " ", _plain(name))
    name = re.split(r"\s[-–—]\s|,", name)[0]  # "Jane Doe – Clerk", "Jane Doe, Chair"
    return [t for t in _WORD.findall(name.replace("'", "").replace("’", "")) if t not in _TITLES]


def names_match(a: str, b: str) -> bool:
    """True when two written names can only mean the same person."""
    x, y = name_tokens(a), name_tokens(b)
    if not x or not y:
        return False
    if x == y or "".join(x) == "".join(y):
        return True
    if len(x) == 1 or len(y) == 1:
        # one word: a first name or nickname ("Matthew", "wendy") against a full name
        one, full = (x, y) if len(x) == 1 else (y, x)
        return one[0] in (full[0], full[-1]) or one[0] == "".join(full)
    if x[-1] != y[-1]:
        return False
    # same surname: the first names must agree, an initial agreeing with a full name
    fx, fy = x[:-1], y[:-1]
    return fx[0][0] == fy[0][0] and (len(fx[0]) == 1 or len(fy[0]) == 1 or fx[0] == fy[0])


def content_words(text: str) -> set[str]:
    """The words of a text that carry its meaning."""
    return {w for w in _WORD.findall(_plain(text)) if w not in _STOP and len(w) > 1}


def text_similarity(gold: str, found: str) -> float:
    """How well ``found`` covers ``gold`` or is covered by it (0 … 1)."""
    g, f = content_words(gold), content_words(found)
    if not g or not f:
        return 0.0
    shared = len(g & f)
    if shared < min(3, len(g), len(f)):
        return 0.0
    return max(shared / len(g), shared / len(f))


def assign(gold: Sequence[A], found: Sequence[B], score: Callable[[A, B], float],
           threshold: float) -> list[tuple[int, int]]:
    """Pairs (gold index, found index), one to one, best score first, above ``threshold``."""
    scored = sorted(((score(g, f), i, j) for i, g in enumerate(gold) for j, f in enumerate(found)),
                    key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for s, i, j in scored:
        if s < threshold:
            break
        if i in used_g or j in used_f:
            continue
        used_g.add(i)
        used_f.add(j)
        pairs.append((i, j))
    return sorted(pairs)


_OWNER_SPLIT = re.compile(r"\s*(?:/|,|&|\+|;|\band\b)\s*", re.IGNORECASE)


def owner_parts(owner: str | None) -> list[str]:
    """The people of an owner as written: "NA, MS, HK and CR" → four."""
    if not owner:
        return []
    return [p.strip(" .()") for p in _OWNER_SPLIT.split(owner) if p.strip(" .()")]


def same_person(gold: str, found: str, aliases: dict[str, set[str]]) -> bool:
    """True when an owner as the gold writes it and as the pipeline wrote it are one person.

    ``aliases`` maps a short form or name the pipeline knows (from its attendance list) to
    the other ways it writes the same person (``RHL`` ↔ ``Rachel Hartland Lane``).
    """
    g = re.sub(r"^the\s+", "", gold.strip(), flags=re.IGNORECASE)
    f = re.sub(r"^the\s+", "", found.strip(), flags=re.IGNORECASE)
    if g.lower() == f.lower() or names_match(g, f):
        return True
    return any(a.lower() == g.lower() or names_match(g, a) for a in aliases.get(f.lower(), ()))


def owners_match(gold: Sequence[str], found: str | None, aliases: dict[str, set[str]]) -> bool:
    """True when the action's owners are the gold's: the same people, none missing or extra."""
    parts = owner_parts(found)
    if not gold or not parts:
        return not gold and not parts
    return (all(any(same_person(g, p, aliases) for p in parts) for g in gold)
            and all(any(same_person(g, p, aliases) for g in gold) for p in parts))
