"""``minutes validate``: check a dataset against its data package with ``frictionless``.

Every CSV is checked against ``datapackage.json``: types, allowed values, primary keys
(unique, present), foreign keys between tables, and each file's checksum. A dataset written
before the data package existed (only ``manifest.json``) is checked against the package the
manifest and this version's table spec describe.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .datapackage import NAME, package_descriptor


class ValidationSetupError(Exception):
    """The folder holds no dataset to validate (no datapackage.json or manifest.json)."""


@dataclass(frozen=True)
class Violation:
    """One thing wrong: where (table, data row from 1, field) and what."""

    table: str
    row: int | None
    field: str | None
    type: str
    message: str


@dataclass(frozen=True)
class ValidationReport:
    """Everything found, and how the package was obtained."""

    violations: tuple[Violation, ...]
    rows: dict[str, int]
    source: str  # "datapackage.json", or "manifest.json" when the package was built from it

    @property
    def valid(self) -> bool:
        """True when nothing is wrong."""
        return not self.violations


def load_descriptor(data_dir: Path) -> tuple[dict, str]:
    """The data package descriptor of a dataset folder and the file it came from."""
    package = data_dir / NAME
    if package.is_file():
        return json.loads(package.read_text(encoding="utf-8")), NAME
    manifest = data_dir / "manifest.json"
    if manifest.is_file():
        # a dataset written before datapackage.json: describe it as this version would
        return package_descriptor(json.loads(manifest.read_text(encoding="utf-8"))), "manifest.json"
    raise ValidationSetupError(f"{data_dir} has no {NAME} or manifest.json: not a dataset `minutes extract` wrote")


def _violation(table: str, error) -> Violation:
    row_number = getattr(error, "row_number", None)
    cell = getattr(error, "cell", None)
    note = error.note or error.message
    if cell not in (None, ""):
        note = f"{note} (value {str(cell)[:60]!r})"
    # frictionless counts the header as row 1; analysts count data rows from 1
    row = row_number - 1 if row_number else None
    return Violation(table, row, getattr(error, "field_name", None), error.type, note)


def validate_dataset(data_dir: Path) -> ValidationReport:
    """Validate every table of the dataset in ``data_dir`` with ``frictionless``."""
    from frictionless import Package

    descriptor, source = load_descriptor(data_dir)
    package = Package(descriptor, basepath=str(data_dir))
    report = package.validate()
    violations = [Violation("", None, None, e.type, e.message) for e in report.errors]
    rows = {}
    for task in report.tasks:
        rows[task.name] = int(task.stats.get("rows") or 0)
        violations += [_violation(task.name, e) for e in task.errors]
    return ValidationReport(tuple(violations), rows, source)


def summary_lines(report: ValidationReport, per_table: int = 20) -> list[str]:
    """A readable summary: one line per violation (at most ``per_table`` a table), then the verdict."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    for v in report.violations:
        shown[v.table] = shown.get(v.table, 0) + 1
        if shown[v.table] > per_table:
            continue
        where = v.table or "package"
        if v.row is not None:
            where += f" row {v.row}"
        if v.field:
            where += f" {v.field}"
        lines.append(f"{where}: {v.type}: {v.message}")
    for table, count in shown.items():
        if count > per_table:
            lines.append(f"{table or 'package'}: … {count - per_table} more")
    tables, rows = len(report.rows), sum(report.rows.values())
    if report.valid:
        lines.append(f"valid: {tables} tables, {rows} rows (checked against {report.source})")
    else:
        lines.append(f"invalid: {len(report.violations)} violation(s) in {tables} tables, {rows} rows "
                     f"(checked against {report.source})")
    return lines
