"""Font names and word-run keys for the fast PDF engine, as pdfminer names fonts.

pdfplumber ends a word where the font changes, and tells fonts apart by pdfminer's font
name. pdfium names fonts otherwise, so the engine works out which of a page's fonts
pdfminer would take for one:

* pdfminer's name is the FontName of the font's descriptor (a composite font's: its
  descendant's), subset tag included ("BAAAAA+Arial-BoldMT"); a simple font whose BaseFont
  is one of the standard fonts or their aliases is named by the standard font instead
  ("Arial" is "Helvetica", embedded or not).
* pdfium gives the BaseFont, and drops a simple font's subset tag (a composite font keeps
  it). So two fonts pdfminer tells apart can share a name in pdfium ("AAAAAA+PTSans-Bold"
  and "BAAAAA+PTSans-Bold": "2" and a superscript "nd" are two words), and two that
  pdfminer does not can be two fonts in pdfium (two dictionaries naming "TimesNewRomanPSMT",
  one embedded: "(" and "ISC/21" are one word).

A page's run keys (``FontNames.run_keys``): a font whose pdfium name no other font of the
page has, and no composite font of the same name beside it, is keyed by that name. Where
names meet, each font is keyed by pdfminer's name for it, read from the document's font
dictionaries by its pdfium name and whether it is embedded (asked only then: most
documents never need it); where that still leaves a choice, an embedded simple font is a
font of its own (a subset with its own tag), fonts not embedded go by their name, and a
composite font ("ABCDEE+Calibri") goes with the simple font of the same name on the page
(Word sets curly quotes in it beside the words' Calibri, both tagged ABCDEE: "“Do" is
one word for pdfminer).
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Iterable
from dataclasses import dataclass, field


def untagged(name: str) -> str:
    """A font name without its subset tag ("BAAAAA+Arial-BoldMT" -> "Arial-BoldMT")."""
    return name.rpartition("+")[2]


@dataclass
class Spellings:
    """pdfminer's names for the document's fonts of one pdfium name, embedded or not."""

    embedded: set[str] = field(default_factory=set)
    not_embedded: set[str] = field(default_factory=set)

    def of(self, embedded: bool) -> set[str]:
        """pdfminer's names for the fonts embedded (or not)."""
        return self.embedded if embedded else self.not_embedded


class FontNames:
    """What pdfium says of one document's fonts (each asked once), and run keys."""

    def __init__(self, functions: dict, data: bytes):
        self._fn = functions
        self._data = data
        self._buf = ctypes.create_string_buffer(512)
        self._names: dict[int, str] = {}
        self._embedded: dict[int, bool] = {}
        self._descents: dict[tuple, float] = {}
        self._spellings: dict[str, Spellings] | None = None

    def name(self, handle: int | None) -> str:
        """The font's name as pdfium gives it (a simple font's subset tag dropped; a
        standard font not embedded named after its stand-in, "Helvetica-Bold" as
        "Arial,Bold"): what the reader reads bold and italic from."""
        if not handle:
            return ""
        name = self._names.get(handle)
        if name is None:
            length = self._fn["base_font"](ctypes.c_void_p(handle), self._buf, ctypes.c_size_t(len(self._buf)))
            name = self._names[handle] = self._buf.value.decode("utf-8", "replace") if length else ""
        return name

    def descent(self, handle: int | None, size: float) -> float:
        """How far the font reaches below the baseline at this size (pdfminer's box foot)."""
        found = self._descents.get((handle, size))
        if found is None:
            value = ctypes.c_float()
            ok = handle and self._fn["descent"](ctypes.c_void_p(handle), ctypes.c_float(size), ctypes.byref(value))
            found = self._descents[handle, size] = value.value if ok else 0.0
        return found

    def run_keys(self, handles: Iterable[int | None]) -> dict:
        """Each font's run key on a page holding these fonts (see the module's docstring)."""
        keys: dict = {None: ""}
        by_name: dict[str, list[int]] = {}
        for handle in set(handles):
            if handle:
                by_name.setdefault(self.name(handle), []).append(handle)
        met = {untagged(name) for name in by_name if "+" in name}  # a composite beside a simple font
        for name, fonts in sorted(by_name.items(), key=lambda item: "+" in item[0]):  # simple fonts first
            if len(fonts) == 1 and name not in met and "+" not in name:
                keys[fonts[0]] = name
                continue
            for handle in fonts:
                keys[handle] = self._pdfminer_name(name, handle) or self._guess(name, handle, by_name, keys)
        return keys

    def _pdfminer_name(self, name: str, handle: int) -> str | None:
        """pdfminer's name for this font, when the document's dictionaries say it."""
        if self._spellings is None:
            self._spellings = spellings(self._data)
        found = self._spellings.get(name)
        names = found.of(self._is_embedded(handle)) if found else set()
        return next(iter(names)) if len(names) == 1 else None

    def _guess(self, name: str, handle: int, by_name: dict[str, list[int]], keys: dict):
        if "+" in name:  # a composite font goes with the simple font of its name, if one key
            shared = {keys[h] for h in by_name.get(untagged(name), ())}
            return shared.pop() if len(shared) == 1 else name
        return handle if self._is_embedded(handle) else name

    def _is_embedded(self, handle: int) -> bool:
        embedded = self._embedded.get(handle)
        if embedded is None:
            embedded = self._embedded[handle] = bool(self._fn["embedded"](ctypes.c_void_p(handle)))
        return embedded


def spellings(data: bytes) -> dict[str, Spellings]:
    """pdfminer's names for every font of the document's pages (forms' fonts included),
    by the name pdfium gives the font; empty if pdfminer cannot read the fonts."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSLiteral
    from pdfminer.pdftypes import resolve1

    def text(value) -> str | None:
        value = resolve1(value)
        if isinstance(value, PSLiteral):
            return str(value.name)
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value if isinstance(value, str) else None

    def as_dict(value) -> dict:
        value = resolve1(value)
        return value if isinstance(value, dict) else {}

    found: dict[str, Spellings] = {}

    def add(spec: dict) -> None:
        base = text(spec.get("BaseFont")) or ""
        described = spec
        if text(spec.get("Subtype")) == "Type0":  # pdfminer reads the descendant font
            descendants = resolve1(spec.get("DescendantFonts"))
            described = as_dict(descendants[0]) if isinstance(descendants, list) and descendants else {}
            name = base
        elif base in FONT_METRICS:  # a standard font, or an alias of one
            name = FONT_METRICS[base][0]["FontName"]
            base = untagged(base)
        else:
            base = untagged(base)
            name = None
        descriptor = as_dict(described.get("FontDescriptor"))
        name = name or text(descriptor.get("FontName")) or "unknown"
        embedded = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
        found.setdefault(base, Spellings()).of(embedded).add(name)

    def resources(res: dict, seen: set) -> None:
        for ref in as_dict(res.get("Font")).values():
            spec = as_dict(ref)
            if spec:
                add(spec)
        for ref in as_dict(res.get("XObject")).values():  # forms have fonts of their own
            key = getattr(ref, "objid", None)
            if key in seen:
                continue
            seen.add(key)
            form = resolve1(ref)
            attrs = getattr(form, "attrs", {})
            if text(attrs.get("Subtype")) == "Form":
                resources(as_dict(attrs.get("Resources")), seen)

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        seen: set = set()
        for page in PDFPage.create_pages(document):
            resources(as_dict(page.resources), seen)
    except Exception:  # pdfminer raises many types on damaged files: the keys are guessed then
        return {}
    return found
