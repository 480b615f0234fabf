"""Regression tests for events coded with the wrong CAMEO root or not at all although their
sides are found (issue 12: the "root" misses), on sentences written for these tests; each
runs the whole extraction."""
from __future__ import annotations

from conftest import dyads


def test_participle_modifying_its_victim_is_the_agents_act_on_it(extract):
    doc = extract("Relatives mourned a Danish aid worker kidnapped by Somali pirates last year.",
                  published="2022-05-10")
    assert ("SOM", "DNK", "18") in dyads(doc), doc["events"]


def test_presumed_killed_is_a_supposition_not_a_killing(extract):
    doc = extract("Relatives mourned a Danish aid worker kidnapped and presumed killed by "
                  "Somali pirates last year.", published="2022-05-10")
    assert ("SOM", "DNK", "18") in dyads(doc), doc["events"]
    assert not any(e["root"] == "19" for e in doc["events"]), doc["events"]


def test_coup_mounted_against_a_leader_is_force(extract):
    doc = extract("Thai army officers mounted a coup against the Thai prime minister on Tuesday.",
                  published="2022-05-10")
    assert ("THA", "THA", "19") in dyads(doc), doc["events"]


def test_stopped_providing_escorts_is_a_cut_in_protection(extract):
    doc = extract("The Sudanese government stopped providing the Kenyan monitors with escorts.",
                  published="2022-05-10")
    assert ("SDN", "KEN", "16") in dyads(doc), doc["events"]


def test_heartened_by_anothers_help_is_praise_of_its_author(extract):
    doc = extract("The Kenyan foreign minister said on Monday he was heartened by the help of "
                  "Uganda in the search.", published="2022-05-10")
    assert ("KEN", "UGA", "05") in dyads(doc), doc["events"]


def test_disappointed_by_a_decision_is_disapproval_of_its_maker(extract):
    doc = extract("The Kenyan minister was disappointed by the Ugandan decision to close the "
                  "border.", published="2022-05-10")
    assert ("KEN", "UGA", "11") in dyads(doc), doc["events"]
    assert not any(e["source"] and e["source"]["country"] == "UGA" for e in doc["events"])


def test_received_aid_from_x_is_given_by_x(extract):
    doc = extract("Kenya has received food aid from France since the floods began.",
                  published="2022-05-10")
    assert ("FRA", "KEN", "07") in dyads(doc), doc["events"]
    assert ("KEN", "FRA", "07") not in dyads(doc), doc["events"]


def test_staged_is_read_as_stage_not_stag(extract):
    # the lemmatizer gives "stag" for "staged": the support verb must still carry the protest
    doc = extract("The Kenyan opposition said on Monday that it staged the protest against the "
                  "Ugandan president.", published="2022-05-10")
    assert ("KEN", "UGA", "14") in dyads(doc), doc["events"]


def test_waged_is_read_as_wage_not_wag(extract):
    doc = extract("Ugandan rebels waged war against the Kenyan army last year.",
                  published="2022-05-10")
    assert ("UGA", "KEN", "19") in dyads(doc), doc["events"]


def test_raped_is_read_as_rape_not_rap(extract):
    doc = extract("Ugandan soldiers raped women in a Kenyan village, the Kenyan police said.",
                  published="2022-05-10")
    assert any(e["cameo"] == "1821" for e in doc["events"]), doc["events"]


def test_activists_from_a_party_take_its_country(extract):
    doc = extract("Angry activists from Hamas protested against the Ugandan president.",
                  published="2022-05-10")
    assert ("PSE", "UGA", "14") in dyads(doc), doc["events"]



def test_admitting_a_country_as_member_is_diplomatic_cooperation(extract):
    doc = extract("The African Union admitted Kenya as a member on Monday.", published="2022-05-10")
    assert ("IGO", "KEN", "05") in dyads(doc), doc["events"]


def test_admitting_refugees_or_guilt_is_not_membership(extract):
    doc = extract("Kenya admitted refugees from Uganda, and the Ugandan army admitted "
                  "responsibility for the attack.", published="2022-05-10")
    assert not any(e["cameo"] == "050" for e in doc["events"]), doc["events"]


def test_decided_to_admit_in_march_is_dated_by_the_decision(extract):
    doc = extract("The African Union has decided to admit Kenya and Uganda in early March, an "
                  "official said on Wednesday.", published="2022-05-11")
    intents = [e for e in doc["events"] if e["root"] == "03"]
    assert intents and all(e["date"] == "2022-05-11" for e in intents), doc["events"]


def test_advocate_of_anothers_access_after_a_copula_is_endorsement(extract):
    doc = extract("Kenya has been a strong advocate of Uganda's access to the alliance.",
                  published="2022-05-10")
    assert ("KEN", "UGA", "05") in dyads(doc), doc["events"]


def test_never_an_advocate_takes_its_negation_from_the_copula(extract):
    doc = extract("Kenya has never been an advocate of Uganda's membership.", published="2022-05-10")
    assert ("KEN", "UGA", "05") not in dyads(doc), doc["events"]


def test_against_anothers_expansion_after_a_copula_is_opposition(extract):
    doc = extract("The Kenyan opposition parties are against Uganda's expansion of its army.",
                  published="2022-05-10")
    assert ("KEN", "UGA", "12") in dyads(doc), doc["events"]


def test_satisfied_with_anothers_cooperation_is_approval(extract):
    doc = extract("Kenya is satisfied with Uganda's cooperation in the search.",
                  published="2022-05-10")
    assert ("KEN", "UGA", "05") in dyads(doc), doc["events"]


def test_not_satisfied_takes_its_negation_from_the_copula(extract):
    doc = extract("Kenya is not satisfied with Uganda's cooperation in the search.",
                  published="2022-05-10")
    assert ("KEN", "UGA", "05") not in dyads(doc), doc["events"]


def test_coup_detat_tagged_apart_is_carried_by_its_support_verb(extract):
    # the tagger reads "d'etat" as a foreign word, so "coup" modifies no noun it knows
    doc = extract("The Thai army chief staged a coup d'etat against the Thai prime minister "
                  "on Tuesday.", published="2022-05-10")
    assert ("THA", "THA", "19") in dyads(doc), doc["events"]


def test_belief_that_another_must_act_is_a_demand_on_it(extract):
    doc = extract("France now feels Germany must delay the vote until the summit.",
                  published="2022-05-10")
    assert ("FRA", "DEU", "10") in dyads(doc), doc["events"]


def test_invitation_to_visit_is_intent_to_meet_not_an_appeal(extract):
    doc = extract("The Canadian prime minister invited the Mexican president to visit Ottawa.",
                  published="2022-05-10")
    assert any(e["cameo"] == "036" for e in doc["events"]), doc["events"]
    assert not any(e["cameo"] == "026" for e in doc["events"]), doc["events"]
