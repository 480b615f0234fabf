"""Quote finder, issue 14: speakers the parse hides, hearers that are no content, and a quote
going on from reported speech; one regression test per construction, on sentences written
for these tests."""
from __future__ import annotations

from conftest import quote_dicts as run, quote_with as one, speaker_words as mention


def test_subject_swallowed_by_phrase_before_verb(nlp):
    text = ("In a meeting with the editorial board of the Daily Ledger Morales said that the "
            "harbor project may need to be scaled back.")
    q = one(run(nlp, text), "harbor project")
    assert "Morales" in mention(text, q)


def test_cue_verb_read_as_plural_noun(nlp):
    text = "Baxter charges that countries that stand to benefit from the deal donated millions of dollars."
    q = one(run(nlp, text), "countries that stand")
    assert mention(text, q) == "Baxter"


def test_inverted_frame_said_name_colon(nlp):
    text = ('The experts were blunt. Said Okafor: "I do not get the sense the council is the '
            'least bit interested in reform."')
    q = one(run(nlp, text), "interested in reform")
    assert mention(text, q) == "Okafor"
    assert q["cue"] == "Said"


def test_told_the_crowd_is_the_hearer_not_content(nlp):
    text = "The senator told the crowd at the fairground about her plan for rural hospitals."
    quotes = run(nlp, text)
    assert not [q for q in quotes if q["text"].startswith("the crowd")]


def test_bare_time_object_is_no_content(nlp):
    text = "The governor will speak Sunday at the convention in the capital."
    assert not [q for q in run(nlp, text) if q["text"] == "Sunday"]


def test_uncued_quote_continues_reported_speaker(nlp):
    text = ("The ministry may be reluctant to act while the talks go on, Okafor said. \"The other "
            "factor the ministry may be weighing is the coming election in the north.\"")
    q = one(run(nlp, text), "The other factor")
    assert mention(text, q) == "Okafor"


def test_message_sent_through_chain_of_nouns(nlp):
    text = "Morales unleashed a series of tweets criticizing Alicia Vega, the former pageant winner."
    q = one(run(nlp, text), "Alicia Vega")
    assert mention(text, q) == "Morales"


def test_gerund_after_preposition_hung_on_adverb(nlp):
    text = "He refuses to discuss potential appointees, aside from saying he wants a diverse delegation."
    q = one(run(nlp, text), "diverse delegation")
    assert mention(text, q) == "He"
