"""The ``minutes`` command.

Exit codes: 0 every input was processed (some may be ``partial``); 1 the run finished
but at least one input ``failed`` (see the summary and documents.csv); 2 usage error
(bad arguments, missing paths, invalid rules).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .batch import InputError, find_inputs, run_batch, write_dataset
from .distribute import ClusterError
from .errors import DocumentError, RulesError
from .outline import outline_document
from .rules import load_rules
from .workers import Limits

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn archived meeting minutes into a clean, queryable dataset.",
)
out = Console()
err = Console(stderr=True)


def _fail_usage(message: str) -> None:
    err.print(f"minutes: {message}", markup=False, highlight=False)
    raise typer.Exit(EXIT_USAGE)


def _load_rules(rules_dir: Optional[Path]):
    try:
        return load_rules(rules_dir)
    except RulesError as exc:
        _fail_usage(f"invalid rules: {exc}")


_SIZE_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def _parse_size(text: str) -> int:
    """Bytes of a size such as 512M, 2G, 1.5G or 1048576 (usage error otherwise)."""
    value = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = value[-1:] if value[-1:] in _SIZE_UNITS and value[-1:] else ""
    number = value[:-1] if unit else value
    try:
        size = float(number)
    except ValueError:
        _fail_usage(f"--max-memory: {text!r} is not a size such as 512M or 2G")
    if size < 0:
        _fail_usage("--max-memory must be 0 or more")
    return int(size * _SIZE_UNITS[unit])


def _parse_shard(text: str):
    from .shard import ShardError, parse_shard

    try:
        return parse_shard(text)
    except ShardError as exc:
        _fail_usage(str(exc))


def _shard_files(files: list[Path], roots: list[Path], shard) -> tuple[list[int], list[Path]]:
    """The positions among all inputs and the files of one shard."""
    from .shard import select_shard

    chosen = select_shard(files, roots, shard)
    return [i for i, _ in chosen], [f for _, f in chosen]


def _version(value: bool) -> None:
    if value:
        out.print(f"minutes {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Turn archived meeting minutes into a clean, queryable dataset."""


@app.command()
def extract(
    paths: Optional[list[Path]] = typer.Argument(None, help="Files and folders to read (folders recursively). Default: raw/"),
    out_dir: Path = typer.Option(Path("extracted"), "--out", "-o", help="Where to write the dataset."),
    rules_dir: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the built-in rules."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=0,
                                          help="Worker processes (default: every core). 0: no workers, "
                                               "every document in this process, no timeout or memory cap."),
    timeout: float = typer.Option(300.0, "--timeout", min=0.0,
                                  help="Seconds one document may take before its worker is stopped (reason timeout); 0: no limit."),
    max_memory: str = typer.Option("2G", "--max-memory",
                                   help="Memory one document may use beyond what its worker holds when ready, "
                                        "e.g. 512M, 2G (reason oom); 0: no limit."),
    reprocess: bool = typer.Option(False, "--reprocess",
                                   help="Process every document again, even those an earlier run into --out "
                                        "already did (its ledger, OUT/.minutes-ledger/)."),
    shard_text: Optional[str] = typer.Option(None, "--shard", metavar="i/N",
                                             help="Process only shard i of N of the inputs (chosen by a hash of each "
                                                  "path relative to its folder); `minutes merge` joins the N outputs."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Process the documents on this Dask cluster (e.g. tcp://host:8786; "
                                                 "needs minutes[dask]) instead of local workers; --workers, "
                                                 "--timeout and --max-memory then do not apply."),
) -> None:
    """Extract meetings, items, questions, responses and actions into CSV tables."""
    shard = _parse_shard(shard_text) if shard_text is not None else None
    if not paths:
        paths = [Path("raw")]
        if not paths[0].exists():
            _fail_usage("no input given and there is no raw/ folder here; name files or folders to read")
    rules = _load_rules(rules_dir)
    memory = _parse_size(max_memory)
    if workers is None:
        workers = os.cpu_count() or 1
    limits = Limits(timeout=timeout or None, max_memory=memory or None)
    try:
        files = find_inputs(paths)
    except InputError as exc:
        _fail_usage(str(exc))
    if not files:
        _fail_usage(f"no files found in {', '.join(map(str, paths))}")
    if out_dir.exists() and not out_dir.is_dir():
        _fail_usage(f"--out {out_dir} exists and is not a folder")
    all_files = files
    if shard is not None:
        positions, files = _shard_files(all_files, paths, shard)

    options = {"workers": workers, "limits": limits, "reprocess": reprocess, "scheduler": scheduler}
    try:
        if err.is_terminal and not quiet:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          console=err, transient=True) as progress:
                task = progress.add_task("extracting", total=len(files))
                batch = run_batch(files, rules, out_dir, on_done=lambda r: progress.advance(task), **options)
        else:
            batch = run_batch(files, rules, out_dir, **options)
    except ClusterError as exc:
        _fail_usage(str(exc))
    if shard is not None:
        from .shard import write_records

        write_records(out_dir, shard, len(all_files), positions, batch.results, rules.hash)

    if not quiet:
        _print_summary(batch)
    raise typer.Exit(EXIT_SOME_FAILED if batch.failed else EXIT_OK)


