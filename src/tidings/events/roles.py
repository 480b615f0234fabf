"""Who did it and to whom: event sides read off the dependency parse.

Sources: the subject (climbing through xcomp/conj/advcl/"by -ing" to the clause that has
one), the passive agent ("by X"), a nominal event's possessor or actor modifier ("Iran's
attack", "the US killing"), or the agent of a participle ("an attack launched by Y").
Targets: the indirect or direct object, the object of a directional preposition ("on Iran",
"at US forces", "with Pompeo"), a passive subject, or the side behind an event noun used as
object ("spurned an Iraqi request" -> Iraq).
"""
from __future__ import annotations

SUBJ_DEPS = ("nsubj", "csubj")
# Prepositions introducing a target, by preference.
TARGET_PREPS = ("on", "against", "at", "with", "to", "toward", "towards", "into", "from", "upon")
# Prepositions introducing the target of a force posture ("deployed troops to / in / along X").
FORCE_PREPS = ("against", "to", "into", "toward", "towards", "near", "along", "in", "on")
# Nominal events whose "of" object is the one acted on ("the killing of X").
OF_TARGET_ROOTS = {"08", "09", "11", "12", "16", "17", "18", "19", "20"}
RELATIVE = {"who", "which", "that", "whom"}
ACTORISH_ENTS = {"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"}
PRONOUN_POSS = {"its", "his", "her", "their", "our", "my", "your"}


def np_span(head) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``head``: its left dependents and the head."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("punct", "cc", "preconj"):
            continue
        start = min(start, child.left_edge.i)
    doc = head.doc
    # keep flat names going right ("Mike Pompeo" parsed with Pompeo as head is fine already)
    end = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end + 1:
            end = child.i
    return doc[start].idx, doc[end].idx + len(doc[end])


def conjuncts(tok) -> list:
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i]


def resolve_relative(tok):
    """'who'/'which' as subject of a relative clause stands for the noun it modifies."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        return tok.head.head
    return tok


def subject_of(verb, depth: int = 0):
    """The subject token of ``verb``'s clause, inherited from governing clauses if needed."""
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            return resolve_relative(child)
    if depth > 4:
        return None
    if verb.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and verb.head is not verb:
        # "acomp": the adjective of "is ready / willing / prepared to ..." takes the copula's subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return None  # a participle modifying a noun: the noun is not its subject
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.head is not verb.head:  # "by firing missiles"
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def agent_of(tok):
    """The 'by X' object of a passive verb or a participle."""
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def prep_objects(tok, preps=TARGET_PREPS) -> list:
    """Objects of the target prepositions under ``tok``, in preference order."""
    found = []
    for p in preps:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == p:
                found.extend(g for g in child.children if g.dep_ == "pobj" and not is_when(g))
    return found


def is_when(tok) -> bool:
    """A date or time phrase ("on Friday", "this weekend"): never an event side."""
    return tok.ent_type_ in ("DATE", "TIME")


def actor_modifier(noun):
    """A possessor or an actor-like modifier of an event noun ("Iran's", "US", "Iraqi")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    for child in mods:
        if child.ent_type_ in ACTORISH_ENTS or child.pos_ == "PROPN":
            return child
    for child in mods:  # "a US drone strike": the actor modifies the modifier
        for g in child.children:
            if g.dep_ in ("compound", "amod", "nmod", "poss") and (
                    g.ent_type_ in ACTORISH_ENTS or g.pos_ == "PROPN"):
                return g
    return None
