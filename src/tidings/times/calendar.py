"""Date arithmetic and TIMEX3 values: weeks, quarters, weekdays and months relative to the
publication date, movable holidays, and durations ("P3D", "PT5H") from a number and a unit.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from tidings.times.words import NUMBERS, UNIT_PLURALS, UNITS

# A month (and day) given without a year is read as the nearest one, its distance counted this
# many times over on the side the tense does not point to: news looks back, so a past or unknown
# tense still allows a date a few weeks ahead ("due Nov. 27" in late October) but not "Nov. 27"
# in a January story; at 3, "Jan. 28" said in October stays in the same year.
AGAINST_TENSE = 3.0


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def pick_year(pub: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year of a month-day date given without one: the nearest reading, weighted by tense."""
    return min((pub.year - 1, pub.year, pub.year + 1),
               key=lambda y: _tense_cost(_safe_date(y, month, day), pub, tense))


def _tense_cost(when: dt.date, pub: dt.date, tense: str | None) -> float:
    """Distance in days from ``pub``, larger on the side the tense does not point to."""
    days = (when - pub).days
    if days > 0 and tense in (None, "PAST"):
        return days * AGAINST_TENSE
    if days < 0 and tense == "FUTURE":
        return -days * AGAINST_TENSE
    return abs(days)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def year_of_month(pub: dt.date, month: int, tense: str | None, mod: str = "") -> int:
    """The year of a month named alone: "last April", "next January", "in March"."""
    if mod == "last":
        return pub.year if month < pub.month else pub.year - 1
    if mod == "next":
        return pub.year if month > pub.month else pub.year + 1
    if mod == "this":
        return pub.year
    if tense == "PAST":
        return pub.year if month <= pub.month else pub.year - 1
    if tense == "FUTURE":
        return pub.year if month >= pub.month else pub.year + 1
    return pick_year(pub, month, 15, tense)


def weekday_date(pub: dt.date, weekday: int, tense: str | None, mod: str = "") -> dt.date:
    """The date of a weekday named alone, relative to the publication date."""
    delta = weekday - pub.isoweekday()
    if mod == "last":
        back = (-delta) % 7 or 7
        return pub - dt.timedelta(days=back)
    if mod == "next":
        ahead = delta % 7 or 7
        return pub + dt.timedelta(days=ahead)
    if tense == "FUTURE" or (mod == "this" and tense != "PAST"):
        return pub + dt.timedelta(days=delta % 7)
    if tense == "PRESENT":  # "they sail Tuesday": the nearer one, the coming one on a tie
        ahead, back = delta % 7, (-delta) % 7
        return pub + dt.timedelta(days=ahead) if ahead <= back else pub - dt.timedelta(days=back)
    return pub - dt.timedelta(days=(-delta) % 7)


def weekend(pub: dt.date, step: int, tense: str | None) -> str:
    """ISO week of the weekend meant: the one just past unless the tense looks ahead."""
    if step > 0 or (step == 0 and tense == "FUTURE"):
        saturday = pub + dt.timedelta(days=(6 - pub.isoweekday()) % 7 + (7 if step > 0 else 0))
    else:
        saturday = pub - dt.timedelta(days=(pub.isoweekday() - 6) % 7)
        if step < 0 and saturday == pub:
            saturday -= dt.timedelta(days=7)
    return iso_week(saturday) + "-WE"


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def number_of(word: str) -> int | float | None:
    """The number a quantity word or numeral stands for; None for vague ones ("several")."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(\.\d+)?", w):
        n = float(w)
        return int(n) if n.is_integer() else n
    if w in NUMBERS:
        return NUMBERS[w]
    m = re.fullmatch(r"(\w+)[ -](\w+)", w)
    if m and m.group(1) in NUMBERS and m.group(2) in NUMBERS:
        return NUMBERS[m.group(1)] + NUMBERS[m.group(2)]
    return None


def unit_parts(word: str) -> tuple[str, int, bool]:
    """(TIMEX3 letter, multiple of it, whether it is a time of day unit) for a unit word."""
    w = word.lower()
    if w in UNIT_PLURALS:
        w = UNIT_PLURALS[w]
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    letter, mult, is_time = UNITS[w]
    return letter, mult, is_time


def duration_value(n, unit_word: str) -> str:
    """TIMEX3 duration ``P3D``, ``PT5H``, ``PXY`` for ``n`` (None: vague) ``unit_word``s."""
    letter, mult, is_time = unit_parts(unit_word)
    if n is None:
        amount = "X"
    else:
        value = n * mult
        amount = str(int(value)) if float(value).is_integer() else f"{value:g}"
    if letter == "Y" and mult == 10 and n is None:
        letter = "DE"
    elif letter == "Y" and mult == 100 and n is None:
        letter = "CE"
    elif letter == "M" and mult == 3 and n is None:
        letter = "Q"
    return f"P{'T' if is_time else ''}{amount}{letter}"


def shift(pub: dt.date, n: int, unit_word: str, sign: int) -> tuple[str, str]:
    """(value, granularity) of the date ``n`` units before (sign -1) or after ``pub``."""
    letter, mult, is_time = unit_parts(unit_word)
    n = n * mult
    if is_time or letter == "D":
        days = n if letter == "D" else 0
        return (pub + dt.timedelta(days=sign * days)).isoformat(), "day"
    if letter == "W":
        return iso_week(pub + dt.timedelta(weeks=sign * n)), "week"
    if letter == "M" and mult == 3:
        y, m = add_months(pub.year, pub.month, sign * int(n))
        return f"{y}-Q{(m - 1) // 3 + 1}", "quarter"
    if letter == "M":
        y, m = add_months(pub.year, pub.month, sign * int(n))
        return f"{y:04d}-{m:02d}", "month"
    return f"{pub.year + sign * int(n):04d}", "year"
