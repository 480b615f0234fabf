"""The extraction sequence, one article at a time (after a batched spaCy pass).

1. read: ``Article`` (text, publication date, source) from the readers in ``ingest``;
2. parse: spaCy over a batch of texts with ``nlp.pipe`` (model loaded once per process);
3. actors: mentions found, coded (country + sector) and grouped per article;
4. times: expressions normalized against the publication date;
5. places: toponyms resolved to coordinates (actors such as "Washington said" excluded);
6. events: coded from triggers, with actors, times and places of their own clause;
7. quotes: attributions with their speakers resolved to actors.

Each stage reads what earlier ones produced; none writes to another's output.
"""
from __future__ import annotations

import gc
import logging
from typing import Iterable, Iterator

from tidings.article import Article, ReadFailure, parse_published
from tidings.events import find_events
from tidings.nlp import pipeline
from tidings.actors import find_actors
from tidings.places import find_places
from tidings.times import find_times
from tidings.quotes import find_quotes
from tidings.quotes.links import link_events_quotes
from tidings.records import Context

LOGGER = logging.getLogger(__name__)

# spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) because its parser and
# NER take working memory in proportion to the text of one call (about 1 GB per 100,000
# characters, spaCy's documentation says). A longer text is parsed in pieces of at most this
# many characters, cut at paragraph ends, and the pieces' Docs are joined into one Doc over
# the whole text, so every offset points into the text as read. 100,000 characters is five
# times the longest ordinary news story: articles are parsed whole, as before.
PIECE_CHARS = 100_000
# Longest text extracted at all; a longer one is that article's error (the batch goes on).
# Two million characters (twice spaCy's own limit; ~2.5 minutes of extraction on one core
# here, a 1.2-million-character text took 87 s) is beyond any article; past it a text is a
# dump, not a story, and would hold a worker for as long as it took to parse.
MAX_TEXT_CHARS = 2_000_000


def document_for(article: Article, doc) -> dict:
    """Run stages 3-7 over one parsed article; returns the contract's document.

    A stage that fails on this article is logged and leaves its field empty, with a line in
    ``warnings``; the stages after it still run (actors are needed by all of them, so a
    failure there fails the article).
    """
    ctx = Context(doc=doc, published=article.published_date)
    warnings: list[str] = []

    def stage(name, function, *args):
        try:
            return function(*args)
        except Exception as exc:  # one stage's bug must not lose the others' output
            LOGGER.exception("%s: stage %s failed", article.origin or article.id, name)
            warnings.append(f"{name}: {type(exc).__name__}: {exc}")
            return []

    ctx.actors = find_actors(ctx)
    ctx.times = stage("times", find_times, ctx)
    ctx.places = stage("places", find_places, ctx)
    events = stage("events", find_events, ctx)
    quotes = stage("quotes", find_quotes, ctx)
    stage("links", link_events_quotes, events, quotes)
    document = {
        "article": article.metadata(),
        "actors": ctx.actors.as_dicts(),
        "events": [event.as_dict() for event in events],
        "quotes": [quote.as_dict() for quote in quotes],
        "times": [time.as_dict() for time in ctx.times],
        "places": [place.as_dict() for place in ctx.places],
    }
    if warnings:
        document["warnings"] = warnings
    return document


def extract_articles(items: Iterable[Article | ReadFailure], model: str | None = None,
                     batch_size: int = pipeline.BATCH_SIZE,
                     with_text: bool = False) -> Iterator[dict]:
    """Documents for ``items`` in input order; a ReadFailure becomes an error document.

    An article whose extraction raises is reported (logged, ``error`` field) and skipped;
    the batch goes on.
    """
    nlp = pipeline.load(model)
    batch: list[Article | ReadFailure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch, with_text)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch, with_text)


_SETTLED: set[int] = set()
# A sentence that touches every lazily loaded table: actor lexicon, office holders,
# gazetteer, event patterns, quote cues, time words.
_WARM_UP = ('Iran accused the United States of attacking Baghdad on Monday. "We will '
            'respond," Foreign Minister Javad Zarif said.')


