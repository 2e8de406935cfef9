"""Load a dataset folder written by ``minutes extract`` back into typed DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..records import TABLES
from ..write.tables import table_dtypes


class DatasetError(Exception):
    """The folder is not a dataset ``minutes extract`` wrote (no tables, or unreadable)."""


def load_table(data_dir: Path, table: str) -> pd.DataFrame:
    """One table of the dataset with the contract's dtypes; an empty frame with the
    contract's columns when the file is absent (a dataset from an older version)."""
    dtypes = table_dtypes(table)
    path = Path(data_dir) / f"{table}.csv"
    if not path.is_file():
        return pd.DataFrame(columns=list(dtypes)).astype(dtypes)
    # every column read as text first: "007" ids and "1.10" labels must not become numbers
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    for column in dtypes:
        if column not in frame.columns:
            frame[column] = pd.NA
    frame = frame[list(dtypes) + [c for c in frame.columns if c not in dtypes]]
    for column, dtype in dtypes.items():
        if dtype in ("Int64", "Float64"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
        elif dtype == "boolean":
            frame[column] = frame[column].map({"True": True, "False": False, "true": True, "false": False})
    return frame.astype(dtypes)


def topic_labels(rules) -> dict[str, str]:
    """Topic id → label from the rules' taxonomy (rules/topics.yaml); {} without rules or
    taxonomy (a topic with no label is then shown by its id)."""
    taxonomy = getattr(rules, "topics", None)
    return {t.id: t.label for t in taxonomy.topics} if taxonomy is not None else {}


def load_dataset(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table of the contract from ``data_dir``; raises ``DatasetError`` when the
    folder holds no dataset at all."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DatasetError(f"no dataset folder at {data_dir}")
    if not (data_dir / "meetings.csv").is_file():
        raise DatasetError(f"{data_dir} holds no meetings.csv: run `minutes extract` first")
    try:
        return {name: load_table(data_dir, name) for name in TABLES}
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DatasetError(f"{data_dir}: cannot read the tables: {exc}") from None
