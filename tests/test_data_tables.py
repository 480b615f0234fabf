"""The knowledge tables under ``tidings/data``: they parse, and their entries are well formed.

They are edited by hand; a typo (a month numbered 13, a word listed twice, a set nobody reads)
silently changes what the stages find, so every entry is checked here rather than trusted.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tidings import data

TIMES_SRC = Path(data.__file__).resolve().parent.parent / "times"
SET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# A word of a set: letters, digits, apostrophes, periods ("c."), hyphens, inner single spaces.
WORD = re.compile(r"^[\w'’.-]+(?: [\w'’.-]+)*$")
TIMEX_DURATION = re.compile(r"^PT?\d+[YMWDH]$")


def _repeated(values) -> list:
    return [value for value, n in Counter(values).items() if n > 1]


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
