"""The notebooks an analyst starts from run from top to bottom on a fresh extraction."""

from __future__ import annotations


import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.batch import run_batch
from tests.conftest import ROOT, SEED

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("extracted")
    run_batch([SEED], rules, out)
    return out


def stream_text(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_the_extracted_tables(path, extracted, monkeypatch):
    monkeypatch.setenv("MINUTES_DATA", str(extracted))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    if path.name == "explore-extracted.ipynb":
        assert "1 meeting(s), 21 items, 28 questions, 36 response turns, 2 actions" in stream_text(nb)
        assert "-> ACCLP (Rachel Jones): The ACCLP said that this timeline cannot be guaranteed" in stream_text(nb)


def test_there_is_at_least_one_notebook():
    assert NOTEBOOKS
