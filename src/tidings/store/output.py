"""Query results out: a readable table on a terminal, CSV/TSV/JSON/JSON Lines for
programs, Parquet written by DuckDB itself."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import re
import sys
from typing import IO

from tidings.errors import OptionError

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "parquet")
# Widest a table cell gets on a terminal; longer values (sentences, URLs) are cut with "…".
TABLE_CELL = 48

# OWASP's rule against CSV injection: a spreadsheet reads a cell that begins with one of
# these as a formula (=HYPERLINK(...), +cmd|...), so text from an article could run in an
# analyst's spreadsheet. Such a cell is written with a leading apostrophe, which spreadsheets
# show as text; plain numbers ("-4.5") are left as they are. Programs that want the cells
# untouched ask for it (--keep-formulas, keep_formulas=true).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value):
    """``value`` as a spreadsheet will read it as text: text that a spreadsheet would take
    for a formula gets a leading apostrophe; anything else is returned unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_START and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class CellWriter:
    """``csv.writer`` whose rows have their formula cells neutralised (``safe_cell``)
    unless ``keep_formulas``: every CSV and TSV tidings writes goes through one."""

    def __init__(self, stream: IO, delimiter: str = ",", keep_formulas: bool = False):
        self.writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        self.keep_formulas = keep_formulas

    def writerow(self, row) -> None:
        self.writer.writerow(row if self.keep_formulas else [safe_cell(v) for v in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def default_format(stream: IO = sys.stdout) -> str:
    """table on a terminal; CSV with a header when piped or redirected."""
    return "table" if stream.isatty() else "csv"


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def write(con, sql: str, params: list, fmt: str, output: str | None = None,
          keep_formulas: bool = False) -> int:
    """Run ``sql`` and write its rows as ``fmt`` to ``output`` (or stdout); returns rows."""
    if fmt not in FORMATS:
        raise OptionError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if fmt == "parquet":
        if not output:
            raise OptionError("--format parquet: give --output FILE (Parquet is binary)")
        escaped = output.replace("'", "''")
        con.execute(f"COPY ({sql}) TO '{escaped}' (FORMAT PARQUET)", params)
        return con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    cursor = con.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if output:
        with open(output, "w", encoding="utf-8", newline="") as stream:
            write_rows(columns, rows, fmt, stream, keep_formulas)
    else:
        write_rows(columns, rows, fmt, sys.stdout, keep_formulas)
    return len(rows)


def write_rows(columns: list[str], rows: list[tuple], fmt: str, stream: IO,
               keep_formulas: bool = False) -> None:
    if fmt in ("csv", "tsv"):
        writer = CellWriter(stream, "," if fmt == "csv" else "\t", keep_formulas)
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps({c: _plain(v) for c, v in zip(columns, row)},
                                    ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([{c: _plain(v) for c, v in zip(columns, row)} for row in rows], stream,
                  ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "table":
        _table(columns, rows, stream)
    else:
        raise OptionError(f"--format: {fmt!r} cannot be written to a text stream")


def _cell(value) -> str:
    if value is None:
        return ""
    value = _plain(value)
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(columns: list[str], rows: list[tuple], stream: IO) -> None:
    full = [[" ".join(_cell(v).split()) for v in row] for row in rows]
    widths = [min(max([len(c)] + [len(r[i]) for r in full]), TABLE_CELL)
              for i, c in enumerate(columns)]
    room = _terminal_width(stream)
    shown = len(columns)
    while shown > 1 and NARROWEST * shown + GAP * (shown - 1) > room:
        shown -= 1  # columns that cannot get a legible width are left out, and said so
    widths = fit(widths[:shown], room - GAP * (shown - 1))
    line = (" " * GAP).join(_short(c, w).ljust(w) for c, w in zip(columns, widths))
    stream.write(line.rstrip() + "\n" + (" " * GAP).join("-" * w for w in widths) + "\n")
    for row in full:
        stream.write((" " * GAP).join(_short(v, w).ljust(w)
                                      for v, w in zip(row, widths)).rstrip() + "\n")
    stream.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''}")
    if shown < len(columns):
        stream.write(f"; {len(columns) - shown} more columns: {', '.join(columns[shown:])}; "
                     "a wider terminal or --format csv shows them")
    stream.write(")\n")


# Spaces between table columns, and the narrowest a column is cut to so it stays legible.
GAP = 2
NARROWEST = 9


def _terminal_width(stream: IO) -> int:
    """The terminal's width when ``stream`` is one, else no limit."""
    import shutil

    try:
        if stream.isatty():
            return shutil.get_terminal_size((120, 24)).columns
    except (AttributeError, ValueError, OSError):
        pass
    return 1 << 16


def fit(widths: list[int], room: int) -> list[int]:
    """Column widths cut, widest first, until they sum to ``room`` (none below
    NARROWEST): a table wider than the terminal wraps into an unreadable mess."""
    widths = list(widths)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= NARROWEST:
            break
        others = sorted(widths, reverse=True)
        target = max(others[1] if len(others) > 1 else NARROWEST, NARROWEST,
                     widths[widest] - (sum(widths) - room))
        widths[widest] = target if target < widths[widest] else widths[widest] - 1
    return widths


def _short(text: str, width: int = TABLE_CELL) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
