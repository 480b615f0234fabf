"""Who speaks through a cue verb that has no subject of its own (an infinitive, a gerund, a
participle): the impersonal "it" of "it is too early to tell" speaks for nobody, the subject
of a passive main clause controls "After saying ..., she was taken ...", and whoever holds
a news conference speaks through "a news conference announcing that ...".
"""
from __future__ import annotations

import functools

from tidings import data
from tidings.data import words

# "it goes without saying": a verb whose expletive "it" stands for no speaker
_EXPLETIVE_HOSTS = words("expletive_host_verbs")
# spoken events a participle may hang on ("a news conference announcing ...")
_SPEAKING_EVENTS = words("speaking_event_nouns")
# Words opening a reduced passive clause ("when asked", "once told", "if pressed").
_REDUCED_CLAUSE_MARKS = words("reduced_clause_marks")
# how far up the heads a non-finite cue's subject is looked for
MAX_CLIMB = 4
# entity labels of a time phrase: "spent the day arguing" has no speaker in its object
_TIME_LABELS = frozenset({"DATE", "TIME"})


def _own_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def impersonal(cue) -> bool:
    """Is ``cue`` a non-finite verb whose clause hangs on an impersonal "it" ("it was too
    early to tell whether ...", "It is worth noting that ...", "it's hard to figure out
    ...", "It goes without saying that ...")? Such words report nobody's speech."""
    if cue.tag_ not in ("VB", "VBG") or _own_subject(cue):
        return False
    tok, adjective = cue, False
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in ("xcomp", "pcomp", "advcl", "prep", "acomp", "ccomp") or tok.head is tok:
            return False
        tok = tok.head
        # the predicate adjective may hang on the cue's head ("hard") or be it ("worth")
        adjective = adjective or tok.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in tok.children)
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "expl")), None)
        if subj is not None:
            return subj.lower_ == "it" and (adjective or tok.lemma_.lower() in _EXPLETIVE_HOSTS)
    return False


def controller(cue):
    """The subject that controls a subjectless cue when the parse's own climb finds none:
    the passive subject of the main clause an adverbial gerund hangs on ("After saying
    ..., she was taken to hospital"), the subject of the speech verb whose spoken event a
    participle modifies ("she said at a news conference announcing that ..."), the passive
    subject of the verb a complement hangs on ("she can be heard yelling that ...", "he was
    forced to admit that ..."); else None."""
    if _own_subject(cue):
        return None
    head = cue.head
    if cue.dep_ == "xcomp" and head is not cue and not any(c.dep_ == "nsubj" for c in head.children):
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if cue.tag_ not in ("VBG", "VBN"):
        return None
    if cue.dep_ == "pcomp" and head.dep_ in ("prep", "advcl") and head.head is not head:
        host = head.head
        return next((c for c in host.children if c.dep_ == "nsubjpass"), None)
    if cue.dep_ == "acl" and head.lemma_.lower() in _SPEAKING_EVENTS and head.dep_ == "pobj":
        verb = head.head.head
        if verb.pos_ in ("VERB", "AUX"):
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def object_predicate_speaker(cue):
    """"The crisis left many nations feeling that ...", "cameras caught the mayor saying
    ...": a participle cue with a clause of its own right after its verb's object, with no
    comma between, says what that object does (a small clause); the object speaks, not the
    verb's subject ("it" there is an impersonal or a misparse, never a speaker)."""
    if cue.tag_ != "VBG" or _own_subject(cue) or cue.dep_ not in ("advcl", "xcomp", "ccomp", "oprd") \
            or cue.head.i == cue.i or cue.head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ in ("ccomp", "parataxis") for c in cue.children):
        return None  # a clause said: a participle with an object of its own may modify the noun
    obj = next((c for c in cue.head.children if c.dep_ == "dobj" and c.right_edge.i == cue.i - 1), None)
    if obj is None or obj.ent_type_ in _TIME_LABELS or obj.pos_ not in ("PROPN", "PRON", "NOUN") \
            or obj.lower_ == "it":
        return None
    return obj


# Quantity heads ("millions of", "a majority of"): "millions of Americans supporting him"
# counts a population by its stance; it reports no one's words.
_PARTITIVE_HEADS = words("partitive_heads")
# entity labels of someone who can speak: a person, a body, a people
_AGENT_LABELS = words("person_entity_labels") | words("speaker_group_labels")


@functools.lru_cache(maxsize=1)
def _role_nouns() -> frozenset:
    """Role nouns of people and bodies (data/roles.tsv): "voter", "group", "senator"."""
    return frozenset(row["pattern"].lower() for row in data.tsv("roles.tsv"))


def modified_noun(cue):
    """"Voters saying they want a ban", "a group backing the governor", "emails showing
    that ...": an active participle modifying a noun says what that noun says or stands
    for, so the noun speaks when it names people or a body (a past participle, "the
    report issued on Monday", names no speaker); else None."""
    head = cue.head
    if cue.dep_ != "acl" or cue.tag_ != "VBG" or head is cue or head.pos_ not in ("NOUN", "PROPN", "PRON") \
            or _own_subject(cue):
        return None
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _PARTITIVE_HEADS:
        return None
    # only people and bodies speak: "language calling for aid", "signs calling him a liar"
    # say what they say for whoever wrote them, whom the text names elsewhere
    if head.ent_type_ in _AGENT_LABELS or head.lemma_.lower() in _role_nouns():
        return head
    return None


def passive_cue(cue) -> bool:
    """A cue in the passive ("she was asked", "when told of the ruling", "Asked about it,"):
    its subject is the one spoken to or about, not who speaks."""
    if cue.tag_ not in ("VBN", "VBD") or any(c.dep_ == "nsubj" for c in cue.children):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return True
    if any(c.dep_ == "aux" for c in cue.children):
        return False  # "has asked": a perfect, not a passive
    # a bare participle opening a clause of its own ("Asked whether ...", "When asked ...";
    # the tagger may read the latter as a past tense)
    return cue.dep_ == "advcl" and (cue.tag_ == "VBN" or any(
        c.lower_ in _REDUCED_CLAUSE_MARKS for c in cue.children if c.dep_ in ("advmod", "mark")))
