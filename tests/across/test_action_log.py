"""The action log: what later meetings said of each action, and its status."""

from __future__ import annotations

from pipeline.across.action_log import build_action_log, follow_up_event, sentences
from tests.across.records_for_tests import meeting

DESK = ("DBS", "DBS to provide the PCC with the timeline for delivery of the vulnerability desk once developed", None)
SLIDES = ("PCC", "PCC to be given a copy of the slide pack and a briefing on Op Reset before 6th June.", "2022-06-06")
ROTA = ("ACCLP", "ACCLP to share the revised custody staffing rota with the OPCC by end of July.", "2022-07-31")


def log_of(meetings, rules):
    rows = build_action_log(meetings, rules)["action_log"]
    by_action = {}
    for row in rows:
        by_action.setdefault(row.action_id, []).append(row)
    return by_action


def test_an_action_is_raised_updated_then_completed(rules):
    may = meeting(1, "2022-05-23", actions=[DESK])
    june = meeting(2, "2022-06-27", responses=[
        "The DBS said the timeline for delivery of the vulnerability desk is being finalised with the contact centre."])
    july = meeting(3, "2022-07-25", responses=[
        "The DBS confirmed the timeline for delivery of the vulnerability desk was provided to the PCC on 4 July."])
    log = log_of([may, june, july], rules)["a-test00000001-1-001"]
    assert [r.event for r in log] == ["raised", "updated", "completed"]
    assert [r.status for r in log] == ["open", "in_progress", "complete"]
    assert {r.current_status for r in log} == {"complete"}
    assert log[1].record_table == "responses" and log[1].record_id == "r-test00000002-1-001"
    assert log[2].date == "2022-07-25" and log[2].score >= rules.tracking.follow_up_similarity


def test_an_action_past_its_due_date_with_no_completion_is_overdue(rules):
    june = meeting(1, "2022-06-27", actions=[ROTA])
    july = meeting(2, "2022-07-25", responses=["The revised custody staffing rota is in progress with HR."])
    september = meeting(3, "2022-09-26", responses=["Nothing was said of the rota."])
    log = log_of([june, july, september], rules)["a-test00000001-1-001"]
    assert [r.event for r in log] == ["raised", "updated", "overdue"]
    assert log[-1].meeting_id == "m-test00000003-1" and log[-1].status == "overdue"
    assert log[0].current_status == "overdue"


def test_completion_reported_at_the_first_meeting_after_the_due_date_is_not_overdue(rules):
    may = meeting(1, "2022-05-23", actions=[SLIDES])
    june = meeting(2, "2022-06-27", responses=[
        "The slide pack and the Op Reset briefing were provided to the PCC on 1 June; action complete."])
    log = log_of([may, june], rules)["a-test00000001-1-001"]
    assert [r.event for r in log] == ["raised", "completed"]
    assert log[-1].current_status == "complete"


def test_an_action_with_no_later_meeting_stays_open(rules):
    log = log_of([meeting(1, "2022-05-23", actions=[DESK, SLIDES])], rules)
    assert all([r.event for r in rows] == ["raised"] for rows in log.values())
    assert {rows[0].current_status for rows in log.values()} == {"open"}


def test_an_unrelated_sentence_sharing_a_post_is_no_follow_up(rules):
    may = meeting(1, "2022-05-23", actions=[("GM", "The General Manager and the Vice Chair will attend the "
                                                   "Halesworth library opening.", None)])
    june = meeting(2, "2022-06-27", responses=["The health and safety policy was signed by the Chair and the "
                                                "General Manager."])
    log = log_of([may, june], rules)["a-test00000001-1-001"]
    assert [r.event for r in log] == ["raised"]


def test_other_series_do_not_follow_up_an_action(rules):
    may = meeting(1, "2022-05-23", actions=[DESK], series="west")
    june = meeting(2, "2022-06-27", series="east", responses=[
        "The timeline for delivery of the vulnerability desk was provided to the PCC."])
    log = log_of([may, june], rules)["a-test00000001-1-001"]
    assert [r.event for r in log] == ["raised"]


def test_what_a_sentence_says_of_an_action(rules):
    tracking = rules.tracking
    assert follow_up_event("The report has now been circulated to members.", tracking) == "completed"
    assert follow_up_event("The action is not yet complete.", tracking) == "updated"
    assert follow_up_event("Work on the desk remains open.", tracking) == "updated"
    assert follow_up_event("The desk was discussed again.", tracking) == "mentioned"


def test_sentences_split_at_full_stops_and_lines():
    assert sentences("One thing. Another (with brackets).\nA third") == ["One thing.", "Another (with brackets).", "A third"]


def test_asking_for_an_update_is_no_update_and_not_received_is_no_completion(rules):
    tracking = rules.tracking
    assert follow_up_event("The PCC asked for an update on the missing persons audit.", tracking) == "mentioned"
    assert follow_up_event("The DCC gave an update on the audit.", tracking) == "updated"
    assert follow_up_event("The SPM noted that the figures had not been received.", tracking) == "updated"
