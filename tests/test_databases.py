"""minutes.duckdb, minutes.sqlite and `minutes query`, on the seed's dataset: every table
with the CSV's rows, the views against pandas computations of the same thing, keys and
full-text search in SQLite."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.analysis.data import load_dataset
from pipeline.analysis.report_data import current_statuses
from pipeline.records import TABLES, Action, ActionEvent, Meeting
from pipeline.write.duckdb_file import load_tables
from pipeline.write.spec import table_specs
from pipeline.write.tables import to_frame
from pipeline.write.views import VIEWS
from tests.publish_helpers import write_seed_dataset


@pytest.fixture(scope="module")
def dataset(seed_result, rules, tmp_path_factory) -> Path:
    return write_seed_dataset(seed_result, rules, tmp_path_factory.mktemp("seed") / "extracted")


@pytest.fixture(scope="module")
def tables(dataset) -> dict[str, pd.DataFrame]:
    return load_dataset(dataset)


@pytest.fixture
def duck(dataset):
    con = duckdb.connect(str(dataset / "minutes.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture
def lite(dataset):
    con = sqlite3.connect(dataset / "minutes.sqlite")
    yield con
    con.close()


def minutes(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def afi_count(data: Path) -> int:
    """The number of AFI items, read from items.csv with pandas (not through any database)."""
    items = pd.read_csv(data / "items.csv", dtype=str, keep_default_na=False)
    return int((items["kind"] == "afi").sum())


# ---- DuckDB --------------------------------------------------------------------------------

def test_duckdb_has_every_table_with_the_csv_rows_and_columns(duck, tables):
    for name, frame in tables.items():
        columns = [row[0] for row in duck.execute(f'DESCRIBE "{name}"').fetchall()]
        assert columns == list(frame.columns), name
        assert duck.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(frame), name
    assert set(TABLES) <= {row[0] for row in duck.execute("SHOW TABLES").fetchall()}


def test_duckdb_columns_are_typed_from_the_frames(duck, tables):
    types = {(t, c): ty for t, c, ty in duck.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall()}
    expected = {"Int64": "BIGINT", "Float64": "DOUBLE", "boolean": "BOOLEAN", "string": "VARCHAR"}
    for name, frame in tables.items():
        for column, dtype in frame.dtypes.items():
            assert types[(name, column)] == expected[str(dtype)], (name, column)
    # the integers compare as numbers, not text ("10" < "9")
    assert duck.execute("SELECT max(seq) FROM items").fetchone()[0] == tables["items"]["seq"].max()


def test_duckdb_text_round_trips(duck, tables):
    got = dict(duck.execute("SELECT item_id, text FROM items").fetchall())
    texts = [None if pd.isna(t) else t for t in tables["items"]["text"]]  # an item may have a title only
    assert got == dict(zip(tables["items"]["item_id"], texts))


def test_open_actions_follows_the_action_logs_current_status(duck, tables):
    status = current_statuses(tables["actions"], tables["action_log"])
    expected = set(status[status != "complete"].index)
    got = {row[0]: row[1] for row in duck.execute("SELECT action_id, status FROM open_actions").fetchall()}
    assert set(got) == expected
    assert all(got[a] == status[a] for a in got)


def test_open_actions_drops_an_action_a_later_meeting_completed():
    """Small tables where one of two actions is completed at a later meeting (the seed has
    no completed action), and the due date moved by a later meeting wins."""
    meetings = [Meeting("m-1", "d-1", "Board", "Board", "2024-01-10", None, None, None, None),
                Meeting("m-2", "d-1", "Board", "Board", "2024-02-10", None, None, None, None)]
    actions = [Action("m-1", None, "a-1", "Clerk", None, None, "Write to the council", None, "2024-01-31"),
               Action("m-1", None, "a-2", "Chair", None, None, "Book the hall", None, None)]
    log = [ActionEvent("a-1", 1, "raised", "m-1", "2024-01-10", "actions", "a-1", "open", "complete", "2024-01-31"),
           ActionEvent("a-1", 2, "completed", "m-2", "2024-02-10", "items", "i-9", "complete", "complete", None),
           ActionEvent("a-2", 1, "raised", "m-1", "2024-01-10", "actions", "a-2", "open", "in_progress", None),
           ActionEvent("a-2", 2, "updated", "m-2", "2024-02-10", "items", "i-8", "in_progress", "in_progress",
                       "2024-03-01")]
    frames = {name: to_frame(name, []) for name in TABLES}
    frames.update(meetings=to_frame("meetings", meetings), actions=to_frame("actions", actions),
                  action_log=to_frame("action_log", log))
    con = duckdb.connect()
    load_tables(con, frames)
    rows = con.execute("SELECT action_id, status, due_date, last_event FROM open_actions").fetchall()
    assert rows == [("a-2", "in_progress", "2024-03-01", "updated")]
    expected = current_statuses(frames["actions"], frames["action_log"])
    assert {a for a, s in expected.items() if s != "complete"} == {r[0] for r in rows}


def test_questions_with_responses_has_every_answer_and_who_gave_it(duck, tables):
    questions, responses, people = tables["questions"], tables["responses"], tables["people"]
    per_question = responses["question_id"].value_counts()
    expected_rows = sum(max(1, int(per_question.get(q, 0))) for q in questions["question_id"])
    assert duck.execute("SELECT count(*) FROM questions_with_responses").fetchone()[0] == expected_rows
    names = dict(zip(people["person_id"], people["name"]))
    got = {r: (q, who) for q, r, who in duck.execute(
        "SELECT question_id, response_id, answered_by FROM questions_with_responses "
        "WHERE response_id IS NOT NULL").fetchall()}
    answered = responses.dropna(subset=["question_id"])
    assert set(got) == set(answered["response_id"])
    for row in answered.itertuples():
        who = names.get(row.speaker_person_id) if isinstance(row.speaker_person_id, str) else None
        assert got[row.response_id] == (row.question_id, who or row.speaker)


def test_people_mentions_names_each_mention_once(duck, tables):
    mentions, people = tables["mentions"], tables["people"]
    rows = duck.execute('SELECT record_id, "start", person_id, name, role FROM people_mentions').fetchall()
    assert len(rows) == len(mentions)  # an attendee listed twice does not double a mention
    names = dict(zip(people["person_id"], people["name"]))
    resolved = [r for r in rows if r[2] is not None]
    assert resolved, "the seed resolves mentions to people"
    assert all(r[3] == names[r[2]] for r in resolved)
    roles = {(a.meeting_id, a.person_id): a.role for a in tables["attendees"].itertuples()}
    mentioned_attendee = next(m for m in mentions.itertuples() if (m.meeting_id, m.person_id) in roles)
    row = next(r for r in rows if (r[0], r[1]) == (mentioned_attendee.record_id, mentioned_attendee.start))
    assert row[4] == roles[(mentioned_attendee.meeting_id, mentioned_attendee.person_id)]


# ---- minutes query -------------------------------------------------------------------------

AFI_SQL = "SELECT count(*) FROM items WHERE kind = 'afi'"


def test_query_counts_the_afis_as_the_csv_does(dataset):
    expected = afi_count(dataset)
    assert expected == 16  # the issue: on the seed's output the query prints 16
    # from the folder above extracted/, as the issue runs it (--data defaults to extracted)
    result = minutes("query", AFI_SQL, cwd=dataset.parent)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"(?<![\d.]){expected}(?![\d.])", result.stdout), result.stdout
    as_csv = minutes("query", "--data", str(dataset), AFI_SQL, "--format", "csv", cwd=dataset.parent)
    assert as_csv.stdout.splitlines()[1:] == [str(expected)]
    as_json = minutes("query", "-d", str(dataset), "SELECT count(*) AS n FROM items WHERE kind = 'afi'",
                      "-f", "json", cwd=dataset.parent)
    assert json.loads(as_json.stdout) == [{"n": expected}]


def test_query_csv_round_trips_a_table(dataset, tables):
    result = minutes("query", "-d", str(dataset), "SELECT * FROM responses ORDER BY response_id", "-f", "csv",
                     cwd=dataset.parent)
    assert result.returncode == 0, result.stderr
    got = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = pd.read_csv(dataset / "responses.csv", dtype=str, keep_default_na=False)
    expected = expected.sort_values("response_id")
    assert [r["text"] for r in got] == list(expected["text"])
    assert [r["page_start"] for r in got] == list(expected["page_start"])


def test_query_over_the_csvs_when_there_is_no_database(dataset, tmp_path):
    plain = tmp_path / "csv-only"
    plain.mkdir()
    for path in dataset.glob("*.csv"):
        shutil.copy(path, plain / path.name)
    sql = "SELECT * FROM open_actions ORDER BY action_id"
    from_csv = minutes("query", "-d", str(plain), sql, "-f", "json", cwd=tmp_path)
    from_db = minutes("query", "-d", str(dataset), sql, "-f", "json", cwd=tmp_path)
    assert from_csv.returncode == 0, from_csv.stderr
    assert json.loads(from_csv.stdout) == json.loads(from_db.stdout) != []
    assert minutes("query", "-d", str(plain), AFI_SQL, "-f", "csv", cwd=tmp_path).stdout.split() == \
        ["count_star()", str(afi_count(plain))]


@pytest.mark.parametrize("sql, words", [
    ("SELEC count(*) FROM items", "syntax error"),
    ("SELECT nope FROM items", "nope"),
    ("DELETE FROM items", "read-only"),
])
def test_a_bad_query_is_a_usage_error_and_changes_nothing(dataset, sql, words):
    result = minutes("query", "-d", str(dataset), sql, cwd=dataset.parent)
    assert result.returncode == 2
    assert result.stderr.startswith("minutes: query failed:") and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    con = duckdb.connect(str(dataset / "minutes.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == len(pd.read_csv(dataset / "items.csv"))
    con.close()


def test_query_rejects_an_unknown_format_and_a_missing_folder(dataset, tmp_path):
    assert minutes("query", "-d", str(dataset), AFI_SQL, "-f", "xml", cwd=tmp_path).returncode == 2
    missing = minutes("query", "-d", str(tmp_path / "none"), AFI_SQL, cwd=tmp_path)
    assert missing.returncode == 2 and "no dataset" in missing.stderr


# ---- SQLite --------------------------------------------------------------------------------

def test_sqlite_has_every_table_and_view_with_the_csv_rows(lite, tables):
    names = {n for (n,) in lite.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(TABLES) | set(VIEWS) <= names
    for name, frame in tables.items():
        assert lite.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(frame), name
    for name in VIEWS:  # the same views as DuckDB's, row for row
        duck = duckdb.connect()
        load_tables(duck, tables)
        assert lite.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == \
            duck.execute(f"SELECT count(*) FROM {name}").fetchone()[0], name


def test_sqlite_declares_the_specs_primary_and_foreign_keys(lite):
    declared_any_fk = False
    for name, spec in table_specs().items():
        info = lite.execute(f'PRAGMA table_info("{name}")').fetchall()
        key = tuple(col for _, col, *_rest, pk in sorted(info, key=lambda r: r[-1]) if pk)
        assert key == spec.primary_key, name
        fks = {(row[3], row[2], row[4]) for row in lite.execute(f'PRAGMA foreign_key_list("{name}")')}
        assert fks == {(fk.fields[0], fk.table, fk.ref_fields[0]) for fk in spec.foreign_keys}, name
        declared_any_fk = declared_any_fk or bool(fks)
    assert declared_any_fk
    assert ("question_id", "questions", "question_id") in {
        (r[3], r[2], r[4]) for r in lite.execute("PRAGMA foreign_key_list(responses)")}


def test_sqlite_foreign_keys_hold(lite):
    assert lite.execute("PRAGMA foreign_key_check").fetchall() == []
    assert lite.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _a_word_of(text: str) -> str:
    """The longest plain word of ``text`` (a word FTS5 indexes as it is)."""
    return max(re.findall(r"[A-Za-z]{4,}", text), key=len)


@pytest.mark.parametrize("table, id_column", [("items", "item_id"), ("responses", "response_id")])
def test_full_text_search_finds_a_word_of_the_seed(lite, dataset, table, id_column):
    frame = pd.read_csv(dataset / f"{table}.csv", dtype=str, keep_default_na=False)
    row = frame.iloc[len(frame) // 2]
    word = _a_word_of(row["text"])
    found = {r for (r,) in lite.execute(
        f"SELECT {id_column} FROM {table} WHERE rowid IN "
        f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", [word])}
    assert row[id_column] in found
    # and only rows that hold the word (stemmed: "finding" finds "findings")
    stem = word.lower()[:5]
    texts = dict(zip(frame[id_column], frame["text"]))
    assert all(stem in (texts[r] or "").lower() for r in found)


def test_every_spec_text_column_is_searchable(lite):
    for name, spec in table_specs().items():
        if not spec.text_columns:
            continue
        columns = [row[1] for row in lite.execute(f'PRAGMA table_info("{name}_fts")')]
        assert columns == list(spec.text_columns), name


def documented_views() -> dict[str, set[str]]:
    """View → the columns docs/schema.md lists under its `### name` heading."""
    from tests.conftest import ROOT

    views: dict[str, set[str]] = {}
    current = None
    for line in (ROOT / "docs" / "schema.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = re.match(r"^### (\w+)\s*$", line)
            current = heading.group(1) if heading else None
            if current:
                views[current] = set()
            continue
        cell = re.match(r"^\|\s*([a-z_][a-z0-9_, ]*?)\s*\|\s*(\S[^|]*?)?\s*\|", line)
        if current and cell and cell.group(2) != "meaning":
            views[current] |= {c.strip() for c in cell.group(1).split(",")}
    return views


def test_every_view_and_column_is_documented(duck):
    documented = documented_views()
    assert set(documented) == set(VIEWS)
    for name in VIEWS:
        assert documented[name] == {row[0] for row in duck.execute(f"DESCRIBE {name}").fetchall()}, name
