"""Scoring the pipeline against hand-checked gold values (``minutes evaluate``).

``gold`` loads and validates the gold files, ``matching`` says when a name, an owner or
a piece of text found by the pipeline is the one the gold file means, and ``scoring``
counts hits, misses and extras per field into precision, recall and F1.
"""

from .gold import GoldDocument, load_gold
from .scoring import FieldScore, Scorecard, score_document

__all__ = ["GoldDocument", "load_gold", "FieldScore", "Scorecard", "score_document"]
