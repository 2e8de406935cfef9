"""Speed and memory of converting a whole archive, against pdfplumber's bare extraction.

    python benchmarks/bench_archive.py [--documents 200,600] [--workers N] [--keep DIR]

Builds an archive in a temporary folder from the repository's fixtures (tests/fixtures/*/
source.*, the seed rendered as PDF, DOCX and HTML, the generated series), copied and renamed
until it holds the number of documents asked for, each copy with a few bytes changed so that
it has a content hash of its own (a run processes a file with the same content as another
only once): trailing whitespace for text, an HTML comment, a PDF comment after ``%%EOF``, a
ZIP comment for DOCX. Then, for each size, the whole pipeline (``run_batch``, as
``minutes extract``) with every worker, and at the largest size with one worker too,
printing documents/s, pages/s and the peak memory of the parent and its workers (the sum of
their resident sets, sampled every 50 ms; pages shared by forked workers count once per
process, so it overstates a little); then the largest archive again into the same output
folder, unchanged (every document from the ledger), with its time as a share of the first
run's. Next to it, pdfplumber's bare
``page.extract_text()`` + ``page.extract_tables()`` over the same PDFs, in one process,
and the ratio of the pipeline's time on those PDFs (one worker: the time between their
results) to it, measured in the same run so the ratio holds on any machine; and the same
ratio, as a speed-up, on the table-heavy PDFs (pdfplumber finds a table on at least half of
their pages); and, less open to a machine whose speed changes during the run, the same
comparison side by side: each distinct table-heavy PDF through the whole pipeline and
through pdfplumber one after the other, three times, the best CPU time of each. Peak memory at
each size shows whether memory stays flat as the archive grows.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.batch import run_batch  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def sources() -> list[Path]:
    """The fixture documents, interleaved by format so a small archive has every format
    (text first: the first result of a run also waits for its worker to start)."""
    found = sorted(FIXTURES.glob("*/source.*")) + sorted(FIXTURES.glob("seed/rendered*"))
    found += sorted(FIXTURES.glob("generated-assurance-series/*.txt"))
    by_format: dict[str, list[Path]] = {}
    for f in found:
        by_format.setdefault(f.suffix, []).append(f)
    order = []
    while any(by_format.values()):
        for suffix in (".txt", ".pdf", ".docx", ".html"):
            if by_format.get(suffix):
                order.append(by_format[suffix].pop(0))
    return order


def _make_unique(path: Path, k: int) -> None:
    """Change a few bytes of a copy so its hash is its own, without changing what it says."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path, "a") as z:
            z.comment = f"copy {k}".encode()
    elif path.suffix == ".pdf":
        with path.open("ab") as f:
            f.write(f"\n%copy {k}\n".encode())
    elif path.suffix == ".html":
        with path.open("ab") as f:
            f.write(f"\n<!-- copy {k} -->\n".encode())
    else:  # plain text: k written as trailing spaces and tabs, nothing a reader shows
        with path.open("ab") as f:
            f.write(("\n" + format(k, "b").replace("0", " ").replace("1", "\t") + "\n").encode())


def build_archive(folder: Path, documents: int) -> list[Path]:
    """``documents`` unique files in ``folder`` (50 per sub-folder, as years of an archive)."""
    base = sources()
    files = []
    for k in range(documents):
        source = base[k % len(base)]
        target = folder / f"batch-{k // 50:03d}" / f"{k:05d}-{source.parent.name}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        _make_unique(target, k)
        files.append(target)
    return files


# --- memory -----------------------------------------------------------------------------------


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _descendants(pid: int) -> list[int]:
    """Every process started under ``pid`` (Linux /proc), for when psutil is absent."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        out += children
        todo += children
    return out


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and every process under it."""
    try:
        import psutil
    except ImportError:
        return sum(_rss(p) for p in [pid, *_descendants(pid)])
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


class PeakMemory:
    """The highest ``tree_rss`` of a process seen while the block runs."""

    def __init__(self, pid: int | None = None):
        self.pid = pid or os.getpid()
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss(self.pid))


# --- the runs ---------------------------------------------------------------------------------


def run_pipeline(files: list[Path], rules, workers: int, out: Path, fresh: bool = True) -> dict:
    """One batch as ``minutes extract -j workers``: seconds, pages, peak memory, and the
    seconds between consecutive results (with one worker: each document's own time).
    ``fresh``: into an empty output folder (else into the last run's, whose ledger then
    gives every unchanged document)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)  # nothing from a ledger
    gaps: list[float] = []
    last = [0.0]

    def done(result) -> None:
        now = time.perf_counter()
        gaps.append((result.row.source_path, now - last[0]))
        last[0] = now

    with PeakMemory() as memory:
        start = last[0] = time.perf_counter()
        batch = run_batch(files, rules, out, on_done=done, workers=workers)
        seconds = time.perf_counter() - start
    pages = sum(r.row.pages or 0 for r in batch.results)
    return {"documents": len(files), "pages": pages, "seconds": seconds, "peak": memory.peak, "gaps": gaps}


def _pdfplumber_worker(paths: list[str], conn) -> None:
    import pdfplumber

    pages, times, share = 0, {}, {}
    for path in paths:
        start = time.perf_counter()
        with_tables = count = 0
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    with_tables += bool(page.extract_tables())
                    count += 1
        except Exception:  # a PDF pdfplumber cannot open costs nothing more, as in the pipeline
            pass
        times[path] = time.perf_counter() - start
        pages += count
        share[path] = with_tables / count if count else 0.0
    conn.send((pages, times, share))


def run_pdfplumber(pdfs: list[Path]) -> dict:
    """pdfplumber alone over the PDFs, in one fresh process (its memory measured on its own)."""
    context = mp.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_pdfplumber_worker, args=([str(p) for p in pdfs], child))
    process.start()
    with PeakMemory(process.pid) as memory:
        pages, times, share = parent.recv()
    process.join()
    return {"documents": len(pdfs), "pages": pages, "seconds": sum(times.values()), "peak": memory.peak, "times": times,
            "table_share": share}


def _pdfplumber_bare(path: Path) -> None:
    """pdfplumber's bare text and table extraction of one PDF (the baseline)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def interleaved(pdfs: list[Path], rules, rounds: int = 3) -> tuple[float, float]:
    """The whole pipeline (``process_document``, in this process) and pdfplumber's bare
    extraction, one after the other on each PDF, ``rounds`` times; the best time of each
    on each PDF, summed. Measured side by side, a machine that slows down for a while
    slows both alike: the ratio does not depend on when it was measured."""
    from pipeline.run import process_document

    best_pipeline = {p: float("inf") for p in pdfs}
    best_bare = {p: float("inf") for p in pdfs}
    for path in pdfs:  # warm: the NLP built, pdfplumber imported
        process_document(path, rules)
        _pdfplumber_bare(path)
    for _ in range(rounds):
        for path in pdfs:
            start = time.process_time()
            process_document(path, rules)
            best_pipeline[path] = min(best_pipeline[path], time.process_time() - start)
            start = time.process_time()
            _pdfplumber_bare(path)
            best_bare[path] = min(best_bare[path], time.process_time() - start)
    return sum(best_pipeline.values()), sum(best_bare.values())


