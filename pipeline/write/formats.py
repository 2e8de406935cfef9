"""The dataset's other renderings, written beside the CSVs in the same staged publish.

``write_csv_tables`` stages every table as CSV and then calls ``write_formats`` with the
same tables and the staging folder, so Parquet, the data package and the databases are
committed together with the CSVs (one rename) and can never describe another run's tables.
Each writer returns the file names it wrote; they are listed in ``manifest.json``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# writer(tables, staging folder, manifest-so-far) -> names of the files it wrote
WRITERS: list = []


def write_formats(tables: dict[str, pd.DataFrame], staging: Path, manifest: dict) -> list[str]:
    """Run every registered writer into ``staging``; return the files written."""
    written: list[str] = []
    for writer in WRITERS:
        written.extend(writer(tables, staging, manifest))
    return written


# datapackage.json (`minutes validate`) and typed <table>.parquet beside the CSVs
from .datapackage import write_datapackage  # noqa: E402
from .parquet import write_parquet  # noqa: E402

WRITERS.extend([write_datapackage, write_parquet])

# the databases: minutes.duckdb (`minutes query`) and minutes.sqlite (`minutes serve`)
from .duckdb_file import write_duckdb  # noqa: E402
from .sqlite_file import write_sqlite  # noqa: E402

WRITERS.extend([write_duckdb, write_sqlite])
