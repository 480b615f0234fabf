"""Sentence numbers: which sentence of its article an event was read from (ICEWS "Sentence
Number", Phoenix "SentenceID"), counted from 1.

The document gives each event the offsets of its sentence but not its position, so the
store counts the sentence ends before it: a period, question or exclamation mark (closing
quotes and brackets after it included) followed by space and a capital, digit or opening
quote, unless the word before the period is an abbreviation ("Mr.", "Jan.") or an initial;
and a line break before text. Close to spaCy's own segmentation on news prose, and the
same for every row of an article, so numbers never repeat or run backwards.
"""
from __future__ import annotations

import bisect
import functools
import re

from tidings import data

_END = re.compile(r"""([.!?])["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(\[]?[A-Z0-9])|\n\s*(?=\S)""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
# Characters looked back from a period for the word it ends: longer than any abbreviation.
LOOK_BACK = 24


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return data.words("sentence_abbreviations")


def starts(text: str) -> list[int]:
    """Offsets where the sentences of ``text`` begin (0 first)."""
    found = [0]
    for match in _END.finditer(text):
        if match.group(1) == ".":  # the word the period ends, from a short look back
            word = _WORD_BEFORE.search(text[max(0, match.start(1) - LOOK_BACK):
                                            match.start(1) + 1])
            if word:
                token = word.group(1).lower()
                if len(token) == 1 or "." in token or token in _abbreviations():
                    continue  # an initial ("John F. Kennedy"), "U.S.", "Mr."
        if match.end() < len(text) and match.end() > found[-1]:
            found.append(match.end())
    return found


def number(sentence_starts: list[int], offset: int | None) -> int | None:
    """The 1-based number of the sentence holding ``offset``."""
    if offset is None:
        return None
    return bisect.bisect_right(sentence_starts, offset)
