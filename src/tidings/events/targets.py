"""Where an event's target is, and where it is not: the prepositions that name a target,
the phrases that name none (topics, what an act goes without, a force's own troops), and the
target of a force posture aimed at no country (``posture_adversary``)."""
from __future__ import annotations

from tidings.data import word_list, words
from tidings.events import roles
from tidings.events.frames import Trigger
from tidings.events.ontology import code_in
from tidings.events.triggers import VERB_POS, lemma, lexicon, match


def force_targets(head, dobjs, withdrawal: bool = False) -> list:
    """Where or against whom a force posture goes; what a withdrawal leaves ("from X")."""
    found = []
    preps = ("from",) if withdrawal else word_list("force_target_preps")
    for x in [head] + dobjs:
        found.extend(roles.prep_objects(x, preps))
        for p in roles.prep_objects(x, ("for",)):  # "for a ground offensive against X"
            found.extend(roles.prep_objects(p, word_list("force_purpose_preps")))
    return found


def topic_spans(trig: Trigger) -> list[tuple[int, int]]:
    """Character spans of a topic verb's objects ("discussed the pullout of the troops")."""
    head = trig.head
    if head.pos_ not in VERB_POS or lemma(head) not in lexicon().topic:
        return []
    return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
            for c in head.children if c.dep_ == "dobj"]


def harm(noun) -> bool:
    """An act that harms ("the bombing", "the terrorist acts"): those after it ("on the
    embassy", "against civilians") are its victims, never the target of a reaction to it;
    those after a helping act ("support for aid to X") are its beneficiaries."""
    act = match(noun)
    return lemma(noun) in words("act_nouns") or (
        act is not None and act.cameo[:2] in words("material_conflict_roots"))


def target_preps(trig: Trigger) -> tuple:
    """The prepositions whose object is the act's target: those of a consultation ("talks on
    Kosovo", "consulted on the budget") name its topic, not its partner; "at" names a target
    only for acts aimed at someone ("fired at", "lashed out at", "protested at"), elsewhere
    the place ("met at the embassy", "tightened security at our embassies"); "against" names
    a cooperation's common adversary ("stand with X against Y"), not its partner."""
    preps = roles.TARGET_PREPS
    if trig.root in words("partner_roots"):
        topic = words("consultation_topic_preps")
        preps = tuple(p for p in preps if p not in topic)
    if trig.root not in words("aimed_roots"):
        preps = tuple(p for p in preps if p not in words("aim_preps"))
    if trig.root in words("common_front_roots"):
        preps = tuple(p for p in preps if p != "against")
    return preps


def own_force(trig: Trigger) -> bool:
    """A force posture or a pulling back of forces: its object is the actor's own force."""
    return trig.root in words("force_posture_roots") \
        or code_in(trig.code, "own_force_codes")


def own_force_spans(trig: Trigger) -> list[tuple[int, int]]:
    """Character spans of the forces an actor moves ("withdrew troops"): its own, no target."""
    return [roles.np_span(c) for t in (trig, trig.embedded) if t is not None and own_force(t)
            for c in t.head.children if c.dep_ == "dobj"]


def absent_spans(trig: Trigger) -> list[tuple[int, int]]:
    """Character spans of the phrases that name what the act goes without or despite
    ("attacking without UN approval", "despite Freedonian protests") or, for acts not aimed
    at anyone, where it happens ("met at the embassy"), or a cooperation's common adversary
    ("pledged to stand with X against Y"): no side is there."""
    preps = words("absent_preps")
    if trig.root not in words("aimed_roots"):  # "met at the embassy": where, not with whom
        preps = preps | words("aim_preps")
    if trig.root in words("common_front_roots"):
        preps = preps | {"against"}
    return [(p.left_edge.idx, p.right_edge.idx + len(p.right_edge))
            for p in trig.head.subtree if p.dep_ == "prep" and p.lower_ in preps]


def posture_adversary(events: list) -> None:
    """A force posture aimed at no country ("is bolstering its presence in the gulf", "moved
    troops and a naval armada into the Gulf", "a British carrier is patrolling the Gulf") is
    aimed at the adversary the story names for its source: the one foreign country that the
    same country's threats, force postures, sanctions and violent acts target in the article
    (``posture_adversary_roots``). None when they target several countries or none; the
    target taken is counted as a guess (the confidence model weighs it)."""
    foes: dict[str, dict[str, object]] = {}
    for event in events:
        if event.root in words("posture_adversary_roots") and _foreign(event.source, event.target):
            foes.setdefault(event.source.country, {}).setdefault(event.target.country, event.target)
    for event in events:
        if event.root not in words("force_posture_roots") or not _aimless(event.source, event.target):
            continue
        found = foes.get(event.source.country, {})
        if len(found) == 1:
            foe = next(iter(found.values()))
            event.target = foe.copy(extra={**foe.extra, "adversary": True})
            event.evidence["guessed"] = event.evidence.get("guessed", 0) + 1


def _foreign(source, target) -> bool:
    """Sides of two different countries (an IGO counts as one)."""
    return bool(source and target and source.country and target.country
                and source.country != target.country)


def _aimless(source, target) -> bool:
    """A posture's target that names no country it is aimed at: none, a sea or region with no
    country ("the Gulf"), or the source's own force ("moved additional troops")."""
    if source is None or not source.country:
        return False
    if target is None or not target.country:
        return True
    return target.country == source.country and not target.extra.get("place") \
        and target.sector in words("force_sectors")
