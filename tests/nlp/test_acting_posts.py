"""Acting posts in the text: "the T/ACCCV" is whoever the list gives that short form, not
the substantive ACCCV; an attendee on apologies never wins over one present.

The people are generated for these tests ("Daniel Ashcroft" is invented)."""

from datetime import date

import pytest

from pipeline.nlp import MeetingContext, PeopleIndex, Person, annotate, person_id_for
from pipeline.nlp.people import split_people
from pipeline.segment.actions import resolve_people

COOPER, ASHCROFT, MILLS = "p-richard-cooper", "p-daniel-ashcroft", "p-pippa-mills"


def index(rules, cooper_status="apologies", acting_role="Temporary Assistant Chief Constable",
          acting_abbrev="T/ACCCV") -> PeopleIndex:
    people = [
        ("John Campion", "Police and Crime Commissioner", "PCC", "present"),
        ("Pippa Mills", "Chief Constable", "CC", "present"),
        ("Rachel Jones", "Assistant Chief Constable", "ACCLP", "present"),
        ("Daniel Ashcroft", acting_role, acting_abbrev, "present"),
        ("Richard Cooper", "Assistant Chief Constable", "ACCCV", cooper_status),
    ]
    return PeopleIndex([Person(person_id_for(n), n, r, a, s) for n, r, a, s in people], rules.people)


def mentions(nlp, text, people):
    (doc,) = annotate(nlp, [text], MeetingContext(date(2022, 7, 25), people))
    return [(s.text, s._.key, s._.resolution.person_id) for s in doc.spans["people"]]


def test_the_acting_short_form_is_the_attendee_listed_with_it(nlp, rules):
    for cooper in ("apologies", "present"):
        assert mentions(nlp, "The T/ACCCV added that a car is piloted.", index(rules, cooper)) == [
            ("The T/ACCCV", "T/ACCCV", ASHCROFT)]


def test_the_bare_short_form_is_the_substantive_holder_while_he_is_there(nlp, rules):
    assert mentions(nlp, "The ACCCV said so.", index(rules, "present")) == [("The ACCCV", "ACCCV", COOPER)]


def test_a_holder_on_apologies_yields_to_the_acting_holder_present(nlp, rules):
    assert mentions(nlp, "The ACCCV said so.", index(rules, "apologies")) == [("The ACCCV", "ACCCV", ASHCROFT)]


def test_the_post_stays_unresolved_while_two_present_hold_it(nlp, rules):
    # Rachel Jones and the T/ACCCV are both Assistant Chief Constables that day
    assert mentions(nlp, "The ACC said so.", index(rules, "apologies")) == [("The ACC", "ACC", None)]


def test_an_acting_title_written_out_is_the_acting_holder(nlp, rules):
    people = PeopleIndex([Person(MILLS, "Pippa Mills", "Chief Constable", "CC", "present"),
                          Person(ASHCROFT, "Daniel Ashcroft", "Acting Chief Constable", None, "present")], rules.people)
    assert mentions(nlp, "The Acting Chief Constable agreed.", people) == [
        ("The Acting Chief Constable", "Acting Chief Constable", ASHCROFT)]
    # without the prefix two present hold the post: no guess
    assert mentions(nlp, "The Chief Constable agreed.", people) == [("The Chief Constable", "Chief Constable", None)]


def test_the_prefix_written_as_the_list_leaves_it_out(rules):
    # "Temporary Assistant Chief Constable (ACCCV)": the list gives the short form bare
    people = index(rules, "present", acting_abbrev="ACCCV")
    assert people.resolve_abbrev("T/ACCCV").person_id == ASHCROFT
    assert people.resolve_abbrev("ACCCV").person_id is None  # two present listed as ACCCV


@pytest.mark.parametrize("written, parts", [
    ("T/ACCCV", ["T/ACCCV"]),
    ("T/ACCCV and ACCLP", ["T/ACCCV", "ACCLP"]),
    ("TS/SC", ["TS", "SC"]),
    ("A/DCC, T/ACC", ["A/DCC", "T/ACC"]),
])
def test_an_acting_prefix_joins_no_two_people(rules, written, parts):
    assert split_people(written, rules.people.acting) == parts


def test_an_acting_owner_is_the_acting_holder(rules):
    assert resolve_people("T/ACCCV", index(rules)) == ASHCROFT
    assert resolve_people("T/ACCCV/ACCLP", index(rules)) == f"{ASHCROFT};p-rachel-jones"
