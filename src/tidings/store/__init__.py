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
               window: int | None = None, progress=None, extractor=None) -> IngestReport:
        """Extract and store articles (see ``tidings.store.ingest``); ``extractor``: where
        documents are computed (``tidings.scale``), this process by default. A store not
        held connects for each batch only."""
        from tidings.store.ingest import ingest

        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return ingest(self.con if self.con is not None else self.connect, items, model=model,
                      window=window, progress=progress, extractor=extractor)

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

    def write(self, sql: str, params: list, fmt: str, output: str | None = None) -> int:
        """Query results written as table/csv/tsv/json/jsonl/parquet."""
        import duckdb

        from tidings.store.output import write

        with self.session() as store:
            try:
                return write(store.con, sql, params, fmt, output)
            except duckdb.Error as exc:
                raise StoreError(f"query failed: {str(exc).strip().splitlines()[0]}") from None

    def export(self, profile: str, stream: IO = sys.stdout, filters: Filters | None = None,
               raw: bool = False, header: bool = True, progress=None) -> int:
        from tidings.store.export import export

        with self.session() as store:
            return export(store.con, profile, stream, filters, raw, header, progress)

    def counts(self) -> dict[str, int]:
        """Rows per table, and distinct events (for reports and tests)."""
        from tidings.store.schema import TABLES

        with self.session() as store:
            return {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in TABLES}


def open_sql(path: str | os.PathLike | None = None):
    """A connection for user SQL: read-only and without file access (no COPY, no ATTACH)."""
    folder = parquet.folder_of(path)
    if folder is not None:  # copies of the tables in memory: no file access left open
        con = parquet.connect(folder, materialize=True)
        con.execute("SET enable_external_access = false")
        return con
    target = db.default_path(path)
    db.connect(path, read_only=True).close()  # same checks and messages as the other reads
    return db.open_file(target, read_only=True, enable_external_access=False)
