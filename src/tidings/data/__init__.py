"""The one reader of tidings' knowledge: every table and word set under ``tidings/data/``.

Stages never open data files themselves; they ask this module, which reads each file once
per process. Conventions every table follows (checked by tests/test_data_tables.py):

- TSV files: ``#`` lines are comments (what the table holds, its version, why contested
  rows are as they are), the first other line is the header, every row has its columns;
- ``word_sets/*.tsv``: named word sets, one row each (``set``, ``words`` joined by ``|``,
  ``why``), a file per stage plus ``shared.tsv`` for sets more than one stage reads; a set is
  defined once (names are unique across the files) and shared by every stage that needs it;
- JSON files carry ``version`` and ``about``.
"""
from __future__ import annotations

import csv
import functools
import gzip
import io
import json
from importlib import resources
from importlib.resources.abc import Traversable

WORD_SETS = "word_sets"


def path(name: str) -> Traversable:
    """The packaged file ``name`` (a path relative to ``tidings/data``)."""
    return resources.files(__name__).joinpath(name)


@functools.lru_cache(maxsize=None)
def text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV table as dicts keyed by its header; cells stripped, comments skipped.

    A short row is padded with empty cells (trailing empty columns are often left off when
    editing by hand); a row longer than the header is an error naming file and line.
    """
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    lines = text(name).splitlines()
    for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in row]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ValueError(f"tidings/data/{name}:{number}: {len(cells)} cells, "
                             f"header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


def stream(name: str):
    """The rows of a large table as lists of cells, the header first, comments skipped; read
    as they come and never kept (a derived table such as ``places_cities.tsv.gz`` holds
    hundreds of thousands of rows: the caller keeps what it needs in its own compact form).
    A name ending in ``.gz`` is read through gzip."""
    raw = path(name).open("rb")
    with (gzip.open(raw) if name.endswith(".gz") else raw) as binary:
        for line in io.TextIOWrapper(binary, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def columns(name: str) -> tuple[str, ...]:
    """The header of a TSV table."""
    for row in csv.reader(text(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row and "".join(row).strip() and not row[0].lstrip().startswith("#"):
            return tuple(cell.strip() for cell in row)
    return ()


@functools.lru_cache(maxsize=None)
def json_table(name: str) -> dict:
    return json.loads(text(name))


def split_cell(cell: str | None) -> list[str]:
    """A ``|``-joined cell as its parts (empty parts dropped)."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@functools.lru_cache(maxsize=1)
def _word_sets() -> dict[str, tuple[str, ...]]:
    sets: dict[str, tuple[str, ...]] = {}
    files = sorted(f.name for f in path(WORD_SETS).iterdir() if f.name.endswith(".tsv"))
    for name in files:
        for row in tsv(f"{WORD_SETS}/{name}"):
            if row["set"] in sets:
                raise ValueError(f"tidings/data/{WORD_SETS}/{name}: set {row['set']!r} "
                                 "defined twice")
            sets[row["set"]] = tuple(split_cell(row["words"]))
    return sets


def word_list(name: str) -> tuple[str, ...]:
    """The words of set ``name`` in the order the file gives them."""
    try:
        return _word_sets()[name]
    except KeyError:
        raise KeyError(f"no word set {name!r} in tidings/data/{WORD_SETS}/") from None


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The words of set ``name``, for membership tests."""
    return frozenset(word_list(name))


def word_set_names() -> tuple[str, ...]:
    return tuple(_word_sets())
