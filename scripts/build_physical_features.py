#!/usr/bin/env python
"""Build ``src/tidings/data/places_physical.tsv``: the world's named physical features (seas,
gulfs, bays, straits, lakes, mountain ranges and peaks, deserts, peninsulas, plateaus,
islands and island groups) from Natural Earth's 1:10m physical layers.

Reads the GeoJSON files of Natural Earth 4.0.0 from a folder outside the repository (the
conversion published as martynafford/natural-earth-geojson, ``10m/physical/``; the ``.7z``
twins unpacked where the plain file is absent):
``ne_10m_geography_marine_polys.json``, ``ne_10m_geography_regions_polys.json``,
``ne_10m_geography_regions_points.json``, ``ne_10m_lakes.json``,
``ne_10m_geography_regions_elevation_points.json``, ``ne_10m_rivers_lake_centerlines.json``.

Each row: name, aliases (Natural Earth's alternative names in Latin script, map
abbreviations spelt out: "Unimak I." is "Unimak Island"; the English form of a local
generic word: "Lago Titicaca" is also "Lake Titicaca"; a river is "Nile River", also "River
Nile", and "Nile" for the major ones), kind, a representative point
(inside the polygon: the centroid of its largest part where that lies inside, else the
middle of the widest stretch of that part along the centroid's latitude), the country
(ISO3) where the feature lies in one country (the countries of the GeoNames towns nearest
its outline all agree), and Natural Earth's scalerank (0 most important).

Natural Earth is public domain (naturalearthdata.com). The towns used for countries are the
project's own derived ``places_cities.tsv.gz`` (GeoNames, CC BY 4.0).

Usage: python scripts/build_physical_features.py FOLDER
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "tidings" / "data"
NE_VERSION = "4.0.0"
# Natural Earth's classes -> the kinds tidings records; classes left out are not places a
# story names (poles, "Dragons-be-here") or are kept elsewhere (continents).
KINDS = {
    "ocean": "ocean", "sea": "sea", "gulf": "gulf", "bay": "bay", "strait": "strait",
    "sound": "sound", "channel": "channel", "lagoon": "lagoon", "fjord": "fjord",
    "inlet": "inlet", "reef": "reef", "river": "river", "island": "island",
    "island group": "islands", "range/mtn": "range", "plateau": "plateau",
    "desert": "desert", "pen/cape": "peninsula", "peninsula": "peninsula", "cape": "cape",
    "coast": "coast", "plain": "plain", "delta": "delta", "basin": "basin",
    "valley": "valley", "lowland": "lowland", "isthmus": "isthmus", "wetlands": "wetland",
    "gorge": "gorge", "foothills": "foothills", "depression": "depression",
    "lake": "lake", "alkaline lake": "lake", "lake centerline": "river", "reservoir": "reservoir",
    "mountain": "mountain", "waterfall": "waterfall", "geoarea": "area",
    "tundra": "area",
}
# Peaks this unimportant (Natural Earth's scalerank) are left out: a few hundred stay.
MAX_PEAK_RANK = 6
# Map abbreviations in Natural Earth's labels, spelt out as news writes them.
ABBREVIATIONS = [(r"\bI\.$", "Island"), (r"^I\.\s", "Isla "), (r"\bIs\.$", "Islands"),
                 (r"\bMts\.", "Mountains"), (r"\bMt\.", "Mount"), (r"\bMtns\.", "Mountains"),
                 (r"\bPen\.", "Peninsula"), (r"\bArch\.", "Archipelago"),
                 (r"\bPlat\.", "Plateau"), (r"\bDes\.", "Desert"), (r"\bL\.$", "Lake"),
                 (r"\bR\.$", "River"), (r"\bC\.\s", "Cape "), (r"\bSt\.\s", "St. ")]
# Local generic words -> the English form news uses ("Lago Titicaca" is Lake Titicaca,
# "Bahía de Campeche" the Bay of Campeche): added as aliases.
ENGLISH_FORMS = [
    (r"^(?:Lago|Lac|Ozero|Danau|Lough|Loch)(?: (?:de|di|du|des|del|la))? (.+)$", r"Lake \1"),
    (r"^(?:Isla|Île|Ile|Ilha|Isola|Pulau)(?: (?:de|do|da|di|del|la|d'))? (.+)$", r"\1 Island"),
    (r"^(?:Islas|Îles|Iles|Ilhas|Isole|Kepulauan)(?: (?:de|do|da|di|del|las|los|des))? (.+)$",
     r"\1 Islands"),
    (r"^(?:Cabo|Cap|Capo)(?: (?:de|do|da|di|del))? (.+)$", r"Cape \1"),
    (r"^(?:Golfo|Golfe)(?: (?:de|di|del|du|do))? (.+)$", r"Gulf of \1"),
    (r"^(?:Bahía|Baía|Baie|Bahia)(?: (?:de|do|da|des|del))? (.+)$", r"Bay of \1"),
    (r"^Mar(?: (?:de|del))? (.+)$", r"\1 Sea"),
    (r"^(?:Rio|Río|Rivière)(?: (?:de|do|da|das|dos|del|la))? (.+)$", r"\1 River"),
]
# Rivers are named with their kind word ("Nile River", "River Nile"); the bare name is kept
# only for rivers Natural Earth ranks this important or more ("the Nile", "the Danube").
BARE_RIVER_RANK = 3
MAX_RIVER_RANK = 6
# Words kept in lower case when a name in capitals is written in title case.
SMALL_WORDS = {"of", "the", "and", "de", "du", "des", "la", "le", "del", "da", "do"}
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]*$")
# Features of one name lying closer than this are one feature (a sea cut in two polygons).
SAME_FEATURE_KM = 300.0
# Parts of one name this important are one feature wherever they lie (seas, ranges).
MERGE_RANK = 4
# Outline vertices looked at for the country; a town within this distance of one counts.
COUNTRY_SAMPLES = 48
COUNTRY_TOWN_KM = 40.0


def clean(name: str) -> str:
    name = re.sub(r"\s+", " ", (name or "").replace("\n", " ")).strip()
    if name.isupper():
        name = " ".join(w.lower() if i and w.lower() in SMALL_WORDS else w.capitalize()
                        for i, w in enumerate(name.split()))
    for pattern, full in ABBREVIATIONS:
        name = re.sub(pattern, full, name)
    return name.strip()


def english_forms(name: str) -> list[str]:
    out = []
    for pattern, form in ENGLISH_FORMS:
        if re.match(pattern, name):
            out.append(re.sub(pattern, form, name))
    return out


def river_forms(name: str, rank: int) -> tuple[str, list[str]]:
    """A river's name with its kind word, and its other forms."""
    if re.search(r"\b(River|Rio|Río)\b", name):
        return name, english_forms(name)
    aliases = [f"River {name}"] + ([name] if rank <= BARE_RIVER_RANK else [])
    return f"{name} River", aliases


