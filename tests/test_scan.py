"""nlp.scan.Scanner: the matches of ``pattern.finditer`` and ``pattern.search``, found faster."""
from __future__ import annotations

import re

import pytest

from tidings.nlp.scan import EXTRA_CASES, Scanner, first_char_finder
from tidings.times.select import RULES

EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)

TEXTS = [
    "The talks resumed on Monday, three weeks after the ceasefire of March 4, 2021.",
    "NEARLY TWO YEARS AGO the mayor said: \"We will rebuild by next spring.\"",
    "Tom's 5-year-old son\nwent home last week; the 1990s were calmer.",
    "In İstanbul the ſeason of \u212aings began the day before yesterday, 12:30 p.m.",
    "Ein Jahr später, a decade-long feud ended \u2014 \u201cfor good,\u201d she said.",
    "",
    "x",
]
PATTERNS = [
    (r"(?<![\w'])(?:(?:about|nearly)\s+)?(?:\d+|two|three)\s+(?:weeks?|years?)(?![\w])", re.I),
    (r"(?<![\w'])(?:monday|tuesday|spring|season|kings?)(?![\w])", re.I),
    (r"(?:the\s+)?(?:day\s+before\s+)?yesterday", re.I),
    (r"\d{1,2}:\d\d\s*[ap]\.m\.", re.I),
    (r"[A-Z]{2,}", 0),  # case-sensitive
    (r"(?<=\bthe\s)\w+", re.I),
    (r"x*", re.I),  # may match the empty string: scanned as before
    (r"[^a-z]+", re.I),  # a negated class: scanned as before
    (r"\u201c[^\u201d]*\u201d", 0),
]


def test_the_non_ascii_letters_matching_ascii_ones_are_listed():
    found = set(re.findall("[a-z]", EVERY_CHARACTER, re.I)) - set("abcdefghijklmnopqrstuvwxyz"
                                                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert found == set("".join(EXTRA_CASES.values()))


@pytest.mark.parametrize("escape", [r"\w", r"\d", r"\s"])
def test_the_classes_a_filter_keeps_are_the_same_in_any_case(escape):
    assert re.findall(f"[{escape}]", EVERY_CHARACTER, re.I) == \
        re.findall(f"[{escape}]", EVERY_CHARACTER)


@pytest.mark.parametrize("source,flags", PATTERNS)
def test_scanner_finds_what_the_pattern_finds(source, flags):
    pattern = re.compile(source, flags)
    scanner = Scanner(pattern)
    for text in TEXTS + [t.upper() for t in TEXTS] + [t.swapcase() for t in TEXTS]:
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in scanner.finditer(text)] == expected
        first, got = pattern.search(text), scanner.search(text)
        assert (first and first.span()) == (got and got.span())


def test_patterns_it_cannot_filter_are_scanned_as_before():
    assert first_char_finder(re.compile(r"x*", re.I)) is None
    assert first_char_finder(re.compile(r"[^a-z]+", re.I)) is None
    assert first_char_finder(re.compile(r"(?<![\w'])(?:may|june)", re.I)) is not None


def test_every_time_rule_is_filtered():
    """The rules are what the filter is for: a rule that falls back is slow again."""
    assert all(scanner.finder is not None for _, scanner, _, _, _ in RULES)
