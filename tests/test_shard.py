"""`minutes extract --shard i/N` and `minutes merge`: N shards merged are the dataset of one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.shard import ShardError, parse_shard, select_shard, shard_key, shard_of
from tests.conftest import FIXTURES, SEED
from tests.test_cli import minutes

SERIES = sorted((FIXTURES / "generated-assurance-series").glob("generated-assurance-*.txt"))


@pytest.mark.parametrize("text, expected", [("1/1", (1, 1)), ("3/4", (3, 4)), (" 2 / 8 ", (2, 8))])
def test_parse_shard_reads_i_of_n(text, expected):
    shard = parse_shard(text)
    assert (shard.index, shard.count) == expected


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "x", "1/2/3", "-1/2", "2"])
def test_parse_shard_refuses_what_is_not_i_of_n(text):
    with pytest.raises(ShardError):
        parse_shard(text)


def test_each_file_is_in_exactly_one_shard_whatever_the_order_or_mount(tmp_path):
    names = [f"{year}/minutes-{n:03d}.pdf" for year in (2019, 2020) for n in range(60)]
    files = [tmp_path / "archive" / name for name in names]
    for f in files:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.touch()
    roots = [tmp_path / "archive"]
    shards = [parse_shard(f"{i}/4") for i in range(1, 5)]
    chosen = [{f for _, f in select_shard(files, roots, s)} for s in shards]
    assert sum(len(c) for c in chosen) == len(files) and set().union(*chosen) == set(files)
    assert all(len(c) > 10 for c in chosen)  # a hash spreads them, not one shard for all
    # listed in another order: the same files, each at its own position
    backwards = list(reversed(files))
    assert {f for _, f in select_shard(backwards, roots, shards[0])} == chosen[0]
    assert all(backwards[i] == f for i, f in select_shard(backwards, roots, shards[0]))
    # the same archive mounted elsewhere: the same split, by the path inside the archive
    moved = tmp_path / "elsewhere" / "archive"
    shutil.copytree(tmp_path / "archive", moved)
    again = [moved / name for name in names]
    assert {f.relative_to(moved) for _, f in select_shard(again, [moved], shards[0])} == \
        {f.relative_to(roots[0]) for f in chosen[0]}


def test_shard_key_of_a_file_named_on_its_own_is_its_name(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    assert shard_key(folder / "b" / "c.txt", [folder]) == "b/c.txt"
    assert shard_key(tmp_path / "x" / "m.txt", [folder, tmp_path / "x" / "m.txt"]) == "m.txt"


def _archive(tmp_path: Path) -> Path:
    """Five documents and a copy of one of them that falls in the other shard of 2."""
    archive = tmp_path / "archive"
    (archive / "series").mkdir(parents=True)
    for f in SERIES:
        shutil.copy(f, archive / "series" / f.name)
    shutil.copy(SEED, archive / "seed.txt")
    shutil.copy(FIXTURES / "w3c-pm-wg-2026-05-07" / "source.html", archive / "w3c.html")
    first = SERIES[0].name
    other = next(f"copy-{n}.txt" for n in range(100)
                 if shard_of(f"copy-{n}.txt", 2) != shard_of(f"series/{first}", 2))
    shutil.copy(SERIES[0], archive / other)
    return archive


def _tables(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv"))}


def test_shards_merged_are_the_dataset_of_one_run(tmp_path):
    archive = _archive(tmp_path)
    whole = minutes("extract", str(archive), "-o", str(tmp_path / "whole"), "-j", "0", "-q", cwd=tmp_path)
    assert whole.returncode == 0, whole.stderr
    sizes = []
    for i in (1, 2):
        run = minutes("extract", str(archive), "-o", str(tmp_path / f"s{i}"), "-j", "0", "-q", "--shard", f"{i}/2", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        shard = _tables(tmp_path / f"s{i}")
        sizes.append(shard["documents.csv"].count("\n") - 1)
        assert (tmp_path / f"s{i}" / "shard.jsonl.gz").is_file()
    assert sorted(sizes) != [0, 6] and sum(sizes) == 6  # both shards had work
    merged = minutes("merge", str(tmp_path / "merged"), str(tmp_path / "s2"), str(tmp_path / "s1"), cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    assert "documents     6" in merged.stdout
    expected = _tables(tmp_path / "whole")
    got = _tables(tmp_path / "merged")
    assert got.keys() == expected.keys()
    for name in expected:  # person ids, threads and the copy's row included
        assert got[name] == expected[name], name
    assert "duplicate_of" in expected["documents.csv"].splitlines()[0]


def test_a_shard_with_no_inputs_writes_an_empty_dataset(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "seed.txt")
    empty = next(i for i in range(1, 4) if i != shard_of("seed.txt", 3))
    run = minutes("extract", "in", "-o", "out", "-j", "0", "-q", "--shard", f"{empty}/3", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").count("\n") == 1  # the header alone


def test_bad_shard_and_incomplete_merges_are_usage_errors(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "seed.txt")
    bad = minutes("extract", "in", "-o", "out", "--shard", "3/2", cwd=tmp_path)
    assert bad.returncode == 2 and "--shard" in bad.stderr
    assert not (tmp_path / "out").exists()
    for i in (1, 2):
        run = minutes("extract", "in", "-o", f"s{i}", "-j", "0", "-q", "--shard", f"{i}/2", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    one = minutes("merge", "m", "s1", cwd=tmp_path)
    assert one.returncode == 2 and "missing [2]" in one.stderr
    twice = minutes("merge", "m", "s1", "s1", "s2", cwd=tmp_path)
    assert twice.returncode == 2 and "repeated [1]" in twice.stderr
    into_shard = minutes("merge", "s1", "s1", "s2", cwd=tmp_path)
    assert into_shard.returncode == 2
    (tmp_path / "plain").mkdir()
    not_shard = minutes("merge", "m", "plain", cwd=tmp_path)
    assert not_shard.returncode == 2 and "shard.jsonl.gz" in not_shard.stderr
    assert not (tmp_path / "m").exists()
