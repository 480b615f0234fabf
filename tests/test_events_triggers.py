"""Regression tests for events the coder had no trigger for, or folded away, on sentences
written for these tests; each runs the whole extraction."""
from __future__ import annotations
from conftest import dyads


def pairs(doc) -> set[tuple]:
    """Dyads read in both directions for symmetric events."""
    found = dyads(doc)
    return found | {(t, s, r) for s, t, r in found}


# -- violent acts told inside other acts ----------------------------------------------------
def test_protested_killing_with_its_author_is_an_event_too(extract):
    doc = extract("Thousands of Greeks marched in Athens to protest the killing of Turkish "
                  "villagers by Syrian troops.", published="2022-05-10")
    assert ("SYR", "TUR", "19") in dyads(doc), doc["events"]
    assert any(e["root"] == "14" for e in doc["events"]), doc["events"]


def test_protested_attack_without_author_is_no_event_of_its_own(extract):
    doc = extract("Thousands of Greeks marched in Athens to protest the attack on Turkish "
                  "villagers.", published="2022-05-10")
    assert not any(e["root"] in ("18", "19") for e in doc["events"]), doc["events"]


def test_clash_named_as_the_means_of_killing_is_an_event(extract):
    doc = extract("At least 20 people were killed on Monday in clashes between Syrian troops "
                  "and Iraqi soldiers.", published="2022-05-10")
    assert ("SYR", "IRQ", "19") in pairs(doc), doc["events"]


# -- triggers the lexicon lacked ------------------------------------------------------------
def test_murder_is_killing_by_assault(extract):
    doc = extract("Maoist rebels murdered three Nepalese policemen on Tuesday.",
                  published="2022-05-10")
    assert any(e["trigger"] == "murdered" and e["cameo"] == "1823"
               and e["target"]["country"] == "NPL" for e in doc["events"]), doc["events"]


def test_siege_is_a_blockade(extract):
    doc = extract("The Serbian siege of the Bosnian town of Gorazde lasted three years.",
                  published="2022-05-10")
    assert ("SRB", "BIH", "19") in dyads(doc), doc["events"]


# -- what a frame embeds ----------------------------------------------------------------------
def test_a_clause_a_noun_holds_is_not_the_act_demanded(extract):
    doc = extract("The Polish parliament demanded an admission by Russia that Soviet troops "
                  "killed captive Polish officers.", published="2022-05-10")
    assert ("POL", "RUS", "10") in dyads(doc), doc["events"]
