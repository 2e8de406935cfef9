"""datapackage.json and `minutes validate`: the seed's output validates, a broken copy does not."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.records import TABLES, columns
from pipeline.write.spec import table_specs
from pipeline.write.validate import validate_dataset
from tests.conftest import ROOT
from tests.publish_helpers import tampered_copy, write_seed_dataset

FRICTIONLESS_TYPES = {"string", "integer", "number", "boolean", "date", "time", "datetime"}


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory, seed_result, rules):
    return write_seed_dataset(seed_result, rules, tmp_path_factory.mktemp("seed-dataset"))


def minutes(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_spec_describes_every_table_and_column_in_order():
    specs = table_specs()
    assert list(specs) == list(TABLES)
    for name, spec in specs.items():
        names = [f.name for f in spec.fields]
        assert names == columns(name), name
        assert all(f.type in FRICTIONLESS_TYPES for f in spec.fields), name
        assert all(f.description for f in spec.fields), name
        assert spec.primary_key and set(spec.primary_key) <= set(names), name
        assert set(spec.text_columns) <= {f.name for f in spec.fields if f.type == "string"}, name
        for fk in spec.foreign_keys:
            assert set(fk.fields) <= set(names), (name, fk)
            target = specs[fk.table]
            assert fk.ref_fields == target.primary_key, (name, fk)


def test_the_spec_types_dates_and_keeps_integers():
    fields = {f.name: f for f in table_specs()["meetings"].fields}
    assert fields["date"].type == "date" and fields["start_time"].type == "time"
    assert fields["page_start"].type == "integer" and fields["kind"].enum == ("minutes", "agenda", "decision_log")
    assert {f.name: f.type for f in table_specs()["person_roles"].fields}["acting"] == "boolean"


def test_the_seed_output_has_a_data_package_that_validates(seed_out):
    package = json.loads((seed_out / "datapackage.json").read_text(encoding="utf-8"))
    manifest = json.loads((seed_out / "manifest.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    assert [r["path"] for r in package["resources"]] == [f"{t}.csv" for t in TABLES]
    assert package["minutes"]["rules_hash"] == manifest["rules_hash"]
    assert package["minutes"]["pipeline_version"] == manifest["pipeline_version"]
    assert package["created"] == manifest["created"]
    assert package["minutes"]["inputs"] == manifest["inputs"]
    assert "datapackage.json" in manifest["formats"]
    items = next(r for r in package["resources"] if r["name"] == "items")
    assert items["schema"]["primaryKey"] == ["item_id"]
    assert {"fields": ["meeting_id"], "reference": {"resource": "meetings", "fields": ["meeting_id"]}} \
        in items["schema"]["foreignKeys"]
    report = validate_dataset(seed_out)
    assert report.valid, report.violations
    assert report.source == "datapackage.json"
    assert report.rows["items"] == 21


def test_frictionless_itself_validates_the_package(seed_out):
    from frictionless import validate

    report = validate(str(seed_out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_minutes_validate_passes_on_the_shipped_dataset():
    result = minutes("validate", "--data", "extracted")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("valid: 18 tables")


def _set(table_column_value):
    column, value = table_column_value

    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, column] = value
        return frame
    return change


def _duplicate_first(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame, frame.iloc[[0]]], ignore_index=True)


TAMPERS = {
    "bad enum": ("meetings", _set(("kind", "bogus")), "constraint-error", "kind", 1),
    "broken foreign key": ("items", _set(("meeting_id", "m-000000000000-9")), "foreign-key", None, 1),
    "duplicate primary key": ("items", _duplicate_first, "primary-key", None, 22),
    "wrong type": ("items", _set(("seq", "first")), "type-error", "seq", 1),
    "not an ISO date": ("meetings", _set(("date", "23/05/2022")), "type-error", "date", 1),
    "broken person key": ("attendees", _set(("person_id", "p-nobody-at-all")), "foreign-key", None, 1),
}


@pytest.mark.parametrize("case", list(TAMPERS))
def test_a_tampered_copy_fails_with_the_right_error(case, seed_out, tmp_path):
    table, change, error_type, field, row = TAMPERS[case]
    copy = tampered_copy(seed_out, tmp_path / "copy", table, change)
    report = validate_dataset(copy)
    assert not report.valid
    hits = [v for v in report.violations if v.table == table and v.type == error_type]
    assert hits, report.violations
    assert hits[0].row == row
    if field:
        assert hits[0].field == field
    # the edited file no longer matches the checksum the package recorded
    assert any(v.type == "hash-count" and v.table == table for v in report.violations)


def test_minutes_validate_exits_non_zero_and_says_where(seed_out, tmp_path):
    copy = tampered_copy(seed_out, tmp_path / "copy", "items", _set(("seq", "first")))
    result = minutes("validate", "--data", str(copy))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "items row 1 seq: type-error" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("invalid:")


def test_minutes_validate_refuses_a_folder_without_a_dataset(tmp_path):
    result = minutes("validate", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "no datapackage.json" in " ".join(result.stderr.split())  # rich wraps the line
