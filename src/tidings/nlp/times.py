"""Time expressions found in the text and normalized to TIMEX3 values against the publication date.

Recognition is rule-based: one regular expression per kind of expression (full dates, months,
years, decades, quarters, weekdays, "last week", "two days ago", durations, sets, clock times,
reference words such as "now"), all compiled once at import from the calendar words in
``data/time_words.json``. Overlapping candidates are resolved longest-first. Spans follow TimeML:
the determiner and modifiers ("the", "last", "early") are inside, the preposition is not.

Normalization needs the publication date (``published``) for anything relative; the grammatical
tense of the clause decides between the past and the future reading of "on Wednesday" or "in
March" (news reports mostly look back, so an undecided tense reads as past). Expressions anchored
on the narrative ("a year earlier", "the next day", "the quarter") use the last date of the same
granularity mentioned before them. Without a publication date, what depends on it is masked
(``XXXX-XX-XX``, ``XXXX-01-03``) while absolute values stay.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable

from tidings.nlp.doctext import doc_text

_WORDS = json.loads(resources.files("tidings").joinpath("data", "time_words.json")
                    .read_text(encoding="utf-8"))

MONTHS: dict[str, int] = _WORDS["months"]
AMBIGUOUS_MONTHS = set(_WORDS["ambiguous_months"])
WEEKDAYS: dict[str, int] = _WORDS["weekdays"]
NUMBERS: dict[str, int] = _WORDS["numbers"]
VAGUE = set(_WORDS["vague_numbers"])
UNITS: dict[str, list] = _WORDS["units"]
SEASONS: dict[str, str] = _WORDS["seasons"]
SEASON_MONTHS: dict[str, list[int]] = _WORDS["season_months"]
PARTS: dict[str, str] = _WORDS["parts_of_day"]
ORDINALS: dict[str, int] = _WORDS["ordinals"]
DECADE_WORDS: dict[str, int] = _WORDS["decade_words"]
REFERENCES: dict[str, str] = _WORDS["references"]
SET_ADVERBS: dict[str, str] = _WORDS["set_adverbs"]
HOLIDAYS: dict[str, str] = _WORDS["fixed_holidays"]

# A month (and day) given without a year is read as the nearest one, its distance counted this
# many times over on the side the tense does not point to: news looks back, so a past or unknown
# tense still allows a date a few weeks ahead ("payable Dec. 15" in late October) but not "Dec. 28"
# in a January story; at 3, "Jan. 31" said in October stays in the same year.
AGAINST_TENSE = 3.0
# How far up the dependency tree to look for the verb that governs an expression.
MAX_HEAD_HOPS = 6
# spaCy entity labels that rule out a four-digit number being a year ("1,990 troops", "$2000").
NOT_YEAR_LABELS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


# -- pattern pieces ---------------------------------------------------------------------------
def _alt(words) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


_B = r"(?<![\w'])"  # left word boundary that also refuses "'s"-like glue
_E = r"(?![\w])"
# "May" is a full name: a period after it ends the sentence, it does not abbreviate.
_MON = (r"(?:" + _alt(w for w in MONTHS if len(w) > 3 and w != "sept") + "|may|"
        + _alt(w for w in MONTHS if (len(w) <= 3 or w == "sept") and w != "may") + r"\.?)")
_FULL_MONTHS = {w for w in MONTHS if len(w) > 3 and w != "sept"}
_MON_FULL = _alt(_FULL_MONTHS)
_WD = (r"(?:" + _alt(w for w in WEEKDAYS if len(w) > 4) + "|"
       + _alt(w for w in WEEKDAYS if len(w) <= 4) + r"\.)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d]|[.,]\d)"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUM = (r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:"
        + _ONES + ")|" + _alt(NUMBERS) + "|" + _alt(VAGUE) + ")")
_UNIT = r"(?:" + _alt(UNITS) + r"s?|centuries)"
_SEASON = _alt(SEASONS)
_PART = _alt(PARTS)
_TZ = _alt(_WORDS["time_zones"])
_SPELLED_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                 "eighty": 80, "ninety": 90}
# Years as broadcast transcripts spell them: "nineteen ninety-six".
_SPOKEN_YEAR = (r"(?:nineteen|eighteen)\s+" + _alt(_SPELLED_TENS) + r"(?:[\s-](?:" + _ONES + "))?")


def _year_of(text: str) -> int:
    """The year a numeral or a spoken year ("nineteen ninety-six") stands for."""
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.lower())
    century = 1900 if words[0] == "nineteen" else 1800
    return century + _SPELLED_TENS[words[1]] + (NUMBERS[words[2]] if len(words) > 2 else 0)


# Nouns after which "today's" means the present age, not the day ("today's world").
_GENERIC_TODAY = _alt(_WORDS["generic_after_todays"])
# Modifiers kept inside a DATE span that do not change its TIMEX3 value at this granularity.
_PRE = (r"(?:(?:the\s+)?(?:(?:very\s+)?(?:early|late|mid)|middle\s+of|end\s+of|beginning\s+of|"
        r"start\s+of|first\s+half\s+of|second\s+half\s+of)(?:\s+|-)(?:the\s+)?)")
# Prepositions and modifiers before which a bare "May"/"March" is a month and not a verb/noun.
_MONTH_CUES = re.compile(r"(?:\b(?:in|since|until|till|by|from|to|through|during|of|last|next|"
                         r"this|early|late|mid|before|after|between|and|or|until|throughout)"
                         r"[\s-]+)$", re.I)
_YEAR_CUES = re.compile(r"(?:\b(?:in|since|until|till|by|from|to|through|during|of|before|after|"
                        r"between|and|or|early|late|mid|fiscal|calendar|year|circa|c\.)[\s-]+)$",
                        re.I)


# Words that make the next date an end point or a start ("through January", "effective Feb. 1"):
# such dates are set around the report and the verb's tense says little; the nearest one is meant.
_DEADLINE = re.compile(r"\b(?:until|till|through|by|effective|starting|beginning|before)\s+(?:the\s+)?$",
                       re.I)


_REPORTED = re.compile(r"\b(?:said|told|announced|reported|added|stated|declared|confirmed)\s+"
                       r"(?:on\s+|late\s+|early\s+)?$", re.I)


@dataclass
class Found:
    start: int
    end: int
    type: str
    value: str
    relative: str | None = None  # what depends on the publication date: "year", "all", None
    anchored: Callable | None = None  # recomputes the value from the narrative's anchors
    prio: int = 0
    rule: str = ""  # the rule that proposed it (for debugging and error analysis)


@dataclass
class Context:
    """What normalization reads: the text, its parse, the publication date and the anchors."""

    doc: object
    text: str
    pub: dt.date
    ref: dt.date | None = None  # last full date mentioned
    ref_month: tuple[int, int] | None = None  # last (year, month) mentioned, at month or finer
    ref_year: int | None = None  # last year mentioned, at year granularity or finer
    quarter: str | None = None  # last completed quarter mentioned ("1989-Q3")
    _tense: dict = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self._tense:
            if _REPORTED.search(self.text[max(0, start - 16):start]):
                self._tense[key] = "PAST"  # "said Wednesday it would ...": the saying is dated
            elif _DEADLINE.search(self.text[max(0, start - 16):start]):
                # "until mid-November", "effective Feb. 1": the nearest one, unless the verb
                # looks ahead ("will double its flights by August")
                verb = _tense(self.doc, start, end)
                self._tense[key] = "FUTURE" if verb == "FUTURE" else "PRESENT"
            else:
                self._tense[key] = _tense(self.doc, start, end)
        return self._tense[key]


# -- tense --------------------------------------------------------------------------------------
_FUTURE_AUX = {"will", "wo", "'ll", "shall", "’ll"}
_PAST_AUX = {"had", "has", "have", "did", "was", "were", "'d", "’ve", "'ve"}
# Reporting verbs in the present tense report what was said, mostly that day or before.
_REPORT_VERBS = {"say", "tell", "report", "announce", "claim", "insist", "deny", "confirm"}
_SCHEDULE_VERBS = {"plan", "schedule", "set", "expect", "slate", "due"}
_MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d", "ca"}
_PLAN_VERBS = {"expect", "plan", "schedule", "intend", "hope", "want", "seek", "aim", "prepare",
               "set", "due", "likely", "going", "agree", "promise", "vow", "threaten", "decide"}


def _tense(doc, start: int, end: int) -> str | None:
    """PAST, FUTURE or PRESENT from the verb governing the span; None when none is found."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(MAX_HEAD_HOPS):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX or (tok.lower_ in _FUTURE_AUX):
        return "FUTURE"
    if tok.tag_ == "VBG" and aux & {"is", "are", "'s", "'re", "am"}:
        return "FUTURE"  # "is meeting on Friday"
    if tok.tag_ == "VB" and tok.head.lemma_ in _PLAN_VERBS and any(
            c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.head.children):
        return "PAST"  # "had been due to expire Friday"
    if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in _PLAN_VERBS:
        return "FUTURE"  # "is expected to vote in March"
    if tok.tag_ == "VB" and "to" in aux and tok.head.lemma_ in _PLAN_VERBS:
        return "FUTURE"
    negated = any(c.dep_ == "neg" for c in tok.children) or any(
        w.lower_ in ("neither", "nor") for w in tok.subtree)
    if "could" in aux and negated:
        return "PAST"  # "could not be located Wednesday"
    if aux & _MODALS and not aux & {"have", "'ve", "’ve"}:
        return "FUTURE"  # "would travel Thursday", "could come as early as Tuesday"
    if tok.tag_ == "VB" and "to" in aux and tok.head.lemma_ == "be":
        return "FUTURE"  # "is to resume trading Tuesday"
    if tok.lemma_ in _SCHEDULE_VERBS and not (tok.tag_ == "VBD" and span.start < tok.i):
        # "planned a rally on Saturday", "a summit set for April" look ahead; but "On Friday,
        # the government planned ..." dates the planning, and "a service planned for Saturday
        # was canceled" is told in the past.
        if tok.tag_ == "VBN" and not aux and _told_in_past(tok):
            return "PAST"
        return "FUTURE"
    if tok.tag_ == "VBD" or aux & _PAST_AUX:
        return "PAST"
    if tok.tag_ == "VBN":  # "is heard in May" is a present passive; "signed Friday" is past
        return "PRESENT" if aux & {"is", "are", "am", "be", "'s", "'re"} else "PAST"
    if tok.tag_ in ("VBZ", "VBP"):
        return "PAST" if tok.lemma_ in _REPORT_VERBS else "PRESENT"
    return None


