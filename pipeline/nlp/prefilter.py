"""Skip a regular expression on a text it cannot match, by a cheap necessary condition.

The NLP runs dozens of rule patterns (rules/dates.yaml has ~40) over every record text,
and most patterns match nothing in most texts: "day month year" needs a month word, "Q4"
needs a "q". Python's ``re`` tries every pattern at every position, which made date
finding a third of a document's processing time.

``Prefilter(pattern)`` reads the pattern's syntax tree once and keeps what any match
must contain: a few sets of literal strings, one of each set appearing in the matched
text (the "jan", "feb" … of ``{MONTH}``, the "ago" of "three weeks ago").
``may_match(folded)`` checks those with plain substring tests on the lower-cased text.
It is a necessary condition only: when it says True the pattern still runs, and
whatever the pattern cannot be read for (a character class such as ``\\s``, a back
reference, a syntax this module does not know) simply adds no condition. So the matches
found are exactly those of running every pattern on every text.

A pattern that passes is still tried at every position of the text, and most positions
cannot start a match. ``Prefilter.finditer`` also reads what any match must start with
(one of "jan", "feb" … "mon", "tue" … "the" for the date patterns: ``starts``) and tries
the pattern only where one of those strings occurs, found with plain substring searches.
A match starts at one of them, so the matches are those of ``pattern.finditer``, in the
same order.

Case: the strings are lower-cased, and so is the text (``fold``). For ASCII text that
is exact whether or not the pattern ignores case. A few non-ASCII characters match an
ASCII letter under ``re.IGNORECASE`` without lower-casing to it (the Kelvin sign, the
long s, dotted and dotless i), and ``\\d`` matches every Unicode decimal digit: ``fold``
returns None for texts holding any of those, and then every pattern runs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import Iterable, Iterator

try:  # the parser ``re`` itself uses (Python 3.11+; ``sre_parse`` before)
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = ["Prefilter", "Prefilters", "FoldedText", "fold", "prefilter"]

# the most strings one condition may list before it is no longer worth checking
_MAX_STRINGS = 40
# conditions kept per pattern: the most selective ones (each costs a few substring tests)
_MAX_CONDITIONS = 2
# non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter although
# ``str.lower`` does not map them to it (tests/nlp/test_prefilter.py checks the list
# against every code point); and every non-ASCII decimal digit, which ``\d`` matches
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]|(?![0-9])\\d")

_DIGITS = frozenset("0123456789")
# how long the strings a match must start with may be: three letters tell "mar" from "may"
_START_LENGTH = 3
# the most of them a pattern may have before they are no longer worth looking for
_MAX_STARTS = 64
# trying the pattern at each place a start occurs costs more than ``re`` trying it
# everywhere when more than one place in this many holds one
_SCAN_SHARE = 6


def fold(text: str) -> str | None:
    """The text as ``Prefilter.may_match`` reads it (lower-cased), or None when it holds
    a character that defeats lower-casing (then run every pattern)."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()


