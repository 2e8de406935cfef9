"""Is the text read from a document written language, or garbled?

A reader can read a file without error and still give nonsense: a PDF font whose map to
Unicode is wrong gives shifted letters ("Wkh Erdug phw" for "The Board met"), bytes read
in the wrong encoding or binary data read as text give symbols and control characters.
Such a reading must be reported, not published as minutes. ``garbled`` looks at the
characters of the whole document, with the thresholds of rules/quality.yaml:

* unreadable characters (control characters, private-use glyphs, U+FFFD);
* too few letters among the characters;
* too few of the letter pairs that written language is made of ("th", "er", "on" …):
  shifted or random letters make pairs a language seldom uses.

Every count is made by numpy over the whole text at once: the check costs about a
millisecond on forty pages.
"""

from __future__ import annotations

import re
import numpy as np

from .document import Document, all_text_blocks
from .rules import QualityRules

# control characters (tab and line breaks aside), private-use glyphs, the replacement character
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_SPACES = np.frombuffer(b" \t\n\r\x0b\x0c", dtype=np.uint8)


def garbled(doc: Document, rules: QualityRules) -> str | None:
    """Why the document's text looks garbled rather than written, or None when it does not
    (or holds too few letters to tell)."""
    text = "\n".join(b.text for b in all_text_blocks(doc.blocks))
    # the text as ASCII bytes in lower case, one byte a character (any other is "?"): the
    # counts below are numpy's, over every character at once
    codes = np.frombuffer(text.lower().encode("ascii", "replace"), dtype=np.uint8)
    other = _NOT_ASCII.findall(text)  # few in most minutes: counted one by one
    is_letter = (codes >= ord("a")) & (codes <= ord("z"))
    ascii_letters = int(np.count_nonzero(is_letter))
    letters = ascii_letters + sum(1 for ch in other if ch.isalpha())
    if letters < rules.min_letters:
        return None
    visible = max(len(text) - int(np.count_nonzero(np.isin(codes, _ASCII_SPACES))) - sum(1 for ch in other if ch.isspace()), 1)
    unreadable = len(_UNREADABLE.findall(text))
    if unreadable > rules.max_unreadable_share * visible:
        return (f"the text read is garbled: {_percent(unreadable, visible)} of its characters are control "
                "characters, private-use glyphs or undecodable bytes")
    if letters < rules.min_letter_share * visible:
        return f"the text read is garbled: only {_percent(letters, visible)} of its characters are letters"
    in_word = is_letter[:-1] & is_letter[1:]  # two letters side by side: a pair inside a word
    pairs = int(np.count_nonzero(in_word))
    if ascii_letters >= rules.min_letters and pairs > 0:
        pair_codes = codes[:-1][in_word].astype(np.uint16) * 256 + codes[1:][in_word]
        common = int(np.count_nonzero(np.isin(pair_codes, _pair_codes(rules.common_pairs))))
        if common < rules.min_common_pair_share * pairs:
            return (f"the text read looks garbled: {_percent(common, pairs)} of its letter pairs are pairs "
                    f"common in written language (at least {_percent(rules.min_common_pair_share, 1)} "
                    "expected): letters shifted by a font without a true map to Unicode, the wrong "
                    "encoding, or data rather than prose")
    return None


def _pair_codes(pairs: frozenset[str]) -> np.ndarray:
    return np.array(sorted(ord(p[0]) * 256 + ord(p[1]) for p in pairs), dtype=np.uint16)


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%"
