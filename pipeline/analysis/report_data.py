"""The numbers behind each chart of the HTML report (pipeline/analysis/report.py), shaped
from a dataset's tables with pandas only, so they can be tested without drawing anything."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .data import topic_labels  # noqa: F401  (re-exported for the report)

#: Statuses of rules' action log (records.ActionEvent), in the order a legend shows them.
STATUSES = ("open", "in_progress", "complete", "overdue")
NO_OWNER = "(no owner)"
NO_DATE = "(no date)"


def shorten(text, width: int) -> str:
    """``text`` on one line, cut at ``width`` characters with an ellipsis; '' for a missing value."""
    if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text)):
        return ""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def meeting_order(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings by date (undated last), with a unique short ``column`` label each:
    "YYYY-MM-DD body" — two meetings of one body on one day get "(2)", "(3)" so a
    chart's categorical axis does not merge them."""
    frame = meetings[["meeting_id", "date", "body", "title"]].copy()
    frame["when"] = pd.to_datetime(frame["date"], errors="coerce")
    frame = frame.sort_values(["when", "meeting_id"], na_position="last", kind="stable").reset_index(drop=True)
    names = [f"{d if isinstance(d, str) else NO_DATE} {shorten(b if isinstance(b, str) else t, 28)}".strip()
             for d, b, t in zip(frame["date"], frame["body"], frame["title"])]
    seen: dict[str, int] = {}
    labels = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        labels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    frame["column"] = labels
    return frame


