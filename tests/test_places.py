"""Places: toponyms found, demonyms and actor metonyms left out, namesakes told apart."""
from __future__ import annotations

import pytest

from tidings.places import gazetteer
from tidings.actors import ActorTable
from tidings.places import find_places
from tidings.records import Context

EMPTY = ActorTable([])


@pytest.fixture(scope="module")
def places(nlp):
    def run(text: str, actors: ActorTable = EMPTY) -> list[dict]:
        return place_dicts(nlp(text), actors)
    return run


def place_dicts(doc, actors: ActorTable) -> list[dict]:
    return [p.as_dict() for p in find_places(Context(doc, None, actors=actors))]


def by_text(found: list[dict]) -> dict[str, dict]:
    return {p["text"]: p for p in found}


def test_cities_countries_and_alternate_names(places):
    found = by_text(places("Pilgrims gathered in Kerbala, south of Baghdad, as mourners "
                           "filled the streets across Iraq."))
    assert found["Kerbala"]["name"] == "Karbala"
    assert found["Kerbala"]["country"] == "IRQ"
    assert abs(found["Kerbala"]["lat"] - 32.62) < 0.1
    assert isinstance(found["Kerbala"]["geonameid"], int)
    assert found["Baghdad"]["country"] == "IRQ"
    assert abs(found["Baghdad"]["lon"] - 44.40) < 0.1
    assert found["Iraq"]["geonameid"] == 99237  # the country's own GeoNames entry
    assert (round(found["Iraq"]["lat"]), round(found["Iraq"]["lon"])) == (33, 44)


def test_offsets_point_at_the_text(places):
    text = "Floods hit Jakarta and parts of Indonesia on Monday."
    for p in places(text):
        assert text[p["start"]:p["end"]] == p["text"]


def test_demonyms_are_not_places(places):
    found = places("Iraqi and Iranian officials met American diplomats.")
    assert found == []


def test_context_picks_the_namesake(places):
    france = by_text(places("Tourists crowded Paris as France braced for strikes."))
    assert france["Paris"]["country"] == "FRA"
    texas = by_text(places("He lives in Paris, Texas, a short drive from Dallas."))
    assert texas["Paris"]["country"] == "USA"
    assert texas["Paris"]["lon"] < -90


def test_georgia_state_or_country_by_context(places):
    state = by_text(places("The flight left Atlanta, Georgia for Wichita, Kansas."))
    assert state["Georgia"]["country"] == "USA"
    country = by_text(places("Storms swept across Armenia, Azerbaijan and Georgia, north of "
                             "Iran."))
    assert country["Georgia"]["country"] == "GEO"


def test_regions_and_continents(places):
    found = by_text(places("Aid arrived in the Middle East and across Africa."))
    assert found["Middle East"]["country"] is None
    assert found["Africa"]["lat"] == pytest.approx(7.19, abs=1)


def test_country_name_beats_its_capital_city(places):
    found = by_text(places("Heavy rain fell across Mexico this week."))
    assert found["Mexico"]["name"] == "Mexico"
    assert found["Mexico"]["feature"] == "country"
    assert found["Mexico"]["geonameid"] == 3996063  # the country, not Mexico City


def test_washington_city_and_state(places):
    city = by_text(places("Talks resumed in Washington on Monday."))
    assert city["Washington"]["lon"] == pytest.approx(-77.04, abs=0.2)
    state = by_text(places("The cow came from a farm in Washington state."))
    assert state["Washington"]["lon"] == pytest.approx(-120.5, abs=1)


def test_metonyms_used_as_actors_are_left_out(places, nlp):
    text = "Washington said it would send troops to Baghdad."
    doc = nlp(text)
    metonyms = {(0, len("Washington"))}
    found = by_text(place_dicts(doc, ActorTable([], metonyms)))
    assert "Washington" not in found
    assert "Baghdad" in found
    # the subject of "said" stands for the government even without the actor stage's word
    assert "Washington" not in by_text(place_dicts(doc, EMPTY))


def test_acronyms_are_not_small_towns(places):
    assert places("The UN and NATO met.") == []


def test_gazetteer_is_loaded_once_and_indexed():
    assert gazetteer.load() is gazetteer.load()
    assert gazetteer.load().lookup("Kerbala")[0].name == "Karbala"
    assert gazetteer.load().lookup("Iraqi") == []


# -- a place is a location (issue 13, item 1) ---------------------------------------------------
def _texts(found: list[dict]) -> set[str]:
    return {p["text"] for p in found}


