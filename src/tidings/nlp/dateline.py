"""The dateline of a wire story: where it was filed and, in some styles, on which day.

"LAGOS, Nigeria (AP) _ ...", "BRUSSELS, March 3 (Xinhua) -- ...", "OTTAWA (Reuters) - ...":
an all-capitals place name (with its country or state after a comma), an optional date, an
optional agency in parentheses, then a dash, an underscore or a colon. It opens the story's
first paragraph, after the headline when there is one. Stages read it for the report's date
(events without a date of their own), the story's place and country (actors, places).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.data import json_table
from tidings.nlp.doctext import doc_text

# The dateline opens one of the first paragraphs: the headline (and a byline) may come first.
MAX_PARAGRAPHS_BEFORE = 3
_KEY = "tidings.dateline"


def _pattern() -> re.Pattern:
    # month names and abbreviations as time_words.json lists them ("february", "feb", "sept")
    months = "|".join(sorted((m.capitalize() for m in json_table("time_words.json")["months"]),
                             key=len, reverse=True))
    return re.compile(
        r"(?P<place>[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*)*)"       # O'SMACH, THE HAGUE
        r"(?:,\s*(?P<region>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}))?"  # , Cambodia
        r"(?:,\s*(?P<date>(?:" + months + r")\.?\s+\d{1,2}(?:,\s*\d{4})?))?"  # , March 3
        r"\s*(?P<agency>\([^()\n]{1,40}\))?"                          # (AP)
        r"\s*(?P<sep>--|—|–|―|_|-|:)\s")


_DATELINE = _pattern()


@dataclass(frozen=True)
class Dateline:
    """Character spans of a dateline and its parts (offsets into the text)."""

    start: int
    end: int
    place: tuple[int, int]
    region: tuple[int, int] | None = None
    date: tuple[int, int] | None = None


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the text's first paragraphs, or None."""
    start = 0
    for _ in range(MAX_PARAGRAPHS_BEFORE):
        match = _DATELINE.match(text, start)
        if match is not None and _plausible(match):
            span = lambda name: match.span(name) if match.group(name) else None  # noqa: E731
            return Dateline(match.start(), match.end(), match.span("place"), span("region"),
                            span("date"))
        nxt = text.find("\n", start)
        if nxt < 0:
            return None
        start = nxt + 1
        while start < len(text) and text[start] in "\n \t":
            start += 1
    return None


def _plausible(match: re.Match) -> bool:
    """A place in capitals with an agency, a date or a region after it; or, alone before a
    dash, a place of at least four capitals ("KABUL -- ..."; "AP:" or "NOTE:" is no place)."""
    letters = [c for c in match.group("place") if c.isalpha()]
    if len(letters) < 2:
        return False
    if match.group("agency") or match.group("date") or match.group("region"):
        return True
    return len(letters) >= 4 and match.group("sep") not in ("_", ":")


def dateline(doc) -> Dateline | None:
    """The dateline of a parsed Doc's text, found once per Doc."""
    if _KEY not in doc.user_data:
        doc.user_data[_KEY] = find_dateline(doc_text(doc))
    return doc.user_data[_KEY]


def headline_end(doc) -> int:
    """Where the story's headline ends (0 when it has none): its first line, when more lines
    follow and the line does not end as a sentence does ("Rebels seize border town")."""
    text = doc_text(doc)
    first = text.find("\n")
    if first <= 0 or not text[first:].strip():
        return 0
    line = text[:first].rstrip()
    if not line or line[-1] in ".!?\"”'" or len(line) > MAX_HEADLINE_CHARS:
        return 0
    return first


# A headline longer than this is a first paragraph without a full stop (transcripts).
MAX_HEADLINE_CHARS = 150
