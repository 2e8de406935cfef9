"""Minutes of other bodies than the example: the shapes issue 4 names, one test each.

Every text here is generated for the test (written in the style of the shape it tests,
not copied from a real document).
"""

from __future__ import annotations

from pipeline.readers import read_bytes
from pipeline.readers.markdown import looks_like_markdown, split_front_matter
from pipeline.repair import repair
from pipeline.segment import segment_meeting
from pipeline.segment.people_lists import parse_people


def meeting_of(text: str, rules, nlp, source: str = "generated.txt"):
    doc = repair(read_bytes(text.encode("utf-8"), source, rules), rules)
    return segment_meeting(doc, rules, nlp).records


PARISH = """EXAMPLE PARISH COUNCIL Minutes of the Ordinary Meeting held on Wednesday 3 May 2023 at 7.00 pm, Village Hall

Present: Cllr Ann Green (Chair) Cllr Bob White Cllr Carol Black Dan Brown Parish Clerk

Also in attendance: Cllr Eve Grey Norfolk County Council

12/23 Apologies Apologies were received from Cllr Fay Blue and Mr Gus Red.

13/23 Minutes of the previous meeting The minutes of the meeting held on 5 April 2023 were approved as a true record. Proposed Cllr Bob White, seconded Cllr Carol Black, all in favour.

14/23 Playground The Clerk agreed to obtain three quotes for the new swings. RESOLVED: (1) That the Clerk contact the insurer. (2) That the fence repair be deferred.
"""


def test_parish_minutes_give_date_people_items_decisions_and_actions(rules, nlp):
    records = meeting_of(PARISH, rules, nlp)
    assert records.meeting.date == "2023-05-03"
    assert records.meeting.chair == "Cllr Ann Green"
    status = {a.name: a.status for a in records.attendees}
    assert status["Cllr Bob White"] == "present"
    assert status["Dan Brown"] == "present"
    assert status["Cllr Eve Grey"] == "in_attendance"
    assert status["Cllr Fay Blue"] == "apologies" and status["Mr Gus Red"] == "apologies"
    assert [i.label for i in records.items] == ["12/23", "13/23", "14/23"]
    texts = [d.text for d in records.decisions]
    # the vote joins the approval it belongs to: one decision, not two
    assert sum("true record" in t for t in texts) == 1
    assert any("all in favour" in t for t in texts if "true record" in t)
    assert any(t.startswith("That the Clerk contact the insurer") for t in texts)
    assert {d.outcome for d in records.decisions if "fence" in d.text} == {"deferred"}
    owners = {a.owner for a in records.actions}
    assert "Clerk" in owners  # "The Clerk agreed to obtain …" and "That the Clerk contact …"
    assert any("insurer" in a.text for a in records.actions)


def test_a_body_agreeing_is_a_decision_not_an_action(rules, nlp):
    text = ("Minutes of the Board meeting held on 10 January 2024\n\nPresent: Jo Bloggs, Sam Smith\n\n"
            "1. Budget\n\nThe Board agreed to adopt the budget as presented. JB to circulate the final version.\n")
    records = meeting_of(text, rules, nlp)
    assert [a.owner for a in records.actions] == ["JB"]
    assert any("adopt the budget" in d.text for d in records.decisions)


def test_trailing_owner_names_who_acts(rules, nlp):
    text = ("Minutes of the committee meeting held on 8 October 2013\n\nPresent: Mick Ratford, Jon Stride\n\n"
            "1. Maintenance\n\nThe sink needs replacing, action Jon.\n")
    records = meeting_of(text, rules, nlp)
    assert [(a.owner, a.text) for a in records.actions] == [("Jon", "The sink needs replacing, action Jon.")]


def test_due_to_is_no_owner(rules, nlp):
    text = ("Minutes of the Cabinet meeting held on 30 January 2025\n\nPresent: Mr A Smith\n\n"
            "1. Updates\n\na) Due to changes in managing furniture, three sites were unable to accept it.\n")
    assert meeting_of(text, rules, nlp).actions == ()


def test_an_agenda_is_an_agenda_with_items_and_nothing_said(rules, nlp):
    text = ("AGENDA\n\nMeeting of the Finance Committee, 4 March 2024 at 10:00\n\n1. Apologies\n\n"
            "2. Budget monitoring – the Treasurer will present the report\n\n3. Any other business\n")
    records = meeting_of(text, rules, nlp)
    assert records.meeting.kind == "agenda"
    assert len(records.items) == 3
    assert records.actions == () and records.decisions == () and records.responses == ()


