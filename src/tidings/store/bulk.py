"""Rows collected per table and written in one statement per table.

Why: DuckDB's Python binding costs about a millisecond per inserted row (``executemany``
included), so a news article with ~100 actor, quote, time, place and event rows spent
longer being stored than being extracted (benchmarks/throughput.py, phase c). Here a batch's
rows are written to a JSON Lines file and loaded with DuckDB's own reader
(``read_json``, built into the wheel: no download): ~30x faster, with the table's column
types given explicitly so nothing is guessed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile

# Largest row (an article with its text) the JSON reader accepts: above the API's 10 MiB
# request limit and any single news article.
MAX_ROW_BYTES = 1 << 28


def _plain(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


class RowBuffer:
    """Rows for several tables, each a dict keyed by column name; ``flush`` writes them."""

    def __init__(self, con) -> None:
        self.con = con
        self.rows: dict[str, list[dict]] = {}

    def add(self, table: str, row: dict) -> None:
        self.rows.setdefault(table, []).append(row)

    def extend(self, table: str, rows: list[dict]) -> None:
        if rows:
            self.rows.setdefault(table, []).extend(rows)

    def flush(self) -> None:
        """Insert every table's rows (in the caller's transaction) and empty the buffer."""
        for table, rows in self.rows.items():
            if rows:
                insert_rows(self.con, table, rows)
        self.rows = {}


def sql_string(value) -> str:
    """A file path (or any text) as a SQL string literal, for statements that take no
    parameters there (COPY ... TO)."""
    return "'" + str(value).replace("'", "''") + "'"


def columns(con, table: str) -> list[tuple[str, str]]:
    """(name, type) of ``table``'s columns in order."""
    return con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? AND table_schema = current_schema() "
        "ORDER BY ordinal_position", [table]).fetchall()


def _check_columns(table: str, row: dict, names: set[str]) -> None:
    """A row must name exactly the table's columns: a column added to the schema and
    forgotten here, or a misspelt one, fails the batch instead of storing NULLs."""
    if row.keys() != names:
        missing, unknown = sorted(names - row.keys()), sorted(row.keys() - names)
        raise ValueError(f"{table}: row does not match the table's columns"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(unknown)}" if unknown else ""))


def insert_rows(con, table: str, rows: list[dict]) -> None:
    """INSERT ``rows`` (dicts keyed by column name) into ``table`` at once."""
    cols = columns(con, table)
    names = [name for name, _ in cols]
    expected = set(names)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl",
                                         prefix=f"tidings-{table}-", delete=False)
    try:
        with handle:
            for row in rows:
                _check_columns(table, row, expected)
                handle.write(json.dumps({n: _plain(row[n]) for n in names},
                                        ensure_ascii=False))
                handle.write("\n")
        types = "{" + ", ".join(f"'{n}': '{t}'" for n, t in cols) + "}"
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_json(?, format = 'newline_delimited', "
            f"columns = {types}, maximum_object_size = {MAX_ROW_BYTES})", [handle.name])
    finally:
        os.unlink(handle.name)
