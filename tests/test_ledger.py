"""Incremental and resumable runs: the ledger in the output folder (pipeline/ledger.py), one
processing of a content kept under two names, and a dataset that a killed run leaves whole
(pipeline/write/csv.py)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace

import pytest

import pipeline.batch
import pipeline.write.csv as csv_writer
from pipeline.batch import run_batch
from pipeline.ledger import LEDGER_DIR, Ledger, decode, encode, source_hash
from pipeline.run import failed_result, process_document
from pipeline.workers import Limits
from tests.conftest import FIXTURES, ROOT, SEED
from tests.helpers import csv_rows

SERIES = sorted((FIXTURES / "generated-assurance-series").glob("generated-assurance-*.txt"))


def tables_of(out):
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def entries(out):
    return sorted((out / LEDGER_DIR).rglob("*.json"))


def consistent_with_manifest(out) -> bool:
    """Every table the manifest names is there with the checksum the manifest gives."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return all((out / t["file"]).is_file()
               and hashlib.sha256((out / t["file"]).read_bytes()).hexdigest() == t["sha256"]
               for t in manifest["tables"].values())


@pytest.fixture
def counted(monkeypatch):
    """The paths run_batch processes itself (in-process runs), in order."""
    seen = []

    def counting(path, rules, source=None):
        seen.append(str(path))
        return process_document(path, rules, source=source)

    monkeypatch.setattr(pipeline.batch, "process_document", counting)
    return seen


def test_a_result_survives_the_round_trip_through_json(rules):
    result = process_document(SEED, rules)
    back = decode(json.loads(json.dumps(encode(result))))
    assert back == replace(result, document=None)
    assert back.meetings and back.meetings[0].items and isinstance(back.meetings[0].items, tuple)


def test_decoding_refuses_an_entry_whose_fields_changed(rules):
    data = encode(process_document(SEED, rules))
    data["row"]["renamed_column"] = data["row"].pop("message")
    with pytest.raises(ValueError):
        decode(data)


def test_the_key_changes_with_the_code_that_reads_documents_not_with_the_rest(tmp_path):
    (tmp_path / "segment").mkdir()
    (tmp_path / "across").mkdir()
    for name in ("run.py", "cli.py", "segment/items.py", "across/threads.py"):
        (tmp_path / name).write_text("x = 1\n")
    before = source_hash(tmp_path)
    (tmp_path / "cli.py").write_text("x = 2\n")
    (tmp_path / "across/threads.py").write_text("x = 2\n")  # tables across meetings: rebuilt every run
    assert source_hash(tmp_path) == before
    (tmp_path / "segment/items.py").write_text("x = 2\n")
    assert source_hash(tmp_path) != before


def test_a_rerun_takes_every_document_from_the_ledger_and_writes_the_same_tables(tmp_path, rules, counted):
    files = [SEED, *SERIES]
    first = run_batch(files, rules, tmp_path)
    assert first.from_ledger == 0 and len(counted) == len(files)
    assert len(entries(tmp_path)) == len(files)
    tables = tables_of(tmp_path)
    again = run_batch(files, rules, tmp_path)
    assert again.from_ledger == len(files) and len(counted) == len(files)  # nothing processed
    assert tables_of(tmp_path) == tables
    assert [r.row for r in again.results] == [r.row for r in first.results]
    assert again.count("threads") == first.count("threads") > 0  # rebuilt across meetings


def test_worker_results_land_in_their_place_around_ledger_hits_and_copies(tmp_path, rules):
    copy = tmp_path / "copy.txt"
    shutil.copy(SERIES[1], copy)
    run_batch([SEED], rules, tmp_path / "out")
    files = [SERIES[0], SEED, SERIES[1], copy]  # processed, from the ledger, processed, a copy
    batch = run_batch(files, rules, tmp_path / "out", workers=1, limits=Limits(timeout=120))
    assert batch.from_ledger == 1 and batch.duplicates == 1
    fresh = [process_document(f, rules).row for f in files[:3]]
    assert [r.row for r in batch.results][:3] == fresh
    last = batch.results[3].row
    assert (last.source_path, last.document_id, last.duplicate_of) == (
        str(copy), f"{fresh[2].document_id}-2", fresh[2].document_id)


