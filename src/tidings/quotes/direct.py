"""Direct quotes: quoted spans with the cue and speaker found around them.

The cue may come before (`Ana Ruiz said: "..."`), after (`"...," Ana Ruiz said.`) or inside
(`"...," Ana Ruiz said, "..."`) the quote; a quote with no cue of its own that follows a
quote of the same paragraph (or opens the next one) inherits that quote's speaker.
"""
from __future__ import annotations

import bisect
import re

from tidings.data import words
from tidings.nlp.doctext import doc_text, sentence_bounds, token_starts
from tidings.quotes.attribution import Attribution
from tidings.quotes.cues import lexicon
from tidings.quotes.misparse import inverted_frame
from tidings.quotes.indirect import phrase_span, speaker_of, speaker_spans
from tidings.quotes.speaker_tokens import message_author
from tidings.nlp.marks import Marked, chars

# A cue further than this many characters from the quote's edge is someone else's
# (a news sentence frame "..., the mayor said in an interview with X on Tuesday" fits).
MAX_CUE_GAP = 90
# Dependents that give a speech verb something said of its own (a clause, an object, a
# complement): such a sentence announces no quote after it.
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "parataxis", "conj", "attr", "oprd"})
# Prepositions of the setting of a speech act ("to the crowd", "at a rally", "in a
# statement"): any other ("disagreed with her", "spoke about the plan") gives it a topic.
_FRAME_PREPS = words("speech_setting_preps")
_DASHES = chars("signature_dashes")
_FRAME_PUNCT = chars("quote_frame_punct")
# a signature after a dash is a name and maybe a title ("Jane Doe, teacher")
MAX_SIGNATURE_WORDS = 5
# A sentence ending inside a frame: a lower-case word (not "Mr." or an initial) and a
# full stop, then a capital.
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"'\u201d\u2019]*\s+[\"'\u201c\u2018]*[A-Z]")
# What closes a frame before the next quote opens: marks, spaces and the full stop.
_CLOSE_TAIL = " \t\u00a0.\"'\u201c\u2018`"
# the speaker between a quote and its cue: a name with its title or apposition
# ("Flynn, a top Trump surrogate,"), not a clause
MAX_FRAME_WORDS = 12
_AS_IT_VERBS = words("as_it_cue_verbs")


def word_count(text: str) -> int:
    """Words with a letter in them (numbers and dashes left out)."""
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _cue_tokens(doc, quote: Marked, inside_quote):
    """Cue verbs outside quotation marks in the sentences at the quote's two edges."""
    lex = lexicon()
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return []
    starts, ends = sentence_bounds(doc)  # token.sent walks the sentence: slow in long ones
    sent_of = lambda i: doc[starts[i]:ends[i]]  # noqa: E731
    sents = {starts[first[0].i]: sent_of(first[0].i), starts[first[-1].i]: sent_of(first[-1].i)}
    # `"...," the mayor said.` may be split off as a sentence of its own
    last_end = ends[first[-1].i]
    if last_end < len(doc) and ends[last_end] - last_end <= 12:
        sents[last_end] = sent_of(last_end)
    if starts[first[0].i] > 0:
        prev = sent_of(starts[first[0].i] - 1)
        if prev.text.rstrip().endswith(":") or _announces(doc, prev, quote):
            sents[prev.start] = prev  # `He said:` (maybe a paragraph before), `She shouted to the crowd.`
    cues = []
    for sent in sents.values():
        for tok in _near_edges(doc, sent, quote):
            if inside_quote(tok.idx):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                cues.append(tok)
            elif _as_it_cue(tok):
                cues.append(tok)
            elif (lex.verb_class(tok.lemma_) in ("speech", "request") and tok.pos_ in ("VERB", "AUX")
                  and tok.dep_ not in ("amod", "compound")):  # "so-called" is no cue
                cues.append(tok)
    return cues


def _announces(doc, prev, quote: Marked) -> bool:
    """`Ann Lee shouted to the crowd. "..."`: a sentence of the same paragraph whose main
    verb is a speech verb saying nothing itself (no clause, no object, no topic: only where
    and to whom) announces the quote opening the next sentence."""
    root = prev.root
    if doc_text(doc)[prev.end_char:quote.open_at].strip() or lexicon().verb_class(root.lemma_) != "speech" \
            or root.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in root.children):
        return False
    return not any(c.dep_ in _CONTENT_DEPS or c.dep_ == "prep" and c.lower_ not in _FRAME_PREPS
                   for c in root.children)


