"""Rules are data: loaded and validated at start-up, with errors that name file and key."""

import shutil

import pytest

from pipeline.errors import RulesError
from pipeline.rules import RULE_FILES, load_rules, rules_hash
from tests.conftest import ROOT


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_rules_load_and_every_file_is_read(rules):
    assert rules.tables.columns["responses"]
    assert len(rules.dates.patterns) > 10
    assert {p.name for p in (ROOT / "rules").glob("*.yaml")} == set(RULE_FILES)


def test_rules_hash_changes_when_a_rule_changes(rules_copy):
    before = rules_hash(rules_copy)
    edit(rules_copy / "people.yaml", "  - SIB\n", "  - SIB\n  - XYZ\n")
    assert rules_hash(rules_copy) != before


def test_bad_regex_is_reported_with_file_and_key(rules_copy):
    edit(rules_copy / "sections.yaml", "pattern: '^\\s*No questions?\\b'", "pattern: '^(No questions'")
    with pytest.raises(RulesError, match=r"sections.yaml.not_questions\[0\].pattern: bad regular expression"):
        load_rules(rules_copy)


def test_unknown_key_is_refused(rules_copy):
    edit(rules_copy / "speech.yaml", "connectors:", "conectors: []\nconnectors:")
    with pytest.raises(RulesError, match=r"speech.yaml: unknown key\(s\) 'conectors'"):
        load_rules(rules_copy)


def test_missing_file_is_reported(rules_copy):
    (rules_copy / "dates.yaml").unlink()
    with pytest.raises(RulesError, match="dates.yaml: missing rules file"):
        load_rules(rules_copy)


def test_unknown_date_kind_is_refused(rules_copy):
    edit(rules_copy / "dates.yaml", "kind: frequency", "kind: sometimes")
    with pytest.raises(RulesError, match="is not one of"):
        load_rules(rules_copy)


