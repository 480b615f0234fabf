"""Regular-expression pieces the recognition rules are written with, built from the vocabulary.

A piece is a non-capturing group that matches one kind of word or phrase: a month name, a
weekday, a day of the month, a year, a number, a unit. Spaces inside multi-word entries match
any run of whitespace ("more  than" across a line break), as the text may be hard-wrapped.
"""
from __future__ import annotations

import re
from typing import Iterable

from tidings.data import word_list
from tidings.times.words import (CLOCK_WORDS, COMPOUND_TENS, DECADE_WORDS, DEICTIC_DAYS,
                                 GENERIC_AFTER_TODAYS, MONTHS, NUMBERS, PARTS, SEASONS,
                                 SPOKEN_ONES, SPOKEN_TENS, TIME_ZONES, UNIT_PLURALS, UNITS, VAGUE,
                                 WEEKDAYS)


def longest_first(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


def one_of(words: Iterable[str], gap: str = r"\s+") -> str:
    """A regex alternation of ``words`` in the order given (the order a rule tries them in),
    the spaces inside an entry matching ``gap``."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", gap) for w in words) + ")"


def word_set(name: str, gap: str = r"\s+") -> str:
    """``one_of`` the named word set of ``data/word_sets``."""
    return one_of(word_list(name), gap)


# Word edges: the left one also refuses "'s"-like glue ("Tom's" holds no "s").
LEFT_EDGE = r"(?<![\w'])"
RIGHT_EDGE = r"(?![\w])"

# "May" is a full name: a period after it ends the sentence, it does not abbreviate.
MONTH = (r"(?:" + longest_first(w for w in MONTHS if len(w) > 3 and w != "sept") + "|may|"
         + longest_first(w for w in MONTHS if (len(w) <= 3 or w == "sept") and w != "may")
         + r"\.?)")
FULL_MONTH = longest_first(w for w in MONTHS if len(w) > 3 and w != "sept")
# Weekday abbreviations need their period ("Wed." but not "wed").
WEEKDAY = (r"(?:" + longest_first(w for w in WEEKDAYS if len(w) > 4) + "|"
           + longest_first(w for w in WEEKDAYS if len(w) <= 4) + r"\.)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
# Years 1600-2099, not the start of a longer number or a decimal ("2019.5", "1990,000").
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d]|[.,]\d)"
ONES = one_of(SPOKEN_ONES)
NUMBER = (r"(?:\d+(?:\.\d+)?|" + one_of(COMPOUND_TENS) + r"[\s-]" + ONES + "|"
          + longest_first(NUMBERS) + "|" + longest_first(VAGUE) + ")")
UNIT_NAME = longest_first(UNITS)  # singular
UNIT = r"(?:" + UNIT_NAME + r"s?|" + longest_first(UNIT_PLURALS) + ")"
SEASON = longest_first(SEASONS)
PART_OF_DAY = longest_first(PARTS)
TIME_ZONE = longest_first(TIME_ZONES)
SPELLED_TENS = longest_first(SPOKEN_TENS)
# Years as broadcast transcripts spell them: "nineteen eighty-four".
SPOKEN_YEAR = r"(?:nineteen|eighteen)\s+" + SPELLED_TENS + r"(?:[\s-]" + ONES + ")?"
DECADE_WORD = longest_first(DECADE_WORDS)
DEICTIC_DAY = one_of(DEICTIC_DAYS)
CLOCK_WORD = one_of(CLOCK_WORDS)
# Nouns after which "today's" means the present age, not the day ("today's teenagers").
GENERIC_TODAY = longest_first(GENERIC_AFTER_TODAYS)

PERIOD_EDGE = word_set("period_edges")
PERIOD_PART = word_set("period_parts")
PERIOD_REST = word_set("period_rests")
# Modifiers kept inside a DATE span that do not change its TIMEX3 value at this granularity.
PRE = (r"(?:(?:the\s+)?(?:(?:very\s+)?" + PERIOD_EDGE + "|" + PERIOD_PART + r"\s+of|"
       + word_set("period_halves") + r"\s+of)(?:\s+|-)(?:the\s+)?)")
# Hedges kept inside a duration ("nearly three weeks").
APPROXIMATE = r"(?:" + word_set("duration_approximators") + r"\s+)"

# Words before which a bare "May"/"March" is a month and not a verb/noun.
MONTH_CUES = re.compile(r"(?:\b" + word_set("month_cues") + r"[\s-]+)$", re.I)
YEAR_CUES = re.compile(r"(?:\b" + word_set("year_cues") + r"[\s-]+)$", re.I)


def year_of(text: str) -> int:
    """The year a numeral or a spoken year ("nineteen eighty-four") stands for."""
    if text.isdigit():
        return int(text)
    parts = re.split(r"[\s-]+", text.lower())
    century = 1900 if parts[0] == "nineteen" else 1800
    return century + SPOKEN_TENS[parts[1]] + (NUMBERS[parts[2]] if len(parts) > 2 else 0)
