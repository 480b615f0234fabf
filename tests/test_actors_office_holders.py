"""Office holders coded on the publication date (sentences written for these tests): a leader's
next office after a term (speaker, party leader, assembly member) gives the sector then; named
ministers, chief ministers and chiefs of defence without a title in the text get their
office's country; spelling variants of an armed group's name find the group."""
from __future__ import annotations

import pytest
from conftest import actor_rows as _actors, find_actor as _find


@pytest.mark.parametrize("published, code", [
    ("2019-06-01", "ESTGOV"),  # prime minister
    ("2022-02-01", "ESTLEG"),  # then speaker of the parliament
])
def test_former_prime_minister_turned_speaker_is_a_legislator(extract, published, code):
    text = "Jüri Ratas opened the session on Tuesday."
    assert _find(_actors(extract, text, published), "Jüri Ratas")[4] == code


@pytest.mark.parametrize("published, code", [
    ("2020-06-01", "PAKGOV"),  # chief minister of Balochistan
    ("2022-06-01", "PAKLEG"),  # then a member of the provincial assembly
])
def test_chief_minister_back_in_the_assembly_is_a_legislator(extract, published, code):
    text = "Jam Kamal Khan criticised the provincial budget on Monday."
    assert _find(_actors(extract, text, published), "Jam Kamal Khan")[4] == code


def test_party_leader_between_two_terms_as_prime_minister(extract):
    text = "Albin Kurti addressed supporters in Pristina on Sunday."
    assert _find(_actors(extract, text, "2020-12-01"), "Albin Kurti")[4] == "XKXPTY"


def test_untitled_defence_minister_takes_his_office_country(extract):
    text = "Diego Molano visited a base on Friday."
    assert _find(_actors(extract, text, "2021-06-01"), "Diego Molano")[4] == "COLGOV"


def test_minister_title_before_a_known_minister_gives_the_country(extract):
    text = "Minister Juan Carlos Jobet announced a tender on Tuesday."
    assert _find(_actors(extract, text, "2021-06-01"), "Minister Juan Carlos Jobet")[4] == "CHLGOV"


def test_chief_of_defence_forces_is_military(extract):
    text = "Muhoozi Kainerugaba inspected a parade on Saturday."
    assert _find(_actors(extract, text, "2025-01-10"), "Muhoozi Kainerugaba")[4] == "UGAMIL"


def test_transliteration_variant_of_a_militia_name(extract):
    text = "Ahlu Sunna Wa-Jama said on Monday it had retaken the town."
    assert _find(_actors(extract, text), "Ahlu Sunna Wa-Jama")[4] == "SOMPRM"
