"""``<table>.parquet``: every table as typed Parquet, beside its CSV.

The types are the table spec's (pipeline/write/spec.py): integers stay 64-bit integers with
nulls (not floats), dates are ``date32``, ``HH:MM`` times ``time32[ms]``, and an empty cell
is a null. Each column carries its description from docs/schema.md, and each file the
run's pipeline version and rules hash. The files sit beside the CSVs, not in a folder of
their own, because the staged publish (pipeline/write/csv.py) moves files into place one by
one with ``os.replace``, which cannot replace a folder that already has files in it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .spec import TableSpec, table_specs

_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "time": pa.time32("ms"),  # Parquet has no seconds unit: it stores ms
}


def arrow_schema(spec: TableSpec, provenance: dict[str, str] | None = None) -> pa.Schema:
    """The Arrow schema of one table, with column descriptions as field metadata."""
    fields = [
        pa.field(f.name, _ARROW[f.type], nullable=True,
                 metadata={"description": f.description} if f.description else None)
        for f in spec.fields
    ]
    return pa.schema(fields, metadata=provenance or None)


def _cell(value, kind: str):
    """A CSV-typed cell as the Python value Arrow stores for ``kind`` (None for unknown)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    return dt.time.fromisoformat(value)  # HH:MM


def arrow_table(frame: pd.DataFrame, spec: TableSpec, provenance: dict[str, str] | None = None) -> pa.Table:
    """One table's frame as a typed Arrow table."""
    schema = arrow_schema(spec, provenance)
    columns = []
    for field in spec.fields:
        series = frame[field.name] if field.name in frame else pd.Series([None] * len(frame))
        if field.type in ("date", "time"):
            values = [_cell(v, field.type) for v in series.tolist()]
            columns.append(pa.array(values, type=_ARROW[field.type]))
        else:
            if field.type == "string":
                # an empty text is an empty cell in the CSV, which reads as unknown: the same here
                series = series.mask(series == "")
            # pandas' nullable dtypes (Int64, boolean, string) convert with nulls kept
            columns.append(pa.array(series, type=_ARROW[field.type], from_pandas=True))
    return pa.Table.from_arrays(columns, schema=schema)


def write_parquet(tables: dict[str, pd.DataFrame], staging: Path, manifest: dict) -> list[str]:
    """Write ``<table>.parquet`` for every table into ``staging``."""
    specs = table_specs()
    provenance = {k: str(manifest[k]) for k in ("pipeline_version", "rules_hash") if k in manifest}
    written = []
    for name, frame in tables.items():
        pq.write_table(arrow_table(frame, specs[name], provenance), staging / f"{name}.parquet")
        written.append(f"{name}.parquet")
    return written
