"""Actions arising: owner, recipient, due text and due date; prose is not an action."""

from datetime import date

import pytest

from pipeline.nlp.dates import DateFinder
from pipeline.segment.actions import decision_outcome, parse_action, resolve_people
from tests.helpers import context


def parse(text, rules):
    ctx = context(rules)
    return parse_action(text, rules.actions, ctx.people, DateFinder(rules.dates), date(2022, 5, 23))


def test_seed_has_exactly_two_actions(seed):
    assert len(seed.actions) == 2


def test_dbs_action_is_owned_by_rachel_hartland_lane(seed):
    a = seed.actions[0]
    assert (a.owner, a.owner_person_id, a.recipient, a.recipient_person_id) == ("DBS", "p-rachel-hartland-lane", "PCC", "p-john-campion")
    assert a.text == "DBS to provide the PCC with the timeline for delivery of the vulnerability desk once developed"
    assert (a.due_text, a.due_date) == ("once developed", None)


def test_op_reset_briefing_is_for_the_pcc_due_6_june(seed):
    a = seed.actions[1]
    assert (a.owner, a.recipient, a.recipient_person_id) == (None, "PCC", "p-john-campion")
    assert (a.due_text, a.due_date) == ("before 6th June", "2022-06-06")
    assert a.text.startswith("PCC to be given a copy of the slide pack")


def test_actions_link_to_their_item_and_response_turn(seed):
    labels = {i.item_id: i.label for i in seed.items}
    assert [labels[a.item_id] for a in seed.actions] == ["AFI 3", "Recommendation 1"]
    speakers = {r.response_id: r.speaker for r in seed.responses}
    assert [speakers[a.response_id] for a in seed.actions] == ["DBS", "CC"]


def test_prose_about_an_action_arising_is_not_an_action(seed):
    rec2 = next(i for i in seed.items if i.label == "Recommendation 2")
    assert not [a for a in seed.actions if a.item_id == rec2.item_id]


@pytest.mark.parametrize("text, owner, due_date", [
    ("CC to report back by the end of June.", "CC", "2022-06-30"),
    ("DCC and DBS to review the plan within six weeks.", "DCC and DBS", "2022-07-04"),
    ("The DBS will circulate the paper before 1 July 2022.", "DBS", "2022-07-01"),
])
def test_owner_and_due_date_forms(rules, text, owner, due_date):
    parts = parse(text, rules)
    assert (parts.owner, parts.due_date) == (owner, due_date)


def test_several_owners_give_all_their_people(rules):
    parts = parse("DCC and DBS to review the plan within six weeks.", rules)
    assert parts.owner_person_id == "p-julian-moss;p-rachel-hartland-lane"


@pytest.mark.parametrize("text, recipient", [
    # the recipient ends the sentence: {person} takes in the final "."
    ("DBS to share the vetting backlog recovery plan with the PCC.", "PCC"),
    ("DBS to share the vetting backlog recovery plan with the PCC by June.", "PCC"),
    ("DBS to send the audit to the CC.", "CC"),
    ("DBS to circulate the paper to Rachel Jones.", "Rachel Jones"),
    ("DBS to brief the PCC.", "PCC"),
    ("DBS to update the SPM", "SPM"),
    ("DBS to share the plan with partners.", None),
    ("DBS to update the plan.", None),
])
def test_recipient_forms(rules, text, recipient):
    assert parse(text, rules).recipient == recipient


def test_an_owner_not_at_the_meeting_stays_unresolved(rules):
    assert resolve_people("Clerk", context(rules).people) is None


@pytest.mark.parametrize("text, outcome", [
    ("that the budget be approved", "approved"),
    ("Not supported by the panel", "not_supported"),
    ("item deferred to the next meeting", "deferred"),
    ("the report was noted", "noted"),
    ("to look again at the figures", None),
])
def test_decision_outcomes(rules, text, outcome):
    assert decision_outcome(text, rules.decisions) == outcome
