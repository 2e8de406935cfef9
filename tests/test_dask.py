"""Documents on a Dask cluster (`--scheduler`): the same records as processing them here."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install 'minutes[dask]' or '.[test]')")

from pipeline.batch import run_batch  # noqa: E402
from pipeline.distribute import ClusterError, batch_size, process_on_dask  # noqa: E402
from tests.conftest import FIXTURES, SEED  # noqa: E402
from tests.test_cli import minutes  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for f in sorted((FIXTURES / "generated-assurance-series").glob("*.txt")):
        shutil.copy(f, folder / f.name)
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(FIXTURES / "w3c-pm-wg-2026-05-07" / "source.html", folder / "w3c.html")
    (folder / "empty.txt").write_text("")  # a failed document comes back as one too
    return sorted(folder.iterdir())


def test_cluster_gives_the_records_of_processing_here(cluster, archive, rules, tmp_path):
    here = run_batch(archive, rules, tmp_path / "here")
    there = run_batch(archive, rules, tmp_path / "there", scheduler=cluster.scheduler_address)
    assert [r.row for r in there.results] == [r.row for r in here.results]
    assert [r.meetings for r in there.results] == [r.meetings for r in here.results]
    assert [r.problems for r in there.results] == [r.problems for r in here.results]
    assert all(r.document is None for r in there.results)  # the large model stays on the worker
    assert any(r.row.status == "failed" for r in there.results) and sum(len(r.meetings) for r in there.results) >= 4
    for table in ("documents", "meetings", "items", "people", "threads"):
        assert (tmp_path / "there" / f"{table}.csv").read_text() == (tmp_path / "here" / f"{table}.csv").read_text()


def test_every_document_comes_back_once_whatever_the_batch_size(cluster, archive, rules):
    for size in (1, 2, 16):
        indices = [i for i, _ in process_on_dask(archive, rules, cluster.scheduler_address, size)]
        assert sorted(indices) == list(range(len(archive))), size


def test_workers_with_other_rules_stop_the_run(cluster, archive, rules):
    # the workers load the rules folder themselves; rules that are not the driver's must
    # not quietly give other records
    other = replace(rules, hash="0" * 64)
    with pytest.raises(ClusterError, match="other rules"):
        list(process_on_dask(archive, other, cluster.scheduler_address))


def test_batch_size_keeps_every_worker_busy():
    assert batch_size(10, 4) == 1
    assert batch_size(1000, 4) == 16
    assert batch_size(200, 2) == 16 and batch_size(40, 2) == 5


def test_extract_with_scheduler_writes_the_dataset(cluster, archive, tmp_path):
    run = minutes("extract", str(archive[0].parent), "-o", "out", "-q", "--scheduler", cluster.scheduler_address,
                  cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # empty.txt failed
    assert (tmp_path / "out" / "documents.csv").read_text().count("\n") == len(archive) + 1


def dies_on_poison(tasks, rules_dir, rules_hash):
    """A worker's batch function that takes its worker down on a document named poison
    (as a segfault in a parser would), and runs the real one otherwise."""
    import os

    from pipeline.distribute import process_batch

    if any("poison" in path for _, path in tasks):
        os._exit(13)
    return process_batch(tasks, rules_dir, rules_hash)


def test_a_document_that_kills_its_worker_fails_alone(archive, rules, tmp_path):
    """The batch holding it is retried one document at a time: only that document fails,
    every other comes back with the records it has when processed here."""
    import dask

    poison = archive[0].parent / "poison.txt"
    poison.write_text(SEED.read_text(encoding="utf-8") + "\nA copy that takes its worker down.\n", encoding="utf-8")
    files = sorted(archive[0].parent.iterdir())
    # a task that killed a worker is not tried again on another: the driver's retry decides
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
            results = dict(process_on_dask(files, rules, c.scheduler_address, batch_size_=3, run_batch=dies_on_poison))
    assert sorted(results) == list(range(len(files)))
    by_name = {files[i].name: r for i, r in results.items()}
    dead = by_name.pop("poison.txt")
    assert (dead.row.status, dead.row.reason) == ("failed", "internal_error")
    assert "worker" in dead.row.message
    local = run_batch([f for f in files if f.name != "poison.txt"], rules, tmp_path / "here")
    for result in local.results:
        name = result.row.source_path.rsplit("/", 1)[-1]
        assert by_name[name].row == result.row
        assert by_name[name].meetings == result.meetings