def test_a_country_as_a_modifier_is_no_place(places):
    assert _texts(places("The convoy drove to Chad with Canadian and Peruvian aid.")) == {"Chad"}
    assert "Peru" not in _texts(places("Peru troops and Chile officials met in Lima."))


def test_a_country_as_an_actor_or_topic_is_no_place(places):
    found = _texts(places("Norway said it would discuss Chile with envoys in Oslo."))
    assert found == {"Oslo"}
    assert _texts(places("Bolivia's foreign minister criticized Paraguay.")) == set()


def test_locative_words_make_a_country_a_location(places):
    text = ("Rain fell in Chad and near Gabon; the aid flight to Mali was diverted, and "
            "refugees fled from Sudan into the north of Libya.")
    assert _texts(places(text)) == {"Chad", "Gabon", "Mali", "Sudan", "Libya"}


def test_a_country_visited_or_invaded_is_a_location(places):
    assert _texts(places("The minister visited Ghana before the troops entered Togo.")) == \
        {"Ghana", "Togo"}


def test_a_capital_is_the_city_unless_it_stands_for_its_government(places):
    assert _texts(places("Rockets hit Kyiv overnight.")) == {"Kyiv"}
    assert _texts(places("Canberra rejected the plan after the Canberra talks.")) == set()


def test_a_dateline_is_a_location(places):
    found = places("NAIROBI, Kenya (AP) - Kenya said the talks had failed.")
    assert [(p["text"], p["use"]) for p in found] == \
        [("NAIROBI", "location"), ("Kenya", "location"), ("Kenya", "named")]
    assert found[0]["country"] == "KEN"


def test_a_country_the_story_places_things_in_is_listed_at_every_mention(places):
    found = places("Floods hit villages in Malawi. Malawi asked for help.")
    assert [p["use"] for p in found] == ["location", "named"]


def test_a_town_used_as_a_modifier_is_still_where_things_are(places):
    found = by_text(places("Toronto police arrested a man in Innisfail, Queensland."))
    assert found["Toronto"]["country"] == "CAN"
    assert found["Innisfail"]["lat"] == pytest.approx(-17.52, abs=0.2)


def test_compass_words_make_a_part_of_a_country(places):
    assert _texts(places("An earthquake struck north-western Iran.")) == {"Iran"}


# -- local depth (issue 13, item 3) ------------------------------------------------------------
def test_villages_counties_and_state_abbreviations(places):
    found = by_text(places("FRANKFORT, Ky. (AP) - A Metcalfe County man was arrested in "
                           "Edmonton after a crash near Glasgow, Ky."))
    assert found["Metcalfe County"]["feature"] == "admin2"
    assert found["Metcalfe County"]["admin1"]["code"] == "US-KY"
    assert found["Edmonton"]["country"] == "USA"  # the Kentucky town, by the state named
    assert found["Glasgow"]["lat"] == pytest.approx(37.0, abs=0.2)
    assert found["Ky."]["name"] == "Kentucky"


def test_canadian_abbreviations_after_a_town(places):
    found = by_text(places("She was born in Churchill, Man. and moved to Gatineau, Que."))
    assert found["Churchill"]["country"] == "CAN"
    assert found["Churchill"]["admin1"]["name"] == "Manitoba"
    assert found["Gatineau"]["admin1"]["code"] == "CA-QC"


def test_a_lone_abbreviation_is_no_place(places):
    assert places("The Man. The myth. The legend.") == []


def test_every_place_carries_its_division(places):
    found = by_text(places("Protesters marched in Lyon and Basra."))
    assert found["Lyon"]["admin1"]["name"] == "Auvergne-Rhône-Alpes"
    assert found["Basra"]["admin1"]["geonames"].startswith("IQ.")
    assert found["Lyon"]["feature"] == "city"


# -- names that modify a noun (issue 13, recall) -------------------------------------------------
def test_a_town_before_a_resident_noun_is_where_the_person_lives(places):
    found = by_text(places("A Winnipeg woman was hurt on Sunday. Police said a Saskatoon man "
                           "was also in the car."))
    assert found["Winnipeg"]["country"] == "CAN"
    assert found["Saskatoon"]["country"] == "CAN"


def test_a_town_before_a_local_body_noun_is_where_the_body_is(places):
    found = by_text(places("The suspect is held in a Regina jail, and Regina police say more "
                           "arrests may follow."))
    assert "Regina" in found


