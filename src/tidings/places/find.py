"""The place stage: the article's toponyms, each resolved to one gazetteer place.

1. candidates: spaCy GPE/LOC/FAC entities (or the gazetteer names inside them), plus
   capitalized token runs the gazetteer knows that spaCy left out or mislabelled;
2. place names used as actors ("Ottawa said": ``actors.metonyms``) and demonyms
   ("Kenyan") are left out;
3. context: the countries and first-level divisions the article names (its unambiguous
   place mentions, NORP demonyms, the actors' countries);
4. resolution: each name's candidates scored by kind (country, region, city), population
   and the context; a name keeps one reading across the article.
"""
from __future__ import annotations

from tidings.places import gazetteer
from tidings.records import Context, Place
from tidings.places.candidates import find_toponyms
from tidings.places.resolution import article_context, mark_appositions, resolve, \
    stands_as_actor


def find_places(ctx: Context) -> list[Place]:
    """The article's toponyms, each with its resolved place (see the module docstring)."""
    doc, actors = ctx.doc, ctx.actors
    gaz = gazetteer.load()
    mentions = find_toponyms(doc, gaz)
    metonyms = list(getattr(actors, "metonyms", None) or ())
    if metonyms:
        mentions = [m for m in mentions
                    if not stands_as_actor(doc[m.token_start:m.token_end].root)
                    or not any(s < m.end and m.start < e for s, e in metonyms)]
    if not mentions:
        return []
    countries, admin1s = article_context(doc, gaz, actors, mentions)
    mark_appositions(doc, mentions)
    chosen = resolve(mentions, countries, admin1s)
    places = []
    for m in mentions:
        place = chosen.get(id(m))
        if place is None:
            continue
        places.append(Place(m.text, m.start, m.end, place.name, place.country,
                            round(place.lat, 5), round(place.lon, 5), place.geonameid))
    return places
