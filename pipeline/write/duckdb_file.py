"""extracted/minutes.duckdb: every table, typed, and the views of pipeline/write/views.py.

The same loader fills an in-memory database for ``minutes query`` over a dataset folder
that has CSVs but no minutes.duckdb (one written before this writer existed).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .durable import fsync_path
from .views import create_views

FILE = "minutes.duckdb"

# pandas dtypes of pipeline/write/tables.py → DuckDB column types
_TYPES = {"Int64": "BIGINT", "Float64": "DOUBLE", "boolean": "BOOLEAN"}


def column_types(table: str, frame: pd.DataFrame) -> dict[str, str]:
    """Column → DuckDB type: integers, floats and booleans from the frame's dtypes,
    everything else text; the ISO dates and times are kept as text, as in the CSVs, so a
    query over the database and one over the CSVs compare them the same way."""
    return {c: _TYPES.get(str(frame[c].dtype), "VARCHAR") for c in frame.columns}


def _cast(column: str, sql_type: str) -> str:
    # an empty text is NULL, as in the CSVs (an empty cell): the same query then gives the
    # same rows over the database and over the CSVs
    cast = f'CAST("{column}" AS {sql_type})'
    return f"NULLIF({cast}, '')" if sql_type == "VARCHAR" else cast


def load_tables(con, tables: dict[str, pd.DataFrame]) -> None:
    """Create every table from its frame in the DuckDB connection ``con``, then the views."""
    for name, frame in tables.items():
        types = column_types(name, frame)
        columns = ", ".join(f'"{c}" {t}' for c, t in types.items())
        con.execute(f'CREATE TABLE "{name}" ({columns})')
        if len(frame):
            con.register("_frame", frame)
            selected = ", ".join(_cast(c, t) for c, t in types.items())
            con.execute(f'INSERT INTO "{name}" SELECT {selected} FROM _frame')
            con.unregister("_frame")
    create_views(con.execute)


def write_duckdb(tables: dict[str, pd.DataFrame], staging: Path, manifest: dict) -> list[str]:
    """Writer (pipeline/write/formats.py): build ``minutes.duckdb`` in ``staging``."""
    import duckdb

    path = staging / FILE
    path.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        # 16 KB blocks: the default 256 KB per table made the seed's file 4.7 MB for 0.1 MB
        # of data; storage v1.2.0 so any DuckDB from 1.2 on (the dependency's lower bound)
        # opens it, not only the release that wrote it
        con.execute(f"ATTACH '{_quoted(path)}' AS minutes (BLOCK_SIZE 16384, STORAGE_VERSION 'v1.2.0')")
        con.execute("USE minutes")
        load_tables(con, tables)
    finally:
        con.close()
    fsync_path(path)
    return [FILE]


def _quoted(path: Path) -> str:
    """``path`` as the body of a SQL string literal."""
    return str(path).replace("'", "''")
