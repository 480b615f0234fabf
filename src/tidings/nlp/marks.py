"""Quotation-mark scanning: the spans of text in quotation marks, whatever the mark style.

Works on characters, not tokens, so that unbalanced or odd marks can never crash it: a
mark that cannot be paired is ignored, a paragraph that opens a mark and does not close it
runs to its end (and on into the next paragraph when that one opens a mark again: the
news convention for quotes over several paragraphs).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from tidings.data import word_list
from tidings.nlp.doctext import doc_text

_REGIONS = "tidings.quoted_regions"  # the Doc's user_data key of its QuotedRegions


def chars(name: str) -> frozenset[str]:
    """A character set of data/word_sets: its members are single characters, or U+XXXX for a
    character a cell cannot hold (a space, a tab, a newline)."""
    return frozenset(chr(int(w[2:], 16)) if w.startswith("U+") else w for w in word_list(name))


DOUBLE_OPEN = chars("double_open_marks")
DOUBLE_CLOSE = chars("double_close_marks")
STRAIGHT_DOUBLE = chars("straight_double_marks")
SINGLE_OPEN = chars("single_open_marks")
SINGLE_CLOSE = chars("single_close_marks")  # also the apostrophe
STRAIGHT_SINGLE = chars("straight_single_marks")
OPENING_MARKS = DOUBLE_OPEN | SINGLE_OPEN | STRAIGHT_DOUBLE | STRAIGHT_SINGLE
CLOSING_MARKS = DOUBLE_CLOSE | SINGLE_CLOSE | STRAIGHT_DOUBLE | STRAIGHT_SINGLE
_OPENS_AFTER = chars("straight_mark_opens_after")
# Two-character marks of typewriter-era wire copy (``like this''), read as the curly pair.
PAIRED_OPEN = frozenset(word_list("paired_open_marks"))
PAIRED_CLOSE = frozenset(word_list("paired_close_marks"))  # also opening in some papers' copy
_CURLY_OPEN, _CURLY_CLOSE = "\u201c", "\u201d"
_DOUBLE_FAMILY = DOUBLE_OPEN | DOUBLE_CLOSE | STRAIGHT_DOUBLE
_SINGLE_FAMILY = SINGLE_OPEN | SINGLE_CLOSE | STRAIGHT_SINGLE


@dataclass
class Marked:
    """Text between quotation marks; start/end exclude the marks."""

    start: int
    end: int
    open_at: int                  # offset of the opening mark
    close_at: int | None          # offset of the closing mark (None: ran to paragraph end)
    paragraphs: int = 1           # how many paragraphs it covers


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _role(text: str, i: int, single: bool) -> str | None:
    """'open', 'close' or None (not a quotation mark here) for the mark at text[i]."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not single:
        if ch in DOUBLE_OPEN:
            return "open"
        if ch in DOUBLE_CLOSE:
            # a closing curly mark at the head of a paragraph is a mistyped opening one
            return "open" if prev == "\n" or i == 0 else "close"
        # straight double: opens after space/punctuation, closes otherwise
        if prev in _OPENS_AFTER and not nxt.isspace():
            return "open"
        return "close" if not prev.isspace() or nxt.isspace() or nxt in ".,;:!?" else "open"
    # single marks double as apostrophes: only a mark at a word edge counts
    if ch in SINGLE_OPEN or (ch in STRAIGHT_SINGLE and prev in _OPENS_AFTER):
        return "open" if (nxt.isalnum() or nxt in "\u201c\"$") else None
    if ch in SINGLE_CLOSE or ch in STRAIGHT_SINGLE:
        if prev.isalnum() and nxt.isalpha():
            return None  # don't, it's
        if prev.isspace():
            return None
        return "close"
    return None


def _scan_paragraph(text: str, pstart: int, pend: int, single: bool) -> list[Marked]:
    """Pairs of one mark family in one paragraph; an open mark left over runs to the end."""
    found: list[Marked] = []
    family = _SINGLE_FAMILY if single else _DOUBLE_FAMILY
    open_at: int | None = None
    for i in range(pstart, pend):
        if text[i] not in family:
            continue
        role = _role(text, i, single)
        if role == "open":
            if open_at is not None and i - open_at > 1:
                # a second opening mark before any closing one: the first was never closed
                found.append(Marked(open_at + 1, i, open_at, None))
            open_at = i
        elif role == "close" and open_at is not None:
            if i > open_at + 1:
                found.append(Marked(open_at + 1, i, open_at, i))
            open_at = None
    if open_at is not None and pend > open_at + 1:
        found.append(Marked(open_at + 1, pend, open_at, None))
    return found


