"""``datapackage.json``: the dataset described as a Frictionless Data Package (v1).

One tabular resource per CSV, with its schema from pipeline/write/spec.py (types, allowed
values, primary and foreign keys) and the run's provenance (pipeline version, rules hash,
when, from which inputs) copied from the manifest, so ``frictionless validate`` (and
``minutes validate``) can check every table and every key between tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .spec import TableSpec, table_specs

NAME = "datapackage.json"

# Times are written HH:MM (docs/schema.md); Frictionless expects HH:MM:SS by default.
_FORMATS = {"time": "%H:%M"}


def field_descriptor(field) -> dict:
    """One Table Schema field of a ``FieldSpec``."""
    out = {"name": field.name, "type": field.type}
    if field.type in _FORMATS:
        out["format"] = _FORMATS[field.type]
    if field.description:
        out["description"] = field.description
    if field.enum:
        out["constraints"] = {"enum": list(field.enum)}
    return out


def schema_descriptor(spec: TableSpec) -> dict:
    """The Table Schema of one table: fields, keys, and the empty cell as "unknown"."""
    return {
        "fields": [field_descriptor(f) for f in spec.fields],
        "missingValues": [""],
        "primaryKey": list(spec.primary_key),
        "foreignKeys": [
            {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.ref_fields)}}
            for fk in spec.foreign_keys
        ],
    }


def package_descriptor(manifest: dict) -> dict:
    """The whole data package: one resource per table of the manifest, plus provenance."""
    specs = table_specs()
    resources = []
    for name, entry in manifest["tables"].items():
        resource = {
            "name": name,
            "path": entry["file"],
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema_descriptor(specs[name]),
        }
        if entry.get("sha256"):  # the manifest's checksum: a CSV edited since fails validation
            resource["hash"] = f"sha256:{entry['sha256']}"
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "minutes",
        "title": "Meeting minutes",
        "description": "Meeting minutes turned into tables; the contract is docs/schema.md.",
        "created": manifest["created"],
        # provenance: which pipeline and rules made the tables, from which inputs
        "sources": [{"title": i["path"], "path": i["path"]} for i in manifest.get("inputs", [])],
        "minutes": {
            "pipeline": manifest.get("pipeline", "minutes"),
            "pipeline_version": manifest["pipeline_version"],
            "rules_hash": manifest["rules_hash"],
            "created": manifest["created"],
            "inputs": manifest.get("inputs", []),
        },
        "resources": resources,
    }


def write_datapackage(tables: dict[str, pd.DataFrame], staging: Path, manifest: dict) -> list[str]:
    """Write ``datapackage.json`` into ``staging`` for the CSVs staged there."""
    descriptor = package_descriptor(manifest)
    (staging / NAME).write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [NAME]
