"""Regression tests: a country guessed from a word that is no nationality (a US state before a
title, a language, a hyphenated descent, a surname shared with a foreign office holder or a
town), and office holders coded by the office held on the publication date. Sentences
written for these tests."""
from __future__ import annotations

import pytest
from conftest import actor_rows as _actors, find_actor as _find


@pytest.mark.parametrize("name", ["Alan Reed", "Mary Dunn"])
def test_state_before_a_governor_title_is_the_us_state_not_a_country(extract, name):
    text = "New Jersey Gov. Alan Reed and Georgia Gov. Mary Dunn signed the compact."
    codes = {a[0]: a[4] for a in _actors(extract, text)}
    assert codes[name] == "USAGOV", codes


def test_language_adjective_gives_no_country(extract):
    text = "The campaign bought ads on Spanish-language television last week."
    actors = _actors(extract, text)
    assert all(a[2] != "ESP" for a in actors), actors


def test_hyphenated_american_is_american(extract):
    text = "Korean-American voters lined up early on Tuesday."
    actors = _actors(extract, text)
    voters = [a for a in actors if a[0].endswith("voters")]
    assert voters and all(a[2] == "USA" for a in voters), actors


def test_title_gives_a_surname_holder_country_only_in_that_holder_sector(extract):
    # one foreign head of state bears this surname; a senator is no head of state
    text = "Sen. Molina criticized the budget on Tuesday."
    assert _find(_actors(extract, text), "Sen. Molina")[4] == "USALEG"


def test_surname_named_like_a_town_is_the_person(extract):
    text = ("Carla Fiorina spoke to supporters on Monday. Fiorina said she would win the "
            "primary.")
    actor = _find(_actors(extract, text), "Fiorina")
    assert actor[1] == "person" and actor[0] == "Carla Fiorina" and actor[2] != "SMR"


def test_former_un_ambassador_keeps_his_state(extract):
    text = "Former U.N. Ambassador John Bolton criticized the deal on Sunday."
    assert _find(_actors(extract, text, "2016-05-05"), "Former U.N. Ambassador John Bolton")[4] == "USAELI"


@pytest.mark.parametrize("published, code", [
    ("2016-02-01", "USALEG"),  # a senator (and a candidate) in 2016
    ("2025-06-01", "USAGOV"),  # secretary of state from 2025
])
def test_senator_later_minister_is_coded_by_the_office_then_held(extract, published, code):
    text = "Marco Rubio spoke to voters in Iowa."
    assert _find(_actors(extract, text, published), "Marco Rubio")[4] == code


def test_untitled_candidate_senator_is_a_us_legislator(extract):
    text = "Bernie Sanders spoke to voters in Iowa. Turnout favored Sanders in the end."
    actor = _find(_actors(extract, text, "2016-02-01"), "Sanders")
    assert actor[0] == "Bernie Sanders" and actor[4] == "USALEG"
