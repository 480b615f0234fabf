"""Which mentions of a place the article lists: regression tests for place precision
(issue 13, rule 1), with sentences of our own."""
from __future__ import annotations

import pytest

from tidings.actors import ActorTable
from tidings.places import find_places
from tidings.records import Context

EMPTY = ActorTable([])


@pytest.fixture(scope="module")
def uses(nlp):
    def run(text: str) -> list[tuple[str, str]]:
        found = find_places(Context(nlp(text), None, actors=EMPTY))
        return [(p.as_dict()["text"], p.as_dict()["use"]) for p in found]
    return run


def test_possessor_of_a_place_that_is_no_location_lists_no_named_mentions(uses):
    # the state and its acts ("Israel said", "Israel's position") are no places of a story
    # whose only location use of the name qualifies a border that is a subject
    found = uses("The minister said Israel was ready to pull back once Israel's northern "
                 "border could be guarded. Israel's position has changed.")
    assert ("Israel", "named") not in found
    assert found.count(("Israel", "location")) == 1


def test_possessor_of_a_place_something_is_in_keeps_the_named_mentions(uses):
    found = uses("A girl was treated in Vietnam's capital on Friday. Vietnam reported two "
                 "new cases.")
    assert found == [("Vietnam", "location"), ("Vietnam", "named")]


def test_small_town_dateline_before_a_dash_is_a_place(uses):
    # a town too small to be read without a cue: the dateline's dash is the cue, and the
    # story's later mention in its usual case is the same town
    found = uses("Council to vote on budget\nTORRINGTON \u2014 The council will meet on "
                 "Monday, and Torrington residents may speak.")
    assert found[0] == ("TORRINGTON", "location")
    assert "Torrington" in [text for text, _ in found]


def test_later_names_of_a_list_modifying_a_kind_of_place(uses):
    # "X and Y districts": each name modifies the kind word, which says they are places
    found = uses("Officials culled birds in Nandurbar and Dhule districts.")
    assert ("Dhule", "location") in found


def test_capital_modifying_a_facility_is_the_city(uses):
    # a capital before a hospital or a prison says where it is, not who governs
    found = uses("She died in a Buenos Aires hospital on Monday.")
    assert ("Buenos Aires", "location") in found
    assert uses("The Washington talks ended on Monday.") == []


def test_place_at_the_end_of_an_organisation_after_in_is_where_it_is(uses):
    # spaCy runs the organisation's name over "in Winnipeg"; the town is still a place
    found = uses("The girl was flown to the Children's Hospital of Manitoba in Winnipeg.")
    assert ("Winnipeg", "location") in found
