"""Text similarity for following matters across meetings: TF-IDF cosine (scikit-learn).

TF-IDF weighs a word by how rare it is across the texts compared, so two items share a
high score only when they share the words that set them apart ("vulnerability desk",
"repeat callers"), not the vocabulary every minute uses. The vectors are L2-normalised,
so a dot product is the cosine.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

# words of three letters or more; digits alone ("2022", "5") say nothing of the matter
_TOKEN = r"(?u)\b[^\W\d_][^\W\d_'’-]{2,}\b"
# rows of the similarity matrix computed at once: bounds memory to block × texts floats
_BLOCK = 512


def vectorise(texts: Sequence[str], extra_stop_words: Iterable[str] = ()) -> sparse.csr_matrix:
    """TF-IDF rows (L2-normalised) of ``texts``, fitted on these texts alone; an empty
    matrix when no text has a word to weigh."""
    stop = sorted(ENGLISH_STOP_WORDS | {w.lower() for w in extra_stop_words})
    vectorizer = TfidfVectorizer(lowercase=True, token_pattern=_TOKEN, stop_words=stop,
                                 sublinear_tf=True, strip_accents="unicode", dtype=np.float64)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # every text empty or all stop words: nothing to compare
        return sparse.csr_matrix((len(texts), 0))


def vectorise_by_group(texts: Sequence[str], groups: Sequence[str],
                       extra_stop_words: Iterable[str] = ()) -> sparse.csr_matrix:
    """TF-IDF rows of ``texts`` fitted separately on each group's texts (a series of
    meetings), in one matrix whose groups share no column: a text's weights depend only on
    its own group, not on whatever else was in the run, and texts of two groups have cosine 0."""
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    if not members:
        return sparse.csr_matrix((0, 0))
    order = [i for rows in members.values() for i in rows]
    blocks = [vectorise([texts[i] for i in rows], extra_stop_words) for rows in members.values()]
    stacked = sparse.block_diag(blocks, format="csr")
    # back to the order of ``texts``
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    return stacked[position]


def cosine_pairs(left: sparse.csr_matrix, right: sparse.csr_matrix, threshold: float):
    """Yield ``(i, j, score)`` for every row ``i`` of ``left`` and row ``j`` of ``right``
    whose cosine is at least ``threshold`` (and above zero), block by block."""
    if left.shape[0] == 0 or right.shape[0] == 0 or left.shape[1] == 0:
        return
    right_t = right.T.tocsc()
    for begin in range(0, left.shape[0], _BLOCK):
        block = (left[begin:begin + _BLOCK] @ right_t).tocoo()
        keep = (block.data >= threshold) & (block.data > 0)
        for i, j, score in zip(block.row[keep], block.col[keep], block.data[keep]):
            yield begin + int(i), int(j), float(score)


def content_words(text: str, stop_words: Iterable[str] = ()) -> set[str]:
    """The lower-cased words of ``text`` that TF-IDF weighs (not stop words, not digits)."""
    stop = ENGLISH_STOP_WORDS | {w.lower() for w in stop_words}
    return {w for w in (m.group(0).lower() for m in re.finditer(_TOKEN, text)) if w not in stop}
