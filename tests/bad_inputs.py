"""Broken and hostile input files, generated at test time (nothing here is a real file).

``write_bad_inputs(folder)`` writes every file of ``BAD_INPUTS`` into ``folder`` and returns
their paths by name. Each generator is a small function of no arguments returning bytes, so
that what a file holds can be read here: an empty file, a truncated PDF, a zip bomb dressed as
.docx, HTML nested 100,000 levels deep, text in cp1252 and UTF-16 … The expected outcome of
each file is asserted in tests/test_bad_inputs.py.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from tests.conftest import FIXTURES, SEED

PDF_FIXTURE = FIXTURES / "seed" / "rendered.pdf"
HTML_FIXTURE = FIXTURES / "w3c-pm-wg-2026-05-07" / "source.html"
DOCX_FIXTURE = FIXTURES / "bradford-rocu-minutes" / "source.docx"

# Short minutes of a fictional parish council: the files that should still be read (other
# encodings, a renamed PDF) hold these, with names no fixture uses.
MINUTES = """Minutes of the Meeting of Elmbridge Parish Council
held on Tuesday 9 March 2021 at 7.30 pm in the Village Hall

Present: Cllr Ada Quenby (Chair), Cllr Bram Tolliver, Cllr Cora Wendle
In attendance: Dina Ferrow (Clerk)

1. Apologies for absence
Apologies were received from Cllr Edwin Harcastle.

2. Minutes of the previous meeting
The minutes of the meeting held on 9 February 2021 were approved as a correct record.

3. Village hall roof
The Clerk reported that three quotes had been received for the repair of the roof.
RESOLVED: that the lowest quote be accepted.
ACTION: Clerk to instruct the contractor.

4. Date of next meeting
Tuesday 13 April 2021 at 7.30 pm.
"""

# cp1252 has smart quotes and the pound sign at bytes UTF-8 cannot decode
SMART = MINUTES.replace("three quotes", "three “quotes” costing up to £4,500")


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _main_part() -> str:
    """The fixture's main document part (Word may name it word/document2.xml)."""
    with zipfile.ZipFile(DOCX_FIXTURE) as archive:
        return next(n for n in archive.namelist() if re.fullmatch(r"word/document\d*\.xml", n))


def _docx_with(replace: dict[str, bytes | None]) -> bytes:
    """The fixture .docx with members replaced (or removed, for None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX_FIXTURE) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename not in replace:
                dst.writestr(item, src.read(item))
        for name, data in replace.items():
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def _word_document(body_text: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{body_text}</w:t></w:r></w:p>'
            "</w:body></w:document>").encode()


def _reportlab_pdf(lines: list[str], **canvas_args) -> bytes:
    """A one-page PDF of text lines, made with reportlab (uncompressed, so it can be damaged)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pageCompression=0, **canvas_args)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()
    return out.getvalue()


def _minutes_pdf(**canvas_args) -> bytes:
    return _reportlab_pdf(MINUTES.splitlines(), **canvas_args)


def _hand_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF written by hand: ``objects`` numbered from 1, with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


# --- the generators -------------------------------------------------------------------------


def empty() -> bytes:
    return b""


def whitespace_only() -> bytes:
    return b"  \n\t \r\n   \n"


def bom_only() -> bytes:
    return b"\xef\xbb\xbf"


def truncated_pdf() -> bytes:
    data = PDF_FIXTURE.read_bytes()
    return data[: len(data) // 2]


def pdf_header_only() -> bytes:
    return b"%PDF-1.7"


def pdf_broken_xref() -> bytes:
    """A valid PDF whose ``startxref`` points nowhere and whose xref entries are all wrong."""
    data = _minutes_pdf()
    data = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), data)


def pdf_encrypted() -> bytes:
    """Encrypted with a user password: nothing can be read without it."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _minutes_pdf(encrypt=StandardEncryption("secret-user", "secret-owner"))


def pdf_encrypted_owner_only() -> bytes:
    """Encrypted with an empty user password (printing/copying restrictions only): any
    reader opens it, so the pipeline should too."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _minutes_pdf(encrypt=StandardEncryption("", "secret-owner", canCopy=0))


