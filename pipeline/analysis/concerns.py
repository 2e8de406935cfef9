"""Recurring concerns: which topics and threads keep coming back, ranked.

A topic (rules/topics.yaml, table ``topics``) or a thread (table ``threads``) recurs when it
is seen in several meetings. For each one: the number of meetings, first and last seen,
the longest run of consecutive meetings of one series where it came up, the concern
statements said about it (table ``statements``, type ``concern``) and its actions not yet
reported complete (table ``action_log``). Ranked by meetings, then the longest run, then
concerns, then open actions.
"""

from __future__ import annotations

import pandas as pd

from .data import topic_labels  # noqa: F401  (the CLI and notebooks take both from here)
from .report_data import current_statuses

COLUMNS = ["rank", "kind", "key", "label", "meetings", "first_seen", "last_seen", "longest_run",
           "concerns", "open_actions", "records"]

def series_positions(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings with their ``series``, ``occasion`` and ``position`` in the series (0, 1, …
    by date). The agenda and the minutes of one meeting are two records of one occasion:
    same series, same date; they count once and share a position."""
    frame = meetings[["meeting_id", "document_id", "date", "body", "title", "series"]].copy()
    # a meeting of a dataset written before series were kept is a series of its own
    frame["series"] = frame["series"].fillna(frame["meeting_id"])
    frame["occasion"] = frame["series"] + " @ " + frame["date"].fillna(frame["meeting_id"])
    frame = frame.sort_values(["series", "date", "meeting_id"], na_position="last", kind="stable")
    frame["position"] = frame.groupby("series")["occasion"].transform(lambda o: pd.factorize(o)[0])
    return frame


def longest_run(positions: pd.DataFrame) -> int:
    """The longest run of consecutive meetings of one series among ``positions`` (rows of
    ``series`` and ``position``)."""
    best = 0
    for _, group in positions.drop_duplicates().groupby("series"):
        run, last = 0, None
        for p in sorted(group["position"]):
            run = run + 1 if last is not None and p == last + 1 else 1
            last = p
            best = max(best, run)
    return best


def open_action_ids(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Actions not reported complete: current status other than ``complete`` (every action
    without a log row counts as open)."""
    statuses = current_statuses(tables["actions"].dropna(subset=["action_id"]), tables["action_log"])
    return set(statuses.index[statuses != "complete"])


def _summary(kind: str, key: str, label: str, records: pd.DataFrame, order: pd.DataFrame,
             concerns: int, open_actions: int) -> dict:
    """One ranked row from the (meeting_id …) rows of one topic or thread."""
    seen = order[order["meeting_id"].isin(set(records["meeting_id"]))]
    dates = seen["date"].dropna()
    return {
        "kind": kind, "key": key, "label": label,
        "meetings": int(seen["occasion"].nunique()),
        "first_seen": dates.min() if not dates.empty else None,
        "last_seen": dates.max() if not dates.empty else None,
        "longest_run": longest_run(seen[["series", "position"]]),
        "concerns": int(concerns), "open_actions": int(open_actions), "records": int(len(records)),
    }


def _concern_records(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    statements = tables["statements"]
    concerns = statements[statements["type"] == "concern"]
    return concerns.groupby(["record_table", "record_id"]).size().rename("concerns").reset_index()


def topic_concerns(tables: dict[str, pd.DataFrame], labels: dict[str, str] | None = None) -> list[dict]:
    """One row per topic tagged anywhere in the dataset."""
    topics = tables["topics"]
    if topics.empty:
        return []
    labels = labels or {}
    order = series_positions(tables["meetings"])
    concern_counts = _concern_records(tables)
    open_ids = open_action_ids(tables)
    actions = tables["actions"]
    rows = []
    for topic, records in topics.groupby("topic", sort=True):
        tagged = records.merge(concern_counts, on=["record_table", "record_id"], how="left")
        # an action is about the topic when its own text or its item is tagged with it
        action_ids = set(records.loc[records["record_table"] == "actions", "record_id"])
        items = set(records.loc[records["record_table"] == "items", "record_id"])
        action_ids |= set(actions.loc[actions["item_id"].isin(items), "action_id"])
        rows.append(_summary("topic", topic, labels.get(topic, topic), records, order,
                             tagged["concerns"].fillna(0).sum(), len(action_ids & open_ids)))
    return rows


def thread_concerns(tables: dict[str, pd.DataFrame]) -> list[dict]:
    """One row per thread that spans more than one meeting."""
    threads = tables["threads"]
    if threads.empty:
        return []
    order = series_positions(tables["meetings"])
    concern_counts = _concern_records(tables).set_index(["record_table", "record_id"])["concerns"]
    open_ids = open_action_ids(tables)
    questions, responses, actions = tables["questions"], tables["responses"], tables["actions"]
    names = _item_names(tables["items"])
    rows = []
    for thread_id, members in threads.groupby("thread_id", sort=True):
        if order.loc[order["meeting_id"].isin(set(members["meeting_id"])), "occasion"].nunique() < 2:
            continue  # one meeting (or its agenda and minutes) is no recurrence
        items = set(members["item_id"])
        said = [("questions", q) for q in questions.loc[questions["item_id"].isin(items), "question_id"]]
        said += [("responses", r) for r in responses.loc[responses["item_id"].isin(items), "response_id"]]
        said += [("items", i) for i in items]
        concerns = sum(int(concern_counts.get(key, 0)) for key in said)
        thread_actions = set(actions.loc[actions["item_id"].isin(items), "action_id"])
        first = members.sort_values("seq").iloc[0]
        label = names.get(first["item_id"], thread_id)
        rows.append(_summary("thread", thread_id, label, members, order, concerns, len(thread_actions & open_ids)))
    return rows


def item_name(item: pd.Series, width: int = 60) -> str:
    """What to call an item in a listing: its label and heading ("AFI 5", "7. Premises"),
    or the start of its text when it has no heading."""
    label = item.get("label") if isinstance(item.get("label"), str) else ""
    title = item.get("title") if isinstance(item.get("title"), str) else ""
    text = item.get("text") if isinstance(item.get("text"), str) else ""
    name = " ".join(p for p in (label, title) if p)
    if not title:
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= width else snippet[:width - 1].rstrip() + "…"
        name = f"{name}: {snippet}" if name and snippet else (name or snippet)
    return name or str(item.get("item_id"))


def _item_names(items: pd.DataFrame) -> dict[str, str]:
    return {row["item_id"]: item_name(row) for _, row in items.iterrows()}


def recurring_concerns(tables: dict[str, pd.DataFrame], labels: dict[str, str] | None = None,
                       by: str = "all", min_meetings: int = 1) -> pd.DataFrame:
    """The ranked table of topics and/or threads (``by``: ``topic``, ``thread`` or ``all``),
    those seen in at least ``min_meetings`` meetings."""
    rows = []
    if by in ("all", "topic"):
        rows += topic_concerns(tables, labels)
    if by in ("all", "thread"):
        rows += thread_concerns(tables)
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"])
    frame = frame[frame["meetings"] >= min_meetings]
    frame = frame.sort_values(["meetings", "longest_run", "concerns", "open_actions", "records", "label"],
                              ascending=[False, False, False, False, False, True], kind="stable")
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.reset_index(drop=True).astype({"meetings": "int64", "longest_run": "int64",
                                                "concerns": "int64", "open_actions": "int64", "records": "int64"})

