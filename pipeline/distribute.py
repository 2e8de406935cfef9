"""Documents processed on a Dask distributed cluster (``minutes extract --scheduler ADDRESS``).

The cluster runs the same per-document function as the local workers
(``run.process_document``), on batches of documents so that a task is worth its round trip,
and sends back each result without its document model (the records are all the dataset
needs). The driver imports nothing of Dask until it is used (``pip install minutes[dask]``).

What the workers need: ``minutes`` installed, the input files at the same paths (a shared
filesystem), and the rules folder at the same path. The ``Rules`` object pickles, but the
spaCy components re-read the rules from ``rules.directory`` when a worker builds its
pipeline, so each worker loads the rules from that path once, and a worker that finds
rules different from the driver's (another hash) stops the run rather than produce other
records.

The per-document ``--timeout`` and ``--max-memory`` of local workers do not apply: a
cluster has its own memory limits (a worker over them is restarted by its nanny). A batch
whose worker died is retried one document at a time, and a document alone whose worker
died is run again twice (a dying worker also takes down the tasks queued behind the one
that killed it), so only the document that kills a worker each time is recorded as failed.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import RulesError
from .rules import Rules, load_rules
from .run import DocumentResult, failed_result, process_document

_MAX_BATCH = 16  # documents per task, at most: enough to hide the round trip, few enough to balance
_SOLO_RETRIES = 2  # further runs of a document alone whose worker died before it is failed


class ClusterError(RuntimeError):
    """The cluster cannot be reached, or its workers cannot run these rules."""


@lru_cache(maxsize=2)
def _worker_rules(rules_dir: str, rules_hash: str) -> Rules:
    try:
        rules = load_rules(rules_dir)
    except RulesError as exc:
        raise ClusterError(f"a worker cannot load the rules at {rules_dir}: {exc}") from None
    if rules.hash != rules_hash:
        raise ClusterError(f"a worker has other rules at {rules_dir} (hash {rules.hash[:12]}, "
                           f"the driver's {rules_hash[:12]}); give every worker the same rules folder")
    return rules


def process_batch(tasks: list[tuple[int, str]], rules_dir: str, rules_hash: str) -> list[tuple[int, DocumentResult]]:
    """Run on a worker: ``(index, result)`` for each ``(index, path)``, results without their document."""
    rules = _worker_rules(rules_dir, rules_hash)
    return [(index, replace(process_document(path, rules, source=path), document=None)) for index, path in tasks]


def batch_size(documents: int, threads: int) -> int:
    """Documents per task: about four tasks per worker thread, so a slow batch does not
    leave the others idle at the end, and at most ``_MAX_BATCH``."""
    return max(1, min(_MAX_BATCH, documents // max(1, 4 * threads)))


def process_on_dask(files: Iterable[Path], rules: Rules, address: str,
                    batch_size_: int | None = None, run_batch=None) -> Iterator[tuple[int, DocumentResult]]:
    """Yield ``(index, result)`` for every file, in the order they finish, each processed
    on the Dask cluster whose scheduler is at ``address``. ``run_batch`` replaces
    ``process_batch`` on the workers (a test's worker that dies on one document)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'minutes[dask]'") from None
    tasks = [(index, str(path)) for index, path in enumerate(files)]
    if not tasks:
        return
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        size = batch_size_ or batch_size(len(tasks), sum(client.nthreads().values()))
        options = {"rules_dir": str(rules.directory), "rules_hash": rules.hash}
        function = run_batch or process_batch
        tries: dict[int, int] = {}  # failed runs of a document alone
        batches = {client.submit(function, tasks[k:k + size], **options, pure=False): tasks[k:k + size]
                   for k in range(0, len(tasks), size)}
        finished = as_completed(list(batches), loop=client.loop)
        for future in finished:
            batch = batches.pop(future)
            if future.status == "finished":
                yield from future.result()
                continue
            error = future.exception() if future.status == "error" else RuntimeError(f"the task was {future.status}")
            if isinstance(error, ClusterError):
                raise ClusterError(str(error))
            if len(batch) == 1:
                index, path = batch[0]
                tries[index] = tries.get(index, 0) + 1
                if tries[index] <= _SOLO_RETRIES:
                    # a worker that dies takes the tasks queued on it down too: a document
                    # waiting behind the one that killed it gets another try
                    retry = client.submit(function, batch, **options, pure=False)
                    batches[retry] = batch
                    finished.add(retry)
                    continue
                # this document alone took its worker down each time (or hit a failure
                # outside the pipeline): it fails, the batch goes on
                yield index, failed_result(path, "internal_error", f"its Dask worker failed: {type(error).__name__}: {error}")
                continue
            for task in batch:  # which document of the batch killed the worker is unknown: try each alone
                retry = client.submit(function, [task], **options, pure=False)
                batches[retry] = [task]
                finished.add(retry)
    finally:
        for future in list(batches):
            future.cancel()
        client.close()
