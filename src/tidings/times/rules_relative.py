"""Rules for expressions relative to the report or to the story's narrative: "last week",
"this weekend", "the rest of the year", "two months ago", "a year earlier", "the quarter", "the
next day", and reference words ("now", "recently", "soon", "current").

Some are anchored on the narrative: their value is recomputed by the selection pass from the
last date the story named before them ("the next day" after "on March 3" is March 4).
"""
from __future__ import annotations

import datetime as dt
import re

from tidings.times.calendar import (add_months, iso_week, number_of, quarter_of, shift,
                                    unit_parts, weekend)
from tidings.times.context import Context, Found
from tidings.times.patterns import (APPROXIMATE, NUMBER, PART_OF_DAY, PERIOD_PART, PERIOD_REST,
                                    UNIT, YEAR, longest_first, word_set)
from tidings.times.rules import found, g, is_title, rule
from tidings.times.words import PARTS, REFERENCES

# The units relative_unit computes a value for, one branch each.
_REL_UNIT = r"(?P<u>week|weekend|month|year|quarter|decade|century|fiscal\s+year)"
_WHOLE = word_set("whole_period_words")
_COMPARABLE = word_set("comparable_words")
# Words before "current" that make it a flow or a comparison ("direct current", "more current").
_NOT_CURRENT_AFTER = re.compile(r"\b" + word_set("current_not_after") + r"\s+$")
# Word starts after "current" that make it jargon ("current account deficit", "current affairs").
_NOT_CURRENT_BEFORE = re.compile(r"\s+(?:" + word_set("current_not_before") + r"|of\b)")
# Auxiliaries before "one day" that make it the adverb of an unspecified future.
_ONE_DAY_AFTER = re.compile(r"\b" + word_set("one_day_modals") + r"\s+$")


@rule(r"(?:(?P<pre>early|late|earlier|later|(?:the\s+)?(?:" + PERIOD_PART + "|" + PERIOD_REST
      + r")\s+of)(?:\s+in)?\s+)?(?P<rel>last|next|this(?:\s+past|\s+coming)?|"
      r"the\s+(?:past|last|next|coming|current|previous|following|preceding)|past|coming|"
      r"previous|current)\s+" + _REL_UNIT)
