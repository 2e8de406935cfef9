"""Minutes printed to PDF by a browser read as the page they were printed from.

The PDFs in tests/fixtures/browser-print/ are GENERATED (Chromium's print, with its running
header and footer; see that folder's SOURCE.md). A browser's header sets the date of
printing and the title apart across the top of every page, as two columns of a table would
be; read as a table without lines, it took the title and the meeting's date with it.
"""

from __future__ import annotations

import pytest

from pipeline.document import Table, TextBlock
from pipeline.readers import read_document
from pipeline.run import process_document
from tests.conftest import FIXTURES

PRINTS = FIXTURES / "browser-print"
PRINTED_FROM = {"seed-rendered.pdf": FIXTURES / "seed" / "rendered.html",
                "w3c-pm-wg-2026-05-07.pdf": FIXTURES / "w3c-pm-wg-2026-05-07" / "source.html"}


@pytest.mark.parametrize("name", sorted(PRINTED_FROM))
def test_the_browsers_header_and_footer_are_running_furniture_on_every_page(name, rules):
    doc = read_document(PRINTS / name, rules=rules)
    headers = {b.prov.page for b in doc.blocks if isinstance(b, TextBlock) and b.kind == "page_header"}
    footers = {b.prov.page for b in doc.blocks if isinstance(b, TextBlock) and b.kind == "page_footer"}
    assert doc.pages >= 5
    assert headers == footers == set(range(1, doc.pages + 1))
    # no table holds the header's words
    for table in (b for b in doc.blocks if isinstance(b, Table)):
        assert not any(" AM" in c.text or " PM" in c.text for r in table.rows for c in r.cells)


@pytest.mark.parametrize("name", sorted(PRINTED_FROM))
def test_a_printed_page_gives_the_meeting_its_html_gives(name, rules):
    printed = process_document(PRINTS / name, rules)
    page = process_document(PRINTED_FROM[name], rules)
    assert printed.row.status == page.row.status == "ok", printed.problems
    assert printed.meetings[0].meeting.date == page.meetings[0].meeting.date
    assert page.meetings[0].meeting.title in printed.meetings[0].meeting.title
    # the browser's header is no part of the minutes: no record holds the time it was printed
    assert not any(" AM" in i.text or " PM" in i.text for i in printed.meetings[0].items)


def test_a_title_in_a_large_font_is_no_table(rules):
    """A title's spaces, in a font twice the body's size, are wider than the body's
    gutter: the title is one heading, not the cells of a table."""
    doc = read_document(PRINTS / "w3c-pm-wg-2026-05-07.pdf", rules=rules)
    first = next(b for b in doc.blocks if isinstance(b, (TextBlock, Table)) and getattr(b, "kind", "") != "page_header"
                 and not (isinstance(b, TextBlock) and b.text == "W3C"))
    assert isinstance(first, TextBlock)
    assert "Publishing Maintenance Working Group Telco" in first.text
