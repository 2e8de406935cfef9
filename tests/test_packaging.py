"""`pip install .` gives a working `minutes` anywhere: the rules ship inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.rules import RULE_FILES
from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (found,) = out.glob("minutes-*.whl")
    return found


def test_wheel_carries_every_rules_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"pipeline/rules/{name}" for name in RULE_FILES} <= names
    assert "pipeline/rules/README.md" in names
    assert "pipeline/docs/schema.md" in names  # column descriptions (pipeline/write/spec.py)
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_package_extracts_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("MINUTES_RULES", None)
    probe = subprocess.run([sys.executable, "-c", "import pipeline.rules as r; print(r.default_rules_dir())"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert Path(probe.stdout.strip()).is_relative_to(target)
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(SEED), "--out", "out"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (work / "out" / "items.csv").read_text(encoding="utf-8").count("\n") == 22  # header + 21 items
    # the data package's column descriptions come from the contract the wheel carries
    package = json.loads((work / "out" / "datapackage.json").read_text(encoding="utf-8"))
    items = next(r for r in package["resources"] if r["name"] == "items")
    assert all(f.get("description") for f in items["schema"]["fields"])
