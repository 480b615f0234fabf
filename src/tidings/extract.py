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


def _run_batch(nlp, batch: list[Article | ReadFailure], with_text: bool) -> Iterator[dict]:
    articles = [item for item in batch if isinstance(item, Article)]
    docs = iter(nlp.pipe([a.text for a in articles]))
    for item in batch:
        if isinstance(item, ReadFailure):
            LOGGER.warning("%s", item.message)
            yield item.document()
            continue
        doc = next(docs)
        try:
            document = document_for(item, doc)
        except Exception as exc:  # one bad article must not stop the batch
            LOGGER.exception("%s: extraction failed", item.origin or item.id)
            failure = ReadFailure(f"{item.origin or item.id}: extraction failed "
                                  f"({type(exc).__name__}: {exc})", id=item.id)
            document = failure.document()
            document["article"] = item.metadata()
            yield document
            continue
        if with_text:
            document["article"]["text"] = item.text
        yield document


def extract_text(text: str, published: str | None = None, model: str | None = None,
                 **meta) -> dict:
    """One article given as text (library convenience)."""
    article = Article(text=text, published=parse_published(published), **meta)
    return next(extract_articles([article], model=model))
