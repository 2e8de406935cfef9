"""Acronym definitions and uses in record texts.

Minutes define their acronyms in three ways, all read here: ``Service Improvement Board
(SIB)`` (the long form, then the short form in brackets), ``LPA (Local Policing Area)``
(the other way round) and, at the start of a line of a glossary or list, ``SIB – Service
Improvement Board``. A definition counts only when the short form is sound for its long
form (``short_form_fits``): its letters are the long form's initials in order, small words
("of", "and", "the" …) left out or not, a letter from inside a word allowed sparingly
("JavaServer Faces (JSF)", "Headquarters (HQ)"), a plural ``s`` dropped ("PCSOs") and a
count before a letter standing for that many words ("3Rs" = "Reduce, Reuse, Recycle").

A person's initials look exactly like an acronym ("Rachel Hartland-Lane (RHL)"); those are
returned with ``kind = "person"`` (see ``find_definitions``) so callers can keep them out
of the acronyms: the attendees table already holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection, Iterable

from ..textutil import without_accents

# A short form: one token, letters (two capitals at least, checked apart), digits and the
# joiners minutes write inside acronyms ("A&E", "T/ACC", "DL-GLMM")
_SHORT = r"[A-Za-z0-9][A-Za-z0-9&/\-.]{0,11}"
_LONG_THEN_SHORT = re.compile(r"\(\s*(?P<short>" + _SHORT + r")\s*\)")
_SHORT_THEN_LONG = re.compile(r"(?<![\w&/\-])(?P<short>" + _SHORT + r")\s*\((?P<long>[^()\n]{3,120})\)")
# "SIB – Service Improvement Board" / "SIB: Service …" at the start of a line (after a
# bullet or list number): a glossary or a list of abbreviations
_LINE_DEFINITION = re.compile(
    r"(?m)^[ \t]*(?:[-•*·o]\s+|\(?\w{1,3}[.)]\s+)?(?P<short>" + _SHORT + r")[ \t]*(?:[–—:=]|\s-)[ \t]*"
    r"(?P<long>[^\n.;:()]{3,120}?)[ \t]*(?:[.;]?[ \t]*$)"
)
# Roman numerals read as list numbers ("(IV)"), never as acronyms
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})$")
# Where a long form written before its short form cannot reach back past
_LONG_FORM_STOP = re.compile(r"[.;:!?()\[\]\n\t|]")
_WORD = re.compile(r"[^\s,\"“”‘’]+")


@dataclass(frozen=True)
class Definition:
    """An acronym defined in a text.

    ``acronym`` is the short form as a key (a plural ``s`` dropped: "IAGs" → "IAG");
    ``start``/``end`` span the whole definition, long and short form, in the text.
    ``kind`` is ``acronym``, or ``person`` for a person's initials.
    """

    acronym: str
    short_form: str
    long_form: str
    start: int
    end: int
    short_start: int
    short_end: int
    kind: str = "acronym"


# --- the short form ----------------------------------------------------------------------


def acronym_key(token: str) -> str:
    """The acronym a token stands for: a plural "s" after a capital dropped ("KPIs" → "KPI")."""
    token = token.strip(".")
    if len(token) >= 3 and token.endswith("s") and token[-2].isupper():
        return token[:-1]
    return token


def looks_like_acronym(token: str) -> bool:
    """A token that can be a short form: two capitals at least, not a list numeral."""
    key = acronym_key(token)
    capitals = sum(c.isupper() for c in key)
    # "3Rs": a count stands for its capital repeated
    if any(c.isdigit() for c in key) and capitals == 1 and _letters(key):
        capitals = 2
    if capitals < 2 or _ROMAN.match(key):
        return False
    return not key.replace(".", "").isdigit()


def _letters(short: str) -> str | None:
    """The letters a long form must give, upper-case; None when digits make it unsound.

    "3Rs" → "RRR" (a count before a letter is that many words starting with it); any other
    digit ("B2B", "G7") cannot be checked against words, so the token is refused.
    """
    key = acronym_key(short)
    out = []
    i = 0
    while i < len(key):
        ch = key[i]
        if ch.isdigit():
            j = i
            while j < len(key) and key[j].isdigit():
                j += 1
            count = int(key[i:j])
            if j >= len(key) or not key[j].isalpha() or not 2 <= count <= 5:
                return None
            out.append(key[j].upper() * count)
            i = j + 1
        elif ch.isalpha():
            out.append(ch.upper())
            i += 1
        else:  # "&", "/", "-", "." join letters and stand for none
            i += 1
    letters = "".join(out)
    return letters if len(letters) >= 2 else None


# --- the long form ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    text: str
    parts: tuple[str, ...]  # pieces a hyphen or slash joins: "body-worn" → body, worn
    small: bool


def _word(text: str, small_words: Collection[str]) -> _Word | None:
    bare = without_accents(text).strip("'’.,;:\"“”()")
    if not bare:
        return None
    parts = tuple(p for p in re.split(r"[-/–]", bare) if p)
    if not parts:
        return None
    return _Word(bare, parts, bare.lower() in small_words)


def _word_options(word: _Word, letters: str, i: int) -> Iterable[tuple[int, int]]:
    """(letters consumed, inner lower-case letters used) for the ways ``word`` can give
    letters ``letters[i:]`` starting with its initial: each hyphenated part may give its
    own initial ("Anti-Social" → AS), a capital inside a part may give a letter
    ("JavaServer" → JS), and a lower-case letter inside a part may, sparingly ("HQ")."""
    # positions (part index, char index) in reading order, each tagged "initial" or not
    spots: list[tuple[str, bool, bool]] = []  # (char, is_initial, is_inner_capital)
    for p in word.parts:
        for k, ch in enumerate(p):
            if not ch.isalnum():
                continue
            # a capital inside a word is CamelCase ("JavaServer") only if the word is not
            # all capitals ("BILLFISH WORKING GROUP" gives no inner capitals)
            spots.append((ch.upper(), k == 0, k > 0 and ch.isupper() and not p.isupper()))
    if not spots or spots[0][0] != letters[i]:
        return
    results: set[tuple[int, int]] = set()

    def walk(spot: int, li: int, inner: int) -> None:
        results.add((li - i, inner))
        if li >= len(letters):
            return
        for s in range(spot + 1, len(spots)):
            ch, initial, capital = spots[s]
            if ch == letters[li]:
                walk(s, li + 1, inner + (0 if initial or capital else 1))

    walk(0, i + 1, 0)
    yield from sorted(results, key=lambda r: (-r[0], r[1]))


def short_form_fits(short: str, words: list[_Word], inner_letters: bool = True) -> bool:
    """Whether ``short`` abbreviates exactly the words ``words``, all of them.

    The first word gives the first letter; every word gives letters starting with its
    initial, or is a small word left out; letters from inside words are few (one per word,
    a third of the short form at most; none when ``inner_letters`` is false).
    """
    letters = _letters(short)
    # a long form never starts with a word it could leave out: "Office of the …", not "of the …"
    if letters is None or not words or words[0].small:
        return False
    inner_budget = max(1, len(letters) // 3) if inner_letters else 0
    seen: set[tuple[int, int, int]] = set()

    def match(li: int, wi: int, inner: int) -> bool:
        if li == len(letters):
            return all(w.small for w in words[wi:])
        if wi == len(words) or (li, wi, inner) in seen:
            return False
        seen.add((li, wi, inner))
        word = words[wi]
        for used, inner_used in _word_options(word, letters, li):
            if inner_used > 1 or inner + inner_used > inner_budget:
                continue
            if match(li + used, wi + 1, inner + inner_used):
                return True
        return word.small and wi > 0 and match(li, wi + 1, inner)

    # the first word must give a letter: a long form does not start with a word it skips
    return _first_gives(letters, words) and match(0, 0, 0)


def _first_gives(letters: str, words: list[_Word]) -> bool:
    return any(True for _ in _word_options(words[0], letters, 0))


def long_form_words(text: str, small_words: Collection[str]) -> list[_Word]:
    """The words of a long form, as ``short_form_fits`` takes them."""
    return [w for w, _, _ in _split_words(text, 0, small_words)]


def _split_words(text: str, offset: int, small_words: Collection[str]) -> list[tuple[_Word, int, int]]:
    out = []
    for m in _WORD.finditer(text):
        w = _word(m.group(), small_words)
        if w is not None:
            # keep the span of the word without the punctuation trimmed from it
            lead = len(m.group()) - len(m.group().lstrip("'’.,;:\"“”("))
            out.append((w, offset + m.start() + lead, offset + m.start() + lead + len(w.text)))
    return out


# --- finding definitions ----------------------------------------------------------------


def _long_before(text: str, short: str, paren_start: int, small_words: Collection[str]) -> tuple[int, int] | None:
    """The span of the shortest run of words right before ``paren_start`` that ``short``
    abbreviates, without crossing a sentence or a bracket."""
    letters = _letters(short)
    if letters is None:
        return None
    stops = list(_LONG_FORM_STOP.finditer(text, 0, paren_start))
    begin = stops[-1].end() if stops else 0
    words = _split_words(text[begin:paren_start], begin, small_words)
    # a long form has at most as many words as letters, plus the small words it skips
    reach = len(letters) + 4
    # initials alone first: "County Council Network (CCN)" is not "Council Network" with
    # the second C taken from inside "Council"
    for inner_letters in (False, True):
        for k in range(len(words) - 1, max(-1, len(words) - 1 - reach), -1):
            if short_form_fits(short, [w for w, _, _ in words[k:]], inner_letters):
                return words[k][1], words[-1][2]
    return None


def _is_person(long_form: str, text: str, start: int, names: Collection[str], titles: Collection[str],
               in_attendance: bool, heads: Collection[str], small_words: Collection[str]) -> bool:
    """Whether a definition is a person's initials: the long form is a known person's name,
    comes after a title ("Cllr", "Mr"), or sits in a list of people with a name's shape."""
    folded = _name_key(long_form)
    if folded in names:
        return True
    first = long_form.split()[0].strip(".")
    before = text[:start].rstrip().split()
    title_set = {t.lower().strip(".") for t in titles}
    if first.lower() in title_set or (before and before[-1].lower().strip(".") in title_set):
        return True
    if in_attendance:
        # in a list of people, a name's shape is enough: two to four capitalised words, no
        # small words, the last no post or body ("Service Improvement Board (SIB)" stays)
        words = [_word(w, small_words) for w in long_form.split()]
        if all(w and not w.small and w.text[:1].isupper() for w in words) and 2 <= len(words) <= 4:
            return head_word(long_form) not in heads
    return False