def test_invalid_yaml_is_reported(rules_copy):
    (rules_copy / "tables.yaml").write_text("columns: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match="tables.yaml: not valid YAML"):
        load_rules(rules_copy)


def test_a_new_section_cue_is_taught_by_editing_rules(rules_copy, tmp_path):
    # teaching: a body that labels findings "Finding 3:" instead of "AFI 3:"
    from pipeline.run import process_document

    edit(rules_copy / "sections.yaml", "item_labels:\n", "item_labels:\n  - kind: finding\n    pattern: '(?P<label>Finding\\s*(?P<number>\\d+))\\b'\n")
    doc = tmp_path / "generated.txt"
    doc.write_text("Scrutiny Panel Meeting June 2023 – Notes\n\nDate: Monday 5th June\n\n"
                   "Finding / recommendation\tQuestions\tResponse\n"
                   "Finding 3: The force should act.\tThe PCC asked the CC why?\tThe CC replied that it will.\n", encoding="utf-8")
    result = process_document(doc, load_rules(rules_copy))
    (item,) = result.meetings[0].items
    assert (item.kind, item.label, item.number) == ("finding", "Finding 3", "3")
    default = process_document(doc, load_rules(ROOT / "rules")).meetings[0].items
    assert default[0].kind == "agenda_item"


def test_a_parish_template_is_taught_by_editing_rules(rules_copy, tmp_path):
    # the second worked example of rules/README.md, on generated minutes
    from pipeline.run import process_document

    doc = tmp_path / "generated.txt"
    doc.write_text("Minutes of the Parish Council meeting held on 3 May 2023\n\n"
                   "Those present at the meeting: Cllr Ann Green, Cllr Bob White\n\n"
                   "C/23/045 Allotments The waiting list has grown. DECIDED: a second site be sought. "
                   "The hedges need cutting, for action – Clerk.\n\nC/23/046 Any other business None.\n", encoding="utf-8")
    before = process_document(doc, load_rules(ROOT / "rules")).meetings[0]  # (rules are cached per folder)
    edit(rules_copy / "decisions.yaml", "cues:\n", "cues:\n  - 'decided\\s*[:\\-–—]\\s*'\n")
    edit(rules_copy / "people.yaml", "  headings:\n", '  headings:\n    - {cue: "those present at the meeting", status: present}\n')
    edit(rules_copy / "actions.yaml", "trailing_owner:\n",
         "trailing_owner:\n  - '[,;.–—-]\\s*for\\s+action\\s*[:\\-–—]\\s*(?P<owner>{person})\\s*\\.?$'\n")
    after = process_document(doc, load_rules(rules_copy)).meetings[0]
    assert not before.attendees
    assert [d.text for d in before.decisions] == ["DECIDED: a second site be sought."]  # a statement, kept whole
    assert [d.text for d in after.decisions] == ["a second site be sought."]
    assert [(a.name, a.status) for a in after.attendees] == [("Cllr Ann Green", "present"), ("Cllr Bob White", "present")]
    assert [a.owner for a in after.actions] == ["Clerk"]


@pytest.mark.parametrize("old, new, message", [
    ("similarity_threshold: 0.28", "similarity_threshold: 1.5", r"tracking.yaml.threads.similarity_threshold: expected a number from 0 to 1"),
    ("scope: series", "scope: everywhere", r"tracking.yaml.threads.scope: 'everywhere' is not one of series, all"),
    ("    - event: completed", "    - event: finished", r"tracking.yaml.actions.events\[1\].event: 'finished' is not one of"),
    ("  min_shared_words: 3", "  min_shared_words: -1", r"tracking.yaml.actions.min_shared_words: expected a whole number"),
])
def test_tracking_rules_are_validated(rules_copy, old, new, message):
    edit(rules_copy / "tracking.yaml", old, new)
    with pytest.raises(RulesError, match=message):
        load_rules(rules_copy)


def test_a_lower_similarity_threshold_is_read_from_the_rules(rules_copy):
    edit(rules_copy / "tracking.yaml", "similarity_threshold: 0.28", "similarity_threshold: 0.2")
    assert load_rules(rules_copy).tracking.threads.similarity_threshold == 0.2


@pytest.mark.parametrize("old, new, message", [
    # a typo of a key
    ("  - id: stop_and_search\n    label:", "  - id: stop_and_search\n    lable: x\n    label:",
     r"topics.yaml.topics\[1\]: unknown key\(s\) 'lable'"),
    ("  - id: stop_and_search\n", "  - id: mental_health\n", r"topics.yaml.topics\[1\].id: duplicate id 'mental_health'"),
    ("  - id: stop_and_search\n", "  - id: Stop-and-search\n", r"topics.yaml.topics\[1\].id: 'Stop-and-search' is not snake_case"),
    ("      - 'stop and search'\n", "      - 'stop (and search'\n", r"topics.yaml.topics\[1\].cues\[0\]: bad regular expression"),
    ("      - 'stop and search'\n", "      - 'x?'\n", r"topics.yaml.topics\[1\].cues\[0\]: the cue 'x\?' matches an empty text"),
    ("      - 'stop and search'\n", "      - '(?P<s>stop) and search'\n", r"topics.yaml.topics\[1\].cues\[0\]: no named groups"),
    ("topics:\n", "topics:\n  - {id: empty, label: Empty, cues: []}\n", r"topics.yaml.topics\[0\].cues: expected at least one cue"),
    ("topics:\n", "topics:\n  - {id: nameless, cues: [x]}\n", r"topics.yaml.topics\[0\]: missing key 'label'"),
    ("    unless:\n      - 'victims? of", "    unless:\n      - '(victims? of", r"topics.yaml.topics\[3\].unless\[0\]: bad regular expression"),
])
def test_topics_are_validated(rules_copy, old, new, message):
    edit(rules_copy / "topics.yaml", old, new)
    with pytest.raises(RulesError, match=message):
        load_rules(rules_copy)


def test_a_topic_is_taught_by_editing_rules(rules_copy):
    from pipeline.nlp.topics import text_topics

    text = "The parish lengthsman cleared the ditches."
    assert not text_topics(text, load_rules(ROOT / "rules").topics)
    edit(rules_copy / "topics.yaml", "topics:\n", "topics:\n  - {id: drainage, label: Drainage, cues: [ditch, lengthsman]}\n")
    found = text_topics(text, load_rules(rules_copy).topics)
    # "ditch" finds "ditches": a cue ending in a letter takes its plural
    assert [(f.topic, f.cue, f.hits) for f in found] == [("drainage", "lengthsman", 2)]