def _told_in_past(tok) -> bool:
    """Whether the verb above ``tok`` (a participle modifying a noun) is in the past tense."""
    head = tok.head
    for _ in range(MAX_HEAD_HOPS):
        if head.pos_ in ("VERB", "AUX") and head is not tok:
            return head.tag_ == "VBD" or any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had")
                for c in head.children)
        if head.head is head:
            break
        head = head.head
    return False


# -- calendar arithmetic -----------------------------------------------------------------------
def _iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _pick_year(pub: dt.date, month: int, day: int, tense: str | None) -> int:
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


def _month_year(pub: dt.date, month: int, tense: str | None, mod: str = "") -> int:
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
    return _pick_year(pub, month, 15, tense)


def _weekday_date(pub: dt.date, weekday: int, tense: str | None, mod: str = "") -> dt.date:
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
    if tense == "PRESENT":  # "they meet Monday": the nearer one, the coming one on a tie
        ahead, back = delta % 7, (-delta) % 7
        return pub + dt.timedelta(days=ahead) if ahead <= back else pub - dt.timedelta(days=back)
    return pub - dt.timedelta(days=(-delta) % 7)


def _easter(year: int) -> dt.date:
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


def _thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _number(word: str) -> int | float | None:
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


def _unit(word: str) -> tuple[str, int, bool]:
    w = word.lower()
    if w == "centuries":
        w = "century"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    letter, mult, is_time = UNITS[w]
    return letter, mult, is_time


def _duration(n, unit_word: str) -> str:
    """TIMEX3 duration ``P3D``, ``PT5H``, ``PXY`` for ``n`` (None: vague) ``unit_word``s."""
    letter, mult, is_time = _unit(unit_word)
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


def _shift(pub: dt.date, n: int, unit_word: str, sign: int) -> tuple[str, str]:
    """(value, granularity) of the date ``n`` units before (sign -1) or after ``pub``."""
    letter, mult, is_time = _unit(unit_word)
    n = n * mult
    if is_time or letter == "D":
        days = n if letter == "D" else 0
        return (pub + dt.timedelta(days=sign * days)).isoformat(), "day"
    if letter == "W":
        return _iso_week(pub + dt.timedelta(weeks=sign * n)), "week"
    if letter == "M" and mult == 3:
        y, m = _add_months(pub.year, pub.month, sign * int(n))
        return f"{y}-Q{(m - 1) // 3 + 1}", "quarter"
    if letter == "M":
        y, m = _add_months(pub.year, pub.month, sign * int(n))
        return f"{y:04d}-{m:02d}", "month"
    return f"{pub.year + sign * int(n):04d}", "year"


# -- rules -------------------------------------------------------------------------------------
Rule = tuple[str, "re.Pattern[str]", Callable, int, "re.Pattern[str] | None"]
RULES: list[Rule] = []


def rule(pattern: str, flags: int = re.I, prio: int = 0, needs: str | None = None):
    """Register a handler ``f(match, ctx) -> Found | None`` for ``pattern``.

    ``needs``: a regex every match of ``pattern`` contains (a literal the pattern cannot do
    without, such as "ago"). A text without it skips the rule: scanning each of ~45 rules
    over every character was ~40% of extraction time beyond spaCy, and a gate that starts
    with a literal is found by a fast search instead of a rule tried at every position.
    """
    compiled = re.compile(_B + "(?:" + pattern + ")" + _E, flags)
    gate = re.compile(needs, re.I) if needs else None

    def wrap(func):
        RULES.append((func.__name__, compiled, func, prio, gate))
        return func
    return wrap