def test_markdown_front_matter_reads_as_a_front_sheet(rules, nlp):
    text = ("---\nlayout: meeting\ntitle: Minutes of Directors' meeting\ndate: 2017-09-17 17:00\n"
            "location: online\ndirectors:\n- Ann Example\n- Ben Sample\nchair: Ann\n---\n\n"
            "## Banking\n\nThe Directors decided to open an account.\n\n## Domains\n\nBen will renew the domain.\n")
    assert looks_like_markdown(text)
    records = meeting_of(text, rules, nlp, source="generated.md")
    assert records.meeting.date == "2017-09-17" and records.meeting.start_time == "17:00"
    assert records.meeting.chair == "Ann" and records.meeting.venue == "online"
    assert [a.name for a in records.attendees] == ["Ann Example", "Ben Sample"]
    assert [i.title for i in records.items] == ["Banking", "Domains"]
    assert [d.outcome for d in records.decisions] == ["approved"]
    assert [a.owner for a in records.actions] == ["Ben"]


def test_a_blog_posts_date_is_not_the_meeting_date(rules, nlp):
    text = ('---\ntitle: "Minutes of May Meeting"\ndate: "2018-07-29"\n---\n\n'
            "Minutes of the Annual Meeting held on Wednesday 2 May 2018 at 7.20 pm\n\n"
            "Present: Cllr Ann Green\n\n1. Apologies\n\nNone.\n")
    meta, body, _ = split_front_matter(text)
    assert meta["date"] == "2018-07-29" and body.lstrip().startswith("Minutes")
    assert meeting_of(text, rules, nlp, source="generated.md").meeting.date == "2018-05-02"


def test_plain_text_with_a_stray_heading_is_not_markdown():
    assert not looks_like_markdown("Minutes\n" + "line of text\n" * 400 + "### Issues\n# # #\n")


def test_the_file_name_gives_the_date_when_the_text_has_none(rules, nlp):
    text = "Minutes\n\nMW welcomed members. The Board agreed that a website would be created.\n"
    records = meeting_of(text, rules, nlp, source="archive/2019-02-26-minutes.txt")
    assert records.meeting.date == "2019-02-26"
    # no items: the decision is still recorded, under no item
    assert [d.item_id for d in records.decisions] == [None]


def test_names_run_together_with_roles_and_initials(rules):
    people = parse_people("Cllr Jo Bruce JB Chairperson", rules)
    assert [(p.name, p.role, p.abbrev) for p in people] == [("Cllr Jo Bruce", "Chairperson", "JB")]
    people = parse_people("Cllr Gail Reeve Helen Richardson Parish Clerk and Financial Responsible Person", rules)
    assert [(p.name, p.role) for p in people] == [
        ("Cllr Gail Reeve", None), ("Helen Richardson", "Parish Clerk and Financial Responsible Person")]
    people = parse_people("Cllr Martin Storey Norfolk County Council Mr Chris Philpott Footpath Warden", rules)
    assert [(p.name, p.role) for p in people] == [
        ("Cllr Martin Storey", "Norfolk County Council"), ("Mr Chris Philpott", "Footpath Warden")]


def test_roles_written_after_each_name_and_a_list_that_wraps(rules, nlp):
    text = ("Minutes of the Hall Committee held on Tuesday 8th October 2013\n\n"
            "Present: Ann Example, Treasurer Ben Sample, Bookings Secretary\n"
            "Cat Specimen, Secretary Dan Model (Chairperson)\n\n"
            "1. Apologies for absence: Eve Instance.\n\n2. Repairs\n\nThe sink is broken.\n")
    records = meeting_of(text, rules, nlp)
    assert [(a.name, a.role, a.status) for a in records.attendees] == [
        ("Ann Example", "Treasurer", "present"), ("Ben Sample", "Bookings Secretary", "present"),
        ("Cat Specimen", "Secretary", "present"), ("Dan Model", "Chairperson", "present"),
        ("Eve Instance", None, "apologies")]
    assert records.meeting.chair == "Dan Model"


def test_a_sentence_after_the_list_does_not_join_it(rules, nlp):
    text = ("Minutes of the Board meeting held on 11 September 2012\n\n"
            "Invited: Richard Hunt (RH)(Observer)\n"
            "Board presence at these if possible. The offer should be communicated to managers.\n\n"
            "1. Welcome\n\nThe Chair welcomed everyone.\n")
    assert [a.name for a in meeting_of(text, rules, nlp).attendees] == ["Richard Hunt"]


def test_the_chair_elected_in_the_first_item(rules, nlp):
    text = ("Minutes of the Annual Meeting of the Parish Council held on 2 May 2018\n\n"
            "Present: Cllr Ann Green Cllr Bob White\n\n"
            "1/18 Election of Chair It was proposed that Cllr Ann Green continue as Chair, seconded by "
            "Cllr Bob White, all agreed. Cllr Bob White was elected as Vice Chair.\n\n"
            "2/18 Apologies None.\n")
    assert meeting_of(text, rules, nlp).meeting.chair == "Cllr Ann Green"