def test_a_local_body_opening_with_the_still_names_its_place(places):
    found = by_text(places("The Tasmania Police Service said the road was closed. The Marion "
                           "County Sheriff's Office is helping."))
    assert found["Tasmania"]["country"] == "AUS"
    assert "Marion County" in found


def test_a_disease_named_after_a_town_is_no_place(places):
    assert "Lassa" not in by_text(places("Cases of Lassa fever rose this week."))


def test_an_actor_named_by_a_place_gives_that_place_no_context():
    from tidings.actors.table import Actor
    from tidings.places.candidates import Toponym
    from tidings.places.resolution import _actor_countries
    # "A Springfield man ... Police said": the man's country came from "Springfield" itself
    man = Actor("A1", "Springfield man", "person", country="USA", mentions=[(2, 17)])
    police = Actor("A2", "Police", "organization", country="GBR", mentions=[(40, 46)])
    town = Toponym(2, 13, "Springfield", [], "token")
    counts = _actor_countries(ActorTable([man, police]), [town])
    assert counts == {"GBR": 1}


def test_a_country_after_a_town_the_gazetteer_lacks_places_that_town(places):
    found = places("Officials said Kelvera, Zambia, had recorded ten cases.")
    # the unlisted town itself is placed at its country's point (places.unlisted)
    assert [(p["text"], p["use"], p["feature"]) for p in found] == [
        ("Kelvera", "location", "approximate"), ("Zambia", "location", "country")]


def test_a_country_modifying_a_part_of_a_place_is_a_location(places):
    assert _texts(places("Troops massed along the Uganda border as talks stalled.")) == {"Uganda"}
    assert _texts(places("The Kenya coast was hit by heavy rain.")) == {"Kenya"}


def test_dotted_initials_of_a_division_name_it_on_their_own(places):
    found = places("The B.C. government said snow fell in B.C. overnight.")
    assert [p["name"] for p in found] == ["British Columbia", "British Columbia"]
    assert places("The temple was built in 300 B.C. by a king.") == []


def test_a_person_named_like_a_town_is_no_place_by_a_possessive_or_a_new_clause(places):
    assert places("Aides said they were unaware of Castro's remarks.") == []
    assert places("Posing for photographers with Clinton, Blair pledged to stand united.") == []
    assert "Moshi" in _texts(places("Rescuers reached Moshi, Kilimanjaro, by road."))


def test_a_country_after_its_town_and_a_comma_is_a_location_whatever_the_parse(places):
    found = places("At least three children in Mosul, Iraq have died after eating spoiled bread.")
    assert [(p["text"], p["use"]) for p in found] == [("Mosul", "location"), ("Iraq", "location")]
    assert places("Moscow, Kiev and Minsk signed the pact.") == []


def test_spread_to_a_country_a_wide_ban_and_a_tropical_part_are_locations(places):
    assert _texts(places("Officials fear the blight will spread to Malawi.")) == {"Malawi"}
    assert _texts(places("A Zambia-wide ban on cattle sales began.")) == {"Zambia"}
    assert _texts(places("The mosquito thrives in tropical Brazil.")) == {"Brazil"}
    assert _texts(places("Dry weather hit portions of Chile last week.")) == {"Chile"}


def test_a_division_named_like_its_smaller_city_is_the_division(places):
    found = places("Heavy snow closed roads in Quebec on Sunday, and Quebec officials urged "
                   "drivers to stay home.")
    assert {p["feature"] for p in found if p["text"] == "Quebec"} == {"admin1"}


def test_a_metropolis_named_like_its_division_is_still_the_city(places):
    found = places("Police in New York said the subway reopened.")
    assert [p["name"] for p in found] == ["New York City"]


def test_a_country_before_airports_is_where_they_are(places):
    assert _texts(places("Flights resumed at all Kenya airports on Friday.")) == {"Kenya"}


def test_a_town_after_in_that_the_tagger_read_as_a_date_or_language_is_a_place(places):
    assert _texts(places("Such fraud happens regularly in Winnipeg.")) == {"Winnipeg"}
    assert _texts(places("Could they bomb targets in Syria, in Aleppo?")) == {"Syria", "Aleppo"}
    assert places("The market opened in May and closed on Monday.") == []


def test_a_town_used_as_a_location_is_listed_inside_a_club_name_too(places):
    found = places("The Brandon Rotary Club held its dinner in Brandon on Friday.")
    assert [(p["text"], p["use"]) for p in found] == [("Brandon", "named"),
                                                      ("Brandon", "location")]


