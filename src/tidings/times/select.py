"""The selection pass: every rule proposes candidates, overlaps are resolved longest-first, and
the chosen expressions are resolved in text order against the narrative's anchors.

Anchors are the last day, month, year and completed quarter the story named: "the next day"
after "on March 3" is March 4, and "a year earlier" in a quarterly report is the same quarter of
the year before. Without a publication date, what depends on it is masked (``XXXX-XX-XX``).
"""
from __future__ import annotations

import datetime as dt
import re

from tidings import records
from tidings.nlp.doctext import doc_text
from tidings.nlp.scan import WordScanner
from tidings.times import rules_dates, rules_days, rules_periods, rules_relative  # noqa: F401
from tidings.times.calendar import quarter_of, valid_day
from tidings.times.context import Context, Found
from tidings.times.patterns import LEFT_EDGE
from tidings.times.rules import in_order

# Importing the rule modules registers their rules; this is the order they are tried in.
RULES = in_order()
# Every rule's pattern over the text in one pass over its word starts (the rules' left edge).
_SCANNER = WordScanner([scanner.pattern for _, scanner, *_ in RULES], LEFT_EDGE)
# Stands in for an unknown publication date; every value computed from it is masked.
PLACEHOLDER_DATE = dt.date(2001, 6, 15)


def candidates(ctx: Context) -> list[Found]:
    """What every rule proposes over the text, in rule order then text order."""
    proposed = []
    for (name, _, handler, prio, gate), found in zip(RULES, _SCANNER.scan(ctx.text)):
        # a gate only ever drops matches (a text without the literal has none): asked only
        # of the few rules that matched, it costs nothing where they did not
        if not found or (gate is not None and gate.search(ctx.text) is None):
            continue
        for m in found:
            item = handler(m, ctx)
            if item is not None and item.end > item.start:
                item.prio = prio
                item.rule = name
                proposed.append(item)
    return proposed


def select(proposed: list[Found]) -> list[Found]:
    """Longest non-overlapping candidates, in text order (a tie goes to the higher priority,
    then to the earlier start, then to the rule tried first)."""
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(proposed, key=lambda f: (-(f.end - f.start), -f.prio, f.start)):
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
    """Drop edge whitespace that belongs to the sentence, not the expression."""
    while item.end > item.start and text[item.end - 1].isspace():
        item.end -= 1
    while item.start < item.end and text[item.start].isspace():
        item.start += 1
    return item


def _remember(ctx: Context, item: Found) -> None:
    """Update the narrative's anchors (last day, month, year, quarter) with a resolved value."""
    value = item.value
    if item.type == "DURATION" and value in ("P6M", "P9M"):
        ctx.quarter = None  # "for the six months ... a year earlier": no longer one quarter
        return
    if item.type not in ("DATE", "TIME"):
        return
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dX])", value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        ctx.ref_year = year
        if month:
            ctx.ref_month = (year, int(month))
        if day and valid_day(year, int(month), int(day)):
            ctx.ref = dt.date(year, int(month), int(day))
    q = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if q and item.anchored is None:
        # Only a quarter already over when the story was written can be "the quarter" whose
        # results are reported; "a fourth-quarter charge" in November looks ahead.
        year, n = int(q.group(1)), int(q.group(2))
        if (year, n) < (ctx.pub.year, quarter_of(ctx.pub)):
            ctx.quarter = value
    elif re.fullmatch(r"\d{4}-H\d", value):
        ctx.quarter = None


def find_times(ctx: records.Context) -> list[records.TimeExpr]:
    """TIMEX3-style time expressions of the article, normalized against its publication date,
    in text order (offsets into the document's text)."""
    doc, published = ctx.doc, ctx.published
    text = doc_text(doc) if doc is not None else ""
    if not text:
        return []
    pub = published or PLACEHOLDER_DATE
    ctx = Context(doc=doc, text=text, pub=pub)
    out = []
    for item in select(candidates(ctx)):
        _trim(text, item)
        if item.anchored is not None:
            item.value = item.anchored(item, ctx)
        _remember(ctx, item)
        value = _mask(item.value, item.relative) if published is None else item.value
        out.append(records.TimeExpr(text[item.start:item.end], item.start, item.end, value,
                                    item.type))
    return out
