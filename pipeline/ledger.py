"""The ledger: what each input became, kept in the output folder so that a re-run skips it.

A run over a large archive takes hours; most re-runs change nothing but a few files, and a
run killed midway (Ctrl-C, ``kill -9``, a reboot) should not start again from zero. Each
document's result (its ``documents`` row, meeting records and problems; never the large
``Document`` model) is written to ``OUT/.minutes-ledger/`` as soon as the document is done,
one JSON file per entry, by a temporary file moved into place, so an entry is whole or absent.

An entry is used again only when everything that made it is the same:

- the file's content (sha256) and its name: the name counts because a meeting date may be
  read from it (``segment.front_matter.date_from_file_name``: "2019-02-26-minutes.md");
- the pipeline: its version, a hash of its own source code (the version is not bumped on every
  change, and a stale result from old code would be silently wrong) and the versions of the
  libraries that read documents;
- the rules (``Rules.hash``).

The last three make the *fingerprint*; entries live in a folder per fingerprint, and the
folders of other fingerprints are removed once a run has published its dataset, so changed
rules or code never leave stale entries behind.

JSON rather than pickle: a pickle from an output folder someone else could write to would
run their code on load; JSON is inert, readable by people, and decoded strictly by the record
classes' field types (a field that changed shape is a miss, not a wrong record). An entry that
cannot be read or decoded (a truncated file after a power cut) is a miss: the document is
processed again.

Failures that depend on the machine rather than the file (``timeout``, ``oom``, a worker that
died: ``internal_error``) and files that could not be read are not kept: a re-run retries them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import typing
from contextlib import suppress
from dataclasses import fields, is_dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .run import DocumentResult

LEDGER_DIR = ".minutes-ledger"
FORMAT = 1  # bumped when the entry layout changes

#: reasons that say more about the run (limits, load, a crash) than about the file
NOT_KEPT = frozenset({"timeout", "oom", "internal_error", "not_found"})

#: distributions whose version changes what a document reads as
_LIBRARIES = ("spacy", "pdfplumber", "pdfminer.six", "python-docx", "lxml", "beautifulsoup4", "markdown-it-py")


#: source that runs only after (or around) one document's processing: the tables built
#: across meetings are rebuilt on every run anyway, so editing them keeps the entries valid.
#: Anything not named here counts, new modules included: a stale entry is worse than a miss.
_AFTER_THE_DOCUMENT = ("across/", "analysis/", "evaluation/", "write/", "__main__.py", "batch.py", "cli.py",
                       "ledger.py", "outline.py", "workers.py")


@cache
def code_hash() -> str:
    """A hash of the pipeline source that turns one document into its records, so that a
    change to it invalidates the entries."""
    return source_hash(Path(__file__).resolve().parent)


def source_hash(root: Path) -> str:
    """A hash of the ``*.py`` files under ``root`` that process one document."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(_AFTER_THE_DOCUMENT):
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _library_versions() -> str:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ",".join(found)


