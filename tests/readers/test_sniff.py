"""Formats are told by the bytes, never by the file name."""

import io
import zipfile

from pipeline.readers.sniff import sniff_format


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_pdf_is_recognised_by_its_header():
    assert sniff_format(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj") == "pdf"


def test_docx_is_a_zip_whose_content_types_say_wordprocessingml():
    types = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    assert sniff_format(_zip({"[Content_Types].xml": types, "word/document.xml": b"<w/>"})) == "docx"


def test_other_zip_is_not_taken_for_docx():
    assert sniff_format(_zip({"a.txt": b"hello"})) == "zip"


def test_legacy_word_doc_is_recognised():
    assert sniff_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == "doc"


def test_html_page_is_recognised_with_or_without_doctype():
    assert sniff_format(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff_format(b"\n  <html lang='en'><p>x</p></html>") == "html"


def test_text_rendering_with_html_fragments_in_cells_is_text():
    data = b"\n\nMonthly Assurance Meeting\n\n<p>AFI 1: text</p>\t<ol> 1. The PCC asked\tanswer\n"
    assert sniff_format(data) == "text"


def test_binary_garbage_is_binary():
    assert sniff_format(bytes(range(256)) * 4) == "binary"


def test_utf16_text_is_text_not_binary():
    assert sniff_format("Minutes of the meeting\n".encode("utf-16")) == "text"