def _g(m: re.Match, name: str) -> str:
    return (m.group(name) or "").lower()


def _month_ok(m: re.Match, ctx: Context, group: str = "mon", cue_needed: bool = False) -> bool:
    """An ambiguous month word ("May", "Mar") counts only capitalized, and alone only after a cue."""
    word = m.group(group)
    key = word.lower().rstrip(".")
    if key in AMBIGUOUS_MONTHS and not word[0].isupper():
        return False
    if cue_needed and _label_at(ctx.doc, m.start(group)) == "PERSON":
        return False  # a first name that is a month word ("April Smith")
    if cue_needed and (key in ("may", "march") or (key not in _FULL_MONTHS and not word.endswith("."))):
        return bool(_MONTH_CUES.search(ctx.text[max(0, m.start() - 30):m.start()]))
    return True


def _is_title(m: re.Match, ctx: Context) -> bool:
    """Whether a capitalized match is part of a name ("USA Today", ABC's "This Week")."""
    words = m.group(0).split()
    if not all(w[0].isupper() for w in words):
        return False
    before = ctx.text[:m.start()].rstrip()
    if not before or before[-1] in ".!?:;":
        return False  # capitalized because it opens a sentence
    if before[-1] in "\"“`'(\n" or ctx.text[m.start() - 1] == "\n":
        # after an opening quote: a title only when the quotation ends with it or a name goes on
        return bool(re.match(r"[,.]?[\"”']|\s+[A-Z]\w*\s+[A-Z]", ctx.text[m.end():m.end() + 30]))
    return True


def _found(m: re.Match, type_: str, value: str, relative: str | None = None,
           anchored: Callable | None = None, start: int | None = None,
           end: int | None = None) -> Found:
    return Found(m.start() if start is None else start, m.end() if end is None else end,
                 type_, value, relative, anchored)


@rule(r"(?:(?P<wd>" + _WD + r"),?\s+)?(?:the\s+)?(?P<day>" + _DAY + r")(?:\s+of)?\s+(?P<mon>"
      + _MON + r")(?:,?\s+(?P<year>" + _YEAR + "))?")
@rule(r"(?:(?P<wd>" + _WD + r"),?\s+|(?P<mod>last|next|this|this\s+coming|this\s+past)\s+)?(?P<mon>"
      + _MON + r")\s+(?:the\s+)?(?P<day>" + _DAY + r")(?:,?\s+(?P<year>" + _YEAR + "))?")
def full_date(m, ctx):
    if not _month_ok(m, ctx):
        return None
    month = MONTHS[_g(m, "mon").rstrip(".")]
    day = int(re.match(r"\d+", m.group("day")).group())
    if m.group("year"):
        year, rel = int(m.group("year")), None
    else:
        mod = _g(m, "mod") if "mod" in m.groupdict() else ""
        tense = {"last": "PAST", "this past": "PAST", "next": "FUTURE"}.get(
            re.sub(r"\s+", " ", mod), None) or ctx.tense(m.start(), m.end())
        year, rel = _pick_year(ctx.pub, month, day, tense), "year"
    if not _valid_day(year, month, day):
        return None
    return _found(m, "DATE", f"{year:04d}-{month:02d}-{day:02d}", rel)


@rule(r"(?P<y>" + _YEAR + r")-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])")
def iso_date(m, ctx):
    y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    return _found(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}") if _valid_day(y, mo, d) else None


@rule(r"(?P<mo>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)?\d\d)(?![\d/])")
def us_numeric_date(m, ctx):
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y > (ctx.pub.year % 100) + 5 else 2000
    mo, d = int(m.group("mo")), int(m.group("d"))
    return _found(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}") if _valid_day(y, mo, d) else None


@rule(_PRE + r"?(?P<mon>" + _MON + r"),?\s+(?:of\s+)?(?P<year>" + _YEAR + "|" + _SPOKEN_YEAR + ")")
def month_year(m, ctx):
    if not _month_ok(m, ctx):
        return None
    month = MONTHS[_g(m, "mon").rstrip(".")]
    return _found(m, "DATE", f"{_year_of(m.group('year'))}-{month:02d}")


@rule(r"(?P<mon>" + _MON + r"),?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year")
def month_rel_year(m, ctx):
    if not _month_ok(m, ctx):
        return None
    month = MONTHS[_g(m, "mon").rstrip(".")]
    year = ctx.pub.year + {"last": -1, "this": 0, "next": 1}[_g(m, "rel")]
    return _found(m, "DATE", f"{year}-{month:02d}", "year")


@rule(r"(?:(?P<mod>last|next|this(?:\s+past|\s+coming)?|(?:the\s+)?(?:very\s+)?(?:early|late|"
      r"mid)|(?:the\s+)?(?:middle|end|beginning|start)\s+of)(?:\s+|-))?(?P<mon>" + _MON + ")")
def month_alone(m, ctx):
    if not _month_ok(m, ctx, cue_needed=not m.group("mod")):
        return None
    month = MONTHS[_g(m, "mon").rstrip(".")]
    mod = _g(m, "mod").split()[0] if m.group("mod") else ""
    if mod == "this" and len(_g(m, "mod").split()) > 1:
        mod = "last" if "past" in _g(m, "mod") else "next"
    year = _month_year(ctx.pub, month, ctx.tense(m.start(), m.end()), mod)
    return _found(m, "DATE", f"{year}-{month:02d}", "year")


@rule(r"(?:(?P<mod>fiscal|calendar|(?:the\s+)?(?:fiscal\s+|calendar\s+|model\s+)?year)\s+)?"
      + _PRE + r"?(?P<year>" + _YEAR + r")(?!\s*(?:%|percent|per\s*cent)|-\d|s\b|'s\b)")
def year(m, ctx):
    pre = ctx.text[max(0, m.start() - 2):m.start()]
    prefix = re.search(r"(?<![\w-])(?:post|pre)-$", ctx.text[max(0, m.start() - 6):m.start()], re.I)
    if prefix:  # "post-1959 politics": the year the period is counted from
        return _found(m, "DATE", m.group("year"), start=m.start() - len(prefix.group(0)))
    if pre.endswith(("$", "#", "-")) or re.search(r"\d[,.]?$", pre):
        return None
    start = m.start("year")
    if not m.group("mod") and (_counts_things(ctx.doc, start) or _names_a_thing(ctx.doc, start)):
        return None
    label = _label_at(ctx.doc, start)
    if label in NOT_YEAR_LABELS and not m.group("mod") and not _YEAR_CUES.search(
            ctx.text[max(0, start - 20):start]):
        return None
    return _found(m, "DATE", m.group("year"))


@rule(r"(?P<y1>" + _YEAR + r")\s*(?:-|–|/)\s*(?P<y2>\d\d)(?!\d)")
def year_span(m, ctx):  # "1998-99": the fiscal or season year; TimeML marks the first
    return _found(m, "DATE", m.group("y1"), end=m.start() + 4)


@rule(r"(?:the\s+)?" + _PRE + r"?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0s|'(?P<dec2>\d)0s|"
      r"(?P<word>" + _alt(DECADE_WORDS) + "))", needs="0s|" + _alt(DECADE_WORDS))