def row(label: str, run: dict) -> str:
    docs, pages, seconds = run["documents"], run["pages"], run["seconds"]
    return (f"{label:<34}{docs:>9}{pages:>7}{seconds:>9.1f}{docs / seconds:>9.2f}{pages / seconds:>9.1f}"
            f"{run['peak'] / 2**20:>10.0f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="200,600", help="Archive sizes to measure, comma-separated.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="'All workers' (default: every core).")
    parser.add_argument("--keep", type=Path, help="Build the archive and outputs here and keep them.")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.documents.split(","))
    rules = load_rules()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-archive-"))
    try:
        files = build_archive(work / "archive", sizes[-1])
        largest = files
        pdfs = [f for f in largest if f.suffix == ".pdf"]
        formats = {s: sum(1 for f in largest if f.suffix == s) for s in (".pdf", ".docx", ".html", ".txt")}
        mib = sum(f.stat().st_size for f in largest) / 2**20
        print(f"archive: {len(largest)} documents ({', '.join(f'{n} {s[1:]}' for s, n in formats.items())}), "
              f"{mib:.1f} MiB; {args.workers} workers = every core")
        print(f"{'run':<34}{'documents':>9}{'pages':>7}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}{'peak MiB':>10}")
        run_pipeline(files[:1], rules, 1, work / "out")  # not measured: starts the fork server once
        growth = []
        for size in sizes:
            run = run_pipeline(files[:size], rules, args.workers, work / "out")
            growth.append((size, run["peak"]))
            print(row(f"pipeline, {args.workers} workers", run))
        again = run_pipeline(largest, rules, args.workers, work / "out", fresh=False)
        print(row(f"re-run, unchanged, {args.workers} workers", again))
        print(f"re-run of the unchanged archive: {again['seconds'] / run['seconds']:.2f}× the first run's time "
              "(documents from the ledger; the tables across meetings and the files rebuilt)")
        one = run_pipeline(largest, rules, 1, work / "out")
        print(row("pipeline, 1 worker", one))
        bare = run_pdfplumber(pdfs)
        # the same PDFs, so the same pages (pdfplumber's count: the pipeline has none for a
        # PDF it refuses, e.g. needs_ocr)
        mine = {path: gap for path, gap in one["gaps"][1:] if path in bare["times"]}  # the first waited for the worker
        seconds = sum(gap for path, gap in one["gaps"] if path in bare["times"])
        on_pdfs = {"documents": len(pdfs), "pages": bare["pages"], "seconds": seconds, "peak": one["peak"]}
        print(row("pipeline, 1 worker, its PDFs", on_pdfs))
        print(row("pdfplumber text+tables, same PDFs", bare))
        ratio = sum(mine.values()) / sum(bare["times"][p] for p in mine)
        print(f"ratio: the pipeline takes {ratio:.2f}× pdfplumber's time on the same {len(mine)} PDFs (one process each)")
        # table-heavy: pdfplumber finds a table on at least half of the PDF's pages
        heavy = [p for p in mine if bare["table_share"][p] >= 0.5]
        if heavy:
            speedup = sum(bare["times"][p] for p in heavy) / sum(mine[p] for p in heavy)
            print(f"table-heavy PDFs ({len(heavy)}, a table on half their pages or more): the whole pipeline on one "
                  f"worker is {speedup:.1f}× faster than pdfplumber's bare text+table extraction")
        else:
            print("table-heavy PDFs (0, a table on half their pages or more): none in this archive")
        # the same comparison, side by side: each distinct table-heavy source PDF
        distinct: dict[str, Path] = {}
        for path in heavy:  # "00042-suffolk-board-2014-01-30.pdf": a copy of a fixture
            distinct.setdefault(Path(path).name.split("-", 1)[-1], Path(path))
        if distinct:
            pipeline_s, bare_s = interleaved(sorted(distinct.values()), rules)
            print(f"table-heavy PDFs side by side ({len(distinct)} distinct files, best of 3, CPU time): the whole "
                  f"pipeline takes {pipeline_s:.3f} s, pdfplumber's bare extraction {bare_s:.3f} s: "
                  f"{bare_s / pipeline_s:.1f}× faster")
        print("memory as the archive grows: " + ", ".join(f"{size} documents {peak / 2**20:.0f} MiB"
                                                           for size, peak in growth))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