def _print_summary(batch) -> None:
    """One screen: counts per table, then the problems grouped by status and reason."""
    statuses = {s: sum(1 for r in batch.rows if r.status == s) for s in ("ok", "partial", "failed")}
    summary = Table(show_header=False, box=None, pad_edge=False)
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    summary.add_column()
    summary.add_row("documents", str(len(batch.rows)), f"ok {statuses['ok']}, partial {statuses['partial']}, failed {statuses['failed']}")
    for table in ("meetings", "items", "questions", "responses", "actions", "decisions", "notes", "mentions", "dates",
                  "statements", "topics", "people", "acronyms"):
        summary.add_row(table, str(batch.count(table)), "")
    # what follows matters across meetings: threads that reach a second meeting, actions
    # a later meeting spoke of
    summary.add_row("threads", str(batch.count("threads")), f"{batch.recurring_threads} across meetings")
    summary.add_row("action_log", str(batch.count("action_log")), f"{batch.followed_actions} actions followed up")
    out.print(f"minutes extract → {batch.out_dir}/", markup=False, highlight=False)
    processed = len(batch.rows) - batch.from_ledger - batch.duplicates
    copies = f", {batch.duplicates} {'copy' if batch.duplicates == 1 else 'copies'} of another input" if batch.duplicates else ""
    out.print(f"{batch.from_ledger} from the ledger, {processed} processed{copies}", markup=False, highlight=False)
    out.print(summary)
    problems = [r.row for r in batch.results if r.row.status != "ok"]
    if not problems:
        out.print("problems: none")
        return
    if len(problems) <= 5:
        listing = [(r.status, r.reason or "", r.source_path, r.message or "") for r in problems]
        out.print("problems:")
        for status, reason, path, message in listing:
            out.print(f"  {status:<8}{reason:<18}{path}: {message}", markup=False, highlight=False)
        return
    groups: dict[tuple[str, str], list] = {}
    for r in problems:
        groups.setdefault((r.status, r.reason or ""), []).append(r)
    out.print(f"problems ({len(problems)} documents; every one is in {batch.out_dir}/documents.csv):")
    for (status, reason), rows in sorted(groups.items()):
        example = rows[0]
        out.print(f"  {status:<8}{reason:<18}{len(rows):>5}  e.g. {example.source_path}: {example.message or ''}",
                  markup=False, highlight=False, overflow="ellipsis", no_wrap=True)


