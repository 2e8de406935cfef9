"""Find temporal expressions and normalise them against the meeting date.

The patterns live in rules/dates.yaml; this module holds the small resolvers they name.
Each resolver turns a match's groups into ``(kind, start, end)`` — an interval of
calendar dates — or refuses the match (``None``: "25/13" is no date). Conventions, as in
UK minutes: numeric dates are day first; the financial year runs from 1 April (the
month is a rule); a missing year is the one that puts the expression nearest the
meeting; a deadline ("by the end of June", "within three months") has the deadline as
``value_end``.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from ..rules import DatePattern, DateRules
from .prefilter import FoldedText, Prefilters

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

Interval = tuple[str, date | None, date | None]


@dataclass(frozen=True, slots=True)
class TemporalMatch:
    """A temporal expression found in a text, with its normalised interval."""

    start: int
    end: int
    surface: str
    kind: str
    value_start: date | None
    value_end: date | None
    pattern: str


# --- calendar helpers ------------------------------------------------------------------


def month_last_day(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def financial_year_of(day: date, start_month: int) -> int:
    """The calendar year in which the financial year holding ``day`` starts."""
    return day.year if day.month >= start_month else day.year - 1


def financial_year_interval(first_year: int, start_month: int) -> tuple[date, date]:
    """The first and last day of the financial year starting in ``first_year``."""
    start = date(first_year, start_month, 1)
    return start, add_months(start, 12) - timedelta(days=1)


def quarter_interval(first_year: int, quarter: int, start_month: int) -> tuple[date, date]:
    """Quarter 1–4 of the financial year starting in ``first_year``."""
    start = add_months(date(first_year, start_month, 1), 3 * (quarter - 1))
    return start, add_months(start, 3) - timedelta(days=1)


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) <= 2 else year


def _month_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _MONTHS.get(text.lower().rstrip(".")[:3])


def _nearest(candidates: list[tuple[date, date]], meeting: date) -> tuple[date, date]:
    """The interval nearest the meeting (0 when it contains it); ties go to the earlier."""
    def distance(interval: tuple[date, date]) -> int:
        start, end = interval
        if start <= meeting <= end:
            return 0
        return min(abs((start - meeting).days), abs((end - meeting).days))

    return min(candidates, key=distance)


def _capitalised_month(text: str | None) -> bool:
    # "may" and "march" are verbs too: a month word standing without a day number must
    # be written with a capital, as a month is
    return text is None or text.isdigit() or text[:1].isupper()


# --- resolvers -------------------------------------------------------------------------


class _Context:
    def __init__(self, rules: DateRules, meeting: date | None, kind: str,
                 tense_of: Callable[[], str | None] | None = None):
        self.rules = rules
        self.meeting = meeting
        self.kind = kind
        self._tense_of = tense_of

    @property
    def tense(self) -> str | None:
        """"future", "past" or None: which way the wording looks (read from the clause
        only when a resolver asks: most matches write their year)."""
        if self._tense_of is not None:
            self._tense, self._tense_of = self._tense_of(), None
        return getattr(self, "_tense", None)

    def pick(self, candidates: list[tuple[date, date]]) -> tuple[date, date]:
        """The candidate interval the wording means: the nearest one on the side of the
        meeting its tense points to, else the nearest one."""
        assert self.meeting is not None
        if self.tense == "future":
            ahead = [c for c in candidates if c[1] >= self.meeting]
            if ahead:
                return _nearest(ahead, self.meeting)
        if self.tense == "past":
            behind = [c for c in candidates if c[0] <= self.meeting]
            if behind:
                return _nearest(behind, self.meeting)
        return _nearest(candidates, self.meeting)

    def number(self, text: str | None) -> int | None:
        if text is None:
            return None
        text = text.lower()
        if text.isdigit():
            return int(text)
        return self.rules.number_words.get(text)


def _r_day_month_year(g: dict, c: _Context) -> Interval | None:
    month = _month_number(g["month"])
    day = int(g["day"])
    if month is None or not 1 <= month <= 12:
        return None
    weekday = _WEEKDAYS.get(g["weekday"].lower()[:3]) if g.get("weekday") else None
    if g.get("year"):
        try:
            d = date(_full_year(g["year"]), month, day)
        except ValueError:
            return None
        return ("date", d, d)
    if c.meeting is None:
        return ("date", None, None)
    candidates = []
    for year in (c.meeting.year - 1, c.meeting.year, c.meeting.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        # "Monday 23rd May": when the weekday is written, the year must agree with it
        if weekday is None or d.weekday() == weekday:
            candidates.append((d, d))
    if not candidates:
        return None
    d, _ = c.pick(candidates)
    return ("date", d, d)


def _month_interval(month: int, year: int) -> tuple[date, date]:
    return date(year, month, 1), month_last_day(year, month)


def _r_month(g: dict, c: _Context) -> Interval | None:
    if not _capitalised_month(g["month"]):
        return None
    month = _month_number(g["month"])
    if month is None:
        return None
    if g.get("year"):
        return ("month", *_month_interval(month, _full_year(g["year"])))
    if c.meeting is None:
        return ("month", None, None)
    years = (c.meeting.year - 1, c.meeting.year, c.meeting.year + 1)
    return ("month", *c.pick([_month_interval(month, y) for y in years]))


def _r_month_range(g: dict, c: _Context) -> Interval | None:
    if not (_capitalised_month(g["month"]) and _capitalised_month(g["month2"])):
        return None
    first, last = _month_number(g["month"]), _month_number(g["month2"])
    if first is None or last is None or first == last:
        return None

    def interval(end_year: int) -> tuple[date, date]:
        start_year = end_year if first < last else end_year - 1  # "December/January"
        return date(start_year, first, 1), month_last_day(end_year, last)

    if g.get("year"):
        return ("range", *interval(int(g["year"])))
    if c.meeting is None:
        return ("range", None, None)
    years = (c.meeting.year - 1, c.meeting.year, c.meeting.year + 1)
    return ("range", *c.pick([interval(y) for y in years]))


def _r_day_range(g: dict, c: _Context) -> Interval | None:
    month = _month_number(g["month"])
    first, last = int(g["day"]), int(g["day2"])
    if month is None or first >= last:
        return None
    start = _r_day_month_year({"day": g["day"], "month": g["month"], "year": g.get("year")}, c)
    if start is None or start[1] is None:
        return None if start is None else ("range", None, None)
    try:
        end = date(start[1].year, month, last)
    except ValueError:
        return None
    return ("range", start[1], end)


def _r_part_of_month(g: dict, c: _Context) -> Interval | None:
    month_result = _r_month({"month": g["month"], "year": g.get("year")}, c)
    if month_result is None or month_result[1] is None:
        return month_result and ("vague", None, None)
    part = " ".join(g["part"].lower().split()).replace(" of", "")
    first_day, last_day = c.rules.part_of_month.get(part, (1, 31))
    start = month_result[1].replace(day=first_day)
    end = month_result[2].replace(day=min(last_day, month_result[2].day))
    return ("vague", start, end)


def _r_year(g: dict, c: _Context) -> Interval | None:
    year = int(g["year"])
    if not 1950 <= year <= 2100:
        return None
    return ("year", date(year, 1, 1), date(year, 12, 31))


def _r_financial_year(g: dict, c: _Context) -> Interval | None:
    first, second = _full_year(g["y1"]), _full_year(g["y2"])
    if second != first + 1 or not 1950 <= first <= 2100:
        return None
    return ("financial_year", *financial_year_interval(first, c.rules.financial_year_start_month))


def _r_quarter(g: dict, c: _Context) -> Interval | None:
    quarter = c.number(g.get("q") or g.get("qword") or g.get("qword2"))
    if quarter is None or not 1 <= quarter <= 4:
        return None
    start_month = c.rules.financial_year_start_month
    if g.get("y1"):
        first = _full_year(g["y1"])
        if g.get("y2") and _full_year(g["y2"]) != first + 1:
            return None
        return ("quarter", *quarter_interval(first, quarter, start_month))
    if c.meeting is None:
        return ("quarter", None, None)
    this_fy = financial_year_of(c.meeting, start_month)
    options = [quarter_interval(fy, quarter, start_month) for fy in (this_fy - 1, this_fy, this_fy + 1)]
    return ("quarter", *c.pick(options))


_RELATIVE_KINDS = {"week": "range", "month": "month", "year": "year", "calendar year": "year", "quarter": "quarter"}


def _r_relative(g: dict, c: _Context) -> Interval | None:
    rel = " ".join((g.get("rel") or "this").lower().split())
    unit = " ".join((g.get("unit") or "").lower().split())
    if rel in ("today", "tomorrow", "yesterday"):
        kind = "date"
    elif c.kind == "financial_year":
        kind = "financial_year"
    elif unit in _RELATIVE_KINDS:
        kind = _RELATIVE_KINDS[unit]
    else:
        return None
    if c.meeting is None:
        return (kind, None, None)
    m = c.meeting
    shift = {"next": 1, "the following": 1, "last": -1, "previous": -1, "the previous": -1, "the past": -1}.get(rel, 0)
    if kind == "date":
        d = m + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[rel])
        return ("date", d, d)
    if kind == "financial_year":
        fy = financial_year_of(m, c.rules.financial_year_start_month) + shift
        return ("financial_year", *financial_year_interval(fy, c.rules.financial_year_start_month))
    if unit == "week":
        monday = m - timedelta(days=m.weekday()) + timedelta(weeks=shift)
        return ("range", monday, monday + timedelta(days=6))
    if unit == "month":
        first = add_months(m.replace(day=1), shift)
        return ("month", first, month_last_day(first.year, first.month))
    if unit in ("year", "calendar year"):
        return ("year", date(m.year + shift, 1, 1), date(m.year + shift, 12, 31))
    if unit == "quarter":
        start_month = c.rules.financial_year_start_month
        fy = financial_year_of(m, start_month)
        current = (m.year * 12 + m.month - (fy * 12 + start_month)) // 3 + 1
        index = current - 1 + shift
        return ("quarter", *quarter_interval(fy + index // 4, index % 4 + 1, start_month))
    return None


def _r_rest_of_year(g: dict, c: _Context) -> Interval | None:
    if c.meeting is None:
        return ("vague", None, None)
    m = c.meeting
    if g["rel"].lower() == "later":
        return ("vague", m + timedelta(days=1), date(m.year, 12, 31))
    return ("vague", date(m.year, 1, 1), m - timedelta(days=1))


def _r_coming(g: dict, c: _Context) -> Interval | None:
    if c.meeting is None:
        return ("vague", None, None)
    rel = " ".join(g["rel"].lower().split())
    direction = "recent" if rel in ("last few", "past few", "recent") else "coming"
    window = c.rules.vague_windows.get(f"{direction}_{g['unit'].lower()}")
    if window is None:
        return None
    return ("vague", c.meeting + timedelta(days=window[0]), c.meeting + timedelta(days=window[1]))


def _r_duration(g: dict, c: _Context) -> Interval | None:
    n = g["n"].lower()
    if not (n.startswith("half") or c.number(n) is not None):
        return None
    return ("duration", None, None)


def _r_no_interval(g: dict, c: _Context) -> Interval | None:
    return (c.kind, None, None)


def _r_weekday(g: dict, c: _Context) -> Interval | None:
    weekday = _WEEKDAYS.get(g["weekday"].lower()[:3])
    if weekday is None:
        return None
    if c.meeting is None:
        return ("date", None, None)
    m = c.meeting
    rel = (g.get("rel") or "").lower()
    monday = m - timedelta(days=m.weekday())
    if rel == "this":
        d = monday + timedelta(days=weekday)  # that day of the meeting's own week
    elif rel in ("next", "following"):
        d = monday + timedelta(weeks=1, days=weekday)  # that day of the week after
    elif rel == "last":
        d = m - timedelta(days=(m.weekday() - weekday - 1) % 7 + 1)  # the most recent before
    elif rel == "coming":
        d = m + timedelta(days=(weekday - m.weekday() - 1) % 7 + 1)  # the first after
    else:
        after = m + timedelta(days=(weekday - m.weekday()) % 7)
        before = after - timedelta(weeks=1) if after != m else after
        d, _ = c.pick([(before, before), (after, after)])
    return ("date", d, d)


def _r_relative_month(g: dict, c: _Context) -> Interval | None:
    month = _month_number(g["month"])
    if month is None or not _capitalised_month(g["month"]):
        return None
    if c.meeting is None:
        return ("month", None, None)
    m = c.meeting
    rel = g["rel"].lower()
    options = [_month_interval(month, y) for y in (m.year - 1, m.year, m.year + 1)]
    if rel in ("next", "coming"):
        return ("month", *next(o for o in options if o[0] > m))
    if rel == "last":
        return ("month", *[o for o in options if o[1] < m][-1])
    return ("month", *_month_interval(month, m.year))


def _r_week_of(g: dict, c: _Context) -> Interval | None:
    if g.get("nday"):
        g = {"day": g["nday"], "month": g["nmonth"], "year": g.get("nyear")}
    found = _r_day_month_year(g, c)
    if found is None or found[1] is None:
        return found and ("range", None, None)
    return ("range", found[1], found[1] + timedelta(days=6))


def _r_part_of_year(g: dict, c: _Context) -> Interval | None:
    first, last = c.rules.part_of_year.get(g["part"].lower(), (1, 12))
    year = int(g["year"])
    return ("vague", date(year, first, 1), month_last_day(year, last))


def _season_interval(first: int, last: int, year: int) -> tuple[date, date]:
    # winter (December–February) belongs to the year it ends in when written "winter 2023"
    start_year = year - 1 if last < first else year
    return date(start_year, first, 1), month_last_day(year, last)


def _r_season(g: dict, c: _Context) -> Interval | None:
    first, last = c.rules.seasons[g["season"].lower()]
    if g.get("year"):
        return ("vague", *_season_interval(first, last, int(g["year"])))
    if c.meeting is None:
        return ("vague", None, None)
    m = c.meeting
    options = [_season_interval(first, last, y) for y in (m.year - 1, m.year, m.year + 1)]
    rel = (g.get("rel") or "").lower()
    if rel == "next":
        return ("vague", *next(o for o in options if o[0] > m))
    if rel == "last":
        return ("vague", *[o for o in options if o[1] < m][-1])
    return ("vague", *c.pick(options))


def _count(g: dict, c: _Context) -> tuple[int, str] | None:
    return duration_length(f"{g.get('n', '1')} {g['unit']}", c.rules)


def _r_offset(g: dict, c: _Context) -> Interval | None:
    length = _count(g, c)
    if length is None:
        return None
    if c.meeting is None:
        return ("date", None, None)
    sign = -1 if (g.get("rel") or "").lower() == "ago" else 1
    d = _after(c.meeting, sign * length[0], length[1])
    return ("date", d, d)


def _r_span(g: dict, c: _Context) -> Interval | None:
    length = _count(g, c)
    if length is None:
        return None
    if c.meeting is None:
        return ("range", None, None)
    if g["rel"].lower() in ("next", "coming", "following"):
        return ("range", c.meeting, _after(c.meeting, length[0], length[1]))
    return ("range", _after(c.meeting, -length[0], length[1]), c.meeting)


def _r_part_of_relative(g: dict, c: _Context) -> Interval | None:
    whole = _r_relative({"rel": g["rel"], "unit": g["unit"]}, c)
    if whole is None or whole[1] is None:
        return whole and ("vague", None, None)
    _, first, last = whole
    part = g["part"].lower()
    m = c.meeting
    if part == "later":  # "later this month": after the meeting, to the period's end
        return ("vague", max(first, m + timedelta(days=1)), last)
    if part == "earlier":
        return ("vague", first, min(last, m - timedelta(days=1)))
    if g["unit"].lower() == "month":
        lo, hi = c.rules.part_of_month.get(part, (1, 31))
        return ("vague", first.replace(day=lo), first.replace(day=min(hi, last.day)))
    lo, hi = c.rules.part_of_year.get(part, (1, 12))
    return ("vague", date(first.year, lo, 1), month_last_day(first.year, hi))


def _r_fixed_day(g: dict, c: _Context) -> Interval | None:
    name = re.sub(r"[’']", "", " ".join(g["name"].lower().split()))
    month, day = c.rules.fixed_days.get(name, (None, None))
    if month is None:
        return None
    return _r_day_month_year({"day": str(day), "month": str(month), "year": g.get("year")}, c)


RESOLVERS: dict[str, Callable[[dict, _Context], Interval | None]] = {
    "day_month_year": _r_day_month_year,
    "month": _r_month,
    "month_range": _r_month_range,
    "day_range": _r_day_range,
    "part_of_month": _r_part_of_month,
    "year": _r_year,
    "quarter": _r_quarter,
    "financial_year": _r_financial_year,
    "relative": _r_relative,
    "rest_of_year": _r_rest_of_year,
    "coming": _r_coming,
    "duration": _r_duration,
    "no_interval": _r_no_interval,
    "weekday": _r_weekday,
    "relative_month": _r_relative_month,
    "week_of": _r_week_of,
    "part_of_year": _r_part_of_year,
    "season": _r_season,
    "offset": _r_offset,
    "span": _r_span,
    "part_of_relative": _r_part_of_relative,
    "fixed_day": _r_fixed_day,
}


# --- finding -----------------------------------------------------------------------------


def duration_length(text: str, rules: DateRules) -> tuple[int, str] | None:
    """``(count, unit)`` of a duration such as "three months" or "6 weeks"."""
    m = re.match(r"\s*(\w+)[\s-]+((?:working\s+|business\s+)?day|week|fortnight|month|year|quarter)s?\b",
                 text, re.IGNORECASE)
    if not m:
        return None
    word = m.group(1).lower()
    count = int(word) if word.isdigit() else rules.number_words.get(word)
    unit = m.group(2).lower()
    # "10 working days" / "business days": Monday to Friday (bank holidays not known here)
    unit = "working day" if unit.endswith("day") and unit != "day" else unit
    return (count, unit) if count is not None else None


def _after(day: date, count: int, unit: str) -> date:
    if unit == "working day":
        step = 1 if count >= 0 else -1
        for _ in range(abs(count)):
            day += timedelta(days=step)
            while day.weekday() >= 5:
                day += timedelta(days=step)
        return day
    if unit == "day":
        return day + timedelta(days=count)
    if unit in ("week", "fortnight"):
        return day + timedelta(weeks=count * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    return add_months(day, months * count)


_SENTENCE_END = re.compile(r"[.;!?\n](?:\s|$)")
# the tense of a clause: brackets and commas close it ("(… are from March/April) and will
# not reflect …" says nothing of when March/April was)
_CLAUSE_END = re.compile(r"[.;!?\n](?:\s|$)|[(),]|\s(?:and|but|while|whereas)\s")
_STOPS = ".;!?\n"


class _Breaks:
    """Where the sentences or clauses of one text end, found once per text (on the first
    question: most texts hold no date that asks): every match asks where its own clause
    starts and ends."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text = text
        self.pattern = pattern
        self._breaks: tuple[list[int], list[int]] | None = None

    def _found(self) -> tuple[list[int], list[int]]:
        """(where a new clause begins, where a clause ends) at each break."""
        if self._breaks is None:
            found = list(self.pattern.finditer(self.text))
            self._breaks = [m.end() for m in found], [m.start() for m in found]
        return self._breaks

    def start_before(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: after the last break before it (a stop
        right before ``pos`` counts, as at the end of a text)."""
        starts, _ = self._found()
        i = bisect_right(starts, pos) - 1
        start = starts[i] if i >= 0 else 0
        return pos if pos > 0 and self.text[pos - 1] in _STOPS and start < pos else start

    def stop_after(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends: the first break at or after it."""
        _, stops = self._found()
        i = bisect_left(stops, pos)
        return stops[i] if i < len(stops) else len(self.text)


# the longest text a ``DateFinder`` that remembers keeps what it found in
_REMEMBERED_LENGTH = 500


class DateFinder:
    """Finds temporal expressions in texts with the patterns of rules/dates.yaml.

    One that ``remembers`` keeps what it found in short texts for as long as it lives:
    ``run`` and ``segment_meeting`` make one per document and per meeting, and ask about
    the same lines again (each line whether it opens with a date, to tell an index page
    and then to split meetings)."""

    def __init__(self, rules: DateRules, remembers: bool = False):
        self.rules = rules
        # the patterns' prefilters, looked up once (``prefilter`` hashes the pattern)
        self._prefilters = Prefilters(pattern.regex for pattern in rules.patterns)
        self._found: dict[tuple[str, date | None], tuple[TemporalMatch, ...]] | None = {} if remembers else None

    def find(self, text: str, meeting: date | None) -> list[TemporalMatch]:
        """Every temporal expression in ``text``, left to right, normalised against
        ``meeting`` (the meeting date; None leaves relative expressions unresolved)."""
        if self._found is None or len(text) > _REMEMBERED_LENGTH:
            return self._find(text, meeting)
        found = self._found.get((text, meeting))
        if found is None:
            found = self._found[text, meeting] = tuple(self._find(text, meeting))
        return list(found)

    def _find(self, text: str, meeting: date | None) -> list[TemporalMatch]:
        candidates = []
        clauses = _Breaks(text, _CLAUSE_END)
        # most patterns cannot match most texts: skip those that lack what a match needs,
        # and try the others only where a match may start (prefilter.py)
        folded = FoldedText(text)
        for order in folded.passing_at(self._prefilters):
            pattern = self.rules.patterns[order]
            for m in self._prefilters.screens[order].finditer(folded):
                found = self._resolve(pattern, m, text, meeting, clauses)
                if found is not None:
                    candidates.append((order, found))
        chosen: list[TemporalMatch] = []
        taken: list[tuple[int, int]] = []
        # longest first, then the earlier pattern in the rules
        for _, match in sorted(candidates, key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start)):
            if any(match.start < e and s < match.end for s, e in taken):
                continue
            taken.append((match.start, match.end))
            chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        sentences = _Breaks(text, _SENTENCE_END)
        return [self._as_deadline(m, text, meeting, sentences) for m in self._ranges(chosen, text, meeting)]

    def _tense(self, text: str, start: int, end: int, clauses: _Breaks) -> str | None:
        """"future" or "past" when the clause around ``start:end`` has cues of one tense
        only (a deadline cue just before looks forward); None otherwise."""
        clause = text[clauses.start_before(start): clauses.stop_after(end)]
        cue = self._deadline_cue(text[max(0, start - 40): start])
        if cue and cue[1] == "end":
            # "by March", "within …", "until …" look forward; "Before Christmas, they
            # wrote …" may tell of the past
            return "future"
        future = any(p.search(clause) for p in self.rules.future_cues)
        past = any(p.search(clause) for p in self.rules.past_cues)
        if future != past:
            return "future" if future else "past"
        return None

    def _resolve(self, pattern: DatePattern, m: re.Match, text: str, meeting: date | None,
                 clauses: _Breaks) -> TemporalMatch | None:
        start, end = m.span("expr") if "expr" in pattern.regex.groupindex and m.group("expr") else m.span()
        surface = text[start:end]
        if not surface.strip() or surface.lower() in self.rules.not_surfaces:
            return None
        before = text[max(0, m.start() - 30): m.start()]
        if any(p.search(before) for p in self.rules.not_after):
            return None
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        context = _Context(self.rules, meeting, pattern.kind, lambda: self._tense(text, start, end, clauses))
        result = RESOLVERS[pattern.resolve](groups, context)
        if result is None:
            return None
        kind, value_start, value_end = result
        return TemporalMatch(start, end, surface, kind, value_start, value_end, pattern.id)

    def _ranges(self, matches: list[TemporalMatch], text: str, meeting: date | None) -> list[TemporalMatch]:
        """Two dates joined by "to", "–", "until" … as one range ("1 April to 30 June
        2022"); a first date without its year takes the one that keeps the range in order."""
        joiner = self.rules.range_joiners
        if joiner is None:
            return matches
        out: list[TemporalMatch] = []
        for match in matches:
            prev = out[-1] if out else None
            if (prev is not None and prev.kind in ("date", "month") and match.kind in ("date", "month")
                    and joiner.match(text[prev.end:match.start]) and match.value_end is not None
                    and prev.value_start is not None):
                first = prev.value_start
                if not _has_year(prev.surface) and _has_year(match.surface):
                    # "1 April to 30 June 2022": the first date in the year that keeps it first
                    first = _with_year(first, match.value_end.year)
                    if first > match.value_end:
                        first = _with_year(first, match.value_end.year - 1)
                if first <= match.value_end:
                    out[-1] = TemporalMatch(prev.start, match.end, text[prev.start:match.end], "range",
                                            first, match.value_end, f"{prev.pattern}+{match.pattern}")
                    continue
            out.append(match)
        return out

    def _deadline_cue(self, before: str, kind: str | None = None) -> tuple[re.Match, str] | None:
        """The deadline cue that ends ``before`` and what it takes, unless the words before
        it undo it or the cue is not for expressions of this ``kind``."""
        for cue, takes, unless, kinds in self.rules.deadline_cues:
            if kinds and kind is not None and kind not in kinds:
                continue
            found = cue.search(before)
            if found and not (unless and unless.search(before[: found.start()])):
                return found, takes
        return None

    def _as_deadline(self, match: TemporalMatch, text: str, meeting: date | None,
                     sentences: _Breaks) -> TemporalMatch:
        if match.kind == "frequency":
            return match
        before = text[max(0, match.start - 40): match.start]
        if self._deadline_cue(before, match.kind) is None:
            return match
        # the words before the cue, up to the start of its sentence, may undo it
        clause_before = text[sentences.start_before(match.start): match.start]
        cue = self._deadline_cue(clause_before, match.kind)
        if cue is None:
            return match
        found, takes = cue
        is_within = found.group(0).lower().startswith("within")
        if match.kind == "duration" and not is_within:
            return match  # "by six months" is no deadline we can place
        start = match.start - (len(clause_before) - found.start())
        if match.kind == "duration":
            length = duration_length(match.surface, self.rules)
            deadline = None if meeting is None or length is None else _after(meeting, *length)
            inner_start = meeting
        else:
            deadline = match.value_end if takes == "end" else match.value_start
            inner_start = match.value_start
        if deadline is not None and meeting is not None and meeting <= deadline:
            value_start = meeting
        else:
            value_start = inner_start
        return TemporalMatch(start, match.end, text[start:match.end], "deadline", value_start, deadline, match.pattern)


def _has_year(surface: str) -> bool:
    return bool(re.search(r"(?:19|20)\d{2}|\d[/.-]\d{1,2}[/.-]\d{2}\b", surface))


def _with_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)
