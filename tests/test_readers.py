"""Readers: decoding keeps offsets stable; bad input is a one-line error naming the file."""
from __future__ import annotations

import io

import pytest

from tidings.article import Article, ReadFailure, parse_published, text_id
from tidings.errors import InputError, OptionError
from tidings.ingest.readers import decode_bytes, looks_like_html, read_file, read_jsonl


def test_bom_is_removed_and_offsets_start_at_text():
    text = decode_bytes("\ufeffIraq said.".encode("utf-8"))
    assert text == "Iraq said."


def test_utf16_with_bom_decodes():
    assert decode_bytes("Tehran denied it.".encode("utf-16")) == "Tehran denied it."


def test_crlf_is_kept_so_offsets_match_the_file():
    text = decode_bytes(b"Line one.\r\nIraq said.")
    assert text.index("Iraq") == 11


def test_nul_bytes_become_spaces_without_moving_offsets():
    text = decode_bytes(b"Iran\x00 said. Iraq replied.")
    assert len(text) == 25 and text.index("Iraq") == 12 and "\x00" not in text


def test_latin1_text_is_detected():
    text = decode_bytes("Le président français a parlé à la presse aujourd'hui.".encode("latin-1"))
    assert "président" in text


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_input_is_an_error(data):
    with pytest.raises(InputError, match="empty input"):
        decode_bytes(data, "story.txt")


def test_binary_input_is_an_error():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 8, "image.png")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_file(str(tmp_path / "nope.txt"))


def test_html_main_text_without_boilerplate(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Talks</title></head><body>"
                    "<nav>Home | World | Sport | Weather</nav><article>"
                    "<p>Turkey and Greece agreed on Thursday to resume talks on maritime "
                    "boundaries in the Aegean, officials in Ankara said.</p>"
                    "<p>The foreign ministers will meet again in Athens next month to "
                    "prepare a summit of the two leaders.</p></article>"
                    "<footer>Copyright 2024 Example</footer></body></html>", encoding="utf-8")
    article = read_file(str(page), published="2024-03-15")
    assert "Turkey and Greece agreed" in article.text
    assert "Copyright" not in article.text and "Weather" not in article.text
    assert article.title == "Talks"


def test_plain_text_is_not_taken_for_html():
    assert not looks_like_html("Iraq's parliament voted <on Sunday> to expel troops.")


def test_jsonl_bad_lines_are_reported_and_the_stream_goes_on():
    data = (b'{"id": "a", "text": "Iraq said.", "published": "2020-01-10"}\n'
            b'{not json}\n'
            b'\n'
            b'["a list"]\n'
            b'{"id": "d", "text": ""}\n'
            b'{"id": "e", "text": "Iran denied.", "published": "2020-02-30"}\n'
            b'{"id": 7, "body": "Iran denied.", "date": "2020-02-03"}\n')
    items = list(read_jsonl(io.BytesIO(data), "feed.jsonl",
                            fields=None))
    assert isinstance(items[0], Article) and items[0].id == "a"
    assert isinstance(items[1], ReadFailure) and "feed.jsonl:2" in items[1].message
    assert "feed.jsonl:4" in items[2].message and "JSON object" in items[2].message
    assert items[3].id == "d" and "'text' is empty" in items[3].message
    assert items[4].id == "e" and "'published'" in items[4].message
    assert isinstance(items[5], ReadFailure) and "'text' missing" in items[5].message
    mapped = list(read_jsonl(io.BytesIO(data.splitlines()[-1]), "feed.jsonl",
                             fields={"text": "body", "published": "date"}))
    assert mapped[0].id == "7" and mapped[0].published == "2020-02-03"


def test_article_id_is_sha256_prefix():
    assert Article(text="Iraq said.").id == text_id("Iraq said.") and len(text_id("x")) == 16


@pytest.mark.parametrize("value,expected", [("2020-01-10", "2020-01-10"),
                                            ("2020-01-10T08:30:00Z", "2020-01-10"),
                                            (None, None)])
def test_published_dates(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2020-13-01", "yesterday", "10/01/2020"])
def test_bad_published_dates(value):
    with pytest.raises(OptionError, match="--published"):
        parse_published(value)
