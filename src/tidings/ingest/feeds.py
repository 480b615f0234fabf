"""RSS and Atom feed files: one article per entry (full content if the feed carries it,
else the summary), with the entry's link, title and date and the feed's title as source."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Iterator

from tidings.article import Article, ReadFailure

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b",
                         re.S | re.I)
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}


def looks_like_feed(data: bytes) -> bool:
    """True for an RSS, Atom or RDF document (by its root element)."""
    return bool(_FEED_START.match(data[:4000]))


class _Text(HTMLParser):
    """Feed content is an HTML fragment: keep its text, a blank line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(data: bytes, origin: str, published: str | None = None,
              source: str | None = None) -> Iterator[Article | ReadFailure]:
    """Articles of a feed file, in feed order; an entry without text is a ReadFailure.

    ``published`` and ``source`` are defaults: an entry's own date and the feed's title win.
    """
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield ReadFailure(f"{origin}: not a readable RSS/Atom feed "
                          f"({type(feed.bozo_exception).__name__})", origin=origin)
        return
    feed_title = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary")
        text = html_fragment_text(body or "")
        if not text.strip():
            yield ReadFailure(f"{where}: feed entry without text", origin=where)
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        day = dt.date(*when[:3]).isoformat() if when else published
        yield Article(text=text, published=day, title=entry.get("title"),
                      url=entry.get("link"), source=feed_title or source, origin=where)
