"""Regression tests from an audit of the coder on US political news (issue 12): acts that
did not happen, questions, figurative violence and ordinary senses of diplomatic words are
no events. Sentences written for these tests; each runs the whole extraction."""
from __future__ import annotations

import pytest


def _codes(doc) -> set[tuple]:
    return {(e["trigger"], e["cameo"]) for e in doc["events"]}


@pytest.mark.parametrize("text", [
    "Senator Mary Holt did not attack Governor Tom Reed in her speech on Tuesday.",
    "Governor Tom Reed has avoided criticizing Senator Mary Holt.",
    "Governor Tom Reed did not need to meet with the Mexican president Enrique Pena Nieto.",
])
def test_acts_not_done_are_no_events(extract, text):
    doc = extract(text, published="2016-05-10")
    assert doc["events"] == [], doc["events"]


def test_negated_support_up_the_chain_is_rejection(extract):
    doc = extract("Governor Tom Reed said he was not ready to support Senator Mary Holt.",
                  published="2016-05-10")
    assert {e["root"] for e in doc["events"]} == {"12"}, doc["events"]


def test_did_not_hesitate_keeps_the_act(extract):
    doc = extract("Israeli troops did not hesitate to attack Syrian positions.",
                  published="2016-05-10")
    assert "19" in {e["root"] for e in doc["events"]}, doc["events"]


@pytest.mark.parametrize("text", [
    "Then Senator Mary Holt asked the students if they were always so serious.",
    "A young woman asked President Barack Obama what he thought of the prospects.",
    "Senator Mary Holt asked Governor Tom Reed a series of questions.",
])
def test_questions_are_no_appeals(extract, text):
    doc = extract(text, published="2016-05-10")
    assert not any(e["root"] == "02" for e in doc["events"]), doc["events"]


def test_request_with_for_stays_an_appeal(extract):
    doc = extract("Senator Mary Holt asked Governor Tom Reed for help.", published="2016-05-10")
    assert ("asked", "020") in _codes(doc)


@pytest.mark.parametrize("text", [
    "Senator Mary Holt clashed with Governor Tom Reed over the budget.",
    "The Supreme Court struck down a restrictive Texas abortion law.",
    "Senator Mary Holt captured her party's nomination.",
])
def test_contests_of_political_actors_are_not_violence(extract, text):
    doc = extract(text, published="2016-05-10")
    assert not {e["root"] for e in doc["events"]} & {"15", "17", "18", "19", "20"}, doc["events"]


def test_forces_clashing_stay_violence(extract):
    doc = extract("Ethiopian troops clashed with Eritrean forces.", published="2016-05-10")
    assert "19" in {e["root"] for e in doc["events"]}, doc["events"]


@pytest.mark.parametrize("text", [
    "Former congressman Mark Ward pleaded guilty to illegal lobbying for a charity in Sudan.",
    "A Marquette Law School poll released last week showed Senator Mary Holt ahead.",
    "No other passenger recognized the Cabinet member on the flight to Cleveland.",
])
def test_ordinary_senses_are_no_acts(extract, text):
    doc = extract(text, published="2016-05-10")
    assert not {e["root"] for e in doc["events"]} & {"02", "05", "08"}, doc["events"]


def test_hostages_released_stay_a_release(extract):
    doc = extract("The hostages released by the rebels on Friday were Italian.",
                  published="2016-05-10")
    assert "0841" in {e["cameo"] for e in doc["events"]}, doc["events"]


def test_state_recognition_stays(extract):
    doc = extract("Russia recognized Abkhazia as an independent state on Tuesday.",
                  published="2016-05-10")
    assert "054" in {e["cameo"] for e in doc["events"]}, doc["events"]
