"""The HTTP API and the dashboard over one store: ``create_app(db_path)``.

JSON by default (an object holding the rows under the resource's name, with ``total``,
``limit`` and ``offset``), a ``.csv`` twin for each list, filters named as the CLI's
options (``source_actor`` for ``--source-actor``), errors as ``{"error": {...}}``.
One store connection serves all requests, behind a lock: DuckDB connections are not
shared across threads, and the server is for one analyst's desk, not a crowd.
"""
from __future__ import annotations

import io
import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, Field

from tidings import __version__
from tidings.api import errors, queries
from tidings.store import Store
from tidings.store.query import (Filters, actors_sql, dyads_sql, events_sql,
                                 quotes_sql)

# Largest request body: a few hundred news articles of ~20 KB each in one POST /articles;
# larger loads belong to `tidings ingest`, which streams.
MAX_BODY_BYTES = 10 * 1024 * 1024
# Rows per page when the client does not say, and the most one page may hold (JSON rows
# are built in memory).
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
# Articles one POST /articles may carry.
MAX_ARTICLES = 500

# The dashboard may load only its own files: no inline script, nothing from elsewhere,
# so a story's text can never become script even if a rendering bug let markup through.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")

WEB = resources.files("tidings.web")


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, description="the article text (plain text)")
    published: str | None = Field(None, description="publication date YYYY-MM-DD")
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    with_text: bool = Field(False, description="include article.text in the document")


class ArticleIn(BaseModel):
    text: str = Field(min_length=1)
    published: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class Paging:
    def __init__(self, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
                 offset: Annotated[int, Query(ge=0)] = 0):
        self.limit = limit
        self.offset = offset


def event_filters(
        since: str | None = None, until: str | None = None,
        published_since: str | None = None, published_until: str | None = None,
        source_actor: str | None = None, target_actor: str | None = None,
        actor: str | None = None, country: str | None = None, sector: str | None = None,
        cameo: Annotated[list[str], Query()] = [], quad: Annotated[list[str], Query()] = [],
        plover: Annotated[list[str], Query()] = [], goldstein_min: str | None = None,
        goldstein_max: str | None = None, place: str | None = None,
        min_confidence: str | None = None, min_articles: str | None = None,
        search: str | None = None, publisher: str | None = None) -> Filters:
    """The CLI's event filters; values are checked by ``Filters.parse`` (400 when bad)."""
    return Filters.parse(**{k: v for k, v in locals().items()})


def quote_filters(since: str | None = None, until: str | None = None,
                  speaker: str | None = None, country: str | None = None,
                  sector: str | None = None, search: str | None = None,
                  publisher: str | None = None) -> Filters:
    return Filters.parse(**{k: v for k, v in locals().items()})


def actor_filters(actor: str | None = None, country: str | None = None,
                  sector: str | None = None, published_since: str | None = None,
                  published_until: str | None = None) -> Filters:
    return Filters.parse(**{k: v for k, v in locals().items()})


def events_query(f: Filters = Depends(event_filters), raw: bool = False) -> tuple[str, list]:
    return events_sql(f, raw=raw)


def dyads_query(f: Filters = Depends(event_filters), by: str = "month",
                raw: bool = False) -> tuple[str, list]:
    return dyads_sql(f, by=by, raw=raw)


