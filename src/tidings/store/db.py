"""Opening the store: one DuckDB file, migrated on open, errors as one-line StoreErrors."""
from __future__ import annotations

import os
import struct
from pathlib import Path

from tidings.errors import StoreError
from tidings.store.schema import SCHEMA_VERSION, migrate

DEFAULT_NAME = "tidings.duckdb"

# DuckDB's file layout (storage format of DuckDB 1.x-2.x): a 4 KiB main header with the
# magic bytes "DUCK" at offset 8, then two 4 KiB database headers, each a checksum followed
# by (iteration, meta block, free list, block count, block size, ...); the one with the
# higher iteration is current, and the blocks follow the three headers. A file shorter than
# its current header says was cut (a copy stopped halfway, a full disk), and DuckDB itself
# opens it and fails only when a query reaches a missing block.
_HEADER = 4096
_MAGIC = b"DUCK"


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
    if target.exists():
        check_file(target)
    if not read_only:
        check_writable(target)
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


def check_file(target: Path) -> None:
    """Refuse a store file that cannot be read, or that is shorter than its own header says
    (truncated), before DuckDB opens it: nothing is written to it."""
    try:
        with open(target, "rb") as handle:
            head = handle.read(3 * _HEADER)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise StoreError(f"{target}: cannot read the store ({exc.strerror})") from None
    if len(head) < 3 * _HEADER or head[8:12] != _MAGIC:
        return  # not DuckDB's layout (or empty): DuckDB's own open says what it is
    headers = [struct.unpack_from("<QQqqQQ", head, offset) for offset in (_HEADER, 2 * _HEADER)]
    _, iteration, _, _, blocks, block_size = max(headers, key=lambda h: h[1])
    if iteration == 0 or not 4096 <= block_size <= 1 << 30:
        return  # a layout this check does not know: leave it to DuckDB
    expected = 3 * _HEADER + blocks * block_size
    if size < expected:
        raise StoreError(f"{target}: the store file is truncated ({size:,} bytes of "
                         f"{expected:,}); restore it from a copy, or ingest into a new one")


def check_writable(target: Path) -> None:
    """A writer needs the file and its folder writable: DuckDB writes its journal
    (``NAME.wal``) beside the file, and without it every commit would fail."""
    folder = target.parent if str(target.parent) else Path(".")
    if target.exists() and not os.access(target, os.W_OK):
        raise StoreError(f"{target}: the store file cannot be written (read-only)")
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such folder for the store")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{folder}: the folder cannot be written (a store writes its journal "
                         f"{target.name}.wal beside the file); use --db in a writable folder")


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
