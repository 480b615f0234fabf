"""The HTTP API and the dashboard over one store: ``create_app(db_path)``.

JSON by default (an object holding the rows under the resource's name, with ``total``,
``limit`` and ``offset``), a ``.csv`` twin for each list, filters named as the CLI's
options (``source_actor`` for ``--source-actor``), errors as ``{"error": {...}}``.
The routes are in ``tidings.api.routes``; this module builds the application around them.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from fastapi import FastAPI, HTTPException

from tidings import __version__
from tidings.api import errors, routes
from tidings.api.security import Guard
from tidings.article import Article
from tidings.store import Store

LOGGER = logging.getLogger(__name__)

# Largest request body: a few hundred news articles of ~20 KB each in one POST /articles;
# larger loads belong to `tidings ingest`, which streams.
MAX_BODY_BYTES = 10 * 1024 * 1024
# Longest article text the API extracts, in characters (413 past it): five times a long
# news story, ~15-30 s of extraction on one core; `tidings ingest` takes longer texts.
MAX_TEXT_CHARS = 100_000
# Extraction requests waiting for the extraction process at once; more are answered 503
# (busy), so a flood of POSTs queues neither memory nor threads without bound.
MAX_PENDING_EXTRACTIONS = 8


class Extraction:
    """Where the API's extraction runs: in one worker process (spawned on first use, the
    model loaded there), so a long text never holds the server's threads or its GIL and
    reads go on meanwhile; or, with ``extractor`` (tests, embedding), in a thread."""

    def __init__(self, model: str | None,
                 extractor: Callable[[list[Article]], Iterable[dict]] | None) -> None:
        self.model = model
        self.extractor = extractor
        self.pending = 0
        self._executor = None
        self._lock = threading.Lock()

    def _pool(self):
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing

        from tidings.scale import work

        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=work.start,
                    initargs=(logging.getLogger().getEffectiveLevel(),))
            return self._executor

    async def run(self, articles: list[Article]) -> list[dict]:
        """Documents for ``articles`` (503 when too many requests wait already)."""
        if not articles:
            return []
        if self.pending >= MAX_PENDING_EXTRACTIONS:
            raise HTTPException(503, f"busy: {self.pending} extractions are waiting; "
                                "try again later")
        self.pending += 1
        try:
            if self.extractor is not None:
                from starlette.concurrency import run_in_threadpool

                return await run_in_threadpool(lambda: list(self.extractor(articles)))
            return await asyncio.wrap_future(self.submit(articles))
        except HTTPException:
            raise
        except Exception as exc:
            from concurrent.futures.process import BrokenProcessPool

            if not isinstance(exc, BrokenProcessPool):
                raise
            self._restart()
            raise HTTPException(503, "the extraction process stopped (out of memory?); "
                                "try again") from None
        finally:
            self.pending -= 1

    def submit(self, articles: list[Article]):
        from tidings.scale import work

        return self._pool().submit(work.extract_partition, articles, self.model)

    def now(self, articles: list[Article]) -> list[dict]:
        """Documents for ``articles``, waited for in this thread (not on the event loop)."""
        if self.extractor is not None:
            return list(self.extractor(articles))
        return self.submit(articles).result()

    def _restart(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            processes = list(getattr(executor, "_processes", {}).values())
            executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()


class TurnLock:
    """Turns at the store: reads share theirs (each opens its own read-only connection,
    side by side), a write takes its turn alone: DuckDB opens a file read-only or for
    writing in one process, not both at once."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Served:
    """The store an application serves, and how it extracts articles.

    The store is not held open: each request opens it for its own queries (read-only) or
    its own ingest batches and closes it, so ``tidings ingest``, queries and exports in
    other processes work on the same file while the server runs, and each answer sees
    what has been stored so far. Reads run side by side; a write (POST /articles) waits
    for its turn alone (``TurnLock``), after its extraction, which holds no turn.
    """

    def __init__(self, db, read_only: bool, model: str | None,
                 extractor: Callable[[list[Article]], Iterable[dict]] | None,
                 max_chars: int = MAX_TEXT_CHARS) -> None:
        self.db = db
        self.read_only = read_only
        self.model = model
        self.extraction = Extraction(model, extractor)
        self.max_chars = max_chars
        self.turns = TurnLock()
        self._open_lock = threading.Lock()
        self._store: Store | None = None

    def store(self) -> Store:
        """The store (checked, created or migrated when first asked for: at start, or at
        the first request when a TestClient runs the app without its lifespan)."""
        with self._open_lock:
            if self._store is None:
                self._store = Store.open(self.db, read_only=self.read_only, hold=False)
            return self._store

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Store]:
        """The store open for one request's work, in this request's turn."""
        store = self.store()
        with (self.turns.write() if write else self.turns.read()), \
                store.session(write=write) as open_store:
            yield open_store

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """A write's turn (for ``Store.ingest``, which opens the store per batch)."""
        with self.turns.write():
            yield

    def close(self) -> None:
        self.extraction.close()
        with self._open_lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def create_app(db: str | Path | None = None, read_only: bool = False,
               max_body: int = MAX_BODY_BYTES, model: str | None = None,
               extractor: Callable[[list[Article]], Iterable[dict]] | None = None,
               allowed_hosts: Iterable[str] | None = None, token: str | None = None,
               require_token: bool = False, max_chars: int = MAX_TEXT_CHARS) -> FastAPI:
    """The application over the store at ``db`` (opened, and created if absent, at start).

    ``extractor`` turns articles into documents for POST /extract and POST /articles
    (default: tidings' extraction with ``model``, in a worker process), as ``Store.ingest``
    takes it. ``allowed_hosts``: names the server answers to (default: loopback names; "*"
    any); ``token``: what POST requests must present (``Authorization: Bearer``);
    ``require_token``: refuse POST when no token is set (a server reachable from other
    machines); ``max_chars``: longest article text extracted (413 past it).
    """
    served = Served(db, read_only, model, extractor, max_chars)

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
    # The guard wraps the whole stack, Starlette's own error responses included, so every
    # response is checked and carries its headers.
    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: Guard(build(), allowed_hosts=allowed_hosts,
                                               token=token, require_token=require_token)
    return app
