"""The registry of recognition rules and the helpers the rules share.

A rule is a function ``f(match, ctx) -> Found | None`` registered with ``@rule(pattern)``: the
selection pass runs every pattern over the text and asks the function what each match means
(or None: not a time expression after all). The rules themselves live in ``rules_*.py``, one
module per kind of expression; the pass imports them all.
"""
from __future__ import annotations

import re
from typing import Callable

from tidings.data import words
from tidings.nlp.scan import Scanner
from tidings.times.context import Context, Found
from tidings.times.patterns import LEFT_EDGE, MONTH_CUES, RIGHT_EDGE
from tidings.times.words import AMBIGUOUS_MONTHS, FULL_MONTHS

Rule = tuple[str, Scanner, Callable, int, "Scanner | None"]

# The order rules are tried in, which decides between two candidates of the same span and the
# same priority (the one earlier here wins): "the last fiscal year" before "ended" is a date
# (relative_unit), not the duration year_ended reads. A rule missing here is refused at import.
ORDER = (
    "full_date", "iso_date", "us_numeric_date", "month_year", "month_rel_year", "month_alone",
    "year", "year_span", "decade", "quarter", "season",
    "deictic_day", "part_of_today", "part_alone", "weekday", "relative_unit", "the_weekend",
    "in_the_unit",
    "ago", "unit_earlier", "year_ago_adj", "the_quarter", "period_of_year", "narrative",
    "every", "set_adverb", "duration", "half_duration", "hyphen_duration", "vague_period",
    "the_year", "year_ended", "current", "ordinal_century", "spelled_year", "bare_period",
    "vague_future", "reference", "clock", "holiday",
)

_REGISTERED: list[Rule] = []
# Month names that are common words ("may", "march"): alone, a month only after a cue.
_NEEDS_CUE = words("months_needing_cue")


def rule(pattern: str, flags: int = re.I, prio: int = 0, needs: str | None = None):
    """Register a handler ``f(match, ctx) -> Found | None`` for ``pattern``.

    ``prio``: wins over a candidate of the same length (a higher one first). ``needs``: a
    regex every match of ``pattern`` contains (a literal the pattern cannot do without, such as
    "ago"). A text without it skips the rule: scanning each of ~45 rules over every character
    was ~40% of extraction time beyond spaCy, and a gate that starts with a literal is found by
    a fast search instead of a rule tried at every position. Both are scanned by
    ``tidings.nlp.scan.Scanner``, which skips to the characters a match can begin with.
    """
    compiled = Scanner(re.compile(LEFT_EDGE + "(?:" + pattern + ")" + RIGHT_EDGE, flags))
    gate = Scanner(re.compile(needs, re.I)) if needs else None

    def wrap(func):
        if func.__name__ not in ORDER:
            raise ValueError(f"time rule {func.__name__!r} is not in tidings.times.rules.ORDER")
        _REGISTERED.append((func.__name__, compiled, func, prio, gate))
        return func
    return wrap


def in_order() -> list[Rule]:
    """The registered rules in ``ORDER`` (a rule with two patterns keeps their order)."""
    return sorted(_REGISTERED, key=lambda r: ORDER.index(r[0]))


def g(m: re.Match, name: str) -> str:
    """Group ``name`` of ``m`` in lower case ("" when it did not take part)."""
    return (m.group(name) or "").lower()


def found(m: re.Match, type_: str, value: str, relative: str | None = None,
          anchored: Callable | None = None, start: int | None = None,
          end: int | None = None) -> Found:
    """A candidate over the match (or ``start:end``) with its TIMEX3 type and value."""
    return Found(m.start() if start is None else start, m.end() if end is None else end,
                 type_, value, relative, anchored)


def label_at(doc, char: int) -> str:
    """spaCy's entity label of the token at ``char`` ("" when none)."""
    if doc is None:
        return ""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].ent_type_ if span is not None and len(span) else ""


def month_ok(m: re.Match, ctx: Context, group: str = "mon", cue_needed: bool = False) -> bool:
    """An ambiguous month word ("May", "Mar") counts only capitalized, and alone only after a
    cue."""
    word = m.group(group)
    key = word.lower().rstrip(".")
    if key in AMBIGUOUS_MONTHS and not word[0].isupper():
        return False
    if cue_needed and label_at(ctx.doc, m.start(group)) == "PERSON":
        return False  # a first name that is a month word ("June Carter")
    if cue_needed and (key in _NEEDS_CUE or (key not in FULL_MONTHS and not word.endswith("."))):
        return bool(MONTH_CUES.search(ctx.text[max(0, m.start() - 30):m.start()]))
    return True


def is_title(m: re.Match, ctx: Context) -> bool:
    """Whether a capitalized match is part of a name ("Britain Today", a show called "This Week
    at Home")."""
    parts = m.group(0).split()
    if not all(w[0].isupper() for w in parts):
        return False
    before = ctx.text[:m.start()].rstrip()
    if not before or before[-1] in ".!?:;":
        return False  # capitalized because it opens a sentence
    if before[-1] in "\"“`'(\n" or ctx.text[m.start() - 1] == "\n":
        # after an opening quote: a title only when the quotation ends with it or a name goes on
        return bool(re.match(r"[,.]?[\"”']|\s+[A-Z]\w*\s+[A-Z]", ctx.text[m.end():m.end() + 30]))
    return True