def decade(m, ctx):
    if m.group("cent"):
        return _found(m, "DATE", m.group("cent") + m.group("dec"))
    century = ctx.pub.year // 100 if ctx.pub.year % 100 > 30 else ctx.pub.year // 100 - 1
    digit = m.group("dec2") or str(DECADE_WORDS[_g(m, "word")])
    if m.group("word") and not (m.group(0).lower().startswith("the") or m.start() == 0):
        return None  # "in her forties" is an age
    return _found(m, "DATE", f"{century}{digit}", "year" if m.group("dec2") else "all")


_QUARTER = (r"(?P<ord>" + _alt(ORDINALS) + r"|last(?=\s+half\s+of\s))(?:\s+|-)(?:fiscal(?:\s+|-))?(?:-?year\s+)?"
            r"(?P<q>quarter|half)s?")


@rule(r"(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|(?P<fy>fiscal\s+)?(?P<y0>"
      + _YEAR + r")(?:'s)?|(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier)|its)\s+)?"
      + _QUARTER + r"(?:\s+of\s+(?:fiscal\s+|calendar\s+)?(?:(?P<y1>" + _YEAR
      + r")|(?P<rel>this|last|next)\s+year|the\s+year))?")
def quarter(m, ctx):
    kind = _g(m, "q")
    n = ORDINALS.get(_g(m, "ord"), 2)  # "the last half of 1989"
    if kind == "half" and n > 2:
        n = 2 if _g(m, "ord") in ("final", "fourth") else None
        if n is None:
            return None
    det = _g(m, "det")
    rel = None
    if m.group("y0") or m.group("y1"):
        year = int(m.group("y0") or m.group("y1"))
    elif "year-ago" in det or "year-earlier" in det or det.startswith("last year") or \
            _g(m, "rel") == "last":
        year, rel = ctx.pub.year - 1, "year"
    elif det.startswith("next year") or _g(m, "rel") == "next":
        year, rel = ctx.pub.year + 1, "year"
    else:
        year, rel = ctx.pub.year, "year"
        current = _quarter(ctx.pub) if kind == "quarter" else (1 if ctx.pub.month <= 6 else 2)
        if n > current and ctx.tense(m.start(), m.end()) != "FUTURE" and not det.startswith("this"):
            year -= 1
    letter = "Q" if kind == "quarter" else "H"
    return _found(m, "DATE", f"{year}-{letter}{n}", rel)


@rule(r"(?:(?P<mod>this(?:\s+past|\s+coming)?|last|next|the|early|late|mid|the\s+(?:early|late|"
      r"mid)|(?:the\s+)?(?:middle|end|beginning|start)\s+of(?:\s+the)?)(?:\s+|-))?(?P<s>"
      + _SEASON + r")(?:\s+(?:of\s+)?(?P<year>" + _YEAR + "|" + _SPOKEN_YEAR + r"))?",
      needs=_SEASON)
@rule(r"(?P<year>" + _YEAR + r")\s+(?P<s>" + _SEASON + ")", needs=_SEASON)
def season(m, ctx):
    code = SEASONS[_g(m, "s")]
    mod = _g(m, "mod") if "mod" in m.groupdict() else ""
    if m.group("year"):
        return _found(m, "DATE", f"{_year_of(m.group('year'))}-{code}")
    if not mod or (mod == "the" and ctx.text[m.end():m.end() + 3].lower() == " of"):
        if _g(m, "s") in ("fall", "spring") or not m.group("s")[0].islower():
            return None  # bare "fall" and "spring" are mostly verbs and nouns
        if not mod and not _MONTH_CUES.search(ctx.text[max(0, m.start() - 20):m.start()]):
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
    return _found(m, "DATE", f"{year}-{code}", "year")


@rule(r"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?:early|late|mid)[\s-]?(?P<part0>" + _PART
      + r")\s+)?(?:the\s+day\s+(?P<ba>before|after)\s+)?"
      r"(?P<d>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>" + _PART + "))?",
      needs="yesterday|today|tomorrow|tonight")
def deictic_day(m, ctx):
    word = _g(m, "d")
    if _is_title(m, ctx):
        return None  # "USA Today", "VOA Today"
    if word == "today" and re.match(r"'s\s+" + _GENERIC_TODAY, ctx.text[m.end():m.end() + 20], re.I):
        return None  # "today's world", "today's youth": the present age, not the day
    if word == "tomorrow" and re.search(r"\bof\s+$", ctx.text[max(0, m.start() - 4):m.start()]):
        return None  # "the people of tomorrow"
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[word]
    offset += {"before": -1, "after": 1}.get(_g(m, "ba"), 0)
    day = ctx.pub + dt.timedelta(days=offset)
    if word == "tonight":
        return _found(m, "TIME", f"{day.isoformat()}TNI", "all")
    part = _g(m, "part") or _g(m, "part0")
    if part:
        return _found(m, "TIME", f"{day.isoformat()}T{PARTS[part]}", "all")
    return _found(m, "DATE", day.isoformat(), "all")


@rule(r"(?:(?P<mod>this|last|early\s+this|late\s+this|later\s+this|earlier\s+this)\s+)"
      r"(?P<part>" + _PART + ")")
def part_of_today(m, ctx):
    part = _g(m, "part")
    day = ctx.pub
    if _g(m, "mod") == "last":
        if part != "night":
            return None  # "last morning" is not idiomatic; "last evening" rare
        day = ctx.pub - dt.timedelta(days=1)
    return _found(m, "TIME", f"{day.isoformat()}T{PARTS[part]}", "all")


@rule(r"(?:(?<=\bin\s)the|(?:early|mid|late)(?:\s+|-))\s*(?P<part>" + _PART + r")"
      r"(?!\s+(?:of|paper|papers|news|edition|show|star|prayers?)\b)")
def part_alone(m, ctx):
    """"in the morning", "by mid-afternoon": that part of the day the story is telling."""
    if re.match(r"\s*(?:yesterday|today|tomorrow|\w+day\b)", ctx.text[m.end():m.end() + 12], re.I):
        return None  # "mid-afternoon yesterday" is read whole by another rule
    code = PARTS[_g(m, "part")]
    return _found(m, "TIME", f"{ctx.pub.isoformat()}T{code}", "all",
                  anchored=lambda f, c: f"{(c.ref or c.pub).isoformat()}T{code}")


@rule(r"(?:(?P<mod>last|next|this(?:\s+past|\s+coming)?|(?:early|late|earlier|later)(?:\s+on)?"
      r"|each|every|the\s+(?:previous|preceding|following))\s+)?(?P<wd>" + _WD + r")(?P<pl>s)?"
      r"(?:\s+(?P<part>" + _PART + r")(?P<pl2>s)?)?")
