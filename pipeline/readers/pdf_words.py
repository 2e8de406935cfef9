"""Characters to words, the way pdfplumber's ``extract_words`` groups them.

The PDF reader has two engines (pdfplumber, the reference, and pdfium, the fast one). For
both to give the same records, the fast engine's characters are grouped into words by the
same rules as pdfplumber's ``WordExtractor`` with the reader's settings (x and y tolerance
3, blank characters not kept, words split where the font changes):

1. consecutive characters of one font (in content-stream order) form a run;
2. a run's characters are clustered into lines by their tops (values chained within the
   y tolerance), each line sorted left to right;
3. a line is cut into words at a blank character, where a character starts left of the one
   before it, more than the x tolerance after its end, or at another height.

Characters are plain tuples here (text, x0, top, x1, bottom, font name, font key), not
dicts: a page has thousands of them and this is the engine's inner loop. The font key says
which font a character is set in, as pdfminer's font name does for pdfplumber.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0

# pdfplumber expands these when it joins characters into words
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

Char = tuple  # (text, x0, top, x1, bottom, font name, font key)
_X0, _FONT_KEY = itemgetter(1), itemgetter(6)
RawWord = tuple  # (text, x0, top, x1, bottom, font name)


def _line_clusters(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by top, tops chained within the tolerance (pdfplumber's
    ``cluster_objects``): groups in order of top, characters in stream order within."""
    tops = sorted({c[2] for c in chars})
    if tops[-1] - tops[0] <= Y_TOLERANCE:
        return [chars]  # one line: most runs are (a shortcut, same groups)
    cluster_of: dict[float, int] = {}
    index, last = 0, tops[0]
    for top in tops:
        if top > last + Y_TOLERANCE:
            index += 1
        cluster_of[top] = index
        last = top
    groups: list[list[Char]] = [[] for _ in range(index + 1)]
    for c in chars:
        groups[cluster_of[c[2]]].append(c)
    return groups


def _merge(chars: list[Char]) -> RawWord:
    """One word from its characters, sorted by x0 (so the first starts the word)."""
    text = "".join([c[0] for c in chars])
    if not text.isascii():
        text = text.translate(_LIGATURE_TABLE)
    if len(chars) == 1:
        c = chars[0]
        return (text, c[1], c[2], c[3], c[4], c[5])
    return (text, chars[0][1], min([c[2] for c in chars]), max([c[3] for c in chars]), max([c[4] for c in chars]),
            chars[0][5])


_LIGATURE_TABLE = str.maketrans(_LIGATURES)


def words_from_chars(chars: list[Char]) -> list[RawWord]:
    """Words from a page's characters in content-stream order (see the module's docstring)."""
    words: list[RawWord] = []
    append = words.append
    for _, run in groupby(chars, key=_FONT_KEY):
        run = list(run)
        for line in _line_clusters(run):
            line.sort(key=_X0)  # stable, as pdfplumber's sort by (x0, x0)
            current: list[Char] = []
            prev = None
            for c in line:
                text = c[0]
                if text == " " or text.isspace():
                    if current:
                        append(_merge(current))
                        current = []
                    continue
                if current and (c[1] < prev[1] or c[1] > prev[3] + X_TOLERANCE or abs(c[2] - prev[2]) > Y_TOLERANCE):
                    append(_merge(current))
                    current = []
                current.append(c)
                prev = c
            if current:
                append(_merge(current))
    return words
