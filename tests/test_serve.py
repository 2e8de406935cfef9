"""`minutes serve`: Datasette started on localhost over the seed's minutes.sqlite, read
through its JSON API and compared with the CSVs; the server is always stopped."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from pipeline.serve import DATABASE, datasette_metadata
from pipeline.write.spec import table_specs
from pipeline.write.views import VIEWS
from tests.publish_helpers import write_seed_dataset

pytest.importorskip("datasette")  # the `serve` extra (installed by the `test` extra)


@pytest.fixture(scope="module")
def dataset(seed_result, rules, tmp_path_factory) -> Path:
    return write_seed_dataset(seed_result, rules, tmp_path_factory.mktemp("seed") / "extracted")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def server(dataset):
    """The base URL of `minutes serve` on a free localhost port, once it answers."""
    port = _free_port()
    # its own session, so the finally can stop it and anything it started, by its id
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--data", str(dataset), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"minutes serve exited {proc.returncode}: {proc.stdout.read().decode(errors='replace')}")
            try:
                _get(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail("minutes serve did not answer within 90 s")
                time.sleep(0.3)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        proc.stdout.close()


def test_datasette_serves_the_afi_items_of_the_csv(server, dataset):
    items = pd.read_csv(dataset / "items.csv", dtype=str, keep_default_na=False)
    expected = items[items["kind"] == "afi"]
    rows = _get(f"{server}/{DATABASE}/items.json?kind=afi&_shape=array&_size=max")
    assert [r["item_id"] for r in rows] == list(expected["item_id"])
    assert [r["label"] for r in rows] == list(expected["label"])
    assert all(isinstance(r["seq"], int) for r in rows)  # typed, not text


def test_datasette_counts_every_table_as_the_csv(server, dataset):
    for table in ("meetings", "questions", "responses", "mentions"):
        rows = len(pd.read_csv(dataset / f"{table}.csv", dtype=str))
        got = _get(f"{server}/{DATABASE}.json?sql=" + urllib.parse.quote(f"select count(*) as n from {table}")
                   + "&_shape=array")
        assert got == [{"n": rows}], table


def test_datasette_search_box_finds_a_word_of_the_seed(server, dataset):
    responses = pd.read_csv(dataset / "responses.csv", dtype=str, keep_default_na=False)
    row = responses.iloc[0]
    word = max(re.findall(r"[A-Za-z]{4,}", row["text"]), key=len)
    found = _get(f"{server}/{DATABASE}/responses.json?_search={urllib.parse.quote(word)}&_shape=array&_size=max")
    assert row["response_id"] in {r["response_id"] for r in found}
    assert all(word.lower()[:5] in r["text"].lower() for r in found)
    page = urllib.request.urlopen(f"{server}/{DATABASE}/responses", timeout=10).read().decode("utf-8")
    assert 'name="_search"' in page  # the search box is shown


def test_datasette_has_the_views_and_the_metadata(server):
    tables = {t["name"] for t in _get(f"{server}/{DATABASE}.json")["tables"]}
    assert set(table_specs()) <= tables
    views = {v["name"] for v in _get(f"{server}/{DATABASE}.json")["views"]}
    assert set(VIEWS) <= views
    served = _get(f"{server}/-/metadata.json")["databases"][DATABASE]["tables"]
    kind = next(f for f in table_specs()["items"].fields if f.name == "kind")
    assert served["items"]["columns"]["kind"] == kind.description != ""


def test_metadata_describes_every_table_and_points_at_real_fts_tables(dataset):
    import sqlite3

    metadata = datasette_metadata(json.loads((dataset / "manifest.json").read_text(encoding="utf-8")))
    tables = metadata["databases"][DATABASE]["tables"]
    assert set(tables) == set(table_specs()) | set(VIEWS)
    con = sqlite3.connect(dataset / "minutes.sqlite")
    present = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    for name, spec in table_specs().items():
        assert tables[name]["description"], name
        assert set(tables[name]["columns"]) <= {f.name for f in spec.fields}
        assert ("fts_table" in tables[name]) == bool(spec.text_columns)
        if spec.text_columns:
            assert tables[name]["fts_table"] in present
    assert "from 1 input file " in metadata["description"]


def test_serve_without_a_database_is_a_usage_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "serve", "--data", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "minutes.sqlite" in result.stderr
