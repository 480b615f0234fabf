"""Everything ``tidings ingest PATH...`` reads: files, folders (recursively), JSON Lines,
RSS/Atom feeds and HTML pages, as one stream of ``Article``/``ReadFailure`` items."""
from __future__ import annotations

import os
import re
import sys
from typing import Iterable, Iterator

from tidings.article import Article, ReadFailure
from tidings.errors import InputError
from tidings.ingest.feeds import looks_like_feed, read_feed
from tidings.ingest.readers import decode_bytes, read_jsonl, read_text

JSONL = (".jsonl", ".ndjson")
FEEDS = (".rss", ".atom", ".xml")
# Files taken from a folder; a file named on the command line is read whatever its name.
ARTICLE_EXTENSIONS = (".txt", ".text", ".html", ".htm", ".xhtml", ".md") + JSONL + FEEDS


def walk(path: str) -> Iterator[str]:
    """Article files under ``path`` in a stable (sorted) order, hidden entries skipped."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_EXTENSIONS):
                yield os.path.join(root, name)


def read_paths(paths: Iterable[str], published: str | None = None,
               source: str | None = None, fields: dict[str, str] | None = None
               ) -> Iterator[Article | ReadFailure]:
    """Items from each path in order; a path that cannot be read is one ReadFailure."""
    for path in paths:
        if path == "-":
            yield from read_jsonl(sys.stdin.buffer, "<stdin>", fields, published, source,
                                  check_mapped=True)
        elif os.path.isdir(path):
            for name in walk(path):
                yield from read_path(name, published, source, fields)
        elif not os.path.exists(path):
            yield ReadFailure(f"{path}: no such file or folder", origin=path)
        else:
            yield from read_path(path, published, source, fields)


def read_path(path: str, published: str | None = None, source: str | None = None,
              fields: dict[str, str] | None = None) -> Iterator[Article | ReadFailure]:
    """One file: JSON Lines by extension, a feed by extension or root element, else an
    article (plain text or HTML). ``published``/``source`` fill in what the file lacks."""
    lower = path.lower()
    try:
        if lower.endswith(JSONL):
            with open(path, "rb") as stream:
                yield from read_jsonl(stream, path, fields, published, source)
            return
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        yield ReadFailure(f"{path}: cannot read ({exc.strerror})", origin=path)
        return
    if lower.endswith((".rss", ".atom")) or looks_like_feed(data):
        yield from read_feed(data, path, published, source)
        return
    try:
        text = decode_bytes(data, path)
        article = read_text(text, origin=path)
        # defaults, for pages whose metadata (trafilatura's date and site name) lack them
        article.published = article.published or published
        article.source = article.source or source
    except InputError as exc:
        yield ReadFailure(exc.args[0], origin=path)
        return
    yield article


def jsonl_files(paths: Iterable[str]) -> Iterator[str]:
    """The JSON Lines files among ``paths`` (named, or in named folders)."""
    for path in paths:
        if os.path.isdir(path):
            yield from (name for name in walk(path) if name.lower().endswith(JSONL))
        elif path != "-" and path.lower().endswith(JSONL) and os.path.isfile(path):
            yield path


_ENTRY = re.compile(rb"<(item|entry)\b")


def count_items(paths: Iterable[str]) -> int | None:
    """About how many articles ``paths`` hold (lines of JSON Lines, entries of feeds, one
    per other file), for a progress bar; None when standard input is among them."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        names = walk(path) if os.path.isdir(path) else [path] if os.path.isfile(path) else []
        for name in names:
            lower = name.lower()
            try:
                if lower.endswith(JSONL):
                    with open(name, "rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                elif lower.endswith(FEEDS):
                    with open(name, "rb") as stream:
                        total += len(_ENTRY.findall(stream.read())) or 1
                else:
                    total += 1
            except OSError:
                total += 1
    return total
