"""Mentions merged into actors: one actor per person, organization, group or country.

Mentions with one key are one actor: a person's key is set by ``identity`` (every name and
description of that person), an organization's is its name, a country's its code, a group's
its country, sector and head word. A bare institution or group ("the police", "the
senate") is the one of that kind the article names with a country: the nearest named before
it, else the first named after it ("police" in a headline, "Turkish police" in the story).

Each actor keeps its mention records (``Actor.records``) for the steps after grouping (the
setting, coreference); its country is the first one its own words give ("own", in text
order), else one borrowed from an institution just named; its sector the first one given,
except that a person the text calls former ("the former secretary of State") and who
holds no office of the lexicon's on the publication date is an elite (ELI).
"""
from __future__ import annotations

from tidings.actors.mentions import Mention
from tidings.actors.table import Actor


def group_mentions(mentions: list[Mention]) -> list[Actor]:
    """Merge mentions into actors (no codes yet: ``settle_codes`` sets them)."""
    _join_bare_institutions(mentions)
    actors: list[Actor] = []
    by_key: dict[tuple, Actor] = {}
    for m in mentions:
        actor = by_key.get(m.key)
        if actor is None:
            actor = Actor(id=f"A{len(actors) + 1}", name=m.name, kind=m.kind)
            actors.append(actor)
            by_key[m.key] = actor
        actor.records.append(m)
        actor.mentions.append((m.start, m.end))
    for actor in actors:
        _settle_fields(actor)
    return actors


def _join_bare_institutions(mentions: list[Mention]) -> None:
    """"the senate's vote" after "Chile's senate": the same institution, with its country."""
    named = [m for m in mentions if m.key[0] == "group" and m.key[1] is not None]
    for m in mentions:
        if m.key[0] != "group" or m.key[1] is not None:
            continue
        same = [n for n in named if n.key[2:] == m.key[2:]]
        before = [n for n in same if n.start < m.start]
        chosen = before[-1] if before else (same[0] if same else None)
        if chosen is not None:
            m.key, m.country, m.country_from = chosen.key, chosen.country, "same institution"


def _settle_fields(actor: Actor) -> None:
    """Name, kind, country and sector of an actor from its records."""
    records = actor.records
    names = [r for r in records if r.kind == "person" and len(r.person_tokens) > 1]
    if names:  # the fullest name the article gives ("Hillary Clinton", not "Clinton")
        actor.name = max(names, key=lambda r: (len(r.person_tokens), -r.start)).name
    if any(r.kind == "person" and r.person_tokens for r in records):
        actor.kind = "person"
    ranked = sorted((r for r in records if r.country),
                    key=lambda r: (r.country_from not in ("own", "same institution"),
                                   r.start))
    if ranked:
        actor.country = ranked[0].country
        actor.igo_code = next((r.igo_code for r in ranked if r.igo_code), None)
    actor.sector = next((r.sector for r in records if r.sector), None)
    if actor.kind == "person" and any(r.sector == "ELI" for r in records) and \
            not any(r.in_office for r in records):
        # "Clinton, the former secretary of State": the text says the office is past, and
        # no office of the lexicon's is held on the publication date
        actor.sector = "ELI"
    if actor.kind == "country" and any(r.metonym for r in records):
        actor.sector = actor.sector or "GOV"


def code_of(country: str | None, sector: str | None, igo_code: str | None = None) -> str | None:
    """The CAMEO-style actor code: country and sector ("KENGOV"), IGO and its code."""
    if country == "IGO":
        return "IGO" + (igo_code or "")
    if country and sector:
        return country + sector
    return country or sector
