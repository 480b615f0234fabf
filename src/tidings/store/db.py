"""Opening the store: one DuckDB file, migrated on open, errors as one-line StoreErrors.

DuckDB lets one process write a file, or several read it, never both at once. So that
``tidings serve``, queries, exports and an ingest can all work on one store, every opener
waits for the file while another process holds it (``lock_wait``) instead of failing at
once, and holders keep it briefly: the server per request, the ingest per batch.
"""
from __future__ import annotations

import os
import struct
import time
from pathlib import Path

from tidings.errors import OptionError, StoreError
from tidings.store.schema import SCHEMA_VERSION, migrate

DEFAULT_NAME = "tidings.duckdb"
# Seconds an opener waits while another process holds the store: longer than an ingest
# holds it to store one batch (well under a second) or the server to answer a request,
# short enough that a store held by a forgotten process is reported. $TIDINGS_LOCK_WAIT.
LOCK_WAIT_SECONDS = 30.0
# First pause between attempts, doubled up to the last: a batch commit takes ~0.1-1 s.
RETRY_FIRST, RETRY_LAST = 0.02, 0.5


def lock_wait() -> float:
    """$TIDINGS_LOCK_WAIT (seconds), else LOCK_WAIT_SECONDS."""
    value = os.environ.get("TIDINGS_LOCK_WAIT", "").strip()
    if not value:
        return LOCK_WAIT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        raise OptionError(f"$TIDINGS_LOCK_WAIT: expected seconds, got {value!r}") from None
    return max(seconds, 0.0)

# DuckDB's file layout (storage format of DuckDB 1.x-2.x): a 4 KiB main header with the
# magic bytes "DUCK" at offset 8, then two 4 KiB database headers, each a checksum followed
# by (iteration, meta block, free list, block count, block size, ...); the one with the
# higher iteration is current, and the blocks follow the three headers. A file that ends
# inside a block was cut (a copy stopped halfway, a full disk), and DuckDB itself opens it
# and fails only when a query reaches a missing block.
_HEADER = 4096
_MAGIC = b"DUCK"


def default_path(path: str | os.PathLike | None = None) -> Path:
    """--db PATH, else $TIDINGS_DB, else tidings.duckdb in the working folder."""
    return Path(path or os.environ.get("TIDINGS_DB") or DEFAULT_NAME)


def open_file(target: Path, read_only: bool, wait: float | None = None, **config):
    """``duckdb.connect`` to ``target``, trying again while another process holds the file,
    up to ``wait`` seconds (default ``lock_wait()``)."""
    import duckdb

    wait = lock_wait() if wait is None else wait
    deadline = time.monotonic() + wait
    pause = RETRY_FIRST
    while True:
        try:
            if config:
                return duckdb.connect(str(target), config={
                    "access_mode": "READ_ONLY" if read_only else "READ_WRITE", **config})
            return duckdb.connect(str(target), read_only=read_only)
        except duckdb.Error as exc:
            if not _is_lock(exc) or time.monotonic() + pause > deadline:
                raise StoreError(_open_message(target, exc, wait)) from None
        time.sleep(pause)
        pause = min(pause * 2, RETRY_LAST)


def _is_lock(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


def connect(path: str | os.PathLike | None = None, read_only: bool = False,
            wait: float | None = None):
    """A DuckDB connection to the store at ``path``, at the current schema version.

    Read-only connections never create anything (a missing file is an error); a store of
    an older schema is migrated first, through a short write connection.
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
    con = open_file(target, read_only, wait)
    try:
        found = _version(con)
        if found > SCHEMA_VERSION:
            raise StoreError(f"{target}: written by a newer tidings (schema version {found}, "
                             f"this one reads up to {SCHEMA_VERSION}); upgrade tidings")
        if found < SCHEMA_VERSION:
            if read_only:
                if found == 0:
                    raise StoreError(f"{target}: not a tidings store (no schema_version table)")
                con.close()
                try:
                    connect(path, read_only=False, wait=wait).close()
                except StoreError as exc:
                    raise StoreError(f"{target}: schema version {found} needs migrating, "
                                     f"which failed ({exc.args[0]})") from None
                return connect(path, read_only=True, wait=wait)
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
    """Refuse a store file that cannot be read, or that was cut inside one of its blocks
    (truncated), before DuckDB opens it: nothing is written to it.

    DuckDB writes whole blocks after its three header blocks, so a file it wrote always ends
    on a block boundary. The header's block count is no measure of the size: it counts
    blocks on the free list that were never written (a store stopped by a signal and opened
    again shows 28 blocks in a header of a 15-block file)."""
    try:
        with open(target, "rb") as handle:
            head = handle.read(3 * _HEADER)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise StoreError(f"{target}: cannot read the store ({exc.strerror})") from None
    if len(head) < 3 * _HEADER or head[8:12] != _MAGIC:
        return  # not DuckDB's layout (or empty): DuckDB's own open says what it is
    headers = [struct.unpack_from("<QQqqQQ", head, offset) for offset in (_HEADER, 2 * _HEADER)]
    _, iteration, _, _, _, block_size = max(headers, key=lambda h: h[1])
    if iteration == 0 or not 4096 <= block_size <= 1 << 30:
        return  # a layout this check does not know: leave it to DuckDB
    body = size - 3 * _HEADER
    if body % block_size:
        whole = 3 * _HEADER + (body // block_size + 1) * block_size
        raise StoreError(f"{target}: the store file is truncated ({size:,} bytes, not a whole "
                         f"number of {block_size:,}-byte blocks: at least {whole:,}); restore "
                         f"it from a copy, or ingest into a new one")


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
    import duckdb

    # asked directly (information_schema costs ~20 ms, and every request opens the store)
    try:
        return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    except duckdb.CatalogException:
        return 0


def _has_tables(con) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0] > 0


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _open_message(target: Path, exc: Exception, waited: float = 0.0) -> str:
    text = str(exc)
    if _is_lock(exc):
        return (f"{target}: the store is in use by another process (DuckDB lets one "
                f"process write, or several read); waited {waited:g} s "
                "($TIDINGS_LOCK_WAIT)")
    if "not a valid duckdb" in text.lower() or "database file" in text.lower() \
            or "magic" in text.lower() or "corrupt" in text.lower():
        return f"{target}: not a readable DuckDB store (corrupt or another kind of file)"
    return f"{target}: cannot open the store ({_first_line(exc)})"
