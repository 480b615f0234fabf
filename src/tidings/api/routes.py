"""The API's routes: lists of events, quotes, actors and dyads (JSON and CSV), the
timeline, articles, search, extraction, and the dashboard's files.

Filters come from the one schema (``tidings.store.filters``): each list takes the filters
offered on its table as query parameters, checked by ``Filters.parse`` (400 when bad).
"""
from __future__ import annotations

import inspect
import io
from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, Field

from tidings.api import queries
from tidings.api.errors import as_parameters
from tidings.api.security import HTML_CSP
from tidings.errors import StoreError
from tidings.store.filters import ACTORS, ARTICLES, EVENTS, QUOTES, Filters, filters_for
from tidings.store.query import (ALL, DEFAULT_PERIOD, PERIODS, actors_sql, articles_sql,
                                 counts_sql, dyads_sql, events_sql, quotes_by_sql,
                                 quotes_sql)

# Rows per page when the client does not say, and the most one page may hold (JSON rows
# are built in memory).
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
# Articles one POST /articles may carry.
MAX_ARTICLES = 500
# Most actors the network view draws: its layout runs in the browser, ~1 s for 2,000.
MAX_NODES = 2000


WEB = resources.files("tidings.web")

router = APIRouter()


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


def get_served(request: Request):
    """The app's store and extractor (``tidings.api.app.Served``)."""
    return request.app.state.served


def filters_of(table: str):
    """A dependency taking the filters offered on ``table`` as query parameters (text,
    or a list for a repeatable filter) and returning them checked, as ``Filters``."""
    parameters = []
    for spec in filters_for(table):
        described = Query(description=as_parameters(spec.help[table]))
        annotation = Annotated[list[str], described] if spec.repeatable \
            else Annotated[str | None, described]
        parameters.append(inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY,
                                            default=[] if spec.repeatable else None,
                                            annotation=annotation))

    def dependency(**values) -> Filters:
        return Filters.parse(**values)

    dependency.__signature__ = inspect.Signature(parameters, return_annotation=Filters)
    return dependency


EVENT_FILTERS, QUOTE_FILTERS = filters_of(EVENTS), filters_of(QUOTES)
ACTOR_FILTERS, ARTICLE_FILTERS = filters_of(ACTORS), filters_of(ARTICLES)


def events_query(f: Filters = Depends(EVENT_FILTERS), raw: bool = False) -> tuple[str, list]:
    return events_sql(f, raw=raw)


def quotes_query(f: Filters = Depends(QUOTE_FILTERS)) -> tuple[str, list]:
    return quotes_sql(f)


def quoted_query(f: Filters = Depends(QUOTE_FILTERS),
                 by: Annotated[str, Query(description="gender, speaker or country")] = "gender"
                 ) -> tuple[str, list]:
    return quotes_by_sql(f, by, option="by")


def actors_query(f: Filters = Depends(ACTOR_FILTERS)) -> tuple[str, list]:
    return actors_sql(f)


PeriodParam = Annotated[str, Query(description=f"period: {', '.join(PERIODS)} (default "
                                               f"{DEFAULT_PERIOD})")]


def dyads_query(f: Filters = Depends(EVENT_FILTERS),
                by: Annotated[str, Query(description=f"period: {', '.join(PERIODS)} or "
                                         f"{ALL} (default {DEFAULT_PERIOD})")] = DEFAULT_PERIOD,
                raw: bool = False,
                level: Annotated[str, Query(description="actor (codes, else names) or "
                                            "country")] = "actor",
                sort: Annotated[str | None, Query(description="count, goldstein (lowest sum "
                                                  "first) or conflict (most quad 3-4 "
                                                  "events first)")] = None,
                top: Annotated[int | None, Query(ge=1, description="the first N dyads of "
                                                 "each period")] = None) -> tuple[str, list]:
    return dyads_sql(f, by=by, raw=raw, level=level, sort=sort, top=top)


def counts_query(f: Filters = Depends(EVENT_FILTERS), by: PeriodParam = DEFAULT_PERIOD,
                 raw: bool = False) -> tuple[str, list]:
    return counts_sql(f, by=by, raw=raw)


