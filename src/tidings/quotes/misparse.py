"""Speakers the parse hides: a subject swallowed by the phrase before the verb ("In an
interview with the Daily Ledger Smith said that ..."), a verb read as a plural noun ("Smith
charges that ..."), and the inverted frame of magazine style ("Said Smith: "..."").

Each rule looks only at the few tokens around one cue, so it adds no pass over the article.
"""
from __future__ import annotations

from tidings.nlp.doctext import doc_text
from tidings.quotes.cues import lexicon

# Finite verb tags: only a finite verb has a subject the parse could have swallowed.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Dependencies a name takes when the parse hangs it inside the phrase before the verb.
_SWALLOWING_DEPS = frozenset({"pobj", "compound", "appos", "conj"})
# An inverted frame names its speaker in a few words ("Said Jane Doe, the mayor:").
MAX_INVERTED_WORDS = 12


def swallowed_subject(cue) -> tuple[int, int] | None:
    """The name right before a subjectless finite cue verb, when the parse hung it on the
    phrase before the verb ("... the editorial board of the Daily Ledger Smith said that"):
    that name is who speaks. Only the name's last word is kept as the mention (the parse
    cannot tell where the paper's name ends and the person's begins)."""
    if cue.tag_ not in _FINITE_TAGS or cue.i == 0 or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in cue.children):
        return None
    name = cue.doc[cue.i - 1]
    if name.pos_ != "PROPN" or name.dep_ not in _SWALLOWING_DEPS or name.head.i >= cue.i:
        return None
    return name.idx, name.idx + len(name)


def noun_read_verb_speaker(noun) -> tuple[int, int] | None:
    """"Smith charges that ...", "The ministry claims that ...": a sentence the parse made a
    noun phrase, its cue a plural noun hanging on the noun just before it (the sentence's
    root). The cue is a verb with that noun phrase as its subject."""
    head = noun.head
    if (noun.tag_ != "NNS" or head.i != noun.i - 1 or head.dep_ != "ROOT"
            or head.pos_ not in ("NOUN", "PROPN") or lexicon().verb_class(noun.lemma_) is None):
        return None
    start = noun.doc[head.left_edge.i]
    return start.idx, head.idx + len(head)


def inverted_frame(doc, open_at: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(cue span, speaker span) of `Said Smith: "..."` or `Added the mayor, "..."` opening
    the sentence of a quote that starts at ``open_at``; else None."""
    text = doc_text(doc)
    before = text[:open_at].rstrip()
    if not before or before[-1] not in ":,":
        return None
    end = len(before) - 1
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    verb = sent[0]
    words = [t for t in doc[verb.i + 1:span[0].i] if not t.is_punct]
    # an inflected speech verb ("Said", "Adds"), not an imperative ("Say what you like:")
    if (not verb.is_title or lexicon().verb_class(verb.lemma_) != "speech"
            or verb.lower_ == verb.lemma_.lower() or not words or len(words) > MAX_INVERTED_WORDS
            or not any(t.pos_ in ("PROPN", "NOUN") for t in words)):
        return None
    comma = text.find(",", verb.idx + len(verb), end)
    stop = comma if comma > 0 else end
    first = doc[verb.i + 1]
    return (verb.idx, verb.idx + len(verb)), (first.idx, len(text[:stop].rstrip()))
