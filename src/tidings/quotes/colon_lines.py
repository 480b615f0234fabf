"""Colon lines: "Ann Lee: Voters Are Tired" in a headline, "MAYOR: Well, ..." in a transcript.

A short name before a colon at the head of a paragraph speaks the rest of the paragraph.
"""
from __future__ import annotations

from tidings.nlp.doctext import doc_text
from tidings.quotes.attribution import Attribution
from tidings.quotes.indirect import MIN_CLAUSE_WORDS, _trim, _words

# a speaker's name before a line-initial colon is short ("Ann Lee:", "MAYOR:")
MAX_COLON_HEAD = 40
# ... and is at most this many tokens
MAX_COLON_HEAD_TOKENS = 5
# a head of this many tokens naming no person is a section heading, not a speaker
HEADING_TOKENS = 4


def find_colon_lines(doc) -> list[Attribution]:
    """Headline and transcript lines "Ann Lee: Voters Are Tired", "MAYOR: Well, ...":
    a short name before a colon at the head of a paragraph speaks the rest of it."""
    found: list[Attribution] = []
    text = doc_text(doc)
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        colon = text.find(":", start, min(end, start + MAX_COLON_HEAD))
        if colon > start:
            head = doc.char_span(start, colon, alignment_mode="contract")
            while head is not None and len(head) > 1 and head[0].is_punct:
                head = head[1:]  # the mark opening a transcript's paragraph ('"MAYOR:')
            s, e = _trim(text, colon + 1, end)
            if (head is not None and len(head) and len(head) <= MAX_COLON_HEAD_TOKENS
                    and any(t.pos_ == "PROPN" for t in head)
                    and not any(t.pos_ in ("VERB", "AUX") or t.like_num for t in head)
                    and not _heading(head) and _words(doc, s, e) >= MIN_CLAUSE_WORDS):
                found.append(Attribution("indirect", s, e, cue=":", cue_span=(colon, colon + 1),
                                         speaker_span=(head[0].idx, head[-1].idx + len(head[-1])),
                                         basis="colon"))
        start = end + 1
    return found


def _heading(head) -> bool:
    """A section heading in title case ("Little Relief for Refugees:", "Veto Power Impedes
    Peace Efforts:") rather than a speaker: no person named, and a small word in lower case
    or more words than a name with its title takes. A transcript's capitals ("THE
    PRESIDENT:") are a speaker."""
    if head.text.isupper() or any(t.ent_type_ == "PERSON" for t in head):
        return False
    return len(head) >= HEADING_TOKENS or any(
        t.pos_ in ("ADP", "CCONJ", "DET") and t.text.islower() for t in head)