def table(served, name: str, sql_params: tuple[str, list], paging: Paging, csv_out: bool,
          keep_formulas: bool = False):
    """One page of a query's rows, with the total, as JSON (or CSV)."""
    sql, params = sql_params
    with served.session() as store:
        total = queries.count(store, sql, params)
        columns, rows = store.fetch(queries.page(sql, paging.limit, paging.offset), params)
    if csv_out:
        return csv_response(name, columns, rows, keep_formulas)
    return {name: queries.rows_as_dicts(columns, rows), "total": total,
            "limit": paging.limit, "offset": paging.offset}


def _lister(name: str, query, cli: str | None = None) -> None:
    """GET /NAME and GET /NAME.csv over the same query (``cli``: the command it mirrors)."""
    def make(csv_out: bool):
        if csv_out:
            def endpoint(sql_params: tuple = Depends(query), paging: Paging = Depends(),
                         served=Depends(get_served), keep_formulas: Annotated[bool, Query(
                             description="cells beginning with = + - @ as they are (for "
                                         "programs); by default they get a leading ' so a "
                                         "spreadsheet shows them as text")] = False):
                return table(served, name, sql_params, paging, True, keep_formulas)
        else:
            def endpoint(sql_params: tuple = Depends(query), paging: Paging = Depends(),
                         served=Depends(get_served)):
                return table(served, name, sql_params, paging, False)
        endpoint.__name__ = f"{name}_csv" if csv_out else name
        return endpoint

    for csv_out in (False, True):
        router.get(f"/{name}.csv" if csv_out else f"/{name}", tags=[name],
                   summary=f"{name} as {'CSV' if csv_out else 'JSON'} (filters as the "
                           f"CLI's `tidings {cli or name}`)", response_model=None)(make(csv_out))


_lister("events", events_query)
_lister("quotes", quotes_query)
_lister("quoted", quoted_query, "quotes --by")  # who is quoted: per gender, speaker, country
_lister("actors", actors_query)
_lister("dyads", dyads_query)
_lister("counts", counts_query)


@router.get("/timeline", tags=["dashboard"], summary="events per period and quad class")
def timeline(f: Filters = Depends(EVENT_FILTERS),
             by: Annotated[str, Query(description=f"period: {', '.join(PERIODS)} "
                                      "(default day)")] = "day",
             raw: bool = False, served=Depends(get_served)):
    sql, params = queries.timeline_sql(f, by, raw)
    with served.session() as store:
        columns, rows = store.fetch(sql, params)
    return {"timeline": queries.rows_as_dicts(columns, rows), "by": by}


@router.get("/network", tags=["dashboard"], summary="the actor network: the top actors by "
            "events and the dyads between them")
def network(f: Filters = Depends(EVENT_FILTERS),
            min_events: Annotated[int, Query(ge=1, description="dyads with at least this "
                                             "many events")] = 1,
            top: Annotated[int, Query(ge=1, le=MAX_NODES, description="this many actors, "
                                      "those with most events")] = 100,
            raw: bool = False, served=Depends(get_served)):
    with served.session() as store:
        return queries.network(store, f, min_events, top, raw)


@router.get("/articles", tags=["articles"], summary="stored articles (newest first)")
def articles(f: Filters = Depends(ARTICLE_FILTERS), paging: Paging = Depends(),
             served=Depends(get_served)):
    return table(served, "articles", articles_sql(f), paging, False)


@router.get("/articles/{article_id}", tags=["articles"],
            summary="one article: text, actors, events, quotes, times and places")
def article(article_id: str, served=Depends(get_served)):
    with served.session() as store:
        found = queries.article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r} in the store")
    return found


@router.get("/search", tags=["dashboard"], summary="words in event sentences, quotes and "
            "article texts")
def search(q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=1000)] = 50, served=Depends(get_served)):
    f = Filters.parse(search=q)
    paging = Paging(limit=limit, offset=0)
    return {"query": q,
            "events": table(served, "events", events_sql(f, raw=True), paging, False),
            "quotes": table(served, "quotes", quotes_sql(f), paging, False),
            "articles": table(served, "articles", articles_sql(f), paging, False)}


