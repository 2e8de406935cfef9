"""Statement types: every question and response sentence typed by rules/statements.yaml.

The sentences in the tables below are generated for these tests (written in the manner of
police and crime commissioners', councils' and boards' minutes); each expected type was
decided by reading the sentence, before running the classifier.
"""

import re

import pytest

from pipeline.errors import RulesError
from pipeline.nlp import annotate
from pipeline.nlp.statements import classify, statement_offsets
from pipeline.rules import load_rules
from tests.test_rules import edit, rules_copy  # noqa: F401 (fixture)

# (record table, generated sentence, expected type)
GENERATED = [
    # questions
    ("questions", "The PCC asked whether the force had reviewed its custody procedures.", "question"),
    ("questions", "The PCC queried the level of sickness absence in the control room.", "question"),
    ("questions", "The Chair sought clarification on the timescale for the new IT system.", "question"),
    ("questions", "How will the force measure the impact of the new patrol model?", "question"),
    ("questions", "What is the current vacancy rate among call handlers?", "question"),
    ("questions", "Cllr Jones enquired how many residents had responded to the consultation.", "question"),
    ("questions", "The PCC asked the CC to set out the plan for the neighbourhood teams.", "question"),
    ("questions", "The PCC requested an update on the recruitment of detectives.", "question"),
    ("questions", "The board invited the Director to explain the overspend.", "question"),
    ("responses", "The CC asked the PCC whether the panel had seen the report.", "question"),
    # concerns
    ("questions", "The PCC was concerned that the backlog of cases had grown since March.", "concern"),
    ("questions", "The PCC raised his concern about the number of missed appointments.", "concern"),
    ("questions", "The PCC expressed disappointment that the action plan had slipped again.", "concern"),
    ("questions", "Members were worried about the cost of the scheme.", "concern"),
    ("questions", "The PCC remained not assured that the risks were understood.", "concern"),
    ("questions", "There is a risk that victims will not be contacted in time.", "concern"),
    ("questions", "The PCC noted that the response to the inspection is unclear.", "concern"),
    ("questions", "Staffing in the control room remains an issue.", "concern"),
    ("questions", "The Commissioner noted that the action plan isn't reflected in the update.", "concern"),
    ("responses", "The DCC said he was not satisfied with the current performance.", "concern"),
    # commitments
    ("responses", "The CC agreed to circulate the performance figures to members.", "commitment"),
    ("responses", "The force will introduce a new training package for supervisors.", "commitment"),
    ("responses", "The ACC undertook to review the policy with the legal team.", "commitment"),
    ("responses", "The Director intends to bring forward proposals for the depot.", "commitment"),
    ("responses", "The force is planning to recruit twenty more call handlers.", "commitment"),
    ("responses", "The new vetting checks will be rolled out to all staff.", "commitment"),
    ("responses", "The Clerk said she would write to the highways department.", "commitment"),
    ("responses", "The force has committed to publishing the data quarterly.", "commitment"),
    # assurance
    ("responses", "The CC assured the PCC that every case is reviewed by a supervisor.", "assurance"),
    ("responses", "The ACC was confident that the new model would reduce demand.", "assurance"),
    ("responses", "The DCC said that robust governance arrangements are in place.", "assurance"),
    ("responses", "The force is fully compliant with the code of practice.", "assurance"),
    ("responses", "The Director was satisfied that the project remained on track.", "assurance"),
    ("responses", "The CC reassured members that there was no reason why the target would be missed.", "assurance"),
    ("responses", "The Treasurer gave assurance that the reserves were adequate.", "assurance"),
    # a concern denied is an assurance (concern's `unless`)
    ("responses", "The DCC said there were no critical concerns about meeting demand this winter.", "assurance"),
    ("responses", "The ACC said he was not worried about the timescale for the review.", "assurance"),
    # deferrals
    ("responses", "The CC said that a full response will be reported at a future meeting.", "deferral"),
    ("responses", "The review has not yet started.", "deferral"),
    ("responses", "The date of the training is to be confirmed.", "deferral"),
    ("responses", "The force is awaiting the outcome of the national review.", "deferral"),
    ("responses", "The item was deferred to the next meeting.", "deferral"),
    ("responses", "The ACC said he would come back to the PCC with the figures.", "deferral"),
    ("responses", "Further information will be provided at the next board.", "deferral"),
    ("responses", "The CC could not confirm the final cost at this stage.", "deferral"),
    ("responses", "The DCC said the results would be available in the coming weeks.", "deferral"),
    # updates, and sentences no cue matches
    ("responses", "The CC provided an update on the new recruitment campaign.", "update"),
    ("responses", "The review of custody has been completed.", "update"),
    ("responses", "Good progress has been made on the estates strategy.", "update"),
    ("responses", "Calls are now answered within ten seconds on average.", "update"),
    ("responses", "The CC said that demand in the summer months was high.", "update"),
    ("questions", "The PCC noted the HMICFRS report published in January.", "remark"),
    ("questions", "The force update describes the new crime recording process.", "remark"),
]