@app.command()
def merge(
    out_dir: Path = typer.Argument(..., help="Where to write the dataset of the whole archive."),
    shard_dirs: list[Path] = typer.Argument(..., help="The --out folders of the N `minutes extract --shard i/N` runs."),
    rules_dir: Optional[Path] = typer.Option(None, "--rules", help="The rules the shards were made with, if not the built-in rules."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Join the outputs of `minutes extract --shard i/N` (every i of one N) into one dataset,
    the same as one run over all the inputs: the per-meeting tables and the tables built
    across meetings are rebuilt from the shards' records (SHARD/shard.jsonl.gz)."""
    from .shard import ShardError, merge_records, read_records

    rules = _load_rules(rules_dir)
    if out_dir.exists() and not out_dir.is_dir():
        _fail_usage(f"{out_dir} exists and is not a folder")
    if any(out_dir.resolve() == d.resolve() for d in shard_dirs):
        _fail_usage(f"{out_dir} is one of the shards; write the merged dataset to another folder")
    try:
        results = merge_records([read_records(d) for d in shard_dirs], rules.hash)
    except ShardError as exc:
        _fail_usage(str(exc))
    batch = write_dataset(results, rules, out_dir)
    batch = replace(batch, duplicates=sum(1 for r in results if r.row.duplicate_of is not None))
    if not quiet:
        _print_summary(batch)
    raise typer.Exit(EXIT_SOME_FAILED if batch.failed else EXIT_OK)


@app.command()
def inspect(
    file: Path = typer.Argument(..., help="The file to show."),
    raw: bool = typer.Option(False, "--raw", help="Show the document as read, before layout repair."),
    rules_dir: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the built-in rules."),
    width: int = typer.Option(100, "--width", help="Characters of each text to show."),
) -> None:
    """Show how a file was read: format, pages, blocks, tables with rows and cells."""
    from .readers import read_document
    from .repair import repair

    if not file.is_file():
        _fail_usage(f"no such file: {file}")
    rules = _load_rules(rules_dir)
    try:
        doc = read_document(file, rules=rules)
        if not raw:
            doc = repair(doc, rules)
    except DocumentError as exc:
        err.print(f"minutes: {file}: {exc.reason}: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    note = "as read, before layout repair" if raw else "after layout repair"
    out.print(f"[{note}]", markup=False, highlight=False)
    out.print(outline_document(doc, width=width), markup=False, highlight=False, soft_wrap=True, end="")


@app.command()
def evaluate(
    gold_dir: Path = typer.Option(Path("tests/gold"), "--gold", help="The folder of gold files (tests/gold/README.md)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", envvar="MINUTES_CORPUS",
                                          help="Where the gold documents are. Default: the copies in GOLD/documents."),
    split: str = typer.Option("all", "--split", help="Score the dev documents, the holdout documents, or all."),
    misses: bool = typer.Option(False, "--misses", help="List every miss: what the gold has and the pipeline did not find, and the reverse."),
    rules_dir: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the built-in rules."),
) -> None:
    """Score the extraction against hand-checked gold values: precision, recall and F1 per field."""
    from .evaluation.gold import GoldError
    from .evaluation.report import document_table, field_table
    from .evaluation.runner import evaluate as run_evaluation

    if split not in ("all", "dev", "holdout"):
        _fail_usage(f"--split must be all, dev or holdout, not {split!r}")
    if not gold_dir.is_dir():
        _fail_usage(f"no gold folder at {gold_dir} (run from the project's root or pass --gold)")
    corpus = corpus or gold_dir / "documents"
    rules = _load_rules(rules_dir)
    try:
        evaluation = run_evaluation(gold_dir, corpus, rules, split)
    except (GoldError, FileNotFoundError) as exc:
        _fail_usage(str(exc))
    if not evaluation.documents:
        _fail_usage(f"no gold files for split {split!r} in {gold_dir}")
    wide = Console(width=max(out.width, 150)) if not out.is_terminal else out
    wide.print(document_table(evaluation))
    title = (f"{len(evaluation.documents)} documents, {len(evaluation.organisations())} organisations "
             f"(split: {split})")
    wide.print(field_table(evaluation, title))
    if misses:
        out.print("misses:")
        for line in evaluation.total.misses:
            out.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def report(
    data_dir: Path = typer.Option(Path("extracted"), "--data", help="The dataset folder `minutes extract` wrote."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The HTML file to write. Default: DATA/report.html"),
    rules_dir: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the built-in rules (topic labels)."),
) -> None:
    """Write one self-contained HTML report with charts of a dataset (opens offline)."""
    from .analysis.data import DatasetError
    from .analysis.report import write_report

    output = output or data_dir / "report.html"
    if output.is_dir():
        _fail_usage(f"--output {output} is a folder; name the HTML file to write")
    rules = _load_rules(rules_dir)
    try:
        written = write_report(data_dir, output, rules)
    except DatasetError as exc:
        _fail_usage(str(exc))
    out.print(f"minutes report → {written} ({written.stat().st_size / 1e6:.1f} MB)", markup=False, highlight=False)


def _load_dataset(data_dir: Path) -> dict:
    from .analysis.data import DatasetError, load_dataset

    try:
        return load_dataset(data_dir)
    except DatasetError as exc:
        _fail_usage(str(exc))


@app.command()
def concerns(
    data_dir: Path = typer.Option(Path("extracted"), "--data", "-d", help="The dataset folder `minutes extract` wrote."),
    by: str = typer.Option("all", "--by", help="Rank topics, threads, or both (all)."),
    top: int = typer.Option(20, "--top", "-n", help="How many to show (0: all)."),
    min_meetings: int = typer.Option(1, "--min-meetings", help="Only what was seen in at least this many meetings."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV instead of a table (every column, for a spreadsheet)."),
    rules_dir: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the built-in rules (topic labels)."),
) -> None:
    """Rank the recurring concerns: topics and threads by the number of meetings they came up
    in, with first and last seen, the longest run of consecutive meetings, concern
    statements and open actions."""
    from .analysis.concerns import recurring_concerns, topic_labels

    if by not in ("all", "topic", "thread"):
        _fail_usage(f"--by must be all, topic or thread, not {by!r}")
    if top < 0 or min_meetings < 0:
        _fail_usage("--top and --min-meetings must be 0 or more")
    tables = _load_dataset(data_dir)
    ranked = recurring_concerns(tables, topic_labels(_load_rules(rules_dir)), by=by, min_meetings=min_meetings)
    shown = ranked if top == 0 else ranked.head(top)
    if as_csv:
        sys.stdout.write(shown.to_csv(index=False, lineterminator="\n"))
        return
    meetings = tables["meetings"]
    # piped or narrow, rich would wrap every cell into a column of fragments
    wide = out if out.is_terminal and out.width >= 100 else Console(width=max(out.width, 140))
    wide.print(f"recurring concerns in {data_dir}/ ({len(meetings)} meetings, "
              f"{meetings['series'].nunique()} series); ranked by meetings, longest run, concerns, open actions",
              markup=False, highlight=False)
    if shown.empty:
        wide.print("nothing to rank: no topics or threads in this dataset", markup=False, highlight=False)
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column, justify in (("#", "right"), ("kind", "left"), ("topic or thread", "left"), ("meetings", "right"),
                            ("first seen", "left"), ("last seen", "left"), ("longest run", "right"),
                            ("concerns", "right"), ("open actions", "right")):
        table.add_column(column, justify=justify, no_wrap=column != "topic or thread",
                         overflow="ellipsis", max_width=60 if column == "topic or thread" else None)
    for row in shown.itertuples():
        table.add_row(str(row.rank), row.kind, row.label, str(row.meetings), row.first_seen or "", row.last_seen or "",
                      str(row.longest_run), str(row.concerns), str(row.open_actions))
    wide.print(table)
    if top and len(ranked) > top:
        wide.print(f"… {len(ranked) - top} more (--top 0 shows all)", markup=False, highlight=False)


@app.command()
def validate(
    data_dir: Path = typer.Option(Path("extracted"), "--data", "-d", help="The dataset folder `minutes extract` wrote."),
) -> None:
    """Check every table against datapackage.json with frictionless (types, allowed values,
    primary and foreign keys, checksums); exit 1 on any violation."""
    from .write.validate import ValidationSetupError, summary_lines, validate_dataset

    try:
        report = validate_dataset(data_dir)
    except ValidationSetupError as exc:
        _fail_usage(str(exc))
    for line in summary_lines(report):
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    if not report.valid:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def export(
    for_excel: bool = typer.Option(False, "--for-excel", help="CSVs for Excel: UTF-8 with BOM, CRLF, formula-like cells prefixed with '."),
    data_dir: Path = typer.Option(Path("extracted"), "--data", "-d", help="The dataset folder `minutes extract` wrote."),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Where to write the copies. Default: DATA/excel"),
) -> None:
    """Export copies of the dataset's CSVs for other programs (the canonical CSVs stay as they are)."""
    from .write.excel import export_for_excel

    if not for_excel:
        _fail_usage("say which export: --for-excel")
    target = out_dir or data_dir / "excel"
    try:
        written = export_for_excel(data_dir, target)
    except (ValueError, FileNotFoundError) as exc:
        _fail_usage(str(exc))
    out.print(f"minutes export → {target} ({len(written)} CSVs for Excel)", markup=False, highlight=False)


@app.command()
def query(
    sql: str = typer.Argument(..., help="The SQL to run (DuckDB), e.g. \"SELECT kind, count(*) FROM items GROUP BY kind\"."),
    data_dir: Path = typer.Option(Path("extracted"), "--data", "-d", help="The dataset folder `minutes extract` wrote."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Run SQL over the dataset (its minutes.duckdb, read-only; else its CSVs) and print the rows.
    Tables as in docs/schema.md, plus the views open_actions, questions_with_responses, people_mentions."""
    from .analysis.data import DatasetError
    from .query import FORMATS, QueryError, as_csv, as_json, as_table, run_query

    if output_format not in FORMATS:
        _fail_usage(f"--format must be {', '.join(FORMATS)}, not {output_format!r}")
    try:
        result = run_query(data_dir, sql)
    except DatasetError as exc:
        _fail_usage(str(exc))
    except QueryError as exc:
        _fail_usage(f"query failed: {exc}")
    if output_format == "csv":
        sys.stdout.write(as_csv(result))
    elif output_format == "json":
        sys.stdout.write(as_json(result))
    else:
        # piped or narrow, rich would wrap every cell into a column of fragments
        wide = out if out.is_terminal and out.width >= 100 else Console(width=max(out.width, 140))
        wide.print(as_table(result))


@app.command()
def serve(
    data_dir: Path = typer.Option(Path("extracted"), "--data", "-d", help="The dataset folder `minutes extract` wrote."),
    port: int = typer.Option(8001, "--port", "-p", min=0, max=65535, help="Port to listen on (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
) -> None:
    """Browse and search the dataset in Datasette (needs minutes[serve]): serves DATA/minutes.sqlite
    until interrupted."""
    from .serve import ServeError, serve as run_datasette

    try:
        run_datasette(data_dir, host=host, port=port)
    except ServeError as exc:
        _fail_usage(str(exc))


def main() -> None:
    """Entry point of the ``minutes`` console command."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("minutes: interrupted")
        sys.exit(130)
