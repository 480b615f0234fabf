"""Names the gazetteer lacks that the text places inside a place it knows."""
from __future__ import annotations

import pytest

from tidings.actors import ActorTable
from tidings.places import find_places
from tidings.records import Context


@pytest.fixture(scope="module")
def places(nlp):
    def run(text: str) -> dict[str, dict]:
        found = find_places(Context(nlp(text), None, actors=ActorTable([])))
        return {p.as_dict()["text"]: p.as_dict() for p in found}
    return run


def test_an_unlisted_village_before_its_town_is_placed_at_the_town(places):
    found = places("A sick cow was found at Greenlane, Auckland, on Monday.")
    assert found["Greenlane"]["feature"] == "approximate"
    assert found["Greenlane"]["country"] == "NZL"
    assert (found["Greenlane"]["lat"], found["Greenlane"]["lon"]) == \
        (found["Auckland"]["lat"], found["Auckland"]["lon"])
    assert found["Greenlane"]["geonameid"] is None


def test_the_village_of_an_unlisted_name_in_a_division(places):
    found = places("A dead swan was found in the village of Cellardyke in Fife.")
    assert found["Cellardyke"]["feature"] == "approximate"
    assert found["Cellardyke"]["country"] == "GBR"


def test_a_surname_or_a_new_clause_before_a_country_is_no_place(places):
    found = places("According to Dr Anna Quistberg, Chile is doing well. Officials met "
                   "at the Seaton Street, Leeds, offices of the council.")
    assert "Quistberg" not in found
    assert "Seaton Street" not in found


def test_a_person_in_a_city_is_no_place(places):
    found = places("The killing of Soleimani in Baghdad angered Tehran. The strike killed "
                   "Soleimani, Iran's top general.")
    assert "Soleimani" not in found
    assert found["Baghdad"]["country"] == "IRQ"
