"""Write the dataset as CSV files, atomically, with a manifest written last.

Every table and ``manifest.json`` (what was written, from which inputs, by which pipeline
and rules, each table's checksum) are first written whole into a staging folder inside the
output folder. Renaming that folder to ``.minutes-publish`` is the one step that commits the
new dataset; its files are then moved over the old ones, the manifest last. A run killed
before the commit leaves the previous dataset untouched (the staging folder is removed by the
next run); a run killed while moving files leaves a committed, complete set in
``.minutes-publish`` that the next write moves in first (``finish_publish``). Moving the
tables one by one straight into place, as before, would leave a mix of new and old tables
beside the old manifest if killed between two of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .. import __version__
from .durable import fsync_path
from .formats import write_formats


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


STAGING, PUBLISH = ".minutes-staging", ".minutes-publish"


def finish_publish(out_dir: Path) -> None:
    """Move a committed dataset (``.minutes-publish``, left by a run killed while moving it)
    into ``out_dir``, the manifest last; drop an uncommitted staging folder."""
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)
    publish = out_dir / PUBLISH
    if not publish.is_dir():
        return
    names = sorted(p.name for p in publish.iterdir())
    for name in sorted(names, key=lambda n: n == "manifest.json"):
        os.replace(publish / name, out_dir / name)
    publish.rmdir()


def write_csv_tables(tables: dict[str, pd.DataFrame], out_dir: Path, rules_hash: str,
                     inputs: list[dict]) -> Path:
    """Write one ``<table>.csv`` per table and then ``manifest.json`` (staged, then moved in:
    see the module's docstring); return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    finish_publish(out_dir)
    staging = out_dir / STAGING
    staging.mkdir()
    written = {}
    for name, frame in tables.items():
        path = staging / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        fsync_path(path)
        written[name] = {"file": path.name, "rows": int(len(frame)), "sha256": _sha256(path)}
    manifest = {
        "pipeline": "minutes",
        "pipeline_version": __version__,
        "rules_hash": rules_hash,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": inputs,
        "tables": written,
    }
    # Parquet, data package, databases: staged with the CSVs, committed by the same rename
    manifest["formats"] = write_formats(tables, staging, manifest)
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    fsync_path(staging / "manifest.json")
    fsync_path(staging)
    os.replace(staging, out_dir / PUBLISH)  # the commit
    fsync_path(out_dir)
    finish_publish(out_dir)
    return out_dir / "manifest.json"
