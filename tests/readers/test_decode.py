"""Text is decoded by byte-order mark, then strict UTF-8, then cp1252, and says which."""

import pytest

from pipeline.errors import ReaderError
from pipeline.readers.decode import decode_text


def test_utf8_without_bom_is_utf8():
    assert decode_text("Café – notes".encode("utf-8")) == ("Café – notes", "utf-8")


def test_bom_wins_and_is_removed():
    text, encoding = decode_text(b"\xef\xbb\xbfMinutes")
    assert (text, encoding) == ("Minutes", "utf-8-sig")


def test_utf16_with_bom():
    text, encoding = decode_text("Minutes – May".encode("utf-16"))
    assert text == "Minutes – May" and encoding.startswith("utf-16")


def test_cp1252_is_the_fallback_for_old_windows_files():
    assert decode_text("Minutes – £5 ‘quoted’".encode("cp1252")) == ("Minutes – £5 ‘quoted’", "cp1252")


def test_declared_charset_is_tried_before_utf8():
    assert decode_text("Réunion".encode("latin-1"), declared="latin-1") == ("Réunion", "latin-1")


def test_bytes_that_fit_no_encoding_raise_undecodable():
    # 0x81 is undefined in cp1252 and invalid as UTF-8
    with pytest.raises(ReaderError) as exc:
        decode_text(b"abc \x81\x81 def")
    assert exc.value.reason == "undecodable"