def test_actions_stated_mid_sentence_and_by_attendees(rules, nlp):
    text = ("Minutes of the committee meeting held on 8 October 2013\n\n"
            "Present: Karen Butt, Jon Stride, Ms Ada Coombs\n\n"
            "1. Maintenance\n\n"
            "Most children were placed under two, Ms Coombs offered to provide figures by age.\n"
            "Still trying to find a date, Karen to keep on the case.\n"
            "The roof leaks and the firm has not come, action Jon to check.\n"
            "Changes to the rota were discussed and services to resume in May.\n")
    actions = {a.owner: a.text for a in meeting_of(text, rules, nlp).actions}
    assert actions == {
        "Ms Coombs": "Ms Coombs offered to provide figures by age.",
        "Karen": "Karen to keep on the case.",
        "Jon": "The roof leaks and the firm has not come, action Jon to check.",
    }


def test_would_counts_only_for_attendees(rules, nlp):
    text = ("Minutes of the Council meeting held on 9 January 2025\n\n"
            "Present: Helen Richardson (HR), Nicola Cooper (NC)\n\n"
            "1. Devolution\n\nDevolution would position Kent to have a stronger voice. "
            "HR would email the audit arrangements round.\n")
    assert [a.owner for a in meeting_of(text, rules, nlp).actions] == ["HR"]


def test_a_body_named_mid_sentence_or_by_its_kind_is_no_owner(rules, nlp):
    text = ("Minutes of the Board meeting held on 11 September 2012\n\nPresent: Alison Wheeler (AW)\n\n"
            "1. Grants\n\nThe grant was discussed and the Finance & Audit Committee will look at a wider "
            "contribution. I will send it to the CG and BG to get feedback. AW will seek guidance.\n")
    assert [a.owner for a in meeting_of(text, rules, nlp).actions] == ["AW"]


def test_chat_minutes_address_who_acts(rules, nlp):
    text = ("Board minutes, 21 January 2015\n\nDirectors present: Sam Ruby, Rich Bowen\n\n"
            "1. Reports\n\n@Sam: pursue a roll call for the PMC.\n")
    actions = meeting_of(text, rules, nlp).actions
    assert [(a.owner, a.owner_person_id) for a in actions] == [("Sam", "p-sam-ruby")]


def test_a_vote_result_gives_the_proposal_its_outcome(rules, nlp):
    text = ("Minutes of the County Council meeting held on 13 February 2025\n\nPresent: Mr Brady, Ms Meade\n\n"
            "1. Budget\n\n(7) Mr Brady proposed, and Ms Meade seconded the following amendment:\n"
            "To amend the budget in line with the Alternative Budget.\n"
            "(8) The Chairman put the amendment to the vote.\nAmendment lost.\n"
            "(9) RESOLVED that the Panel note the report.\n")
    decisions = meeting_of(text, rules, nlp).decisions
    assert [(d.text.split(",")[0], d.outcome) for d in decisions] == [
        ("(7) Mr Brady proposed", "not_supported"), ("the Panel note the report.", "noted")]


def test_the_wording_of_a_voted_resolution_is_not_a_decision_of_its_own(rules, nlp):
    text = ("Board minutes, 21 January 2015\n\nDirectors present: Sam Ruby\n\n"
            "7. Special Orders\n\nNOW, THEREFORE, BE IT RESOLVED, that the Example Project be and hereby is "
            "established.\n\nSpecial Order 7A, Establish the Example Project, was approved by Unanimous Vote "
            "of the directors present.\n\n8. Reports\n\nIssues:\n* Resolved: 177\n* Resolved 26 tickets.\n")
    decisions = meeting_of(text, rules, nlp).decisions
    assert [(d.text[:16], d.outcome) for d in decisions] == [("Special Order 7A", "approved")]


def test_numbered_resolutions_take_the_outcome_of_their_cue(rules, nlp):
    text = ("Minutes of the Parish Council meeting held on 12 April 2016\n\nPresent: Cllr Ann Green\n\n"
            "1. Playground\n\nResolved: (1) That BB contact the insurer. (2) That the gate be painted.\n")
    decisions = meeting_of(text, rules, nlp).decisions
    assert [d.outcome for d in decisions] == ["approved", "approved"]


