"""The regex prefilter (pipeline/nlp/prefilter.py) only ever skips texts a pattern cannot match."""

from __future__ import annotations

import re
import sys

from pipeline.nlp.prefilter import FoldedText, Prefilter, Prefilters, fold, prefilter

from ..conftest import FIXTURES, SEED


def _rule_patterns(rules) -> list[re.Pattern]:
    """Every pattern the prefilter guards: dates, statement cues, votes, trailing owners."""
    patterns = [p.regex for p in rules.dates.patterns]
    for kind in rules.statements.types:
        patterns += list(kind.unless) + list(kind.cues)
    return patterns + list(rules.decisions.votes) + list(rules.actions.trailing_owner)


def _texts() -> list[str]:
    """Lines and paragraphs of the example minutes, plus texts written to trip it up."""
    texts = []
    for path in [SEED, *sorted((FIXTURES / "generated-assurance-series").glob("*.txt"))]:
        whole = path.read_text(encoding="utf-8", errors="replace")
        texts += [t for t in whole.split("\n") if t.strip()] + [p for p in whole.split("\n\n") if p.strip()]
    texts += [
        "by 3 MARCH 2024", "Q4 2023/24", "w/c 12 June", "WEEK COMMENCING Monday 5th May",
        "in three weeks\u2019 time", "Christmas 2023", "two weeks ago", "between 1-3 June",
        "the ﬁnancial year",  # a ligature: no ASCII "fi" in the text, and no match either
        "\u212aelvin Q1 \u017feptember", "\u0661\u0662/\u0660\u0663/2024",  # Kelvin K, long s, Arabic digits
    ]
    return texts


def test_never_skips_a_text_the_pattern_matches(rules):
    patterns = _rule_patterns(rules)
    checked = skipped = 0
    for text in _texts():
        folded = fold(text)
        for pattern in patterns:
            may = prefilter(pattern).may_match(folded)
            if pattern.search(text) is not None:
                assert may, (pattern.pattern, text)
                checked += 1
            elif not may:
                skipped += 1
    # the test saw matches, and the filter does skip texts (else it would be useless)
    assert checked > 100 and skipped > 1000


def test_conditions_read_off_a_pattern():
    month = Prefilter(re.compile(r"(?:the\s+)?(?:jan(?:uary)?|feb(?:ruary)?)\s+(?P<year>(?:19|20)\d{2})", re.I))
    assert month.may_match(fold("Due in January 2024."))
    assert not month.may_match(fold("Due in January."))  # no "19" or "20"
    assert not month.may_match(fold("Due in 2024."))  # no month
    # what the filter cannot read (\s+, a back reference) adds no condition
    assert Prefilter(re.compile(r"\s+|(a)\1")).conditions == ()


def test_texts_that_defeat_lower_casing_run_every_pattern():
    assert fold("Plain ASCII, and ‘quotes’ – dashes £5") is not None
    for text in ("\u212a", "\u017f", "\u0130", "\u0131", "\u0663"):
        assert fold(f"a {text} b") is None
        assert Prefilter(re.compile("k|s|i|3", re.I)).may_match(fold(text))


def test_the_case_fold_exceptions_are_complete():
    """Every non-ASCII character that ``re`` matches with an ASCII character under
    IGNORECASE, or with ``\\d``, makes ``fold`` give up (Python may add some)."""
    ascii_any = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    digit = re.compile(r"\d")
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if ascii_any.match(char) or digit.match(char):
            assert fold(char) is None, hex(code)


# --- trying a pattern only where a match can start ------------------------------------------


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def test_screened_matches_are_finditers(rules, monkeypatch):
    """Every pattern, on every text, finds with ``Prefilter.finditer`` the matches of
    ``finditer``, in the same order; also when the screen is used however many places it
    has (the default leaves texts with many to ``finditer`` itself)."""
    module = sys.modules[Prefilter.__module__]  # (``pipeline.nlp.prefilter`` is also the function)
    patterns = _rule_patterns(rules) + [p for kind in (rules.actions, rules.decisions) for p in kind.cues]
    texts = _texts()
    screened = 0
    for share in (module._SCAN_SHARE, 0):
        monkeypatch.setattr(module, "_SCAN_SHARE", share)
        for text in texts:
            folded = FoldedText(text)
            for pattern in patterns:
                screen = prefilter(pattern)
                assert _spans(screen.finditer(folded)) == _spans(pattern.finditer(text)), (pattern.pattern, text)
                screened += screen.starts is not None and folded.folded is not None
    assert screened > 1000


def test_what_a_match_starts_with():
    month = Prefilter(re.compile(r"(?:the\s+)?(?:jan(?:uary)?|feb(?:ruary)?)\s+\d", re.I))
    assert month.starts == ("feb", "jan", "the")
    # a look-behind and a word boundary consume nothing; a repeat may stop after one time
    assert Prefilter(re.compile(r"(?<=\d)\bst")).starts == ("st",)
    assert Prefilter(re.compile(r"a{1,3}b")).starts == ("a",)
    assert Prefilter(re.compile(r"(?:ab)?c")).starts == ("abc", "c")
    # too many strings are cut shorter: where each starts is all there is to look at
    assert Prefilter(re.compile(r"[a-z][0-9]")).starts == tuple("abcdefghijklmnopqrstuvwxyz")
    # what may start anywhere, or match nothing at all, has no screen
    assert Prefilter(re.compile(r"(a)\1")).starts == ("a",)
    for anything in (r"\s+x", r"x?", r"(?:a|\w)b", r".b", r"é"):
        assert Prefilter(re.compile(anything)).starts is None, anything


def test_screened_matches_see_the_whole_text():
    """Tried at a place, a pattern still sees the text before it: "^" only at the start
    (or after a line break under MULTILINE), look-behinds and word boundaries as ever."""
    cases = [
        (r"^jan", "x jan"), (r"(?m)^jan", "x\njan jan"), (r"\bjan", "ajan jan"), (r"(?<=1 )jan", "jan 1 jan"),
        (r"aa|ab", "aaab aab"), (r"ab(?=c)", "abab abc"), (r"(?i)JAN\w*", "January JAN jan"),
    ]
    for pattern, text in cases:
        compiled = re.compile(pattern)
        screen = Prefilter(compiled)
        assert screen.starts is not None, pattern
        found = list(screen._matches_at(text, FoldedText(text).places(screen.starts)))
        assert _spans(found) == _spans(compiled.finditer(text)), pattern


def test_the_patterns_passing_a_text_are_those_each_prefilter_lets_through(rules):
    patterns = _rule_patterns(rules)
    together, first = Prefilters(patterns), Prefilters(patterns[:5])
    for text in _texts():
        folded = FoldedText(text)  # one for both lists: what one list looked for serves the other
        expected = [i for i, p in enumerate(patterns) if prefilter(p).may_match(fold(text))]
        assert folded.passing_at(first) == [i for i in expected if i < 5]
        assert folded.passing_at(together) == expected
        assert folded.passing(together) == [patterns[i] for i in expected]