def test_reprocess_processes_every_document_again(tmp_path, rules, counted):
    run_batch([SEED, SERIES[0]], rules, tmp_path)
    batch = run_batch([SEED, SERIES[0]], rules, tmp_path, reprocess=True)
    assert batch.from_ledger == 0 and len(counted) == 4


def test_only_a_changed_file_is_processed_again(tmp_path, rules, counted):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SERIES[:3]:
        shutil.copy(f, folder / f.name)
    files = sorted(folder.iterdir())
    run_batch(files, rules, tmp_path / "out")
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nAny other business: none.\n", encoding="utf-8")
    batch = run_batch(files, rules, tmp_path / "out")
    assert batch.from_ledger == 2 and counted[3:] == [str(files[1])]


def test_a_moved_file_comes_from_the_ledger_a_renamed_one_does_not(tmp_path, rules, counted):
    # the name counts: a meeting date may be read from it ("2019-02-26-minutes.md")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SERIES[0], tmp_path / "a" / SERIES[0].name)
    run_batch([tmp_path / "a" / SERIES[0].name], rules, tmp_path / "out")
    shutil.move(tmp_path / "a" / SERIES[0].name, tmp_path / "b" / SERIES[0].name)
    moved = run_batch([tmp_path / "b" / SERIES[0].name], rules, tmp_path / "out")
    assert moved.from_ledger == 1 and len(counted) == 1
    assert moved.results[0].row == process_document(tmp_path / "b" / SERIES[0].name, rules).row
    (tmp_path / "b" / SERIES[0].name).rename(tmp_path / "b" / "renamed.txt")
    renamed = run_batch([tmp_path / "b" / "renamed.txt"], rules, tmp_path / "out")
    assert renamed.from_ledger == 0 and len(counted) == 2


def test_other_rules_do_not_use_the_entries_and_clear_them(tmp_path, rules):
    run_batch([SEED], rules, tmp_path)
    assert Ledger(tmp_path, rules.hash).load(SEED, hashlib.sha256(SEED.read_bytes()).hexdigest()) is not None
    other = replace(rules, hash="0" * 64)
    assert Ledger(tmp_path, other.hash).load(SEED, hashlib.sha256(SEED.read_bytes()).hexdigest()) is None
    batch = run_batch([SEED], other, tmp_path)
    assert batch.from_ledger == 0
    assert [p.name for p in (tmp_path / LEDGER_DIR).iterdir()] == [Ledger(tmp_path, other.hash).fingerprint]


def test_a_damaged_entry_is_processed_again(tmp_path, rules, counted):
    run_batch([SEED, SERIES[0]], rules, tmp_path)
    tables = tables_of(tmp_path)
    damaged = entries(tmp_path)[0]
    damaged.write_bytes(damaged.read_bytes()[:100])  # a write cut off by a power cut
    batch = run_batch([SEED, SERIES[0]], rules, tmp_path)
    assert batch.from_ledger == 1 and len(counted) == 3
    assert tables_of(tmp_path) == tables


def test_failures_of_the_file_are_kept_failures_of_the_machine_are_not(tmp_path, rules):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run_batch([empty], rules, tmp_path / "out")
    assert run_batch([empty], rules, tmp_path / "out").from_ledger == 1  # empty_file: the same next time
    ledger = Ledger(tmp_path / "out", rules.hash)
    assert not ledger.store(failed_result(SEED, "timeout", "still running after 1 s"))
    assert not ledger.store(failed_result(SEED, "oom", "ran out of memory"))
    assert ledger.load(SEED, hashlib.sha256(SEED.read_bytes()).hexdigest()) is None


