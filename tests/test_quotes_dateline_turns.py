"""Quote speakers past a dateline, stances of endorsement, transcript turns in a quoted block:
one test per construction, on sentences written for these tests."""
from __future__ import annotations

from conftest import quote_dicts as run, speaker_words as mention


def test_dateline_with_agency_is_no_speaker(nlp):
    text = ("Senator rebuked.\n\nNew York (AFP) \u2013 Vice President Joe Biden on Monday joined "
            "the campaign, accusing him of endangering the lives of soldiers.")
    quote = next(q for q in run(nlp, text) if "endangering" in q["text"])
    assert mention(text, quote) == "Vice President Joe Biden"


def test_dateline_in_capitals_is_no_speaker(nlp):
    text = ("Talks stall.\n\nLONDON \u2014 Donald Trump said Thursday he was unlikely to have a "
            "good relationship with the mayor.")
    quote = next(q for q in run(nlp, text) if "relationship" in q["text"])
    assert mention(text, quote) == "Donald Trump"


def test_backing_a_person_is_a_stance(nlp):
    text = "Governor Mark Dale is backing Hillary Clinton for president. The union supported the bill last week."
    quotes = run(nlp, text)
    backing = [q for q in quotes if q["cue"] == "backing"]
    assert backing and mention(text, backing[0]) == "Governor Mark Dale"
    assert "Hillary Clinton" in backing[0]["text"]
    assert not any(q["cue"] == "supported" for q in quotes)  # a bill backed is an act


def test_transcript_turns_in_a_quoted_block(nlp):
    text = ("The interview ran long.\n\nPartial transcript as follows:\n\n"
            "\"HOST: Let us start with the budget. Why did the council vote it down last night?\n\n"
            "\"MAYOR: Well, look, the council made a choice that will cost the city dearly. We will "
            "bring the plan back next month.\n\n"
            "\"HOST: Do you think the votes are there this time?\n\n"
            "\"MAYOR: I do, and I have talked to every member of the council about it.")
    quotes = run(nlp, text)
    turns = [(mention(text, q), q["text"].split()[0]) for q in quotes if q["cue"] == ":"]
    assert turns == [("HOST", "Let"), ("MAYOR", "Well,"), ("HOST", "Do"), ("MAYOR", "I")]
    assert all(q["text"].count("HOST:") + q["text"].count("MAYOR:") == 0 for q in quotes)