def alternatives(*cells) -> list[str]:
    """Natural Earth's alternative names: comma- or slash-separated, Latin script only."""
    out = []
    for cell in cells:
        for part in re.split(r"[,/;]", cell or ""):
            part = clean(part)
            if part and _LATIN.match(part) and part not in out:
                out.append(part)
    return out


def _ring_area(ring) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def _centroid(ring) -> tuple[float, float]:
    a = _ring_area(ring)
    if abs(a) < 1e-12:
        xs, ys = zip(*ring)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
    return cx / (6 * a), cy / (6 * a)


def _crossings(rings, y: float) -> list[float]:
    xs = []
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return sorted(xs)


def _parts(geometry) -> list:
    if geometry["type"] == "Point":
        return []
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]


def _part_point(rings, cx: float, cy: float) -> tuple[float, float] | None:
    """The point of one part nearest (cx, cy) along latitude cy: (cx, cy) itself where it
    lies inside, else the middle of the nearest stretch inside; None where cy misses it."""
    xs = _crossings(rings, cy)
    segments = list(zip(xs[::2], xs[1::2]))
    if not segments:
        return None
    for a, b in segments:
        if a <= cx <= b:
            return cx, cy
    a, b = min(segments, key=lambda s: min(abs(s[0] - cx), abs(s[1] - cx)))
    return (a + b) / 2, cy


