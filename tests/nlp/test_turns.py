"""Speaker turns: "The CC responded … ACCLP added …" is two turns."""

from pipeline.nlp import annotate
from tests.helpers import context


def turns(nlp, rules, text):
    (doc,) = annotate(nlp, [text], context(rules))
    return [(t.label_, t.text) for t in doc.spans["turns"]]


def test_a_new_speaker_opens_a_new_turn(nlp, rules):
    assert turns(nlp, rules, "The CC responded that work is under way. The CC added that data will help. "
                             "ACCLP added that numbers are low. This is fed back.") == [
        ("CC", "The CC responded that work is under way. The CC added that data will help."),
        ("ACCLP", "ACCLP added that numbers are low. This is fed back."),
    ]


def test_connectors_adverbs_and_noun_phrases_open_turns(nlp, rules):
    found = turns(nlp, rules, ("The ACCCV response was that calls are routed. In addition the DBS stated that staff are trained. "
                                     "The DCC also stated that more is planned. ACCCV opinion is that training helps."))
    assert [label for label, _ in found] == ["ACCCV", "DBS", "DCC", "ACCCV"]


def test_a_mention_inside_a_sentence_does_not_open_a_turn(nlp, rules):
    assert [l for l, _ in turns(nlp, rules, "The CC said meetings are chaired by the ACCLP. These report to the DCC.")] == ["CC"]


def test_bodies_do_not_speak(nlp, rules):
    assert [l for l, _ in turns(nlp, rules, "The CC said training is planned. The OCC will also have training.")] == ["CC"]


def test_text_before_any_speaker_is_an_unattributed_turn(nlp, rules):
    assert turns(nlp, rules, "More updates will follow. The CC said so.") == [
        ("UNKNOWN", "More updates will follow."), ("CC", "The CC said so.")]


def test_same_speaker_after_a_dash_stays_in_the_turn(nlp, rules):
    assert [l for l, _ in turns(nlp, rules, "The CC believed it enough. – The CC highlighted the update.")] == ["CC"]


def test_a_different_speaker_after_a_dash_opens_a_turn(nlp, rules):
    assert [l for l, _ in turns(nlp, rules, "The CC believed it enough – the DCC added that more is needed.")] == ["CC", "DCC"]


def test_a_title_and_name_written_together_are_one_speaker(nlp, rules):
    assert turns(nlp, rules, "Chief Constable Pippa Mills responded that it is done. ACC Rachel Jones added that more is planned.") == [
        ("Pippa Mills", "Chief Constable Pippa Mills responded that it is done."),
        ("Rachel Jones", "ACC Rachel Jones added that more is planned."),
    ]


def test_an_acting_post_opens_its_own_turn(nlp, rules):
    acting = [("Pippa Mills", "Chief Constable", "CC"), ("Daniel Ashcroft", "Temporary Assistant Chief Constable", "T/ACCCV"),
              ("Richard Cooper", "Assistant Chief Constable", "ACCCV")]  # generated people
    (doc,) = annotate(nlp, ["The CC replied that it depends on recruitment. The T/ACCCV added that a car is piloted."],
                      context(rules, people=acting))
    assert [(t.label_, t._.speaker._.resolution.person_id) for t in doc.spans["turns"]] == [
        ("CC", "p-pippa-mills"), ("T/ACCCV", "p-daniel-ashcroft")]


def test_a_view_held_on_opens_a_turn(nlp, rules):
    # speech verbs of several words match word for word (rules/speech.yaml)
    found = turns(nlp, rules, "The CC said the plan is ready. The DCC remained concerned that staff are short. "
                              "The DBS reiterated that funding is agreed. The CC remains of the view that it will do.")
    assert [label for label, _ in found] == ["CC", "DCC", "DBS", "CC"]
    assert [label for label, _ in turns(nlp, rules, "The CC said so. The DCC remained in post.")] == ["CC"]
