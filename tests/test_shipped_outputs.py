"""What the repository ships stays true: extracted/ is the output of raw/, the README's
Quick start holds the two commands, and .ci/run runs the test command."""

from __future__ import annotations

import re

from pipeline.batch import find_inputs, run_batch
from tests.conftest import ROOT


def test_extracted_is_a_fresh_run_of_raw(rules, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    from pathlib import Path

    run_batch(find_inputs([Path("raw")]), rules, tmp_path)
    for fresh in sorted(tmp_path.glob("*.csv")):
        shipped = ROOT / "extracted" / fresh.name
        assert shipped.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"extracted/{fresh.name} is stale: run the README's first command and commit extracted/")


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_quick_start_has_exactly_two_commands_run_then_test():
    run, test = quick_start_commands()
    assert "minutes extract" in run and "raw" in run
    assert "pytest" in test


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()
