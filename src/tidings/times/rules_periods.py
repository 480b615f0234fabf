"""Rules for durations and sets: "three weeks", "2 1/2 days", "a five-day visit", "the past
few months", "for years", "the year ended June 30" (a length of time, TIMEX3 DURATION) and
"every Tuesday", "twice a week", "daily" (a recurrence, TIMEX3 SET).
"""
from __future__ import annotations

import re

from tidings.times.calendar import duration_value, number_of, unit_parts
from tidings.times.patterns import (APPROXIMATE, FULL_MONTH, NUMBER, PART_OF_DAY, UNIT,
                                    UNIT_NAME, longest_first, word_set)
from tidings.times.rules import found, g, rule
from tidings.times.words import HALF_UNITS, MONTHS, PARTS, SET_ADVERBS, UNIT_PLURALS, VAGUE


# A number or a rate word just before "a week" and the like: a rate, not a length ("twice a week").
_RATE = re.compile(r"(?:\d|\b" + word_set("rate_words") + r")[\s,]*$", re.I)


@rule(prio=1, pattern=r"(?:(?P<every>every|each|per|a)\s+(?:(?P<n>other|" + NUMBER + r")\s+)?"
      r"(?P<u>" + UNIT + r"|" + FULL_MONTH + r"|" + PART_OF_DAY + r"))")
def every(m, ctx):
    word = g(m, "every")
    if word in ("a", "per"):
        before = ctx.text[max(0, m.start() - 25):m.start()]
        if not _RATE.search(before) and word == "a":
            return None
        if m.group("n"):
            return None
    unit = g(m, "u")
    if unit in MONTHS:
        return found(m, "SET", f"XXXX-{MONTHS[unit]:02d}")
    if unit in PARTS:
        return found(m, "SET", f"XXXX-XX-XXT{PARTS[unit]}")
    n = 2 if g(m, "n") == "other" else (number_of(m.group("n")) if m.group("n") else 1)
    if n is None:
        return None
    return found(m, "SET", duration_value(n, unit))


@rule(longest_first(SET_ADVERBS))
def set_adverb(m, ctx):
    return found(m, "SET", SET_ADVERBS[m.group(0).lower()])


@rule(r"(?:(?P<mod>" + APPROXIMATE + r"?(?:the\s+)?(?:" + word_set("duration_modifiers")
      + r"\s+)?)?)(?P<n>" + NUMBER + r")\s+(?:" + word_set("duration_fillers") + r"\s+)?(?P<u>"
      + UNIT + r")(?:\s+or\s+(?:so|more|longer))?")