def _inside(spans: list[Marked], i: int) -> bool:
    return any(m.start <= i < m.end for m in spans)


def _clean(text: str, m: Marked) -> Marked | None:
    """Trim whitespace at the edges; None when nothing is left."""
    s, e = m.start, m.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s or not any(ch.isalnum() for ch in text[s:e]):
        return None
    return Marked(s, e, m.open_at, m.close_at, m.paragraphs)


def _one_char_marks(text: str) -> str:
    """``text`` of the same length with each two-character mark written as the curly mark
    it stands for beside a space (inside for an opening mark, outside for a closing one), so
    a quoted span's offsets stay those of ``text``. `` always opens; '' (used both ways in
    some papers' copy) opens after a space or an opening bracket and before a word, else
    closes."""
    if not any(m in text for m in PAIRED_OPEN | PAIRED_CLOSE):
        return text
    for mark in PAIRED_OPEN:
        text = text.replace(mark, " " * (len(mark) - 1) + _CURLY_OPEN)
    for mark in PAIRED_CLOSE:
        at = text.find(mark)
        while at >= 0:
            prev = text[at - 1] if at > 0 else " "
            nxt = text[at + len(mark)] if at + len(mark) < len(text) else " "
            if prev in _OPENS_AFTER and not nxt.isspace():
                one = " " * (len(mark) - 1) + _CURLY_OPEN
            else:
                one = _CURLY_CLOSE + " " * (len(mark) - 1)
            text = text[:at] + one + text[at + len(mark):]
            at = text.find(mark, at + len(mark))
    return text


def scan(text: str) -> list[Marked]:
    """Every outermost quoted span of ``text``, in order, multi-paragraph quotes joined."""
    text = _one_char_marks(text)
    result: list[Marked] = []
    paragraphs = _paragraphs(text)
    per_par: list[list[Marked]] = []
    for ps, pe in paragraphs:
        doubles = _scan_paragraph(text, ps, pe, single=False)
        # single marks count only outside double-quoted text (inside, they are nested quotes)
        singles = [m for m in _scan_paragraph(text, ps, pe, single=True)
                   if not _inside(doubles, m.open_at) and m.close_at is not None
                   and not any(d.start <= m.end <= d.end for d in doubles)]
        spans = sorted(doubles + singles, key=lambda m: m.start)
        per_par.append(spans)
    for k, spans in enumerate(per_par):
        for m in spans:
            cleaned = _clean(text, m)
            if cleaned is None:
                continue
            prev = result[-1] if result else None
            # a quote left open at the end of the previous paragraph continues here when
            # this paragraph opens with a mark
            if (prev is not None and prev.close_at is None and k > 0
                    and prev.end <= paragraphs[k - 1][1]
                    and prev.end >= paragraphs[k - 1][0]
                    and m.open_at == paragraphs[k][0]):
                prev.end, prev.close_at = cleaned.end, cleaned.close_at
                prev.paragraphs += 1
                continue
            result.append(cleaned)
    return result


class QuotedRegions:
    """Which offsets lie inside quotation marks (a mark itself included): the one answer to
    "is this inside a quote?" that the actor stage (quoted names lend no country) and the
    quote stage (what a cue governs) share."""

    def __init__(self, marked: list[Marked]):
        self.marked = marked
        self.spans = sorted((m.open_at, (m.close_at + 1) if m.close_at is not None else m.end)
                            for m in marked)
        self.starts = [s for s, _ in self.spans]

    def __call__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]


def quoted_regions(doc) -> QuotedRegions:
    """The quoted regions of a parsed Doc's text, scanned once per Doc."""
    regions = doc.user_data.get(_REGIONS)
    if regions is None:
        regions = doc.user_data[_REGIONS] = QuotedRegions(scan(doc_text(doc)))
    return regions
