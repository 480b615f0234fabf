"""The HTTP API and the dashboard over one store: ``create_app(db_path)``.

JSON by default (an object holding the rows under the resource's name, with ``total``,
``limit`` and ``offset``), a ``.csv`` twin for each list, filters named as the CLI's
options (``source_actor`` for ``--source-actor``), errors as ``{"error": {...}}``.
The routes are in ``tidings.api.routes``; this module builds the application around them.
"""
from __future__ import annotations

import contextlib
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from fastapi import FastAPI

from tidings import __version__
from tidings.api import errors, routes
from tidings.article import Article
from tidings.store import Store

# Largest request body: a few hundred news articles of ~20 KB each in one POST /articles;
# larger loads belong to `tidings ingest`, which streams.
MAX_BODY_BYTES = 10 * 1024 * 1024


class Served:
    """The store an application serves, and how it extracts articles.

    The store is not held open: each request opens it for its own queries (read-only) or
    its own ingest batches and closes it, so ``tidings ingest``, queries and exports in
    other processes work on the same file while the server runs, and each answer sees
    what has been stored so far. Requests take turns (``lock``): DuckDB connections are
    not shared across threads, and the server is for one analyst's desk, not a crowd.
    """

    def __init__(self, db, read_only: bool, model: str | None,
                 extractor: Callable[[list[Article]], Iterable[dict]] | None) -> None:
        self.db = db
        self.read_only = read_only
        self.model = model
        self.extractor = extractor
        self.lock = threading.Lock()
        self._store: Store | None = None

    def store(self) -> Store:
        """The store (checked, created or migrated when first asked for: at start, or at
        the first request when a TestClient runs the app without its lifespan)."""
        if self._store is None:
            self._store = Store.open(self.db, read_only=self.read_only, hold=False)
        return self._store

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Store]:
        """The store open for one request's work, this request's turn held."""
        with self.lock, self.store().session(write=write) as store:
            yield store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def extract(self, articles: list[Article]) -> list[dict]:
        """Documents for ``articles``: the app's extractor, else tidings' extraction."""
        if self.extractor is not None:
            return list(self.extractor(articles))
        from tidings.extract import extract_articles

        return list(extract_articles(articles, model=self.model))


def create_app(db: str | Path | None = None, read_only: bool = False,
               max_body: int = MAX_BODY_BYTES, model: str | None = None,
               extractor: Callable[[list[Article]], Iterable[dict]] | None = None) -> FastAPI:
    """The application over the store at ``db`` (opened, and created if absent, at start).

    ``extractor`` turns articles into documents for POST /extract and POST /articles
    (default: tidings' extraction with ``model``), as ``Store.ingest`` takes it.
    """
    served = Served(db, read_only, model, extractor)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        served.store()
        try:
            yield
        finally:
            served.close()

    # /docs is a page of our own (routes.docs): FastAPI's loads Swagger UI from a CDN and
    # is blank offline.
    app = FastAPI(title="tidings", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Events, actors and quotes extracted from news, with the "
                              "text spans they come from.")
    app.state.served = served
    errors.install(app)
    app.add_middleware(errors.BodyLimit, max_bytes=max_body)
    app.include_router(routes.router)
    return app
