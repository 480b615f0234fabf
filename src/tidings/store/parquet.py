"""The store as a Parquet dataset: ``--db parquet:DIR``.

Layout (any Parquet reader takes each table folder as a dataset)::

    DIR/tidings.json            schema version and tables published
    DIR/<table>/data.parquet    articles, actors, events, event_mentions, quotes, times, places
    DIR/tidings.duckdb          the writer's state (dedup, event grouping, transactions)

Why both: ingesting needs what a database gives (idempotent inserts, near-duplicate lookups,
events grouped across articles, transactions that survive kill -9), so writing goes through a
DuckDB file as usual; when the writer closes, each table is published as Parquet (written
beside, then renamed over the old file, so a reader never sees half a table). Readers query
the Parquet files through DuckDB views and never touch the writer's file: queries, exports
and the dashboard run while an ingest is going on, and the dataset can be copied to object
storage and read by Spark, Dask or pandas.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from tidings.errors import StoreError
from tidings.store.bulk import sql_string
from tidings.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

PREFIX = "parquet:"
MANIFEST = "tidings.json"
STATE_FILE = "tidings.duckdb"


def folder_of(target: str | os.PathLike | None) -> Path | None:
    """The folder of a ``parquet:DIR`` target (``--db``, else ``$TIDINGS_DB``, as
    ``db.default_path`` reads them), else None."""
    target = target or os.environ.get("TIDINGS_DB")
    text = os.fspath(target) if target else ""
    if text.startswith(PREFIX):
        folder = text[len(PREFIX):]
        if not folder:
            raise StoreError("parquet: needs a folder (--db parquet:DIR)")
        return Path(folder)
    return None


def publish(con, folder: Path) -> None:
    """Write every table of ``con`` as ``folder/<table>/data.parquet``, each replaced whole."""
    import duckdb

    try:
        for table in TABLES:
            target = folder / table / "data.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name("data.parquet.partial")
            con.execute(f"COPY (SELECT * FROM {table}) TO {sql_string(partial)} "
                        "(FORMAT parquet, COMPRESSION zstd)")
            os.replace(partial, target)
        manifest = {"schema_version": SCHEMA_VERSION, "tables": TABLES,
                    "published": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        partial = folder / (MANIFEST + ".partial")
        partial.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        os.replace(partial, folder / MANIFEST)
    except (OSError, duckdb.Error) as exc:
        raise StoreError(f"{folder}: cannot publish the Parquet dataset "
                         f"({str(exc).strip().splitlines()[0]})") from None


def connect(folder: Path, materialize: bool = False):
    """An in-memory DuckDB whose tables are views over the dataset in ``folder`` (copies of it
    with ``materialize``, for user SQL run without file access)."""
    import duckdb

    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise StoreError(f"{folder}: no Parquet store here ({MANIFEST} missing; "
                         f"run 'tidings ingest --db parquet:{folder}' first)")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        version = int(manifest["schema_version"])
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreError(f"{manifest_path}: not a tidings manifest") from None
    if version > SCHEMA_VERSION:
        raise StoreError(f"{folder}: written by a newer tidings (schema version {version}, "
                         f"this one reads up to {SCHEMA_VERSION}); upgrade tidings")
    if version < SCHEMA_VERSION:  # the writer's file migrates; the published tables follow
        raise StoreError(f"{folder}: schema version {version} needs migrating; run "
                         f"'tidings ingest --db parquet:{folder}' once to upgrade it")
    con = duckdb.connect()
    try:
        for table in TABLES:
            files = folder / table / "*.parquet"
            kind = "TABLE" if materialize else "VIEW"
            con.execute(f"CREATE {kind} {table} AS SELECT * FROM read_parquet("
                        f"{sql_string(files)})")
        for steps in MIGRATIONS[:version]:  # the store's views, over the tables
            for step in steps:
                if isinstance(step, str) and step.lstrip().upper().startswith(
                        ("CREATE VIEW", "CREATE OR REPLACE VIEW")):
                    con.execute(step)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{folder}: cannot read the Parquet store "
                         f"({str(exc).strip().splitlines()[0]})") from None
    return con
