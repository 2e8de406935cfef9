"""Threads: the same finding followed by its label, other items by what they are about."""

from __future__ import annotations

from collections import defaultdict

from pipeline.across.threads import build_threads
from tests.across.records_for_tests import meeting

AFI_5 = ("The force should make sure that repeat callers and vulnerable callers are identified at the "
         "first point of contact and that call handlers give advice on preserving evidence.")
AFI_6 = ("The force should make sure that vulnerable callers receive a timely response and that call handlers "
         "identify repeat victims at the first point of contact.")
VETTING_AFI_5 = ("The force should ensure that all officers and staff hold the correct level of vetting clearance "
                 "for their posts and that vetting renewals are completed on time.")


def threads_of(meetings, rules):
    rows = build_threads(meetings, rules)["threads"]
    by_thread = defaultdict(list)
    for row in rows:
        by_thread[row.thread_id].append(row)
    return rows, by_thread


def test_the_same_afi_is_one_thread_and_two_afis_never_share_one(rules):
    series = [meeting(n, date, items=[("afi", "AFI 5", "5", AFI_5), ("afi", "AFI 6", "6", AFI_6)])
              for n, date in enumerate(["2022-05-23", "2022-06-27", "2022-07-25"], start=1)]
    rows, by_thread = threads_of(series, rules)
    assert len(by_thread) == 2
    for members in by_thread.values():
        assert len({r.label for r in members}) == 1
        assert [r.date for r in members] == ["2022-05-23", "2022-06-27", "2022-07-25"]
        assert [r.link for r in members] == ["first", "label", "label"]
        assert [r.seq for r in members] == [1, 2, 3]


def test_a_label_reused_by_another_report_starts_its_own_thread(rules):
    may = meeting(1, "2022-05-23", items=[("afi", "AFI 5", "5", AFI_5)])
    june = meeting(2, "2022-06-27", items=[("afi", "AFI 5", "5", VETTING_AFI_5), ("afi", "AFI 5", "5", AFI_5)])
    rows, by_thread = threads_of([may, june], rules)
    vetting = next(r for r in rows if r.item_id.endswith("2-1-001"))
    peel = next(r for r in rows if r.item_id.endswith("2-1-002"))
    assert vetting.link == "first"
    assert peel.link == "label" and peel.thread_id == "t-test00000001-1-001"
    assert len(by_thread) == 2


def test_a_short_finding_joins_on_its_label_alone(rules):
    may = meeting(1, "2022-05-23", items=[("afi", "AFI 5", "5", AFI_5)])
    june = meeting(2, "2022-06-27", items=[("afi", "AFI 5", "5", "See update.")])
    rows, _ = threads_of([may, june], rules)
    assert rows[1].link == "label" and rows[1].score is None and rows[1].thread_id == rows[0].thread_id


def test_findings_of_two_series_are_not_joined(rules):
    west = meeting(1, "2022-05-23", items=[("afi", "AFI 5", "5", AFI_5)], series="west")
    east = meeting(2, "2022-06-27", items=[("afi", "AFI 5", "5", AFI_5)], series="east")
    rows, by_thread = threads_of([west, east], rules)
    assert len(by_thread) == 2


def test_agenda_items_about_the_same_matter_are_linked_by_similarity(rules):
    first = meeting(1, "2023-01-10", items=[
        ("agenda_item", "5.", "5", "The board discussed the library refurbishment at Aldeburgh, the roof repairs "
         "and the cost of the new heating system.", "Premises"),
        ("agenda_item", "6.", "6", "Volunteers at Stradbroke have asked for training on the new self-service kiosks.",
         "Volunteers")])
    later = meeting(2, "2023-03-14", items=[
        ("agenda_item", "4.", "4", "Roof repairs at Aldeburgh library are complete; the heating system cost came in "
         "under budget and the refurbishment will finish in April.", "Aldeburgh refurbishment"),
        ("apologies", "1.", "1", "Apologies were received from the Treasurer and the Secretary of the board.",
         "Apologies")])
    rows, by_thread = threads_of([first, later], rules)
    linked = next(r for r in rows if r.item_id == "i-test00000002-1-001")
    assert linked.link == "similarity"
    assert linked.linked_item_id == "i-test00000001-1-001"
    assert linked.score >= rules.tracking.threads.similarity_threshold
    # procedural items are not threaded at all; the unrelated item stays alone
    assert not any(r.item_id == "i-test00000002-1-002" for r in rows)
    assert len(by_thread["t-test00000001-1-002"]) == 1


def test_a_standing_item_is_linked_by_its_heading(rules):
    first = meeting(1, "2012-09-11", items=[("agenda_item", "15.", "15", "Staff sickness is down and the new rota "
                                             "starts in October across all branches.", "General Manager's Update")])
    later = meeting(2, "2013-03-26", items=[("agenda_item", "10.", "10", "The mobile library van has been replaced "
                                             "and the autumn reading challenge beat its target.", "General Managers Report")])
    rows, _ = threads_of([first, later], rules)
    assert rows[1].link == "heading" and rows[1].thread_id == rows[0].thread_id


def test_generic_headings_do_not_link_items(rules):
    first = meeting(1, "2019-01-10", items=[("agenda_item", None, None, "The treasurer reported the balance of the "
                                             "grants account and the membership drive.", "New business")])
    later = meeting(2, "2019-02-14", items=[("agenda_item", None, None, "A new logo for the conference website was "
                                             "chosen after a vote of the volunteers.", "New business")])
    rows, by_thread = threads_of([first, later], rules)
    assert len(by_thread) == 2


def test_thread_ids_do_not_depend_on_the_order_meetings_were_read(rules):
    series = [meeting(n, date, items=[("afi", "AFI 5", "5", AFI_5)])
              for n, date in enumerate(["2022-05-23", "2022-06-27", "2022-07-25"], start=1)]
    forward = build_threads(series, rules)["threads"]
    backward = build_threads(list(reversed(series)), rules)["threads"]
    assert forward == backward
    assert {r.thread_id for r in forward} == {"t-test00000001-1-001"}
