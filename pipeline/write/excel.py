"""``minutes export --for-excel``: copies of the CSVs that Excel opens safely.

Excel reads a CSV without a byte-order mark in the machine's legacy code page (so "–" and
"é" come out as "â€“" and "Ã©"), and it runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (CSV injection: a minute reading "=HYPERLINK(…)" becomes a live link).
The copies are therefore UTF-8 with a BOM and CRLF line ends, and, following OWASP's advice
on CSV injection, every cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is prefixed with a single quote ``'``, which Excel shows as text.

So that the prefix can always be taken off again, a cell that already starts with ``'`` is
prefixed too: the original text of any cell is the cell with one leading ``'`` removed, if
it has one (``unescape_cell``). The canonical CSVs are never touched.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

PREFIX = "'"
# OWASP CSV injection: formula starters, plus tab and CR, which some spreadsheets skip
# before reading a formula
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", PREFIX)


def escape_cell(text: str) -> str:
    """A cell as written for Excel: prefixed with ``'`` when it starts with a formula
    character (or with ``'`` itself, so that the prefix can be undone)."""
    return PREFIX + text if text.startswith(_TRIGGERS) else text


def unescape_cell(text: str) -> str:
    """The original text of a cell of the Excel copy (one leading ``'`` removed)."""
    return text[len(PREFIX):] if text.startswith(PREFIX) else text


def _table_files(data_dir: Path) -> list[Path]:
    """The dataset's table CSVs: those the manifest lists, else every CSV in the folder."""
    manifest = data_dir / "manifest.json"
    if manifest.is_file():
        tables = json.loads(manifest.read_text(encoding="utf-8")).get("tables", {})
        return [data_dir / entry["file"] for entry in tables.values() if (data_dir / entry["file"]).is_file()]
    return sorted(data_dir.glob("*.csv"))


def export_for_excel(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write an Excel-safe copy of every table CSV of ``data_dir`` into ``out_dir``."""
    if out_dir.resolve() == data_dir.resolve():
        raise ValueError("the Excel copies must not overwrite the canonical CSVs: choose another --out")
    files = _table_files(data_dir)
    if not files:
        raise FileNotFoundError(f"no table CSVs in {data_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in files:
        target = out_dir / source.name
        with source.open(encoding="utf-8", newline="") as src, \
                target.open("w", encoding="utf-8-sig", newline="") as dst:
            writer = csv.writer(dst, lineterminator="\r\n")
            reader = csv.reader(src)
            header = next(reader, None)
            if header is not None:
                writer.writerow(header)
            for row in reader:
                writer.writerow([escape_cell(cell) for cell in row])
        written.append(target)
    return written