class Prefilter:
    """What every match of one compiled pattern must contain."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        conditions: list[frozenset[str]] = []
        starts = frozenset([""])
        if isinstance(pattern.pattern, str):
            try:
                tree = _sre.parse(pattern.pattern, pattern.flags)
            except Exception:  # pragma: no cover - a syntax this module does not know
                tree = None
            if tree is not None:
                conditions = [_minimal(c) for c in _required(list(tree))]
                starts = _starts(list(tree), _START_LENGTH)
        # the rarest first: long strings, and few of them
        conditions.sort(key=lambda c: (-min(map(len, c)), len(c)))
        self.conditions: tuple[frozenset[str], ...] = tuple(conditions[:_MAX_CONDITIONS])
        # what every match starts with; None when a match may start with anything
        self.starts: tuple[str, ...] | None = None if "" in starts else tuple(sorted(_minimal_starts(starts)))

    def may_match(self, folded: str | None) -> bool:
        """False only when the pattern cannot match the text ``folded`` (from ``fold``)."""
        if folded is None:
            return True
        # plain loops: this runs for every pattern on every text, and generators cost more
        for strings in self.conditions:
            for s in strings:
                if s in folded:
                    break
            else:
                return False
        return True

    def finditer(self, text: FoldedText) -> Iterator[re.Match]:
        """The matches of ``pattern.finditer(text.text)``, the pattern tried only where
        one of ``starts`` occurs (or everywhere, when that is quicker)."""
        if self.starts is None or text.folded is None:
            return self.pattern.finditer(text.text)
        places = text.places(self.starts)
        if len(places) * _SCAN_SHARE > len(text.text):
            return self.pattern.finditer(text.text)
        return self._matches_at(text.text, places)

    def _matches_at(self, text: str, places: list[int]) -> Iterator[re.Match]:
        # as ``finditer`` searches: the first place a match starts at, then on from its
        # end (matches are never empty: each starts with one of ``starts``). A match tried
        # at a place is the one ``search`` finds there: both see the whole string.
        end = 0
        for place in places:
            if place >= end:
                m = self.pattern.match(text, place)
                if m is not None:
                    yield m
                    end = m.end()


class Prefilters:
    """The prefilters of a list of patterns, read together by ``FoldedText.passing``."""

    def __init__(self, patterns: Iterable[re.Pattern]):
        self.patterns = tuple(patterns)
        self.screens = tuple(prefilter(p) for p in self.patterns)
        self.conditions = tuple(screen.conditions for screen in self.screens)


class FoldedText:
    """A text as the prefilters read it: lower-cased once (``fold``), and which of their
    sets of strings occur in it, and where, looked for once for all the patterns that ask
    (the date patterns share their month names and digits, the cues their "to" …)."""

    def __init__(self, text: str):
        self.text = text
        folded = fold(text)
        # (lower-casing keeps every character a character when ``fold`` accepts the text)
        self.folded = folded if folded is not None and len(folded) == len(text) else None
        self._holds: dict[frozenset[str], bool] = {}
        self._passing: dict[int, list[int]] = {}
        self._at: dict[str, list[int]] = {}
        self._places: dict[tuple[str, ...], list[int]] = {}

    def passing(self, prefilters: Prefilters) -> list[re.Pattern]:
        """The patterns that may match this text (or any part of it), in their order."""
        return [prefilters.patterns[i] for i in self.passing_at(prefilters)]

    def passing_at(self, prefilters: Prefilters) -> list[int]:
        """Where the patterns that may match this text stand in ``prefilters``: each
        ``Prefilter.may_match``, worked out once per list and once per set of strings."""
        found = self._passing.get(id(prefilters))
        if found is None:
            found = self._passing[id(prefilters)] = self._passing_at(prefilters)
        return found

    def _passing_at(self, prefilters: Prefilters) -> list[int]:
        folded, holds = self.folded, self._holds
        if folded is None:
            return list(range(len(prefilters.patterns)))
        out = []
        # plain loops: this runs for every pattern on every text
        for i, conditions in enumerate(prefilters.conditions):
            for strings in conditions:
                found = holds.get(strings)
                if found is None:
                    found = False
                    for s in strings:
                        if s in folded:
                            found = True
                            break
                    holds[strings] = found
                if not found:
                    break
            else:
                out.append(i)
        return out

    def places(self, strings: tuple[str, ...]) -> list[int]:
        """Where any of ``strings`` occurs in the folded text (not None), in order."""
        places = self._places.get(strings)
        if places is None:
            found: set[int] = set()
            for s in strings:
                at = self._at.get(s)
                if at is None:
                    at = self._at[s] = _occurrences(self.folded, s)
                found.update(at)
            places = self._places[strings] = sorted(found)
        return places


def _occurrences(text: str, s: str) -> list[int]:
    """Where ``s`` occurs in ``text``, overlapping occurrences too."""
    out = []
    i = text.find(s)
    while i != -1:
        out.append(i)
        i = text.find(s, i + 1)
    return out


@lru_cache(maxsize=1024)
def prefilter(pattern: re.Pattern) -> Prefilter:
    """The ``Prefilter`` of a compiled pattern (read once per pattern)."""
    return Prefilter(pattern)


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    # a text holding "january" holds "jan": the longer string adds nothing to the test
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _exact(items: list) -> frozenset[str] | None:
    """Every (lower-cased) text the sequence ``items`` can match, when they are few and
    known; None otherwise. Zero-width items (``\\b``, look-arounds) match ""."""
    out = frozenset([""])
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            char = chr(arg)
            if not char.isascii():
                return None  # its case variants are not all its lower-case form
            options = frozenset([char.lower()])
        elif name == "IN":
            options = _class(arg)
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # consumes nothing
        elif name == "SUBPATTERN":
            options = _exact(list(arg[-1]))
        elif name == "BRANCH":
            alternatives = [_exact(list(a)) for a in arg[1]]
            options = None if any(a is None for a in alternatives) else frozenset().union(*alternatives)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = arg
            one = _exact(list(body))
            if one is None or high > 3:
                return None
            options = frozenset()
            for n in range(low, high + 1):
                options |= frozenset("".join(p) for p in product(one, repeat=n))
        else:
            return None
        if options is None:
            return None
        out = frozenset(a + b for a in out for b in options)
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _class(arg: list) -> frozenset[str] | None:
    """The characters a ``[…]`` class matches, lower-cased; None when negated, too many
    or not ASCII (``\\d`` counts as 0–9: ``fold`` refuses texts with other digits)."""
    chars: set[str] = set()
    for op, value in arg:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(value))
        elif name == "RANGE":
            low, high = value
            if high - low > _MAX_STRINGS:
                return None
            chars.update(chr(c) for c in range(low, high + 1))
        elif name == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
            chars.update(_DIGITS)
        else:
            return None  # NEGATE, \s, \w …
    if not chars or not all(c.isascii() for c in chars) or len(chars) > _MAX_STRINGS:
        return None
    return frozenset(c.lower() for c in chars)


def _best(conditions: list[frozenset[str]]) -> frozenset[str] | None:
    usable = [c for c in conditions if "" not in c]
    return min(usable, key=lambda c: (-min(map(len, c)), len(c))) if usable else None


def _required(items: list) -> list[frozenset[str]]:
    """Conditions (sets of strings, one of each in any match) of the sequence ``items``."""
    conditions: list[frozenset[str]] = []
    run = frozenset([""])  # the strings the current run of exactly-known items matches

    def flush() -> None:
        nonlocal run
        if "" not in run:
            conditions.append(run)
        run = frozenset([""])

    for item in items:
        exact = _exact([item])
        if exact is not None:
            joined = frozenset(a + b for a in run for b in exact)
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
            flush()
            run = exact
            continue
        flush()
        op, arg = item
        name = str(op)
        if name == "SUBPATTERN":
            conditions += _required(list(arg[-1]))
        elif name == "BRANCH":
            # one alternative matches: each must give a condition, and any of them will do
            best = [_best(_required(list(a))) for a in arg[1]]
            if all(b is not None for b in best):
                joined = frozenset().union(*best)
                if len(joined) <= _MAX_STRINGS:
                    conditions.append(joined)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            conditions += _required(list(arg[2]))
        # anything else (\s, ., a back reference, a negated class …) requires nothing known
    flush()
    return [c for c in conditions if "" not in c]


# --- what a match starts with ------------------------------------------------------------

_ANYTHING = ("ANYTHING", None)  # stands for whatever may follow: no more is known


def _starts(items: list, length: int) -> frozenset[str]:
    """Strings (lower-cased, at most ``length`` long) one of which every match of the
    sequence ``items`` starts with; "" among them when a match may start with anything
    (an item that is not read, or an empty match)."""
    if length == 0 or not items:
        return frozenset([""])
    (op, arg), rest = items[0], items[1:]
    name = str(op)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _starts(rest, length)  # consumes nothing
    if name == "SUBPATTERN":
        return _starts(list(arg[-1]) + rest, length)
    if name == "ATOMIC_GROUP":
        return _starts(list(arg) + rest, length)
    if name == "BRANCH":
        return _capped(frozenset().union(*(_starts(list(a) + rest, length) for a in arg[1])))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = arg
        # one time through the body, then the rest when that is all; else more may follow
        once = _starts(list(body) + (rest if high == 1 else [_ANYTHING]), length)
        return _capped(once | _starts(rest, length)) if low == 0 else once
    chars = _exact([(op, arg)]) if name in ("LITERAL", "IN") else None
    if chars is None:
        return frozenset([""])  # a character that is not read: anything
    after = _starts(rest, length - 1)
    return _capped(frozenset(c + a for c in chars for a in after))


def _capped(strings: frozenset[str]) -> frozenset[str]:
    """``strings``, cut shorter until there are at most ``_MAX_STARTS`` of them (a
    string's beginning is as much a start as the string); "" alone when that fails."""
    while len(strings) > _MAX_STARTS:
        longest = max(map(len, strings))
        if longest <= 1:
            return frozenset([""])
        strings = frozenset(s[: longest - 1] for s in strings)
    return strings


def _minimal_starts(strings: frozenset[str]) -> frozenset[str]:
    # where "ma" occurs is all there is to look at: "mar" and "may" add no place
    return frozenset(s for s in strings if not any(t != s and s.startswith(t) for t in strings))