def fingerprint(rules_hash: str) -> str:
    """The part of an entry's key that is the same for every document of a run."""
    parts = (f"ledger={FORMAT}", f"minutes={__version__}", f"code={code_hash()}", f"rules={rules_hash}",
             f"python={sys.version_info[0]}.{sys.version_info[1]}", _library_versions())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def file_sha256(path: Path) -> str | None:
    """The sha256 of a file's content, or None when it cannot be read (processing says why)."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


# --- encoding: a DocumentResult to JSON and back, by the record classes' field types ---

def encode(result: DocumentResult) -> dict:
    """A result as plain JSON data (without the document model): what ``asdict`` gives,
    without its deep copies (a tenth of a document's processing time on large minutes)."""
    data = _plain(replace(result, document=None))
    del data["document"]
    return data


def _plain(value):
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@cache
def _hints(cls: type) -> dict:
    return typing.get_type_hints(cls)


def decode(data: dict) -> DocumentResult:
    """A result back from ``encode``'s data (raises ``ValueError``/``KeyError``/``TypeError`` on any mismatch)."""
    data = dict(data, document=None)
    hints = _hints(DocumentResult)
    return DocumentResult(**{f.name: None if f.name == "document" else _decoder(hints[f.name])(data[f.name])
                             for f in fields(DocumentResult)})


@cache
def _decoder(tp) -> typing.Callable:
    """A function turning JSON data back into a value of type ``tp``, checking it on the way
    (made once per type: a run reads thousands of records)."""
    if is_dataclass(tp):
        hints = _hints(tp)
        names = frozenset(f.name for f in fields(tp) if f.init)
        parts = [(name, _decoder(hints[name])) for name in sorted(names)]

        def record(value):
            if not isinstance(value, dict):
                raise ValueError(f"{tp.__name__}: {type(value).__name__} where its fields belong")
            if value.keys() != names:
                raise ValueError(f"{tp.__name__}: fields {sorted(set(value) ^ names)} differ")
            return tp(**{name: part(value[name]) for name, part in parts})
        return record
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        item = _decoder(args[0])
        return lambda value: tuple(map(item, value))
    if args and type(None) in args:  # X | None
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if tp is float:
        def number(value):
            if isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            if not isinstance(value, float):
                raise ValueError(f"{value!r} is not float")
            return value
        return number

    def plain(value):
        if not isinstance(value, tp):
            raise ValueError(f"{value!r} is not {tp.__name__}")
        return value
    return plain


# --- the ledger folder ---

class Ledger:
    """The entries of one output folder for one fingerprint."""

    def __init__(self, out_dir: Path, rules_hash: str):
        self.root = Path(out_dir) / LEDGER_DIR
        self.fingerprint = fingerprint(rules_hash)
        self.folder = self.root / self.fingerprint

    @staticmethod
    def _name(path: Path) -> str:
        # only the last component can change a result (date_from_file_name splits on / and \)
        return str(path).replace("\\", "/").rsplit("/", 1)[-1]

    def _entry(self, sha256: str, name: str) -> Path:
        name_key = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        return self.folder / sha256[:2] / f"{sha256}-{name_key}.json"

    def load(self, path: Path, sha256: str) -> DocumentResult | None:
        """The kept result of this content under this name, with ``source_path`` set to
        ``path``; None when there is none or it cannot be read."""
        name = self._name(path)
        entry = self._entry(sha256, name)
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("sha256") != sha256 or data.get("name") != name:
                return None
            result = decode(data["result"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            with suppress(OSError):
                entry.unlink(missing_ok=True)  # damaged (a cut-off write): processed again
            return None
        if result.row.sha256 != sha256:
            return None
        return replace(result, row=replace(result.row, source_path=str(path)))

    def store(self, result: DocumentResult) -> bool:
        """Keep a finished document's result (atomically); False when it is not kept."""
        row = result.row
        if row.sha256 is None or (row.status == "failed" and row.reason in NOT_KEPT):
            return False
        name = self._name(Path(row.source_path))
        entry = self._entry(row.sha256, name)
        text = json.dumps({"format": FORMAT, "sha256": row.sha256, "name": name, "minutes": __version__,
                           "result": encode(result)}, separators=(",", ":"))
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
        except OSError:
            return False  # a full or read-only disk costs the next run its head start, not this run
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, entry)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                return False
            raise
        return True

    def prune(self) -> None:
        """Remove the entries of other fingerprints (other code, rules or versions)."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.name != self.fingerprint:
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)


# --- a run's plan: what comes from the ledger, what is a copy, what must be processed ---

class Plan:
    """The inputs of one run sorted out before any is processed.

    ``todo`` holds the files to process: the first file of each content that the ledger does
    not have. A later file with the same content (a copy under another name or folder) is
    processed once, with the first: it gets its own ``documents`` row (id ``<first id>-<k>``,
    ``duplicate_of`` the first's id, no meetings), because meeting ids come from the content
    and the same meetings twice would be the same ids twice."""

    def __init__(self, files: list[Path], ledger: Ledger | None, reprocess: bool = False):
        self.files = list(files)
        self.ledger = ledger
        self.known: dict[int, DocumentResult] = {}
        self.first_of: dict[int, int] = {}  # index of a copy → index of the first file with its content
        self.todo_index: list[int] = []
        first_by_sha: dict[str, int] = {}
        for index, path in enumerate(self.files):
            sha = file_sha256(path)
            if sha is not None and sha in first_by_sha:
                self.first_of[index] = first_by_sha[sha]
                continue
            if sha is not None:
                first_by_sha[sha] = index
            kept = ledger.load(path, sha) if ledger is not None and sha is not None and not reprocess else None
            if kept is not None:
                self.known[index] = kept
            else:
                self.todo_index.append(index)
        self.from_ledger = len(self.known)

    @property
    def todo(self) -> list[Path]:
        """The files to process, in input order."""
        return [self.files[i] for i in self.todo_index]

    def done(self, todo_position: int, result: DocumentResult) -> None:
        """Record the result of ``todo[todo_position]`` and keep it in the ledger at once."""
        self.known[self.todo_index[todo_position]] = result
        if self.ledger is not None:
            self.ledger.store(result)

    def results(self) -> list[DocumentResult]:
        """One result per input file, in input order (copies as rows of their own)."""
        out: list[DocumentResult] = []
        copies: dict[int, int] = {}
        for index, path in enumerate(self.files):
            if index in self.known:
                out.append(self.known[index])
            elif index in self.first_of:
                first = self.known.get(self.first_of[index])
                if first is None:
                    continue  # the first never finished (the run was cut short)
                copies[self.first_of[index]] = copies.get(self.first_of[index], 1) + 1
                out.append(copy_result(first, path, copies[self.first_of[index]]))
        return out


def copy_result(first: DocumentResult, path: Path, k: int) -> DocumentResult:
    """The result of the ``k``-th file (k >= 2) with the same content as ``first``."""
    row = first.row
    said = f"same content as {row.source_path}"
    message = f"{said}; {row.message}" if row.message else said
    return DocumentResult(replace(row, document_id=f"{row.document_id}-{k}", source_path=str(path), meetings=0,
                                  message=message, duplicate_of=row.document_id))
