"""Regression tests for events an analyst can trust (issue 12), one per construction, on
sentences written for these tests. Each runs the whole extraction, as a user would."""
from __future__ import annotations

import pytest
from conftest import dyads


def test_politician_attacking_politician_is_criticism_not_violence(extract):
    doc = extract("Senator Maria Alvarez of Texas on Monday attacked President Joe Biden over "
                  "his border policy.", published="2022-05-10")
    roots = {e["root"] for e in doc["events"]}
    assert not roots & {"17", "18", "19", "20"}, doc["events"]


def test_army_attacking_positions_stays_violence(extract):
    doc = extract("Ethiopian troops attacked Eritrean army positions near the border on "
                  "Monday.", published="2022-05-10")
    assert ("ETH", "ERI", "19") in dyads(doc)


def test_objects_and_topics_are_never_sides(extract):
    doc = extract("The minister defended the budget and praised the new highway.",
                  published="2022-05-10")
    for event in doc["events"]:
        for side in (event["source"], event["target"]):
            assert side is None or side["name"] not in ("the budget", "the new highway")


def test_month_names_are_not_protests(extract):
    doc = extract("Kenya will host the regional trade summit in March.", published="2022-01-10")
    assert not [e for e in doc["events"] if e["trigger"] == "March"]


def test_calling_someone_names_is_not_a_phone_call(extract):
    doc = extract("The Spanish foreign minister called the Moroccan plan a provocation.",
                  published="2022-01-10")
    assert not [e for e in doc["events"] if e["root"] == "04"], doc["events"]


def test_year_inside_a_noun_phrase_does_not_date_the_event(extract):
    doc = extract("On Tuesday, Germany criticized Poland over the 2015 asylum agreement.",
                  published="2022-03-11")
    events = [e for e in doc["events"] if e["root"] == "11"]
    assert events and all(e["date"] == "2022-03-08" for e in events), doc["events"]


def test_time_in_a_relative_clause_dates_its_own_clause(extract):
    doc = extract("Norway urged Sudan to resume the talks it abandoned in 2019.",
                  published="2022-03-11")
    urging = [e for e in doc["events"] if e["root"] == "02"]
    assert urging and all(e["date"] != "2019" for e in urging), doc["events"]


def test_deadline_does_not_date_the_pledge(extract):
    doc = extract("Brazil pledged to Argentina to cut tariffs by 2030.", published="2022-03-11")
    assert all(e["date"] != "2030" for e in doc["events"]), doc["events"]


def test_dateline_date_is_the_report_date(extract):
    text = ("Chile protests to Peru\n"
            "SANTIAGO, March 3 (Xinhua) -- Chile strongly condemned Peru for expelling "
            "its ambassador.\n")
    doc = extract(text, published="2022-03-05")
    events = [e for e in doc["events"] if e["root"] == "11"]
    assert events and events[0]["date"] == "2022-03-03", doc["events"]
    assert events[0]["date_source"] == "dateline"


def test_clashes_between_two_sides_is_one_symmetric_event(extract):
    doc = extract("Clashes between Armenian and Azerbaijani troops broke out on Monday.",
                  published="2022-03-11")
    clashes = [e for e in doc["events"] if e["root"] == "19"]
    assert len(clashes) == 1 and clashes[0]["symmetric"], doc["events"]
    pair = {clashes[0]["source"]["country"], clashes[0]["target"]["country"]}
    assert pair == {"ARM", "AZE"}
    assert clashes[0]["date"] == "2022-03-07"


def test_conjoined_subjects_meeting_is_symmetric(extract):
    doc = extract("Ghana and Togo met in Accra on Friday.", published="2022-03-13")
    meetings = [e for e in doc["events"] if e["root"] == "04"]
    assert meetings and meetings[0]["symmetric"]
    assert {meetings[0]["source"]["country"], meetings[0]["target"]["country"]} == {"GHA", "TGO"}


def test_condemning_an_attack_by_unknown_authors_targets_nobody(extract):
    doc = extract("Portugal condemned the bombing of the Dutch embassy in Lisbon.",
                  published="2022-03-13")
    assert not [e for e in doc["events"] if e["root"] == "11"], doc["events"]


