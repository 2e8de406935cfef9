"""Golden files for the example minutes at each stage, each with a readable twin.

Regenerate with MINUTES_REGENERATE_GOLDEN=1 (refused under CI) and read the diff."""

from __future__ import annotations

import json

import pytest

from pipeline.outline import document_to_dict, outline_document, outline_records, outline_tables, records_to_dict
from pipeline.readers import read_bytes
from pipeline.repair import repair
from pipeline.write import build_tables
from tests.conftest import FIXTURES, SEED
from tests.golden import SWITCH, check_golden, regenerating

EXPECTED = FIXTURES / "seed" / "expected"


def as_json(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


@pytest.fixture(scope="module")
def read_doc():
    return read_bytes(SEED.read_bytes(), "source.txt")


def test_document_as_read(read_doc):
    check_golden(EXPECTED / "document.json", as_json(document_to_dict(read_doc)))
    check_golden(EXPECTED / "document.txt", outline_document(read_doc))


def test_document_after_layout_repair(read_doc, rules):
    repaired = repair(read_doc, rules)
    check_golden(EXPECTED / "repaired.json", as_json(document_to_dict(repaired)))
    check_golden(EXPECTED / "repaired.txt", outline_document(repaired))


def test_records(seed_result):
    check_golden(EXPECTED / "records.json", as_json(records_to_dict(seed_result.meetings)))
    check_golden(EXPECTED / "records.txt", outline_records(seed_result.meetings))


def test_tables(seed_result, tmp_path, rules):
    tables = build_tables([seed_result.row], seed_result.meetings, rules)
    for name, frame in tables.items():
        path = tmp_path / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        check_golden(EXPECTED / "tables" / f"{name}.csv", path.read_text(encoding="utf-8"))
    check_golden(EXPECTED / "tables.txt", outline_tables(tables))


def test_regenerating_is_refused_under_ci(monkeypatch):
    monkeypatch.setenv(SWITCH, "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="refused under CI"):
        regenerating()


def test_regenerate_switch_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv(SWITCH, raising=False)
    assert regenerating() is False
