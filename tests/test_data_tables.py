"""The knowledge files under tidings/data: each parses, has its columns, and holds no duplicate
keys, no duplicate set members and no codes (sectors, countries, kinds) that do not exist.

Read through ``tidings.data`` (the loader every stage uses), so a file the loader cannot read
fails here with the file and line, not as a wrong extraction later.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tidings import data

DATA = Path(data.__file__).parent
SRC = DATA.parent
TSV_FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.tsv"))
WORD_SET_FILES = [name for name in TSV_FILES if name.startswith(f"{data.WORD_SETS}/")]
# Country fields that are not countries: intergovernmental bodies.
NOT_COUNTRIES = {"IGO"}


def _countries() -> set[str]:
    return {c["iso3"] for c in data.json_table("countries.json")["countries"]}


def _sectors() -> set[str]:
    return {row["sector"] for row in data.tsv("actor_sectors.tsv")}

TIMES_SRC = Path(data.__file__).resolve().parent.parent / "times"
SET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# A word of a set: letters, digits, apostrophes, periods ("c."), hyphens, inner single spaces.
WORD = re.compile(r"^[\w'’.-]+(?: [\w'’.-]+)*$")
TIMEX_DURATION = re.compile(r"^PT?\d+[YMWDH]$")


def _repeated(values) -> list:
    return [value for value, n in Counter(values).items() if n > 1]


def _assert_countries(name: str, column: str, allow_empty: bool = True) -> None:
    known = _countries() | NOT_COUNTRIES
    for row in data.tsv(name):
        code = row[column]
        assert (allow_empty and not code) or code in known, \
            f"{name}: {column} {code!r} is no country of countries.json ({row})"


def _assert_unique(name: str, *columns: str) -> None:
    keys = [tuple(row[c] for c in columns) for row in data.tsv(name)]
    assert not _repeated(keys), f"{name}: {columns} repeated: {_repeated(keys)}"


# -- every table -----------------------------------------------------------------------------
def test_there_are_tables_and_word_set_files():
    assert "roles.tsv" in TSV_FILES and f"{data.WORD_SETS}/shared.tsv" in WORD_SET_FILES


@pytest.mark.parametrize("name", TSV_FILES)
def test_every_tsv_has_a_header_and_rows_within_it(name):
    header = data.columns(name)
    assert header and all(header), f"{name}: no header, or an empty column name"
    assert not _repeated(header), f"{name}: column named twice in {header}"
    assert data.text(name).lstrip().startswith("#"), f"{name}: no comment saying what it holds"
    rows = data.tsv(name)  # raises, naming file and line, on a row longer than the header
    assert rows, f"{name}: no rows"
    first = header[0]
    assert all(row[first] for row in rows), f"{name}: a row without its {first!r}"


# -- word sets -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WORD_SET_FILES)
def test_word_set_files(name):
    assert data.columns(name) == ("set", "words", "why")
    for row in data.tsv(name):
        members = data.split_cell(row["words"])
        assert members, f"{name}: set {row['set']} is empty"
        assert not _repeated(members), f"{name}: {row['set']} repeats {_repeated(members)}"
        assert row["why"], f"{name}: set {row['set']} does not say why it exists"


def test_set_names_are_unique_across_files():
    names = [row["set"] for file in WORD_SET_FILES for row in data.tsv(file)]
    assert not _repeated(names), f"sets defined twice: {_repeated(names)}"
    assert set(data.word_set_names()) == set(names)


def test_code_asks_only_for_sets_and_tables_that_exist():
    """Every ``words("x")``/``word_list("x")``/``tsv("x.tsv")`` in the code names a real set
    or file: a typo would otherwise fail only when that line first runs."""
    asked_sets, asked_files = set(), set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        asked_sets |= set(re.findall(r"\bword(?:s|_list)\(\"([a-z0-9_]+)\"\)", text))
        asked_files |= set(re.findall(r"\btsv\(\"([\w/]+\.tsv)\"\)", text))
    assert asked_sets and asked_files
    assert not asked_sets - set(data.word_set_names()), asked_sets - set(data.word_set_names())
    assert not asked_files - set(TSV_FILES), asked_files - set(TSV_FILES)


# -- actor tables ----------------------------------------------------------------------------
def test_actor_sectors():
    _assert_unique("actor_sectors.tsv", "sector")
    assert all(re.fullmatch(r"[A-Z]{3}", s) for s in _sectors())


def test_roles():
    _assert_unique("roles.tsv", "pattern")
    for row in data.tsv("roles.tsv"):
        # an empty sector marks a generic noun coded only through a modifier ("armed group")
        assert row["sector"] in _sectors() | {""}, row
        assert row["kind"] in ("person", "group", "organization"), row


def test_role_modifiers():
    _assert_unique("role_modifiers.tsv", "word")
    for row in data.tsv("role_modifiers.tsv"):
        assert row["effect"] in _sectors() | {"keep"}, row


def test_organizations():
    _assert_unique("organizations.tsv", "name", "start", "end")  # dated rows: one per period
    _assert_countries("organizations.tsv", "country")
    for row in data.tsv("organizations.tsv"):
        assert row["sector"] in _sectors(), row


def test_office_holders():
    _assert_unique("office_holders.tsv", "name", "role", "start", "end")
    _assert_countries("office_holders.tsv", "country")
    for row in data.tsv("office_holders.tsv"):
        assert row["sector"] in _sectors(), row


def test_name_variants_fold_to_one_key():
    _assert_unique("name_variants.tsv", "variant")
    names = {row["name"] for row in data.tsv("name_variants.tsv")}
    variants = {row["variant"] for row in data.tsv("name_variants.tsv")}
    assert not names & variants, "a key that is itself a variant would not be one key"
    assert all(v == v.lower() and " " not in v for v in variants | names)


def test_actor_word_sets_hold_lexicon_titles():
    """Titles the coder compares with a matched role's pattern must be role patterns, or
    they can never match."""
    patterns = {row["pattern"] for row in data.tsv("roles.tsv")}
    for name in ("member_titles", "own_roles", "leader_titles", "abroad_roles", "generic_titles",
                 "speaks_for_roles"):
        missing = data.words(name) - patterns
        assert not missing, f"{name}: {sorted(missing)} not in roles.tsv"


# -- place tables ----------------------------------------------------------------------------
PLACE_KINDS = {"country", "admin1", "region", "continent", "water", "city"}


def test_places_countries():
    _assert_unique("places_countries.tsv", "iso3")
    _assert_countries("places_countries.tsv", "iso3", allow_empty=False)
    for row in data.tsv("places_countries.tsv"):
        float(row["lat"]), float(row["lon"])


def test_places_regions():
    _assert_unique("places_regions.tsv", "name", "country", "kind")
    _assert_countries("places_regions.tsv", "country")
    for row in data.tsv("places_regions.tsv"):
        assert row["kind"] in PLACE_KINDS - {"country", "city"}, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def test_place_kind_scores():
    _assert_unique("place_kind_scores.tsv", "kind")
    for row in data.tsv("place_kind_scores.tsv"):
        assert row["kind"] in PLACE_KINDS and float(row["score"]) > 0, row


def test_place_mislabel_floors():
    _assert_unique("place_mislabel_floors.tsv", "label")
    for row in data.tsv("place_mislabel_floors.tsv"):
        assert row["label"] in ("PERSON", "ORG") and int(row["min_population"]) > 0, row


def _no_repeated_keys(pairs):
    keys = [key for key, _ in pairs]
    assert not _repeated(keys), f"time_words.json: key repeated: {_repeated(keys)}"
    return dict(pairs)


# -- time_words.json --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def time_words() -> dict:
    return json.loads(data.text("time_words.json"), object_pairs_hook=_no_repeated_keys)


def test_time_words_say_what_they_are(time_words):
    assert time_words["version"] and time_words["about"]


def test_time_words_keys_are_lower_case_words(time_words):
    word_tables = ("months", "weekdays", "numbers", "units", "unit_plurals", "seasons",
                   "parts_of_day", "ordinals", "decade_words", "references", "set_adverbs",
                   "fixed_holidays", "deictic_days", "clock_words")
    word_lists = ("ambiguous_months", "vague_numbers", "generic_after_todays")
    for name in word_tables + word_lists:
        entries = list(time_words[name])
        assert entries, f"time_words.json: {name} is empty"
        assert not _repeated(entries), f"time_words.json: {name} repeats {_repeated(entries)}"
        bad = [w for w in entries if not (WORD.match(w) and w == w.lower())]
        assert not bad, f"time_words.json: {name} has malformed entries {bad}"


def test_time_words_calendar_values(time_words):
    assert sorted(set(time_words["months"].values())) == list(range(1, 13))
    assert sorted(set(time_words["weekdays"].values())) == list(range(1, 8))
    assert set(time_words["ambiguous_months"]) <= set(time_words["months"])
    seasons = time_words["seasons"]
    assert set(seasons.values()) == set(time_words["season_months"]) == {"SP", "SU", "FA", "WI"}
    for code, (first, last) in time_words["season_months"].items():
        assert 1 <= first <= 12 and 1 <= last <= 12, code
    assert set(time_words["parts_of_day"].values()) == {"MO", "AF", "EV", "NI"}
    assert set(time_words["ordinals"].values()) <= {1, 2, 3, 4}
    assert set(time_words["decade_words"].values()) <= set(range(1, 10))
    for name, month_day in time_words["fixed_holidays"].items():
        month, day = (int(part) for part in month_day.split("-"))
        assert dt.date(2000, month, day), name  # 2000 is a leap year: every real day parses
    assert set(time_words["deictic_days"].values()) <= {-1, 0, 1}
    for name, (hour, minute) in time_words["clock_words"].items():
        assert 0 <= hour <= 24 and 0 <= minute < 60, name


def test_time_words_quantities_and_values(time_words):
    assert all(isinstance(n, int) and n > 0 for n in time_words["numbers"].values())
    letters = set()
    for unit, (letter, multiple, is_time) in time_words["units"].items():
        assert letter in "YMWDHS" and len(letter) == 1, unit
        assert isinstance(multiple, int) and multiple > 0 and isinstance(is_time, bool), unit
        letters.add(letter)
    assert set(time_words["unit_plurals"].values()) <= set(time_words["units"])
    assert set(time_words["half_units"]) <= letters | {"M_time"}
    assert set(time_words["references"].values()) <= {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
    bad = [v for v in time_words["set_adverbs"].values() if not TIMEX_DURATION.match(v)]
    assert not bad, f"time_words.json: set_adverbs values not TIMEX3 durations: {bad}"
    zones = time_words["time_zones"]
    assert not _repeated(zones) and all(z.isalpha() and z == z.upper() for z in zones)


# -- word_sets/times.tsv ----------------------------------------------------------------------
TIMES_TSV = f"{data.WORD_SETS}/times.tsv"


def test_times_word_sets_are_well_formed():
    assert data.text(TIMES_TSV).lstrip().startswith("#"), "times.tsv: no comment on what it holds"
    assert data.columns(TIMES_TSV) == ("set", "words", "why")
    rows = data.tsv(TIMES_TSV)
    assert rows
    for row in rows:
        name, words = row["set"], data.split_cell(row["words"])
        assert SET_NAME.match(name), f"times.tsv: set name {name!r}"
        assert row["why"], f"times.tsv: {name} does not say why"
        assert words, f"times.tsv: {name} is empty"
        assert not _repeated(words), f"times.tsv: {name} repeats {_repeated(words)}"
        bad = [w for w in words if not WORD.match(w) or w not in (w.lower(), w.upper())]
        assert not bad, f"times.tsv: {name} has malformed words {bad}"
    assert not _repeated(row["set"] for row in rows)


def test_times_word_sets_are_all_read_by_the_times_package():
    code = "\n".join(p.read_text(encoding="utf-8") for p in TIMES_SRC.glob("*.py"))
    unread = [row["set"] for row in data.tsv(TIMES_TSV) if f'"{row["set"]}"' not in code]
    assert not unread, f"times.tsv: sets no module of tidings/times reads: {unread}"


def test_spelled_numbers_have_values(time_words):
    numbers = time_words["numbers"]
    for name in ("spoken_ones", "spoken_tens"):
        missing = [w for w in data.word_list(name) if w not in numbers]
        assert not missing, f"{name}: no value in time_words.json numbers for {missing}"
