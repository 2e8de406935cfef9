"""``minutes serve``: Datasette on a dataset's minutes.sqlite (the optional ``serve`` extra).

Datasette runs in this process (no child to leave behind), with metadata made from the
table spec: each table's and column's meaning, the full-text index behind the search box,
and the column that names a row where another table links to it.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

from . import __version__
from .records import TABLES
from .write.sqlite_file import FILE
from .write.spec import table_specs
from .write.views import VIEW_DESCRIPTIONS

DATABASE = Path(FILE).stem  # Datasette names a database after its file: /minutes/items.json

# the column Datasette shows for a row another table links to (a person's name, not p-…)
_LABELS = {"documents": "source_path", "meetings": "title", "people": "name", "items": "label"}


class ServeError(Exception):
    """Datasette cannot be started: not installed, or no database in the folder."""


def _summary(cls) -> str:
    """The first paragraph of a record class's docstring, as plain text."""
    paragraph = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split()).replace("``", "`")


def datasette_metadata(manifest: dict | None = None) -> dict:
    """Datasette metadata for minutes.sqlite: table and column descriptions from the spec
    (docs/schema.md), the FTS5 table of every table that has one, label columns, and where
    the data came from (``manifest``: the run's manifest.json)."""
    tables = {}
    for name, spec in table_specs().items():
        entry = {"description": _summary(TABLES[name]),
                 "columns": {f.name: f.description for f in spec.fields if f.description}}
        if spec.text_columns:
            entry.update(fts_table=f"{name}_fts", fts_pk="rowid")
        if name in _LABELS:
            entry["label_column"] = _LABELS[name]
        tables[name] = entry
    for name, description in VIEW_DESCRIPTIONS.items():
        tables[name] = {"description": description}
    about = f"Extracted by minutes {__version__}."
    if manifest:
        inputs = len(manifest.get("inputs", []))
        about = (f"Extracted by minutes {manifest.get('pipeline_version', __version__)} on "
                 f"{manifest.get('created', '?')} from {inputs} input file{'' if inputs == 1 else 's'} "
                 f"(rules {str(manifest.get('rules_hash', ''))[:12]}).")
    return {
        "title": "Meeting minutes",
        "description": about + " The tables and columns are described in docs/schema.md.",
        "databases": {DATABASE: {"tables": tables}},
    }


def serve(data_dir: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve ``data_dir``/minutes.sqlite with Datasette until interrupted."""
    database = Path(data_dir) / FILE
    if not database.is_file():
        raise ServeError(f"no {FILE} in {data_dir}: run `minutes extract` (it writes one) first")
    if importlib.util.find_spec("datasette") is None:
        raise ServeError("Datasette is not installed: pip install 'minutes[serve]'")
    from datasette.cli import cli

    manifest_path = Path(data_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
    with tempfile.TemporaryDirectory(prefix="minutes-serve-") as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(manifest), indent=2), encoding="utf-8")
        # standalone_mode=False: Datasette returns here instead of exiting the process
        cli.main(["serve", str(database), "--host", host, "--port", str(port), "--metadata", str(metadata)],
                 prog_name="datasette", standalone_mode=False)
