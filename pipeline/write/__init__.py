"""Writers: records to the tables of docs/schema.md, and the tables to files."""

from .csv import write_csv_tables
from .tables import build_tables, table_dtypes, to_frame

__all__ = ["build_tables", "table_dtypes", "to_frame", "write_csv_tables"]
