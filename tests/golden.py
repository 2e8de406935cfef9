"""Golden files: compare with the file on disk, or rewrite it when asked.

``MINUTES_REGENERATE_GOLDEN=1`` rewrites golden files instead of comparing. It is refused
when ``CI`` is set: under CI a golden file can only be checked, never regenerated. After
regenerating, read ``git diff tests/fixtures`` before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

SWITCH = "MINUTES_REGENERATE_GOLDEN"


def regenerating() -> bool:
    """True when the regenerate switch is on (and fails the test run under CI)."""
    if os.environ.get(SWITCH) != "1":
        return False
    if os.environ.get("CI"):
        pytest.fail(f"{SWITCH}=1 is refused under CI: golden files are checked there, never rewritten")
    return True


def check_golden(path: Path, actual: str) -> None:
    """Fail with a readable diff when ``actual`` differs from the golden file."""
    if regenerating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; create it with {SWITCH}=1 and review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=f"{path} (golden)", tofile="actual", n=2,
        ))
        lines = diff.splitlines()
        shown = "\n".join(lines[:80]) + (f"\n… {len(lines) - 80} more diff lines" if len(lines) > 80 else "")
        pytest.fail(f"{path.name} differs from its golden file:\n{shown}")
