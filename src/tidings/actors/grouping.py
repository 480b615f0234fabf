"""Mentions merged into actors: one actor per person, organization, group or country.

Later bare names join the full name they end ("Okafor" after "Grace Okafor"); a bare
institution ("the senate") joins the one already named with its country.
"""
from __future__ import annotations

from tidings.actors.mentions import Mention
from tidings.actors.table import Actor, ActorTable


def group_mentions(mentions: list[Mention]) -> ActorTable:
    """Merge mentions into actors; bare surnames join the full names they end."""
    actors: list[Actor] = []
    by_key: dict[tuple, Actor] = {}
    persons: list[tuple[tuple, Actor]] = []
    metonyms: set[tuple[int, int]] = set()
    for m in mentions:
        actor = by_key.get(m.key)
        if actor is None and m.key[0] == "group" and m.key[1] is None:
            # a bare institution or group ("the senate's vote") is the one of that
            # kind already named with its country ("Chile's senate")
            actor = next((by_key[k] for k in reversed(list(by_key)) if k[0] == "group"
                          and k[1] is not None and k[2:] == m.key[2:]), None)
        if actor is None and m.kind == "person":
            actor = _known_person(persons, m.person_tokens)
        elif actor is None and m.kind == "organization" and m.person_tokens and \
                m.country is None:
            # spaCy sometimes labels a bare surname ORG ("Okafor said"): a name already
            # known as a person's is that person
            actor = _known_person(persons, m.person_tokens)
            if actor is not None:
                m.kind = "person"
        if actor is None:
            actor = Actor(id=f"A{len(actors) + 1}", name=m.name, kind=m.kind,
                          country=m.country, sector=m.sector, code=None)
            actor._igo = m.igo_code  # type: ignore[attr-defined]
            actors.append(actor)
            if m.kind == "person":
                persons.append((m.person_tokens, actor))
        else:
            if m.kind == "person" and len(m.name) > len(actor.name) and \
                    len(m.person_tokens) > 1:
                actor.name = m.name
            actor.country = actor.country or m.country
            actor.sector = actor.sector or m.sector
        by_key[m.key] = actor
        if m.metonym:
            metonyms.add((m.start, m.end))
            if actor.kind == "country":
                actor.sector = actor.sector or "GOV"
        actor.mentions.append((m.start, m.end))
    for actor in actors:
        actor.code = _code(actor.country, actor.sector, getattr(actor, "_igo", None))
    return ActorTable(actors, metonyms)


def _strip_article(tokens: tuple) -> tuple:
    return tuple(t[3:] if t.startswith("al-") and len(t) > 3 else t for t in tokens)


def _known_person(persons, tokens: tuple):
    """An earlier person whose name ends with (or contains) these tokens."""
    if not tokens:
        return None
    bare = _strip_article(tokens)
    for full, actor in reversed(persons):
        full_bare = _strip_article(full)
        n = len(bare)
        if n <= len(full_bare) and any(full_bare[k:k + n] == bare
                                       for k in range(len(full_bare) - n + 1)):
            return actor
    return None


def _code(country: str | None, sector: str | None, igo_code: str | None = None) -> str | None:
    if country == "IGO":
        return "IGO" + (igo_code or "")
    if country and sector:
        return country + sector
    return country or sector
