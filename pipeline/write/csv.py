"""Write the dataset as CSV files, atomically, with a manifest written last.

Each table is written to a temporary file in the output folder and moved into place;
``manifest.json`` (what was written, from which inputs, by which pipeline and rules) is
moved in only after every table is, so a reader that finds the manifest finds the
tables it names complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .. import __version__


def _atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv_tables(tables: dict[str, pd.DataFrame], out_dir: Path, rules_hash: str,
                     inputs: list[dict]) -> Path:
    """Write one ``<table>.csv`` per table and then ``manifest.json``; return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in tables.items():
        path = out_dir / f"{name}.csv"
        _atomic_write(path, lambda tmp, f=frame: f.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n"))
        written[name] = {"file": path.name, "rows": int(len(frame)), "sha256": _sha256(path)}
    manifest = {
        "pipeline": "minutes",
        "pipeline_version": __version__,
        "rules_hash": rules_hash,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": inputs,
        "tables": written,
    }
    manifest_path = out_dir / "manifest.json"
    _atomic_write(manifest_path, lambda tmp: tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8"))
    return manifest_path