def test_tasks_told_in_the_passive_by_the_subject_of_two_verbs_or_in_reported_speech(rules, nlp):
    text = ("Minutes of the Parish Council meeting held on 12 April 2016\n\n"
            "Present: Helen Richardson (HR) Parish Clerk, Cllr Mark Storey\n\n"
            "1. Matters\n\nAudit: An update on audit arrangements would be emailed round by HR.\n"
            "Mr Read shared that the figures were late and offered to come back with the data.\n"
            "Cllr Mark Storey advised that he would be providing feedback on the plans.\n"
            "The Clerk would continue to pursue the gates in July.\n"
            "Updates will be submitted to the Commission.\n")
    actions = [(a.owner, a.owner_person_id) for a in meeting_of(text, rules, nlp).actions]
    assert actions == [("HR", "p-helen-richardson"), ("Mr Read", None),
                       ("Cllr Mark Storey", "p-mark-storey"), ("Clerk", "p-helen-richardson")]


def test_a_body_asked_to_act_has_a_task_a_body_agreeing_has_none(rules, nlp):
    text = ("Minutes of the Friends meeting held on 2 June 2015\n\nPresent: Ali Hopkins (AHop)\n\n"
            "1. Christmas\n\nThe Trustees were asked to come up with a new idea for Christmas. "
            "The Board reviewed the plan and agreed to adopt it.\n")
    assert [a.owner for a in meeting_of(text, rules, nlp).actions] == ["Trustees"]


def test_when_someone_came_or_went_is_not_part_of_their_name(rules):
    assert [p.name for p in parse_people("Rich Bowen, Ross Gardler left at 11:04, Sam Ruby", rules)] == [
        "Rich Bowen", "Ross Gardler", "Sam Ruby"]


def test_the_chair_of_the_board_named_in_an_agenda(rules, nlp):
    text = ("Annual General Meeting\n\nThursday, 29 September 2016\n\n1. Chair's welcome\n\n"
            "2. Annual Report: To receive the report from the Chair of the Board, Tony Brown, and the "
            "Chief Executive.\n\n3. Closing Remarks\n")
    assert meeting_of(text, rules, nlp).meeting.chair == "Tony Brown"


def test_a_working_group_agreeing_is_a_decision(rules, nlp):
    text = ("Report of the Working Group Workshop held on 2 December 2021\n\nPresent: Ann Example\n\n"
            "1. Catch data\n\nThe WG agreed to replace the catch data from 1977-1993.\n")
    records = meeting_of(text, rules, nlp)
    assert records.actions == ()
    assert [d.outcome for d in records.decisions] == ["approved"]


SCRIBE_HTML = """<html><body><h1>Example Working Group</h1><h2>3 March 2025</h2>
<h2>Attendees</h2><p><b>Present:</b> Ann Green, Bob White, Carol Black</p>
<p><b>Guests:</b></p><p><b>Chair:</b> Ann Green</p><p><b>Scribe(s):</b> Carol Black</p>
<h2>Meeting minutes</h2>
<h3>Spec review</h3><p>Ann: we reviewed the draft.</p><p>RESOLUTION: Publish the draft.</p>
<h3>Testing</h3><p>Bob: the suite is nearly done.</p><p>Carol: two tests fail.</p>
<h3>Open letter</h3><p>Ann: we had a letter from readers.</p><p>Bob: we will answer it.</p>
<h2>Summary of resolutions</h2><ol><li>Publish the draft.</li></ol>
</body></html>"""


def test_a_numbered_recap_at_the_end_neither_replaces_the_headed_items_nor_repeats_them(rules, nlp):
    records = meeting_of(SCRIBE_HTML, rules, nlp, source="generated.html")
    assert [i.title for i in records.items] == ["Spec review", "Testing", "Open letter"]
    assert [d.text for d in records.decisions] == ["Publish the draft."]


def test_an_empty_label_takes_no_labelled_line_and_scribes_take_the_minutes(rules, nlp):
    records = meeting_of(SCRIBE_HTML, rules, nlp, source="generated.html")
    status = {a.name: a.status for a in records.attendees}
    assert status == {"Ann Green": "present", "Bob White": "present", "Carol Black": "minutes"}


def test_headline_approvals_and_the_chair_named_in_an_officer_report(rules, nlp):
    text = ("Example Foundation\nBoard of Directors Meeting Minutes\nJanuary 21, 2015\n\n"
            "1. Roll Call\n\nDirectors Present:\n\nAnn Green\nBob White\n\n"
            "2. Minutes\n\nApproved by General Consent.\n\n"
            "3. Executive Officer Reports\n\nA. Chairman [Ann]\n\nAll is well.\n\n"
            "Executive officer reports approved as submitted by General Consent.\n")
    records = meeting_of(text, rules, nlp)
    assert records.meeting.chair == "Ann Green"
    texts = [d.text for d in records.decisions]
    assert any(t.startswith("Executive officer reports approved as submitted") for t in texts)
    assert {d.outcome for d in records.decisions} == {"approved"}
