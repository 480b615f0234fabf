"""Faster whole-text scans with a case-insensitive pattern, with the same matches.

Python's ``re`` skips ahead to the characters a match can begin with only for a pattern that
starts with a case-sensitive literal or character class; a case-insensitive pattern, or one
that opens with a lookbehind (the time rules' word edge), is tried at every position of the
text. The time rules run ~45 such patterns over every article: ~0.85 s per 100 news
articles, a third of the extraction time beyond spaCy (measured on PolNeAR texts).

``Scanner`` works out the characters a match can begin with, in every case, from the parsed
pattern, and finds candidate positions with a pattern that starts with exactly that class
(so ``re`` skips the rest in C) and then asserts the whole original pattern there: the same
positions, ~40% less time. Each match returned is the original pattern's own match at that
position, so groups and spans are what ``finditer`` gives. A pattern whose first characters
cannot be worked out (it may match the empty string, or begins with a negated class or any
character) is scanned as before.
"""
from __future__ import annotations

import re
import unicodedata
try:  # the parser and its opcodes: private modules, stable from Python 3.11 to 3.13
    from re import _constants as sre  # noqa: N813
    from re import _parser
except ImportError:  # another Python: every pattern is scanned plainly (first_char_finder)
    sre = _parser = None
from typing import Iterator

# Non-ASCII characters that a case-insensitive ASCII letter matches besides its two cases
# (every one there is: the characters of U+0080-U+10FFFF that ``[a-z]`` matches under re.I).
EXTRA_CASES = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s",
               sre.CATEGORY_WORD: r"\w"} if sre is not None else {}
# A class over more characters than this is not worth listing (and is no use as a filter).
_MAX_RANGE = 128


class _Unknown(Exception):
    """A construct whose first characters are not worked out: scan as before."""


class Scanner:
    """``finditer`` and ``search`` of a compiled pattern, with a first-character filter."""

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self._finder: re.Pattern[str] | None | bool = False  # built on first use

    @property
    def finder(self) -> re.Pattern[str] | None:
        """The first-character finder (None: scan with the pattern itself), compiled when
        first needed: ~1 ms a pattern, which a process that never scans does not pay."""
        if self._finder is False:
            self._finder = first_char_finder(self.pattern)
        return self._finder

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives (none of them is empty)."""
        finder = self.finder
        if finder is None:
            yield from self.pattern.finditer(text)
            return
        search, match = finder.search, self.pattern.match
        pos = 0
        while True:
            candidate = search(text, pos)
            if candidate is None:
                return
            m = match(text, candidate.start())  # matches: the finder asserted it there
            yield m
            pos = m.end()

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``: the first match."""
        finder = self.finder
        if finder is None:
            return self.pattern.search(text)
        candidate = finder.search(text)
        return None if candidate is None else self.pattern.match(text, candidate.start())


def first_char_finder(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching one character at each position where ``pattern`` matches: a
    case-sensitive class of every character a match can begin with, then a lookbehind over
    that character asserting the whole pattern from it. None when not worked out."""
    if _parser is None:
        return None
    try:
        first, empty = _first_of(_parser.parse(pattern.pattern, pattern.flags))
        if empty or not first:
            return None
        flags = "i" if pattern.flags & re.I else ""
        source = ("[" + "".join(sorted(first)) + "](?<=(?=(?" + flags + ":"
                  + pattern.pattern + r"))[\s\S])")
        return re.compile(source, pattern.flags & ~re.I)
    except (_Unknown, re.error, RecursionError):
        return None


def _first_of(items) -> tuple[set[str], bool]:
    """The class items (escaped characters, ``\\d``...) a sequence's match can begin with,
    and whether the sequence can match the empty string."""
    first: set[str] = set()
    for op, av in items:
        chars, empty = _first_of_item(op, av)
        first |= chars
        if not empty:
            return first, False
    return first, True


def _first_of_item(op, av) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return _cases(av), False
    if op is sre.IN:
        return _class_items(av), False
    if op is sre.BRANCH:
        first: set[str] = set()
        empty = False
        for alternative in av[1]:
            chars, can_be_empty = _first_of(alternative)
            first |= chars
            empty = empty or can_be_empty
        return first, empty
    if op is sre.SUBPATTERN:
        return _first_of(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _first_of(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        chars, empty = _first_of(av[2])
        return chars, empty or av[0] == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # zero width: the next item begins the match
    raise _Unknown(op)


def _class_items(items) -> set[str]:
    first: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            first |= _cases(av)
        elif op is sre.RANGE and av[1] - av[0] <= _MAX_RANGE:
            for code in range(av[0], av[1] + 1):
                first |= _cases(code)
        elif op is sre.CATEGORY and av in _CATEGORIES:
            first.add(_CATEGORIES[av])
        else:  # a negated class, a wide range, \S, \W, \D
            raise _Unknown(op)
    return first


def _cases(code: int) -> set[str]:
    """The character and every character it matches case-insensitively, escaped."""
    char = chr(code)
    if char.isascii():
        chars = {char, char.lower(), char.upper()}
        chars |= set(EXTRA_CASES.get(char.lower(), ""))
        return {re.escape(c) for c in chars}
    if unicodedata.category(char)[0] in "PZ":  # punctuation and spaces have no case
        return {re.escape(char)}
    raise _Unknown(char)
