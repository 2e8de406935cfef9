"""The benchmark scripts run and print their figures (smoke tests: no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys

from pipeline.records import TEXT_TABLES
from tests.conftest import ROOT, SEED

STAGES = ("spaCy tokenizer", "sentences", "people", "dates", "tag_records", "+ turns, cues")


def test_tagging_benchmark_prints_tokens_speed_memory_and_ratio_for_every_stage(seed):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_tagging.py"), str(SEED), "--repeat", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # the texts tagging reads: the meeting's title and every record's text
    texts = 1 + sum(1 for table in TEXT_TABLES for r in getattr(seed, table) if r.text)
    assert any(f"{texts} record texts" in line for line in lines), result.stdout
    header = next(line for line in lines if "tokens/s" in line)
    assert header.split()[1:] == ["tokens", "tokens/s", "ms/doc", "peak", "MiB", "×", "tokenizer"]
    rows = {}
    for stage in STAGES:
        row = next((line for line in lines if line.strip().startswith(stage + " ")), None)
        assert row is not None, f"no row for {stage}:\n{result.stdout}"
        rows[stage] = [float(x) for x in row.strip()[len(stage):].split()]
    tokens = {figures[0] for figures in rows.values()}
    assert len(tokens) == 1 and tokens.pop() > texts  # one count, of every text, on every row
    for stage, (_, per_second, ms, peak, ratio) in rows.items():
        assert per_second > 0 and ms > 0 and peak > 0 and ratio > 0, stage
    assert rows["spaCy tokenizer"][4] == 1.0  # the baseline against itself


def test_across_benchmark_prints_every_stage_for_every_size():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_across.py"), "--meetings", "4,8",
                             "--repeat", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith(("tf-idf alone", "threads", "action log"))]
    sizes = sorted({int(r[-7]) for r in rows})
    assert sizes == [4, 8], result.stdout
    assert len(rows) == 6
    for r in rows:
        items, actions, seconds, per_meeting, peak, ratio = (float(x) for x in r[-6:])
        assert items > 0 and actions > 0 and seconds > 0 and per_meeting > 0 and peak > 0 and ratio > 0
    assert [float(r[-1]) for r in rows if r[0] == "tf-idf"] == [1.0, 1.0]  # the baseline against itself


def test_archive_benchmark_prints_speed_memory_and_the_ratio_to_pdfplumber():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_archive.py"), "--documents", "4,6",
                             "--workers", "2"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("archive: 6 documents") and " pdf" in lines[0], result.stdout
    labels = ("pipeline, 2 workers", "pipeline, 1 worker", "pipeline, 1 worker, its PDFs",
              "pdfplumber text+tables, same PDFs", "re-run, unchanged, 2 workers")
    rows = {}
    for line in lines:
        label = next((lb for lb in sorted(labels, key=len, reverse=True) if line.startswith(lb + " ")), None)
        if label is not None:
            rows.setdefault(label, []).append([float(x) for x in line[len(label):].split()])
    assert [len(rows.get(lb, [])) for lb in labels] == [2, 1, 1, 1, 1], result.stdout
    assert [r[0] for r in rows["pipeline, 2 workers"]] == [4, 6]  # one row per archive size
    for label, figures in rows.items():
        for documents, pages, seconds, per_second, pages_per_second, peak in figures:
            assert documents > 0 and pages > 0 and seconds > 0 and per_second > 0 and pages_per_second > 0, label
            assert peak > 50, label  # MiB: a Python process with pdfplumber holds more than that
    assert rows["pipeline, 1 worker, its PDFs"][0][:2] == rows["pdfplumber text+tables, same PDFs"][0][:2]
    assert rows["re-run, unchanged, 2 workers"][0][:2] == rows["pipeline, 2 workers"][-1][:2]  # the same archive
    rerun = next(line for line in lines if line.startswith("re-run of the unchanged archive:"))
    assert float(rerun.split(": ")[1].split("×")[0]) > 0
    ratio = next(line for line in lines if line.startswith("ratio:"))
    assert float(ratio.split("takes ")[1].split("×")[0]) > 0
    heavy = next(line for line in lines if line.startswith("table-heavy PDFs ("))
    assert "none in this archive" in heavy or float(heavy.split("worker is ")[1].split("×")[0]) > 0
    if "none in this archive" not in heavy:  # and side by side, on the distinct files
        side = next(line for line in lines if line.startswith("table-heavy PDFs side by side ("))
        pipeline_s, bare_s = (float(part.split(" s")[0]) for part in side.split("takes ")[1].split(", pdfplumber's bare extraction "))
        assert pipeline_s > 0 and bare_s > 0
        printed = float(side.split(": ")[-1].split("×")[0])
        assert abs(printed - bare_s / pipeline_s) <= 0.1 * printed  # the times are printed rounded
    growth = next(line for line in lines if line.startswith("memory as the archive grows:"))
    assert "4 documents" in growth and "6 documents" in growth