def head_word(long_form: str) -> str:
    """The last word of a long form, lower-case, a plural's "s" dropped."""
    last = without_accents(long_form).split()[-1].lower().strip("'’.,")
    if len(last) > 4 and last.endswith("ies"):  # "Authorities"
        return last[:-3] + "y"
    return last[:-1] if len(last) > 3 and last.endswith("s") and not last.endswith("ss") else last


def _name_key(name: str) -> str:
    return " ".join(re.split(r"[\s\-]+", without_accents(name).lower().strip()))


def name_keys(names: Iterable[str], titles: Collection[str] = ()) -> frozenset[str]:
    """Folded people's names (titles dropped) to tell a person's initials from an acronym."""
    title_set = {t.lower().strip(".") for t in titles}
    out = set()
    for name in names:
        words = [w for w in name.split() if w.lower().strip(".") not in title_set]
        if len(words) >= 2:
            out.add(_name_key(" ".join(words)))
    return frozenset(out)


@lru_cache(maxsize=32)
def _attendance_start(cues: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a text opening with any attendance heading ("Present:"), made once
    (the acronyms table asks it of every text of a run)."""
    if not cues:
        return None
    return re.compile("(?:" + "|".join(re.escape(c.lower()) for c in cues) + r")\s*[:\-–\n]")


def find_definitions(text: str, small_words: Collection[str], *, names: Collection[str] = frozenset(),
                     titles: Collection[str] = (), attendance_cues: Collection[str] = (),
                     heads: Collection[str] = ()) -> list[Definition]:
    """Every acronym definition in ``text``, in order.

    ``names`` (from ``name_keys``) are people known to the meeting or run, ``titles`` the
    words written before a name ("Cllr"), ``attendance_cues`` the headings of attendance
    lists ("Present"): a text starting with one is a list of people, where "Name (AB)" is
    someone's initials unless the name ends in one of ``heads`` (a post or body: "Board").
    Those definitions come back with ``kind = "person"``.
    """
    opens_attendance = _attendance_start(tuple(attendance_cues))
    in_attendance = bool(opens_attendance and opens_attendance.match(text.lstrip()[:40].lower()))
    found: list[Definition] = []

    def add(short: str, s_start: int, long_span: tuple[int, int], span: tuple[int, int]) -> None:
        long_form = text[long_span[0]:long_span[1]]
        person = _is_person(long_form, text, long_span[0], names, titles, in_attendance, heads, small_words)
        found.append(Definition(
            acronym=acronym_key(short), short_form=short, long_form=long_form,
            start=span[0], end=span[1], short_start=s_start, short_end=s_start + len(short),
            kind="person" if person else "acronym",
        ))

    for m in _LONG_THEN_SHORT.finditer(text):
        short = m.group("short").rstrip(".")
        if not looks_like_acronym(short):
            continue
        span = _long_before(text, short, m.start(), small_words)
        if span:
            add(short, m.start("short"), span, (span[0], m.end()))
    for m in _SHORT_THEN_LONG.finditer(text):
        short = m.group("short").rstrip(".")
        if not looks_like_acronym(short) or any(d.start <= m.start() < d.end for d in found):
            continue
        inner = m.group("long")
        words = _split_words(inner, m.start("long"), small_words)
        if words and short_form_fits(short, [w for w, _, _ in words]):
            add(short, m.start("short"), (words[0][1], words[-1][2]), (m.start(), m.end()))
    for m in _LINE_DEFINITION.finditer(text):
        short = m.group("short").rstrip(".")
        if not looks_like_acronym(short) or any(d.start <= m.start("short") < d.end for d in found):
            continue
        words = _split_words(m.group("long"), m.start("long"), small_words)
        if words and short_form_fits(short, [w for w, _, _ in words]):
            add(short, m.start("short"), (words[0][1], words[-1][2]), (m.start("short"), words[-1][2]))
    return sorted(found, key=lambda d: d.start)


# --- uses ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"(?<![\w&])[A-Za-z][A-Za-z0-9&]*(?![\w&])")


def find_uses(text: str, known: Collection[str]) -> list[tuple[str, int, int]]:
    """(acronym, start, end) of every known acronym used in ``text``.

    A token counts when, its plural "s" dropped, it is one of ``known`` as written (case
    matters: "Board" is no acronym, "DfE" is). A token in a run of capitals that is not an
    acronym ("IT RESOLVED that …", a heading in capitals) is shouting, not an acronym.
    """
    tokens = list(_TOKEN.finditer(text))
    out = []
    for n, m in enumerate(tokens):
        if m.group().islower():
            continue  # most words: no capital, no acronym
        key = acronym_key(m.group())
        if key not in known or sum(c.isupper() for c in key) < 2:
            continue
        neighbours = [tokens[j].group() for j in (n - 1, n + 1) if 0 <= j < len(tokens)]
        if any(len(w) >= 4 and w.isupper() and acronym_key(w) not in known for w in neighbours):
            continue
        out.append((key, m.start(), m.end()))
    return out
