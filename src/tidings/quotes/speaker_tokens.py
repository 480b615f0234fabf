"""Who a speaker token stands for where the parse or the wording hides it: the dateline a
parse runs into the lead sentence's subject, the author of a message that "said", the one
of two subjects that speaks, the relative pronoun a coordinated cue shares, the name after
titles joined by "and"."""
from __future__ import annotations

import functools
import re

from tidings import data
from tidings.data import words
from tidings.nlp.doctext import doc_text
from tidings.nlp.syntax import subject_of

# Nouns of a message whose author speaks through it ("the ministry's statement said").
_MESSAGE_NOUNS = words("message_nouns")
_AUTHOR_PREPS = words("author_preps")
# How many noun and preposition links lie at most between a message and the verb that
# sends it ("posted a series of tweets ...": tweets, of, series, posted).
MAX_MESSAGE_CLIMB = 4
# Documents and talks whose author a clause on them may name ("a speech she delivered").
_AUTHORED_NOUNS = words("authored_nouns")
# How many coordinated verbs back a cue may share a relative clause's pronoun ("who met
# them, spoke and said ...").
MAX_CONJUNCT_CLIMB = 3
_RELATIVE_PRONOUNS = words("relative_pronouns")

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


def nearest_subject(cue, subjects):
    """Of the subjects the parse gave a cue, the one that speaks: two are a parenthetical
    cue ("Voters, Lee suggested, do not ...") or a heading run into the sentence ("THE
    BORROWING Back when he wrote, Mr. Lee said"), where the one beside the cue speaks; but
    a description and a name with only a comma between ("The league's owner, Mr. Hale
    said") are one speaker in apposition, named by the phrase that opens it."""
    if len(subjects) < 2:
        return subjects[0]
    first, second = subjects[0], subjects[1]
    doc = cue.doc
    set_off = cue.i + 1 < len(doc) and doc[cue.i + 1].text == ","
    between = doc[first.i + 1:second.left_edge.i]
    if not set_off and [t.text for t in between] == [","]:
        return first
    return min(subjects, key=lambda c: abs(c.i - cue.i))


def conjunct_relative(cue):
    """"demonstrators here, who have taken to the streets and called for ...": a cue
    coordinated with the verb of a relative clause shares its relative pronoun, the mention
    of this attribution (the noun it stands for names the speaker); None otherwise."""
    verb = cue
    for _ in range(MAX_CONJUNCT_CLIMB):
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb is cue or verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in _RELATIVE_PRONOUNS), None)


def leading_subject(cue, inside_quote):
    """"Lee hardly clarified it, treating the remark as "..." and, when asked, asserting,
    "...": a participle cue the parse hung on words inside quotation marks belongs to the
    sentence's own first clause, whose subject (outside the marks) speaks; None for any
    other cue, or when no such subject precedes it."""
    if cue.tag_ != "VBG":
        return None
    sent = cue.sent
    return next((t for t in cue.doc[sent.start:cue.i] if t.dep_ == "nsubj" and not inside_quote(t.idx)
                 and t.head.pos_ in ("VERB", "AUX") and not inside_quote(t.head.idx)), None)


def titled_conjunct(token):
    """The name closing a string of titles joined by "and" ("GOP contender and former
    neurosurgeon Ben Carson", "Vice President for news and talk Dave Gorab"): the parse
    reads the last title and the name as a second person, but a bare title (no determiner,
    no name of its own) is the named person's. None for two people ("the mayor and Lee")."""
    if token.pos_ != "NOUN" or token.ent_type_ == "PERSON" or any(c.dep_ in ("det", "poss") for c in token.children):
        return None
    conj = next((c for c in token.rights if c.dep_ == "conj"), None)
    if conj is None or conj.pos_ != "PROPN" or conj.ent_type_ != "PERSON":
        return None
    between = token.doc[token.i + 1:conj.left_edge.i]
    return conj if all(t.dep_ in ("cc", "prep", "pobj", "compound", "amod") and not t.is_punct for t in between) else None


def message_author(noun):
    """Who a message noun after "according to" comes from when a clause on it says so: "a
    speech Mrs. Lee delivered in July" (the clause's subject), "a filing by the state's
    attorney" and "a document filed by the state's attorney" (the agent); None otherwise."""
    if noun.lemma_.lower() not in _MESSAGE_NOUNS and noun.lemma_.lower() not in _AUTHORED_NOUNS:
        return None
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None)
        if subject is not None:
            return subject
        agent = agent_of(clause)
        if agent is not None:
            return agent
    return None


@functools.lru_cache(maxsize=1)
def _personal_pronouns() -> frozenset:
    """He, him, she, her (data/speaker_words.tsv): pronouns that stand for one person."""
    return frozenset(row["word"].lower() for row in data.tsv("speaker_words.tsv")
                     if row["kind"] in ("pron-m", "pron-f"))


def person_object(obj) -> bool:
    """Does object ``obj`` name a person ("backed Lee", "are supporting her")? A candidate
    someone stands for, which makes the verb a stance rather than an act."""
    return obj.ent_type_ == "PERSON" or (obj.tag_ == "PRP" and obj.lower_ in _personal_pronouns())