def weekday(m, ctx):
    wd = WEEKDAYS[_g(m, "wd").rstrip(".")]
    mod = _g(m, "mod")
    part = f"T{PARTS[_g(m, 'part')]}" if m.group("part") else ""
    if mod in ("each", "every") or m.group("pl") or m.group("pl2"):
        return _found(m, "SET", f"XXXX-WXX-{wd}{part}")
    if mod.startswith("the "):  # "the previous Friday": the one before the last date told
        sign = 1 if mod.endswith("following") else -1

        def anchored(found: Found, c: Context) -> str:
            base = c.ref or c.pub
            step = ((wd - base.isoweekday()) * sign) % 7 or 7
            return (base + dt.timedelta(days=sign * step)).isoformat() + part
        return _found(m, "TIME" if part else "DATE", anchored(None, ctx), "all", anchored=anchored)
    if mod.startswith("this "):
        mod = "last" if "past" in mod else "next"
    elif mod not in ("last", "next", "this"):
        mod = ""
    tense = ctx.tense(m.start("wd"), m.end("wd"))
    day = _weekday_date(ctx.pub, wd, tense, mod)
    return _found(m, "TIME" if part else "DATE", day.isoformat() + part, "all")


_REL_UNIT = r"(?P<u>week|weekend|month|year|quarter|decade|century|fiscal\s+year)"


@rule(r"(?:(?P<pre>early|late|earlier|later|(?:the\s+)?(?:end|beginning|start|middle|rest|"
      r"remainder|balance)\s+of)(?:\s+in)?\s+)?(?P<rel>last|next|this(?:\s+past|\s+coming)?|"
      r"the\s+(?:past|last|next|coming|current|previous|following|preceding)|past|coming|"
      r"previous|current)\s+" + _REL_UNIT)