def topic_matrix(topics: pd.DataFrame, meetings: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Topic × meeting counts: one row per topic (its label, or its id when the taxonomy
    has no label for it), ordered by the number of meetings it appears in, most first; one
    column per meeting (``meeting_order``'s labels, by date); a cell is the number of records
    tagged with the topic at that meeting. Empty when nothing is tagged."""
    labels = labels or {}
    order = meeting_order(meetings)
    tagged = topics.drop_duplicates(["meeting_id", "record_table", "record_id", "topic"])
    tagged = tagged[tagged["meeting_id"].isin(order["meeting_id"])]
    if tagged.empty:
        return pd.DataFrame(index=pd.Index([], name="topic"), columns=list(order["column"]), dtype="int64")
    counts = pd.crosstab(tagged["topic"].astype(str), tagged["meeting_id"].astype(str))
    counts = counts.reindex(columns=list(order["meeting_id"]), fill_value=0)
    spread = (counts > 0).sum(axis=1)
    # most widespread first; ties by total records, then by id so the order is stable
    ranked = pd.DataFrame({"spread": spread, "total": counts.sum(axis=1), "id": counts.index})
    ranked = ranked.sort_values(["spread", "total", "id"], ascending=[False, False, True])
    counts = counts.loc[ranked.index]
    counts.columns = list(order["column"])
    counts.index = pd.Index([labels.get(t, t) for t in counts.index], name="topic")
    return counts.astype("int64")


def current_statuses(actions: pd.DataFrame, action_log: pd.DataFrame) -> pd.Series:
    """Action id → its status now: the action log's ``current_status`` (its last event),
    'open' for an action the log has no rows for."""
    status = pd.Series("open", index=actions["action_id"].astype(str), dtype=object)
    if not action_log.empty:
        last = action_log.sort_values(["action_id", "seq"]).groupby("action_id").tail(1)
        known = dict(zip(last["action_id"].astype(str), last["current_status"].astype(str)))
        status = pd.Series([known.get(a, "open") for a in status.index], index=status.index, dtype=object)
    return status


def _latest_due(actions: pd.DataFrame, action_log: pd.DataFrame) -> pd.Series:
    """Action id → due date: the last one the action log records (a later meeting may have
    moved it), else the action's own."""
    due = pd.Series(list(actions["due_date"]), index=actions["action_id"].astype(str), dtype=object)
    logged = action_log.dropna(subset=["due_date"]).sort_values(["action_id", "seq"]).groupby("action_id").tail(1)
    for action_id, date in zip(logged["action_id"].astype(str), logged["due_date"]):
        if action_id in due.index:
            due[action_id] = date
    return due


def owner_names(actions: pd.DataFrame, people: pd.DataFrame) -> pd.Series:
    """Action id → who owns it: the person's name from ``people`` via ``owner_person_id``,
    else the owner as the minutes write it, else "(no owner)"."""
    names = dict(zip(people["person_id"].astype(str), people["name"].astype(str)))
    owners = []
    for person_id, owner in zip(actions["owner_person_id"], actions["owner"]):
        name = names.get(person_id) if isinstance(person_id, str) else None
        owners.append(name or (owner.strip() if isinstance(owner, str) and owner.strip() else NO_OWNER))
    return pd.Series(owners, index=actions["action_id"].astype(str), dtype=object)


def timeline_rows(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per action that can be placed in time: ``start`` (its meeting's date),
    ``end`` (its due date, or the dataset's last meeting date when it has none:
    ``has_due`` False), ``status``, ``owner``, ``text``, ``meeting``; ordered by start,
    then end. Actions of an undated meeting cannot be placed and are left out."""
    actions, meetings = tables["actions"], tables["meetings"]
    columns = ["action_id", "start", "end", "has_due", "due_date", "status", "owner", "text", "meeting"]
    meeting_dates = pd.to_datetime(meetings.set_index("meeting_id")["date"], errors="coerce")
    last = meeting_dates.max()
    if actions.empty or pd.isna(last):
        return pd.DataFrame(columns=columns)
    status = current_statuses(actions, tables["action_log"])
    owners = owner_names(actions, tables["people"])
    due = pd.to_datetime(_latest_due(actions, tables["action_log"]), errors="coerce")
    bodies = meeting_order(meetings).set_index("meeting_id")["column"]
    rows = []
    for action_id, meeting_id, text in zip(actions["action_id"].astype(str), actions["meeting_id"], actions["text"]):
        start = meeting_dates.get(meeting_id, pd.NaT)
        if pd.isna(start):
            continue
        has_due = not pd.isna(due[action_id])
        rows.append({"action_id": action_id, "start": start, "end": due[action_id] if has_due else last,
                     "has_due": has_due, "due_date": due[action_id] if has_due else pd.NaT,
                     "status": status[action_id], "owner": owners[action_id], "text": text,
                     "meeting": bodies.get(meeting_id, meeting_id)})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["start", "end", "action_id"], kind="stable").reset_index(drop=True)


def open_by_owner(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Owner → number of actions whose current status is not 'complete', most first
    (ties by name)."""
    actions = tables["actions"]
    if actions.empty:
        return pd.Series(dtype="int64", name="open")
    status = current_statuses(actions, tables["action_log"])
    owners = owner_names(actions, tables["people"])
    open_owners = owners[status != "complete"]
    counts = open_owners.value_counts()
    counts = counts.reindex(sorted(counts.index, key=lambda o: (-counts[o], o)))
    return counts.rename("open").astype("int64")


def thread_histories(tables: Mapping[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """Each thread that spans two meetings or more, as ``(thread_id, rows)``: one row per
    item in thread order with ``date``, ``meeting``, ``label``, ``title``, ``link``,
    ``linked_label``, ``score`` and the item's ``text``. Longest threads first (most
    meetings), then by first date."""
    threads = tables["threads"]
    if threads.empty:
        return []
    items = tables["items"].set_index("item_id")
    meetings = meeting_order(tables["meetings"]).set_index("meeting_id")
    said = discussion(tables)
    histories = []
    for thread_id, rows in threads.groupby("thread_id", sort=False):
        if rows["meeting_id"].nunique() < 2:
            continue
        rows = rows.sort_values("seq")
        history = []
        for r in rows.itertuples(index=False):
            item = items.loc[r.item_id] if r.item_id in items.index else None
            date = r.date if isinstance(r.date, str) else meetings["date"].get(r.meeting_id)
            linked = items.loc[r.linked_item_id] if isinstance(r.linked_item_id, str) and r.linked_item_id in items.index else None
            history.append({
                "item_id": r.item_id,
                "date": date if isinstance(date, str) else None,
                "meeting": meetings["column"].get(r.meeting_id, r.meeting_id),
                "label": r.label if isinstance(r.label, str) else (item["label"] if item is not None else None),
                "title": item["title"] if item is not None else None,
                "link": r.link,
                "linked_label": (linked["label"] if isinstance(linked["label"], str) else r.linked_item_id)
                if linked is not None else (r.linked_item_id if isinstance(r.linked_item_id, str) else None),
                "score": None if pd.isna(r.score) else float(r.score),
                "text": item["text"] if item is not None else None,
                "said": said.get(r.item_id, ""),
            })
        histories.append((str(thread_id), pd.DataFrame(history)))
    histories.sort(key=lambda h: (-h[1]["meeting"].nunique(), min((d for d in h[1]["date"] if d), default="9999"), h[0]))
    return histories


def discussion(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """item_id → what was said on it, in one line: how many questions and responses, and
    the first concern raised (else the first response's words)."""
    questions, responses, statements = tables["questions"], tables["responses"], tables["statements"]
    asked = questions.groupby("item_id").size()
    answered = responses.groupby("item_id").size()
    by_record = {}
    for table, id_column in (("questions", "question_id"), ("responses", "response_id")):
        frame = tables[table]
        by_record.update(dict(zip(frame[id_column], frame["item_id"])))
    concerns = statements[statements["type"] == "concern"].sort_values(["record_id", "seq"])
    first_concern: dict[str, str] = {}
    for row in concerns.itertuples(index=False):
        item_id = by_record.get(row.record_id)
        if item_id is not None:
            first_concern.setdefault(item_id, row.text)
    first_response = responses.sort_values(["response_id"]).drop_duplicates("item_id").set_index("item_id")["text"]
    out = {}
    for item_id in set(asked.index) | set(answered.index):
        counts = f"{int(asked.get(item_id, 0))} questions, {int(answered.get(item_id, 0))} responses"
        if item_id in first_concern:
            out[item_id] = f"{counts}; concern: {shorten(first_concern[item_id], 200)}"
        elif isinstance(first_response.get(item_id), str):
            out[item_id] = f"{counts}; {shorten(first_response[item_id], 200)}"
        else:
            out[item_id] = counts
    return out


def overview(tables: Mapping[str, pd.DataFrame]) -> dict:
    """The report's header figures: meetings, first and last date, meetings per body,
    and the counts of items, questions, actions and concerns (statements typed 'concern')."""
    meetings = tables["meetings"]
    dates = pd.to_datetime(meetings["date"], errors="coerce").dropna()
    bodies = meetings["body"].fillna("(body not given)").value_counts()
    statements = tables["statements"]
    return {
        "meetings": len(meetings),
        "first": dates.min().date().isoformat() if len(dates) else None,
        "last": dates.max().date().isoformat() if len(dates) else None,
        "undated": len(meetings) - len(dates),
        "bodies": {str(b): int(n) for b, n in bodies.items()},
        "items": len(tables["items"]),
        "questions": len(tables["questions"]),
        "actions": len(tables["actions"]),
        "concerns": int((statements["type"] == "concern").sum()) if len(statements) else 0,
    }
