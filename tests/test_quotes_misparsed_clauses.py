"""Quote finder, issue 14: reported clauses and speakers the parse misattaches, and cue verbs
the lemmatizer misreads; one regression test per construction, on sentences written for
these tests."""
from __future__ import annotations

from conftest import quote_dicts as run, quote_with as one, speaker_words as mention


def test_that_clause_hung_on_adjunct_noun_is_reported(nlp):
    text = ("The league's owner, Mr. Hale said earlier on Sunday during a news conference that "
            "he may wait until spring to sell the club.")
    q = one(run(nlp, text), "he may wait until spring")
    assert q["text"] == "he may wait until spring to sell the club"
    assert mention(text, q) == "The league's owner"


def test_relative_that_after_cue_is_no_complement(nlp):
    text = "The treasurer said little during the meeting that followed the vote on the budget."
    assert not [q for q in run(nlp, text) if q["text"].startswith("followed")]


def test_gerund_opening_reported_clause(nlp):
    text = "He said taxing it could raise millions for the schools."
    q = one(run(nlp, text), "could raise millions")
    assert q["text"].startswith("taxing it")
    assert mention(text, q) == "He"


def test_hoped_lemma_slip_is_a_cue(nlp):
    # the lemmatizer reads "hoped" as "hop"; the cue lexicon reads it as "hope"
    text = "Mr. Abbott hoped the regional banks would lend more to small farms next year."
    q = one(run(nlp, text), "the regional banks would lend")
    assert q["cue"] == "hoped"
    assert mention(text, q) == "Mr. Abbott"


def test_passive_subject_speaks_through_complement_cue(nlp):
    text = "The driver can be heard shouting to the guards that the truck was empty."
    q = one(run(nlp, text), "the truck was empty")
    assert mention(text, q) == "The driver"


def test_finite_conjunct_of_modal_verb_speaks_with_reporting_verb():
    # through the whole pipeline, as a user reads it
    from tidings import extract_text

    text = ("The minister said this week that the state would formally end the subsidy by June "
            "and hinted that it would sell the mine.")
    q = one(extract_text(text)["quotes"], "it would sell the mine")
    assert mention(text, q) == "The minister"


def test_cues_own_conjunct_ends_the_reported_clause(nlp):
    text = ("Ms. Varga, a union organiser, said she'd fought through three long strikes in her "
            "career and called it a normal part of the job during hard contract talks.")
    quotes = run(nlp, text)
    said = one(quotes, "fought through three long strikes")
    assert "called" not in said["text"]
    called = one(quotes, "a normal part of the job")
    assert called["cue"] == "called"
    assert mention(text, called) == "Ms. Varga"


def test_name_in_apposition_to_a_description_is_the_speaker():
    from tidings import extract_text

    text = ("The head of the regional farmers' union, Petra Lind, said the drought would cut "
            "the wheat harvest by a third.")
    q = one(extract_text(text)["quotes"], "the drought would cut")
    assert mention(text, q) == "The head of the regional farmers' union, Petra Lind"
    assert q["speaker"]["name"] == "Petra Lind"
