"""Dates normalised against the meeting date (23 May 2022): UK day-first, April–March
financial year. Expected intervals are written from the calendar, not from the output."""

from datetime import date

import pytest

from pipeline.nlp.dates import DateFinder

MEETING = date(2022, 5, 23)


@pytest.fixture(scope="module")
def finder(rules):
    return DateFinder(rules.dates)


def one(finder, text, meeting=MEETING):
    found = finder.find(text, meeting)
    assert len(found) == 1, [(m.surface, m.kind) for m in found]
    m = found[0]
    return (m.surface, m.kind, m.value_start.isoformat() if m.value_start else None,
            m.value_end.isoformat() if m.value_end else None)


# every date expression of the example minutes
@pytest.mark.parametrize("text, expected", [
    ("updates will be made at SIB on (25/05).", ("25/05", "date", "2022-05-25", "2022-05-25")),
    ("before he has attend SIB (25/5), he could", ("25/5", "date", "2022-05-25", "2022-05-25")),
    ("due soon (6th June).", ("6th June", "date", "2022-06-06", "2022-06-06")),
    ("a briefing on Op Reset before 6th June.", ("before 6th June", "deadline", "2022-05-23", "2022-06-06")),
    ("as it is past mid-May.", ("mid-May", "vague", "2022-05-11", "2022-05-20")),
    ("to be undertaken by mid-May to ensure", ("by mid-May", "deadline", "2022-05-11", "2022-05-20")),
    ("to be completed by the end of June.", ("by the end of June", "deadline", "2022-05-23", "2022-06-30")),
    ("updates provided are from March/April)", ("March/April", "range", "2022-03-01", "2022-04-30")),
    ("training planned for Q2 22/23 will", ("Q2 22/23", "quarter", "2022-07-01", "2022-09-30")),
    ("complete by the end of quarter 3.", ("by the end of quarter 3", "deadline", "2022-05-23", "2022-12-31")),
    ("unlikely to be delivered until 23/24 the PCC", ("23/24", "financial_year", "2023-04-01", "2024-03-31")),
    ("taking place later in the year will", ("later in the year", "vague", "2022-05-24", "2022-12-31")),
    ("will be provided in the coming days.", ("in the coming days", "vague", "2022-05-24", "2022-06-06")),
    ("should, within three months: make sure", ("within three months", "deadline", "2022-05-23", "2022-08-23")),
    ("will achieve this within 3 months.", ("within 3 months", "deadline", "2022-05-23", "2022-08-23")),
    ("comply with the 3 months deadline", ("3 months", "duration", None, None)),
    ("an increase in use this month and", ("this month", "month", "2022-05-01", "2022-05-31")),
    ("the tracker is updated bi-monthly for", ("bi-monthly", "frequency", None, None)),
    ("the weekly DCI reviews", ("weekly", "frequency", None, None)),
    ("in line with our 2017 national legitimacy recommendation", ("2017", "year", "2017-01-01", "2017-12-31")),
    ("West Mercia's 2019 report said", ("2019", "year", "2019-01-01", "2019-12-31")),
    ("the Assurance Meeting May 2022 notes", ("May 2022", "month", "2022-05-01", "2022-05-31")),
])
def test_seed_date_expressions(finder, text, expected):
    assert one(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("23 May 2022", ("date", "2022-05-23", "2022-05-23")),
    ("Monday 23rd May", ("date", "2022-05-23", "2022-05-23")),
    ("25/05/2022", ("date", "2022-05-25", "2022-05-25")),
    ("25.05.22", ("date", "2022-05-25", "2022-05-25")),
    ("2022-05-25", ("date", "2022-05-25", "2022-05-25")),
    ("1st of June 2023", ("date", "2023-06-01", "2023-06-01")),
    ("September 2022", ("month", "2022-09-01", "2022-09-30")),
    ("21st-23rd March", ("range", "2022-03-21", "2022-03-23")),
    ("between 1 and 15 April", ("range", "2022-04-01", "2022-04-15")),
    ("2023/24", ("financial_year", "2023-04-01", "2024-03-31")),
    ("FY 2024/25", ("financial_year", "2024-04-01", "2025-03-31")),
    ("during the next financial year", ("financial_year", "2023-04-01", "2024-03-31")),
    ("by the end of the financial year", ("deadline", "2022-05-23", "2023-03-31")),
    ("early May", ("vague", "2022-05-01", "2022-05-10")),
    ("late February", ("vague", "2022-02-21", "2022-02-28")),
    ("tomorrow", ("date", "2022-05-24", "2022-05-24")),
    ("next week", ("range", "2022-05-30", "2022-06-05")),
    ("last month", ("month", "2022-04-01", "2022-04-30")),
    ("within six weeks", ("deadline", "2022-05-23", "2022-07-04")),
    ("December/January", ("range", "2021-12-01", "2022-01-31")),
])
def test_common_forms(finder, text, expected):
    assert one(finder, text)[1:] == expected


def test_day_first_always(finder):
    assert one(finder, "on 03/04/2022")[2] == "2022-04-03"


def test_missing_year_is_the_one_nearest_the_meeting(finder):
    assert one(finder, "on 5th January", meeting=date(2022, 12, 20))[2] == "2023-01-05"
    assert one(finder, "on 5th January", meeting=date(2022, 5, 23))[2] == "2022-01-05"


def test_quarter_3_is_october_to_december_of_the_financial_year(finder):
    assert one(finder, "in quarter 3")[2:] == ("2022-10-01", "2022-12-31")


@pytest.mark.parametrize("text", [
    "AFI 10 and AFI 12",
    "Recommendation 3 and section 3",
    "101 calls and 999 calls",
    "a budget of £3.363m",
    "2,000 officers",
    "the force may act",
    "In response to the CC's reply to Q1, the PCC asked",
    "a 24/7 service",
    "AFIs 12, 13, 14 & 16",
    "Outcome 16 has seen an increase",
    "day to day supervision",
])
def test_no_false_dates(finder, text):
    assert [m.surface for m in finder.find(text, MEETING)] == []


def test_without_a_meeting_date_relative_expressions_stay_open(finder):
    (m,) = finder.find("next week", None)
    assert (m.kind, m.value_start, m.value_end) == ("range", None, None)


def test_seed_dates_table_has_no_item_numbers(seed):
    assert not any(d.surface.startswith(("AFI", "Q1", "Recommendation")) for d in seed.dates)
    assert {"(25/05)".strip("()"), "Q2 22/23", "23/24"} <= {d.surface for d in seed.dates}


def test_a_finder_that_remembers_finds_the_same(rules, finder):
    remembering = DateFinder(rules.dates, remembers=True)
    texts = ["Due by 6th June.", "22/01/26 - Week 1", "Due by 6th June.", "x" * 600 + " by 6th June", "no date"]
    for meeting in (MEETING, None, MEETING):
        for text in texts:
            first, again = remembering.find(text, meeting), remembering.find(text, meeting)
            assert first == again == finder.find(text, meeting)
            assert first is not again  # a list of its own for every caller
