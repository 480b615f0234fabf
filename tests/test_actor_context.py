"""Who is who, in context (sentences written for these tests): the country of unqualified
domestic actors (own words, the same institution, the sentence, the dateline, the main
country, the title), US titles, one identity per person, codes valid on the publication
date, envoys, and place-name readings that must not give a country."""
from __future__ import annotations

import pytest
from conftest import actor_rows as _actors, find_actor as _find


# -- the order: own words, the same institution, the sentence, the dateline, the main country
def test_dateline_gives_unqualified_police_their_country(extract):
    text = "KAMPALA, Uganda (AP) - Police fired tear gas at students on Monday."
    assert _find(_actors(extract, text), "Police")[4] == "UGACOP"


def test_own_demonym_outranks_the_dateline(extract):
    text = "KAMPALA, Uganda (AP) - Kenyan police arrested two traders on Monday."
    assert _find(_actors(extract, text), "Kenyan police")[4] == "KENCOP"


def test_a_place_in_the_clause_outranks_the_dateline(extract):
    text = "NAIROBI, Kenya (AP) - Soldiers fired on a crowd in downtown Kampala on Monday."
    assert _find(_actors(extract, text), "Soldiers")[2] == "UGA"


def test_the_same_institution_named_with_its_country_outranks_the_dateline(extract):
    text = ("NICOSIA, Cyprus (AP) - Turkish police detained ten activists on Sunday. "
            "The police said all of them were released by night.")
    actor = _find(_actors(extract, text), "The police")
    assert actor[4] == "TURCOP" and "Turkish police" in actor[5]


def test_wire_dateline_with_a_date_gives_the_country(extract):
    text = "LUSAKA, May 3 (Xinhua) -- The Foreign Ministry said on Friday it regretted the vote."
    assert _find(_actors(extract, text), "The Foreign Ministry")[4] == "ZMBGOV"


def test_seat_of_international_bodies_is_no_country(extract):
    text = "BRUSSELS, May 3 (Xinhua) -- Officials said on Friday the meeting would go ahead."
    assert _find(_actors(extract, text), "Officials")[2] is None


def test_main_country_without_a_dateline(extract):
    text = ("Zambia's president dissolved parliament on Friday. Zambia will vote in March, "
            "and Zambia's churches welcomed the date. Lawmakers said they were ready.")
    assert _find(_actors(extract, text), "Lawmakers")[4] == "ZMBLEG"


def test_two_country_story_has_no_main_country(extract):
    text = ("Chile and Peru traded accusations on Friday. Chile recalled its envoy and Peru "
            "closed a crossing. Lawmakers said they were worried.")
    assert _find(_actors(extract, text), "Lawmakers")[2] is None


def test_a_titled_person_takes_the_dateline_not_the_place_visited(extract):
    text = "LUSAKA, Zambia (AP) - Foreign Minister Tomas Varga spoke in Nairobi on Monday."
    assert _find(_actors(extract, text), "Foreign Minister Tomas Varga")[4] == "ZMBGOV"


def test_a_person_named_without_a_title_takes_no_country_from_context(extract):
    text = "KAMPALA, Uganda (AP) - Maria Lindqvist arrived on Monday to open the fair."
    assert _find(_actors(extract, text), "Maria Lindqvist")[2] is None


def test_an_ambassador_takes_no_country_from_the_dateline(extract):
    text = "KAMPALA, Uganda (AP) - The ambassador was summoned on Monday."
    assert _find(_actors(extract, text), "The ambassador")[2] is None


def test_summoned_envoy_is_the_side_of_its_demonym(extract):
    text = "WARSAW, Poland (AP) - Poland summoned the German ambassador on Tuesday."
    assert _find(_actors(extract, text), "the German ambassador")[2:4] == ("DEU", "GOV")


def test_spokesman_does_not_borrow_from_an_embassy(extract):
    text = ("TEHRAN, Iran (AP) - Crowds gathered outside the U.S. embassy on Monday. "
            "Foreign Ministry spokesman Ali Karimi said the protest was peaceful.")
    assert _find(_actors(extract, text), "Foreign Ministry spokesman Ali Karimi")[2] == "IRN"


# -- whose troops, whose spokesman ------------------------------------------------------------
def test_an_office_holders_spokesman_takes_the_holders_country(extract):
    text = "Yeltsin's spokesman Ivan Petrov said the talks went well."
    assert _find(_actors(extract, text, "1998-03-01"),
                 "Yeltsin's spokesman Ivan Petrov")[4] == "RUSGOV"


def test_troops_of_a_person_coded_by_context_take_that_country(extract):
    text = ("LUSAKA, Zambia (AP) - Defense Minister Tomas Varga said on Monday that Varga's "
            "troops would stay.")
    assert _find(_actors(extract, text), "Varga's troops")[4] == "ZMBMIL"


# -- US titles ----------------------------------------------------------------------------------
def test_us_state_before_a_title_is_the_state(extract):
    actors = _actors(extract, "Arizona Sen. Dana Whitfield criticized the bill on Monday.")
    assert _find(actors, "Arizona Sen. Dana Whitfield")[4] == "USALEG"


@pytest.mark.parametrize("text,mention", [
    ("Sen. Dana Whitfield (R-Texas) criticized the bill.", "Sen. Dana Whitfield"),
    ("Rep. Paul Ostrow, D-Calif., criticized the bill.", "Rep. Paul Ostrow"),
])
def test_party_and_state_after_a_legislator(extract, text, mention):
    assert _find(_actors(extract, text), mention)[4] == "USALEG"


