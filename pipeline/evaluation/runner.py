"""Run the pipeline on the gold documents and pool their scorecards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..rules import Rules
from ..run import process_document
from .gold import GoldDocument, load_gold
from .scoring import Scorecard, score_document


@dataclass
class DocumentScore:
    """One gold document: its gold values, how the pipeline fared and its scorecard."""

    gold: GoldDocument
    status: str
    reason: str | None
    card: Scorecard


@dataclass
class Evaluation:
    """The scores of a gold set: per document and pooled."""

    documents: list[DocumentScore]
    total: Scorecard

    def organisations(self) -> set[str]:
        """The bodies the evaluated documents come from."""
        return {d.gold.organisation for d in self.documents}


def evaluate(gold_dir: Path, corpus: Path, rules: Rules, split: str | None = None) -> Evaluation:
    """Score the pipeline on every gold document of ``split`` (all when None) found in ``corpus``."""
    golds = [g for g in load_gold(gold_dir) if split in (None, "all", g.split)]
    documents = []
    total = Scorecard()
    for gold in golds:
        path = corpus / gold.document
        if not path.is_file():
            raise FileNotFoundError(f"{gold.path.name}: the document {gold.document} is not in {corpus}")
        result = process_document(path, rules, source=gold.document)
        card = score_document(gold, list(result.meetings))
        total.add(card)
        documents.append(DocumentScore(gold, result.row.status, result.row.reason, card))
    return Evaluation(documents, total)