def test_a_place_name_inside_a_persons_name_is_no_further_mention(places):
    found = places("Heavy rain fell in Brandon on Monday. The coach Brandon Miles sent aid.")
    assert [p["start"] for p in found] == [19]


def test_a_name_called_a_division_is_the_division_at_that_mention(places):
    found = places("Former New York Gov. Hugh Carey toured the harbour. Police in the state "
                   "of Guerrero found the car. Guerrero state police said nothing. Later he "
                   "flew back to New York.")
    new_york = [p for p in found if p["text"] == "New York"]
    assert new_york[0]["feature"] == "admin1"  # "New York Gov.": the state
    assert new_york[-1]["feature"] == "city"  # "flew back to New York": the city
    guerrero = [p for p in found if p["text"] == "Guerrero"]
    assert guerrero and all(p["feature"] == "admin1" and p["country"] == "MEX"
                            for p in guerrero)  # the state, not a village named Guerrero
    assert all(abs(p["lat"] - 17.6) < 1 for p in guerrero)


def test_neighbouring_towns_of_a_local_story_tell_namesakes_apart(places):
    found = by_text(places("Pupils of a primary school in Hertford Road, Edmonton planted a "
                           "garden. Enfield council praised the children."))
    assert found["Edmonton"]["country"] == "GBR"  # the London district beside Enfield
    assert found["Enfield"]["country"] == "GBR"
    alone = by_text(places("Snow fell overnight in Edmonton."))
    assert alone["Edmonton"]["country"] == "CAN"  # no neighbour: the big city


def test_a_country_is_no_neighbour_of_its_capital(places):
    found = by_text(places("Officials in Mexico said the outbreak began near Mexico City and "
                           "spread to Puebla."))
    assert found["Mexico"]["feature"] == "country"


def test_every_mention_of_an_actor_named_by_a_place_gives_no_context():
    from tidings.actors.table import Actor
    from tidings.places.candidates import Toponym
    from tidings.places.resolution import _actor_countries
    # "An Edmonton school ... the school": its country came from "Edmonton" at every mention
    school = Actor("A1", "Edmonton school", "organization", country="CAN",
                   mentions=[(3, 18), (60, 70)])
    town = Toponym(3, 11, "Edmonton", [], "token")
    assert _actor_countries(ActorTable([school]), [town]) == {}


def test_a_name_that_opens_with_the_keeps_its_article(places):
    found = by_text(places("THE HAGUE, Netherlands (AP) - The court met on Friday."))
    assert found["THE HAGUE"]["name"] == "The Hague"
    assert found["THE HAGUE"]["start"] == 0


def test_a_place_has_the_country_it_had_on_the_story_date(extract):
    text = "PRISTINA, Yugoslavia (AP) - Serb police raided villages in Kosovo.\n"
    then = {p["text"]: p["country"] for p in extract(text, published="1998-03-06")["places"]}
    now = {p["text"]: p["country"] for p in extract(text, published="2010-03-06")["places"]}
    assert then.get("Kosovo") == "SRB" and now.get("Kosovo") == "XKX", (then, now)


def test_a_capital_naming_a_summit_is_where_it_meets(extract):
    doc = extract("NATO decided at last year's Madrid summit to invite Poland.",
                  published="1998-12-03")
    assert [p for p in doc["places"] if p["text"] == "Madrid" and p["use"] == "location"], \
        doc["places"]


def test_a_capital_naming_talks_is_not_a_place(extract):
    doc = extract("The Washington talks failed on Monday.", published="1998-12-03")
    assert not [p for p in doc["places"] if p["text"] == "Washington"], doc["places"]


def test_northern_ireland_in_lower_case_is_the_division(extract):
    doc = extract("The peace talks on northern Ireland resumed in Belfast.", published="1998-02-16")
    assert [p for p in doc["places"] if p["name"] == "Northern Ireland"
            and p["country"] == "GBR"], doc["places"]


def test_south_sudan_in_lower_case_is_a_part_of_sudan(extract):
    doc = extract("Fighting in south Sudan grew on Monday.", published="2015-12-03")
    assert [p for p in doc["places"] if p["name"] == "Sudan"], doc["places"]


def test_the_comoro_islands_are_the_comoros(extract):
    doc = extract("Police in the Comoro Islands raided two homes.", published="1998-09-11")
    assert [p for p in doc["places"] if p["country"] == "COM"], doc["places"]