def pdf_image_only() -> bytes:
    """A page of drawn shapes and a bitmap, no text at all (what a scan looks like)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for i in range(20):
        c.rect(50, 780 - 30 * i, 400 - 10 * i, 10, fill=1)
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 50, 100)
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_flate_bomb() -> bytes:
    """A page whose content stream is 40 KB compressed and 400 MB inflated (spaces)."""
    chunk = zlib.compressobj(9)
    body = b"".join(chunk.compress(b" " * 2**20) for _ in range(400)) + chunk.flush()
    return _hand_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(body, b"/Filter /FlateDecode "),
    ])


def pdf_5000_pages() -> bytes:
    """5,000 pages sharing one content stream and one font (a few hundred KB)."""
    pages = 5000
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"BT /F1 12 Tf 50 800 Td (Minutes of the meeting) Tj ET"),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    return _hand_pdf(objects)


def pdf_page_tree_loop() -> bytes:
    """A page tree whose node lists itself among its kids (a cycle)."""
    return _hand_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])


def pdf_garbled_text() -> bytes:
    """A text layer of private-use characters (what symbol fonts and fonts with broken
    Unicode maps give): there are characters, but no readable words."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("GeneratedDejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    rng = random.Random(7)
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("GeneratedDejaVu", 11)
    for i in range(40):
        c.drawString(50, 800 - 18 * i, " ".join("".join(chr(rng.randrange(0xE000, 0xE0FF)) for _ in range(6))
                                                for _ in range(8)))
    c.showPage()
    c.save()
    return out.getvalue()


def _shifted(text: str, places: int = 3) -> str:
    """Every letter moved ``places`` on in the alphabet: what a font whose map to Unicode
    is off gives ("Wkh Erdug" for "The Board")."""
    def move(ch: str) -> str:
        for first in ("a", "A"):
            if first <= ch <= chr(ord(first) + 25):
                return chr((ord(ch) - ord(first) + places) % 26 + ord(first))
        return ch
    return "".join(move(ch) for ch in text)


def pdf_shifted_letters() -> bytes:
    """Minutes whose text layer reads as shifted letters: read without error, not language."""
    return _reportlab_pdf(_shifted(MINUTES).splitlines())


def pdf_damaged_page() -> bytes:
    """Two pages: the minutes, then a page turned by /Rotate whose text runs sideways as
    shown (pdfium leaves such a page to pdfminer) and whose content stream names a filter
    no reader knows, which pdfminer cannot decode: page 2 is lost, page 1 is not."""
    from tests.readers.pdf_builder import build_pdf, helvetica

    lines = "".join(f"1 0 0 1 50 {800 - 16 * n} Tm ({line}) Tj " for n, line in enumerate(MINUTES.splitlines()))
    first = f"BT /F1 11 Tf {lines}ET"
    second = "BT /F1 11 Tf 1 0 0 1 50 500 Tm (Action log: the Clerk to report in April.) Tj ET"
    return build_pdf([first, second], {"F1": helvetica()}, size=(595, 842), rotate={1: 90}, filters={1: "NoSuchDecode"})


def text_shifted_letters() -> bytes:
    return _shifted(MINUTES, 11).encode()


def docx_zip_bomb() -> bytes:
    return _docx_with({"word/media/padding.bin": b"\0" * (300 * 2**20)})


def docx_xxe() -> bytes:
    return _docx_with({_main_part(): _word_document(
        "&x;", '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>')})


def docx_billion_laughs() -> bytes:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return _docx_with({_main_part(): _word_document("&l9;", f"<!DOCTYPE lolz [{entities}]>")})


def legacy_doc_named_docx() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(1).randbytes(20000)


def docx_encrypted() -> bytes:
    """Office's password-protected package: an OLE container holding an EncryptedPackage."""
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(2).randbytes(2000)
            + "EncryptedPackage".encode("utf-16-le") + random.Random(3).randbytes(2000))


