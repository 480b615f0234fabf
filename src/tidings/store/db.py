"""Opening the store: one DuckDB file, migrated on open, errors as one-line StoreErrors."""
from __future__ import annotations

import os
from pathlib import Path

from tidings.errors import StoreError
from tidings.store.schema import SCHEMA_VERSION, migrate

DEFAULT_NAME = "tidings.duckdb"


def default_path(path: str | os.PathLike | None = None) -> Path:
    """--db PATH, else $TIDINGS_DB, else tidings.duckdb in the working folder."""
    return Path(path or os.environ.get("TIDINGS_DB") or DEFAULT_NAME)


def connect(path: str | os.PathLike | None = None, read_only: bool = False):
    """A DuckDB connection to the store at ``path``, at the current schema version.

    Read-only connections never create or migrate anything; a missing file is an error.
    """
    import duckdb

    target = default_path(path)
    if read_only and not target.exists():
        raise StoreError(f"{target}: no store here (run 'tidings ingest' first, or give --db)")
    if target.exists() and target.is_dir():
        raise StoreError(f"{target}: is a folder, not a store file")
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(_open_message(target, exc)) from None
    try:
        found = _version(con)
        if found > SCHEMA_VERSION:
            raise StoreError(f"{target}: written by a newer tidings (schema version {found}, "
                             f"this one reads up to {SCHEMA_VERSION}); upgrade tidings")
        if found < SCHEMA_VERSION:
            if read_only:
                if found == 0:
                    raise StoreError(f"{target}: not a tidings store (no schema_version table)")
                raise StoreError(f"{target}: schema version {found} needs migrating; "
                                 "run 'tidings ingest' once to upgrade it")
            if found == 0 and _has_tables(con):
                raise StoreError(f"{target}: a DuckDB file that is not a tidings store")
            migrate(con, found)
            con.execute("CHECKPOINT")  # the schema in the file itself, the WAL empty
    except StoreError:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{target}: cannot read the store ({_first_line(exc)})") from None
    return con


def _version(con) -> int:
    exists = con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_version'").fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _has_tables(con) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0] > 0


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _open_message(target: Path, exc: Exception) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return (f"{target}: the store is in use by another tidings process "
                "(DuckDB allows one writer); wait for it to finish")
    if "not a valid duckdb" in text.lower() or "database file" in text.lower() \
            or "magic" in text.lower() or "corrupt" in text.lower():
        return f"{target}: not a readable DuckDB store (corrupt or another kind of file)"
    return f"{target}: cannot open the store ({_first_line(exc)})"