def test_a_copy_under_another_name_is_processed_once_and_has_its_own_row(tmp_path, rules, counted):
    copy = tmp_path / "copy-of-the-seed.txt"
    shutil.copy(SEED, copy)
    batch = run_batch([SEED, SERIES[0], copy], rules, tmp_path / "out")
    assert counted == [str(SEED), str(SERIES[0])] and batch.duplicates == 1
    documents = csv_rows(tmp_path / "out" / "documents.csv")
    first, _, second = documents
    assert [d["source_path"] for d in documents] == [str(SEED), str(SERIES[0]), str(copy)]
    assert len({d["document_id"] for d in documents}) == 3
    assert second["document_id"] == f"{first['document_id']}-2" and second["duplicate_of"] == first["document_id"]
    assert second["sha256"] == first["sha256"] and second["meetings"] == "0" and first["duplicate_of"] == ""
    meetings = csv_rows(tmp_path / "out" / "meetings.csv")
    assert len(meetings) == 2 and len({m["meeting_id"] for m in meetings}) == 2


# --- a killed run leaves the published dataset whole ---

def test_a_run_killed_before_its_commit_leaves_the_previous_dataset(tmp_path, rules, monkeypatch):
    run_batch([SEED], rules, tmp_path)
    before = tables_of(tmp_path)
    real, written = pipeline.write.csv.pd.DataFrame.to_csv, []

    def dying(frame, path, **kwargs):
        if len(written) == 5:
            raise KeyboardInterrupt  # Ctrl-C while the sixth table is written
        written.append(path)
        return real(frame, path, **kwargs)

    monkeypatch.setattr(pipeline.write.csv.pd.DataFrame, "to_csv", dying)
    with pytest.raises(KeyboardInterrupt):
        run_batch([SEED, SERIES[0]], rules, tmp_path)
    assert tables_of(tmp_path) == before and consistent_with_manifest(tmp_path)


def test_a_run_killed_while_moving_its_tables_in_is_completed_by_the_next(tmp_path, rules, monkeypatch):
    run_batch([SEED], rules, tmp_path)
    real, moved = os.replace, []

    def dying(src, dst):
        if csv_writer.PUBLISH in str(src):  # a table moved in from the committed set
            if len(moved) == 4:
                raise KeyboardInterrupt  # killed after four tables
            moved.append(dst)
        return real(src, dst)

    monkeypatch.setattr(csv_writer.os, "replace", dying)
    with pytest.raises(KeyboardInterrupt):
        run_batch([SEED, SERIES[0]], rules, tmp_path)
    monkeypatch.setattr(csv_writer.os, "replace", real)
    assert not consistent_with_manifest(tmp_path)  # half moved: the old manifest, some new tables
    csv_writer.finish_publish(tmp_path)  # what the next write does first
    assert consistent_with_manifest(tmp_path)
    assert len(csv_rows(tmp_path / "documents.csv")) == 2
    assert not (tmp_path / csv_writer.PUBLISH).exists()


KILL_BATCH = [SEED, *SERIES, *sorted(FIXTURES.glob("*/source.docx")), *sorted(FIXTURES.glob("*/source.html")),
              *sorted(FIXTURES.glob("horsley-*/source.pdf"))]


def extract(files, out, *extra):
    return [sys.executable, "-m", "pipeline", "extract", *map(str, files), "--out", str(out), *extra]


def test_a_run_killed_midway_keeps_the_old_dataset_and_the_next_run_does_only_the_rest(tmp_path, rules):
    assert len(KILL_BATCH) == 12
    out = tmp_path / "out"
    run_batch([SEED], rules, out)  # the previously published dataset
    before = tables_of(out)
    proc = subprocess.Popen(extract(KILL_BATCH, out, "-j", "1", "--quiet"), cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while len(entries(out)) < 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # kill -9: the command and its worker
        proc.wait()
    kept = len(entries(out))
    assert proc.returncode == -signal.SIGKILL and 4 <= kept < len(KILL_BATCH), proc.stderr.read()
    assert tables_of(out) == before and consistent_with_manifest(out)

    resumed = subprocess.run(extract(KILL_BATCH, out, "-j", "1"), cwd=ROOT, capture_output=True, text=True)
    summary = re.search(r"(\d+) from the ledger, (\d+) processed", resumed.stdout)
    assert summary, resumed.stdout + resumed.stderr
    assert (int(summary[1]), int(summary[2])) == (kept, len(KILL_BATCH) - kept)
    assert consistent_with_manifest(out)
    run_batch(KILL_BATCH, rules, tmp_path / "clean")
    assert tables_of(out) == tables_of(tmp_path / "clean")
