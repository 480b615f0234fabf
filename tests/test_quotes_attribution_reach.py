"""Quote finder, issue 14 reach: one regression test per construction, on sentences written
for these tests (frames with long appositions, passive cues, colon frames, requests, named
objects)."""
from __future__ import annotations

from conftest import quote_dicts as run, quote_with as one, speaker_words as mention


def test_second_quote_after_long_apposition_keeps_speaker(nlp):
    text = ("\u201cThe dam will not hold another winter,\u201d said Ruth Alder, an engineer who "
            "inspected the site for the county in 2019 and now teaches at the state college. "
            "\u201cSomeone has to pay for the repairs before it fails.\u201d")
    q = one(run(nlp, text), "Someone has to pay")
    assert q["speaker"]["name"] == "Ruth Alder" and mention(text, q) == "Ruth Alder"


def test_second_quote_after_another_sentence_is_not_inherited_across_it(nlp):
    text = ("\u201cThe dam will not hold another winter,\u201d said Ruth Alder, an engineer with the "
            "county. The mayor disagreed with her assessment at a long meeting on Monday night "
            "in the town hall. \u201cSomeone has to pay for the repairs before it fails.\u201d")
    q = one(run(nlp, text), "Someone has to pay")
    assert mention(text, q) is None


def test_when_asked_the_subject_is_the_one_asked(nlp):
    text = "When asked whether she would run again, Dana Moss declined to answer."
    quotes = run(nlp, text)
    asked = [q for q in quotes if q["cue"] and q["cue"].lower() == "asked"]
    assert all(q["speaker"]["mention"] is None for q in asked)


def test_asked_participle_names_no_asker(nlp):
    text = "Asked about the new bridge, the mayor said the city could not pay for it."
    quotes = run(nlp, text)
    asked = one(quotes, "the new bridge")
    assert asked["speaker"]["mention"] is None
    said = one(quotes, "could not pay")
    assert mention(text, said) == "the mayor"


def test_passive_cue_speaker_is_the_agent(nlp):
    text = "The plan was criticized by the teachers union as a threat to small rural schools."
    for q in run(nlp, text):
        assert mention(text, q) in (None, "the teachers union")


def test_colon_frame_subject_inside_the_quote_is_no_speaker(nlp):
    text = ("The report put it plainly in its summary:\n\n\u201cRents in the city rose faster than "
            "wages for the fifth year in a row, and most families now spend half of their income "
            "on housing.\u201d")
    for q in run(nlp, text):
        m = q["speaker"]["mention"]
        assert m is None or m[1] <= text.index("\u201c")


def test_called_on_hearers_to_act_is_no_quote(nlp):
    """A demand on others ("called on the mayor to resign") is coded as an event (the dev
    stories' convention), not as a quote."""
    text = "The union called on the mayor to resign over the contract scandal."
    assert not [q for q in run(nlp, text) if "resign" in q["text"]]


def test_calling_for_someone_to_act_is_a_request(nlp):
    text = "The senator is calling for the government to raise the minimum wage next year."
    q = one(run(nlp, text), "raise the minimum wage")
    assert q["text"].startswith("the government") and mention(text, q) == "The senator"


def test_endorsed_a_named_person(nlp):
    text = "The governor endorsed Okafor on Tuesday."
    q = one(run(nlp, text), "Okafor")
    assert q["cue"] == "endorsed" and mention(text, q) == "The governor"
