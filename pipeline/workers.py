"""Documents processed in worker processes, each with a wall-clock timeout and a memory cap.

A document that hangs or eats memory costs its worker, never the batch: the parent kills a
worker whose document runs past ``timeout`` seconds and records the document as failed with
reason ``timeout``; a worker is started with its address space capped at what it holds when
ready plus ``max_memory`` bytes, so a document that needs more gets a ``MemoryError``
(reason ``oom``), and a worker killed from outside (the kernel's OOM killer) is reported as
``oom`` too. A killed worker is replaced and the batch goes on.

Workers are forked from a server process that has imported the pipeline once
(``forkserver``), so starting one costs milliseconds, and no thread of the parent (rich's
progress bar) is copied into them.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import resource
import signal
import time
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Iterable, Iterator

from .run import DocumentResult, failed_result, process_document
from .rules import load_rules


@dataclass(frozen=True)
class Limits:
    """What one document may take: seconds of wall-clock time, bytes of memory beyond what
    its worker holds when it starts (None: no limit)."""

    timeout: float | None = None
    max_memory: int | None = None


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


_READER_LIBRARIES = ("lxml.etree", "bs4.builder._lxml", "docx", "pdfplumber", "pypdfium2")
_OOM_EXIT = 75  # a worker's exit code when its memory cap was reached between documents


def _worker(rules_dir: str, max_memory: int | None, conn: Connection) -> None:
    """Serve documents over ``conn`` until told to stop: (index, path) in, (index, result) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    rules = load_rules(rules_dir)
    from .nlp import build_nlp

    build_nlp(rules)  # the models and matchers, built before the cap is measured
    # the readers import their parsers on first use: imported here, a worker's first
    # document does not pay for them under the cap (lxml failing to load there read as
    # "no tree builder" in a fresh clone's run)
    for module in _READER_LIBRARIES:
        importlib.import_module(module)
    if max_memory is not None:
        held = _address_space()
        if held is not None:
            cap = held + max_memory
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    conn.send("ready")  # a document's clock starts when it is given to a ready worker
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        except Exception:  # reading the task itself failed: under the cap, for want of memory
            if max_memory is None:
                raise
            os._exit(_OOM_EXIT)
        if task is None:
            return
        index, path = task
        try:
            result = process_document(path, rules, source=str(path))
            if max_memory is not None and result.row.reason == "internal_error" and result.row.message.startswith("SystemError"):
                # under the cap, C code that cannot allocate returns without an exception
                # ("error return without exception set"): the cap, not a bug
                result = failed_result(str(path), "oom", "ran out of the memory a document may use")
            # the document model is large and the parent needs only the records
            conn.send((index, replace(result, document=None)))
        except MemoryError:
            # the cap reached outside the document's own handling (sending its records):
            # the parent reads this exit code as oom
            os._exit(_OOM_EXIT)
        except Exception:
            if max_memory is None:
                raise  # a crash: the parent reports internal_error
            # process_document catches every error of the document's own; what escapes it
            # under the cap was raised in its handling of one (a SystemError where C code
            # could not allocate): the cap, not a bug
            os._exit(_OOM_EXIT)


class _Slot:
    """One worker process and the document it is working on."""

    def __init__(self, context, rules_dir: str, limits: Limits):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(rules_dir, limits.max_memory, child), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Path] | None = None
        self.started = 0.0
        self.ready = False

    def give(self, index: int, path: Path) -> None:
        self.task = (index, path)
        self.started = time.monotonic()
        self.conn.send(self.task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _context():
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    context = mp.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["pipeline.run", "pipeline.nlp"])
    return context


def process_in_workers(files: Iterable[Path], rules_dir: Path, workers: int, limits: Limits) -> Iterator[tuple[int, DocumentResult]]:
    """Yield ``(index, result)`` for every file, in the order they finish, each processed in
    one of ``workers`` worker processes under ``limits``."""
    pending = list(enumerate(files))
    pending.reverse()  # pop() from the end takes them in order
    if not pending:
        return
    context = _context()
    slots = [_Slot(context, str(rules_dir), limits) for _ in range(max(1, min(workers, len(pending))))]
    busy = 0

    def feed() -> int:
        given = 0
        for slot in slots:
            if slot.ready and slot.task is None and pending:
                slot.give(*pending.pop())
                given += 1
        return given

    try:
        while pending or busy:
            busy += feed()
            waiting = {slot.conn: slot for slot in slots if slot.task is not None or not slot.ready}
            working = [s.started for s in waiting.values() if s.task is not None]
            deadline = None
            if limits.timeout is not None and working:
                deadline = min(working) + limits.timeout
            ready = wait(list(waiting), timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
            for conn in ready:
                slot = waiting[conn]
                if not slot.ready:
                    try:
                        slot.ready = conn.recv() == "ready"
                    except (EOFError, OSError):
                        raise RuntimeError("a worker process could not start: see the messages above") from None
                    continue
                index, path = slot.task
                try:
                    _, result = conn.recv()
                except (EOFError, OSError):
                    # the worker died under the document: killed from outside (the kernel's
                    # OOM killer) or crashed in native code
                    slot.process.join(timeout=5)
                    code = slot.process.exitcode
                    reason = "oom" if code in (-signal.SIGKILL, -signal.SIGSEGV, _OOM_EXIT) else "internal_error"
                    result = failed_result(str(path), reason, f"the worker processing it died (exit code {code})")
                    slots[slots.index(slot)] = _replace(slot, context, rules_dir, limits)
                else:
                    slot.task = None
                busy -= 1
                # the worker's next document first: it works while the caller keeps this result
                busy += feed()
                yield index, result
            if limits.timeout is not None:
                now = time.monotonic()
                for slot in list(slots):
                    if slot.task is not None and now - slot.started >= limits.timeout:
                        index, path = slot.task
                        busy -= 1
                        slots[slots.index(slot)] = _replace(slot, context, rules_dir, limits)
                        yield index, failed_result(str(path), "timeout",
                                                   f"still running after {limits.timeout:g} s; its worker was stopped")
    finally:
        for slot in slots:
            if slot.task is not None:
                slot.kill()
            else:
                slot.stop()


def _replace(slot: _Slot, context, rules_dir, limits: Limits) -> _Slot:
    slot.kill()
    return _Slot(context, str(rules_dir), limits)