def docx_truncated() -> bytes:
    data = DOCX_FIXTURE.read_bytes()
    return data[: len(data) // 2]


def docx_without_document_xml() -> bytes:
    return _docx_with({_main_part(): None})


def zip_not_docx() -> bytes:
    return _zip({"notes/readme.txt": MINUTES.encode(), "data.csv": b"a,b\n1,2\n"})


def zip_named_docx() -> bytes:
    return _zip({"notes/readme.txt": MINUTES.encode(), "photo-list.csv": b"name\nhall.jpg\n"})


def html_nested_divs() -> bytes:
    depth = 100_000
    return (b"<html><body><h1>Minutes</h1>" + b"<div>" * depth + b"deep text" + b"</div>" * depth
            + b"</body></html>")


def html_unclosed_comment() -> bytes:
    return b"<html><body><!-- an editor's comment that never ends\n" + MINUTES.encode() + b"</body></html>"


def html_script_only() -> bytes:
    return b"<html><head><script>document.write('Minutes of the meeting held on 9 March 2021');</script></head></html>"


def html_huge_colspan() -> bytes:
    """A table whose cells claim spans of millions of rows and columns."""
    return (b"<html><body><h1>Minutes</h1><table>"
            + b'<tr><td colspan="1000000" rowspan="1000000">x</td><td colspan="99999">y</td></tr>' * 50
            + b"</table></body></html>")


def text_cp1252() -> bytes:
    return SMART.encode("cp1252")


def text_utf16_bom() -> bytes:
    return MINUTES.encode("utf-16")  # Python writes the byte-order mark first


def text_utf8_bom() -> bytes:
    return b"\xef\xbb\xbf" + SMART.encode("utf-8")


def text_invalid_utf8() -> bytes:
    """UTF-8 minutes (with “quotes” and £) with two stray bytes in the middle."""
    data = SMART.encode("utf-8")
    middle = data.index(b"2. Minutes")
    return data[:middle] + b"\xff\xfe broken \xc3\x28 bytes\n" + data[middle:]


def binary_garbage() -> bytes:
    return random.Random(42).randbytes(64 * 1024)


def nul_bytes() -> bytes:
    return b"\0" * 4096


def text_one_long_line() -> bytes:
    sentence = b"The council noted the report of the Clerk on the village hall. "
    return sentence * (10 * 2**20 // len(sentence))


def rtf_minutes() -> bytes:
    return (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0\\fs24 "
            + MINUTES.replace("\n", "\\par\n").encode() + b"}")


def pdf_named_html() -> bytes:
    return _minutes_pdf()


def html_named_pdf() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in MINUTES.splitlines() if line)
    return f"<!DOCTYPE html><html><head><title>Minutes</title></head><body>{body}</body></html>".encode()


#: file name → generator. The name's extension is what a user's archive would show.
BAD_INPUTS: dict[str, Callable[[], bytes]] = {
    "empty.txt": empty,
    "whitespace-only.txt": whitespace_only,
    "bom-only.txt": bom_only,
    "truncated.pdf": truncated_pdf,
    "header-only.pdf": pdf_header_only,
    "broken-xref.pdf": pdf_broken_xref,
    "encrypted.pdf": pdf_encrypted,
    "encrypted-owner-only.pdf": pdf_encrypted_owner_only,
    "image-only.pdf": pdf_image_only,
    "flate-bomb.pdf": pdf_flate_bomb,
    "5000-pages.pdf": pdf_5000_pages,
    "page-tree-loop.pdf": pdf_page_tree_loop,
    "garbled-text.pdf": pdf_garbled_text,
    "shifted-letters.pdf": pdf_shifted_letters,
    "shifted-letters.txt": text_shifted_letters,
    "damaged-page.pdf": pdf_damaged_page,
    "zip-bomb.docx": docx_zip_bomb,
    "xxe.docx": docx_xxe,
    "billion-laughs.docx": docx_billion_laughs,
    "legacy-doc.docx": legacy_doc_named_docx,
    "encrypted.docx": docx_encrypted,
    "truncated.docx": docx_truncated,
    "no-document-xml.docx": docx_without_document_xml,
    "archive.zip": zip_not_docx,
    "archive-named.docx": zip_named_docx,
    "nested-divs.html": html_nested_divs,
    "unclosed-comment.html": html_unclosed_comment,
    "script-only.html": html_script_only,
    "huge-colspan.html": html_huge_colspan,
    "cp1252.txt": text_cp1252,
    "utf16-bom.txt": text_utf16_bom,
    "utf8-bom.txt": text_utf8_bom,
    "invalid-utf8.txt": text_invalid_utf8,
    "garbage.bin": binary_garbage,
    "nul-bytes.txt": nul_bytes,
    "one-long-line.txt": text_one_long_line,
    "minutes.rtf": rtf_minutes,
    "pdf-named.html": pdf_named_html,
    "html-named.pdf": html_named_pdf,
}


def write_bad_inputs(folder: Path) -> dict[str, Path]:
    """Write every file of ``BAD_INPUTS`` into ``folder``; their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in BAD_INPUTS.items():
        path = folder / name
        path.write_bytes(make())
        paths[name] = path
    return paths


__all__ = ["BAD_INPUTS", "MINUTES", "SEED", "write_bad_inputs"]
