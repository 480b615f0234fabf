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
# How many opening characters the finder checks before trying the pattern: three tell most
# words that cannot open a match from those that can ("the" from "thu"); more add branches
# to the check and saved nothing on the time rules (PolNeAR texts).
OPENING = 5


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


class WordScanner:
    """``finditer`` of many patterns over one text, each opening at the same word edge (a
    lookbehind such as ``(?<![\\w'])``): the matches each pattern's own ``finditer`` gives.

    Why: the time rules' ~45 patterns each scanned the whole text, ~0.5 s per 100 news
    articles even with ``Scanner``; most of it went in trying long case-insensitive
    alternations wherever a word could begin. Here the text's word starts are found once, and
    at each the first ``OPENING`` characters pick the patterns that can open a match there
    (worked out from each pattern once per distinct opening, then remembered): a pattern is
    tried only where it may match, in text order, from the end of its last match, as
    ``finditer`` goes. A pattern without the edge, or whose opening is not worked out, is
    scanned by its ``Scanner``.
    """

    # Openings remembered (distinct strings of OPENING characters at the word starts where a
    # pattern may match: ~900 in 100 news articles); past this many the memory is cleared.
    MAX_OPENINGS = 200_000

    def __init__(self, patterns: list[re.Pattern[str]], edge: str):
        self.patterns = patterns
        self._edge = edge
        self._built = False

    def _build(self) -> None:
        """The word-start finder and each pattern's opening check, made on first use."""
        self._openings: dict[str, tuple[int, ...]] = {}
        self._checks: list[tuple[int, re.Pattern[str]]] = []
        self._plain: list[tuple[int, Scanner]] = []
        firsts: set[str] = set()
        every: set[tuple] = set()
        flags = {p.flags for p in self.patterns}
        for i, pattern in enumerate(self.patterns):
            check = opening_check(pattern) if len(flags) == 1 else None
            if check is None or not _opens_with(pattern, self._edge):
                self._plain.append((i, Scanner(pattern)))
                continue
            self._checks.append((i, re.compile(_tree(check[1]))))
            firsts |= check[0]
            every |= check[1]
        # the first character, then the edge before it and an opening of some pattern: ``re``
        # skips to the characters in the class, and yields only the word starts (a tenth of
        # them) where a pattern may match
        self._starts = (re.compile("[" + "".join(sorted(firsts)) + "](?<=" + self._edge
                                   + r"[\s\S])(?<=(?=(?-i:" + _tree(every) + r"))[\s\S])",
                                   flags.pop()) if firsts else None)
        self._built = True

    def scan(self, text: str) -> list[list[re.Match[str]]]:
        """For each pattern, the matches its ``finditer`` gives over ``text``."""
        if not self._built:
            self._build()
        found: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        for i, scanner in self._plain:
            found[i] = list(scanner.finditer(text))
        if self._starts is None:
            return found
        ends = [0] * len(self.patterns)
        openings, patterns = self._openings, self.patterns
        for start in self._starts.finditer(text):
            at = start.start()
            key = text[at:at + OPENING]
            hits = openings.get(key)
            if hits is None:
                hits = self._hits(key)
            for i in hits:
                if at >= ends[i]:
                    m = patterns[i].match(text, at)
                    if m is not None:
                        found[i].append(m)
                        ends[i] = m.end()
        return found

    def _hits(self, key: str) -> tuple[int, ...]:
        """The patterns whose opening check accepts ``key`` (remembered)."""
        if len(self._openings) >= self.MAX_OPENINGS:
            self._openings.clear()
        hits = tuple(i for i, check in self._checks if check.match(key))
        self._openings[key] = hits
        return hits


def _opens_with(pattern: re.Pattern[str], edge: str) -> bool:
    """Whether ``pattern`` begins with the lookbehind ``edge`` and every match must pass it
    (the edge is not only the start of the first of several alternatives)."""
    if not pattern.pattern.startswith(edge):
        return False
    first = _parser.parse(pattern.pattern, pattern.flags)[0]
    return first[0] in (sre.ASSERT, sre.ASSERT_NOT) and first[1][0] == -1


def opening_check(pattern: re.Pattern[str]) -> tuple[set[str], set[tuple]] | None:
    """The class items a match of ``pattern`` can begin with, and the openings of its
    matches: tuples of the classes of its first ``OPENING`` characters, one of which every
    match's opening matches (a necessary condition: an opening is cut short wherever it is
    not worked out). None when a match may be empty or its first character is not worked
    out."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        first, empty = _first_of(parsed)
        openings: set[tuple] = set()
        _openings((), list(parsed), (), openings)
    except (_Unknown, re.error, RecursionError):
        return None
    if empty or not first or () in openings:
        return None
    return first, openings


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


def _openings(prefix: tuple, items: list, rest: tuple, out: set) -> None:
    """Add to ``out`` the openings of a match of ``items`` then of each list in ``rest``:
    tuples of up to OPENING classes (frozensets of class items), cut short where a
    construct is not worked out or the match may end."""
    if len(prefix) >= OPENING or not items and not rest:
        out.add(prefix)
        return
    if not items:
        _openings(prefix, list(rest[0]), rest[1:], out)
        return
    (op, av), tail = items[0], items[1:]
    if op is sre.LITERAL or op is sre.IN:
        try:
            chars = _cases(av) if op is sre.LITERAL else _class_items(av)
        except _Unknown:
            out.add(prefix)
            return
        _openings(prefix + (frozenset(chars),), tail, rest, out)
    elif op is sre.BRANCH:
        for alternative in av[1]:
            _openings(prefix, list(alternative), (tail,) + rest, out)
    elif op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        _openings(prefix, list(av[-1] if op is sre.SUBPATTERN else av), (tail,) + rest, out)
    elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        if low == 0:
            _openings(prefix, tail, rest, out)
        if high == 0:
            return
        if high == 1:  # "(the )?": once, then the rest
            _openings(prefix, list(body), (tail,) + rest, out)
        elif not _first_of(body)[1]:  # "\s+": once, then as many more as may follow
            again = [(op, (max(low - 1, 0), high if high is sre.MAXREPEAT else high - 1,
                           body))]
            _openings(prefix, list(body), (again + list(tail),) + rest, out)
        else:  # a body that may match nothing: cut here
            _openings(prefix, list(body), (), out)
    elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        _openings(prefix, tail, rest, out)  # zero width: the next item opens the match
    else:
        out.add(prefix)


def _tree(openings: set[tuple]) -> str:
    """An alternation over ``openings`` with their shared first classes factored out."""
    if () in openings:
        return ""
    heads: dict[frozenset, set[tuple]] = {}
    for opening in openings:
        heads.setdefault(opening[0], set()).add(opening[1:])
    branches = ["[" + "".join(sorted(head)) + "]" + _tree(tails)
                for head, tails in sorted(heads.items(), key=lambda h: sorted(h[0]))]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


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
