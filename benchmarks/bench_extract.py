"""Speed and memory of extraction, stage by stage, against reading alone as the baseline.

    python benchmarks/bench_extract.py [FILE ...] [--repeat N]

Default input: the example minutes. Each file is processed ``--repeat`` times; the script prints
milliseconds per document for each stage (read; read + repair; the whole pipeline), documents per
second, peak Python memory (tracemalloc) and each stage's ratio to reading alone, measured in the
same run so the ratios hold whatever the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp import build_nlp  # noqa: E402
from pipeline.readers import read_bytes  # noqa: E402
from pipeline.repair import repair  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402
from pipeline.run import process_document  # noqa: E402


def timed(func, repeat: int) -> tuple[float, float]:
    """Median seconds per call, then peak traced memory in MiB of one more call.

    Memory is traced in a separate call: tracemalloc slows Python down several times and
    would distort the timings.
    """
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "raw" / "000_fc02012ef638ccbf.txt"])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    rules = load_rules(ROOT / "rules")
    start = time.perf_counter()
    build_nlp(rules)
    print(f"pipeline start-up (rules + spaCy components): {1000 * (time.perf_counter() - start):.0f} ms, once per process")

    for path in args.files:
        data = path.read_bytes()
        process_document(path, rules)  # warm caches before measuring
        stages = {
            "read": lambda data=data, path=path: read_bytes(data, str(path)),
            "read + repair": lambda data=data, path=path: repair(read_bytes(data, str(path)), rules),
            "whole pipeline": lambda path=path: process_document(path, rules),
        }
        results = {name: timed(func, args.repeat) for name, func in stages.items()}
        base = results["read"][0]
        print(f"\n{path.name}: {len(data) / 1024:.1f} KiB, {args.repeat} runs each (median)")
        print(f"  {'stage':<16}{'ms/doc':>10}{'docs/s':>10}{'peak MiB':>10}{'× read':>9}")
        for name, (seconds, peak) in results.items():
            print(f"  {name:<16}{1000 * seconds:>10.1f}{1 / seconds:>10.1f}{peak:>10.1f}{seconds / base:>9.1f}")
        kib_per_s = len(data) / 1024 / results["whole pipeline"][0]
        print(f"  throughput: {kib_per_s:.0f} KiB of minutes per second on one core")


if __name__ == "__main__":
    main()