def representative_point(geometry) -> tuple[float, float]:
    """(lon, lat) inside the feature, near the area-weighted centroid of all its parts: a
    range or a sea in several parts is placed at its middle, not at its largest piece; a
    river at its vertex nearest the mean of its vertices."""
    if geometry["type"] == "Point":
        return tuple(geometry["coordinates"][:2])
    if "LineString" in geometry["type"]:
        points = _line_points(geometry)
        mx = sum(x for x, _ in points) / len(points)
        my = sum(y for _, y in points) / len(points)
        return tuple(min(points, key=lambda pt: km(my, mx, pt[1], pt[0]))[:2])
    parts = _parts(geometry)
    weights = [abs(_ring_area(p[0])) for p in parts]
    total = sum(weights) or 1.0
    centres = [_centroid(p[0]) for p in parts]
    cx = sum(w * c[0] for w, c in zip(weights, centres)) / total
    cy = sum(w * c[1] for w, c in zip(weights, centres)) / total
    candidates = [pt for p in parts if (pt := _part_point(p, cx, cy))]
    for p, (px, py) in zip(parts, centres):
        candidates.append(_part_point(p, px, py) or (px, py))
    return min(candidates, key=lambda pt: km(cy, cx, pt[1], pt[0]))


def _line_points(geometry) -> list:
    lines = geometry["coordinates"] if geometry["type"] == "MultiLineString" \
        else [geometry["coordinates"]]
    return [tuple(pt[:2]) for line in lines for pt in line]


