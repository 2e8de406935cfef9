"""A regular expression as the finite set of strings it matches, and a set of strings as
one regular expression shaped like a trie.

Python's ``re`` tries the alternatives of ``a|b|c|…`` one by one at every position, so a
pattern of several hundred cues costs several hundred checks at every word of a text. A
trie (``c(?:all handl(?:er|ing)|hild(?:ren)?)``) decides on the first letter, then the
next: a few checks a word, whatever the number of cues. Only cues whose set of strings is
finite and small can be written so; the others stay regular expressions
(pipeline/nlp/topics.py).
"""

from __future__ import annotations

import re
from itertools import product

from re import _constants as C  # noqa: N812 - the parser's op codes
from re import _parser as sre_parse

#: the most strings one cue may stand for before it is left a regular expression
MAX_STRINGS = 2000
_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")
#: ``\s`` stands for one space: the texts are matched with every white space made a space
_SPACE = " "


def finite_strings(pattern: str, limit: int = MAX_STRINGS) -> set[str] | None:
    """Every string ``pattern`` matches, as written (no case folding), or None when they
    are not a finite set of at most ``limit`` strings, or the pattern uses what a string
    cannot say (anchors, lookarounds, back-references, inline flags, ``.``)."""
    if not _SPECIAL.search(pattern):  # most cues are words as written: no need to parse
        return {pattern}
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    try:
        strings = _sequence(list(parsed), limit)
    except _NotFinite:
        return None
    return strings


class _NotFinite(Exception):
    """The pattern matches more strings than can be listed, or cannot be listed at all."""


def _sequence(items: list, limit: int) -> set[str]:
    strings = {""}
    for op, av in items:
        strings = {a + b for a, b in product(strings, _item(op, av, limit))}
        if len(strings) > limit:
            raise _NotFinite
    return strings


def _item(op, av, limit: int) -> set[str]:
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        return _charset(av)
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            out |= _sequence(list(alternative), limit)
        return out
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        if add_flags or del_flags:  # (?i:…), (?-i:…): the case is the caller's business
            raise _NotFinite
        return _sequence(list(inner), limit)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, inner = av
        if high is C.MAXREPEAT or high > 4:
            raise _NotFinite
        once = _sequence(list(inner), limit)
        out = set()
        for times in range(low, high + 1):
            out |= {"".join(p) for p in product(once, repeat=times)}
            if len(out) > limit:
                raise _NotFinite
        return out
    raise _NotFinite  # ANY, AT, ASSERT, GROUPREF, CATEGORY outside a class …


def _charset(items) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 64:
            out |= {chr(c) for c in range(av[0], av[1] + 1)}
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out |= set("0123456789")
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            out.add(_SPACE)
        else:  # NEGATE, \w, a wide range
            raise _NotFinite
    return out


def trie_pattern(strings: set[str] | list[str]) -> str:
    """One pattern matching exactly ``strings`` as whole words (never followed by a
    letter, digit or underscore), the longest that fits at a position first."""
    root: dict = {}
    for s in strings:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a string
    return _node(root)


def _node(node: dict) -> str:
    # longer strings first: the end of a string here is the last alternative
    branches = [re.escape(ch) + _node(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append(r"(?!\w)")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
