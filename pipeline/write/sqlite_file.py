"""extracted/minutes.sqlite for Datasette: every table with its primary and foreign keys
declared (pipeline/write/spec.py), FTS5 full-text search on the free-text columns, and
the views of pipeline/write/views.py. Built with sqlite-utils.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .durable import fsync_path
from .spec import TableSpec, table_specs
from .views import create_views

FILE = "minutes.sqlite"

# spec (Frictionless) types → the Python types sqlite-utils maps to SQLite column types;
# dates and times stay ISO text (SQLite has no date type; text sorts and compares right)
_TYPES = {"integer": int, "number": float, "boolean": int}


def creation_order(specs: dict[str, TableSpec]) -> list[str]:
    """The tables with every table a foreign key points to before the table itself
    (sqlite-utils reads the referenced table's columns when declaring the key); contract
    order otherwise."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order or name in path:  # done, or a cycle (then contract order decides)
            return
        for fk in specs[name].foreign_keys:
            if fk.table != name and fk.table in specs:
                visit(fk.table, (*path, name))
        order.append(name)

    for name in specs:
        visit(name, ())
    return order


def _unique(frame: pd.DataFrame, key: tuple[str, ...]) -> bool:
    return bool(key) and not frame.duplicated(list(key)).any() and not frame[list(key)].isna().any().any()


def _rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame's rows as tuples of plain Python values, pandas' NA and empty texts as None
    (NULL, as the CSVs' empty cells read back)."""
    keep = frame.notna() & frame.ne("").fillna(True).astype(bool)
    return list(frame.astype(object).where(keep, None).itertuples(index=False, name=None))


def write_sqlite(tables: dict[str, pd.DataFrame], staging: Path, manifest: dict) -> list[str]:
    """Writer (pipeline/write/formats.py): build ``minutes.sqlite`` in ``staging``."""
    import sqlite_utils

    path = staging / FILE
    path.unlink(missing_ok=True)
    specs = table_specs()
    db = sqlite_utils.Database(path)
    # a new file in the staging folder: no journal needed, one fsync at the end
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    keys: dict[str, tuple[str, ...]] = {}  # table → the primary key declared
    try:
        for name in creation_order({n: specs[n] for n in tables if n in specs}) + [n for n in tables if n not in specs]:
            frame = tables[name]
            spec = specs.get(name)
            types = {f.name: _TYPES.get(f.type, str) for f in spec.fields} if spec else {}
            columns = {c: types.get(c, str) for c in frame.columns}
            # a key the rows break (a document quirk the pipeline let through) is not
            # declared rather than failing the whole run; `minutes validate` reports it
            if spec and _unique(frame, spec.primary_key):
                keys[name] = spec.primary_key
            # SQLite needs a foreign key's target to be its table's declared key
            fks = [(fk.fields[0], fk.table, fk.ref_fields[0]) for fk in (spec.foreign_keys if spec else ())
                   if len(fk.fields) == 1 and fk.fields[0] in columns and keys.get(fk.table) == fk.ref_fields]
            key = keys.get(name)
            table = db[name].create(columns, pk=key[0] if key and len(key) == 1 else key, foreign_keys=fks)
            # rows straight to sqlite3: sqlite-utils' insert_all inspects every value (JSON
            # for lists, dicts) and took 3/4 of the time on an archive-sized run
            marks = ", ".join("?" * len(columns))
            names = ", ".join(f'"{c}"' for c in columns)
            db.conn.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', _rows(frame))
            text = [c for c in (spec.text_columns if spec else ()) if c in columns]
            if text:
                # porter stemming: "inspection" finds "inspections"
                table.enable_fts(text, fts_version="FTS5", tokenize="porter")
        create_views(db.execute)
        db.conn.commit()
    finally:
        db.close()
    fsync_path(path)
    return [FILE]
