"""The event store: everything the extractor yields, in one DuckDB file (or a Parquet
dataset, ``parquet:DIR``), merged across articles, queried, aggregated and exported. The
CLI is a thin shell over this API::

    from tidings.store import Store
    with Store.open("news.duckdb") as store:
        store.ingest(read_paths(["feeds/"]))
        columns, rows = store.fetch(*events_sql(Filters.parse(cameo=["19"])))
"""
from __future__ import annotations

import os
import sys
from typing import IO, Iterable

from tidings.article import Article, ReadFailure
from tidings.errors import StoreError
from tidings.store import db, parquet
from tidings.store.filters import Filters
from tidings.store.ingest import IngestReport
from tidings.store.query import actors_sql, dyads_sql, events_sql, quotes_by_sql, quotes_sql

__all__ = ["Store", "Filters", "IngestReport", "events_sql", "quotes_sql", "quotes_by_sql", "actors_sql",
           "dyads_sql", "default_path"]

default_path = db.default_path


class Store:
    """One open store. Writers hold DuckDB's file lock until ``close``; a Parquet store
    (``parquet:DIR``) is published as Parquet when its writer closes."""

    def __init__(self, con, path, read_only: bool, publish_to=None):
        self.con = con
        self.path = path
        self.read_only = read_only
        self.publish_to = publish_to

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, read_only: bool = False) -> "Store":
        folder = parquet.folder_of(path)
        if folder is not None:
            if read_only:
                return cls(parquet.connect(folder), folder, True)
            if folder.exists() and not folder.is_dir():
                raise StoreError(f"{folder}: is a file, not a folder for a Parquet store")
            folder.mkdir(parents=True, exist_ok=True)
            return cls(db.connect(folder / parquet.STATE_FILE), folder, False,
                       publish_to=folder)
        return cls(db.connect(path, read_only=read_only), db.default_path(path), read_only)

    def close(self) -> None:
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
        documents are computed (``tidings.scale``), this process by default."""
        from tidings.store.ingest import ingest

        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return ingest(self.con, items, model=model, window=window, progress=progress,
                      extractor=extractor)

    def fetch(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a query."""
        import duckdb

        try:
            cursor = self.con.execute(sql, params or [])
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {str(exc).strip().splitlines()[0]}") from None
        return [d[0] for d in cursor.description], cursor.fetchall()

    def write(self, sql: str, params: list, fmt: str, output: str | None = None) -> int:
        """Query results written as table/csv/tsv/json/jsonl/parquet."""
        import duckdb

        from tidings.store.output import write

        try:
            return write(self.con, sql, params, fmt, output)
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {str(exc).strip().splitlines()[0]}") from None

    def export(self, profile: str, stream: IO = sys.stdout, filters: Filters | None = None,
               raw: bool = False, header: bool = True) -> int:
        from tidings.store.export import export

        return export(self.con, profile, stream, filters, raw, header)

    def counts(self) -> dict[str, int]:
        """Rows per table, and distinct events (for reports and tests)."""
        from tidings.store.schema import TABLES

        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def open_sql(path: str | os.PathLike | None = None):
    """A connection for user SQL: read-only and without file access (no COPY, no ATTACH)."""
    import duckdb

    folder = parquet.folder_of(path)
    if folder is not None:  # copies of the tables in memory: no file access left open
        con = parquet.connect(folder, materialize=True)
        con.execute("SET enable_external_access = false")
        return con
    target = db.default_path(path)
    db.connect(path, read_only=True).close()  # same checks and messages as the other reads
    try:
        return duckdb.connect(str(target), config={"access_mode": "READ_ONLY",
                                                   "enable_external_access": False})
    except duckdb.Error as exc:
        raise StoreError(db._open_message(target, exc)) from None