@pytest.mark.parametrize("phrase", ["the families of the victims", "the victims"])
def test_condolences_to_victims_go_to_the_countries_struck(extract, phrase):
    text = ("A car bomb exploded outside the Italian embassy in Nairobi on Friday.\n"
            f"Japan expressed its condolences to {phrase}.\n")
    doc = extract(text, published="2022-03-13")
    targets = {e["target"]["country"] for e in doc["events"]
               if e["root"] == "01" and e["source"]["country"] == "JPN"}
    assert targets == {"ITA", "KEN"}, doc["events"]


def test_confidence_threshold_is_respected(extract, monkeypatch):
    monkeypatch.setenv("TIDINGS_MIN_CONFIDENCE", "0.99")
    doc = extract("Ethiopian troops attacked Eritrean army positions.", published="2022-05-10")
    assert all(e["confidence"] >= 0.99 for e in doc["events"])


def test_partitive_subject_is_the_actor_of_its_of_phrase(nlp):
    """Regression: "thousands of Kurds protested" had no source: the subject's head is the
    quantity ("thousands"), the actor its "of" object."""
    from tidings.extract import extract_text

    doc = extract_text("Thousands of Kurdish farmers protested against the Turkish government "
                       "in Ankara on Monday.", "2024-03-15")
    protests = [e for e in doc["events"] if e["cameo"].startswith("14")]
    assert protests, doc["events"]
    assert protests[0]["source"]["sector"] == "AGR"  # the farmers, not "Thousands"
    assert protests[0]["target"]["code"] == "TURGOV"


def test_dateline_hung_on_the_subject_is_no_side_and_no_place(nlp):
    """Regression: "KAMPALA, Uganda (AP) - Thai and Cambodian forces clashed" made Uganda and
    the Associated Press parties to the clash (the parse hung the dateline on "forces") and
    placed the clash in Uganda (the dateline counted as a place of the first sentence)."""
    from tidings.extract import extract_text

    doc = extract_text("KAMPALA, Uganda (AP) - Thai and Cambodian forces clashed near the "
                       "border on Tuesday. Police arrested 12 protesters.", "2024-03-15")
    pairs = {(e["source"]["code"], e["target"]["code"]) for e in doc["events"]}
    clash = [e for e in doc["events"] if e["cameo"].startswith("19")]
    assert {(e["source"]["code"], e["target"]["code"]) for e in clash} == {("THAMIL", "KHMMIL")}
    assert clash[0]["place"] is None  # neither side is Ugandan: the dateline is not its place
    arrest = [e for e in doc["events"] if e["cameo"].startswith("17")]
    assert ("UGACOP", "UGACVL") in pairs and arrest[0]["place"]["name"] == "Kampala"


def test_report_of_a_mutual_clash_accuses_no_one(nlp):
    """Regression: "the defence ministry said Freedonian and Sylvanian troops exchanged fire"
    was coded as the ministry accusing both armies (1123), its own included."""
    from tidings.extract import extract_text

    doc = extract_text("Chilean and Peruvian troops exchanged fire along the border on Monday, "
                       "the defence ministry in Santiago said.", "2024-03-15")
    codes = {(e["source"]["code"], e["target"]["code"], e["cameo"][:2]) for e in doc["events"]}
    assert ("CHLMIL", "PERMIL", "19") in codes
    assert not any(root == "11" for _, _, root in codes), codes


def test_state_body_reporting_its_own_forces_accuses_no_one(nlp):
    from tidings.extract import extract_text

    doc = extract_text("The Chilean defence ministry said Chilean troops shelled rebel "
                       "positions near the border.", "2024-03-15")
    assert not [e for e in doc["events"] if e["cameo"].startswith("11")], doc["events"]


