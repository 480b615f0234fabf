"""The times stage's vocabulary: calendar and quantity words from ``data/time_words.json`` and
the spelled numbers of ``data/word_sets/times.tsv``.

Read once at import through ``tidings.data``; the other modules of the package import the
names they need from here, so each word is defined in one data file and nowhere in code. The
other word sets are read where they are used: ``patterns.word_set`` fills a regex with one,
``tense`` reads the tense sets.
"""
from __future__ import annotations

from tidings.data import json_table, word_list

_TABLE = json_table("time_words.json")

MONTHS: dict[str, int] = _TABLE["months"]
AMBIGUOUS_MONTHS = frozenset(_TABLE["ambiguous_months"])
# Full month names, as opposed to abbreviations ("sept" is an abbreviation of four letters).
FULL_MONTHS = frozenset(w for w in MONTHS if len(w) > 3 and w != "sept")
WEEKDAYS: dict[str, int] = _TABLE["weekdays"]
NUMBERS: dict[str, int] = _TABLE["numbers"]
VAGUE = frozenset(_TABLE["vague_numbers"])
UNITS: dict[str, list] = _TABLE["units"]
UNIT_PLURALS: dict[str, str] = _TABLE["unit_plurals"]  # irregular plurals ("centuries")
SEASONS: dict[str, str] = _TABLE["seasons"]
SEASON_MONTHS: dict[str, list[int]] = _TABLE["season_months"]
PARTS: dict[str, str] = _TABLE["parts_of_day"]
ORDINALS: dict[str, int] = _TABLE["ordinals"]
DECADE_WORDS: dict[str, int] = _TABLE["decade_words"]
REFERENCES: dict[str, str] = _TABLE["references"]
SET_ADVERBS: dict[str, str] = _TABLE["set_adverbs"]
HOLIDAYS: dict[str, str] = _TABLE["fixed_holidays"]
GENERIC_AFTER_TODAYS: list[str] = _TABLE["generic_after_todays"]
DEICTIC_DAYS: dict[str, int] = _TABLE["deictic_days"]  # day offset from the report
CLOCK_WORDS: dict[str, list[int]] = _TABLE["clock_words"]  # "noon": [hour, minute]
# Half a unit in the next smaller one (TIMEX3 value part), keyed by the unit's letter;
# "M_time" is the minute, whose letter "M" the month also uses.
HALF_UNITS: dict[str, str] = _TABLE["half_units"]
TIME_ZONES: list[str] = _TABLE["time_zones"]

# Spelled numbers: "one" .. "nine", and the teens and tens of spelled years.
SPOKEN_ONES: tuple[str, ...] = word_list("spoken_ones")
SPOKEN_TENS: dict[str, int] = {w: NUMBERS[w] for w in word_list("spoken_tens")}
# The tens that start a compound number ("sixty-five").
COMPOUND_TENS: tuple[str, ...] = tuple(w for w, n in SPOKEN_TENS.items() if n >= 20)
