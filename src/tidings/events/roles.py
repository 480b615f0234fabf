"""Who did it and to whom: event sides read off the dependency parse.

Sources: the subject (tidings.nlp.syntax.subject_of: climbing through to-clauses,
coordinated verbs, participles and "by -ing" to the clause that has one), the passive agent
("by X"), a nominal event's possessor or actor modifier ("Ruritania's blockade", "the
Freedonian shelling"), or the agent of a participle ("a raid carried out by Y").
Targets: the indirect or direct object, the object of a directional preposition ("on
Sylvania", "at the border post", "with the envoy"), a passive subject, or the side behind an
event noun used as object ("rejected a Freedonian proposal" -> Freedonia).
"""
from __future__ import annotations

from tidings.data import word_list, words
from tidings.nlp.syntax import is_time_phrase

# Prepositions introducing a target, by preference.
TARGET_PREPS = word_list("target_preps")


def np_span(head) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``head``: its left dependents and the head."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("punct", "cc", "preconj"):
            continue
        start = min(start, child.left_edge.i)
    doc = head.doc
    # keep flat names going right ("Anna Berg" parsed with Berg as head is fine already)
    end = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end + 1:
            end = child.i
    return doc[start].idx, doc[end].idx + len(doc[end])


def conjuncts(tok) -> list:
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i]


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
    heads = [child for child in tok.children if child.dep_ == "prep"]  # walked once
    for p in preps:
        for child in heads:
            if child.lower_ == p:
                found.extend(g for g in child.children if g.dep_ == "pobj" and not is_time_phrase(g))
    return found


def actor_modifier(noun):
    """A possessor or an actor-like modifier of an event noun ("Sylvania's", "UN", "Freedonian").

    Before an act of terror with no target named ("the Nairobi bombing", "the embassy
    blast") a place name or a building says where it happened, not who did it: only a
    possessive, a nationality adjective or an organization names the author there ("the
    Freedonian bombing", "a Taliban attack"; "the Freedonian bombing of the port" names
    both)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    if noun.lemma_.lower() in words("located_act_nouns") and not prep_objects(noun, ("of", "on", "against")):
        mods = [c for c in mods if c.ent_type_ in words("author_entity_labels")]
    for child in mods:
        if child.ent_type_ in words("actor_entity_labels") or child.pos_ == "PROPN":
            return child
    for child in mods:  # "a Freedonian artillery strike": the actor modifies the modifier
        for g in child.children:
            if g.dep_ in ("compound", "amod", "nmod", "poss") and (
                    g.ent_type_ in words("actor_entity_labels") or g.pos_ == "PROPN"):
                return g
    return None
