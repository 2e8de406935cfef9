"""Speed and memory of the tables built across meetings (threads, action log), as the
number of meetings grows, against TF-IDF alone on the same texts as the baseline.

    python benchmarks/bench_across.py [--meetings 12,48,192] [--repeat N]

The input is the example minutes and the generated later months (tests/fixtures/
generated-assurance-series), extracted once and then repeated as a longer series: each copy
is the same meetings one year later (new ids and dates), so the finding labels recur and the
actions have later meetings to be followed in, as in a real archive of monthly meetings.
For each size the script prints items, actions, the seconds and peak Python memory
(tracemalloc) of ``build_threads`` and ``build_action_log``, and their ratio to fitting
TF-IDF on the same texts (``vectorise``), measured in the same run so the ratios hold on any
machine. Time per meeting should stay about flat as the series grows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.across.action_log import build_action_log, sentences  # noqa: E402
from pipeline.across.series import link_series  # noqa: E402
from pipeline.across.similarity import vectorise  # noqa: E402
from pipeline.across.threads import build_threads  # noqa: E402
from pipeline.records import TEXT_TABLES, MeetingRecords  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402
from pipeline.run import process_document  # noqa: E402

SERIES = ROOT / "tests" / "fixtures" / "generated-assurance-series"


def base_meetings(rules) -> list[MeetingRecords]:
    """The seed and the generated months, extracted and linked into one series."""
    files = [next((ROOT / "raw").glob("*.txt")), *sorted(SERIES.glob("generated-assurance-*.txt"))]
    meetings = [m for f in files for m in process_document(f, rules, source=f.name).meetings]
    return link_series(meetings, rules)


def _shift(value: str, tag: str) -> str:
    return value.replace("-", f"-y{tag}-", 1) if value else value


def repeated(meetings: list[MeetingRecords], copies: int) -> list[MeetingRecords]:
    """``copies`` copies of the meetings, copy k dated k years later, every id made unique."""
    out = []
    for k in range(copies):
        for m in meetings:
            meeting = m.meeting
            year = int(meeting.date[:4]) + k
            tag = f"{k:04d}"

            def moved(record, tag=tag, **fields):
                return replace(record, meeting_id=_shift(record.meeting_id, tag), **fields)

            out.append(replace(
                m,
                meeting=replace(meeting, meeting_id=_shift(meeting.meeting_id, tag), date=f"{year}{meeting.date[4:]}"),
                items=tuple(moved(i, item_id=_shift(i.item_id, tag)) for i in m.items),
                questions=tuple(moved(q, item_id=_shift(q.item_id, tag), question_id=_shift(q.question_id, tag))
                                for q in m.questions),
                responses=tuple(moved(r, item_id=_shift(r.item_id, tag), response_id=_shift(r.response_id, tag))
                                for r in m.responses),
                actions=tuple(moved(a, action_id=_shift(a.action_id, tag),
                                    due_date=f"{int(a.due_date[:4]) + k}{a.due_date[4:]}" if a.due_date else None)
                              for a in m.actions),
                notes=tuple(moved(n, note_id=_shift(n.note_id, tag)) for n in m.notes),
                decisions=tuple(moved(d, decision_id=_shift(d.decision_id, tag)) for d in m.decisions),
            ))
    return out


def measure(run, repeat: int) -> tuple[float, float]:
    """(median seconds, peak MiB) of ``run()``."""
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(seconds), peak


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", default="12,48,192", help="Series lengths to measure, comma-separated.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rules = load_rules()
    base = base_meetings(rules)
    print(f"series of {len(base)} meetings (the seed and the generated months) repeated a year apart")
    print(f"{'stage':<18}{'meetings':>9}{'items':>7}{'actions':>8}{'seconds':>9}{'ms/meeting':>11}"
          f"{'peak MiB':>9}{'× tf-idf':>9}")
    for size in (int(s) for s in args.meetings.split(",")):
        meetings = repeated(base, max(1, size // len(base)))
        items = sum(len(m.items) for m in meetings)
        actions = sum(len(m.actions) for m in meetings)
        # the baseline: TF-IDF fitted on the texts the two builders read
        texts = [i.text or "" for m in meetings for i in m.items]
        texts += [s for m in meetings for t in TEXT_TABLES for r in getattr(m, t) for s in sentences(r.text)]
        baseline, base_peak = measure(lambda texts=texts: vectorise(texts), args.repeat)
        for stage, run in (("tf-idf alone", None),
                           ("threads", lambda m=meetings: build_threads(m, rules)),
                           ("action log", lambda m=meetings: build_action_log(m, rules))):
            seconds, peak = (baseline, base_peak) if run is None else measure(run, args.repeat)
            print(f"{stage:<18}{len(meetings):>9}{items:>7}{actions:>8}{seconds:>9.3f}"
                  f"{1000 * seconds / len(meetings):>11.2f}{peak:>9.1f}{seconds / baseline:>9.2f}")


if __name__ == "__main__":
    main()