def _as_it_cue(tok) -> bool:
    """`As Ms. Lee put it, "..."`: a verb that reports speech only in an "as" clause with
    "it" for its object."""
    if tok.lemma_.lower() not in _AS_IT_VERBS or tok.pos_ != "VERB":
        return False
    kids = [(c.dep_, c.lower_) for c in tok.children]
    return ("dobj", "it") in kids and any(d in ("mark", "advmod") and w == "as" for d, w in kids)


def _near_edges(doc, sent, quote: Marked):
    """The sentence's tokens within ``MAX_CUE_GAP`` characters before or after the quote:
    no cue further away counts (``attach``), and a sentence of thousands of tokens with
    thousands of quote marks would otherwise be read once for each of them."""
    for lo, hi in ((quote.start - MAX_CUE_GAP - 1, quote.start),
                   (quote.end, quote.end + MAX_CUE_GAP + 1)):
        lo, hi = max(lo, sent.start_char), min(hi, sent.end_char)
        if lo < hi:
            yield from doc.char_span(lo, hi, alignment_mode="expand") or ()


def _colon_before(text: str, tok, quote: Marked) -> bool:
    """`X said:` ending the paragraph (or the words) just before the quote opens."""
    between = text[tok.idx + len(tok):quote.open_at]
    return tok.idx < quote.start and between.rstrip().endswith(":") and ":" not in between.rstrip()[:-1] \
        and not any(ch in between for ch in ".!?")


def _gap(tok, quote: Marked) -> int:
    if tok.idx >= quote.end:
        return tok.idx - quote.end
    return max(0, quote.start - (tok.idx + len(tok)))


def _other_quote_between(tok, quote: Marked, starts: list[int]) -> bool:
    """Does another quote open between the cue and this quote's edge? (``starts``: the
    quotes' start offsets, sorted)"""
    lo, hi = sorted((tok.idx, quote.start if tok.idx < quote.start else quote.end))
    first = bisect.bisect_left(starts, lo)
    return any(starts[i] != quote.start for i in range(first, bisect.bisect_left(starts, hi)))


def attach(doc, quotes: list[Marked], inside_quote) -> list[Attribution]:
    """One direct attribution per quoted span, with its cue and speaker span when found."""
    text = doc_text(doc)
    found: list[Attribution] = []
    starts = sorted(m.start for m in quotes)
    for quote in quotes:
        start, end = quote.start, quote.end
        while end > start and text[end - 1] in _FRAME_PUNCT:
            end -= 1  # the comma before the closing mark belongs to the frame
        item = Attribution("direct", start, end)
        best = None
        for tok in _cue_tokens(doc, quote, inside_quote):
            gap = _gap(tok, quote)
            subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and all(quote.start <= c.idx < quote.end for c in subjects):
                continue  # `the so-called "peace plan" was published`: the quote is the subject
            edge = quote.start if tok.idx < quote.start else quote.end
            lo, hi = sorted((tok.idx, edge))
            if gap > MAX_CUE_GAP or _other_quote_between(tok, quote, starts):
                continue
            if "\n" in text[lo:hi] and not _colon_before(text, tok, quote):
                continue  # a cue of another paragraph, unless `He said:` introduces this one
            # a cue after the quote is the usual news frame: prefer it at equal distance
            key = (gap + (0 if tok.idx >= quote.end else 5), tok.i)
            if best is None or key < best[0]:
                best = (key, tok)
        if best is not None:
            tok = best[1]
            if tok.lower_ == "according":
                to = doc[tok.i + 1]
                item.cue, item.cue_span = text[tok.idx:to.idx + len(to)], (tok.idx, to.idx + len(to))
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                author = message_author(pobj) if pobj is not None else None
                item.speaker_span = phrase_span(author or pobj) if pobj is not None else None
            else:
                item.cue, item.cue_span = tok.text, (tok.idx, tok.idx + len(tok))
                item.speaker_span, item.named_by = speaker_spans(speaker_of(tok, inside_quote), tok)
                frame = _frame_speaker(doc, quote, tok)
                if frame is not None and not (item.speaker_span and frame[0] <= item.speaker_span[0]
                                              < frame[1]):
                    item.speaker_span, item.named_by = frame, None
        if best is None:
            _colon_speaker(doc, quote, item)
        if item.speaker_span is None:
            _inverted(doc, quote, item)
        if best is None and item.cue is None and quote.close_at is not None:
            _dash_signature(text, quote.close_at + 1, item)
        found.append(item)
    _inherit(text, found)
    return found


