"""The notebooks an analyst starts from run from top to bottom on a fresh extraction."""

from __future__ import annotations


import nbformat
import pytest
from nbclient import NotebookClient

import pandas as pd

from pipeline.batch import run_batch
from tests.conftest import FIXTURES, ROOT, SEED

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("extracted")
    run_batch([SEED], rules, out)
    return out


def stream_text(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream")


@pytest.fixture(scope="module")
def series(tmp_path_factory, rules):
    """The seed and the GENERATED later months (tests/fixtures/generated-assurance-series)."""
    out = tmp_path_factory.mktemp("series")
    run_batch([SEED, *sorted((FIXTURES / "generated-assurance-series").glob("generated-assurance-*.txt"))], rules, out)
    return out


# the notebooks about following matters across meetings are run on a series of meetings
ACROSS_MEETINGS = {"recurring-concerns.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_the_extracted_tables(path, request, monkeypatch):
    data = request.getfixturevalue("series" if path.name in ACROSS_MEETINGS else "extracted")
    monkeypatch.setenv("MINUTES_DATA", str(data))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    if path.name == "explore-extracted.ipynb":
        assert "1 meeting(s), 21 items, 28 questions, 36 response turns, 2 actions" in stream_text(nb)
        assert "-> ACCLP (Rachel Jones): The ACCLP said that this timeline cannot be guaranteed" in stream_text(nb)
    if path.name == "recurring-concerns.ipynb":
        assert stream_text(nb).strip() == expected_concerns_summary(data)


def expected_concerns_summary(data) -> str:
    """The notebook's last line, worked out here from the CSVs with pandas alone."""
    meetings = pd.read_csv(data / "meetings.csv", dtype=str)
    topics = pd.read_csv(data / "topics.csv", dtype=str).merge(meetings[["meeting_id", "date"]], on="meeting_id")
    seen = topics.groupby("topic")["date"].nunique()
    counts = topics.groupby("topic").size()
    several = sorted((t for t in seen.index if seen[t] > 1), key=lambda t: (-seen[t], -counts[t], t))
    log = pd.read_csv(data / "action_log.csv", dtype=str)
    done = set(log.loc[log["current_status"] == "complete", "action_id"])
    actions = pd.read_csv(data / "actions.csv", dtype=str)
    still_open = int((~actions["action_id"].isin(done)).sum())
    assert several and still_open and done  # a series to rank: the check below can tell
    return (f"{len(meetings)} meetings; {len(several)} topics seen in more than one meeting; "
            f"most recurring: {several[0]}; {still_open} actions not reported complete")


def test_there_is_at_least_one_notebook():
    assert NOTEBOOKS
