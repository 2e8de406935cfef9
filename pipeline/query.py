"""``minutes query``: SQL over a dataset folder, printed as a table, CSV or JSON.

The folder's minutes.duckdb is opened read-only (a query cannot change the dataset); a
folder without one (written before the databases existed, or copied without it) is
loaded from its CSVs into an in-memory DuckDB with the same tables, types and views.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rich.table import Table
from rich.text import Text

from .write.duckdb_file import FILE

FORMATS = ("table", "csv", "json")


class QueryError(Exception):
    """The SQL failed (syntax, unknown table or column, an attempt to write …)."""


@dataclass(frozen=True)
class Result:
    """A query's column names and rows."""

    columns: list[str]
    rows: list[tuple]


def connect(data_dir: Path):
    """A DuckDB connection to the dataset in ``data_dir``: its minutes.duckdb read-only,
    else its CSVs loaded in memory. Raises ``analysis.data.DatasetError`` for a folder
    with neither."""
    import duckdb

    database = Path(data_dir) / FILE
    if database.is_file():
        return duckdb.connect(str(database), read_only=True)
    from .analysis.data import load_dataset
    from .write.duckdb_file import load_tables

    tables = load_dataset(data_dir)
    con = duckdb.connect()
    load_tables(con, tables)
    return con


def run_query(data_dir: Path, sql: str) -> Result:
    """Run ``sql`` over the dataset; the last statement's rows."""
    import duckdb

    con = connect(data_dir)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:  # a statement that returns nothing (SET, PRAGMA …)
            return Result([], [])
        return Result([d[0] for d in cursor.description], cursor.fetchall())
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip()) from None
    finally:
        con.close()


def _json_value(value):
    # DuckDB gives DECIMAL for exact sums and date/time objects for DATE/TIME casts
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def as_json(result: Result) -> str:
    """The rows as a JSON array of objects, one per row."""
    records = [dict(zip(result.columns, row)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=_json_value) + "\n"


def as_csv(result: Result) -> str:
    """The rows as CSV with a header row; NULL is an empty cell, as in the dataset's CSVs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
    return buffer.getvalue()


def as_table(result: Result) -> Table:
    """The rows as a rich table (NULL shown empty), the row count as its caption."""
    table = Table(header_style="bold", caption=f"{len(result.rows)} row{'' if len(result.rows) == 1 else 's'}")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        # Text, not str: a cell such as "[redacted]" is the minutes' words, not rich markup
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    return table
