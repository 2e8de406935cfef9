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


def test_xhtml_with_xml_declaration_and_xhtml_doctype_is_html():
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"></html>')
    assert sniff_format(data) == "html"


def test_xhtml_with_xml_declaration_and_namespaced_html_root_is_html():
    assert sniff_format(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>') == "html"


def test_xhtml_with_a_comment_or_stylesheet_instruction_after_the_declaration_is_html():
    assert sniff_format(b'<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE html>\n<html></html>') == "html"
    assert sniff_format(b'<?xml version="1.0"?>\n<?xml-stylesheet href="a.css"?>\n<html xmlns="x"></html>') == "html"


def test_html_starting_with_comments_is_html():
    assert sniff_format(b"<!-- saved from url=(0014)about:internet -->\n<!-- x -->\n<html><body>x</body></html>") == "html"
    assert sniff_format(b"<!-- exported -->\n<p>Minutes</p>") == "html"


def test_byte_order_mark_before_the_doctype_is_html():
    assert sniff_format(b"\xef\xbb\xbf\r\n<!DOCTYPE html>\n<html></html>") == "html"


def test_utf16_and_utf32_html_with_a_byte_order_mark_is_html():
    page = "<!DOCTYPE html><html><body>Réunion</body></html>"
    assert sniff_format(page.encode("utf-16")) == "html"
    assert sniff_format(("\ufeff" + page).encode("utf-16-be")) == "html"
    assert sniff_format(("\ufeff" + page).encode("utf-32-le")) == "html"


def test_utf16_html_whose_head_ends_inside_a_character_is_still_html():
    # generated: an emoji's two UTF-16 halves straddle the 8192-byte head
    page = "<!DOCTYPE html><html><body>" + "x" * (4094 - 27) + "\U0001F600" + "y" * 100
    data = b"\xff\xfe" + page.encode("utf-16-le")
    assert data[8190:8192] == "\U0001F600".encode("utf-16-le")[:2]
    assert sniff_format(data) == "html"


def test_utf16_html_without_a_byte_order_mark_is_html_but_other_such_text_stays_binary():
    assert sniff_format("<!DOCTYPE html><html></html>".encode("utf-16-le")) == "html"
    assert sniff_format("<html><body>x</body></html>".encode("utf-16-be")) == "html"
    assert sniff_format("Minutes of the meeting held".encode("utf-16-le")) == "binary"


def test_text_rendering_starting_with_a_comment_and_tabbed_cells_is_text():
    data = b"<!-- x -->\n<p>AFI 1: text</p>\t<ol> 1. The PCC asked\tanswer\n"
    assert sniff_format(data) == "text"


def test_a_damaged_zip_holding_word_parts_is_a_docx_for_the_reader_to_report():
    data = _zip({"[Content_Types].xml": b"<Types>wordprocessingml</Types>", "word/document.xml": b"<w/>"})
    assert sniff_format(data[: len(data) // 2]) == "docx"


def test_an_ole_container_holding_an_encrypted_package_is_a_protected_docx():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 200
    assert sniff_format(data) == "docx"


def test_rich_text_is_recognised_though_it_is_ascii():
    assert sniff_format(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Minutes of the meeting\\par }") == "rtf"


def test_opendocument_text_is_recognised():
    assert sniff_format(_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})) == "odf"