def test_abbreviated_senator_title_is_a_us_legislator(extract):
    assert _find(_actors(extract, "Sen. Dana Whitfield criticized the bill."),
                 "Sen. Dana Whitfield")[4] == "USALEG"


def test_dateline_outranks_the_titles_default_country(extract):
    text = "MANILA, Philippines (AP) - Sen. Rosa Dimalanta criticized the budget on Monday."
    assert _find(_actors(extract, text), "Sen. Rosa Dimalanta")[4] == "PHLLEG"


# -- one identity, a code valid on the publication date ------------------------------------
def test_name_variants_are_one_person(extract):
    text = ("Hillary Clinton spoke in Ohio on Monday. Mrs. Clinton said she would win. "
            "Clinton, the former secretary of State, laughed.")
    actors = _actors(extract, text, "2016-05-01")
    actor = _find(actors, "Hillary Clinton")
    assert {"Mrs. Clinton", "Clinton", "the former secretary of State"} <= set(actor[5])
    assert actor[4] == "USAELI"
    assert len([a for a in actors if a[1] == "person"]) == 1


def test_surname_before_the_full_name_joins_it(extract):
    text = "Okonkwo wins the vote\nGrace Okonkwo won the party vote on Sunday."
    actor = _find(_actors(extract, text), "Okonkwo")
    assert actor[0] == "Grace Okonkwo" and "Grace Okonkwo" in actor[5]


def test_office_holder_spellings_are_one_actor(extract):
    text = "Trump spoke on Monday. Donald Trump later signed the order."
    actors = _actors(extract, text, "2019-05-01")
    assert _find(actors, "Trump") is _find(actors, "Donald Trump")


@pytest.mark.parametrize("text,published,code", [
    ("Tony Blair spoke in London.", "2003-01-01", "GBRGOV"),  # in office
    ("Former prime minister Tony Blair spoke in London.", "2015-01-01", "GBRELI"),
    ("Tony Blair, the former prime minister, spoke in London.", "2015-01-01", "GBRELI"),
])
def test_office_holder_code_follows_the_date_and_the_text(extract, text, published, code):
    actors = [a for a in _actors(extract, text, published) if a[0] == "Tony Blair"]
    assert len(actors) == 1 and actors[0][4] == code


def test_candidate_not_yet_in_office_is_an_elite(extract):
    actors = _actors(extract, "Donald Trump spoke in Iowa.", "2016-05-01")
    assert _find(actors, "Donald Trump")[4] == "USAELI"


@pytest.mark.parametrize("published,code", [("1998-03-01", "SRBREB"), ("2010-03-01", "XKXREB")])
def test_country_as_of_the_publication_date(extract, published, code):
    actors = _actors(extract, "The Kosovo Liberation Army attacked a police post.", published)
    assert _find(actors, "Kosovo Liberation Army")[4] == code


def test_yugoslavia_is_coded_as_serbia(extract):
    actors = _actors(extract, "Yugoslavia protested on Monday.", "1998-03-01")
    assert _find(actors, "Yugoslavia")[2] == "SRB"


def test_demonym_before_a_name_in_apposition(extract):
    text = "Police escorted the Libyan, Omar Saleh, to the airport on Monday."
    assert _find(_actors(extract, text), "Omar Saleh")[2] == "LBY"


def test_nationality_after_a_name_in_apposition(extract):
    text = "Police arrested Omar Saleh, a Comorian Muslim, on Monday."
    assert _find(_actors(extract, text), "Omar Saleh")[2] == "COM"


def test_definite_description_joins_the_titled_person_named_before(extract):
    text = ("Gen. Pedro Alvarez inspected the border posts on Monday. "
            "The general said the army was ready.")
    actor = _find(_actors(extract, text), "Gen. Pedro Alvarez")
    assert "The general" in actor[5]


def test_indefinite_description_is_someone_new(extract):
    text = ("Fidel Castro spoke on Monday. A State Department official said the visit was off.")
    actors = _actors(extract, text, "1999-05-01")
    official = _find(actors, "A State Department official")
    assert official[0] != "Fidel Castro" and official[2] == "USA"


# -- place names that must give no country ---------------------------------------------------
@pytest.mark.parametrize("text,wrong", [
    ("Khmer Rouge guerrillas attacked the village.", "CAN"),  # Rouge, a town in Ontario
    ("The Mines Advisory Group cleared the field.", "BLR"),  # one letter from Minsk
    ("Arizona Sen. Dana Whitfield voted no.", "HND"),  # Arizona, a town in Honduras
    ("Staff of the Trade Center Authority met on Monday.", "SAU"),
])
def test_words_that_are_also_towns_give_no_country(extract, text, wrong):
    assert all(a[2] != wrong for a in _actors(extract, text))


@pytest.mark.parametrize("text, mention, country", [
    ("Pellworth Dynamics in Texas sold its stake on Monday.", "Pellworth Dynamics", "USA"),
    ("A historian at the University of Bellmoor in Scotland wrote the report.",
     "University of Bellmoor", "GBR"),
])
def test_unknown_organization_located_in_a_region_takes_its_country(extract, text, mention,
                                                                    country):
    assert _find(_actors(extract, text), mention)[2] == country
