"""Second-level divisions coded in ISO 3166-2 (provinces, departments, counties)."""
from __future__ import annotations

import pytest

from tidings.actors import ActorTable
from tidings.places import find_places, gazetteer
from tidings.records import Context


@pytest.fixture(scope="module")
def places(nlp):
    def run(text: str) -> dict[str, dict]:
        found = find_places(Context(nlp(text), None, actors=ActorTable([])))
        return {p.as_dict()["text"]: p.as_dict() for p in found}
    return run


def test_a_province_the_first_level_table_lacks_is_a_place(places):
    found = places("Farmers in Nueva Ecija lost their rice crop, and dengue spread in "
                   "Zambales.")
    assert found["Nueva Ecija"]["country"] == "PHL"
    assert found["Nueva Ecija"]["feature"] == "admin2"
    assert abs(found["Nueva Ecija"]["lat"] - 15.6) < 0.5
    assert found["Zambales"]["country"] == "PHL"


def test_a_department_is_a_place_in_its_country(places):
    found = places("Two dead ducks were found in the Somme region last week.")
    assert found["Somme"]["country"] == "FRA"
    assert abs(found["Somme"]["lon"] - 2.3) < 0.7


def test_a_division_named_like_a_town_is_named_by_its_kind_word_only():
    gaz = gazetteer.load()
    # Gulu is a town and a Ugandan district: the bare name stays the town
    assert {p.kind for p in gaz.lookup("Gulu")} == {"city"}
    assert any(p.kind == "admin2" and p.country == "UGA" for p in gaz.lookup("Gulu district"))
    # Norfolk, Virginia is a city of 15,000+ people: no bare reading for an English county
    assert not any(p.kind == "admin2" for p in gaz.lookup("Norfolk"))


def test_a_division_name_as_a_breed_or_a_surname_is_no_place(places):
    found = places("The family in Missouri raises Angus cattle and grows row crops; their "
                   "son Angus Reid runs the farm.")
    assert "Angus" not in found
    assert "Missouri" in found


def test_a_former_province_still_named_in_news_is_a_region(places):
    found = places("Cholera spread through Nyanza Province, and ten cases were found in "
                   "Hedmark.")
    assert found["Nyanza Province"]["country"] == "KEN"
    assert found["Nyanza Province"]["feature"] == "region"
    assert found["Hedmark"]["country"] == "NOR"
