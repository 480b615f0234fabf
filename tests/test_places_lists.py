"""Places in lists, possessives and facilities: each rule of places.usage and
places.candidates that decides whether a name there is a location, with sentences of our own."""
from __future__ import annotations

import pytest

from tidings.actors import ActorTable
from tidings.places import find_places
from tidings.places.gazetteer import load
from tidings.records import Context

EMPTY = ActorTable([])


@pytest.fixture(scope="module")
def located(nlp):
    """The texts of the mentions used as locations."""
    def run(text: str) -> list[str]:
        places = find_places(Context(nlp(text), None, actors=EMPTY))
        return [p.text for p in places if p.use == "location"]
    return run


def test_every_name_of_a_locative_list_is_a_location(located):
    found = located("Dead herons were found in Portugal, Norway, Finland, Poland and Hungary.")
    assert {"Portugal", "Norway", "Finland", "Poland", "Hungary"} <= set(found)


def test_examples_take_the_use_of_the_noun(located):
    found = located("Cases rose in several countries such as Peru, Chile and Argentina.")
    assert {"Peru", "Chile", "Argentina"} <= set(found)
    # the same examples of a subject are actors, not locations
    assert located("Countries such as Peru and Chile signed the pact.") == []


def test_between_after_travel_is_a_location(located):
    found = located("The movement of cattle between Norway and Sweden was halted.")
    assert {"Norway", "Sweden"} <= set(found)
    assert located("Talks between Norway and Sweden failed.") == []


def test_possessor_of_a_facility_is_a_location(located):
    found = located("Flights were grounded at Madrid's Barajas airport on Friday.")
    assert "Madrid" in found
    # the possessor of an office or a body is the state, not a place
    assert located("Madrid's mayor and Spain's foreign minister met.") == []


def test_later_names_of_a_list_after_a_locative_word(located):
    # small towns that spaCy does not tag as places, cued by the list's preposition
    found = located("Water samples came from Tacloban and Babatngon last week.")
    assert {"Tacloban", "Babatngon"} <= set(found)


def test_town_modifying_a_facility_noun_is_the_town(located):
    found = located("Stable hands at Randwick racecourse were told to stay home.")
    assert "Randwick" in found


def test_plain_letter_spelling_is_the_town_own_name():
    places = [p for p in load().lookup("Pulawy") if p.kind == "city" and p.country == "POL"]
    assert places and places[0].primary  # Puławy written without its letter ł


def test_town_naming_an_agreement_is_no_location(located):
    assert located("Both sides praised the Yalta accord.") == []
    assert "Yalta" in located("Leaders met in Yalta.")


def test_capital_after_an_envoy_is_the_government(located):
    assert located("He was named ambassador to Ottawa last year.") == []
    assert "Ottawa" in located("He flew to Ottawa last year.")


def test_institution_named_like_a_town_after_to_is_no_place(located):
    # spaCy tags "Congress" an organization; a town of that name exists in Arizona
    assert "Congress" not in located("The president will present the report to Congress soon.")
    assert "Waterloo" in located("The driver, Paul Roe, 49, of Waterloo, was not hurt.")
