"""Places: named physical features (seas, lakes, ranges, islands, rivers) read where the
text names them, and people, towns and countries named like a feature left as they are."""
from __future__ import annotations

import time

import pytest

from tidings import data
from tidings.actors import ActorTable
from tidings.places import find_places, gazetteer
from tidings.records import Context
from tidings.store import export

EMPTY = ActorTable([])


@pytest.fixture(scope="module")
def places(nlp):
    def run(text: str) -> dict[str, dict]:
        found = find_places(Context(nlp(text), None, actors=EMPTY))
        return {p.text: p.as_dict() for p in found}
    return run


def near(place: dict, lat: float, lon: float, degrees: float = 3.0) -> bool:
    return abs(place["lat"] - lat) <= degrees and abs(place["lon"] - lon) <= degrees


def test_table_loads_with_points_in_range():
    rows = data.tsv("places_physical.tsv")
    assert 1000 < len(rows) < 5000  # a few thousand features, no more
    kinds = set(data.words("physical_kinds"))
    countries = set(gazetteer.load().country_names)  # ISO3 of every GeoNames country
    for row in rows:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["kind"] in kinds, row
        assert 0 <= int(row["scalerank"]) <= 10, row
        assert not row["country"] or row["country"] in countries, row
    head = data.text("places_physical.tsv")[:1000]
    assert "public domain" in head and "Natural Earth" in head and "do not edit" in head


def test_gazetteer_keeps_countries_over_features():
    gaz = gazetteer.load()
    assert {p.kind for p in gaz.lookup("Cyprus")} == {"country"}  # not also the island
    assert any(p.kind == "sea" for p in gaz.lookup("Baltic Sea"))
    assert any(p.kind == "lake" for p in gaz.lookup("Lake Titicaca"))  # "Lago Titicaca"


def test_sea_lake_range_and_island_read_and_resolved(places):
    found = places("A tanker sank in the Baltic Sea on Monday. Divers searched the shore "
                   "of Lake Erie near Cleveland. Snow closed passes in the Ural Mountains. "
                   "Floods hit the island of Bohol, in the central Philippines.")
    assert found["Baltic Sea"]["feature"] == "sea"
    assert near(found["Baltic Sea"], 57, 19)
    assert found["Lake Erie"]["feature"] == "lake"
    assert near(found["Lake Erie"], 42.2, -81.2)
    assert found["Ural Mountains"]["feature"] == "range"
    assert found["Ural Mountains"]["country"] == "RUS"
    assert found["Bohol"]["feature"] == "island"
    assert found["Bohol"]["country"] == "PHL"


def test_plural_range_and_river_with_the(places):
    found = places("Two climbers died in the Alps. Farmers along the Nile lost their crops.")
    assert found["Alps"]["feature"] == "range"
    assert near(found["Alps"], 46.4, 10)
    assert found["Nile"]["feature"] == "river"


def test_people_towns_and_countries_named_like_features(places):
    assert places("Nile said he would resign from the board on Friday.") == {}
    found = places("Protesters gathered in Victoria and in Georgia on Sunday.")
    assert found["Victoria"]["feature"] not in data.words("physical_kinds")
    assert found["Georgia"]["feature"] in ("country", "admin1")
    found = places("Doctors in Cape Verde reported new cases.")
    assert found["Cape Verde"]["feature"] == "country"  # the country, not Senegal's cape


def test_name_inside_a_longer_name_is_not_the_feature(places):
    found = places("Health officials in Dallas warned residents about the West Nile virus.")
    assert "Nile" not in found and "Dallas" in found


def test_exports_read_a_feature_kind_as_an_area():
    row = {"lat": 57.0, "lon": 19.0, "place_feature": "sea", "place_name": "Baltic Sea",
           "place_country": None}
    assert export._geo_precision(row) == 3  # ACLED: a larger area, not a town
    assert export._town(row) == ""
    assert export._geo_type(row) == 4


def test_load_time_is_small():
    gaz = gazetteer.load()
    start = time.perf_counter()
    gaz._load_physical()  # indexing again adds nothing new
    assert time.perf_counter() - start < 1.0
