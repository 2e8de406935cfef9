"""Turn parsed HTML into text blocks: a table cell's fragment, or a whole page's body.

Minutes exported from web systems keep HTML inside text: ``<p>`` paragraphs, tags left
unclosed, ``<ol style="list-style-type: none">`` lists whose numbers are typed into the
text, ``<i>`` for editorial asides. beautifulsoup4 with the lxml parser repairs the tag
soup; ``BlockWalker`` walks the result into ``TextBlock``s with inline ``Mark``s, leaving
typed numbers in the text for ``repair.numbering`` to read.

The walk is iterative (an explicit stack, not recursion), so markup nested thousands of
levels deep cannot exhaust Python's recursion limit. ``blocks_of`` walks one parsed node;
``fragment_blocks`` parses a fragment first (the text reader's entry point); the HTML
reader subclasses ``BlockWalker`` to add tables, page breaks and page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

from ..document import Block, Mark, Provenance, TextBlock
from ..textutil import trim_marks

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

#: What ``BlockWalker.enter`` returns for a node whose children are walked: the
#: function to call once they all have been. ``None`` means "do not descend".
Leave = Callable[[], None]


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds markup worth parsing."""
    return bool(_MARKUP.search(text))


def _stay() -> None:
    """Leaving an inline element (span, a, font …) needs nothing done."""


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

    def take(self) -> tuple[str, tuple[Mark, ...]]:
        text = self.text.rstrip(" ")
        marks = trim_marks(text, self.marks)
        self.text, self.marks = "", []
        return text, marks


def _shows_numbers(ol: Tag) -> bool:
    """False for a list styled to show no numbers (its numbers, if any, are typed)."""
    style = (ol.get("style") or "").replace(" ", "").lower()
    return "list-style-type:none" not in style and "list-style:none" not in style


def _start(ol: Tag) -> int:
    try:
        return int(ol.get("start", 1))
    except (TypeError, ValueError):
        return 1


@dataclass
class _OpenList:
    """A list being walked: its element, the next number and how numbers are shown."""

    tag: Tag
    counter: int
    show: Callable[[int], str] | None  # None: the list shows no numbers of its own


_FONT_STYLE = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.IGNORECASE)
_FONT_WEIGHT = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\b", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^(?:[a-zA-Z][\w-]*)?\.([\w-]+)$")


def css_styles(declarations: str) -> list[str]:
    """``italic`` and ``bold`` as CSS declarations ("font-style: italic; …") set them."""
    return [style for style, pattern in (("italic", _FONT_STYLE), ("bold", _FONT_WEIGHT)) if pattern.search(declarations)]


def class_styles(stylesheet: str) -> dict[str, tuple[str, ...]]:
    """Class name → the styles a stylesheet's rules for that class alone set
    (".T1 { font-style:italic; }", "span.c3{font-weight:700}"); other selectors, which
    office exports do not use for emphasis, are left out."""
    found: dict[str, list[str]] = {}
    for selectors, declarations in _CSS_RULE.findall(re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.S)):
        styles = css_styles(declarations)
        if not styles:
            continue
        for selector in selectors.split(","):
            match = _CLASS_SELECTOR.match(selector.strip())
            if match:
                found.setdefault(match.group(1), []).extend(styles)
    return {name: tuple(dict.fromkeys(styles)) for name, styles in found.items()}


