"""The gold set: hand-checked values for real minutes, and the pipeline's scores on them.

The scores must not fall below the levels in tests/gold/thresholds.yaml; the gold files
themselves must follow tests/gold/README.md and cover enough documents and bodies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.evaluation.gold import GoldError, load_gold, load_gold_file
from pipeline.evaluation.matching import names_match, owners_match, text_similarity
from pipeline.evaluation.runner import evaluate
from pipeline.evaluation.scoring import FIELDS

GOLD = Path(__file__).parent / "gold"
DOCUMENTS = GOLD / "documents"


@pytest.fixture(scope="module")
def evaluation(rules):
    return evaluate(GOLD, DOCUMENTS, rules)


def test_gold_set_covers_fifteen_documents_from_six_bodies():
    golds = load_gold(GOLD)
    assert len(golds) >= 15
    assert len({g.organisation for g in golds}) >= 6
    for g in golds:
        assert (DOCUMENTS / g.document).is_file(), f"{g.path.name}: copy {g.document} into {DOCUMENTS}"


def test_every_gold_document_keeps_its_manifest_line():
    manifest = (DOCUMENTS / "MANIFEST.csv").read_text(encoding="utf-8")
    for g in load_gold(GOLD):
        assert f"\n{g.document}," in manifest, g.document


@pytest.mark.parametrize("field", FIELDS)
def test_score_does_not_fall_below_its_recorded_level(evaluation, field):
    levels = yaml.safe_load((GOLD / "thresholds.yaml").read_text(encoding="utf-8"))
    score = evaluation.total.fields[field]
    for metric, level in (levels.get(field) or {}).items():
        value = getattr(score, metric)
        assert value is not None and value >= level, (
            f"{field} {metric} fell to {value} (recorded level {level}); misses:\n"
            + "\n".join(m for m in evaluation.total.misses if field.split("_")[0] in m)[:4000])


def test_thresholds_name_known_fields_and_metrics():
    levels = yaml.safe_load((GOLD / "thresholds.yaml").read_text(encoding="utf-8"))
    for field, metrics in levels.items():
        assert field in FIELDS
        assert set(metrics) <= {"f1", "precision", "recall", "accuracy"}


def test_a_gold_file_with_a_bad_status_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: x.pdf\norganisation: X\nmeetings:\n  - date: 2020-01-01\n"
                   "    attendees: [{name: A B, status: maybe}]\n", encoding="utf-8")
    with pytest.raises(GoldError, match="maybe"):
        load_gold_file(bad)


def test_a_gold_file_with_a_bad_date_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: x.pdf\norganisation: X\nmeetings:\n  - date: 31/01/2020\n", encoding="utf-8")
    with pytest.raises(GoldError, match="ISO date"):
        load_gold_file(bad)


@pytest.mark.parametrize("a, b, same", [
    ("Mr R W Gough", "Roger Gough", True),
    ("Cllr Sue Lintern", "Sue Lintern", True),
    ("wendyreid", "Wendy Reid", True),
    ("Matthew", "Matthew Ferrero", True),
    ("Mr R Love OBE", "Mr R Love", True),
    ("Mrs S Chandler", "Mr N Baker", False),
    ("Jane Smith", "John Smith", False),
    ("Jane Smith", "Jane Smythe", False),
])
def test_names_match_without_titles_and_by_initials(a, b, same):
    assert names_match(a, b) is same


def test_owners_match_every_owner_and_no_more():
    aliases = {"rhl": {"Rachel Hartland Lane"}}
    assert owners_match(["NA", "MS", "HK", "CR"], "NA, MS, HK and CR", {})
    assert not owners_match(["NA", "MS"], "NA, MS and HK", {})
    assert owners_match(["Rachel Hartland Lane"], "RHL", aliases)
    assert owners_match(["Clerk"], "The Clerk", {})
    assert not owners_match([], "AW", {})


def test_texts_match_by_their_words_not_their_layout():
    assert text_similarity("AW to circulate the revised business plan", "circulate the revised business plan to all") > 0.5
    assert text_similarity("AW to circulate the revised business plan", "The Board approved the budget") == 0.0
