"""Questions paired with responses by number; one response row per speaker turn."""

from pipeline.nlp import annotate
from pipeline.segment.qa import asker_and_addressee
from tests.helpers import context


def item(seed, label):
    return next(i for i in seed.items if i.label == label)


def questions(seed, label):
    return [q for q in seed.questions if q.item_id == item(seed, label).item_id]


def responses(seed, label):
    return [r for r in seed.responses if r.item_id == item(seed, label).item_id]


def test_afi_5_has_four_questions_and_afi_9_three(seed):
    assert len(questions(seed, "AFI 5")) == 4
    assert [q.number for q in questions(seed, "AFI 9")] == ["1", "2", "3"]


def test_afi_9_question_2_is_whole_across_the_page_break(seed):
    q2 = questions(seed, "AFI 9")[1]
    assert q2.text == ("The PCC followed up and asked how the CC can be reassured this AFI will be addressed "
                       "in the midst of all other AFI highlighted")
    assert (q2.page_start, q2.page_end) == (8, 9)


def test_afi_6_questions_and_responses_are_numbered_1_and_2(seed):
    assert [q.number for q in questions(seed, "AFI 6")] == ["1", "2"]
    assert sorted({r.number for r in responses(seed, "AFI 6")}) == ["1", "2"]


def test_responses_pair_with_the_question_of_the_same_number(seed):
    qs = {q.number: q.question_id for q in questions(seed, "AFI 6")}
    for r in responses(seed, "AFI 6"):
        assert r.question_id == qs[r.number]


def test_unnumbered_responses_answer_the_items_only_question(seed):
    (q,) = questions(seed, "AFI 12")
    assert {r.question_id for r in responses(seed, "AFI 12")} == {q.question_id}


def test_one_response_row_per_speaker_turn_resolved_to_people(seed):
    afi2 = responses(seed, "AFI 2")
    assert [(r.speaker, r.speaker_person_id) for r in afi2] == [("CC", "p-pippa-mills"), ("ACCLP", "p-rachel-jones")]
    assert [r.turn for r in afi2] == [1, 2]
    assert [(r.number, r.speaker) for r in responses(seed, "AFI 3")] == [("1", "ACCCV"), ("1", "CC"), ("1", "DCC"), ("2", "DBS")]


def test_dbs_d_and_i_statement_is_inside_afi_12s_responses(seed):
    dbs = [r for r in responses(seed, "AFI 12") if r.speaker == "DBS"]
    assert len(dbs) == 1
    assert "The DBS stated that D&I will help to deliver this AFI" in dbs[0].text
    assert (dbs[0].page_start, dbs[0].page_end) == (9, 10)


def test_questions_come_from_the_ppc_and_the_spm(seed):
    askers = {(q.asker, q.asker_person_id) for q in seed.questions}
    assert askers == {("PCC", "p-john-campion"), ("SPM", "p-jackie-irvin")}


def test_asker_is_the_person_asking_not_the_first_mentioned(seed):
    # "In response to the CC's reply to Q1, the PCC asked …"
    q2 = questions(seed, "AFI 4")[1]
    assert q2.text.startswith("In response to the CC's reply to Q1")
    assert q2.asker == "PCC"


def test_addressee_is_the_person_asked(seed):
    assert questions(seed, "AFI 8")[0].addressee == "CC"
    assert questions(seed, "AFI 9")[2].addressee is None  # "The SPM questioned the lack of …"


def test_no_question_and_addressed_as_part_of_are_notes_not_questions(seed):
    assert questions(seed, "AFI 11") == []
    for label in ("AFI 13", "AFI 14", "AFI 16"):
        assert questions(seed, label) == []
    kinds = {(n.kind, n.text) for n in seed.notes if n.column == "questions"}
    assert ("comment", "No question, but the PCC commented on the positive impact of the DFU investment") in kinds
    assert ("cross_reference", "Addressed as part of the workforce HTA") in kinds


def test_opening_comment_question_is_read_from_its_text(seed):
    (q,) = questions(seed, "PCC opening comment")
    assert q.text == "The PCC asked whether the CC is satisfied with the reporting lag."
    assert [r.speaker for r in responses(seed, "PCC opening comment")] == ["CC", "DCC"]


def test_aob_questions_and_responses(seed):
    assert [(q.number, q.asker) for q in questions(seed, "AOB")] == [("1", "PCC"), ("2", "SPM")]
    assert [(r.number, r.speaker) for r in responses(seed, "AOB")] == [("1", "CC"), ("2", "CC")]


def test_action_sentences_are_not_left_in_the_response_text(seed):
    assert not any("Action arising" in r.text or "Action Arising" in r.text for r in seed.responses)


def test_a_column_written_all_in_italics_is_not_taken_for_asides(rules, tmp_path):
    from pipeline.run import process_document

    path = tmp_path / "generated.txt"
    path.write_text("Assurance Meeting May 2022\n\nDate: Monday 23rd May\n\n"
                    "AFI / recommendation\tPCC's assurance questions\tForce response\n"
                    "AFI 1: The force should act.\tThe PCC asked the CC why?\t<p><i>The CC replied that it will act soon.</i></p>\n"
                    "AFI 2: The force should record.\tThe PCC asked the CC how?\t<p><i>The CC said that records are kept.</i></p>\n",
                    encoding="utf-8")
    records = process_document(path, rules).meetings[0]
    assert [r.speaker for r in records.responses] == ["CC", "CC"]
    assert records.notes == ()


def test_a_concern_held_on_names_its_asker(nlp, rules):
    # "The PCC remained concerned that …" alone, with no verb of asking (generated text)
    for text in ("The PCC remained concerned that the audit has slipped.",
                 "The PCC remains concerned that the audit has slipped.",
                 "The PCC continued to be concerned that the audit has slipped.",
                 "The PCC reiterated his concern that the audit has slipped."):
        (doc,) = annotate(nlp, [text], context(rules))
        asker, addressee = asker_and_addressee(doc, rules)
        assert (asker._.key, addressee) == ("PCC", None), text
    (doc,) = annotate(nlp, ["The PCC remained in the meeting until the end."], context(rules))
    assert asker_and_addressee(doc, rules) == (None, None)
