"""Rules for days and times of day named around the report: "yesterday", "tomorrow night",
"this morning", "in the afternoon", weekdays ("last Tuesday", "on Thursdays") and clock times
("9:30 a.m. Monday", "at noon").

A weekday named alone is the one the clause's tense points to: "met on Tuesday" the last one,
"will meet on Tuesday" the next one.
"""
from __future__ import annotations

import datetime as dt
import re

from tidings.times.calendar import pick_year, valid_day, weekday_date
from tidings.times.context import Context, Found
from tidings.times.patterns import (CLOCK_WORD, DAY, DEICTIC_DAY, GENERIC_TODAY, MONTH,
                                    PART_OF_DAY, PERIOD_EDGE, TIME_ZONE, WEEKDAY, word_set)
from tidings.times.rules import found, g, is_title, month_ok, rule
from tidings.times.words import CLOCK_WORDS, DEICTIC_DAYS, MONTHS, PARTS, WEEKDAYS


@rule(r"(?:(?P<mod>early|late|earlier|later)\s+)?(?:" + PERIOD_EDGE + r"[\s-]?(?P<part0>"
      + PART_OF_DAY + r")\s+)?(?:the\s+day\s+(?P<ba>before|after)\s+)?"
      r"(?P<d>" + DEICTIC_DAY + r"|tonight)(?:\s+(?P<part>" + PART_OF_DAY + "))?",
      needs=DEICTIC_DAY + "|tonight")
def deictic_day(m, ctx):
    word = g(m, "d")
    if is_title(m, ctx):
        return None  # "Britain Today", a programme called "Sports Tonight"
    if word == "today" and re.match(r"'s\s+" + GENERIC_TODAY, ctx.text[m.end():m.end() + 20], re.I):
        return None  # "today's teenagers": the present age, not the day
    if word == "tomorrow" and re.search(r"\bof\s+$", ctx.text[max(0, m.start() - 4):m.start()]):
        return None  # "the cities of tomorrow"
    offset = DEICTIC_DAYS.get(word, 0)  # "tonight": the day of the report
    offset += {"before": -1, "after": 1}.get(g(m, "ba"), 0)
    day = ctx.pub + dt.timedelta(days=offset)
    if word == "tonight":
        return found(m, "TIME", f"{day.isoformat()}TNI", "all")
    part = g(m, "part") or g(m, "part0")
    if part:
        return found(m, "TIME", f"{day.isoformat()}T{PARTS[part]}", "all")
    return found(m, "DATE", day.isoformat(), "all")


@rule(r"(?:(?P<mod>this|last|early\s+this|late\s+this|later\s+this|earlier\s+this)\s+)"
      r"(?P<part>" + PART_OF_DAY + ")")
def part_of_today(m, ctx):
    part = g(m, "part")
    day = ctx.pub
    if g(m, "mod") == "last":
        if part != "night":
            return None  # "last morning" is not idiomatic; "last evening" rare
        day = ctx.pub - dt.timedelta(days=1)
    return found(m, "TIME", f"{day.isoformat()}T{PARTS[part]}", "all")


@rule(r"(?:(?<=\bin\s)the|" + PERIOD_EDGE + r"(?:\s+|-))\s*(?P<part>" + PART_OF_DAY + r")"
      r"(?!\s+" + word_set("part_of_day_not_before") + r"\b)")
def part_alone(m, ctx):
    """"in the morning", "by mid-afternoon": that part of the day the story is telling."""
    if re.match(r"\s*(?:" + DEICTIC_DAY + r"|\w+day\b)", ctx.text[m.end():m.end() + 12], re.I):
        return None  # "mid-morning yesterday" is read whole by another rule
    code = PARTS[g(m, "part")]
    return found(m, "TIME", f"{ctx.pub.isoformat()}T{code}", "all",
                  anchored=lambda f, c: f"{(c.ref or c.pub).isoformat()}T{code}")


@rule(r"(?:(?P<mod>last|next|this(?:\s+past|\s+coming)?|(?:early|late|earlier|later)(?:\s+on)?"
      r"|each|every|the\s+(?:previous|preceding|following))\s+)?(?P<wd>" + WEEKDAY + r")(?P<pl>s)?"
      r"(?:\s+(?P<part>" + PART_OF_DAY + r")(?P<pl2>s)?)?")
