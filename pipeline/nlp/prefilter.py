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

try:  # the parser ``re`` itself uses (Python 3.11+; ``sre_parse`` before)
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = ["Prefilter", "fold", "prefilter"]

# the most strings one condition may list before it is no longer worth checking
_MAX_STRINGS = 40
# conditions kept per pattern: the most selective ones (each costs a few substring tests)
_MAX_CONDITIONS = 2
# non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter although
# ``str.lower`` does not map them to it (tests/nlp/test_prefilter.py checks the list
# against every code point); and every non-ASCII decimal digit, which ``\d`` matches
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]|(?![0-9])\\d")

_DIGITS = frozenset("0123456789")


def fold(text: str) -> str | None:
    """The text as ``Prefilter.may_match`` reads it (lower-cased), or None when it holds
    a character that defeats lower-casing (then run every pattern)."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()


class Prefilter:
    """What every match of one compiled pattern must contain."""

    def __init__(self, pattern: re.Pattern):
        conditions: list[frozenset[str]] = []
        if isinstance(pattern.pattern, str):
            try:
                tree = _sre.parse(pattern.pattern, pattern.flags)
            except Exception:  # pragma: no cover - a syntax this module does not know
                tree = None
            if tree is not None:
                conditions = [_minimal(c) for c in _required(list(tree))]
        # the rarest first: long strings, and few of them
        conditions.sort(key=lambda c: (-min(map(len, c)), len(c)))
        self.conditions: tuple[frozenset[str], ...] = tuple(conditions[:_MAX_CONDITIONS])

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