# Parts of speech that open an adverbial or a prepositional phrase, never the noun phrase
# of a speaker set between a quote and its cue ("often in his campaign", "in a statement").
_NOT_PHRASE_OPENERS = frozenset({"ADV", "ADP", "SCONJ", "CCONJ", "PART"})


def _frame_speaker(doc, quote: Marked, cue) -> tuple[int, int] | None:
    """`"...," Chief Ana Ruiz, the mayor, said`: the noun phrase standing between the closing
    mark and the cue names the speaker, whatever the parse made of it (a long quote often
    leaves the parser attaching the name elsewhere)."""
    if cue.idx < quote.end:
        return None
    first = bisect.bisect_left(token_starts(doc), quote.end)  # the first token after it
    between = [t for t in doc[first:cue.i] if not inside_marks(t)]
    words = [t for t in between if not t.is_punct and not t.is_space]
    if not words or len(words) > MAX_FRAME_WORDS or any(
            t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper() for t in words):
        return None  # a clause; a capitalized "verb" is a name the tagger misread ("Tulsa")
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None
    if words[0].pos_ in _NOT_PHRASE_OPENERS or any(t.pos_ == "CCONJ" for t in words[-1:]):
        return None  # `"..." often in his campaign, and criticized`: an adjunct, no name
    return words[0].idx, words[-1].idx + len(words[-1])


def inside_marks(tok) -> bool:
    return tok.is_quote or tok.text in ("``", "''")


def _colon_speaker(doc, quote: Marked, item: Attribution) -> None:
    """`Caddell made the following comment:` closing the sentence (or paragraph) before the
    quote: the colon introduces it, and that sentence's subject speaks."""
    text = doc_text(doc)
    before = text[:quote.open_at].rstrip()
    if not before.endswith(":"):
        return
    colon = len(before) - 1
    head = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if head is None or not len(head):
        return
    sent = head[0].sent
    subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head == sent.root), None)
    # a sentence the parser ran on past the colon into the quote has its subject there:
    # the quote's own words never name who says them
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return
    item.cue, item.cue_span = ":", (colon, colon + 1)
    if subject.idx >= colon:
        return
    item.speaker_span, item.named_by = speaker_spans(subject, subject)


def _inverted(doc, quote: Marked, item: Attribution) -> None:
    """`Said Jane Doe: "..."`: the speaker follows the verb that opens the frame."""
    frame = inverted_frame(doc, quote.open_at)
    if frame is not None and (item.cue_span is None or item.cue_span == frame[0]):
        item.cue_span, item.speaker_span = frame
        item.cue = doc_text(doc)[frame[0][0]:frame[0][1]]


def _dash_signature(text: str, at: int, item: Attribution) -> None:
    """`"..." ― Jane Doe, teacher`: a dash and a short name closing the paragraph sign it."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    tail = text[at:end]
    stripped = tail.lstrip(" .,\u00a0\t")
    if not stripped or stripped[0] not in _DASHES:
        return
    dash = at + len(tail) - len(stripped)
    s = dash + 1
    while s < end and (text[s] in _DASHES or text[s].isspace()):
        s += 1
    e = text.find(",", s, end)
    e = end if e < 0 else e
    while e > s and (text[e - 1] in ".;" or text[e - 1].isspace()):
        e -= 1
    if s < e and len(text[s:e].split()) <= MAX_SIGNATURE_WORDS and text[s].isupper():
        item.cue, item.cue_span, item.speaker_span = text[dash], (dash, dash + 1), (s, e)


def _inherit(text: str, items: list[Attribution]) -> None:
    """An uncued quote right after another quote of the same or the previous paragraph
    continues that quote's speaker."""
    for k, item in enumerate(items):
        if item.cue is not None or k == 0:
            continue
        prev = items[k - 1]
        if prev.cue is None and prev.follows is None:
            continue
        between = text[prev.end:item.start]
        # the same paragraph or the next one (blank lines between paragraphs do not count)
        if sum(1 for line in between.split("\n")[1:-1] if line.strip()) > 0 \
                or len(between) > MAX_CUE_GAP + 40 and not _frame_only(text, prev, item):
            continue
        item.follows = prev.follows or prev


def _frame_only(text: str, prev: Attribution, item: Attribution) -> bool:
    """Is all that stands between two quotes of one paragraph the first one's frame, one
    sentence however long (`"...," said Ann Lee, a lawyer who ... since 1990. "..."`)?"""
    between = text[prev.end:item.start]
    if "\n" in between or prev.cue_span is None or not prev.end <= prev.cue_span[0] < item.start:
        return False
    return _SENTENCE_END.search(between.rstrip(_CLOSE_TAIL)) is None
