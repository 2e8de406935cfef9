"""Speed and memory of tagging (people and dates), against spaCy's own tokenizer as the baseline.

    python benchmarks/bench_tagging.py [FILE ...] [--repeat N]

Default input: the example minutes (``raw/``). Each file is extracted once; its record texts
(the meeting's title and the text of every item, question, response, action, decision and note,
as ``pipeline.tag.tag_records`` takes them) and its meeting context (the attendance list and the
date) are kept, then every stage runs over all the texts ``--repeat`` times. The script prints
tokens, tokens per second, milliseconds per document (one input file), peak Python memory
(tracemalloc) and each stage's ratio to tokenizing alone, measured in the same run so the
ratios hold whatever the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp import MeetingContext, PeopleIndex, Person, annotate, build_nlp  # noqa: E402
from pipeline.nlp.topics import meeting_topics  # noqa: E402
from pipeline.records import MeetingRecords, record_texts  # noqa: E402
from pipeline.rules import Rules, load_rules  # noqa: E402
from pipeline.run import process_document  # noqa: E402
from pipeline.tag import tag_records  # noqa: E402

# every component build_nlp adds; a stage names the ones it keeps, the others are disabled
COMPONENTS = ("minutes_sentences", "minutes_people", "minutes_dates", "minutes_turns", "minutes_cues")
SENTENCES = ("minutes_sentences",)


@dataclass
class Meeting:
    """One meeting's records, the texts tagging reads in them, and what builds its context."""

    records: MeetingRecords
    texts: list[str]
    meeting_date: date | None
    people: list[Person]

    def context(self, rules: Rules) -> MeetingContext:
        """A fresh context, built as ``segment_meeting`` builds it.

        Fresh on every call: the attendees' name matcher is built lazily, once per meeting,
        and that cost belongs to tagging a meeting.
        """
        return MeetingContext(self.meeting_date, PeopleIndex(self.people, rules.people))


def meetings_of(path: Path, rules: Rules) -> list[Meeting]:
    """The meetings extracted from one file (none when the file failed)."""
    result = process_document(path, rules)
    found = []
    for records in result.meetings:
        people = [Person(a.person_id, a.name, a.role, a.abbrev) for a in records.attendees]
        day = date.fromisoformat(records.meeting.date) if records.meeting.date else None
        found.append(Meeting(records, [text for _, _, text in record_texts(records)], day, people))
    return found


def timed(stages: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """Each stage's median seconds per call, then peak traced memory in MiB of one more call.

    The stages take turns, one call each per round, so that a machine busy with something
    else for a while slows them all alike and the ratios still hold. Memory is traced in
    separate calls: tracemalloc slows Python down several times and would distort the timings.
    """
    for func in stages.values():
        func()  # warm caches (spaCy's lexeme store) before measuring
    times: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(repeat):
        for name, func in stages.items():
            start = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - start)
    results = {}
    for name, func in stages.items():
        tracemalloc.start()
        func()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[name] = (statistics.median(times[name]), peak / 2**20)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = args.files or sorted(p for p in (ROOT / "raw").iterdir() if p.is_file())

    rules = load_rules(ROOT / "rules")
    start = time.perf_counter()
    nlp = build_nlp(rules)
    if tuple(nlp.pipe_names) != COMPONENTS:
        sys.exit(f"COMPONENTS is not the pipeline's components any more: {nlp.pipe_names}")
    print(f"pipeline start-up (rules + spaCy components): {1000 * (time.perf_counter() - start):.0f} ms, once per process")
    tokenizer = spacy.blank("en")  # spaCy's own English tokenizer, nothing added

    meetings = [m for path in files for m in meetings_of(path, rules)]
    texts = [t for m in meetings for t in m.texts]
    if not texts:
        sys.exit("no record texts: no meeting was extracted from the files given")
    tokens = sum(len(tokenizer.make_doc(t)) for t in texts)

    # every stage works meeting by meeting and lets each meeting's docs go before the next,
    # as the pipeline does, so peak memory is that of one meeting in every row
    def each_meeting(work):
        def run():
            for m in meetings:
                work(m)
        return run

    def pipeline_with(*keep: str):
        disable = [c for c in COMPONENTS if c not in keep]
        return each_meeting(lambda m: annotate(nlp, m.texts, m.context(rules), disable=disable))

    stages = {
        "spaCy tokenizer": each_meeting(lambda m: [tokenizer.make_doc(t) for t in m.texts]),
        "sentences": pipeline_with(*SENTENCES),
        "people": pipeline_with(*SENTENCES, "minutes_people"),
        "dates": pipeline_with(*SENTENCES, "minutes_dates"),
        # on the plain texts, no spaCy: one scan of each text for every topic's cues
        "topics": each_meeting(lambda m: meeting_topics(m.records, rules.topics)),
        "tag_records": each_meeting(lambda m: tag_records(m.records, m.context(rules), nlp, rules)),
        "+ turns, cues": pipeline_with(*COMPONENTS),
    }
    results = timed(stages, args.repeat)
    base = results["spaCy tokenizer"][0]

    print(f"\n{len(files)} document(s), {len(meetings)} meeting(s), {len(texts)} record texts, "
          f"{tokens} tokens, {sum(map(len, texts)) / 1024:.1f} KiB of text; {args.repeat} runs each (median)")
    print("  sentences: sentence boundaries (the sentencizer's, list numbers moved) only; people, dates: that component on top of them;")
    print("  topics: the topic cues (rules/topics.yaml) over the same texts but the title, and the items' titles;")
    print("  tag_records: the pipeline's tagging step (sentences, people, dates, topics, and the records made of them);")
    print("  + turns, cues: every component (the segmenter's speaker and cue pass adds turns and cues; here on the same texts)")
    print(f"  {'stage':<17}{'tokens':>8}{'tokens/s':>11}{'ms/doc':>9}{'peak MiB':>10}{'× tokenizer':>13}")
    for name, (seconds, peak) in results.items():
        print(f"  {name:<17}{tokens:>8}{tokens / seconds:>11.0f}{1000 * seconds / len(files):>9.1f}"
              f"{peak:>10.1f}{seconds / base:>13.1f}")


if __name__ == "__main__":
    main()
