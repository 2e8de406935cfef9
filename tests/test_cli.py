"""The `minutes` command as a user runs it: arguments, output, exit codes."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.records import TABLES
from tests.conftest import SEED


def minutes(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the command as a separate process, output piped (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(SEED, tmp_path / "raw" / "seed.txt")
    return tmp_path


def test_extract_defaults_to_raw_and_extracted(workdir):
    result = minutes("extract", cwd=workdir)
    assert result.returncode == 0, result.stderr
    written = {p.name for p in (workdir / "extracted").iterdir()}
    # every table of the contract, the corpus-level ones (people, acronyms …) included,
    # and the ledger of what each document became (no staging folder left behind)
    # and the other formats (data package, Parquet, databases), each listed in the manifest
    formats = json.loads((workdir / "extracted" / "manifest.json").read_text(encoding="utf-8"))["formats"]
    assert written == {f"{t}.csv" for t in TABLES} | set(formats) | {"manifest.json", ".minutes-ledger"}
    assert {"documents.csv", "mentions.csv", "people.csv", "datapackage.json", "items.parquet"} <= written
    assert len(rows(workdir / "extracted" / "items.csv")) == 21


def test_summary_counts_what_was_extracted(workdir):
    out = minutes("extract", cwd=workdir).stdout
    for label, count in (("documents", 1), ("meetings", 1), ("items", 21), ("questions", 28), ("actions", 2)):
        assert any(line.split()[:2] == [label, str(count)] for line in out.splitlines()), out
    assert "problems: none" in out


def test_a_rerun_says_what_came_from_the_ledger_and_reprocess_skips_it(workdir):
    shutil.copy(SEED, workdir / "raw" / "copy.txt")  # the same content twice: processed once
    first = minutes("extract", "-j", "0", cwd=workdir).stdout
    assert "0 from the ledger, 1 processed, 1 copy of another input" in first, first
    again = minutes("extract", "-j", "0", cwd=workdir)
    assert again.returncode == 0, again.stderr
    assert "1 from the ledger, 0 processed, 1 copy of another input" in again.stdout, again.stdout
    forced = minutes("extract", "-j", "0", "--reprocess", cwd=workdir).stdout
    assert "0 from the ledger, 1 processed" in forced, forced


def test_piped_output_has_no_progress_bar_or_colour(workdir):
    result = minutes("extract", cwd=workdir)
    assert "\x1b[" not in result.stdout + result.stderr
    assert result.stderr == ""


def test_out_option_and_explicit_files(workdir):
    result = minutes("extract", "raw/seed.txt", "--out", "elsewhere", cwd=workdir)
    assert result.returncode == 0
    manifest = json.loads((workdir / "elsewhere" / "manifest.json").read_text())
    assert manifest["tables"]["items"]["rows"] == 21
    assert manifest["inputs"] == [{"path": "raw/seed.txt", "sha256": manifest["inputs"][0]["sha256"], "status": "ok"}]


def test_missing_path_is_a_usage_error(workdir):
    result = minutes("extract", "nowhere.txt", cwd=workdir)
    assert result.returncode == 2
    assert "no such file or folder: nowhere.txt" in result.stderr


def test_no_arguments_and_no_raw_folder_is_a_usage_error(tmp_path):
    result = minutes("extract", cwd=tmp_path)
    assert result.returncode == 2
    assert "no raw/ folder" in result.stderr


def test_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = minutes("extract", "empty", cwd=tmp_path)
    assert result.returncode == 2 and "no files found" in result.stderr


def test_unknown_option_is_a_usage_error(workdir):
    assert minutes("extract", "--frobnicate", cwd=workdir).returncode == 2


def test_invalid_rules_folder_is_a_usage_error(workdir):
    result = minutes("extract", "--rules", "no-such-rules", cwd=workdir)
    assert result.returncode == 2 and "invalid rules" in result.stderr


def test_bad_files_are_reported_and_the_batch_goes_on(workdir):
    (workdir / "raw" / "empty.txt").write_bytes(b"")
    (workdir / "raw" / "scan.pdf").write_bytes(b"%PDF-1.4\n%generated for a test\n")
    (workdir / "raw" / "garbage.bin").write_bytes(bytes(range(256)) * 4)
    result = minutes("extract", cwd=workdir)
    assert result.returncode == 1
    docs = {Path(r["source_path"]).name: r for r in rows(workdir / "extracted" / "documents.csv")}
    assert (docs["empty.txt"]["status"], docs["empty.txt"]["reason"]) == ("failed", "empty_file")
    assert (docs["scan.pdf"]["status"], docs["scan.pdf"]["reason"], docs["scan.pdf"]["format"]) == ("failed", "corrupt", "pdf")
    assert (docs["garbage.bin"]["status"], docs["garbage.bin"]["reason"]) == ("failed", "unsupported_type")
    assert docs["seed.txt"]["status"] == "ok"
    assert len(rows(workdir / "extracted" / "items.csv")) == 21
    assert "empty_file" in result.stdout and "corrupt" in result.stdout and "unsupported_type" in result.stdout


def test_a_document_without_items_is_partial_with_a_reason(tmp_path):
    (tmp_path / "notes.txt").write_text("Staff social committee meeting\n\nWe talked about the summer party.\n", encoding="utf-8")
    result = minutes("extract", "notes.txt", cwd=tmp_path)
    assert result.returncode == 0
    (doc,) = rows(tmp_path / "extracted" / "documents.csv")
    assert (doc["status"], doc["reason"]) == ("partial", "no_meeting_date")
    assert "no items" in doc["message"]


def test_ids_are_stable_across_runs_and_batches(workdir):
    minutes("extract", "--out", "one", cwd=workdir)
    (workdir / "raw" / "other.txt").write_text("Another meeting\n", encoding="utf-8")
    minutes("extract", "--out", "two", cwd=workdir)
    one = [r["response_id"] for r in rows(workdir / "one" / "responses.csv")]
    two = [r["response_id"] for r in rows(workdir / "two" / "responses.csv")]
    assert one == two and len(one) == 36


def test_inspect_shows_tables_rows_and_cells(workdir):
    result = minutes("inspect", "raw/seed.txt", "--width", "50", cwd=workdir)
    assert result.returncode == 0
    assert "format    text   encoding utf-8   pages 11" in result.stdout
    assert "table 2 [p4-11 t2 l21]" in result.stdout
    assert "c2 list_item [p8-9 t6 r5 c2 l43]: 2. The PCC followed up and asked how the CC can b…" in result.stdout


def test_inspect_raw_shows_the_page_split_rows(workdir):
    result = minutes("inspect", "raw/seed.txt", "--raw", cwd=workdir)
    assert "[as read, before layout repair]" in result.stdout
    assert "c1 paragraph [p5 t3 r1 c1 l28]: powers is proportionate and targeted appropriately." in result.stdout


def test_version_and_help(workdir):
    assert minutes("--version", cwd=workdir).stdout.startswith("minutes ")
    help_text = minutes("--help", cwd=workdir).stdout
    assert "extract" in help_text and "inspect" in help_text