def _article(body: ExtractRequest | ArticleIn):
    from tidings.article import Article, parse_published

    return Article(text=body.text, published=parse_published(body.published),
                   **{k: getattr(body, k) for k in ("id", "title", "url", "source")
                      if getattr(body, k) is not None})


def _check_length(served, texts: list[str]) -> None:
    """413 for a text over the server's limit in characters (``serve --max-chars``)."""
    for number, text in enumerate(texts):
        if len(text) > served.max_chars:
            where = f"article {number + 1}: " if len(texts) > 1 else ""
            raise HTTPException(413, f"{where}text of {len(text):,} characters is over this "
                                f"server's limit of {served.max_chars:,} (tidings ingest "
                                "takes longer texts)")


@router.post("/extract", tags=["extract"], summary="extract one article (not stored)")
async def extract(body: ExtractRequest, served=Depends(get_served)):
    _check_length(served, [body.text])
    item = _article(body)
    document = (await served.extraction.run([item]))[0]
    if body.with_text:
        document["article"]["text"] = body.text
    return document


@router.post("/articles", tags=["articles"], status_code=201,
             summary="extract and store articles")
async def ingest(body: IngestRequest, served=Depends(get_served)):
    from starlette.concurrency import run_in_threadpool

    from tidings.store.dedup import text_hash

    _check_length(served, [a.text for a in body.articles])
    items = [_article(a) for a in body.articles]
    if served.read_only:
        raise StoreError(f"{served.db}: served read-only; POST /articles cannot store")

    def new(articles):  # not stored yet: worth extracting
        with served.session() as store:
            return [a for a in articles if not store.fetch(
                "SELECT 1 FROM articles WHERE hash = ?", [text_hash(a.text)])[1]]

    # Extraction runs before the store's write turn is taken: reads and other writes go on.
    todo = await run_in_threadpool(new, items)
    documents = dict(zip(map(id, todo), await served.extraction.run(todo)))

    def extracted(articles):
        missing = [a for a in articles if id(a) not in documents]  # stored since, then not
        documents.update(zip(map(id, missing), served.extraction.now(missing)))
        return [documents[id(a)] for a in articles]

    return await run_in_threadpool(_store, served, items, extracted)


def _store(served, items, extracted) -> dict:
    from tidings.store.dedup import text_hash

    with served.writing():  # the store is opened for each batch's writes, then each look-up
        store = served.store()
        report = store.ingest(items, extractor=extracted)
        stored = []
        with store.session() as reading:
            for item in items:
                _, rows = reading.fetch("SELECT id, status, duplicate_of FROM articles "
                                        "WHERE hash = ?", [text_hash(item.text)])
                stored.append({"id": rows[0][0], "status": rows[0][1],
                               "duplicate_of": rows[0][2]} if rows else
                              {"id": item.id, "status": "failed", "duplicate_of": None})
    return {"report": report.as_dict(), "articles": stored,
            "failures": [{"where": w, "why": y} for w, y in report.failures]}


@router.get("/", include_in_schema=False)
def dashboard():
    html = (WEB / "static" / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Content-Security-Policy": HTML_CSP})


@router.get("/docs", include_in_schema=False)
def docs():
    """The API's reference, drawn from /openapi.json by our own page: nothing is loaded
    from the internet, so it works offline."""
    html = (WEB / "static" / "docs.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Content-Security-Policy": HTML_CSP})


@router.get("/static/{name}", include_in_schema=False)
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


def _plotly_js() -> Path:
    """plotly.js as the plotly Python package ships it (MIT; no CDN)."""
    try:
        return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    except ModuleNotFoundError:
        raise HTTPException(503, "plotly is not installed (pip install 'tidings[web]')") \
            from None


def csv_response(name: str, columns: list[str], rows: list[tuple],
                 keep_formulas: bool = False) -> Response:
    from tidings.store.output import write_rows

    stream = io.StringIO()
    write_rows(columns, rows, "csv", stream, keep_formulas)
    return Response(stream.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"'})
