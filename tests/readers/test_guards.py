"""Defences before parsing: hostile files generated here (none is real) are refused with a
clear reason, and a good file beside them is read as before."""

from __future__ import annotations

import io
import zipfile

import pytest

from pipeline.readers import guards, read_bytes
from pipeline.run import process_document
from tests.conftest import FIXTURES

DOCX = next(FIXTURES.glob("*/source.docx"), None) or next(FIXTURES.rglob("*.docx"))


def docx_with(extra: dict[str, bytes], base: bytes | None = None, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A real .docx (a fixture's) with members added or replaced."""
    base = base or DOCX.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for item in src.infolist():
            if item.filename not in extra:
                dst.writestr(item, src.read(item))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def reason_of(data: bytes, rules) -> tuple[str, str]:
    with pytest.raises(Exception) as caught:
        read_bytes(data, "generated", rules)
    return caught.value.reason, str(caught.value)


def test_a_docx_zip_bomb_is_refused_before_python_docx_opens_it(rules):
    bomb = docx_with({"word/media/padding.xml": b"\0" * (50 * 2**20)})
    assert len(bomb) < 2**20  # 50 MB of zeros compress to about 50 KB
    reason, message = reason_of(bomb, rules)
    assert reason == "too_large" and "zip bomb" in message


def test_a_docx_with_too_many_members_is_refused(rules, monkeypatch):
    monkeypatch.setattr(guards, "MAX_ZIP_MEMBERS", 30)
    many = docx_with({f"customXml/item{i}.xml": b"<a/>" for i in range(40)})
    assert reason_of(many, rules)[0] == "too_large"


@pytest.mark.parametrize("payload", [
    # XXE: an external entity reading a local file
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document '
    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t>'
    b'</w:r></w:p></w:body></w:document>',
    # billion laughs: entities that expand to gigabytes
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document '
    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;'
    b'</w:t></w:r></w:p></w:body></w:document>',
], ids=["xxe", "billion-laughs"])
def test_xml_declaring_entities_in_a_docx_is_refused(payload, rules):
    hostile = docx_with({"word/document.xml": payload})
    reason, message = reason_of(hostile, rules)
    assert reason == "corrupt" and "refused as unsafe" in message


def test_html_declaring_entities_is_refused(rules):
    page = b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><h1>Minutes</h1>&x;</body></html>'
    assert reason_of(page, rules) == ("corrupt", "the HTML page declares entities (refused as unsafe)")


def test_a_file_over_the_size_cap_is_too_large(rules, monkeypatch):
    monkeypatch.setattr(guards, "MAX_FILE_BYTES", 1000)
    assert reason_of(b"Minutes of the meeting\n" * 100, rules)[0] == "too_large"


def test_a_pdf_over_the_page_cap_is_too_large(rules, monkeypatch):
    from reportlab.pdfgen import canvas

    monkeypatch.setattr(guards, "MAX_PDF_PAGES", 50)
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for n in range(60):  # a generated PDF of 60 blank-ish pages
        pdf.drawString(72, 720, f"Page {n + 1}")
        pdf.showPage()
    pdf.save()
    reason, message = reason_of(out.getvalue(), rules)
    assert reason == "too_large" and "60 pages" in message


def test_the_unaltered_docx_is_still_read(rules):
    result = process_document(DOCX, rules)
    assert result.row.status in ("ok", "partial") and result.meetings
