"""Gold files: what a careful reader finds in one real document (tests/gold/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

KINDS = ("minutes", "agenda", "decision_log")
STATUSES = ("present", "apologies", "absent", "in_attendance", "minutes")
OUTCOMES = ("approved", "not_supported", "noted", "deferred", None)
SPLITS = ("dev", "holdout")


class GoldError(ValueError):
    """A gold file that does not follow the format of tests/gold/README.md."""


@dataclass(frozen=True)
class GoldAttendee:
    name: str
    status: str


@dataclass(frozen=True)
class GoldAction:
    owner: tuple[str, ...]
    due: str | None
    text: str


@dataclass(frozen=True)
class GoldDecision:
    text: str
    outcome: str | None


@dataclass(frozen=True)
class GoldMeeting:
    date: str | None
    chair: str | None
    attendees: tuple[GoldAttendee, ...]
    items: int | None
    actions: tuple[GoldAction, ...]
    decisions: tuple[GoldDecision, ...]


@dataclass(frozen=True)
class GoldDocument:
    """The expected values for one corpus document."""

    path: Path
    document: str
    organisation: str
    split: str
    kind: str
    meetings: tuple[GoldMeeting, ...] = field(default=())


def _iso(value, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise GoldError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _need(mapping: dict, key: str, where: str):
    if key not in mapping:
        raise GoldError(f"{where}: missing key '{key}'")
    return mapping[key]


def _one_of(value, allowed: tuple, where: str):
    if value not in allowed:
        raise GoldError(f"{where}: {value!r} is not one of {', '.join(str(a) for a in allowed)}")
    return value


def _meeting(raw: dict, where: str) -> GoldMeeting:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: a meeting must be a mapping")
    attendees = tuple(
        GoldAttendee(str(_need(a, "name", f"{where} attendee {i}")),
                     _one_of(_need(a, "status", f"{where} attendee {i}"), STATUSES, f"{where} attendee {i}"))
        for i, a in enumerate(raw.get("attendees") or [], 1)
    )
    actions = []
    for i, a in enumerate(raw.get("actions") or [], 1):
        here = f"{where} action {i}"
        owner = a.get("owner") or []
        owner = [owner] if isinstance(owner, str) else owner
        actions.append(GoldAction(tuple(str(o) for o in owner), _iso(a.get("due"), here), str(_need(a, "text", here))))
    decisions = tuple(
        GoldDecision(str(_need(d, "text", f"{where} decision {i}")),
                     _one_of(d.get("outcome"), OUTCOMES, f"{where} decision {i}"))
        for i, d in enumerate(raw.get("decisions") or [], 1)
    )
    items = raw.get("items")
    if items is not None and not isinstance(items, int):
        raise GoldError(f"{where}: items must be a count")
    chair = raw.get("chair")
    return GoldMeeting(_iso(raw.get("date"), where), str(chair) if chair else None, attendees, items,
                       tuple(actions), decisions)


def load_gold_file(path: Path) -> GoldDocument:
    """One gold file, validated; raises ``GoldError`` naming the file and the fault."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise GoldError(f"{path.name}: must be a mapping")
    where = path.name
    meetings = tuple(_meeting(m, f"{where} meeting {i}") for i, m in enumerate(_need(raw, "meetings", where) or [], 1))
    if not meetings:
        raise GoldError(f"{where}: lists no meeting")
    return GoldDocument(
        path=path,
        document=str(_need(raw, "document", where)),
        organisation=str(_need(raw, "organisation", where)),
        split=_one_of(raw.get("split", "dev"), SPLITS, where),
        kind=_one_of(raw.get("kind", "minutes"), KINDS, where),
        meetings=meetings,
    )


def load_gold(folder: Path) -> list[GoldDocument]:
    """Every ``*.yaml`` gold file in ``folder`` (thresholds.yaml aside), sorted by name."""
    return [load_gold_file(p) for p in sorted(folder.glob("*.yaml")) if p.name != "thresholds.yaml"]