def weekday(m, ctx):
    wd = WEEKDAYS[g(m, "wd").rstrip(".")]
    mod = g(m, "mod")
    part = f"T{PARTS[g(m, 'part')]}" if m.group("part") else ""
    if mod in ("each", "every") or m.group("pl") or m.group("pl2"):
        return found(m, "SET", f"XXXX-WXX-{wd}{part}")
    if mod.startswith("the "):  # "the previous Friday": the one before the last date told
        sign = 1 if mod.endswith("following") else -1

        def anchored(_item: Found, c: Context) -> str:
            base = c.ref or c.pub
            step = ((wd - base.isoweekday()) * sign) % 7 or 7
            return (base + dt.timedelta(days=sign * step)).isoformat() + part
        return found(m, "TIME" if part else "DATE", anchored(None, ctx), "all", anchored=anchored)
    if mod.startswith("this "):
        mod = "last" if "past" in mod else "next"
    elif mod not in ("last", "next", "this"):
        mod = ""
    tense = ctx.tense(m.start("wd"), m.end("wd"))
    day = weekday_date(ctx.pub, wd, tense, mod)
    return found(m, "TIME" if part else "DATE", day.isoformat() + part, "all")


# "7 p.m.", "10.30 a.m.", "14:05", "noon".
_CLOCK = (r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?"
          r"|(?P<h2>[01]?\d|2[0-3]):(?P<min2>[0-5]\d)(?!\s*[ap]\.?m)|(?P<noon>" + CLOCK_WORD + ")")
# Words before a bare "h:mm" that make it a clock time, not a score ("at 10:30").
_CLOCK_CUES = re.compile(r"\b" + word_set("clock_cues") + r"\s+$")
# Words before "noon" or "midnight" that make it a clock time ("until midnight").
_NOON_CUES = re.compile(r"\b" + word_set("noon_cues") + r"\s+$")


@rule(r"(?:" + word_set("clock_approximators") + r"\s+)?(?:" + _CLOCK + r")(?:\s+(?P<tz>"
      + TIME_ZONE + r"))?(?:,?\s+(?:on\s+)?(?P<wd>" + WEEKDAY + r")|\s+(?P<deic>" + DEICTIC_DAY
      + r")|,?\s+(?:on\s+)?(?P<mon>" + MONTH + r")\s+(?P<day>" + DAY + r"))?", flags=re.I,
      needs=r"\d\s*[ap]\.?\s?m|\d:\d|" + CLOCK_WORD)
def clock(m, ctx):
    if m.group("noon"):
        hh, mm = CLOCK_WORDS[g(m, "noon")]
    elif m.group("h2") is not None:
        hh, mm = int(m.group("h2")), int(m.group("min2"))
        if not (m.group("tz") or m.group("wd") or m.group("deic") or m.group("mon")):
            before = ctx.text[max(0, m.start() - 12):m.start()].lower()
            if not _CLOCK_CUES.search(before):
                return None  # "3:1" scores, ratios, verse numbers
    else:
        hh, mm = int(m.group("h")), int(m.group("min") or 0)
        if hh > 12 or hh == 0:
            return None
        if g(m, "ap") == "p" and hh != 12:
            hh += 12
        elif g(m, "ap") == "a" and hh == 12:
            hh = 0
    day = ctx.pub
    if m.group("wd"):
        day = weekday_date(ctx.pub, WEEKDAYS[g(m, "wd").rstrip(".")], ctx.tense(m.start(), m.end()))
    elif m.group("deic"):
        day = ctx.pub + dt.timedelta(days=DEICTIC_DAYS[g(m, "deic")])
    elif m.group("mon"):
        if not month_ok(m, ctx):
            return None
        month, dd = MONTHS[g(m, "mon").rstrip(".")], int(re.match(r"\d+", m.group("day")).group())
        year = pick_year(ctx.pub, month, dd, ctx.tense(m.start(), m.end()))
        if not valid_day(year, month, dd):
            return None
        day = dt.date(year, month, dd)
    elif m.group("noon") and not _NOON_CUES.search(
            ctx.text[max(0, m.start() - 12):m.start()].lower()):
        return None
    elif ctx.ref:
        day = ctx.ref
    return found(m, "TIME", f"{day.isoformat()}T{hh:02d}:{mm:02d}", "all")

