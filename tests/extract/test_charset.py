"""Bytes are decoded as browsers do: BOM, then the HTTP charset, then <meta>, then detection."""

from __future__ import annotations

from reader.extract import extract
from reader.extract.charset import codec_for, decode_keeping_utf8

WORDS = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve gar\u00e7on \u2014 \u201cquoted\u201d"


def _page(meta: str = "", text: str = WORDS) -> str:
    para = f"<p>{text}. This sentence makes the paragraph long enough to be the story's body.</p>"
    head = f"<head>{meta}<title>t</title></head>"
    return f"<html>{head}<body><article>{para * 3}</article></body></html>"


def test_utf8_bom_wins_over_everything() -> None:
    data = b"\xef\xbb\xbf" + _page("<meta charset='windows-1252'>").encode("utf-8")
    article = extract(data, encoding="iso-8859-1")
    assert WORDS in article.text
    assert "\ufeff" not in article.text


def test_utf16_boms() -> None:
    page = _page()
    assert WORDS in extract(b"\xff\xfe" + page.encode("utf-16-le")).text
    assert WORDS in extract(b"\xfe\xff" + page.encode("utf-16-be")).text


def test_http_charset_wins_over_meta() -> None:
    text = "Caf\u00e9 cr\u00e8me"
    data = _page("<meta charset='utf-8'>", text).encode("cp1252")
    assert text in extract(data, encoding="windows-1252").text


def test_meta_charset_and_http_equiv() -> None:
    text = "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440"
    data = _page("<meta charset='koi8-r'>", text).encode("koi8-r")
    assert text in extract(data).text
    data = _page(
        "<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>", text
    ).encode("cp1251")
    assert text in extract(data).text


def test_latin1_label_means_windows_1252() -> None:
    data = _page("<meta charset='iso-8859-1'>", "\u201cquoted\u201d and \u20ac5").encode("cp1252")
    assert "\u201cquoted\u201d and \u20ac5" in extract(data).text


def test_unknown_labels_fall_back_instead_of_failing() -> None:
    data = _page("<meta charset='no-such-charset'>").encode("utf-8")
    assert WORDS in extract(data, encoding="x-bogus-label").text
    assert codec_for("x-bogus-label") is None
    assert codec_for("utf-7") is None
    assert codec_for("rot13") is None
    assert codec_for("hex") is None


def test_detection_without_any_label() -> None:
    text = (
        "\u00c0 la fran\u00e7aise, d\u00e9j\u00e0 vu, tr\u00e8s \u00e9l\u00e9gant, "
        "\u00e0 c\u00f4t\u00e9 du ch\u00e2teau"
    )
    data = _page("", text).encode("cp1252")
    assert text in extract(data).text


def test_invalid_bytes_are_replaced_and_nul_bytes_do_not_cut_text() -> None:
    data = (
        _page().encode("utf-8").replace(b"Caf", b"C\xff\xfeaf", 1).replace(b"naive", b"nai\x00ve")
    )
    data = data.replace(b"This sentence", b"This\x00 sentence")
    article = extract(data, encoding="utf-8")
    assert "This sentence makes the paragraph long enough" in article.text
    assert "\x00" not in article.text
    assert "\ufffd" in article.text


def test_decode_never_raises() -> None:
    for data in (b"", b"\xff" * 10, bytes(range(256)), b"<meta charset='utf-16'>\xff"):
        for enc in (None, "utf-8", "nonsense", "utf-16", "", "\x00"):
            assert isinstance(decode_keeping_utf8(data, enc)[0], str)
