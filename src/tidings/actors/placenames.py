"""Place names inside or before actor phrases ("Lagos traders", "Arizona Sen.", "Oyo State
government"), read for the country they give the actor, and read cautiously.

A wrong country is worse than none: an event side coded to the wrong country puts the event
on the wrong dyad. The gazetteer answers "which places could this name be?" generously (it
serves the place stage, where a toponym is already known to be one); here the words are
often ordinary words or name fragments ("Mines Advisory Group", "Khmer Rouge", "Trade
Center", "Lester"), so a name gives a country only when

1. it is a country, a first-level division (a state, province, region) or a city by its own
   name (or an alternate name of a city of ``ALTNAME_CITY_POPULATION`` people: "Madras");
2. a division outranks a city of the same name ("Arizona" the US state, not the Honduran
   town); before a title a division outranks even a country ("Georgia Sen.": the US state);
3. a misspelt big city ("Mumbia police", "Dehli police") is guessed only for one
   capitalized word of at least ``MIN_GUESSED_CHARS`` letters standing just before a
   title, one typing slip from the city's name (``typo_of``), which names no place itself
   and is no nationality word ("Soviet troops" are not Soweto's);
4. a city is a capital or has at least ``MODIFIER_CITY_POPULATION`` people, and when cities
   of that name lie in several countries the largest is ``CITY_DOMINANCE`` times the next.
"""
from __future__ import annotations

from tidings.actors.lexicon import typo_of
from tidings.nlp.folding import fold
from tidings.places.gazetteer import GeoName, load, near_big_city

# Smallest city whose name alone makes an actor that city's country's ("Potsdam police"):
# smaller towns are too often named like English words and surnames ("Rouge", "Holt",
# "Green", "Most"), for little gain.
MODIFIER_CITY_POPULATION = 100_000
# Shortest word read as a misspelling of a big city: shorter words are mostly English words
# or names one slip from some city.
MIN_GUESSED_CHARS = 5
# Alternate names (not the city's own) are read only for cities this large: their other
# names are real ones ("Madras", "Bombay", "Saigon"); smaller cities' lists hold words and
# surnames ("Lester", "Freedom", "Center").
ALTNAME_CITY_POPULATION = 1_000_000
# How many times more populous than the next city of the same name (in another country) a
# city must be to give its country: "Salem" (India, United States) gives none.
CITY_DOMINANCE = 5


def modifier_country(text: str, before_title: bool = False) -> str | None:
    """The country a place name gives an actor it modifies, or None when unsure."""
    places = [p for p in load().lookup(text) if p.country and (
        p.primary or (p.kind == "city" and p.population >= ALTNAME_CITY_POPULATION))]
    divisions = [p for p in places if p.kind == "admin1"]
    countries = [p for p in places if p.kind == "country"]
    if before_title and divisions:
        return _one_country(divisions)
    if countries:
        return _one_country(countries)
    if divisions:
        return _one_country(divisions)
    return _city_country([p for p in places if p.kind == "city"])


def located_country(text: str) -> str | None:
    """The country of the place something is "in" ("a firm in Texas"): a country or a
    first-level division, unless a capital or a city of ``ALTNAME_CITY_POPULATION`` people
    of that name lies in another country ("Santiago": a Dominican province, and Chile's
    capital); else a capital or a city of ``MODIFIER_CITY_POPULATION`` people that
    dominates its name (``safe_city``)."""
    places = [p for p in load().lookup(text) if p.country and (
        p.primary or (p.kind == "city" and p.population >= ALTNAME_CITY_POPULATION))]
    country = _one_country([p for p in places if p.kind in ("country", "admin1")])
    if country is None:
        city = safe_city(text)
        big = city is not None and (city.capital or city.population >= MODIFIER_CITY_POPULATION)
        return city.country if big else None
    rivals = [p for p in places if p.kind == "city" and p.country != country
              and (p.capital or p.population >= ALTNAME_CITY_POPULATION)]
    return None if rivals else country


def division_country(text: str) -> str | None:
    """The country of a first-level division by its name or abbreviation ("Tex.")."""
    for form in (text, text + "." if not text.endswith(".") else text):
        found = {p.country for p in load().lookup(form) if p.kind == "admin1" and p.country}
        if len(found) == 1:
            return found.pop()
    return None


def misspelt_city_country(token) -> str | None:
    """The country of the big city a capitalized word before a title misspells, if any."""
    text = token.text
    if len(text) < MIN_GUESSED_CHARS or not text.isalpha() or not text[:1].isupper() \
            or token.ent_type_ in ("NORP", "PERSON", "ORG") or load().lookup(text):
        return None
    cities = [c for c in near_big_city(text) if typo_of(fold(text), fold(c.name))]
    return cities[0].country if len(cities) == 1 else None


def safe_city(text: str) -> GeoName | None:
    """The city a name standing as an actor denotes ("Gdansk welcomed the team"): by its own
    name, the largest of that name, and none when a division or country of that name lies
    in another country ("Arizona") or a city elsewhere is nearly as large ("Salem")."""
    places = [p for p in load().lookup(text) if p.country and p.primary]
    cities = sorted((p for p in places if p.kind == "city"), key=lambda p: -p.population)
    if not cities:
        return None
    first = cities[0]
    if any(p.kind != "city" and p.country != first.country for p in places):
        return None
    rivals = [c for c in cities[1:] if c.country != first.country]
    if rivals and first.population < CITY_DOMINANCE * rivals[0].population:
        return None
    return first


def _one_country(places: list[GeoName]) -> str | None:
    found = {p.country for p in places}
    return found.pop() if len(found) == 1 else None


def _city_country(cities: list[GeoName]) -> str | None:
    big = sorted((c for c in cities if c.capital or c.population >= MODIFIER_CITY_POPULATION),
                 key=lambda c: -c.population)
    if not big:
        return None
    rivals = [c for c in big[1:] if c.country != big[0].country]
    if rivals and big[0].population < CITY_DOMINANCE * rivals[0].population:
        return None
    return big[0].country