class BlockWalker:
    """Walks parsed HTML into ``TextBlock``s, in document order, without recursion.

    Each node is *entered* (``enter`` decides what it does and whether its children are
    walked) and, once its children are done, *left* (the function ``enter`` returned).
    Subclasses extend ``enter``, ``add_text``, ``list_numbers`` and ``make_block``.
    """

    def __init__(self, prov: Provenance):
        self.prov = prov
        self.blocks: list[Block] = []  # text blocks; a page's table cells also hold tables
        self.buffer = _Buffer()
        self.kind_stack = ["paragraph"]
        self.styles: tuple[str, ...] = ()
        self.number: str | None = None  # the number a reader sees on the current list item
        self.depth = 0  # list nesting
        self.lists: list[_OpenList] = []
        # class name → styles its stylesheet rule gives (LibreOffice's and Google Docs'
        # HTML set italics by class: ".T1 { font-style:italic; }"); set by the page reader
        self.class_styles: dict[str, tuple[str, ...]] = {}

    def walk(self, root: Tag) -> None:
        """Walk ``root``'s children and everything below them, in document order."""
        stack: list[tuple] = [(iter(root.children), _stay)]
        while stack:
            children, leave = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                leave()
                continue
            leave_child = self.enter(child)
            if leave_child is not None and isinstance(child, Tag):
                leave_child = self._declared_styles(child, leave_child)
            if leave_child is not None:
                stack.append((iter(child.children), leave_child))

    def _declared_styles(self, tag: Tag, leave: Leave) -> Leave:
        """Italic and bold given by the element's class or its ``style`` attribute, marked
        on its text (inside whatever block it opened) until it is left."""
        styles = [style for name in tag.get("class") or () for style in self.class_styles.get(name, ())]
        styles += css_styles(tag.get("style") or "")
        if not styles:
            return leave
        outer = self.styles
        self.styles = outer + tuple(s for s in dict.fromkeys(styles) if s not in outer)

        def leave_styled() -> None:
            self.styles = outer
            leave()
        return leave_styled

    def flush(self) -> None:
        """End the block being gathered (if it holds text) and keep it."""
        text, marks = self.buffer.take()
        if text:
            self.blocks.append(self.make_block(self.kind_stack[-1], text, marks))
            self.number = None  # only the item's first block carries its number

    def make_block(self, kind: str, text: str, marks: tuple[Mark, ...]) -> TextBlock:
        """The block for gathered text (subclasses add page, heading level …)."""
        return TextBlock(kind, text, self.prov, number=self.number, level=max(self.depth - 1, 0), marks=marks)

    def add_text(self, text: str) -> None:
        """Gather a text node's characters into the current block."""
        self.buffer.add(text, self.styles)

    def enter(self, node) -> Leave | None:
        """Act on reaching ``node``; return what to do after its children, or None to skip them."""
        if isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            return None
        if isinstance(node, NavigableString):
            self.add_text(str(node))
            return None
        if not isinstance(node, Tag):
            return None
        name = node.name.lower()
        if name in _SKIP_TAGS:
            return None
        if name == "br":
            # a line break separates what is written on its lines
            self.flush()
            return None
        if name in _STYLE_TAGS:
            return self.enter_style(_STYLE_TAGS[name])
        if name in ("ol", "ul"):
            return self.enter_list(node)
        if name == "li" and self.lists and node.parent is self.lists[-1].tag:
            return self.enter_item(node)
        if name in _BLOCK_TAGS:
            return self.enter_block(_BLOCK_TAGS[name])
        # any other inline element (span, a, font, u …): its text, in flow
        return _stay

    def enter_block(self, kind: str) -> Leave:
        """Start a block of ``kind``; leaving it ends the block."""
        self.flush()
        self.kind_stack.append(kind)

        def leave() -> None:
            self.flush()
            self.kind_stack.pop()
        return leave

    def enter_style(self, style: str) -> Leave:
        """Mark the text inside with ``style`` until the element is left."""
        outer = self.styles
        if style not in outer:
            self.styles = outer + (style,)

        def leave() -> None:
            self.styles = outer
        return leave

    def list_numbers(self, tag: Tag) -> Callable[[int], str] | None:
        """How a list shows its items' numbers, or None when it shows none."""
        return str if tag.name.lower() == "ol" and _shows_numbers(tag) else None

    def enter_list(self, tag: Tag) -> Leave:
        """A list: text typed straight into it stays one block (its numbers, typed, are
        read by layout repair); each ``<li>`` is a block with the number a reader sees."""
        self.flush()
        self.kind_stack.append("list_item")
        self.depth += 1
        self.lists.append(_OpenList(tag, _start(tag), self.list_numbers(tag)))

        def leave() -> None:
            self.flush()
            self.lists.pop()
            self.depth -= 1
            self.kind_stack.pop()
        return leave

    def enter_item(self, item: Tag) -> Leave:
        """A list's own ``<li>``: a new block carrying the item's number."""
        self.flush()
        current = self.lists[-1]
        if current.show is not None:
            # browsers and Word number <li> themselves; value= restarts the count
            value = item.get("value")
            current.counter = int(value) if value and str(value).isdigit() else current.counter
            self.number = current.show(current.counter)
            current.counter += 1

        def leave() -> None:
            self.flush()
            self.number = None
        return leave


def blocks_of(node: Tag, prov: Provenance) -> list[TextBlock]:
    """The text blocks of a parsed node's content, in order, all with provenance ``prov``."""
    walker = BlockWalker(prov)
    walker.walk(node)
    walker.flush()
    return walker.blocks


def fragment_blocks(fragment: str, prov: Provenance) -> list[TextBlock]:
    """The text blocks of an HTML fragment, in order; plain text gives one paragraph."""
    if not looks_like_html(fragment):
        text = _SPACE.sub(" ", fragment).strip()
        return [TextBlock("paragraph", text, prov)] if text else []
    soup = BeautifulSoup(fragment, "lxml")
    return blocks_of(soup.body or soup, prov)


def with_prov(blocks: list[TextBlock], prov: Provenance) -> list[TextBlock]:
    """The same blocks with another provenance."""
    return [replace(b, prov=prov) for b in blocks]
