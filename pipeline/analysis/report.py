"""``minutes report``: one self-contained HTML file that opens offline, with plotly charts
of a dataset — topics by meeting, the actions' timeline, open actions per owner, and the
threads followed from meeting to meeting with their history.

plotly.js is written once, inline, at the top of the file: no CDN, no other file. Every
text that comes from the minutes is escaped with ``html.escape``, in the HTML and in the
charts too (plotly reads a subset of HTML in labels and decodes entities back for display).
"""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from .. import __version__
from .concerns import recurring_concerns
from .data import load_dataset
from .report_data import (STATUSES, meeting_order, open_by_owner, overview, shorten, thread_histories,
                          timeline_rows, topic_labels, topic_matrix)

STATUS_COLOURS = {"open": "#1f77b4", "in_progress": "#e69f00", "complete": "#2ca02c", "overdue": "#d62728"}
OTHER_COLOUR = "#7f7f7f"
LINK_SYMBOLS = {"first": "circle", "label": "square", "similarity": "diamond"}
DAY_MS = 86_400_000
CONFIG = {"displaylogo": False, "responsive": True}

#: The notes shown in place of a chart with nothing to draw (the tests expect these).
NO_TOPICS = "No topics tagged in this dataset."
NO_ACTIONS = "No actions in this dataset."
NO_DATED_ACTIONS = "No action in this dataset comes from a dated meeting, so none can be placed in time."
NO_OPEN_ACTIONS = "No open actions: every action in this dataset is complete."
NO_THREADS = "No threads spanning two meetings or more in this dataset."
NO_CONCERNS = "Nothing to rank: no topics or threads in this dataset."
#: rows of the ranked table shown (``minutes concerns --top 0`` lists them all)
CONCERNS_SHOWN = 20

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$title</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; }
dl.overview { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.overview dt { font-weight: 600; }
.empty { padding: 1rem; background: #f4f4f4; border-left: 4px solid #bbb; color: #555; }
table.thread, table.concerns { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; font-size: .9rem; }
table.thread th, table.thread td, table.concerns th, table.concerns td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
table.thread th, table.concerns th { background: #f4f4f4; }
table.concerns td:nth-child(5), table.concerns td:nth-child(6), table.thread td:first-child { white-space: nowrap; }
.muted { color: #777; font-size: .85rem; }
</style>
<script>$plotlyjs</script>
</head>
<body>
$header
<h2>Recurring concerns</h2>
$concerns
<h2>Topics by meeting</h2>
$heatmap
<h2>Actions over time</h2>
$timeline
<h2>Open actions by owner</h2>
$owners
<h2>Threads followed across meetings</h2>
$threads
$thread_tables
<p class="muted">Written by minutes $version.</p>
</body>
</html>
""")


def esc(text) -> str:
    """Data text made safe for HTML and for plotly labels; '' for a missing value."""
    if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text)):
        return ""
    return html.escape(str(text))


def empty(div_id: str, note: str) -> str:
    """The chart's place holding a note instead of a chart."""
    return f'<div id="{div_id}" class="empty">{html.escape(note)}</div>'


def plot(fig: go.Figure, div_id: str) -> str:
    """A figure as a <div id=div_id> and the inline script that draws it (plotly.js is in
    the page's head, once)."""
    fig.update_layout(template="plotly_white", margin={"l": 10, "r": 10, "t": 30, "b": 10})
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(automargin=True)
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)


def header_html(facts: dict, data_dir: Path) -> str:
    """The report's head: which dataset, how many meetings over which dates, the bodies
    and the counts of items, questions, actions and concerns."""
    span = f"{facts['first']} to {facts['last']}" if facts["first"] else "no dated meeting"
    if facts["first"] and facts["undated"]:
        span += f" ({facts['undated']} undated)"
    bodies = list(facts["bodies"].items())
    shown = ", ".join(f"{esc(b)} ({n})" for b, n in bodies[:12])
    if len(bodies) > 12:
        shown += f", and {len(bodies) - 12} more"
    rows = [
        ("Dataset", esc(str(data_dir))),
        ("Meetings", f"{facts['meetings']}, {esc(span)}"),
        ("Bodies", shown or "none"),
        ("Records", f"{facts['items']} items, {facts['questions']} questions, {facts['actions']} actions, "
                    f"{facts['concerns']} concerns raised"),
    ]
    listing = "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<h1>Minutes report</h1>\n<dl class="overview">\n{listing}\n</dl>'


def heatmap_chart(matrix: pd.DataFrame) -> str:
    """Topic × meeting heatmap (``report_data.topic_matrix``): darker = more records tagged;
    a topic absent from a meeting is left blank, not drawn as a zero."""
    if matrix.empty:
        return empty("chart-heatmap", NO_TOPICS)
    columns = [esc(c) for c in matrix.columns]
    rows = [esc(r) for r in matrix.index]
    z = [[int(v) if v else None for v in row] for row in matrix.to_numpy()]
    # the lightest shade is still visible: one record must not look like none
    fig = go.Figure(go.Heatmap(z=z, x=columns, y=rows, colorscale=[[0, "#c6dbef"], [1, "#08306b"]], xgap=1, ygap=1,
                               texttemplate="%{z}", colorbar={"title": {"text": "records"}},
                               hovertemplate="%{y}<br>%{x}<br>%{z} records<extra></extra>"))
    fig.update_layout(height=160 + 26 * len(rows))
    # every meeting and topic named: plotly would thin a long categorical axis's labels
    fig.update_xaxes(type="category", tickmode="array", tickvals=columns, ticktext=columns, tickangle=-45)
    fig.update_yaxes(type="category", tickmode="array", tickvals=rows, ticktext=rows, autorange="reversed")
    return plot(fig, "chart-heatmap")


def timeline_chart(rows: pd.DataFrame, last_meeting: str | None, any_actions: bool) -> str:
    """One horizontal bar per action from the meeting that raised it to its due date,
    coloured by current status; an action with no due date runs to the last meeting of the
    dataset and is hatched ("no due date")."""
    if not any_actions:
        return empty("chart-actions-timeline", NO_ACTIONS)
    if rows.empty:
        return empty("chart-actions-timeline", NO_DATED_ACTIONS)
    labels = [f"{i}. {esc(shorten(o, 24))}: {esc(shorten(t, 48))}"
              for i, (o, t) in enumerate(zip(rows["owner"], rows["text"]), 1)]
    frame = rows.assign(label=labels)
    fig = go.Figure()
    statuses = list(STATUSES) + sorted(set(frame["status"]) - set(STATUSES))
    for status in statuses:
        for has_due in (True, False):
            part = frame[(frame["status"] == status) & (frame["has_due"] == has_due)]
            if part.empty:
                continue
            # a bar due the day it was raised still gets one day, or it would not show
            length = [max((e - s).total_seconds() * 1000, DAY_MS) for s, e in zip(part["start"], part["end"])]
            hover = [f"{esc(shorten(t, 120))}<br>owner: {esc(o)}<br>raised {s:%Y-%m-%d} at {esc(m)}<br>"
                     + (f"due {e:%Y-%m-%d}" if has_due else "no due date") + f"<br>status: {esc(status)}"
                     for t, o, s, e, m in zip(part["text"], part["owner"], part["start"], part["end"], part["meeting"])]
            fig.add_trace(go.Bar(
                orientation="h", y=part["label"], x=length, base=[s.strftime("%Y-%m-%d") for s in part["start"]],
                name=status if has_due else f"{status}, no due date", customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
                marker={"color": STATUS_COLOURS.get(status, OTHER_COLOUR),
                        "pattern": {"shape": "" if has_due else "/", "fgcolor": "white"}}))
    if last_meeting:
        fig.add_shape(type="line", x0=last_meeting, x1=last_meeting, yref="paper", y0=0, y1=1,
                      line={"dash": "dot", "color": "#555"})
        fig.add_annotation(x=last_meeting, yref="paper", y=1, text="last meeting", showarrow=False, yanchor="bottom")
    fig.update_layout(height=160 + 24 * len(frame), barmode="overlay", legend={"title": {"text": "status"}})
    fig.update_xaxes(type="date")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    return plot(fig, "chart-actions-timeline")


def owners_chart(counts: pd.Series, any_actions: bool) -> str:
    """Bars of open actions (current status not 'complete') per owner, most first."""
    if not any_actions:
        return empty("chart-open-actions", NO_ACTIONS)
    if counts.empty:
        return empty("chart-open-actions", NO_OPEN_ACTIONS)
    owners = [esc(o) for o in counts.index]
    fig = go.Figure(go.Bar(orientation="h", y=owners, x=list(counts), marker={"color": STATUS_COLOURS["open"]},
                           hovertemplate="%{y}: %{x} open<extra></extra>"))
    fig.update_layout(height=140 + 26 * len(owners))
    fig.update_xaxes(title={"text": "open actions"}, dtick=1 if counts.max() <= 10 else None)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=owners, autorange="reversed")
    return plot(fig, "chart-open-actions")


def thread_name(number: int, rows: pd.DataFrame) -> str:
    """A thread's short name: "T3 · AFI 5" (the first item's label, else its title)."""
    first = rows.iloc[0]
    what = first["label"] if isinstance(first["label"], str) else first["title"]
    return f"T{number} · {shorten(what, 40)}" if isinstance(what, str) else f"T{number}"


def threads_chart(histories: list[tuple[str, pd.DataFrame]]) -> str:
    """Each thread as a line of its meetings by date, one marker per item, shaped by how
    the item joined the thread (first, same label, similar text)."""
    if not histories:
        return empty("chart-threads", NO_THREADS)
    names = [esc(thread_name(n, rows)) for n, (_, rows) in enumerate(histories, 1)]
    line_x, line_y = [], []
    points: dict[str, dict[str, list]] = {}
    for name, (_, rows) in zip(names, histories):
        dated = rows[rows["date"].notna()]
        line_x += list(dated["date"]) + [None]
        line_y += [name] * len(dated) + [None]
        for r in dated.itertuples(index=False):
            kind = points.setdefault(r.link, {"x": [], "y": [], "hover": []})
            kind["x"].append(r.date)
            kind["y"].append(name)
            kind["hover"].append(f"{esc(r.meeting)}<br>{esc(shorten(r.label, 40))} {esc(shorten(r.title, 60))}"
                                 f"<br>{esc(how_linked(r))}")
    fig = go.Figure(go.Scatter(x=line_x, y=line_y, mode="lines", line={"color": "#bbb"}, hoverinfo="skip",
                               showlegend=False))
    for link, kind in points.items():
        fig.add_trace(go.Scatter(x=kind["x"], y=kind["y"], mode="markers", name=esc(link), customdata=kind["hover"],
                                 hovertemplate="%{customdata}<extra></extra>",
                                 marker={"size": 11, "symbol": LINK_SYMBOLS.get(link, "circle")}))
    fig.update_layout(height=160 + 28 * len(names), legend={"title": {"text": "joined by"}})
    fig.update_xaxes(type="date")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names, autorange="reversed")
    return plot(fig, "chart-threads")


def how_linked(row) -> str:
    """How an item joined its thread, in words."""
    if row.link == "first":
        return "starts the thread"
    target = f" {row.linked_label}" if isinstance(row.linked_label, str) else ""
    score = f" (score {row.score:.2f})" if row.score is not None and not pd.isna(row.score) else ""
    if row.link == "label":
        return f"same label as{target}" if target else "same label"
    if row.link == "similarity":
        return f"similar to{target}{score}"
    if row.link == "heading":
        return f"same heading as{target}"
    return f"{row.link}{target}{score}"


def thread_tables(histories: list[tuple[str, pd.DataFrame]]) -> str:
    """One HTML table per thread: meeting date, item label and title, how it was linked,
    and the start of its text."""
    parts = []
    for n, (thread_id, rows) in enumerate(histories, 1):
        dates = [d for d in rows["date"] if isinstance(d, str)]
        span = f"{min(dates)} to {max(dates)}" if dates else "undated"
        body = "\n".join(
            f"<tr><td>{esc(r.date) or '(no date)'}</td><td>{esc(r.meeting)}</td>"
            f"<td>{esc(r.label)}{' — ' if isinstance(r.label, str) and isinstance(r.title, str) else ''}{esc(r.title)}</td>"
            f"<td>{esc(how_linked(r))}</td><td>{esc(shorten(r.text, 220))}</td><td>{esc(r.said)}</td></tr>"
            for r in rows.itertuples(index=False))
        parts.append(
            f'<h3 id="thread-{n}">{esc(thread_name(n, rows))} <span class="muted">{rows["meeting"].nunique()} meetings, '
            f"{esc(span)}; thread {esc(thread_id)}</span></h3>\n"
            f'<table class="thread"><thead><tr><th>Date</th><th>Meeting</th><th>Item</th><th>How linked</th>'
            f"<th>Text</th><th>What was said</th></tr></thead>\n<tbody>\n{body}\n</tbody></table>")
    return "\n".join(parts)


def concerns_table(ranked: pd.DataFrame) -> str:
    """The ranked recurring concerns, as ``minutes concerns`` prints them."""
    if ranked.empty:
        return f'<div id="concerns" class="empty">{esc(NO_CONCERNS)}</div>'
    rows = "\n".join(
        f"<tr><td>{r.rank}</td><td>{esc(r.kind)}</td><td>{esc(r.label)}</td><td>{r.meetings}</td>"
        f"<td>{esc(r.first_seen) or ''}</td><td>{esc(r.last_seen) or ''}</td><td>{r.longest_run}</td>"
        f"<td>{r.concerns}</td><td>{r.open_actions}</td></tr>"
        for r in ranked.head(CONCERNS_SHOWN).itertuples(index=False))
    more = (f'<p class="muted">{len(ranked) - CONCERNS_SHOWN} more: <code>minutes concerns --top 0</code> lists '
            f"them all.</p>" if len(ranked) > CONCERNS_SHOWN else "")
    return (f'<table id="concerns" class="concerns"><thead><tr><th>#</th><th>Kind</th><th>Topic or thread</th>'
            f"<th>Meetings</th><th>First seen</th><th>Last seen</th><th>Longest run</th><th>Concerns</th>"
            f"<th>Open actions</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table>{more}")


def render_report(tables: dict[str, pd.DataFrame], data_dir: Path, rules=None) -> str:
    """The whole report page for a dataset's tables, as one HTML string."""
    facts = overview(tables)
    any_actions = not tables["actions"].empty
    histories = thread_histories(tables)
    order = meeting_order(tables["meetings"])
    last = pd.to_datetime(order["date"], errors="coerce").max()
    return PAGE.substitute(
        title=html.escape(f"Minutes report: {Path(data_dir).name or data_dir}"),
        plotlyjs=get_plotlyjs(),
        header=header_html(facts, Path(data_dir)),
        concerns=concerns_table(recurring_concerns(tables, topic_labels(rules))),
        heatmap=heatmap_chart(topic_matrix(tables["topics"], tables["meetings"], topic_labels(rules))),
        timeline=timeline_chart(timeline_rows(tables), None if pd.isna(last) else last.strftime("%Y-%m-%d"),
                                any_actions),
        owners=owners_chart(open_by_owner(tables), any_actions),
        threads=threads_chart(histories),
        thread_tables=thread_tables(histories),
        version=html.escape(__version__),
    )


def write_report(data_dir: Path, output: Path, rules=None) -> Path:
    """Read the dataset in ``data_dir`` and write its report to ``output``; raises
    ``DatasetError`` when ``data_dir`` holds no dataset."""
    page = render_report(load_dataset(data_dir), data_dir, rules)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output
