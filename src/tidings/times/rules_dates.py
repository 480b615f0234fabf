"""Rules for dates on the calendar: full dates, months, years, decades, quarters, seasons,
spelled years, centuries and holidays ("May 4, 1998", "late March", "the 1880s", "the third
quarter", "next spring", "Christmas").

A date without its year takes the year that the publication date and the clause's tense make
nearest ("on June 3" in a story of June 10 is this year's; "in November" said in March looks
back to last November unless the clause looks ahead).
"""
from __future__ import annotations

import datetime as dt
import re

from tidings.data import words
from tidings.times.calendar import (easter, pick_year, quarter_of, thanksgiving, valid_day,
                                    year_of_month)
from tidings.times.patterns import (DAY, DECADE_WORD, MONTH, MONTH_CUES, ONES, PERIOD_EDGE,
                                    PERIOD_PART, PRE, SEASON, SPELLED_TENS, SPOKEN_YEAR, WEEKDAY,
                                    YEAR, YEAR_CUES, longest_first, year_of)
from tidings.times.rules import found, g, label_at, month_ok, rule
from tidings.times.words import (DECADE_WORDS, HOLIDAYS, MONTHS, NUMBERS, ORDINALS,
                                 SEASON_MONTHS, SEASONS, SPOKEN_TENS)


@rule(r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>" + DAY + r")(?:\s+of)?\s+(?P<mon>"
      + MONTH + r")(?:,?\s+(?P<year>" + YEAR + "))?")
@rule(r"(?:(?P<wd>" + WEEKDAY + r"),?\s+|(?P<mod>last|next|this|this\s+coming|this\s+past)\s+)?"
      r"(?P<mon>" + MONTH + r")\s+(?:the\s+)?(?P<day>" + DAY + r")(?:,?\s+(?P<year>" + YEAR + "))?")
def full_date(m, ctx):
    if not month_ok(m, ctx):
        return None
    month = MONTHS[g(m, "mon").rstrip(".")]
    day = int(re.match(r"\d+", m.group("day")).group())
    if m.group("year"):
        year, rel = int(m.group("year")), None
    else:
        mod = g(m, "mod") if "mod" in m.groupdict() else ""
        tense = {"last": "PAST", "this past": "PAST", "next": "FUTURE"}.get(
            re.sub(r"\s+", " ", mod), None) or ctx.tense(m.start(), m.end())
        year, rel = pick_year(ctx.pub, month, day, tense), "year"
    if not valid_day(year, month, day):
        return None
    return found(m, "DATE", f"{year:04d}-{month:02d}-{day:02d}", rel)


@rule(r"(?P<y>" + YEAR + r")-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])")
def iso_date(m, ctx):
    y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    return found(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}") if valid_day(y, mo, d) else None


@rule(r"(?P<mo>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)?\d\d)(?![\d/])")
def us_numeric_date(m, ctx):
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y > (ctx.pub.year % 100) + 5 else 2000
    mo, d = int(m.group("mo")), int(m.group("d"))
    return found(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}") if valid_day(y, mo, d) else None


@rule(PRE + r"?(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?P<year>" + YEAR + "|" + SPOKEN_YEAR + ")")
def month_year(m, ctx):
    if not month_ok(m, ctx):
        return None
    month = MONTHS[g(m, "mon").rstrip(".")]
    return found(m, "DATE", f"{year_of(m.group('year'))}-{month:02d}")


@rule(r"(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year")
def month_rel_year(m, ctx):
    if not month_ok(m, ctx):
        return None
    month = MONTHS[g(m, "mon").rstrip(".")]
    year = ctx.pub.year + {"last": -1, "this": 0, "next": 1}[g(m, "rel")]
    return found(m, "DATE", f"{year}-{month:02d}", "year")


@rule(r"(?:(?P<mod>last|next|this(?:\s+past|\s+coming)?|(?:the\s+)?(?:very\s+)?" + PERIOD_EDGE
      + r"|(?:the\s+)?" + PERIOD_PART + r"\s+of)(?:\s+|-))?(?P<mon>" + MONTH + ")")
def month_alone(m, ctx):
    if not month_ok(m, ctx, cue_needed=not m.group("mod")):
        return None
    month = MONTHS[g(m, "mon").rstrip(".")]
    mod = g(m, "mod").split()[0] if m.group("mod") else ""
    if mod == "this" and len(g(m, "mod").split()) > 1:
        mod = "last" if "past" in g(m, "mod") else "next"
    year = year_of_month(ctx.pub, month, ctx.tense(m.start(), m.end()), mod)
    return found(m, "DATE", f"{year}-{month:02d}", "year")


# spaCy entity labels that rule out a four-digit number being a year ("1,500 workers").
NOT_YEAR_LABELS = words("not_year_entity_labels")


