"""The event store: everything the extractor yields, in one DuckDB file (or a Parquet
dataset, ``parquet:DIR``), merged across articles, queried, aggregated and exported. The
CLI is a thin shell over this API::

    from tidings.store import Store
    with Store.open("news.duckdb") as store:
        store.ingest(read_paths(["feeds/"]))
        columns, rows = store.fetch(*events_sql(Filters.parse(cameo=["19"])))
"""
from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Callable, Iterable, Iterator

from tidings.article import Article, ReadFailure
from tidings.errors import StoreError
from tidings.store import db, parquet
from tidings.store.filters import Filters
from tidings.store.ingest import IngestReport
from tidings.store.query import actors_sql, dyads_sql, events_sql, quotes_by_sql, quotes_sql

__all__ = ["Store", "Filters", "IngestReport", "events_sql", "quotes_sql", "quotes_by_sql", "actors_sql",
           "dyads_sql", "default_path"]

default_path = db.default_path
# How many times a reader's wait (db.lock_wait) an ingest batch waits to store itself.
WRITER_PATIENCE = 10


# The queries of ``Store.contents``: ingest times are left out, the rest ordered fully.
_CONTENTS = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id",
    "events": "SELECT * EXCLUDE (first_added) FROM events ORDER BY id",
    "mentions": "SELECT * FROM event_mentions ORDER BY article_id, raw_id",
    "actors": "SELECT * FROM actors ORDER BY ALL",
    "quotes": "SELECT * FROM quotes ORDER BY ALL",
    "times": "SELECT * FROM times ORDER BY ALL",
    "places": "SELECT * FROM places ORDER BY ALL",
}