@pytest.fixture(scope="module")
def statement_rules(rules):
    return rules.statements


@pytest.mark.parametrize("table, text, expected", GENERATED, ids=[t for _, t, _ in GENERATED])
def test_generated_sentences_get_the_type_read_in_them(statement_rules, table, text, expected):
    assert classify(text, table, statement_rules)[0] == expected


def test_every_type_is_covered_by_the_generated_table():
    assert {e for _, _, e in GENERATED} == {
        "question", "concern", "commitment", "assurance", "deferral", "update", "remark"}
    assert len(GENERATED) >= 40


# --- precedence (rules/statements.yaml `precedence`, documented there and in rules/README.md)


def test_a_concern_with_a_question_is_a_concern_and_keeps_the_question(statement_rules):
    kind, cue, others = classify(
        "The PCC was concerned that the backlog had grown and asked whether more staff would help.",
        "questions", statement_rules)
    assert (kind, cue) == ("concern", "was concerned")
    assert others == ("question",)


def test_a_question_about_assurance_or_a_promise_is_a_question(statement_rules):
    kind, _, others = classify("The PCC asked whether the CC is satisfied that the force will meet the deadline.",
                               "questions", statement_rules)
    assert kind == "question"
    assert "assurance" in others


def test_a_promise_to_answer_later_is_a_deferral_not_a_commitment(statement_rules):
    assert classify("The force will provide an update at the next meeting.", "responses",
                    statement_rules)[0] == "deferral"


def test_confidence_about_what_will_happen_is_assurance(statement_rules):
    assert classify("The CC was confident that the new rota will reduce overtime.", "responses",
                    statement_rules)[0] == "assurance"


def test_a_forecast_is_no_commitment(statement_rules):
    # "will help", "will take time", "will be key": what will happen, not what someone will do
    assert classify("The new system will help officers find records faster.", "responses",
                    statement_rules)[0] == "update"


def test_putting_measures_in_place_is_a_commitment_not_an_assurance(statement_rules):
    assert classify("The force will put new measures in place for repeat callers.", "responses",
                    statement_rules)[0] == "commitment"


def test_the_asker_describing_an_update_gives_no_update(statement_rules):
    # update cues count in responses only: the PCC reading the force's update is background
    assert classify("The PCC noted that the update has been shared with the panel.", "questions",
                    statement_rules) == ("remark", None, ())


def test_the_noun_concerns_in_a_question_asks(statement_rules):
    assert classify("The PCC asked whether the plan will address the concerns around supervision.",
                    "questions", statement_rules)[0] == "question"


# --- sentences


def test_statements_are_the_sentences_and_spaced_dash_remarks(nlp):
    text = ("The CC is confident that the session is enough – The CC said this is a start. "
            "Work is not as planned – as the route changed.\nMore updates will follow.")
    doc = annotate(nlp, [text], None)[0]
    pieces = [text[s:e] for s, e in statement_offsets(doc)]
    assert pieces == [
        "The CC is confident that the session is enough",
        "The CC said this is a start.",
        "Work is not as planned – as the route changed.",
        "More updates will follow.",
    ]


# --- the example minutes


