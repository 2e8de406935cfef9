"""Shared by the tests of the published formats: the seed's dataset written once, and
copies of it to tamper with."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from pipeline.batch import write_dataset


def write_seed_dataset(seed_result, rules, out: Path) -> Path:
    """The seed's dataset, every format, written into ``out``."""
    write_dataset([seed_result], rules, out)
    return out


def tampered_copy(source: Path, target: Path, table: str, change) -> Path:
    """A copy of the dataset with ``change(frame) -> frame`` applied to one table's CSV
    (read and written back as text, so only the change differs)."""
    shutil.copytree(source, target)
    path = target / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return target