def settle(model: str | None = None) -> None:
    """Load the pipeline and every data table once, then freeze the heap out of the cyclic
    garbage collector's reach (``gc.freeze``).

    Why: the model, the lexicons and the gazetteer are ~400,000 long-lived objects; every
    full collection walked them all, ~7% of extraction time (benchmarks/throughput.py). They
    live as long as the process, so the collector has nothing to find there. Freezing is a
    change to the whole process: only processes that exist to extract call this (the CLI's
    extract and ingest, worker processes, Dask tasks), never a library call.
    """
    nlp = pipeline.load(model)
    if id(nlp) in _SETTLED:
        return
    _SETTLED.add(id(nlp))
    document_for(Article(text=_WARM_UP, published="2020-01-06"), nlp(_WARM_UP))
    gc.collect()
    gc.freeze()


def text_pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it.

    Each cut falls in the second half of a piece, at the last paragraph end (a blank line)
    there, else the last line end, else the last sentence end, else the last space; only a
    run of ``size`` characters without any is cut where it reaches the size. The whitespace
    at a cut stays with the piece before it, so no piece begins inside a word or a line.
    """
    pieces, start = [], 0
    while len(text) - start > size:
        low, high = start + size // 2, start + size
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = text.rfind(mark, low, high)
            if found >= 0:
                cut = found + len(mark)
                break
        if cut < 0:
            cut = high
        while cut < high and text[cut].isspace():  # the rest of a run of whitespace
            cut += 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_long(nlp, text: str):
    """One Doc over a text longer than PIECE_CHARS: its pieces parsed and joined."""
    from spacy.tokens import Doc

    from tidings.nlp.doctext import remember_text

    parsed = pipeline.parse_text(text)
    parts = list(nlp.pipe(text_pieces(parsed), batch_size=1))
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data"])
    if doc.text != parsed:  # cannot happen while pieces join back into the text
        raise ValueError("pieces of a long text did not join back into it")
    remember_text(doc, parsed)
    return doc


def _parse_short(nlp, texts: list[str]) -> list:
    """Docs of ``texts`` from one ``nlp.pipe`` batch; if the batch fails, each text is
    parsed alone and the one that fails is its exception (its article's error)."""
    try:
        return list(nlp.pipe(texts))
    except Exception:
        LOGGER.warning("a parse batch failed; parsing its texts one by one")
    docs = []
    for text in texts:
        try:
            docs.append(nlp(text))
        except Exception as exc:
            docs.append(exc)
    return docs


def _error_document(item: Article, message: str) -> dict:
    document = ReadFailure(f"{item.origin or item.id}: {message}", id=item.id).document()
    document["article"] = item.metadata()
    return document


def _run_batch(nlp, batch: list[Article | ReadFailure], with_text: bool) -> Iterator[dict]:
    short = [pipeline.parse_text(item.text) for item in batch
             if isinstance(item, Article) and len(item.text) <= PIECE_CHARS]
    docs = iter(_parse_short(nlp, short))
    for item in batch:
        if isinstance(item, ReadFailure):
            LOGGER.warning("%s", item.message)
            yield item.document()
            continue
        if len(item.text) > MAX_TEXT_CHARS:
            LOGGER.warning("%s: text too long", item.origin or item.id)
            yield _error_document(item, f"text too long to extract ({len(item.text):,} "
                                        f"characters; the limit is {MAX_TEXT_CHARS:,})")
            continue
        try:
            doc = next(docs) if len(item.text) <= PIECE_CHARS else parse_long(nlp, item.text)
            if isinstance(doc, Exception):
                raise doc
            document = document_for(item, doc)
        except Exception as exc:  # one bad article must not stop the batch
            LOGGER.exception("%s: extraction failed", item.origin or item.id)
            yield _error_document(item, f"extraction failed ({type(exc).__name__}: {exc})")
            continue
        if with_text:
            document["article"]["text"] = item.text
        yield document


def extract_text(text: str, published: str | None = None, model: str | None = None,
                 **meta) -> dict:
    """One article given as text (library convenience)."""
    article = Article(text=text, published=parse_published(published), **meta)
    return next(extract_articles([article], model=model))
