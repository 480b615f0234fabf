"""Quotes without quotation marks: a transcript's sound bites and colon-introduced blocks.

A block quote: a paragraph after one that ends in a colon introduced by someone's words
("The governor added:", "The Times reports:") is what they said, marks or none.

In a transcript the narration names the speaker ("Sinn Fein's chairman says the party will
fight the move") and the next paragraph is the speaker's own voice ("We're going to fight
it. And we've already challenged ..."). Such a paragraph is read as direct speech when
- the text holds no quotation marks at all (a story that marks its quotes marks them all,
  and the first person of an opinion piece is its writer's), the paragraph is no label line
  and follows another paragraph;
- it speaks in the first person ("I", "we", "our") and reports no one else's words: no cue
  of saying in it has a third-person speaker ("Saddam will know ..." may stand in a bite);
- the last sentence of the paragraph before reports speech (a cue of one of the article's
  attributions stands in it).
The speaker is that attribution's, or where it names none, the subject of that sentence.
Each sentence of the bite is one direct quote: without marks, the sentence is the unit the
text gives.
"""
# (a block quote is one direct quote: the paragraph is the unit its colon introduces)
from __future__ import annotations

from tidings.nlp.doctext import doc_text
from tidings.nlp.marks import OPENING_MARKS
from tidings.nlp.syntax import subject_of
from tidings.quotes.attribution import Attribution
from tidings.quotes.cues import lexicon
from tidings.quotes.indirect import phrase_span, speaker_of, speaker_spans
from tidings.quotes.speakers import words

_FIRST_PERSON = frozenset(w for w, kind in words().items() if kind == "first")
OPENING = OPENING_MARKS | {"`"}
# A bite is a few words at least: shorter lines are labels, sign-offs or fragments.
MIN_BITE_WORDS = 4


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            s = start + len(line) - len(line.lstrip())
            spans.append((s, start + len(line.rstrip())))
        start = end + 1
    return spans


def find_bites(doc, items: list[Attribution], inside_quote, labels) -> list[Attribution]:
    """Direct quotes for the sound bites of a transcript, each following the attribution of
    the narration before it (``items``: the attributions found so far, in text order)."""
    text = doc_text(doc)
    if inside_quote.marked:
        return []  # a text that marks its quotes marks them all (an op-ed's "I" is no bite)
    paragraphs = _paragraphs(text)
    found: list[Attribution] = []
    for k in range(1, len(paragraphs)):
        s, e = paragraphs[k]
        if labels(s) or any(inside_quote(i) for i in range(s, e)) or not _first_person(doc, s, e):
            continue
        if any(s <= it.cue_span[0] < e and not _first_person_span(text, it.speaker_span)
               and it.cue_class not in ("thought", "evidence")
               for it in items if it.cue_span is not None):
            continue  # the paragraph reports someone else's words: narration
        frame = _frame(doc, items, paragraphs[k - 1])
        if frame is None:
            continue
        for sent in doc.char_span(s, e, alignment_mode="expand").sents:
            ss, se = max(sent.start_char, s), min(sent.end_char, e)
            while se > ss and text[se - 1].isspace():
                se -= 1
            if sum(1 for t in sent if t.is_alpha) < MIN_BITE_WORDS:
                continue
            bite = Attribution("direct", ss, se, basis="bite")
            if isinstance(frame, Attribution):
                bite.follows = frame
            else:
                bite.speaker_span = frame
            found.append(bite)
    return found


def _first_person(doc, s: int, e: int) -> bool:
    span = doc.char_span(s, e, alignment_mode="expand")
    return span is not None and any(t.lower_ in _FIRST_PERSON for t in span)


def _first_person_span(text: str, span: tuple[int, int] | None) -> bool:
    return span is not None and text[span[0]:span[1]].strip().lower() in _FIRST_PERSON


def _frame(doc, items: list[Attribution], paragraph: tuple[int, int]):
    """What names the bite's speaker in the paragraph before: the attribution whose cue
    stands in its last sentence, or (when that names no speaker) the sentence's subject
    span; None when that sentence reports no speech."""
    s, e = paragraph
    last = doc.char_span(s, e, alignment_mode="expand")
    if last is None or not len(last):
        return None
    sent = last[-1].sent
    lo, hi = max(sent.start_char, s), min(sent.end_char, e)
    cued = [it for it in items if it.cue_span is not None and lo <= it.cue_span[0] < hi]
    if not cued:
        return None
    named = [it for it in cued if it.speaker_span is not None]
    if named:
        return named[-1]
    subject = subject_of(sent.root, speaker=True)
    return phrase_span(subject) if subject is not None else None


def find_blocks(doc, inside_quote, labels) -> list[Attribution]:
    """Block quotes: a paragraph without quotation marks after a paragraph whose last
    sentence ends in a colon and names who speaks: the cue verb's subject ("Limbaugh
    added:"), else the sentence's subject ("Sanders made the following comment:")."""
    text = doc_text(doc)
    paragraphs = _paragraphs(text)
    lex = lexicon()
    found: list[Attribution] = []
    for k in range(1, len(paragraphs)):
        s, e = paragraphs[k]
        ps, pe = paragraphs[k - 1]
        if not text[ps:pe].endswith(":") or labels(s) or labels(ps):
            continue
        if any(inside_quote(i) for i in (s, e - 1)) or text[s] in OPENING:
            continue  # a quote in marks: the direct quotes' own colon rule
        colon = doc.char_span(pe - 1, pe, alignment_mode="expand")
        if colon is None or not len(colon):
            continue
        sent = colon[0].sent
        cue = next((t for t in reversed(sent) if lex.verb_class(t.lemma_) in ("speech", "thought")
                    and t.pos_ in ("VERB", "AUX") and not inside_quote(t.idx)), None)
        subject = speaker_of(cue, inside_quote) if cue is not None else None
        if subject is None:
            subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")
                            and t.head == sent.root), None)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        block = Attribution("direct", s, e, cue=cue.text if cue is not None else ":",
                            cue_span=(cue.idx, cue.idx + len(cue)) if cue is not None
                            else (pe - 1, pe), basis="block")
        block.speaker_span, block.named_by = speaker_spans(subject, cue if cue is not None else subject)
        found.append(block)
    return found
