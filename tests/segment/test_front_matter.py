"""Front matter: title, date with the year from the title, time, chair, minutes, venue."""

from datetime import date

import pytest

from pipeline.nlp.dates import DateFinder
from pipeline.segment.front_matter import read_front_matter, spaced_dashes
from tests.helpers import read_text


def front(text, rules):
    return read_front_matter(read_text(text), rules, DateFinder(rules.dates))


def test_seed_front_matter(seed):
    m = seed.meeting
    assert (m.title, m.body, m.date, m.start_time) == (
        "Monthly Assurance Meeting May 2022 – Meeting Notes", "Monthly Assurance Meeting", "2022-05-23", "15:00")
    assert (m.chair, m.minute_taker, m.venue) == ("John Campion", "Alfie Bates", "West Mercia Police HQ")
    assert (m.chair_person_id, m.minute_taker_person_id) == ("p-john-campion", "p-alfie-bates")


def test_date_line_without_a_year_takes_it_from_the_title(rules):
    fm = front("Governance Board June 2023 – Minutes\n\nDate: Tuesday 13th June, 10:00\n\na\tb\n", rules)
    assert fm.date == date(2023, 6, 13)
    assert fm.start_time == "10:00"


def test_written_weekday_must_agree_with_the_year(rules):
    # 23 May was a Monday in 2022 and a Tuesday in 2023: the weekday as written wins, so the
    # date is the Monday 23 May nearest the title's month
    fm = front("Board meeting notes May 2023\n\nDate: Monday 23rd May\n\na\tb\n", rules)
    assert fm.date == date(2022, 5, 23)


def test_venue_label_without_a_colon(rules):
    assert front("Panel meeting\n\nVenue Council Chamber, Town Hall\n\na\tb\n", rules).venue == "Council Chamber, Town Hall"


def test_minute_taker_is_the_name_before_their_post(rules):
    fm = front("Board meeting\n\nMinutes: Alfie Bates, Policy and Commissioning Intern, OPCC\n\na\tb\n", rules)
    assert (fm.minute_taker, fm.minute_taker_role) == ("Alfie Bates", "Policy and Commissioning Intern, OPCC")


@pytest.mark.parametrize("line, expected", [
    ("Date: 3 March 2024, 2pm", "14:00"),
    ("Time: 10.30am", "10:30"),
    ("Date: Wednesday 1st May 2024 18:30 – 20:00", "18:30"),
    ("Date: 12 noon is not parsed as a time", None),
])
def test_start_time_forms(rules, line, expected):
    assert front(f"Committee meeting\n\n{line}\n\na\tb\n", rules).start_time == expected


def test_title_dash_spacing_is_made_even():
    assert spaced_dashes("Monthly Assurance Meeting May 2022– Meeting Notes") == "Monthly Assurance Meeting May 2022 – Meeting Notes"


def test_missing_fields_are_none_not_guesses(rules):
    fm = front("Some text without facts\n\na\tb\n", rules)
    assert (fm.date, fm.chair, fm.venue, fm.start_time) == (None, None, None, None)
