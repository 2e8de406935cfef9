"""Split one archive's inputs into N shards, and merge the shards' records into one dataset.

A shard is chosen by hashing each input's path relative to the folder it was found in (a
file named on its own: its name), so the split depends neither on the order the files are
listed in nor on where the archive is mounted, and costs no reading of the files. Shard
``i`` of ``N`` is run like any batch and writes a complete dataset of its inputs; next to
the CSVs it writes ``shard.jsonl.gz``, the records of its documents *before* the tables
built across meetings: those tables (people, threads, action log, …) and the person ids
in the per-meeting tables depend on every meeting of the archive, so the merge rebuilds
all tables from the records, never by concatenating CSVs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .ledger import copy_result, decode, encode  # the ledger's strict JSON form of a result
from .run import DocumentResult

RECORDS_FILE = "shard.jsonl.gz"
_FORMAT = 1  # bumped when the layout of RECORDS_FILE changes


class ShardError(Exception):
    """A bad ``--shard`` value, or shards that cannot be merged into one dataset."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``"i/N"`` → ``Shard(i, N)``, with 1 ≤ i ≤ N (ShardError otherwise)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise ShardError(f"--shard: {text!r} is not of the form i/N, e.g. 1/4")
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise ShardError(f"--shard {text}: i must be between 1 and N, and N at least 1")
    return Shard(index, count)


def shard_key(path: Path, roots: Iterable[Path]) -> str:
    """The path the shard is chosen by: relative to the first given folder holding it, or
    the file's name when it was named on its own."""
    for root in roots:
        if root.is_dir():
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                continue
    return path.name


def shard_of(key: str, count: int) -> int:
    """The 1-based shard of ``count`` that a key falls in (stable across runs and machines)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(files: list[Path], roots: list[Path], shard: Shard) -> list[tuple[int, Path]]:
    """``(position in files, file)`` for the files that fall in ``shard``."""
    return [(i, f) for i, f in enumerate(files) if shard_of(shard_key(f, roots), shard.count) == shard.index]


# --- the records file -----------------------------------------------------------------------


def write_records(out_dir: Path, shard: Shard, total: int, positions: list[int],
                  results: Iterable[DocumentResult], rules_hash: str) -> Path:
    """Write the shard's records: a header line, then one line per document with its
    position among all ``total`` inputs (so the merge keeps the order of an unsharded run)."""
    path = out_dir / RECORDS_FILE
    tmp = path.with_name(f".{path.name}.tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as f:
        header = {"format": _FORMAT, "shard": str(shard), "inputs": total, "rules_hash": rules_hash}
        f.write(json.dumps(header) + "\n")
        for position, result in zip(positions, results, strict=True):
            line = {"position": position, "result": encode(result)}
            f.write(json.dumps(line) + "\n")
    tmp.replace(path)
    return path


@dataclass(frozen=True)
class ShardRecords:
    """What one shard's records file holds."""

    shard: Shard
    inputs: int
    rules_hash: str
    results: list[tuple[int, DocumentResult]]


def read_records(shard_dir: Path) -> ShardRecords:
    """The records a ``--shard`` run wrote to ``shard_dir`` (ShardError if there are none)."""
    path = shard_dir / RECORDS_FILE
    if not path.is_file():
        raise ShardError(f"{shard_dir}: no {RECORDS_FILE}; was it written by `minutes extract --shard i/N`?")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            header = json.loads(f.readline())
            if header.get("format") != _FORMAT:
                raise ShardError(f"{path}: written by another version of minutes (format {header.get('format')})")
            results = []
            for line in f:
                data = json.loads(line)
                results.append((data["position"], decode(data["result"])))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise ShardError(f"{path}: unreadable ({exc})") from None
    return ShardRecords(parse_shard(header["shard"]), header["inputs"], header["rules_hash"], results)


def merge_records(shards: list[ShardRecords], rules_hash: str) -> list[DocumentResult]:
    """Every document of the shards, in the order an unsharded run would have them.

    The shards must be the N shards of one split of the same inputs, made with these
    rules: a missing, repeated or foreign shard would give a dataset that is silently
    not the archive's, so it is an error."""
    if not shards:
        raise ShardError("no shards to merge")
    counts = {s.shard.count for s in shards}
    inputs = {s.inputs for s in shards}
    if len(counts) > 1 or len(inputs) > 1:
        raise ShardError("the shards come from different splits or different inputs "
                         f"(shards {sorted(str(s.shard) for s in shards)}, inputs {sorted(inputs)})")
    for s in shards:
        if s.rules_hash != rules_hash:
            raise ShardError(f"shard {s.shard} was made with other rules (rules hash {s.rules_hash[:12]}, "
                             f"these rules {rules_hash[:12]}); merge with the rules it was made with (--rules)")
    seen = sorted(s.shard.index for s in shards)
    count = counts.pop()
    if seen != list(range(1, count + 1)):
        missing = sorted(set(range(1, count + 1)) - set(seen))
        repeated = sorted({i for i in seen if seen.count(i) > 1})
        raise ShardError(f"need each of the {count} shards once: missing {missing or 'none'}, repeated {repeated or 'none'}")
    merged = sorted((p for s in shards for p in s.results), key=lambda p: p[0])
    if [p for p, _ in merged] != list(range(inputs.pop())):
        raise ShardError("the shards' documents do not add up to their inputs: were they listed from different folders?")
    return _mark_copies([result for _, result in merged])


def _mark_copies(results: list[DocumentResult]) -> list[DocumentResult]:
    """Files with the same content as an earlier file become its copies, numbered as an
    unsharded run numbers them: two copies of one file can fall in different shards, and
    each shard processed the first it had (pipeline/ledger.py, ``Plan``)."""
    first: dict[str, DocumentResult] = {}
    copies: dict[str, int] = {}
    out = []
    for result in results:
        sha = result.row.sha256
        if sha is None or sha not in first:
            if sha is not None:
                first[sha] = result
            out.append(result)
            continue
        copies[sha] = copies.get(sha, 1) + 1
        out.append(copy_result(first[sha], Path(result.row.source_path), copies[sha]))
    return out
