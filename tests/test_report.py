"""The HTML report's data shaping and page, without a browser (tests/test_report_browser.py
opens the page in one): built from small tables of the real record classes."""

from __future__ import annotations

import re
import subprocess
import sys
from types import SimpleNamespace

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from pipeline.analysis import report
from pipeline.analysis.report_data import (meeting_order, open_by_owner, overview, thread_histories, timeline_rows,
                                           topic_labels, topic_matrix)
from pipeline.records import (TABLES, Action, ActionEvent, Item, Meeting, PersonRow, Question, Statement, ThreadLink,
                              TopicTag)
from pipeline.write.csv import write_csv_tables
from pipeline.write.tables import to_frame


def meeting(mid, date, body):
    return Meeting(mid, "d-1", f"{body} minutes", body, date, None, None, None, None)


def item(mid, iid, label, title, text, seq=1):
    return Item(mid, iid, seq, "item", label, None, None, None, text, None, None, title=title)


def tag(mid, table, rid, topic, field="text"):
    return TopicTag(mid, table, rid, topic, topic, 1, 0, 5, field)


def action(aid, mid, owner, person, text, due):
    return Action(mid, None, aid, owner, person, None, text, None, due)


def event(aid, seq, ev, mid, date, status, current, due=None):
    return ActionEvent(aid, seq, ev, mid, date, None, None, status, current, due)


def small_tables(*, actions: bool = True) -> dict[str, pd.DataFrame]:
    """Four meetings of two bodies (one undated), tagged topics, two threads over several
    meetings and one within a meeting, five actions with a partial action log."""
    records: dict[str, list] = {name: [] for name in TABLES}
    records["meetings"] = [meeting("m2", "2023-02-14", "Police Board"), meeting("m1", "2023-01-10", "Police Board"),
                           meeting("m3", "2023-03-14", "Parish Council"), meeting("m4", None, "Parish Council")]
    records["items"] = [
        item("m1", "i1", "AFI 5", "Stop & search <records>", "The force should improve stop and search records."),
        item("m1", "i2", "AFI 6", "Custody", "Custody reviews are late.", 2),
        item("m1", "i3", "AFI 7", "Custody again", "Custody reviews are still late.", 3),
        item("m2", "i4", "AFI 5", "Stop and search", "Progress on stop and search records was reported."),
        item("m2", "i5", "4", "Budget", "The precept was discussed.", 2),
        item("m3", "i6", "7", "Precept", "The parish precept for next year.", 1),
        item("m3", "i7", "8", "Search records", "Stop and search records are now complete.", 2),
    ]
    records["questions"] = [Question("m1", "i1", "q1", "1", None, None, None, "Why are records missing?")]
    records["statements"] = [Statement("m1", "questions", "q1", "s1", 1, 0, 10, "Why…", "concern", "concern"),
                             Statement("m1", "questions", "q1", "s2", 2, 11, 20, "…", "question", None)]
    records["topics"] = [
        tag("m1", "items", "i1", "policing"), tag("m1", "questions", "q1", "policing"),
        tag("m1", "items", "i1", "policing", field="title"),  # same record twice: counted once
        tag("m2", "items", "i4", "policing"), tag("m2", "items", "i5", "estates"),
        tag("m3", "items", "i6", "finance"),
    ]
    records["threads"] = [
        ThreadLink("t-a", "i1", "m1", "first", 1, "2023-01-10", "AFI 5"),
        ThreadLink("t-a", "i4", "m2", "label", 2, "2023-02-14", "AFI 5", "i1"),
        ThreadLink("t-a", "i7", "m3", "similarity", 3, "2023-03-14", "8", "i4", 0.4567),
        ThreadLink("t-b", "i2", "m1", "first", 1, "2023-01-10", "AFI 6"),
        ThreadLink("t-b", "i3", "m1", "similarity", 2, "2023-01-10", "AFI 7", "i2", 0.8),
        ThreadLink("t-c", "i5", "m2", "first", 1, None, "4"),
        ThreadLink("t-c", "i6", "m3", "similarity", 2, "2023-03-14", "7", "i5", 0.5),
    ]
    records["people"] = [PersonRow("p-jane", "Jane Smith", None, None, None, 2, None)]
    if actions:
        records["actions"] = [
            action("a1", "m1", "DCC", None, "Report on stop & search", "2023-02-01"),
            action("a2", "m1", "Clerk", None, "Write to the county", None),
            action("a3", "m2", None, None, "Review custody", "2023-02-20"),
            action("a4", "m3", "JS", "p-jane", "Cost the precept", "2023-04-01"),
            action("a5", "m4", "JS", "p-jane", "Book the hall", None),
        ]
        records["action_log"] = [
            event("a1", 1, "raised", "m1", "2023-01-10", "open", "complete", "2023-02-01"),
            event("a1", 2, "updated", "m2", "2023-02-14", "in_progress", "complete", "2023-02-15"),
            event("a1", 3, "completed", "m3", "2023-03-14", "complete", "complete"),
            event("a2", 1, "raised", "m1", "2023-01-10", "open", "in_progress"),
            event("a2", 2, "updated", "m2", "2023-02-14", "in_progress", "in_progress"),
            event("a4", 1, "raised", "m3", "2023-03-14", "open", "overdue", "2023-04-01"),
            event("a4", 2, "overdue", None, "2023-04-01", "overdue", "overdue", "2023-04-01"),
        ]
    return {name: to_frame(name, rows) for name, rows in records.items()}