def relative_unit(m, ctx):
    if is_title(m, ctx):
        return None  # a programme called "This Week at Home"
    rel = g(m, "rel").split()[-1]
    if "this" in g(m, "rel") and "past" in g(m, "rel"):
        rel = "last"
    elif "this" in g(m, "rel") and "coming" in g(m, "rel"):
        rel = "next"
    unit = g(m, "u").split()[-1]
    if rel in ("following", "preceding"):
        return None  # relative to the narrative, not to the publication date
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    pub = ctx.pub
    if unit == "week":
        return found(m, "DATE", iso_week(pub + dt.timedelta(weeks=step)), "all")
    if unit == "weekend":
        value = weekend(pub, step, ctx.tense(m.start(), m.end()))
        return found(m, "DATE", value, "all")
    if unit == "month":
        y, mo = add_months(pub.year, pub.month, step)
        return found(m, "DATE", f"{y}-{mo:02d}", "all")
    if unit == "quarter":
        y, mo = add_months(pub.year, pub.month, 3 * step)
        return found(m, "DATE", f"{y}-Q{(mo - 1) // 3 + 1}", "all")
    if unit == "decade":
        return found(m, "DATE", str(pub.year // 10 + step), "all")
    if unit == "century":
        return found(m, "DATE", str(pub.year // 100 + step), "all")
    return found(m, "DATE", str(pub.year + step), "all")


@rule(r"(?:the|this|that)\s+weekend", needs="weekend")
def the_weekend(m, ctx):
    word = m.group(0).split()[0].lower()
    tense = ctx.tense(m.start(), m.end())
    if word == "this" and tense != "PAST":
        tense = "FUTURE"
    return found(m, "DATE", weekend(ctx.pub, 0, tense), "all")


@rule(r"(?:(?:the\s+)?(?:" + PERIOD_PART + "|" + PERIOD_REST + r")\s+of\s+|"
      r"(?:earlier|later)\s+in\s+)the\s+(?P<u>week|month|year|quarter)")
def in_the_unit(m, ctx):
    unit, pub = g(m, "u"), ctx.pub
    value = {"week": iso_week(pub), "month": f"{pub.year}-{pub.month:02d}",
             "year": str(pub.year), "quarter": f"{pub.year}-Q{quarter_of(pub)}"}[unit]
    return found(m, "DATE", value, "all")


@rule(r"(?:(?<=\bfor\s)|(?<=\bof\s))the\s+(?:(?:" + _WHOLE + r"|calendar|fiscal)\s+)?year"
      r"(?!\s+(?:ended|ending|to|before|after|earlier|ago|in\s+which|that|when|\d))|the\s+"
      + _WHOLE + r"\s+year(?!\s+(?:ended|ending|to|before|after|earlier|ago|\d))|"
      r"(?:the\s+)?year(?:-|\s+|'s\s+)end")
def the_year(m, ctx):
    """"for the year", "the full year", "by year-end": the current year of the report."""
    return found(m, "DATE", str(ctx.pub.year), "all")


def _year_ago_anchor(item: Found, ctx: Context) -> str:
    """A year before the quarter under discussion, in financial reports ("a year ago")."""
    if ctx.quarter:
        return f"{int(ctx.quarter[:4]) - 1}{ctx.quarter[4:]}"
    return item.value


def _ago_value(n, unit: str, sign: int, pub: dt.date) -> tuple[str, str]:
    """Value of "n units ago/earlier" from ``pub``; a vague n gives PAST_REF / FUTURE_REF."""
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "ref"
    if isinstance(n, float):
        n = int(n)
    return shift(pub, n, unit, sign)


@rule(APPROXIMATE + r"?(?P<n>" + NUMBER + r")\s+(?:more\s+)?(?P<u>" + UNIT
      + r")(?:\s+or\s+so)?\s+ago", needs="ago")
def ago(m, ctx):
    n = number_of(m.group("n"))
    value, _ = _ago_value(n, m.group("u"), -1, ctx.pub)
    rel = "all" if not value.endswith("_REF") else None
    if n == 1 and unit_parts(m.group("u"))[0] == "Y" and unit_parts(m.group("u"))[1] == 1:
        return found(m, "DATE", value, rel, anchored=_year_ago_anchor)
    return found(m, "DATE", value, rel)


# "before"/"after" only when nothing follows: "a year after he was killed" is a length of time
# measured from an event, not a date.
@rule(r"(?P<n>a|an|one)\s+(?P<u>year|month)\s+(?:(?P<dir>earlier|later)"
      r"(?!\s+(?:than|that|the|a|an|his|her|its|their)\b)"
      r"|(?P<dir2>before|after)(?=\s*[,.;:!?)]|\s*$))")
def unit_earlier(m, ctx):
    sign = -1 if (g(m, "dir") or g(m, "dir2")) in ("earlier", "before") else 1
    unit = m.group("u").lower()

    def anchored(item: Found, c: Context) -> str:
        if unit == "year" and sign < 0 and c.quarter:
            return _year_ago_anchor(item, c)
        return shift(c.ref or c.pub, 1, unit, sign)[0]
    return found(m, "DATE", shift(ctx.pub, 1, unit, sign)[0], "all", anchored=anchored)


@rule(r"(?:the\s+)?(?:" + _COMPARABLE + r"\s+)?(?:year-ago|year-earlier|year\s+earlier|year\s+ago)"
      r"(?:\s+" + word_set("year_ago_nouns") + ")?")
def year_ago_adj(m, ctx):
    value = str(ctx.pub.year - 1)
    return found(m, "DATE", value, "all", anchored=_year_ago_anchor)


@rule(r"(?:the\s+(?:latest\s+|current\s+|same\s+|most\s+recent\s+)?(?:fiscal\s+)?quarter|"
      r"that\s+quarter|the\s+(?:latest|most\s+recent)\s+period)")
def the_quarter(m, ctx):
    """The quarter under discussion, else the last one completed (results are reported after)."""
    if ctx.text[m.end():m.end() + 5].lower().startswith((" of", "-")):
        return None
    y, mo = add_months(ctx.pub.year, ctx.pub.month, -3)
    return found(m, "DATE", f"{y}-Q{(mo - 1) // 3 + 1}", "all",
                  anchored=lambda f, c: c.quarter or f.value)


@rule(r"(?:the\s+)?(?:(?P<y>" + YEAR + r")|(?P<rel>last|this|next)\s+year's|(?:the\s+)?"
      r"(?:" + _COMPARABLE + r"|year-ago|year-earlier)(?:\s+year-ago|\s+year-earlier)?)"
      r"\s+(?:period|quarter)(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+"
      r"(?:the\s+)?(?:last|previous|prior)\s+year))?")
def period_of_year(m, ctx):
    """"the 2011 period", "last year's period": that year's quarter under discussion."""
    if m.group("y"):
        year, rel = int(m.group("y")), None
    else:
        offset = {"last": -1, "this": 0, "next": 1}.get(g(m, "rel"), -1)
        year, rel = ctx.pub.year + offset, "all"
    if not m.group("y") and not m.group("rel") and not m.group("ago") and not re.search(
            "year-(?:ago|earlier)", m.group(0), re.I):
        return None  # "the same period" alone: no year given

    def anchored(_item: Found, c: Context) -> str:
        return f"{year}{c.quarter[4:]}" if c.quarter else str(year)
    return found(m, "DATE", str(year), rel, anchored=anchored)


@rule(r"(?:(?:that|the\s+same)\s+(?P<u>day|week|month|year|" + PART_OF_DAY + r")|"
      r"the\s+(?P<dir>next|following|previous|preceding)\s+(?P<u2>day|" + PART_OF_DAY
      + r"|week|month|year)|the\s+(?P<u3>day|night)\s+(?P<dir3>before|after))")
def narrative(m, ctx):
    """Expressions anchored on the last full date of the story ("the next day", "that week")."""
    unit = g(m, "u") or g(m, "u2") or g(m, "u3")
    direction = g(m, "dir") or g(m, "dir3")
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1,
            "before": -1}.get(direction, 0)

    def value(c: Context) -> str:
        base = c.ref or c.pub
        if unit in ("day", *PARTS):
            day = base + dt.timedelta(days=step)
            return day.isoformat() + ("" if unit == "day" else f"T{PARTS[unit]}")
        if unit == "week":
            return iso_week(base + dt.timedelta(weeks=step))
        if unit == "month":  # "the following month": after the last month named, not day
            y, mo = c.ref_month or (base.year, base.month)
            y, mo = add_months(y, mo, step)
            return f"{y}-{mo:02d}"
        return str((c.ref_year or base.year) + step)  # "later that year" after "August 2031"
    type_ = "TIME" if unit in PARTS else "DATE"
    return found(m, type_, value(ctx), "all", anchored=lambda f, c: value(c))


@rule(r"current(?=\s+[a-z])")
def current(m, ctx):
    """"current" before a noun ("its current position"): the present."""
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if _NOT_CURRENT_AFTER.search(before):
        return None
    after = ctx.text[m.end():m.end() + 12].lower()
    if _NOT_CURRENT_BEFORE.match(after):
        return None  # balance-of-payments and news jargon, electric current
    return found(m, "DATE", "PRESENT_REF")


@rule(r"soon(?!\s+(?:as|after|afterwards?|thereafter)\b)|(?P<oneday>one\s+day)", prio=1)
def vague_future(m, ctx):
    """"soon", "will one day be": an unspecified time ahead (TimeML FUTURE_REF)."""
    before = ctx.text[max(0, m.start() - 8):m.start()].lower()
    if m.group("oneday"):
        # only the adverb after a modal ("will one day be"), not the length ("in one day")
        if not _ONE_DAY_AFTER.search(before):
            return None
    elif re.search(r"\b(?:as|how|too)\s+$", before):
        return None  # "as soon", "how soon", "too soon" compare, they do not date
    if ctx.tense(m.start(), m.end()) == "PAST":
        return None  # "was soon released": soon after a past event, not ahead of the report
    return found(m, "DATE", "FUTURE_REF")


@rule(longest_first(REFERENCES))
def reference(m, ctx):
    key = re.sub(r"\s+", " ", m.group(0).lower())
    after = ctx.text[m.end():m.end() + 20].lower()
    if key == "the past" and re.match(r"\s+(?:\d|" + NUMBER + r"|few|several|decade|year|month|"
                                      r"week|day|quarter|century)", after):
        return None
    if key.startswith("the") and key.endswith(("future", "past")) and re.match(r"\s+of\b", after):
        return None  # "the future of the mission" is the course of things, not a time
    start = m.start()
    if key == "at present":
        start = m.start() + m.group(0).lower().index("present")
    return found(m, "DATE", REFERENCES[key], start=start)

