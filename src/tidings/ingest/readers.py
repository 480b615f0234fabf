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
# Other names common dumps give the same fields (news APIs, scraper exports, research
# corpora), read when the record lacks ours and no --map names the field.
FIELD_ALIASES = {"published": ("publication_date", "published_at", "pub_date", "pubdate",
                               "date_published"),
                 "source": ("publisher", "outlet", "source_name"),
                 "url": ("link",), "title": ("headline",)}


def _field(record: dict, names: dict[str, str], ours: str, mapped: dict[str, str]):
    """The value of our field ``ours``: the mapped or default name, else an alias."""
    value = record.get(names[ours])
    if value is None and ours not in mapped:
        for alias in FIELD_ALIASES.get(ours, ()):
            if record.get(alias) is not None:
                return record[alias]
    return value


def missing_fields(stream: IO[bytes] | IO[str], fields: dict[str, str]) -> list[str]:
    """The fields ``fields`` maps to (--map OURS=THEIRS) that no record of a JSON Lines
    stream has; reads only as far as it takes to see each one."""
    unseen = set(fields.values())
    for raw in stream:
        if not unseen:
            break
        try:
            record = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(record, dict):
            unseen -= record.keys()
    return sorted(unseen)


def check_mapped_fields(paths: list[str], fields: dict[str, str], jsonl_files) -> None:
    """An OptionError when a --map field is in no record of a JSON Lines input, before
    anything is read for real (a misspelt field would store every article without it)."""
    if not fields:
        return
    for path in jsonl_files(paths):
        try:
            with open(path, "rb") as stream:
                missing = missing_fields(stream, fields)
        except OSError:
            continue  # reported by the reader itself
        if missing:
            mapped = ", ".join(f"{o}={t}" for o, t in fields.items() if t in missing)
            raise OptionError(f"--map {mapped}: no record of {path} has the field "
                              f"{', '.join(repr(m) for m in missing)}")


def read_jsonl(stream: IO[bytes] | IO[str], origin: str = "input",
               fields: dict[str, str] | None = None,
               published: str | None = None, source: str | None = None,
               check_mapped: bool = False) -> Iterator[Article | ReadFailure]:
    """Articles from a JSON Lines stream, one a line, in order.

    A line that cannot be read yields a ReadFailure naming ``origin:line`` and the field;
    the stream goes on. Blank lines are skipped. With ``check_mapped`` (a stream that
    cannot be read twice, such as standard input), articles are held back until every
    field ``fields`` maps to has been seen, and an OptionError is raised at the end if one
    never was: nothing of such a stream reaches the store.
    """
    seen: set[str] | None = set() if check_mapped and fields else None
    items = _read_jsonl(stream, origin, fields, published, source, seen)
    if seen is None:
        yield from items
    else:
        yield from _held_until_seen(items, fields, seen, origin)


def _held_until_seen(items, fields: dict[str, str], seen: set, origin: str):
    held: list | None = []
    wanted = set(fields.values())
    for item in items:
        if held is None:
            yield item
            continue
        held.append(item)
        if wanted <= seen:
            yield from held
            held = None
    if held is not None:
        missing = sorted(wanted - seen)
        mapped = ", ".join(f"{o}={t}" for o, t in fields.items() if t in missing)
        raise OptionError(f"--map {mapped}: no record of {origin} has the field "
                          f"{', '.join(repr(m) for m in missing)}")


def _read_jsonl(stream, origin: str, fields: dict[str, str] | None, published: str | None,
                source: str | None, seen: set | None) -> Iterator[Article | ReadFailure]:
    names = dict(DEFAULT_FIELDS, **(fields or {}))
    mapped = dict(fields or {})
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
        if seen is not None and isinstance(record, dict):
            seen.update(record.keys())
        yield _article_from_record(record, where, names, published, source, mapped)


def _article_from_record(record, where: str, names: dict[str, str], published: str | None,
                         source: str | None, mapped: dict[str, str] | None = None
                         ) -> Article | ReadFailure:
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
    mapped = mapped or {}
    try:
        day = parse_published(_field(record, names, "published", mapped) or published,
                              what=f"{where}: field '{names['published']}'")
    except OptionError as exc:
        return ReadFailure(exc.args[0], id=article_id, origin=where)
    meta = {"published": day, "title": _field(record, names, "title", mapped),
            "url": _field(record, names, "url", mapped),
            "source": _field(record, names, "source", mapped) or source}
    try:
        article = read_text(text.replace("\x00", " "), origin=where, html=is_html, **meta)
    except InputError as exc:
        return ReadFailure(exc.args[0], id=article_id, origin=where)
    if article_id is not None:
        article.id = article_id
    return article