def relative_unit(m, ctx):
    if _is_title(m, ctx):
        return None  # ABC's "This Week"
    rel = _g(m, "rel").split()[-1]
    if "this" in _g(m, "rel") and "past" in _g(m, "rel"):
        rel = "last"
    elif "this" in _g(m, "rel") and "coming" in _g(m, "rel"):
        rel = "next"
    unit = _g(m, "u").split()[-1]
    if rel in ("following", "preceding"):
        return None  # relative to the narrative, not to the publication date
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    pub = ctx.pub
    if unit == "week":
        return _found(m, "DATE", _iso_week(pub + dt.timedelta(weeks=step)), "all")
    if unit == "weekend":
        value = _weekend(pub, step, ctx.tense(m.start(), m.end()))
        return _found(m, "DATE", value, "all")
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, step)
        return _found(m, "DATE", f"{y}-{mo:02d}", "all")
    if unit == "quarter":
        y, mo = _add_months(pub.year, pub.month, 3 * step)
        return _found(m, "DATE", f"{y}-Q{(mo - 1) // 3 + 1}", "all")
    if unit == "decade":
        return _found(m, "DATE", str(pub.year // 10 + step), "all")
    if unit == "century":
        return _found(m, "DATE", str(pub.year // 100 + step), "all")
    return _found(m, "DATE", str(pub.year + step), "all")


def _weekend(pub: dt.date, step: int, tense: str | None) -> str:
    """ISO week of the weekend meant: the one just past unless the tense looks ahead."""
    if step > 0 or (step == 0 and tense == "FUTURE"):
        saturday = pub + dt.timedelta(days=(6 - pub.isoweekday()) % 7 + (7 if step > 0 else 0))
    else:
        saturday = pub - dt.timedelta(days=(pub.isoweekday() - 6) % 7)
        if step < 0 and saturday == pub:
            saturday -= dt.timedelta(days=7)
    return _iso_week(saturday) + "-WE"


@rule(r"(?:the|this|that)\s+weekend", needs="weekend")
def the_weekend(m, ctx):
    word = m.group(0).split()[0].lower()
    tense = ctx.tense(m.start(), m.end())
    if word == "this" and tense != "PAST":
        tense = "FUTURE"
    return _found(m, "DATE", _weekend(ctx.pub, 0, tense), "all")


@rule(r"(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|balance)\s+of\s+|"
      r"(?:earlier|later)\s+in\s+)the\s+(?P<u>week|month|year|quarter)")
def in_the_unit(m, ctx):
    unit, pub = _g(m, "u"), ctx.pub
    value = {"week": _iso_week(pub), "month": f"{pub.year}-{pub.month:02d}",
             "year": str(pub.year), "quarter": f"{pub.year}-Q{_quarter(pub)}"}[unit]
    return _found(m, "DATE", value, "all")


_MODS = (r"(?:(?:about|nearly|almost|roughly|approximately|around|some|only|just|barely|"
         r"more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to)\s+)")


def _ago_value(m, ctx, n, unit: str, sign: int, pub: dt.date) -> tuple[str, str]:
    """Value of "n units ago/earlier" from ``pub``; a vague n gives PAST_REF / FUTURE_REF."""
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "ref"
    if isinstance(n, float):
        n = int(n)
    return _shift(pub, n, unit, sign)


@rule(_MODS + r"?(?P<n>" + _NUM + r")\s+(?:more\s+)?(?P<u>" + _UNIT + r")(?:\s+or\s+so)?\s+ago",
      needs="ago")
def ago(m, ctx):
    n = _number(m.group("n"))
    value, _ = _ago_value(m, ctx, n, m.group("u"), -1, ctx.pub)
    rel = "all" if not value.endswith("_REF") else None
    if n == 1 and _unit(m.group("u"))[0] == "Y" and _unit(m.group("u"))[1] == 1:
        return _found(m, "DATE", value, rel, anchored=_year_ago_anchor)
    return _found(m, "DATE", value, rel)


# "before"/"after" only when nothing follows: "a year after he was killed" is a length of time
# measured from an event, not a date.
@rule(r"(?P<n>a|an|one)\s+(?P<u>year|month)\s+(?:(?P<dir>earlier|later)"
      r"(?!\s+(?:than|that|the|a|an|his|her|its|their)\b)|(?P<dir2>before|after)(?=\s*[,.;:!?)]|\s*$))")
def unit_earlier(m, ctx):
    sign = -1 if (_g(m, "dir") or _g(m, "dir2")) in ("earlier", "before") else 1
    unit = m.group("u").lower()

    def anchored(found: Found, c: Context) -> str:
        if unit == "year" and sign < 0 and c.quarter:
            return _year_ago_anchor(found, c)
        return _shift(c.ref or c.pub, 1, unit, sign)[0]
    return _found(m, "DATE", _shift(ctx.pub, 1, unit, sign)[0], "all", anchored=anchored)


@rule(r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year-ago|year-earlier|"
      r"year\s+earlier|year\s+ago)(?:\s+(?:period|quarter|level|results?|figures?|time))?")
def year_ago_adj(m, ctx):
    value = str(ctx.pub.year - 1)
    return _found(m, "DATE", value, "all", anchored=_year_ago_anchor)


def _year_ago_anchor(found: Found, ctx: Context) -> str:
    """A year before the quarter under discussion, in financial reports ("a year ago")."""
    if ctx.quarter:
        return f"{int(ctx.quarter[:4]) - 1}{ctx.quarter[4:]}"
    return found.value


@rule(r"(?:the\s+(?:latest\s+|current\s+|same\s+|most\s+recent\s+)?(?:fiscal\s+)?quarter|"
      r"that\s+quarter|the\s+(?:latest|most\s+recent)\s+period)")
def the_quarter(m, ctx):
    """The quarter under discussion, else the last one completed (results are reported after)."""
    if ctx.text[m.end():m.end() + 5].lower().startswith((" of", "-")):
        return None
    y, mo = _add_months(ctx.pub.year, ctx.pub.month, -3)
    return _found(m, "DATE", f"{y}-Q{(mo - 1) // 3 + 1}", "all",
                  anchored=lambda f, c: c.quarter or f.value)


@rule(r"(?:the\s+)?(?:(?P<y>" + _YEAR + r")|(?P<rel>last|this|next)\s+year's|(?:the\s+)?"
      r"(?:comparable|corresponding|same|year-ago|year-earlier)(?:\s+year-ago|\s+year-earlier)?)"
      r"\s+(?:period|quarter)(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+"
      r"(?:the\s+)?(?:last|previous|prior)\s+year))?")
def period_of_year(m, ctx):
    """"the 1988 period", "last year's quarter": that year's quarter under discussion."""
    if m.group("y"):
        year, rel = int(m.group("y")), None
    else:
        shift = {"last": -1, "this": 0, "next": 1}.get(_g(m, "rel"), -1)
        year, rel = ctx.pub.year + shift, "all"
    if not m.group("y") and not m.group("rel") and not m.group("ago") and not re.search(
            "year-(?:ago|earlier)", m.group(0), re.I):
        return None  # "the same period" alone: no year given

    def anchored(found: Found, c: Context) -> str:
        return f"{year}{c.quarter[4:]}" if c.quarter else str(year)
    return _found(m, "DATE", str(year), rel, anchored=anchored)


@rule(r"(?:(?:that|the\s+same)\s+(?P<u>day|week|month|year|morning|afternoon|evening|night)|"
      r"the\s+(?P<dir>next|following|previous|preceding)\s+(?P<u2>day|morning|afternoon|evening|"
      r"night|week|month|year)|the\s+(?P<u3>day|night)\s+(?P<dir3>before|after))")
def narrative(m, ctx):
    """Expressions anchored on the last full date of the story ("the next day", "that week")."""
    unit = _g(m, "u") or _g(m, "u2") or _g(m, "u3")
    direction = _g(m, "dir") or _g(m, "dir3")
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1,
            "before": -1}.get(direction, 0)

    def value(c: Context) -> str:
        base = c.ref or c.pub
        if unit in ("day", *PARTS):
            day = base + dt.timedelta(days=step)
            return day.isoformat() + ("" if unit == "day" else f"T{PARTS[unit]}")
        if unit == "week":
            return _iso_week(base + dt.timedelta(weeks=step))
        if unit == "month":  # "the following month": after the last month named, not day
            y, mo = c.ref_month or (base.year, base.month)
            y, mo = _add_months(y, mo, step)
            return f"{y}-{mo:02d}"
        return str((c.ref_year or base.year) + step)  # "later that year" after "June 1998"
    type_ = "TIME" if unit in PARTS else "DATE"
    return _found(m, type_, value(ctx), "all", anchored=lambda f, c: value(c))


@rule(prio=1, pattern=r"(?:(?P<every>every|each|per|a)\s+(?:(?P<n>other|" + _NUM + r")\s+)?(?P<u>" + _UNIT
      + r"|" + _MON_FULL + r"|" + _PART + r"))")
def every(m, ctx):
    word = _g(m, "every")
    if word in ("a", "per"):
        before = ctx.text[max(0, m.start() - 25):m.start()]
        if not re.search(r"(?:\d|\b(?:million|billion|trillion|percent|cents?|dollars?|times|"
                         r"twice|once|thrice|euros?|pounds?|yuan|yen|rubles?|barrels?|tons?|"
                         r"hours?|shifts?))[\s,]*$", before, re.I) and word == "a":
            return None
        if m.group("n"):
            return None
    unit = _g(m, "u")
    if unit in MONTHS:
        return _found(m, "SET", f"XXXX-{MONTHS[unit]:02d}")
    if unit in PARTS:
        return _found(m, "SET", f"XXXX-XX-XXT{PARTS[unit]}")
    n = 2 if _g(m, "n") == "other" else (_number(m.group("n")) if m.group("n") else 1)
    if n is None:
        return None
    return _found(m, "SET", _duration(n, unit))


@rule(_alt(SET_ADVERBS))
def set_adverb(m, ctx):
    return _found(m, "SET", SET_ADVERBS[m.group(0).lower()])


@rule(r"(?:(?P<mod>" + _MODS + r"?(?:the\s+)?(?:(?:past|last|next|first|previous|latest|coming|"
      r"following|final|remaining|initial|prior|preceding|additional|further)\s+)?)?)"
      r"(?P<n>" + _NUM + r")\s+(?:more\s+|full\s+|straight\s+|consecutive\s+|successive\s+|"
      r"additional\s+|long\s+)?(?P<u>" + _UNIT + r")(?:\s+or\s+(?:so|more|longer))?")
def duration(m, ctx):
    n_word = _g(m, "n")
    unit = _g(m, "u")
    n = _number(n_word)
    if n_word in VAGUE or n is None:
        if not unit.endswith("s") or n_word in ("some", "many"):
            return None
        n = None
    if unit.rstrip("s") == "second" and n_word in ("a", "an"):
        return None  # "a second" is mostly the ordinal ("a second term")
    plural = unit.endswith("s") or unit == "centuries"
    if n_word in ("a", "an", "one") and plural:
        return None
    if isinstance(n, (int, float)) and n > 1 and not plural and not re.match(
            r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "five year low" is a duration used as a modifier; "two year." is a typo
    after = ctx.text[m.end():m.end() + 12].lower()
    if re.match(r"\s*(?:old|of age)\b", after):
        return None  # an age
    return _found(m, "DURATION", _duration(n, unit))


# Half a unit written out in the next smaller one, as TimeML does ("2 1/2 years" = P2Y6M); units
# without a natural smaller one keep a decimal fraction, which ISO 8601 allows on the last field.
_HALF = {"Y": "6M", "D": "T12H", "H": "30M", "M_time": "30S"}


@rule(_MODS + r"?(?:(?P<n>\d+)\s+1/2|(?P<w>" + _NUM + r")\s+and\s+a\s+half)\s+(?P<u>" + _UNIT
      + r")|" + _MODS + r"?(?P<a>an?|one)\s+(?P<u1>" + _alt(UNITS) + r")\s+and\s+a\s+half",
      needs=r"1/2|half")
def half_duration(m, ctx):
    """"2 1/2 years", "two and a half hours", "a minute and a half"."""
    if m.group("u1"):
        n, unit = 1, _g(m, "u1")
    else:
        n, unit = _number(m.group("n") or m.group("w")), _g(m, "u")
    if not isinstance(n, int):
        return None
    letter, mult, is_time = _unit(unit)
    if mult != 1:
        return _found(m, "DURATION", _duration(n + 0.5, unit))
    half = _HALF.get("M_time" if (letter == "M" and is_time) else letter)
    if half is None:
        return _found(m, "DURATION", _duration(n + 0.5, unit))
    return _found(m, "DURATION", f"P{'T' if is_time else ''}{n}{letter}{half}")


@rule(r"(?:(?P<n>" + _NUM + r")|(?P<u0>day|year|week|month|decades?|hour|weeks|months|years))"
      r"-(?:(?P<u>" + _UNIT + r")-)?(?:long|old)", needs=r"-(?:long|old)")
@rule(r"(?P<n>" + _NUM + r")-(?P<u>" + _alt(UNITS) + r")(?!-old)", needs="-" + _alt(UNITS))
def hyphen_duration(m, ctx):
    unit = _g(m, "u") if "u" in m.groupdict() and m.group("u") else ""
    n_word = _g(m, "n") if m.group("n") else ""
    if not unit:
        if "u0" not in m.groupdict() or not m.group("u0"):
            return None
        u0 = _g(m, "u0")
        if m.group(0).lower().endswith("-old"):
            return None
        return _found(m, "DURATION", _duration(None if u0.endswith("s") else 1, u0))
    if m.group(0).lower().endswith("-old"):
        return None
    n = _number(n_word)
    if n is None and n_word not in VAGUE:
        return None
    return _found(m, "DURATION", _duration(n, unit))


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
        return _found(m, "DATE", "PAST_REF", start=start)  # a stretch of the past, not a length
    return _found(m, "DURATION", _duration(None, _g(m, "u")), start=start)


@rule(r"(?:(?<=\bfor\s)|(?<=\bof\s))the\s+(?:(?:full|current|calendar|fiscal|whole|entire)\s+)?year"
      r"(?!\s+(?:ended|ending|to|before|after|earlier|ago|in\s+which|that|when|\d))|the\s+(?:full|"
      r"current|whole|entire)\s+year(?!\s+(?:ended|ending|to|before|after|earlier|ago|\d))|"
      r"(?:the\s+)?year(?:-|\s+|'s\s+)end")
def the_year(m, ctx):
    """"for the year", "the full year", "by year-end": the current year of the report."""
    return _found(m, "DATE", str(ctx.pub.year), "all")


@rule(r"the\s+(?:(?:latest|last|previous|current)\s+)?(?:fiscal\s+)?year(?=\s+(?:ended|ending|that\s+ended)\b)")
def year_ended(m, ctx):
    """"for the year ended Sept. 30": a twelve-month reporting period, TimeML's P1Y duration."""
    return _found(m, "DURATION", "P1Y")


@rule(r"current(?=\s+[a-z])")
def current(m, ctx):
    """"current" before a noun ("its current position"): the present."""
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if re.search(r"\b(?:then|most|more|less|alternating|direct)\s+$", before):
        return None
    after = ctx.text[m.end():m.end() + 12].lower()
    if re.match(r"\s+(?:account|affairs|events|issue|flows?|of\b)", after):
        return None  # balance-of-payments and news jargon, electric current
    return _found(m, "DATE", "PRESENT_REF")


@rule(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)(?:\s+|-)century", needs="century")
def ordinal_century(m, ctx):
    return _found(m, "DATE", f"{int(m.group('n')) - 1:02d}")




@rule(r"(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen)\s+(?P<t>" + _alt(_SPELLED_TENS)
      + r")(?:[\s-](?P<o>" + _ONES + r"))?|two\s+thousand(?:\s+and)?(?:\s+(?P<o2>" + _ONES
      + r"|" + _alt(_SPELLED_TENS) + r"))?)", needs="nineteen|eighteen|thousand")
def spelled_year(m, ctx):
    """Years as broadcast transcripts write them: "nineteen ninety-six", "two thousand"."""
    if m.group("c"):
        tens = _SPELLED_TENS[_g(m, "t")]
        ones = NUMBERS[_g(m, "o")] if m.group("o") else 0
        if tens < 20 and ones:
            return None
        year = (19 if _g(m, "c") == "nineteen" else 18) * 100 + tens + ones
    else:
        tail = _g(m, "o2")
        year = 2000 + (NUMBERS.get(tail) or _SPELLED_TENS.get(tail, 0) if tail else 0)
        if not m.group(0).lower().startswith("the year") and not _YEAR_CUES.search(
                ctx.text[max(0, m.start() - 20):m.start()]):
            return None  # "two thousand troops"
    return _found(m, "DATE", str(year))


@rule(r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bin\s))(?:the\s+)?(?P<u>days|weeks|months|years|decades|"
      r"centuries)(?:\s+or\s+(?:days|weeks|months|years|decades))?")
def bare_period(m, ctx):
    """"for years", "within weeks": a vague duration."""
    after = ctx.text[m.end():m.end() + 10].lower()
    if re.match(r"\s*(?:of|ago|old|later|earlier|before|after|since|to come)\b", after):
        return None
    return _found(m, "DURATION", _duration(None, _g(m, "u")))


@rule(r"soon(?!\s+(?:as|after|afterwards?|thereafter)\b)|(?P<oneday>one\s+day)", prio=1)
def vague_future(m, ctx):
    """"soon", "will one day be": an unspecified time ahead (TimeML FUTURE_REF)."""
    before = ctx.text[max(0, m.start() - 8):m.start()].lower()
    if m.group("oneday"):
        # only the adverb after a modal ("will one day be"), not the length ("in one day")
        if not re.search(r"\b(?:will|would|could|might|may|can|'ll)\s+$", before):
            return None
    elif re.search(r"\b(?:as|how|too)\s+$", before):
        return None  # "as soon", "how soon", "too soon" compare, they do not date
    if ctx.tense(m.start(), m.end()) == "PAST":
        return None  # "was soon released": soon after a past event, not ahead of the report
    return _found(m, "DATE", "FUTURE_REF")


@rule(_alt(REFERENCES))
def reference(m, ctx):
    key = re.sub(r"\s+", " ", m.group(0).lower())
    after = ctx.text[m.end():m.end() + 20].lower()
    if key == "the past" and re.match(r"\s+(?:\d|" + _NUM + r"|few|several|decade|year|month|"
                                      r"week|day|quarter|century)", after):
        return None
    if key.startswith("the") and key.endswith(("future", "past")) and re.match(r"\s+of\b", after):
        return None  # "the future of the mission" is the course of things, not a time
    start = m.start()
    if key == "at present":
        start = m.start() + m.group(0).lower().index("present")
    return _found(m, "DATE", REFERENCES[key], start=start)


_CLOCK = (r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?"
          r"|(?P<h2>[01]?\d|2[0-3]):(?P<min2>[0-5]\d)(?!\s*[ap]\.?m)|(?P<noon>noon|midnight|midday)")


@rule(r"(?:(?:about|around|approximately|shortly\s+(?:after|before)|just\s+(?:after|before)|"
      r"roughly)\s+)?(?:" + _CLOCK + r")(?:\s+(?P<tz>" + _TZ + r"))?"
      r"(?:,?\s+(?:on\s+)?(?P<wd>" + _WD + r")|\s+(?P<deic>yesterday|today|tomorrow)|,?\s+(?:on\s+)?"
      r"(?P<mon>" + _MON + r")\s+(?P<day>" + _DAY + r"))?", flags=re.I,
      needs=r"\d\s*[ap]\.?\s?m|\d:\d|noon|midnight|midday")
def clock(m, ctx):
    if m.group("noon"):
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[_g(m, "noon")], None
        hh, mm = hh
    elif m.group("h2") is not None:
        hh, mm = int(m.group("h2")), int(m.group("min2"))
        if not (m.group("tz") or m.group("wd") or m.group("deic") or m.group("mon")):
            before = ctx.text[max(0, m.start() - 12):m.start()].lower()
            if not re.search(r"\b(?:at|by|until|from|before|after|around)\s+$", before):
                return None  # "3:1" scores, ratios, verse numbers
    else:
        hh, mm = int(m.group("h")), int(m.group("min") or 0)
        if hh > 12 or hh == 0:
            return None
        if _g(m, "ap") == "p" and hh != 12:
            hh += 12
        elif _g(m, "ap") == "a" and hh == 12:
            hh = 0
    day, rel = ctx.pub, "all"
    if m.group("wd"):
        day = _weekday_date(ctx.pub, WEEKDAYS[_g(m, "wd").rstrip(".")], ctx.tense(m.start(), m.end()))
    elif m.group("deic"):
        day = ctx.pub + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[_g(m, "deic")])
    elif m.group("mon"):
        if not _month_ok(m, ctx):
            return None
        month, dd = MONTHS[_g(m, "mon").rstrip(".")], int(re.match(r"\d+", m.group("day")).group())
        year = _pick_year(ctx.pub, month, dd, ctx.tense(m.start(), m.end()))
        if not _valid_day(year, month, dd):
            return None
        day = dt.date(year, month, dd)
    elif m.group("noon") and not re.search(r"\b(?:at|by|until|before|after|from|around|about)\s+$",
                                           ctx.text[max(0, m.start() - 12):m.start()].lower()):
        return None
    elif ctx.ref:
        day = ctx.ref
    time = f"T{hh:02d}:{mm:02d}" if mm is not None else f"T{hh:02d}"
    return _found(m, "TIME", day.isoformat() + time, rel)


@rule(r"(?:(?P<mod>last|next|this)\s+)?(?P<h>" + _alt(HOLIDAYS) + r"|thanksgiving(?:\s+day)?|"
      r"easter(?:\s+sunday)?)", flags=re.I)
def holiday(m, ctx):
    name = re.sub(r"\s+", " ", _g(m, "h"))
    if not m.group("h")[0].isupper():
        return None

    def date_in(year: int) -> dt.date:
        if name.startswith("thanksgiving"):
            return _thanksgiving(year)
        if name.startswith("easter"):
            return _easter(year)
        mo, d = HOLIDAYS[name].split("-")
        return dt.date(year, int(mo), int(d))
    mod = _g(m, "mod")
    tense = ctx.tense(m.start(), m.end())
    this = date_in(ctx.pub.year)
    if mod == "last" or (mod != "next" and tense != "FUTURE" and mod != "this"):
        year = ctx.pub.year if this <= ctx.pub else ctx.pub.year - 1
    elif mod == "next" or tense == "FUTURE":
        year = ctx.pub.year if this >= ctx.pub else ctx.pub.year + 1
    else:
        year = ctx.pub.year
    return _found(m, "DATE", date_in(year).isoformat(), "year")


# -- the pass ---------------------------------------------------------------------------------
def _label_at(doc, char: int) -> str:
    if doc is None:
        return ""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].ent_type_ if span is not None and len(span) else ""


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


def _candidates(ctx: Context) -> list[Found]:
    found = []
    for _name, pattern, handler, prio, gate in RULES:
        if gate is not None and not gate.search(ctx.text):
            continue
        for m in pattern.finditer(ctx.text):
            item = handler(m, ctx)
            if item is not None and item.end > item.start:
                item.prio = prio
                item.rule = _name
                found.append(item)
    return found


def _select(found: list[Found]) -> list[Found]:
    """Longest non-overlapping candidates, in text order."""
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), -f.prio, f.start)):
        if any(item.start < e and s < item.end for s, e in taken):
            continue
        chosen.append(item)
        taken.append((item.start, item.end))
    return sorted(chosen, key=lambda f: f.start)


