"""Sides that name the victims of the article's violent acts.

"Sylvania expressed its condolences to the families of the victims", "offered sympathy to
the bereaved": the side is whoever suffered the violence the article reports, which the
phrase does not name. A side so described stands for each country that violence struck:
the countries of the violent acts' targets (the embassy of a country, its soldiers) and of
the places they happened in (the blasts in two capitals). An article with no violent act,
or whose violence struck no country the text names, leaves the phrase as it is (and the
plausibility checks drop the event).
"""
from __future__ import annotations

import functools

from tidings.data import json_table, words
from tidings.nlp.doctext import doc_text
from tidings.events.frames import Trigger
from tidings.records import Context, Event, Side


def violent_phrases(trig: Trigger) -> list[tuple[int, int]]:
    """The character spans of the phrases a trigger tells violence in: its own phrase when
    its act is violent, and that of a violent act it carries ("condemned the bombing of
    the embassy": the bombing's)."""
    found = []
    for t in (trig, trig.carrier):
        if t is not None and t.root in words("violent_roots"):
            tok = t.tok
            found.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)))
    return found


def resolve_victims(events: list[Event], violent: list[tuple[int, int]],
                    ctx: Context) -> list[Event]:
    """``events`` with each victims-phrase target replaced by one event per country struck
    in the ``violent`` phrases."""
    text = doc_text(ctx.doc)
    if not any(_names_victims(e.target, text) and e.root in words("victim_roots")
               for e in events):
        return events
    countries = _struck_countries(violent, ctx)
    if not countries:
        return events
    out = []
    for event in events:
        if not _names_victims(event.target, text) or event.source is None \
                or event.root not in words("victim_roots"):
            out.append(event)
            continue
        for country, name in countries.items():
            if country == event.source.country:
                continue
            side = event.target.copy(name=name, country=country, code=country,
                                     extra={**event.target.extra, "victims": True})
            out.append(_with_target(event, side))
    return out


def _names_victims(side: Side | None, text: str) -> bool:
    """Is the side's phrase a description of victims ("the families of the victims", "the
    bereaved")? Such a side has no country of its own: one the actor stage gave it from the
    story's setting is a guess the victims' countries replace."""
    if side is None or (side.country and side.sector not in words("victim_sectors")):
        return False
    start, end = side.extra.get("phrase") or side.mention or (0, 0)
    return any(word.strip(".,;:") in words("victim_words")
               for word in text[start:end].lower().split())


def _struck_countries(violent: list[tuple[int, int]], ctx: Context) -> dict[str, str]:
    """Country code -> name of the actors and places named in the phrases of violence, in
    text order."""
    named = []
    for start, end in violent:
        named += [(s, actor.country) for actor, (s, _) in (ctx.actors.mentions_in(start, end)
                                                           if ctx.actors else [])]
        named += [(p.start, p.country) for p in ctx.places if start <= p.start and p.end <= end]
    found: dict[str, str] = {}
    for _, country in sorted(named):
        if country and country != "IGO":
            found.setdefault(country, _country_name(country, ctx))
    return found


def _country_name(iso3: str, ctx: Context) -> str:
    """The name the article gives the country, else its ISO 3166 name."""
    for actor in ctx.actors or ():
        if actor.kind == "country" and actor.country == iso3:
            return actor.name
    return _iso_names().get(iso3, iso3)


@functools.lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    return {c["iso3"]: c["name"] for c in json_table("countries.json")["countries"]}


def _with_target(event: Event, target: Side) -> Event:
    values = {name: getattr(event, name) for name in event.__dataclass_fields__}
    values.update(target=target, evidence=dict(event.evidence))
    return Event(**values)