def test_force_does_not_fight_its_own_kind(nlp):
    """Regression: after "Chilean and Peruvian troops exchanged fire", "killing two soldiers"
    gave the soldiers the story's country and coded Chilean troops killing Chilean soldiers."""
    from tidings.extract import extract_text

    doc = extract_text("SANTIAGO, Chile (AP) - Chilean and Peruvian troops exchanged fire on "
                       "Monday, killing two soldiers, the ministry said.", "2024-03-15")
    same = [e for e in doc["events"] if e["cameo"][:2] in ("18", "19", "20")
            and e["source"]["code"] == e["target"]["code"]]
    assert not same, same


@pytest.mark.parametrize("sentence", [
    "Portugal deplored the senseless acts against the Dutch embassy in Lisbon.",
    "Portugal condemned the terrorist bomb attacks at Dutch consulates in Porto.",
    "Portugal condemned any acts which may result in the death of innocent Dutch tourists.",
])
def test_condemning_acts_without_an_author_targets_nobody(extract, sentence):
    doc = extract(sentence, published="2022-03-13")
    assert not [e for e in doc["events"] if e["root"] == "11"], doc["events"]


def test_condemning_the_acts_of_a_named_force_targets_that_force(extract):
    doc = extract("Peru condemned the acts of the Chilean navy.", published="2022-03-13")
    assert ("PER", "CHL", "11") in dyads(doc), doc["events"]


def test_an_attack_named_by_its_place_is_no_source(extract):
    doc = extract("The embassy bombings in Nairobi killed 200 people on Friday.",
                  published="2022-03-13")
    assert not [e for e in doc["events"] if e["root"] in ("18", "19", "20")], doc["events"]


def test_an_attack_named_by_its_author_keeps_the_author(extract):
    doc = extract("The Chilean shelling killed ten Peruvian soldiers.", published="2022-03-13")
    assert ("CHL", "PER", "19") in dyads(doc), doc["events"]


def test_unknown_bombers_do_not_take_the_stories_country(extract):
    text = ("WASHINGTON (AP) - President Joe Biden condemned the bombing of the American "
            "embassy and vowed to find the bombers.\n"
            "Tanzanian police said they had arrested 14 foreigners in their search for the "
            "bombers.\n")
    doc = extract(text, published="2022-03-13")
    bombers = [a for a in doc["actors"] if a["name"] == "bombers"]
    assert bombers and all(a["country"] is None for a in bombers), doc["actors"]
    assert not [e for e in doc["events"] if e["target"] and e["target"]["name"] == "bombers"
                and e["target"]["country"]], doc["events"]


def test_an_act_without_approval_does_not_target_the_approver(extract):
    doc = extract("Bolivia said Argentina would break international law by attacking "
                  "without Security Council approval.", published="2022-03-13")
    assert not [e for e in doc["events"] if e["target"] and e["target"]["country"] == "IGO"], \
        doc["events"]


def test_an_act_in_a_condition_is_no_event(extract):
    doc = extract("The United States said it would strike Iraq unless it gave the inspectors "
                  "full access.", published="2022-03-13")
    assert ("USA", "IRQ", "13") in dyads(doc), doc["events"]
    assert not [e for e in doc["events"] if e["root"] == "07"], doc["events"]


def test_possessive_its_names_the_invader(extract):
    doc = extract("The Security Council said it will not lift the sanctions imposed on Iraq "
                  "after its 1990 invasion of Kuwait.", published="2022-03-13")
    assert ("IRQ", "KWT", "19") in dyads(doc), doc["events"]


@pytest.mark.parametrize("sentence", [
    "Israel's defence minister said he was willing to withdraw troops in exchange for "
    "guarantees.",
    "Chile pulled out troops from Peru.",
])
def test_withdrawn_troops_are_the_actors_own_not_the_target(extract, sentence):
    doc = extract(sentence, published="2022-03-13")
    for e in doc["events"]:
        assert not (e["target"] and e["target"]["name"] == "troops"), doc["events"]


def test_an_organization_before_an_attack_is_its_author(extract):
    doc = extract("The president cancelled the talks after a Hamas attack in Gaza that killed an "
                  "Israeli soldier.", published="2022-03-13")
    assert [e for e in doc["events"] if e["root"] == "19"
            and e["target"] and e["target"]["country"] == "ISR"
            and e["source"] and e["source"]["name"] == "Hamas"], doc["events"]


