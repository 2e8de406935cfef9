"""Turn an HTML fragment (a table cell's content, a paragraph) into text blocks.

Minutes exported from web systems keep HTML inside text: ``<p>`` paragraphs, tags left
unclosed, ``<ol style="list-style-type: none">`` lists whose numbers are typed into the
text, ``<i>`` for editorial asides. beautifulsoup4 with the lxml parser repairs the tag
soup; this module walks the result into ``TextBlock``s with inline ``Mark``s, leaving
typed numbers in the text for ``repair.numbering`` to read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

from ..document import Mark, Provenance, TextBlock

_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = {
    "p": "paragraph",
    "div": "paragraph",
    "li": "list_item",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "blockquote": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "header": "paragraph",
    "footer": "paragraph",
    "tr": "paragraph",
    "td": "paragraph",
    "th": "paragraph",
    "dt": "paragraph",
    "dd": "paragraph",
}
_STYLE_TAGS = {"i": "italic", "em": "italic", "b": "bold", "strong": "bold"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}
_MARKUP = re.compile(r"<[A-Za-z!/?]")


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds markup worth parsing."""
    return bool(_MARKUP.search(text))


class _Buffer:
    """Inline text being gathered for one block, with whitespace collapsed as it comes."""

    def __init__(self) -> None:
        self.text = ""
        self.marks: list[Mark] = []

    def add(self, text: str, styles: tuple[str, ...]) -> None:
        piece = _SPACE.sub(" ", text)
        if not self.text or self.text.endswith(" "):
            piece = piece.lstrip(" ")
        if not piece:
            return
        start = len(self.text)
        self.text += piece
        for style in styles:
            self.marks.append(Mark(start, len(self.text), style))

    def space(self) -> None:
        if self.text and not self.text.endswith(" "):
            self.text += " "

    def take(self) -> tuple[str, tuple[Mark, ...]]:
        text = self.text.rstrip(" ")
        marks = []
        for m in self.marks:
            start, end = m.start, min(m.end, len(text))
            # a mark never starts or ends on a space
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            if end > start:
                if marks and marks[-1].style == m.style and marks[-1].end >= start - 1:
                    marks[-1] = Mark(marks[-1].start, end, m.style)
                else:
                    marks.append(Mark(start, end, m.style))
        self.text, self.marks = "", []
        return text, tuple(marks)


def _shows_numbers(ol: Tag) -> bool:
    """False for a list styled to show no numbers (its numbers, if any, are typed)."""
    style = (ol.get("style") or "").replace(" ", "").lower()
    return "list-style-type:none" not in style and "list-style:none" not in style


def _start(ol: Tag) -> int:
    try:
        return int(ol.get("start", 1))
    except (TypeError, ValueError):
        return 1


class _Walker:
    def __init__(self, prov: Provenance):
        self.prov = prov
        self.blocks: list[TextBlock] = []
        self.buffer = _Buffer()
        self.kind_stack = ["paragraph"]
        self.number: str | None = None  # the number a reader sees on the current list item
        self.depth = 0  # list nesting

    def flush(self) -> None:
        text, marks = self.buffer.take()
        if text:
            self.blocks.append(TextBlock(self.kind_stack[-1], text, self.prov, number=self.number,
                                         level=max(self.depth - 1, 0), marks=marks))
            self.number = None  # only the item's first block carries its number

    def walk(self, node: Tag, styles: tuple[str, ...] = ()) -> None:
        for child in node.children:
            self.walk_node(child, styles)

    def walk_node(self, child, styles: tuple[str, ...]) -> None:
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            return
        if isinstance(child, NavigableString):
            self.buffer.add(str(child), styles)
            return
        if not isinstance(child, Tag):
            return
        name = child.name.lower()
        if name in _SKIP_TAGS:
            return
        if name == "br":
            # a line break inside a cell separates what is written on its lines
            self.flush()
        elif name in _STYLE_TAGS:
            style = _STYLE_TAGS[name]
            self.walk(child, styles if style in styles else styles + (style,))
        elif name in ("ol", "ul"):
            self.walk_list(child, styles, numbered=name == "ol" and _shows_numbers(child))
        elif name in _BLOCK_TAGS:
            self.flush()
            self.kind_stack.append(_BLOCK_TAGS[name])
            self.walk(child, styles)
            self.flush()
            self.kind_stack.pop()
        else:
            # any other inline element (span, a, font, u …): its text, in flow
            self.walk(child, styles)

    def walk_list(self, ol: Tag, styles: tuple[str, ...], numbered: bool) -> None:
        """A list: text typed straight into it stays one block (its numbers, typed, are
        read by layout repair); each ``<li>`` is a block with the number a reader sees."""
        self.flush()
        self.kind_stack.append("list_item")
        self.depth += 1
        counter = _start(ol) if numbered else None
        for item in ol.children:
            if not (isinstance(item, Tag) and item.name and item.name.lower() == "li"):
                self.walk_node(item, styles)
                continue
            self.flush()
            if counter is not None:
                # browsers and Word number <li> themselves; value= restarts the count
                value = item.get("value")
                counter = int(value) if value and str(value).isdigit() else counter
                self.number = str(counter)
                counter += 1
            self.walk(item, styles)
            self.flush()
            self.number = None
        self.flush()
        self.depth -= 1
        self.kind_stack.pop()


def fragment_blocks(fragment: str, prov: Provenance) -> list[TextBlock]:
    """The text blocks of an HTML fragment, in order; plain text gives one paragraph."""
    if not looks_like_html(fragment):
        text = _SPACE.sub(" ", fragment).strip()
        return [TextBlock("paragraph", text, prov)] if text else []
    soup = BeautifulSoup(fragment, "lxml")
    root = soup.body or soup
    walker = _Walker(prov)
    walker.walk(root)
    walker.flush()
    return walker.blocks


def with_prov(blocks: list[TextBlock], prov: Provenance) -> list[TextBlock]:
    """The same blocks with another provenance."""
    return [replace(b, prov=prov) for b in blocks]
