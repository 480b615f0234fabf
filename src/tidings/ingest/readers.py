"""Turn bytes on disk into article text whose offsets the rest of tidings can trust.

Decoding keeps offsets stable: a byte-order mark is removed as part of decoding, CRLF is
kept as is (so offsets match the file as an editor shows it), and NUL bytes become spaces
(same length, so nothing after them moves).
"""
from __future__ import annotations

import codecs
import json
import logging
import os
import re
from typing import IO, Iterator

from tidings.article import Article, ReadFailure, parse_published
from tidings.errors import InputError, OptionError

LOGGER = logging.getLogger(__name__)

# Share of control characters above which input is treated as binary, not text.
# Real news text has none besides tabs and newlines; 5% leaves room for stray
# form feeds or NULs in scraped text while rejecting images, PDFs and archives.
BINARY_CONTROL_RATIO = 0.05

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(r"</?(p|div|article|span|br|h[1-6]|body|a)\b[^>]*>", re.I)


def decode_bytes(data: bytes, origin: str = "input") -> str:
    """Decode article bytes: BOM first, then UTF-8, then charset detection.

    Raises InputError for empty or binary input.
    """
    if not data.strip():
        raise InputError(f"{origin}: empty input (no text to extract)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data, origin)
    controls = len(_CONTROL.findall(text))
    if controls > BINARY_CONTROL_RATIO * len(text):
        raise InputError(f"{origin}: binary data, not text ({controls} control characters "
                         f"in {len(text)})")
    text = text.replace("\x00", " ")
    if not text.strip():
        raise InputError(f"{origin}: empty input (no text to extract)")
    return text


def _detect(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{origin}: binary data or unknown encoding, not text")
    LOGGER.info("%s: decoded as %s", origin, best.encoding)
    return str(best)


def looks_like_html(text: str) -> bool:
    """True for an HTML page (a doctype or html/body tag, or several block tags)."""
    head = text[:2000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def read_html(html: str, origin: str = "input", **meta) -> Article:
    """Main text of an HTML page via trafilatura (boilerplate removed) plus its metadata."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True)
    if document is None or not (document.text or "").strip():
        raise InputError(f"{origin}: HTML page with no main text found")
    text = document.text
    published = meta.pop("published", None) or _safe_date(document.date)
    return Article(
        text=text,
        published=published,
        title=meta.pop("title", None) or document.title,
        url=meta.pop("url", None) or document.url,
        source=meta.pop("source", None) or document.sitename or document.hostname,
        origin=origin,
        **meta,
    )


def _safe_date(value: str | None) -> str | None:
    try:
        return parse_published(value)
    except OptionError:
        return None


def read_text(text: str, origin: str = "input", html: bool | None = None, **meta) -> Article:
    """An article from decoded text; HTML is detected (or forced) and cleaned."""
    if html or (html is None and looks_like_html(text)):
        return read_html(text, origin=origin, **meta)
    return Article(text=text, origin=origin, **meta)


def read_file(path: str, published: str | None = None, source: str | None = None,
              url: str | None = None, title: str | None = None,
              input_format: str = "auto") -> Article:
    """One article file: plain text or HTML. Raises InputError naming the file."""
    if path == "-":
        import sys

        data = sys.stdin.buffer.read()
        origin = "<stdin>"
    else:
        origin = path
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file")
        if os.path.isdir(path):
            raise InputError(f"{path}: is a folder (give one file, or use 'tidings ingest')")
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    text = decode_bytes(data, origin)
    html = {"auto": None, "html": True, "text": False}[input_format]
    return read_text(text, origin=origin, html=html, published=published, source=source,
                     url=url, title=title)


# Field names a JSON Lines article may use, mapped to ours; an explicit mapping wins.
DEFAULT_FIELDS = {"id": "id", "text": "text", "published": "published", "title": "title",
                  "url": "url", "source": "source", "html": "html"}


def read_jsonl(stream: IO[bytes] | IO[str], origin: str = "input",
               fields: dict[str, str] | None = None,
               published: str | None = None, source: str | None = None
               ) -> Iterator[Article | ReadFailure]:
    """Articles from a JSON Lines stream, one a line, in order.

    A line that cannot be read yields a ReadFailure naming ``origin:line`` and the field;
    the stream goes on. Blank lines are skipped.
    """
    names = dict(DEFAULT_FIELDS, **(fields or {}))
    for number, raw in enumerate(stream, start=1):
        where = f"{origin}:{number}"
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield ReadFailure(f"{where}: line is not UTF-8 text", origin=where)
                continue
        elif number == 1:
            raw = raw.lstrip("\ufeff")
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield ReadFailure(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})",
                              origin=where)
            continue
        yield _article_from_record(record, where, names, published, source)


def _article_from_record(record, where: str, names: dict[str, str], published: str | None,
                         source: str | None) -> Article | ReadFailure:
    if not isinstance(record, dict):
        return ReadFailure(f"{where}: expected a JSON object, got {type(record).__name__}",
                           origin=where)
    article_id = record.get(names["id"])
    article_id = None if article_id is None else str(article_id)
    text = record.get(names["text"])
    html = record.get(names["html"])
    if text is None and isinstance(html, str):
        text, is_html = html, True
    else:
        is_html = None
    if not isinstance(text, str):
        return ReadFailure(f"{where}: field '{names['text']}' missing or not a string",
                           id=article_id, origin=where)
    if not text.strip():
        return ReadFailure(f"{where}: field '{names['text']}' is empty", id=article_id,
                           origin=where)
    try:
        day = parse_published(record.get(names["published"]) or published,
                              what=f"{where}: field '{names['published']}'")
    except OptionError as exc:
        return ReadFailure(exc.args[0], id=article_id, origin=where)
    meta = {"published": day, "title": record.get(names["title"]),
            "url": record.get(names["url"]), "source": record.get(names["source"]) or source}
    try:
        article = read_text(text.replace("\x00", " "), origin=where, html=is_html, **meta)
    except InputError as exc:
        return ReadFailure(exc.args[0], id=article_id, origin=where)
    if article_id is not None:
        article.id = article_id
    return article