def create_app(db: str | Path | None = None, read_only: bool = False,
               max_body: int = MAX_BODY_BYTES, model: str | None = None) -> FastAPI:
    """The application over the store at ``db`` (opened, and created if absent, at start)."""
    state: dict[str, Any] = {}
    lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state["store"] = Store.open(db, read_only=read_only)
        try:
            yield
        finally:
            state.pop("store").close()

    app = FastAPI(title="tidings", version=__version__, lifespan=lifespan,
                  description="Events, actors and quotes extracted from news, with the "
                              "text spans they come from.")
    errors.install(app)
    app.add_middleware(errors.BodyLimit, max_bytes=max_body)

    def store() -> Store:
        if "store" not in state:  # a TestClient used without its context manager
            state["store"] = Store.open(db, read_only=read_only)
        return state["store"]

    def table(name: str, sql_params: tuple[str, list], paging: Paging, csv_out: bool):
        sql, params = sql_params
        with lock:
            s = store()
            total = queries.count(s, sql, params)
            columns, rows = s.fetch(queries.page(sql, paging.limit, paging.offset), params)
        if csv_out:
            return csv_response(name, columns, rows)
        return {name: queries.rows_as_dicts(columns, rows), "total": total,
                "limit": paging.limit, "offset": paging.offset}

    def lister(name: str, query_dep) -> None:
        """GET /NAME and GET /NAME.csv over the same query."""
        def make(csv_out: bool):
            def endpoint(sql_params: tuple = Depends(query_dep), paging: Paging = Depends()):
                return table(name, sql_params, paging, csv_out)
            return endpoint

        for csv_out in (False, True):
            endpoint = make(csv_out)
            endpoint.__name__ = f"{name}_csv" if csv_out else name
            app.get(f"/{name}.csv" if csv_out else f"/{name}", tags=[name],
                    summary=f"{name} as {'CSV' if csv_out else 'JSON'} (filters as the "
                            f"CLI's `tidings {name}`)", response_model=None)(endpoint)

    lister("events", events_query)
    lister("quotes", lambda f=Depends(quote_filters): quotes_sql(f))
    lister("actors", lambda f=Depends(actor_filters): actors_sql(f))
    lister("dyads", dyads_query)

    @app.get("/timeline", tags=["dashboard"], summary="events per period and quad class")
    def timeline(f: Filters = Depends(event_filters), by: str = "day", raw: bool = False):
        sql, params = queries.timeline_sql(f, by, raw)
        with lock:
            columns, rows = store().fetch(sql, params)
        return {"timeline": queries.rows_as_dicts(columns, rows), "by": by}

    @app.get("/articles", tags=["articles"], summary="stored articles (newest first)")
    def articles(search: str | None = None, publisher: str | None = None,
                 paging: Paging = Depends()):
        return table("articles", queries.articles_sql(search, publisher), paging, False)

    @app.get("/articles/{article_id}", tags=["articles"],
             summary="one article: text, actors, events, quotes, times and places")
    def article(article_id: str):
        with lock:
            found = queries.article(store(), article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return found

    @app.get("/search", tags=["dashboard"], summary="words in event sentences, quotes and "
             "article texts")
    def search(q: Annotated[str, Query(min_length=1, max_length=200)],
               limit: Annotated[int, Query(ge=1, le=1000)] = 50):
        f = Filters.parse(search=q)
        paging = Paging(limit=limit, offset=0)
        return {"query": q,
                "events": table("events", events_sql(f, raw=True), paging, False),
                "quotes": table("quotes", quotes_sql(f), paging, False),
                "articles": table("articles", queries.articles_sql(q), paging, False)}

    @app.post("/extract", tags=["extract"], summary="extract one article (not stored)")
    def extract(body: ExtractRequest):
        from tidings.extract import extract_text

        meta = {k: getattr(body, k) for k in ("id", "title", "url", "source")
                if getattr(body, k) is not None}
        with lock:
            document = extract_text(body.text, body.published, model=model, **meta)
        if body.with_text:
            document["article"]["text"] = body.text
        return document

    @app.post("/articles", tags=["articles"], status_code=201,
              summary="extract and store articles")
    def ingest(body: IngestRequest):
        from tidings.article import Article, parse_published
        from tidings.store.dedup import text_hash

        items = [Article(text=a.text, published=parse_published(a.published),
                         **{k: getattr(a, k) for k in ("id", "title", "url", "source")
                            if getattr(a, k) is not None})
                 for a in body.articles]
        with lock:
            s = store()
            report = s.ingest(items, model=model)
            stored = []
            for item in items:
                _, rows = s.fetch("SELECT id, status, duplicate_of FROM articles "
                                  "WHERE hash = ?", [text_hash(item.text)])
                stored.append({"id": rows[0][0], "status": rows[0][1],
                               "duplicate_of": rows[0][2]} if rows else
                              {"id": item.id, "status": "failed", "duplicate_of": None})
        return {"report": report.as_dict(), "articles": stored,
                "failures": [{"where": w, "why": y} for w, y in report.failures]}

    @app.get("/", include_in_schema=False)
    def dashboard():
        html = (WEB / "static" / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        if name == "plotly.min.js":
            path = _plotly_js()
        else:
            path = WEB / "static" / name
            if "/" in name or name.startswith(".") or not path.is_file():
                raise HTTPException(404, f"no file {name!r}")
        media = {"js": "text/javascript", "css": "text/css", "html": "text/html"}
        return FileResponse(str(path), media_type=media.get(name.rsplit(".", 1)[-1]),
                            headers={"Cache-Control": "no-cache"})

    return app


def _plotly_js() -> Path:
    """plotly.js as the plotly Python package ships it (MIT; no CDN)."""
    try:
        return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    except ModuleNotFoundError:
        raise HTTPException(503, "plotly is not installed (pip install 'tidings[web]')")


def csv_response(name: str, columns: list[str], rows: list[tuple]) -> Response:
    from tidings.store.output import write_rows

    stream = io.StringIO()
    write_rows(columns, rows, "csv", stream)
    return Response(stream.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"'})