def _mask(value: str, relative: str | None) -> str:
    """The value with what depends on the (unknown) publication date replaced by X."""
    if not relative:
        return value
    date, sep, time = value.partition("T")
    if relative == "year":
        masked = "XXXX" + date[4:] if re.match(r"\d{4}", date) else date
    else:
        masked = re.sub(r"\d", "X", date)
    return masked + sep + time


def _trim(text: str, item: Found) -> Found:
    """Drop edge whitespace and trailing dots that belong to the sentence, not the expression."""
    while item.end > item.start and text[item.end - 1].isspace():
        item.end -= 1
    while item.start < item.end and text[item.start].isspace():
        item.start += 1
    return item


def _remember(ctx: Context, item: Found) -> None:
    """Update the narrative's anchors (last day, month, year, quarter) with a resolved value."""
    value = item.value
    if item.type == "DURATION" and value in ("P6M", "P9M"):
        ctx.quarter = None  # "for the nine months ... a year earlier": no longer one quarter
        return
    if item.type not in ("DATE", "TIME"):
        return
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dX])", value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        ctx.ref_year = year
        if month:
            ctx.ref_month = (year, int(month))
        if day and _valid_day(year, int(month), int(day)):
            ctx.ref = dt.date(year, int(month), int(day))
    q = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if q and item.anchored is None:
        # Only a quarter already over when the story was written can be "the quarter" whose
        # results are reported; "a fourth-quarter charge" in November looks ahead.
        year, n = int(q.group(1)), int(q.group(2))
        if (year, n) < (ctx.pub.year, _quarter(ctx.pub)):
            ctx.quarter = value
    elif re.fullmatch(r"\d{4}-H\d", value):
        ctx.quarter = None


def find_times(doc, published: dt.date | None) -> list[dict]:
    """TIMEX3-style time expressions of ``doc`` (a spaCy Doc), normalized against ``published``.

    Returns ``[{"text", "start", "end", "value", "type"}]`` in text order, offsets into doc.text.
    """
    text = doc_text(doc) if doc is not None else ""
    if not text:
        return []
    pub = published or _PLACEHOLDER_DATE
    ctx = Context(doc=doc, text=text, pub=pub)
    items = _select(_candidates(ctx))
    out = []
    for item in items:
        _trim(text, item)
        if item.anchored is not None:
            item.value = item.anchored(item, ctx)
        _remember(ctx, item)
        value = _mask(item.value, item.relative) if published is None else item.value
        out.append({"text": text[item.start:item.end], "start": item.start, "end": item.end,
                    "value": value, "type": item.type})
    return out


# Stands in for an unknown publication date; every value computed from it is masked.
_PLACEHOLDER_DATE = dt.date(2001, 6, 15)
