"""`minutes export --for-excel`: BOM, CRLF, formula-like cells defused; canonical CSVs untouched."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.write.excel import escape_cell, unescape_cell
from tests.conftest import ROOT
from tests.publish_helpers import tampered_copy, write_seed_dataset

INJECTIONS = ['=HYPERLINK("http://example.com","click")', "+44 1905 331545", "-2 officers", "@SUM(A1:A2)",
              "\tindented", "\rreturn", "'quoted already", "''", "'"]


def minutes(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, seed_result, rules):
    seed = write_seed_dataset(seed_result, rules, tmp_path_factory.mktemp("seed-excel"))

    def plant(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, "text"] = INJECTIONS[0]
        frame.loc[1, "text"] = "Café – naïve “quoted” £5"
        frame.loc[2, "text"] = "-2 officers\nsecond line"
        return frame
    return tampered_copy(seed, tmp_path_factory.mktemp("planted") / "data", "items", plant)


@pytest.mark.parametrize("text", INJECTIONS + ["plain", "", "a = b", "2022-05-23"])
def test_escaping_is_undone_exactly(text):
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_safe_text_is_left_alone():
    assert escape_cell("The PCC asked = and -") == "The PCC asked = and -"


def test_the_excel_export_round_trips_a_formula_harmlessly(dataset, tmp_path):
    canonical = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dataset.glob("*.csv")}
    result = minutes("export", "--for-excel", "--data", str(dataset), "--out", str(tmp_path / "xl"))
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "xl" / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    assert raw.count(b"\r\n") >= 22 and b"\r\n" in raw.split(b"\n", 1)[0] + b"\n"
    excel = pd.read_csv(tmp_path / "xl" / "items.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert excel.loc[0, "text"] == "'" + INJECTIONS[0]
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in excel.to_numpy().ravel())
    assert excel.loc[1, "text"] == "Café – naïve “quoted” £5"
    assert unescape_cell(excel.loc[2, "text"]) == "-2 officers\nsecond line"
    original = pd.read_csv(dataset / "items.csv", dtype=str, keep_default_na=False)
    assert excel.map(unescape_cell).equals(original)
    # every table exported, the canonical CSVs byte for byte as before
    assert sorted(p.name for p in (tmp_path / "xl").glob("*.csv")) == sorted(canonical)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dataset.glob("*.csv")} == canonical


def test_the_csv_module_reads_the_export_too(dataset, tmp_path):
    minutes("export", "--for-excel", "--data", str(dataset), "--out", str(tmp_path / "xl"))
    with (tmp_path / "xl" / "meetings.csv").open(encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["title"] == "Monthly Assurance Meeting May 2022 – Meeting Notes"


def test_export_refuses_to_overwrite_the_canonical_csvs_or_guess_the_format(dataset):
    assert minutes("export", "--for-excel", "--data", str(dataset), "--out", str(dataset)).returncode == 2
    assert minutes("export", "--data", str(dataset)).returncode == 2
