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
    "ol": "list_item",
    "ul": "list_item",
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


class _Walker:
    def __init__(self, prov: Provenance):
        self.prov = prov
        self.blocks: list[TextBlock] = []
        self.buffer = _Buffer()
        self.kind_stack = ["paragraph"]

    def flush(self) -> None:
        text, marks = self.buffer.take()
        if text:
            self.blocks.append(TextBlock(self.kind_stack[-1], text, self.prov, marks=marks))

    def walk(self, node: Tag, styles: tuple[str, ...] = ()) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.add(str(child), styles)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _SKIP_TAGS:
                continue
            if name == "br":
                # a line break inside a cell separates what is written on its lines
                self.flush()
                continue
            if name in _STYLE_TAGS:
                style = _STYLE_TAGS[name]
                self.walk(child, styles if style in styles else styles + (style,))
                continue
            if name in _BLOCK_TAGS:
                self.flush()
                self.kind_stack.append(_BLOCK_TAGS[name])
                self.walk(child, styles)
                self.flush()
                self.kind_stack.pop()
                continue
            # any other inline element (span, a, font, u …): its text, in flow
            self.walk(child, styles)


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
