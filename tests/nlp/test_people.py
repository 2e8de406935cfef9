"""People: role abbreviations resolved through the attendance; never a guess."""

from pipeline.nlp import annotate
from pipeline.nlp.people import initials_of, normalise_name, person_id_for
from tests.helpers import context


def people(nlp, rules, text, **kw):
    (doc,) = annotate(nlp, [text], context(rules, **kw))
    return [(s.text, s.label_, s._.resolution.status, s._.resolution.person_id) for s in doc.spans["people"]]


def test_role_abbreviation_resolves_through_the_attendance(nlp, rules):
    assert people(nlp, rules, "The ACCLP added that the DBS agreed.") == [
        ("The ACCLP", "PERSON", "resolved", "p-rachel-jones"),
        ("the DBS", "PERSON", "resolved", "p-rachel-hartland-lane"),
    ]


def test_the_acc_with_two_accs_present_stays_unresolved(nlp, rules):
    # ACCCV and ACCLP are both Assistant Chief Constables: "the ACC" could be either
    assert people(nlp, rules, "The ACC said that it would be done.") == [("The ACC", "PERSON", "ambiguous", None)]


def test_the_acc_with_one_acc_present_resolves(nlp, rules):
    one_acc = [("Rachel Jones", "Assistant Chief Constable", "ACCLP")]
    assert people(nlp, rules, "The ACC said so.", people=one_acc) == [("The ACC", "PERSON", "resolved", "p-rachel-jones")]


def test_bodies_are_not_people(nlp, rules):
    found = people(nlp, rules, "The SIB, the OCC and LPA panels met; IAGs attend.")
    assert found and all(label == "BODY" for _, label, _, _ in found)


def test_unknown_acronyms_are_not_mentions(nlp, rules):
    assert people(nlp, rules, "The CO's aspiration and the XYZ plan.") == []


def test_role_title_written_out_resolves(nlp, rules):
    assert people(nlp, rules, "the Chief Constable agreed") == [("the Chief Constable", "PERSON", "resolved", "p-pippa-mills")]


def test_role_not_held_by_anyone_present(nlp, rules):
    assert people(nlp, rules, "weekly DCI reviews") == [("DCI", "PERSON", "not_present", None)]


def test_names_resolve_whether_hyphenated_or_not(nlp, rules):
    assert people(nlp, rules, "Rachel Hartland-Lane and Rachel Hartland Lane") == [
        ("Rachel Hartland-Lane", "PERSON", "resolved", "p-rachel-hartland-lane"),
        ("Rachel Hartland Lane", "PERSON", "resolved", "p-rachel-hartland-lane"),
    ]


def test_a_rank_in_mixed_case_is_a_person_only_before_a_name(nlp, rules):
    assert people(nlp, rules, "the Sgt development programme") == []


def test_plural_role_is_a_group_not_a_person(nlp, rules):
    assert people(nlp, rules, "the ACCs agreed") == []


def test_person_ids_are_stable_across_spelling_variants():
    assert person_id_for("Rachel Hartland Lane") == person_id_for("Rachel Hartland-Lane") == person_id_for("Dr Rachel Hartland-Lane")
    assert person_id_for("Zoë Smith") == "p-zoe-smith"
    assert normalise_name("Cllr  John  O'Brien") == "john o brien"
    assert initials_of("Rachel Hartland Lane") == "RHL"


def test_seed_mentions_resolve_to_attendees(seed):
    resolved = {m.surface.replace("the ", "").replace("The ", ""): m.person_id for m in seed.mentions if m.person_id}
    assert resolved["DBS"] == "p-rachel-hartland-lane"
    assert resolved["ACCLP"] == "p-rachel-jones"
    assert resolved["CC"] == "p-pippa-mills"
    assert not any(m.surface.endswith(("SIB", "OCC", "LPA")) for m in seed.mentions)


def test_seed_mention_offsets_point_at_their_surface(seed):
    texts = {}
    for table in ("items", "questions", "responses", "actions", "notes"):
        for r in getattr(seed, table):
            texts[getattr(r, {"items": "item_id", "questions": "question_id", "responses": "response_id",
                                "actions": "action_id", "notes": "note_id"}[table])] = r.text
    for m in seed.mentions:
        assert texts[m.record_id][m.start:m.end] == m.surface
