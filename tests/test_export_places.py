"""The exports' place columns (issue 13): the first-level division of an event's place fills
GDELT's ADM1 code, Phoenix's StateName, ICEWS' Province and ACLED's admin1; an event the text
does not place leaves every place column blank. Real extraction into a real DuckDB file;
the stories are written for this test."""
from __future__ import annotations

import csv
import io

import pytest

from tidings.article import Article
from tidings.store import Store

PLACED = Article("Police arrested two protesters in Lexington, Kentucky on Monday after "
                 "clashes with counter-protesters.", published="2021-06-08", source="Wire A")
UNPLACED = Article("Russian forces attacked Ukrainian soldiers on Tuesday, the army said.",
                   published="2021-06-09", source="Wire B")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("places") / "places.duckdb"
    with Store.open(path) as store:
        report = store.ingest([PLACED, UNPLACED])
    assert report.coded == 2
    return path


def _export(path, profile: str) -> list[dict]:
    out = io.StringIO()
    with Store.open(path, read_only=True) as store:
        store.export(profile, out)
    delimiter = "," if profile == "acled" else "\t"
    return list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=delimiter))


def test_gdelt_action_geo_from_the_events_place(store_path):
    rows = _export(store_path, "gdelt")
    arrest = next(r for r in rows if r["ActionGeo_Lat"])
    assert arrest["ActionGeo_ADM1Code"] == "USKY"
    assert arrest["ActionGeo_Type"] == "3"  # a US city
    assert arrest["ActionGeo_FullName"] == "Lexington, Kentucky, United States"
    assert arrest["ActionGeo_FeatureID"].isdigit()  # the GeoNames id
    unplaced = [r for r in rows if r["Actor1CountryCode"] == "RUS"]
    assert unplaced and all(r["ActionGeo_Type"] == r["ActionGeo_ADM1Code"] ==
                            r["ActionGeo_Lat"] == r["ActionGeo_FullName"] == ""
                            for r in unplaced)


def test_acled_icews_phoenix_admin1(store_path):
    acled = [r for r in _export(store_path, "acled") if r["latitude"]]
    assert acled and all(r["admin1"] == "Kentucky" and r["geo_precision"] == "1"
                         and r["location"] == "Lexington" for r in acled)
    icews = [r for r in _export(store_path, "icews") if r["Latitude"]]
    assert icews and icews[0]["Province"] == "Kentucky" and icews[0]["City"] == "Lexington"
    phoenix = [r for r in _export(store_path, "phoenix") if r["Lat"]]
    assert phoenix and phoenix[0]["StateName"] == "Kentucky"


def test_places_table_keeps_division_kind_and_use(store_path):
    with Store.open(store_path, read_only=True) as store:
        _, rows = store.fetch("SELECT text, feature, admin1, usage FROM places ORDER BY 1")
    assert ("Kentucky", "admin1", "Kentucky", "location") in rows
    assert ("Lexington", "city", "Kentucky", "location") in rows
    assert all(text not in ("Russian", "Ukrainian") for text, *_ in rows)