def outline(geometry) -> list[tuple[float, float]]:
    if geometry["type"] == "Point":
        return [tuple(geometry["coordinates"][:2])]
    if "LineString" in geometry["type"]:
        points = _line_points(geometry)
        return points[::max(1, len(points) // COUNTRY_SAMPLES)]
    points = [pt for poly in _parts(geometry) for pt in poly[0]]
    step = max(1, len(points) // COUNTRY_SAMPLES)
    return points[::step]


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * \
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class Towns:
    """The gazetteer's towns on a one-degree grid, for the country of a feature's outline."""

    def __init__(self) -> None:
        self.grid = defaultdict(list)
        with gzip.open(DATA / "places_cities.tsv.gz", "rt", encoding="utf-8") as f:
            rows = csv.reader((line for line in f if not line.startswith("#")),
                              delimiter="\t")
            next(rows)
            for row in rows:
                lat, lon = float(row[5]), float(row[6])
                self.grid[(math.floor(lat), math.floor(lon))].append((lat, lon, row[3]))

    def country_near(self, lon: float, lat: float) -> str | None:
        best, best_km = None, COUNTRY_TOWN_KM
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for tlat, tlon, country in self.grid.get((math.floor(lat) + di,
                                                          math.floor(lon) + dj), ()):
                    d = km(lat, lon, tlat, tlon)
                    if d < best_km:
                        best, best_km = country, d
        return best

    def country_of(self, geometry) -> str:
        found = {self.country_near(lon, lat) for lon, lat in outline(geometry)}
        found.discard(None)
        return found.pop() if len(found) == 1 else ""


def features(folder: Path):
    """(name, aliases, kind, geometry, scalerank) of every feature kept."""
    def read(name):
        return json.loads((folder / name).read_text(encoding="utf-8"))["features"]

    for file, alt_keys in (("ne_10m_geography_marine_polys.json", ("namealt",)),
                           ("ne_10m_geography_regions_polys.json", ("namealt",)),
                           ("ne_10m_geography_regions_points.json", ("name_alt",)),
                           ("ne_10m_lakes.json", ("name_alt",)),
                           ("ne_10m_geography_regions_elevation_points.json", ("name_alt",)),
                           ("ne_10m_rivers_lake_centerlines.json", ("name_alt",))):
        for f in read(file):
            p = f["properties"]
            kind = KINDS.get((p.get("featurecla") or "").lower())
            name = clean(p.get("name"))
            rank = int(p.get("scalerank") or 0)
            if not kind or not name or not _LATIN.match(name) or rank > 10 \
                    or not f.get("geometry"):
                continue
            if kind == "mountain" and rank > MAX_PEAK_RANK \
                    or kind == "river" and rank > MAX_RIVER_RANK:
                continue
            aliases = alternatives(*(p.get(k) for k in alt_keys))
            if kind == "river":
                name, extra = river_forms(name, rank)
                aliases = extra + aliases
            aliases = [a for a in dict.fromkeys(aliases + english_forms(name)) if a != name]
            if kind == "lake" and p.get("name_alt") and "Great Lakes" in aliases:
                aliases.remove("Great Lakes")  # a group of lakes, not this one
            if "Finger Lakes" in aliases:
                aliases.remove("Finger Lakes")
            yield name, aliases, kind, f["geometry"], rank


def build(folder: Path) -> list[dict]:
    """One row per feature: parts of one name and kind are one feature when one of them is
    important (scalerank up to MERGE_RANK: a sea cut in two polygons) or they lie close."""
    towns = Towns()
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for name, aliases, kind, geometry, rank in features(folder):
        groups[(name, kind)].append((aliases, geometry, rank))
    rows: list[dict] = []
    for (name, kind), items in groups.items():
        clusters: list[list] = []
        for item in items:
            lon, lat = representative_point(item[1])
            near = [c for c in clusters if min(item[2], c[0][2]) <= MERGE_RANK
                    or km(lat, lon, c[0][3], c[0][4]) < SAME_FEATURE_KM]
            (near[0] if near else clusters.append([]) or clusters[-1]).append(
                (*item, lat, lon))
        for cluster in clusters:
            geometry = _merged([c[1] for c in cluster])
            lon, lat = representative_point(geometry)
            aliases = list(dict.fromkeys(a for c in cluster for a in c[0]))
            rows.append({"name": name, "aliases": aliases, "kind": kind, "lat": lat,
                         "lon": lon, "country": towns.country_of(geometry),
                         "scalerank": min(c[2] for c in cluster)})
    rows.sort(key=lambda r: (r["scalerank"], r["kind"], r["name"]))
    return rows


def _merged(geometries: list) -> dict:
    if len(geometries) == 1:
        return geometries[0]
    if all("LineString" in g["type"] for g in geometries):
        return {"type": "MultiLineString", "coordinates": [
            line for g in geometries for line in (g["coordinates"] if g["type"] ==
                                                  "MultiLineString" else [g["coordinates"]])]}
    polys = [p for g in geometries for p in _parts(g)]
    if not polys:
        return geometries[0]
    return {"type": "MultiPolygon", "coordinates": polys}


HEADER = f"""# tidings places: the world's named physical features (seas, gulfs, bays, straits, lakes,
# mountain ranges and peaks, deserts, peninsulas, plateaus, islands and island groups).
# Derived table, do not edit by hand: written by scripts/build_physical_features.py from
# Natural Earth {NE_VERSION} 1:10m physical layers (public domain, naturalearthdata.com).
# Columns: name, aliases (|-separated; Natural Earth's alternative names), kind, lat, lon
# (a point inside the feature), country (ISO3 where it lies in one country, else empty),
# scalerank (Natural Earth's importance, 0 the most important).
"""


def write(rows: list[dict]) -> None:
    out = io.StringIO()
    out.write(HEADER)
    out.write("name\taliases\tkind\tlat\tlon\tcountry\tscalerank\n")
    for r in rows:
        out.write(f"{r['name']}\t{'|'.join(r['aliases'])}\t{r['kind']}\t{r['lat']:.4f}\t"
                  f"{r['lon']:.4f}\t{r['country']}\t{r['scalerank']}\n")
    (DATA / "places_physical.tsv").write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_physical_features.py FOLDER (Natural Earth 10m GeoJSON files)")
    table = build(Path(sys.argv[1]))
    write(table)
    print(f"{len(table)} features written to {DATA / 'places_physical.tsv'}")
