"""nlp.scan.Scanner: the matches of ``pattern.finditer`` and ``pattern.search``, found faster."""
from __future__ import annotations

import re

import pytest

from tidings.nlp.scan import EXTRA_CASES, Scanner, WordScanner, first_char_finder, opening_check
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


EDGE = r"(?<![\w'])"


def test_word_scanner_finds_what_each_pattern_finds():
    """The time rules over texts with apostrophes, hyphens, odd cases and non-ASCII letters,
    and patterns it must leave to their Scanner (no edge; may match the empty string)."""
    patterns = [scanner.pattern for _, scanner, _, _, _ in RULES]
    patterns += [re.compile(source, re.I) for source, flags in PATTERNS if flags == re.I]
    word_scanner = WordScanner(patterns, EDGE)
    for text in TEXTS + [t.upper() for t in TEXTS] + [t.swapcase() for t in TEXTS]:
        for pattern, found in zip(patterns, word_scanner.scan(text)):
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in found] == expected


def test_openings_follow_optional_and_repeated_parts():
    first, openings = opening_check(re.compile(EDGE + r"(?:the\s+)?(?:\d+|two)\s+days?", re.I))
    assert ("[Tt]", "[Hh]", "[Ee]", r"[\s]", r"[\s]") in {
        tuple("[" + "".join(sorted(c)) + "]" for c in o) for o in openings}
    assert opening_check(re.compile(r"x*", re.I)) is None


def test_every_time_rule_is_scanned_by_word_starts():
    """A rule left to its own Scanner is slow again (the times stage's select pass)."""
    from tidings.times.select import _SCANNER

    _SCANNER.scan("")
    assert not _SCANNER._plain


def test_an_edge_before_one_alternative_only_is_not_an_edge():
    patterns = [re.compile(EDGE + r"day|night", re.I)]
    assert [m.span() for m in WordScanner(patterns, EDGE).scan("a midnight")[0]] == [(5, 10)]