def _counts_things(doc, char: int) -> bool:
    """Whether the number at ``char`` counts a plural noun ("sent 2000 troops")."""
    if doc is None:
        return False
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    head = tok.head
    return (tok.dep_ == "nummod" and head.i == tok.i + 1 and head.tag_ == "NNS"
            and not (tok.i > 0 and (doc[tok.i - 1].pos_ in ("DET", "PRON")
                                    or doc[tok.i - 1].tag_ == "POS")))


def _names_a_thing(doc, char: int) -> bool:
    """Whether the year at ``char`` is part of a name ("Expo 1992") or a model ("the dealer's 1990
    Ford") rather than a date."""
    if doc is None:
        return False
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].i == 0:
        return False
    tok = span[0]
    prev = doc[tok.i - 1]
    if prev.pos_ == "PROPN" and prev.lower_.rstrip(".") not in MONTHS and not tok.is_sent_start:
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return prev.tag_ == "POS" and nxt is not None and nxt.pos_ == "PROPN"


@rule(r"(?:(?P<mod>fiscal|calendar|(?:the\s+)?(?:fiscal\s+|calendar\s+|model\s+)?year)\s+)?"
      + PRE + r"?(?P<year>" + YEAR + r")(?!\s*(?:%|percent|per\s*cent)|-\d|s\b|'s\b)")
def year(m, ctx):
    pre = ctx.text[max(0, m.start() - 2):m.start()]
    prefix = re.search(r"(?<![\w-])(?:post|pre)-$", ctx.text[max(0, m.start() - 6):m.start()], re.I)
    if prefix:  # "post-1959 politics": the year the period is counted from
        return found(m, "DATE", m.group("year"), start=m.start() - len(prefix.group(0)))
    if pre.endswith(("$", "#", "-")) or re.search(r"\d[,.]?$", pre):
        return None
    start = m.start("year")
    if not m.group("mod") and (_counts_things(ctx.doc, start) or _names_a_thing(ctx.doc, start)):
        return None
    label = label_at(ctx.doc, start)
    if label in NOT_YEAR_LABELS and not m.group("mod") and not YEAR_CUES.search(
            ctx.text[max(0, start - 20):start]):
        return None
    return found(m, "DATE", m.group("year"))


@rule(r"(?P<y1>" + YEAR + r")\s*(?:-|–|/)\s*(?P<y2>\d\d)(?!\d)")
def year_span(m, ctx):  # "1998-99": the fiscal or season year; TimeML marks the first
    return found(m, "DATE", m.group("y1"), end=m.start() + 4)


@rule(r"(?:the\s+)?" + PRE + r"?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0s|'(?P<dec2>\d)0s|"
      r"(?P<word>" + DECADE_WORD + "))", needs="0s|" + DECADE_WORD)
def decade(m, ctx):
    if m.group("cent"):
        return found(m, "DATE", m.group("cent") + m.group("dec"))
    century = ctx.pub.year // 100 if ctx.pub.year % 100 > 30 else ctx.pub.year // 100 - 1
    digit = m.group("dec2") or str(DECADE_WORDS[g(m, "word")])
    if m.group("word") and not (m.group(0).lower().startswith("the") or m.start() == 0):
        return None  # "in her forties" is an age
    return found(m, "DATE", f"{century}{digit}", "year" if m.group("dec2") else "all")


# "third quarter", "first-half", "fourth fiscal quarter", "the last half of".
_QUARTER = (r"(?P<ord>" + longest_first(ORDINALS) + r"|last(?=\s+half\s+of\s))(?:\s+|-)"
            r"(?:fiscal(?:\s+|-))?(?:-?year\s+)?(?P<q>quarter|half)s?")


@rule(r"(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|(?P<fy>fiscal\s+)?(?P<y0>"
      + YEAR + r")(?:'s)?|(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier)|its)\s+)?"
      + _QUARTER + r"(?:\s+of\s+(?:fiscal\s+|calendar\s+)?(?:(?P<y1>" + YEAR
      + r")|(?P<rel>this|last|next)\s+year|the\s+year))?")
def quarter(m, ctx):
    kind = g(m, "q")
    n = ORDINALS.get(g(m, "ord"), 2)  # "the last half of 2011"
    if kind == "half" and n > 2:
        n = 2 if g(m, "ord") in ("final", "fourth") else None
        if n is None:
            return None
    det = g(m, "det")
    rel = None
    if m.group("y0") or m.group("y1"):
        year = int(m.group("y0") or m.group("y1"))
    elif "year-ago" in det or "year-earlier" in det or det.startswith("last year") or \
            g(m, "rel") == "last":
        year, rel = ctx.pub.year - 1, "year"
    elif det.startswith("next year") or g(m, "rel") == "next":
        year, rel = ctx.pub.year + 1, "year"
    else:
        year, rel = ctx.pub.year, "year"
        current = quarter_of(ctx.pub) if kind == "quarter" else (1 if ctx.pub.month <= 6 else 2)
        if n > current and ctx.tense(m.start(), m.end()) != "FUTURE" and not det.startswith("this"):
            year -= 1
    letter = "Q" if kind == "quarter" else "H"
    return found(m, "DATE", f"{year}-{letter}{n}", rel)


