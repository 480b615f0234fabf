"""The spaCy pipeline as tidings loads it: once per process, line breaks end sentences."""
from __future__ import annotations

import pytest

from tidings.errors import ModelError
from tidings.nlp import pipeline


def test_model_is_loaded_once_per_process(nlp):
    assert pipeline.load() is nlp


def test_unknown_model_is_a_coded_error():
    with pytest.raises(ModelError, match="no_such_pipeline"):
        pipeline.load("no_such_pipeline")


def test_headline_does_not_run_into_the_first_paragraph(nlp):
    doc = nlp("Port strike ends after two weeks\nDockers in Genoa voted to return to work.")
    assert [s.text.strip() for s in doc.sents] == [
        "Port strike ends after two weeks", "Dockers in Genoa voted to return to work."]


def test_hard_wrapped_sentence_is_not_cut_at_line_ends(nlp):
    text = ("The cabinet said on Monday that it would\nraise fuel taxes next year, a move that\n"
            "unions said would hurt the poor.\n\nOfficials declined to comment.")
    assert len(list(nlp(text).sents)) == 2


def test_dotted_abbreviation_before_hyphen_is_split(nlp):
    assert [t.text for t in nlp("U.S.-Iranian talks")][:3] == ["U.S.", "-", "Iranian"]


def test_abbreviated_titles_do_not_end_sentences(nlp):
    doc = nlp("The man, said Det. Sgt. Paul Roe, was armed. Police spokesman Capt. Rod Beer "
              "said so.")
    assert [s.text.strip() for s in doc.sents] == [
        "The man, said Det. Sgt. Paul Roe, was armed.", "Police spokesman Capt. Rod Beer said so."]


def test_a_sentence_ending_after_a_titled_name_still_ends(nlp):
    doc = nlp("He met Dr. Ana Ruiz. She said no.")
    assert len(list(doc.sents)) == 2