def duration(m, ctx):
    n_word = g(m, "n")
    unit = g(m, "u")
    n = number_of(n_word)
    if n_word in VAGUE or n is None:
        if not unit.endswith("s") or n_word in ("some", "many"):
            return None
        n = None
    if unit.rstrip("s") == "second" and n_word in ("a", "an"):
        return None  # "a second" is mostly the ordinal ("a second opinion")
    plural = unit.endswith("s") or unit in UNIT_PLURALS
    if n_word in ("a", "an", "one") and plural:
        return None
    if isinstance(n, (int, float)) and n > 1 and not plural and not re.match(
            r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "five year low" is a duration used as a modifier; "two year." is a typo
    after = ctx.text[m.end():m.end() + 12].lower()
    if re.match(r"\s*(?:old|of age)\b", after):
        return None  # an age
    return found(m, "DURATION", duration_value(n, unit))


@rule(APPROXIMATE + r"?(?:(?P<n>\d+)\s+1/2|(?P<w>" + NUMBER + r")\s+and\s+a\s+half)\s+(?P<u>"
      + UNIT + r")|" + APPROXIMATE + r"?(?P<a>an?|one)\s+(?P<u1>" + UNIT_NAME
      + r")\s+and\s+a\s+half", needs=r"1/2|half")
def half_duration(m, ctx):
    """"2 1/2 days", "four and a half hours", "a day and a half".

    Half a unit is written out in the next smaller one, as TimeML does ("2 1/2 days" is P2DT12H);
    units without a natural smaller one keep a decimal fraction, which ISO 8601 allows on the
    last field.
    """
    if m.group("u1"):
        n, unit = 1, g(m, "u1")
    else:
        n, unit = number_of(m.group("n") or m.group("w")), g(m, "u")
    if not isinstance(n, int):
        return None
    letter, mult, is_time = unit_parts(unit)
    if mult != 1:
        return found(m, "DURATION", duration_value(n + 0.5, unit))
    half = HALF_UNITS.get("M_time" if (letter == "M" and is_time) else letter)
    if half is None:
        return found(m, "DURATION", duration_value(n + 0.5, unit))
    return found(m, "DURATION", f"P{'T' if is_time else ''}{n}{letter}{half}")


@rule(r"(?:(?P<n>" + NUMBER + r")|(?P<u0>day|year|week|month|decades?|hour|weeks|months|years))"
      r"-(?:(?P<u>" + UNIT + r")-)?(?:long|old)", needs=r"-(?:long|old)")
@rule(r"(?P<n>" + NUMBER + r")-(?P<u>" + UNIT_NAME + r")(?!-old)", needs="-" + UNIT_NAME)
def hyphen_duration(m, ctx):
    unit = g(m, "u") if "u" in m.groupdict() and m.group("u") else ""
    n_word = g(m, "n") if m.group("n") else ""
    if not unit:
        if "u0" not in m.groupdict() or not m.group("u0"):
            return None
        u0 = g(m, "u0")
        if m.group(0).lower().endswith("-old"):
            return None
        return found(m, "DURATION", duration_value(None if u0.endswith("s") else 1, u0))
    if m.group(0).lower().endswith("-old"):
        return None
    n = number_of(n_word)
    if n is None and n_word not in VAGUE:
        return None
    return found(m, "DURATION", duration_value(n, unit))


@rule(r"(?:(?:the\s+)?(?:past|last|coming|next|recent|previous)\s+(?:few\s+|several\s+|many\s+)?"
      r"|(?:in\s+)?recent\s+|the\s+weeks\s+|the\s+months\s+)(?P<u>days|weeks|months|years|decades"
      r"|quarters|centuries)(?:\s+ahead)?")
def vague_period(m, ctx):
    text = m.group(0).lower()
    if text.startswith("in "):
        start = m.start() + 3
    else:
        start = m.start()
    if re.match(r"\s+(?:of|since|ago)\b", ctx.text[m.end():m.end() + 8].lower()):
        return None
    if re.match(r"(?:in\s+)?recent\s", text):
        return found(m, "DATE", "PAST_REF", start=start)  # a stretch of the past, not a length
    return found(m, "DURATION", duration_value(None, g(m, "u")), start=start)


# Words after "for years" and the like that make it part of a longer expression or an age.
_NOT_BARE_PERIOD = re.compile(r"\s*" + word_set("bare_period_not_before", gap=" ") + r"\b")


@rule(r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bin\s))(?:the\s+)?"
      r"(?P<u>days|weeks|months|years|decades|centuries)"
      r"(?:\s+or\s+(?:days|weeks|months|years|decades))?")
def bare_period(m, ctx):
    """"for years", "within weeks": a vague duration."""
    after = ctx.text[m.end():m.end() + 10].lower()
    if _NOT_BARE_PERIOD.match(after):
        return None
    return found(m, "DURATION", duration_value(None, g(m, "u")))


@rule(r"the\s+(?:(?:latest|last|previous|current)\s+)?(?:fiscal\s+)?year"
      r"(?=\s+(?:ended|ending|that\s+ended)\b)")
def year_ended(m, ctx):
    """"for the year ended June 30": a twelve-month reporting period, TimeML's P1Y duration."""
    return found(m, "DURATION", "P1Y")