# Season names that are mostly verbs or nouns ("fall", "spring"): a season only with a modifier.
_NEEDS_MODIFIER = words("seasons_needing_modifier")


@rule(r"(?:(?P<mod>this(?:\s+past|\s+coming)?|last|next|the|" + PERIOD_EDGE + r"|the\s+"
      + PERIOD_EDGE + r"|(?:the\s+)?" + PERIOD_PART + r"\s+of(?:\s+the)?)(?:\s+|-))?(?P<s>"
      + SEASON + r")(?:\s+(?:of\s+)?(?P<year>" + YEAR + "|" + SPOKEN_YEAR + r"))?",
      needs=SEASON)
@rule(r"(?P<year>" + YEAR + r")\s+(?P<s>" + SEASON + ")", needs=SEASON)
def season(m, ctx):
    code = SEASONS[g(m, "s")]
    mod = g(m, "mod") if "mod" in m.groupdict() else ""
    if m.group("year"):
        return found(m, "DATE", f"{year_of(m.group('year'))}-{code}")
    if not mod or (mod == "the" and ctx.text[m.end():m.end() + 3].lower() == " of"):
        if g(m, "s") in _NEEDS_MODIFIER or not m.group("s")[0].islower():
            return None  # bare "fall" and "spring" are mostly verbs and nouns
        if not mod and not MONTH_CUES.search(ctx.text[max(0, m.start() - 20):m.start()]):
            return None
    first = SEASON_MONTHS[code][0]
    if "past" in mod or mod == "last":
        year = ctx.pub.year if first + 3 <= ctx.pub.month else ctx.pub.year - 1
    elif "coming" in mod or mod == "next":
        year = ctx.pub.year if first > ctx.pub.month else ctx.pub.year + 1
    else:
        year = ctx.pub.year
        tense = ctx.tense(m.start(), m.end())
        if tense == "PAST" and first > ctx.pub.month and code != "WI" and mod != "this":
            year -= 1
    return found(m, "DATE", f"{year}-{code}", "year")


@rule(r"(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen)\s+(?P<t>" + SPELLED_TENS
      + r")(?:[\s-](?P<o>" + ONES + r"))?|two\s+thousand(?:\s+and)?(?:\s+(?P<o2>" + ONES
      + r"|" + SPELLED_TENS + r"))?)", needs="nineteen|eighteen|thousand")
def spelled_year(m, ctx):
    """Years as broadcast transcripts write them: "nineteen eighty-four", "two thousand"."""
    if m.group("c"):
        tens = SPOKEN_TENS[g(m, "t")]
        ones = NUMBERS[g(m, "o")] if m.group("o") else 0
        if tens < 20 and ones:
            return None
        year = (19 if g(m, "c") == "nineteen" else 18) * 100 + tens + ones
    else:
        tail = g(m, "o2")
        year = 2000 + (NUMBERS.get(tail) or SPOKEN_TENS.get(tail, 0) if tail else 0)
        if not m.group(0).lower().startswith("the year") and not YEAR_CUES.search(
                ctx.text[max(0, m.start() - 20):m.start()]):
            return None  # "two thousand troops"
    return found(m, "DATE", str(year))


@rule(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)(?:\s+|-)century", needs="century")
def ordinal_century(m, ctx):
    return found(m, "DATE", f"{int(m.group('n')) - 1:02d}")


@rule(r"(?:(?P<mod>last|next|this)\s+)?(?P<h>" + longest_first(HOLIDAYS)
      + r"|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?)", flags=re.I)
def holiday(m, ctx):
    name = re.sub(r"\s+", " ", g(m, "h"))
    if not m.group("h")[0].isupper():
        return None

    def date_in(year: int) -> dt.date:
        if name.startswith("thanksgiving"):
            return thanksgiving(year)
        if name.startswith("easter"):
            return easter(year)
        mo, d = HOLIDAYS[name].split("-")
        return dt.date(year, int(mo), int(d))
    mod = g(m, "mod")
    tense = ctx.tense(m.start(), m.end())
    this = date_in(ctx.pub.year)
    if mod == "last" or (mod != "next" and tense != "FUTURE" and mod != "this"):
        year = ctx.pub.year if this <= ctx.pub else ctx.pub.year - 1
    elif mod == "next" or tense == "FUTURE":
        year = ctx.pub.year if this >= ctx.pub else ctx.pub.year + 1
    else:
        year = ctx.pub.year
    return found(m, "DATE", date_in(year).isoformat(), "year")

