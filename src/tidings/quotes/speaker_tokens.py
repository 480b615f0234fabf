"""Who a speaker token stands for where the parse or the wording hides it: the dateline a
parse runs into the lead sentence's subject, the author of a message that "said"."""
from __future__ import annotations

import re

from tidings.data import words
from tidings.nlp.doctext import doc_text
from tidings.nlp.syntax import subject_of

# Nouns of a message whose author speaks through it ("the ministry's statement said").
_MESSAGE_NOUNS = words("message_nouns")
_AUTHOR_PREPS = words("author_preps")
# How many noun and preposition links lie at most between a message and the verb that
# sends it ("posted a series of tweets ...": tweets, of, series, posted).
MAX_MESSAGE_CLIMB = 4

# A dateline opening a paragraph: a place in capitals ("WASHINGTON, Aug. 24", "LONDON") or
# any place before a news agency in brackets ("New York (AFP)"), then a dash. A parse that
# runs the dateline into the lead sentence takes the place for the speaker.
_DATELINE = re.compile(
    r"[ \t]*(?:[A-Z][A-Z'\u2019.\- ]*[A-Z.](?:,[^\n()\u2014\u2013]{1,40}?)?[ \t]*(?:\([A-Za-z .\-]{1,30}\))?"
    r"|[A-Z][\w'\u2019.\- ]{1,40}?(?:,[^\n()]{1,30}?)?[ \t]*\([A-Za-z .\-]{1,30}\))"
    r"[ \t]*(?:--|\u2014|\u2013|-|_)[ \t]")


def past_dateline(subj):
    """The speaker token, unless it lies in the dateline opening its paragraph: then the
    phrase after the dash the parse hung on it ("New York (AFP) - Vice President Lee ..."),
    a second subject after the dash ("LONDON - Mr. Lee said ..."), or nobody."""
    if subj is None:
        return None
    text = doc_text(subj.doc)
    found = _DATELINE.match(text, text.rfind("\n", 0, subj.idx) + 1)
    if found is None or subj.idx >= found.end():
        return subj
    after = [t for t in subj.subtree if t.idx >= found.end() and t.dep_ == "appos"]
    after += [t for t in subj.head.children if t.idx >= found.end() and t.dep_ == "nsubj"]
    return next((t for t in after if t.pos_ in ("PROPN", "NOUN", "PRON")), None)


def author_of(noun):
    """Who a message noun is from: "the ministry's statement", "a statement by the ministry",
    "a letter from the envoy"; None when it names nobody."""
    if noun.lemma_.lower() not in _MESSAGE_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def agent_of(cue):
    """The "by" phrase of a passive cue ("was criticized by the mayor"), or None."""
    by = next((c for c in cue.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def quoted_person(verb):
    """Who "quoted" reports: the passive subject ("X was quoted"), else the object."""
    for dep in ("nsubjpass", "dobj"):
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None:
            return found
    return None


def message_sender(noun):
    """The subject of the verb that sends message ``noun`` ("issued a statement", "posted a
    series of tweets"), found up the chain of objects and prepositions; else None."""
    tok = noun
    for _ in range(MAX_MESSAGE_CLIMB):
        if tok.dep_ not in ("dobj", "pobj", "prep", "appos") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return subject_of(tok, speaker=True)
    return None