class Store:
    """One store. Opened with ``hold=True`` (the default) it keeps one connection until
    ``close``, a writer's holding DuckDB's file lock all along; with ``hold=False`` it
    connects only while it works (``session``: each query, each ingest batch), so other
    processes can read and write the same file in between. A Parquet store
    (``parquet:DIR``) is published as Parquet when its writer closes."""

    def __init__(self, con, path, read_only: bool, publish_to=None):
        self.con = con  # None: not held, see ``session``
        self.path = path
        self.read_only = read_only
        self.publish_to = publish_to

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, read_only: bool = False,
             hold: bool = True) -> "Store":
        folder = parquet.folder_of(path)
        if folder is not None:
            if read_only:
                return cls(parquet.connect(folder), folder, True)
            if folder.exists() and not folder.is_dir():
                raise StoreError(f"{folder}: is a file, not a folder for a Parquet store")
            folder.mkdir(parents=True, exist_ok=True)
            return cls(db.connect(folder / parquet.STATE_FILE), folder, False,
                       publish_to=folder)
        con = db.connect(path, read_only=read_only)  # created, migrated, checked here
        if not hold:
            con.close()
            con = None
        return cls(con, db.default_path(path), read_only)

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator["Store"]:
        """This store with a connection for the block: its own when held, else one opened
        for the block (read-only unless ``write``) and closed after it."""
        if self.con is not None:
            yield self
            return
        if write and self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        con = db.connect(self.path, read_only=not write)
        try:
            yield Store(con, self.path, not write)
        finally:
            con.close()

    def connect(self):
        """A write connection for one ingest batch (the caller closes it). It waits longer
        than a reader: an export of a large store may hold the file for minutes, and
        giving up would lose the batch just extracted."""
        return db.connect(self.path, read_only=False, wait=db.lock_wait() * WRITER_PATIENCE)

    def close(self) -> None:
        if self.con is None:
            return
        try:
            if self.publish_to is not None:
                parquet.publish(self.con, self.publish_to)
        finally:
            self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ingest(self, items: Iterable[Article | ReadFailure], model: str | None = None,
               window: int | None = None, progress=None, extractor=None,
               report: IngestReport | None = None) -> IngestReport:
        """Extract and store articles (see ``tidings.store.ingest``); ``extractor``: where
        documents are computed (``tidings.scale``), this process by default. A store not
        held connects for each batch only."""
        from tidings.store.ingest import ingest

        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return ingest(self.con if self.con is not None else self.connect, items, model=model,
                      window=window, progress=progress, extractor=extractor, report=report)

    def stored(self) -> Callable[[Article], bool]:
        """A test of whether an article's text is stored already (as the store is now)."""
        from tidings.store import dedup

        if self.con is not None:
            con = self.con
            return lambda article: con.execute(
                "SELECT 1 FROM articles WHERE hash = ?",
                [dedup.text_hash(article.text)]).fetchone() is not None
        with self.session() as store:
            known = {h for (h,) in store.con.execute("SELECT hash FROM articles").fetchall()}
        return lambda article: dedup.text_hash(article.text) in known

    def fetch(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a query."""
        import duckdb

        with self.session() as store:
            try:
                cursor = store.con.execute(sql, params or [])
            except duckdb.Error as exc:
                raise StoreError(f"query failed: {str(exc).strip().splitlines()[0]}") from None
            return [d[0] for d in cursor.description], cursor.fetchall()

    def contents(self) -> dict[str, list[tuple]]:
        """Every stored row but the wall-clock columns, per table in a fixed order: what
        two ingests of the same articles must share however they ran (workers, stops and
        reruns, a cluster)."""
        return {name: self.fetch(sql)[1] for name, sql in _CONTENTS.items()}

    def write(self, sql: str, params: list, fmt: str, output: str | None = None,
              keep_formulas: bool = False) -> int:
        """Query results written as table/csv/tsv/json/jsonl/parquet (CSV/TSV cells that a
        spreadsheet would run as formulas neutralised unless ``keep_formulas``)."""
        import duckdb

        from tidings.store.output import write

        with self.session() as store:
            try:
                return write(store.con, sql, params, fmt, output, keep_formulas)
            except duckdb.Error as exc:
                raise StoreError(f"query failed: {str(exc).strip().splitlines()[0]}") from None

    def export(self, profile: str, stream: IO = sys.stdout, filters: Filters | None = None,
               raw: bool = False, header: bool = True, progress=None,
               keep_formulas: bool = False) -> int:
        import duckdb

        from tidings.store.export import export

        with self.session() as store:
            try:
                return export(store.con, profile, stream, filters, raw, header, progress,
                              keep_formulas)
            except duckdb.Error as exc:
                raise StoreError(f"export failed: {str(exc).strip().splitlines()[0]}") \
                    from None

    def counts(self) -> dict[str, int]:
        """Rows per table, and distinct events (for reports and tests)."""
        from tidings.store.schema import TABLES

        with self.session() as store:
            return {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in TABLES}


# What one user query may take: memory (DuckDB's own limit; with no temporary folder a
# query over it fails instead of spilling to disk) and threads. A store's queries (counts,
# joins over its tables) need a fraction of this; a runaway cross join stops at it instead
# of taking the machine.
SQL_MEMORY = "1GB"
SQL_THREADS = 2


def sql_settings(memory: str = SQL_MEMORY, threads: int = SQL_THREADS) -> dict:
    """DuckDB settings for user SQL: no file access, capped memory and threads, no
    spilling, and the configuration locked so no SET/PRAGMA in the query changes them."""
    # in this order when SET one by one: no temporary folder can be set once file access
    # is off, and nothing can be set once the configuration is locked
    return {"temp_directory": "", "memory_limit": memory, "threads": threads,
            "enable_external_access": False, "lock_configuration": True}


def open_sql(path: str | os.PathLike | None = None, memory: str = SQL_MEMORY,
             threads: int = SQL_THREADS):
    """A connection for user SQL: read-only, without file access (no COPY, no ATTACH),
    memory and threads capped, settings locked (``sql_settings``)."""
    import duckdb

    settings = sql_settings(memory, threads)
    folder = parquet.folder_of(path)
    try:
        if folder is not None:  # copies of the tables in memory: no file access left open
            con = parquet.connect(folder, materialize=True)
            for name, value in settings.items():
                con.execute(f"SET {name} = {bulk_literal(value)}")
            return con
        target = db.default_path(path)
        db.connect(path, read_only=True).close()  # same checks and messages as other reads
        return db.open_file(target, read_only=True, **settings)
    except duckdb.Error as exc:  # a bad --memory-limit value
        raise StoreError(f"sql: {str(exc).strip().splitlines()[0]}") from None


def bulk_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def run_sql(con, query: str, timeout: float, limit: int | None = None):
    """(columns, rows) of ``query``, interrupted after ``timeout`` seconds (DuckDB has no
    statement timeout of its own); None for a statement without rows."""
    import threading

    import duckdb

    timer = threading.Timer(timeout, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        cursor = con.execute(query)
        if cursor.description is None:
            return None
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchmany(limit) if limit else cursor.fetchall()
        return columns, rows
    except (duckdb.Error, RuntimeError) as exc:
        if not timer.is_alive():
            raise StoreError(f"sql: stopped after the time limit of {timeout:g} s "
                             "(--timeout SECONDS gives more)") from None
        if isinstance(exc, RuntimeError) and not isinstance(exc, duckdb.Error):
            raise
        raise StoreError(f"sql: {str(exc).strip().splitlines()[0]}") from None
    finally:
        timer.cancel()