def _records(seed):
    return {q.question_id: q for q in seed.questions} | {r.response_id: r for r in seed.responses}


def test_every_question_and_response_is_cut_into_statements_without_gaps_or_overlaps(seed):
    records = _records(seed)
    by_record = {}
    for s in seed.statements:
        by_record.setdefault(s.record_id, []).append(s)
    assert set(by_record) == {rid for rid, r in records.items() if r.text.strip()}
    for record_id, statements in by_record.items():
        text = records[record_id].text
        assert [s.seq for s in statements] == list(range(1, len(statements) + 1))
        covered = [False] * len(text)
        for s in statements:
            assert text[s.start:s.end] == s.text
            assert not any(covered[s.start:s.end]), record_id  # one row per sentence
            covered[s.start:s.end] = [True] * (s.end - s.start)
        # every word of the record is in one statement
        assert all(covered[i] for i, c in enumerate(text) if c.isalnum()), record_id
    assert len({s.statement_id for s in seed.statements}) == len(seed.statements)


def test_a_response_of_seven_sentences_has_seven_statements(seed):
    # the DBS's response on workforce skills: three paragraphs, seven sentences (read)
    response = next(r for r in seed.responses if r.text.startswith("The DBS replied that there had been"))
    statements = [s for s in seed.statements if s.record_id == response.response_id]
    assert len(statements) == 7
    assert statements[3].text.startswith("In addition the DBS stated")


def test_the_pcc_was_concerned_and_the_force_deferred(seed):
    pcc_questions = {q.question_id for q in seed.questions if q.asker == "PCC"}
    concerns = [s for s in seed.statements if s.type == "concern" and s.record_id in pcc_questions]
    # "The PCC was concerned that this AFI had no update." is one of them (read in the seed)
    assert "The PCC was concerned that this AFI had no update." in {s.text for s in concerns}
    deferrals = {s.text for s in seed.statements if s.type == "deferral" and s.record_table == "responses"}
    assert "More updates on this AFI will be provided at SIB (25/05)." in deferrals
    assert "The CC confirmed the mapping exercise is not complete." in deferrals


def test_seed_remarks_joined_by_a_dash_are_two_statements(seed):
    response = next(r for r in seed.responses if r.text.startswith("The CC is confident that a half-day"))
    statements = [s for s in seed.statements if s.record_id == response.response_id]
    assert statements[0].text.endswith("enough to cover all areas")
    assert statements[0].type == "assurance"
    assert statements[1].text.startswith("The CC said that this is just the beginning")


def test_questions_in_the_seed_are_questions(seed):
    # every sentence of the seed's questions that reports "asked" is typed question or,
    # asked with a concern, concern
    for s in seed.statements:
        if s.record_table == "questions" and re.search(r"\basked\b", s.text):
            assert s.type in ("question", "concern"), s.text


# --- rules validation


def test_an_unknown_statement_type_is_refused(rules_copy):  # noqa: F811
    edit(rules_copy / "statements.yaml", "  deferral:\n", "  deferal:\n")
    with pytest.raises(RulesError, match="statements.yaml.types: unknown statement type 'deferal'"):
        load_rules(rules_copy)


def test_precedence_must_name_every_type_once(rules_copy):  # noqa: F811
    edit(rules_copy / "statements.yaml", "precedence: [concern, question,", "precedence: [question,")
    with pytest.raises(RulesError, match="statements.yaml.precedence: must name each type"):
        load_rules(rules_copy)


def test_an_unknown_default_type_is_refused(rules_copy):  # noqa: F811
    edit(rules_copy / "statements.yaml", "  questions: remark\n", "  questions: background\n")
    with pytest.raises(RulesError, match="statements.yaml.defaults.questions: 'background' is not one of"):
        load_rules(rules_copy)


def test_an_unknown_key_in_a_type_is_refused(rules_copy):  # noqa: F811
    edit(rules_copy / "statements.yaml", "  update:\n", "  update:\n    tabels: [responses]\n")
    with pytest.raises(RulesError, match=r"statements.yaml.types.update: unknown key\(s\) 'tabels'"):
        load_rules(rules_copy)
