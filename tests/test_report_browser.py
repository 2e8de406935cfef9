"""The HTML report opened in a real headless browser (Chromium), offline: every chart must
be drawn by the plotly.js the file carries, with as many cells, bars and points as the data.

Without Chromium the tests are skipped on a workstation and fail under CI (the README's
test command installs it), so CI never passes by skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from pipeline.analysis import report
from pipeline.analysis.data import load_dataset
from pipeline.analysis.report_data import open_by_owner, thread_histories, timeline_rows, topic_matrix
from pipeline.batch import run_batch
from pipeline.write.csv import write_csv_tables
from tests.conftest import SEED
from tests.test_report import small_tables, taxonomy

CHROMIUM = shutil.which("chromium")
CHARTS = ("chart-heatmap", "chart-actions-timeline", "chart-open-actions", "chart-threads")


@pytest.fixture(scope="module")
def chromium():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: the README's test command installs it, CI must not skip these")
        pytest.skip("chromium is not installed (the README's test command installs it)")
    return CHROMIUM


def rendered(chromium: str, page, profile) -> BeautifulSoup:
    """The page's DOM after its scripts ran, in a browser that can reach no network."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000", "--dump-dom",
               page.resolve().as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return BeautifulSoup(result.stdout, "lxml")


def drawn(dom: BeautifulSoup, div_id: str):
    """The chart's div, asserting plotly drew it (its SVG is there)."""
    div = dom.find(id=div_id)
    assert div is not None, f"no #{div_id}"
    assert "js-plotly-plot" in div.get("class", []), f"#{div_id} was not drawn"
    assert div.select("svg.main-svg"), f"#{div_id} has no plotly SVG"
    return div


def ticks(div, axis: str) -> list[str]:
    return [t.get_text() for t in div.select(f".{axis}tick")]


def assert_offline_file(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", text, re.IGNORECASE)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    data = tmp_path_factory.mktemp("small")
    write_csv_tables(small_tables(), data, "test", [])
    return data


def test_every_chart_is_drawn_offline_with_one_mark_per_datum(chromium, small, tmp_path):
    rules = taxonomy(policing="Policing & crime")
    page = report.write_report(small, tmp_path / "report.html", rules)
    assert_offline_file(page)
    dom = rendered(chromium, page, tmp_path / "profile")

    heatmap = drawn(dom, "chart-heatmap")
    assert ticks(heatmap, "y") == ["Policing & crime", "estates", "finance"]
    assert ticks(heatmap, "x") == ["2023-01-10 Police Board", "2023-02-14 Police Board", "2023-03-14 Parish Council",
                                   "(no date) Parish Council"]
    # one number per cell where the topic appears, none where it does not
    assert Counter(t.get_text() for t in heatmap.select(".hm text")) == Counter({"1": 3, "2": 1})

    timeline = drawn(dom, "chart-actions-timeline")
    assert len(timeline.select(".barlayer .point")) == 4  # a5's meeting has no date
    names = {t.get_text() for t in timeline.select(".legendtext")}
    assert names == {"open", "in_progress, no due date", "complete", "overdue"}

    owners = drawn(dom, "chart-open-actions")
    assert len(owners.select(".barlayer .point")) == 3
    assert set(ticks(owners, "y")) == {"Jane Smith", "(no owner)", "Clerk"}

    threads = drawn(dom, "chart-threads")
    assert len(threads.select(".scatterlayer .point")) == 5  # t-a's three meetings, t-c's two
    assert set(ticks(threads, "y")) == {"T1 · AFI 5", "T2 · 4"}
    tables = dom.select("table.thread")
    assert [len(t.select("tbody tr")) for t in tables] == [3, 2]
    assert "Stop & search <records>" in tables[0].get_text()


def test_nothing_to_draw_shows_the_note(chromium, tmp_path):
    tables = small_tables(actions=False)
    tables["topics"] = tables["topics"].iloc[0:0]
    write_csv_tables(tables, tmp_path / "data", "test", [])
    page = report.write_report(tmp_path / "data", tmp_path / "report.html")
    dom = rendered(chromium, page, tmp_path / "profile")
    for div_id, note in (("chart-heatmap", report.NO_TOPICS), ("chart-actions-timeline", report.NO_ACTIONS),
                         ("chart-open-actions", report.NO_ACTIONS)):
        div = dom.find(id=div_id)
        assert div.get_text() == note and not div.select("svg")
    assert len(drawn(dom, "chart-threads").select(".scatterlayer .point")) == 5


def test_the_seed_extraction_report_renders(chromium, rules, tmp_path):
    data = tmp_path / "extracted"
    run_batch([SEED], rules, data)
    page = report.write_report(data, tmp_path / "report.html", rules)
    assert_offline_file(page)
    dom = rendered(chromium, page, tmp_path / "profile")
    tables = load_dataset(data)
    assert len(tables["actions"]) == 2
    # what each chart must show follows from the tables (topics and threads may be empty)
    expected = {
        "chart-heatmap": topic_matrix(tables["topics"], tables["meetings"]).shape[0],
        "chart-actions-timeline": len(timeline_rows(tables)),
        "chart-open-actions": len(open_by_owner(tables)),
        "chart-threads": sum(len(rows) for _, rows in thread_histories(tables)),
    }
    assert expected["chart-actions-timeline"] == 2 and expected["chart-open-actions"] == 2
    notes = {"chart-heatmap": report.NO_TOPICS, "chart-threads": report.NO_THREADS}
    for div_id in CHARTS:
        if expected[div_id] == 0:
            assert dom.find(id=div_id).get_text() == notes[div_id]
            continue
        div = drawn(dom, div_id)
        if div_id == "chart-heatmap":
            assert len(ticks(div, "y")) == expected[div_id]
        elif div_id == "chart-threads":
            assert len(div.select(".scatterlayer .point")) == expected[div_id]
        else:
            assert len(div.select(".barlayer .point")) == expected[div_id]
