"""The evaluation as tables a reader can scan: per field, then per document."""

from __future__ import annotations

from rich.table import Table

from .runner import Evaluation
from .scoring import FIELDS, FieldScore


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def field_table(evaluation: Evaluation, title: str) -> Table:
    """Precision, recall, F1 and accuracy per field, pooled over the documents."""
    table = Table(title=title, title_justify="left")
    for name, justify in (("field", "left"), ("gold", "right"), ("found", "right"), ("hits", "right"),
                          ("precision", "right"), ("recall", "right"), ("F1", "right"), ("right", "right")):
        table.add_column(name, justify=justify)
    for name in FIELDS:
        s: FieldScore = evaluation.total.fields[name]
        table.add_row(name, str(s.tp + s.fn), str(s.tp + s.fp), str(s.tp), _pct(s.precision), _pct(s.recall),
                      _pct(s.f1), f"{s.correct}/{s.total}" if s.total else "–")
    return table


def document_table(evaluation: Evaluation) -> Table:
    """One line per document: status and the headline scores."""
    table = Table(title="per document", title_justify="left")
    for name in ("document", "split", "status", "date", "chair", "attendees F1", "actions R", "owner", "decisions F1"):
        table.add_column(name, justify="left" if name in ("document", "split", "status") else "right")
    for d in evaluation.documents:
        f = d.card.fields
        table.add_row(
            d.gold.document, d.gold.split, d.status + (f" {d.reason}" if d.reason else ""),
            f"{f['date'].correct}/{f['date'].total}", f"{f['chair'].correct}/{f['chair'].total}",
            _pct(f["attendees"].f1), _pct(f["actions"].recall),
            f"{f['action_owner'].correct}/{f['action_owner'].total}" if f["action_owner"].total else "–",
            _pct(f["decisions"].f1),
        )
    return table