def test_a_blockade_lifted_keeps_its_target(extract):
    doc = extract("Saudi Arabia lifted its blockade of Qatar.", published="2022-03-13")
    assert ("SAU", "QAT", "08") in dyads(doc), doc["events"]


def test_the_three_countries_named_together_are_the_target(extract):
    text = ("Chile, Peru and Bolivia applied to join the trade bloc in May.\n"
            "Its members met in Quito on Monday.\n"
            "The Andean Community invited the three neighbouring countries to join the bloc.\n")
    doc = extract(text, published="2022-03-13")
    invited = {e["target"]["country"] for e in doc["events"]
               if e["root"] == "02" and e["target"] and e["source"]
               and e["source"]["country"] == "IGO"}
    assert invited == {"CHL", "PER", "BOL"}, doc["events"]


def test_what_someone_is_eligible_for_is_no_event(extract):
    text = ("Chile, Peru and Bolivia joined the trade bloc in May.\n"
            "The accession will make the three countries eligible for signing the summit "
            "documents.\n")
    doc = extract(text, published="2022-03-13")
    assert not [e for e in doc["events"] if e["trigger"] == "signing"], doc["events"]


def test_a_coordinated_verbs_time_does_not_date_the_act_with_its_own(extract):
    doc = extract("After touring Lima on Thursday and meeting with Peruvian police chiefs on "
                  "Friday morning, the Chilean minister flew home.", published="2022-03-12")
    meetings = [e for e in doc["events"] if e["trigger"] == "meeting"]
    assert meetings and all(e["date"] == "2022-03-11" for e in meetings), doc["events"]


def test_looking_forward_to_a_visit_is_intent_not_a_visit(extract):
    doc = extract("The Chilean foreign minister said she looked forward to visiting Peru.",
                  published="2022-03-12")
    assert ("CHL", "PER", "03") in dyads(doc), doc["events"]
    assert ("CHL", "PER", "04") not in dyads(doc), doc["events"]


def test_looking_at_talks_is_not_intent(extract):
    doc = extract("Chile looked at the talks with Peru.", published="2022-03-12")
    assert ("CHL", "PER", "03") not in dyads(doc), doc["events"]


def test_the_topic_of_talks_is_not_their_partner(extract):
    doc = extract("Chile held talks with Peru on Bolivia.", published="2022-03-12")
    assert ("CHL", "PER", "04") in dyads(doc), doc["events"]
    assert not [e for e in doc["events"] if e["target"] and e["target"]["country"] == "BOL"]


def test_its_citizens_belong_to_the_state_not_to_the_dateline(extract):
    doc = extract("WELLINGTON (AP) - The United States had the right to defend its citizens "
                  "against terrorist attacks, New Zealand said Friday.", published="2022-03-12")
    citizens = [a for a in doc["actors"] if a["name"] == "citizens"]
    assert citizens and all(a["country"] == "USA" for a in citizens), doc["actors"]


def test_ethnic_albanians_belong_where_they_live(extract):
    doc = extract("ISTANBUL, Turkey (AP) - Some 1,500 ethnic Albanians marched on Sunday in "
                  "downtown Istanbul, burning Serbian flags.", published="1998-03-08")
    albanians = [a for a in doc["actors"] if a["name"] == "Albanians"]
    assert albanians and all(a["country"] == "TUR" for a in albanians), doc["actors"]


@pytest.mark.parametrize("sentence, root", [
    ("Thousands of Kenyan students protested against the Ugandan government.", "14"),
    ("The Kenyan government protested the arrest of its diplomat by Uganda.", "11"),
])
def test_who_protests_decides_street_or_diplomatic_protest(extract, sentence, root):
    doc = extract(sentence, published="2022-03-12")
    assert {e["root"] for e in doc["events"] if e["target"]
            and e["target"]["country"] == "UGA"} == {root}, doc["events"]


