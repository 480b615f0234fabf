"""Label lines: the headline, bylines, captions and notes, where nobody is quoted.

A headline repeats (and shortens) what the story says with its speaker, a byline names the
writer and a caption describes a picture: none of them is a statement of its own, and a
name there is no speaker a later "he said" refers to. Each paragraph is one line of the
text; which lines are labels is decided from their form alone:

- the headline: the first line of a text that goes on, when it is short and either has no
  sentence-final punctuation ("Court declares jurisdiction in dispute") or is written in
  title case ("Clinton Breaks With Obama On Lawsuit Bill."); a headline line that ends in
  ";" or ":" goes on in the next line (the deck);
- a byline: "By Ann Lee", "By Ann Lee and Bo Ng, Staff Writers";
- a caption: a line opening with a caption word ("Photo:", "Image:", "FILE -");
- the publisher's note: "Editor's note: ...", "Correction: ...".
"""
from __future__ import annotations

import re

from tidings.data import words
from tidings.nlp.doctext import doc_text

# A headline is short: longer first lines are a lede (news headlines run 5-15 words).
MAX_HEADLINE_WORDS = 25
# Title case: at least this share of the longer words start with a capital ("Clinton Breaks
# With Obama" has all; a sentence-case lede has few beyond its names).
TITLE_CASE_SHARE = 0.75
# Words this short are left out of the title-case count ("of", "to", "the", "a").
TITLE_CASE_MIN_LETTERS = 4
# A byline names a few people and maybe their paper.
MAX_BYLINE_WORDS = 12
_BYLINE_WORDS = words("byline_openers")
_CAPTION_WORDS = words("caption_openers")
_NOTE_WORDS = words("note_openers")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
_CONTINUES = re.compile(r"[;:]\s*$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, without its edge whitespace."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = end + 1
    return spans


def _title_case(line: str) -> bool:
    longer = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if len(w) >= TITLE_CASE_MIN_LETTERS]
    if len(longer) < 2:
        return False
    return sum(w[0].isupper() for w in longer) >= TITLE_CASE_SHARE * len(longer)


def _headline(line: str) -> bool:
    if len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    return not _SENTENCE_END.search(line) or _title_case(line)


def _byline(line: str) -> bool:
    first, _, rest = line.partition(" ")
    return (first.lower() in _BYLINE_WORDS and rest[:1].isupper()
            and len(line.split()) <= MAX_BYLINE_WORDS and not _SENTENCE_END.search(rest.rstrip(".")))


def _caption(line: str) -> bool:
    head = re.match(r"[(\[]?([^\W\d_]+)", line)
    return bool(head) and head.group(1).lower() in _CAPTION_WORDS and bool(
        re.match(r"[(\[]?[^\W\d_]+(\s*[:\-\u2013\u2014)\]]|\s+by\s)", line, re.IGNORECASE))


def _note(line: str) -> bool:
    """"Editor's note: ...", "Correction: ...": the publisher's note on the story."""
    head, sep, _ = line.partition(":")
    return bool(sep) and "_".join(head.lower().replace("\u2019", "'").split()) in _NOTE_WORDS


def label_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the text's label lines, in order."""
    lines = _lines(text)
    found: list[tuple[int, int]] = []
    if len(lines) > 1 and _headline(text[lines[0][0]:lines[0][1]]):
        found.append(lines[0])
        k = 0  # "Candidates vie for support;" goes on in the next line
        while (k + 2 < len(lines) and _CONTINUES.search(text[lines[k][0]:lines[k][1]])
               and len(text[lines[k + 1][0]:lines[k + 1][1]].split()) <= MAX_HEADLINE_WORDS):
            k += 1
            found.append(lines[k])
    for s, e in lines:
        line = text[s:e]
        if (s, e) not in found and (_byline(line) or _caption(line) or _note(line)):
            found.append((s, e))
    return sorted(found)


class Labels:
    """Which offsets of a parsed article lie in a label line."""

    def __init__(self, doc):
        self.spans = label_spans(doc_text(doc))

    def __call__(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.spans)
