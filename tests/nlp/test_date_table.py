"""Table-driven test of temporal expressions (tests/nlp/date_expressions.yaml): each text
gives one expression whose kind and interval were written from the calendar's rules."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from pipeline.nlp.dates import DateFinder

TABLE = yaml.safe_load((Path(__file__).parent / "date_expressions.yaml").read_text(encoding="utf-8"))
MEETING = TABLE["meeting"]


def _case(raw) -> tuple:
    if isinstance(raw, dict):
        return raw["text"], raw["kind"], raw["start"], raw["end"], raw.get("meeting", MEETING)
    return (*raw, MEETING)


CASES = [_case(c) for c in TABLE["cases"]]


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


@pytest.fixture(scope="module")
def finder(rules):
    return DateFinder(rules.dates)


def test_the_table_holds_at_least_150_expressions():
    assert len(CASES) >= 150
    assert len({(c[0], c[4]) for c in CASES}) == len(CASES), "a case is written twice"


@pytest.mark.parametrize("text, kind, start, end, meeting", CASES, ids=[c[0] for c in CASES])
def test_expression_gives_its_interval(finder, text, kind, start, end, meeting):
    found = finder.find(text, meeting)
    assert len(found) == 1, [(m.surface, m.kind) for m in found]
    m = found[0]
    assert (m.kind, _iso(m.value_start), _iso(m.value_end)) == (kind, _iso(start), _iso(end)), m.surface


@pytest.mark.parametrize("text", TABLE["not_dates"])
def test_no_false_dates(finder, text):
    assert [(m.surface, m.kind) for m in finder.find(text, MEETING)] == []
