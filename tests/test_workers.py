"""Documents in worker processes: the same records as in-process, a timeout and a memory cap
that cost one document, never the batch."""

from __future__ import annotations

import pytest

from pipeline.batch import run_batch
from pipeline.cli import _parse_size
from pipeline.workers import Limits
from tests.conftest import FIXTURES, SEED

SERIES = sorted((FIXTURES / "generated-assurance-series").glob("generated-assurance-*.txt"))


def tables_of(out):
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def test_workers_give_the_same_dataset_as_one_process(tmp_path, rules):
    here = run_batch([SEED, *SERIES], rules, tmp_path / "here")
    there = run_batch([SEED, *SERIES], rules, tmp_path / "workers", workers=2, limits=Limits(timeout=120))
    assert [r.row for r in there.results] == [r.row for r in here.results]
    assert tables_of(tmp_path / "workers") == tables_of(tmp_path / "here")


def test_a_document_past_its_timeout_fails_alone(tmp_path, rules):
    # a generated long text: the seed's tables 480 times over, about 25 s of work on this
    # machine (forty times took 8.5 s once the NLP got faster, and 120 times 7 s once it
    # got faster again: too close to the limit, then under it)
    slow = tmp_path / "generated-long.txt"
    slow.write_text(SEED.read_text(encoding="utf-8") * 480, encoding="utf-8")
    batch = run_batch([SEED, slow, SERIES[0]], rules, tmp_path / "out", workers=2, limits=Limits(timeout=8))
    statuses = [(r.row.status, r.row.reason) for r in batch.results]
    assert statuses == [("ok", None), ("failed", "timeout"), ("ok", None)]
    row = batch.results[1].row
    assert row.sha256 and row.size_bytes == slow.stat().st_size and "8 s" in row.message


def test_a_document_over_its_memory_cap_is_oom_and_the_batch_goes_on(tmp_path, rules):
    batch = run_batch([SEED, SERIES[0]], rules, tmp_path / "out", workers=1, limits=Limits(max_memory=1 << 20))
    assert [(r.row.status, r.row.reason) for r in batch.results] == [("failed", "oom")] * 2
    assert (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").count("oom") == 2


@pytest.mark.parametrize("text, size", [("512M", 512 * 2**20), ("2G", 2 * 2**30), ("1.5g", int(1.5 * 2**30)),
                                        ("1048576", 1048576), ("64MiB", 64 * 2**20), ("0", 0)])
def test_memory_sizes_are_read_with_their_unit(text, size):
    assert _parse_size(text) == size