def test_police_questioning_suspects_is_an_investigation(extract):
    doc = extract("Tanzania expelled five Iraqis who had been questioned by the FBI.",
                  published="2022-03-12")
    assert ("USA", "IRQ", "09") in dyads(doc), doc["events"]
    assert ("USA", "IRQ", "11") not in dyads(doc), doc["events"]


def test_an_act_announced_unless_the_other_side_complies_is_a_threat(extract):
    doc = extract("Nigeria announced that it will withdraw its peacekeeping force from Chad "
                  "unless the Chadian president arranges a ceasefire.", published="2022-03-12")
    assert ("NGA", "TCD", "13") in dyads(doc), doc["events"]


def test_a_decided_sanction_is_a_sanction_not_a_threat(extract):
    doc = extract("Chile decided to impose sanctions on Peru.", published="2022-03-12")
    assert ("CHL", "PER", "16") in dyads(doc), doc["events"]


def test_being_opposed_to_a_mediation_rejects_the_mediator(extract):
    doc = extract("Israel is opposed to French mediation in its talks with Syria.",
                  published="2022-03-12")
    assert ("ISR", "FRA", "12") in dyads(doc), doc["events"]


def test_dismissing_an_appeal_rejects_its_author(extract):
    doc = extract("Rebels in the Ivory Coast dismissed an appeal from President Laurent "
                  "Gbagbo to lay down their arms.", published="2022-03-12")
    assert {e["root"] for e in doc["events"] if e["target"]
            and e["target"]["name"] == "Laurent Gbagbo"} == {"12"}, doc["events"]


def test_a_condolence_telegram_is_a_condolence_to_its_addressee(extract):
    doc = extract("In a condolence telegram to Peruvian President Ana Ruiz, Chilean President "
                  "Luis Vera condemned the attack.", published="2022-03-12")
    assert ("CHL", "PER", "01") in dyads(doc), doc["events"]


def test_a_visit_without_a_host_is_to_the_datelines_country(extract, monkeypatch):
    monkeypatch.setenv("TIDINGS_MIN_CONFIDENCE", "0")
    text = ("MOSCOW (AP) - Ukrainian President Leonid Kuchma began a four-day state visit on "
            "Thursday.\nRussian President Boris Yeltsin began a visit to Kazan on Friday.\n")
    doc = extract(text, published="1998-02-27")
    assert ("UKR", "RUS", "04") in dyads(doc), doc["events"]
    assert not [e for e in doc["events"] if e["source"] and e["source"]["country"] == "RUS"
                and e["root"] == "04"], doc["events"]


def test_an_act_someone_is_suspected_of_is_no_event(extract):
    doc = extract("Police arrested two men suspected of blowing up a Chilean airliner over "
                  "Peru.", published="2022-03-12")
    assert not [e for e in doc["events"] if e["trigger"].startswith("blowing")], doc["events"]


def test_strikes_that_could_harm_relations_are_not_strikes(extract):
    doc = extract("Moscow warned that Chilean air strikes against Peru could do serious harm "
                  "to relations.", published="2022-03-12")
    assert ("CHL", "PER", "19") not in dyads(doc), doc["events"]


def test_a_meeting_at_an_embassy_is_not_with_the_embassy(extract):
    doc = extract("Chilean officials met on Monday at the Peruvian embassy in Quito.",
                  published="2022-03-12")
    assert ("CHL", "PER", "04") not in dyads(doc), doc["events"]


def test_firing_at_an_embassy_targets_it(extract):
    doc = extract("Chilean troops fired at the Peruvian embassy.", published="2022-03-12")
    assert ("CHL", "PER", "19") in dyads(doc), doc["events"]


@pytest.mark.parametrize("sentence, root", [
    ("Chile halted cooperating with Peru.", "16"),
    ("Chilean troops stopped firing at Peruvian positions.", "08"),
])
def test_stopping_an_act_reduces_or_ends_it(extract, sentence, root):
    doc = extract(sentence, published="2022-03-12")
    assert {e["root"] for e in doc["events"] if e["target"]
            and e["target"]["country"] == "PER"} == {root}, doc["events"]