@pytest.fixture
def tables():
    return small_tables()


def test_meetings_are_ordered_by_date_with_undated_last_and_unique_labels(tables):
    order = meeting_order(tables["meetings"])
    assert list(order["meeting_id"]) == ["m1", "m2", "m3", "m4"]
    assert list(order["column"]) == ["2023-01-10 Police Board", "2023-02-14 Police Board", "2023-03-14 Parish Council",
                                     "(no date) Parish Council"]
    twice = to_frame("meetings", [meeting("x", "2023-05-01", "Board"), meeting("y", "2023-05-01", "Board")])
    assert list(meeting_order(twice)["column"]) == ["2023-05-01 Board", "2023-05-01 Board (2)"]


def test_topic_matrix_counts_records_per_topic_and_meeting(tables):
    matrix = topic_matrix(tables["topics"], tables["meetings"], {"policing": "Policing & crime"})
    # policing is in two meetings, so first; estates and finance in one each, by id
    assert list(matrix.index) == ["Policing & crime", "estates", "finance"]
    assert list(matrix.columns) == list(meeting_order(tables["meetings"])["column"])
    assert matrix.to_numpy().tolist() == [[2, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]


def test_topic_matrix_is_empty_without_tags(tables):
    assert topic_matrix(tables["topics"].iloc[0:0], tables["meetings"]).empty


def taxonomy(**labels):
    """Rules holding only a topic taxonomy (rules.topics.topics: id and label)."""
    return SimpleNamespace(topics=SimpleNamespace(topics=tuple(SimpleNamespace(id=k, label=v) for k, v in labels.items())))


def test_topic_labels_come_from_the_rules_or_are_empty(rules):
    assert topic_labels(None) == {}
    assert topic_labels(SimpleNamespace(topics=None)) == {}
    assert topic_labels(taxonomy(fin="Finance")) == {"fin": "Finance"}
    if rules.topics is not None:  # the shipped taxonomy: a label for each of its topics
        labels = topic_labels(rules)
        assert labels and all(isinstance(v, str) and v for v in labels.values())


def test_timeline_places_each_dated_action_with_its_status(tables):
    rows = timeline_rows(tables).set_index("action_id")
    assert list(rows.index) == ["a1", "a2", "a3", "a4"]  # by start, then end
    assert "a5" not in rows.index  # raised at the undated meeting: nowhere to start its bar
    # the log moved a1's due date from 1 to 15 February
    assert rows.loc["a1", "end"] == pd.Timestamp("2023-02-15") and rows.loc["a1", "status"] == "complete"
    # no due date: runs to the last meeting of the dataset
    assert not rows.loc["a2", "has_due"] and rows.loc["a2", "end"] == pd.Timestamp("2023-03-14")
    assert rows.loc["a2", "status"] == "in_progress"
    assert rows.loc["a3", "status"] == "open" and rows.loc["a3", "owner"] == "(no owner)"  # no log rows
    assert rows.loc["a4", "status"] == "overdue" and rows.loc["a4", "owner"] == "Jane Smith"
    assert rows.loc["a3", "start"] == pd.Timestamp("2023-02-14")


def test_open_actions_are_counted_per_owner(tables):
    counts = open_by_owner(tables)
    # a1 is complete; Jane Smith owns a4 and a5 (her person id, whatever the minutes call her)
    assert counts.to_dict() == {"Jane Smith": 2, "(no owner)": 1, "Clerk": 1}
    assert list(counts.index)[0] == "Jane Smith"


def test_threads_within_one_meeting_are_left_out(tables):
    histories = thread_histories(tables)
    assert [t for t, _ in histories] == ["t-a", "t-c"]
    first = histories[0][1]
    assert list(first["date"]) == ["2023-01-10", "2023-02-14", "2023-03-14"]
    assert list(first["link"]) == ["first", "label", "similarity"]
    assert first["linked_label"].tolist()[1:] == ["AFI 5", "AFI 5"]
    # a thread row without a date takes its meeting's
    assert histories[1][1]["date"].tolist() == ["2023-02-14", "2023-03-14"]


def test_overview_counts(tables):
    facts = overview(tables)
    assert (facts["meetings"], facts["first"], facts["last"], facts["undated"]) == (4, "2023-01-10", "2023-03-14", 1)
    assert facts["bodies"] == {"Police Board": 2, "Parish Council": 2}
    assert (facts["items"], facts["questions"], facts["actions"], facts["concerns"]) == (7, 1, 5, 1)


def test_page_has_plotlyjs_once_inline_and_every_chart(tables, tmp_path):
    page = report.render_report(tables, tmp_path, taxonomy(policing="Policing & crime"))
    assert page.count(get_plotlyjs()[:300]) == 1
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", page, re.IGNORECASE)
    for div in ("chart-heatmap", "chart-actions-timeline", "chart-open-actions", "chart-threads"):
        assert page.count(f'id="{div}"') == 1
        assert re.search(rf'Plotly\.newPlot\(\s*"{div}"', page)
    assert "empty" not in re.findall(r'<div id="chart-[^"]+" class="(\w+)"', page)
    # data text escaped in the thread tables and in the chart labels
    assert "Stop &amp; search &lt;records&gt;" in page and "<records>" not in page
    assert "Policing &amp; crime" in page
    assert "similar to AFI 5 (score 0.46)" in page


def test_empty_charts_show_a_note(tables, tmp_path):
    tables = small_tables(actions=False)
    tables["topics"] = tables["topics"].iloc[0:0]
    tables["threads"] = tables["threads"][tables["threads"]["thread_id"] == "t-b"]
    page = report.render_report(tables, tmp_path)
    assert f'<div id="chart-actions-timeline" class="empty">{report.NO_ACTIONS}</div>' in page
    assert f'<div id="chart-open-actions" class="empty">{report.NO_ACTIONS}</div>' in page
    assert f'<div id="chart-heatmap" class="empty">{report.NO_TOPICS}</div>' in page
    assert f'<div id="chart-threads" class="empty">{report.NO_THREADS}</div>' in page
    assert "Plotly.newPlot" not in page


def test_every_action_complete_says_so(tables, tmp_path):
    log = tables["action_log"].assign(current_status="complete")
    tables["action_log"] = pd.concat([log, to_frame("action_log", [
        event(a, 1, "completed", "m3", "2023-03-14", "complete", "complete") for a in ("a3", "a5")])])
    assert open_by_owner(tables).empty
    page = report.render_report(tables, tmp_path)
    assert f'<div id="chart-open-actions" class="empty">{report.NO_OPEN_ACTIONS}</div>' in page


def minutes(*args, cwd):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_report_command_writes_the_file_and_says_where(tmp_path):
    write_csv_tables(small_tables(), tmp_path / "data", "test", [])
    result = minutes("report", "--data", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "data" / "report.html"
    assert written.is_file() and str(written.relative_to(tmp_path)) in result.stdout
    assert re.search(r"\(\d+\.\d MB\)", result.stdout)
    result = minutes("report", "--data", "data", "--output", "out/r.html", cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "out" / "r.html").is_file()


def test_report_without_a_dataset_is_a_usage_error(tmp_path):
    result = minutes("report", "--data", "nothing-here", cwd=tmp_path)
    assert result.returncode == 2 and "no dataset folder at nothing-here" in result.stderr
    (tmp_path / "empty").mkdir()
    result = minutes("report", "--data", "empty", cwd=tmp_path)
    assert result.returncode == 2 and "run `minutes extract` first" in result.stderr
    assert not (tmp_path / "empty" / "report.html").exists()
