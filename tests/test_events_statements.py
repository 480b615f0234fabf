"""Regression tests from a second audit of the coder on US political news (issue 12): a view
stated with a demand verb is no demand, a campaign rally is no protest, an act told as past
history is not dated by the report. Sentences written for these tests; each runs the whole
extraction."""
from __future__ import annotations

import pytest


def _roots(doc) -> set[str]:
    return {e["root"] for e in doc["events"]}


def test_insisted_that_indicative_is_no_demand(extract):
    doc = extract("Senator Mary Holt insisted that real change will come only from the voters, "
                  "not from Governor Tom Reed.", published="2016-05-10")
    assert "10" not in _roots(doc), doc["events"]


@pytest.mark.parametrize("text", [
    "Senator Mary Holt insisted that Governor Tom Reed must resign.",
    "Senator Mary Holt insisted on a meeting with Governor Tom Reed.",
])
def test_insisted_with_a_demand_stays_a_demand(extract, text):
    doc = extract(text, published="2016-05-10")
    assert "10" in _roots(doc), doc["events"]


@pytest.mark.parametrize("text", [
    "Senator Mary Holt held a rally in Des Moines with Governor Tom Reed on Saturday.",
    "Prime Minister Paolo Rossi is rallying a coalition against the Northern League.",
])
def test_campaign_rally_is_no_protest(extract, text):
    doc = extract(text, published="2016-05-10")
    assert "14" not in _roots(doc), doc["events"]


def test_crowd_rally_against_government_stays_a_protest(extract):
    doc = extract("Thousands of opposition supporters rallied against the Kenyan government "
                  "in Nairobi on Saturday.", published="2016-05-10")
    assert "14" in _roots(doc), doc["events"]


@pytest.mark.parametrize("text", [
    "Governor Tom Reed noted that Senator Mary Holt in the past has criticized President "
    "Barack Obama for his trade policy.",
    "Senator Mary Holt had once criticized President Barack Obama for his trade policy.",
])
def test_past_history_is_not_dated_today(extract, text):
    doc = extract(text, published="2016-05-10")
    crit = [e for e in doc["events"] if e["root"] == "11"]
    assert crit and all(e["date"] != "2016-05-10" for e in crit), doc["events"]


def test_act_without_history_cue_keeps_report_date(extract):
    doc = extract("Senator Mary Holt criticized President Barack Obama for his trade policy.",
                  published="2016-05-10")
    assert [e["date"] for e in doc["events"] if e["root"] == "11"] == ["2016-05-10"]
