"""Attendance: name, capacity and the bracketed short form used in the text."""

from pipeline.segment.attendance import read_attendance, split_capacity
from tests.helpers import read_repaired


def test_seed_has_nine_attendees_with_their_abbreviations(seed):
    assert [(a.name, a.abbrev) for a in seed.attendees] == [
        ("John Campion", "PCC"), ("Alfie Bates", "PCI"), ("Jackie Irvin", "SPM"), ("Pippa Mills", "CC"),
        ("Julian Moss", "DCC"), ("Rachel Hartland Lane", "DBS"), ("Richard Cooper", "ACCCV"),
        ("Rachel Jones", "ACCLP"), ("Richard Muirhead", "DCS"),
    ]
    assert {a.role for a in seed.attendees if a.abbrev in ("ACCCV", "ACCLP")} == {"Assistant Chief Constable"}


def test_the_minute_taker_on_the_list_has_status_minutes(seed):
    statuses = {a.name: a.status for a in seed.attendees}
    assert statuses["Alfie Bates"] == "minutes"
    assert statuses["Pippa Mills"] == "present"


def test_capacity_splits_into_role_and_short_form(rules):
    assert split_capacity("Assistant Chief Constable (ACCLP)", rules) == ("Assistant Chief Constable", "ACCLP")
    assert split_capacity("Director of Business Services", rules) == ("Director of Business Services", None)


def test_initials_after_the_name_are_the_short_form(rules):
    doc = read_repaired("Board minutes\n\nPresent:\tName\tRole\n\tRachel Hartland-Lane (RHL)\tDirector\n", rules)
    (person,) = read_attendance(doc, rules)
    assert (person.name, person.abbrev, person.role) == ("Rachel Hartland-Lane", "RHL", "Director")


def test_a_label_row_changes_the_status_of_the_rows_after_it(rules):
    doc = read_repaired("Board minutes\n\nAttendance:\tName\tRole\n\tA Smith\tChair\nApologies:\tB Jones\tTreasurer\n", rules)
    assert [(p.name, p.status) for p in read_attendance(doc, rules)] == [("A Smith", "present"), ("B Jones", "apologies")]
