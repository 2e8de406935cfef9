"""A batch: find the input files, process each, write the dataset."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from .ledger import Ledger, Plan
from .records import CORPUS_TABLES, DocumentRow
from .rules import Rules
from .run import DocumentResult, process_document
from .workers import Limits, process_in_workers
from .write import build_tables, write_csv_tables


class InputError(Exception):
    """A path given on the command line does not exist or holds no files."""


def find_inputs(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the files inside the folders named (recursively), in order.

    Hidden files and folders inside a folder (``.git``, ``.DS_Store``) are skipped; a
    file named explicitly is always taken.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    found.append(child)
        else:
            raise InputError(f"no such file or folder: {path}")
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


@dataclass(frozen=True)
class BatchResult:
    """All documents' results and where the dataset was written."""

    results: tuple[DocumentResult, ...]
    out_dir: Path
    manifest: Path
    corpus_counts: dict[str, int] = field(default_factory=dict)  # rows of tables built across meetings
    recurring_threads: int = 0  # threads with items in two meetings or more
    followed_actions: int = 0  # actions a later meeting spoke of
    from_ledger: int = 0  # documents whose result an earlier run had kept (pipeline/ledger.py)
    duplicates: int = 0  # files with the same content as an earlier file of the run

    @property
    def rows(self) -> list[DocumentRow]:
        """The ``documents`` table rows."""
        return [r.row for r in self.results]

    def count(self, table: str) -> int:
        """How many records of a table the batch produced."""
        if table == "documents":
            return len(self.results)
        if table == "meetings":
            return sum(len(r.meetings) for r in self.results)
        if table in self.corpus_counts:
            return self.corpus_counts[table]
        return sum(len(getattr(m, table)) for r in self.results for m in r.meetings)

    @property
    def failed(self) -> list[DocumentResult]:
        """The documents that failed."""
        return [r for r in self.results if r.row.status == "failed"]


def run_batch(files: list[Path], rules: Rules, out_dir: Path,
              on_done: Callable[[DocumentResult], None] | None = None,
              workers: int = 0, limits: Limits | None = None, scheduler: str | None = None,
              reprocess: bool = False) -> BatchResult:
    """Process every file, then write every table and the manifest to ``out_dir``.

    ``workers`` 0 processes the files here, one after the other; 1 or more processes them in
    that many worker processes under ``limits`` (pipeline/workers.py); a ``scheduler``
    address sends them to that Dask cluster instead (pipeline/distribute.py). The results
    are in the order of ``files`` every way, so the dataset does not depend on which worker
    finished first.

    A document done by an earlier run into ``out_dir`` (same content, name, pipeline and
    rules) comes from its ledger instead, unless ``reprocess``; a second file with the same
    content is processed once (pipeline/ledger.py)."""
    plan = Plan(files, Ledger(out_dir, rules.hash), reprocess)
    for result in plan.known.values():
        if on_done is not None:
            on_done(result)
    files = plan.todo  # what is left to process; plan.done() keeps each result as it comes
    if scheduler is not None:
        from .distribute import process_on_dask  # dask is an optional extra

        finished = process_on_dask(files, rules, scheduler)
    elif workers > 0:
        finished = process_in_workers(files, rules.directory, workers, limits or Limits())
    else:
        finished = ((index, process_document(path, rules, source=str(path))) for index, path in enumerate(files))
    for index, result in finished:
        plan.done(index, result)
        if on_done is not None:
            on_done(result)
    batch = write_dataset(plan.results(), rules, out_dir)
    plan.ledger.prune()  # entries of other code or rules can never be used again
    return replace(batch, from_ledger=plan.from_ledger, duplicates=len(plan.first_of))


def write_dataset(results: list[DocumentResult], rules: Rules, out_dir: Path) -> BatchResult:
    """Build every table from the documents' results (and across their meetings), write
    them and the manifest to ``out_dir``."""
    tables = build_tables((r.row for r in results), (m for r in results for m in r.meetings), rules)
    inputs = [{"path": r.row.source_path, "sha256": r.row.sha256, "status": r.row.status} for r in results]
    manifest = write_csv_tables(tables, out_dir, rules.hash, inputs)
    counts = {name: len(tables[name]) for name in CORPUS_TABLES if name in tables}
    threads, log = tables["threads"], tables["action_log"]
    return BatchResult(tuple(results), out_dir, manifest, counts,
                       recurring_threads=int((threads.groupby("thread_id")["meeting_id"].nunique() > 1).sum()),
                       followed_actions=int(log.loc[log["event"] != "raised", "action_id"].nunique()))
