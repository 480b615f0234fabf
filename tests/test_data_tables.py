"""The knowledge tables under ``tidings/data``: they parse, and their entries are well formed.

They are edited by hand; a typo (a CAMEO code the codebook lacks, a cue class no code reads,
a word listed twice) silently changes what the stages find, so every entry is checked here
rather than trusted.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from tidings import data

# -- events and quotes: CAMEO tables, trigger patterns, quote cues, speaker words, word sets --

STAGE_TABLES = {
    "cameo_codes.tsv": ("code", "name"),
    "goldstein.tsv": ("code", "goldstein"),
    "cameo_plover.tsv": ("code", "plover"),
    "event_patterns.tsv": ("kind", "lemma", "prep", "comp", "cameo"),
    "quote_cues.tsv": ("cue", "kind", "class"),
    "speaker_words.tsv": ("word", "kind"),
    "word_sets/events.tsv": ("set", "words", "why"),
    "word_sets/quotes.tsv": ("set", "words", "why"),
    "word_sets/shared.tsv": ("set", "words", "why"),
}
CAMEO_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)\d{0,2}$")
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"}
PATTERN_KINDS = {"V", "N", "L", "F", "T", "H"}
# Frame lemmas that are not words but the coder's names for a rule (negated and planned acts).
RULE_FRAMES = {"NOT", "INTENT"}
SPEAKER_KINDS = {"male", "female", "pron-m", "pron-f", "pron-p", "pron-n", "first"}
LOWER_WORD = re.compile(r"^[a-z][a-z'’.-]*$")
SET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# What spaCy's English pipelines write: entity labels (OntoNotes), dependency labels
# (ClearNLP), parts of speech (Universal Dependencies).
ENTITY_LABELS = {"CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY",
                 "NORP", "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME",
                 "WORK_OF_ART"}
DEP_LABELS = {"acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux",
              "auxpass", "case", "cc", "ccomp", "compound", "conj", "csubj", "csubjpass",
              "dative", "dep", "det", "dobj", "expl", "intj", "mark", "meta", "neg", "nmod",
              "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj",
              "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp"}
POS_TAGS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}
# Sets of single characters (read by tidings.quotes.marks.chars): U+XXXX for a blank.
CHARACTER_SETS = {"double_open_marks", "double_close_marks", "straight_double_marks",
                  "single_open_marks", "single_close_marks", "straight_single_marks",
                  "straight_mark_opens_after", "signature_dashes", "quote_frame_punct",
                  "clause_edge_chars"}
STAGE_SET_FILES = ("word_sets/events.tsv", "word_sets/quotes.tsv", "word_sets/shared.tsv")


def _twice(values) -> list:
    return sorted(value for value, n in Counter(values).items() if n > 1)


def _codebook() -> dict[str, str]:
    return {row["code"]: row["name"] for row in data.tsv("cameo_codes.tsv")}


def _stage_sets() -> list[dict[str, str]]:
    return [row for name in STAGE_SET_FILES for row in data.tsv(name)]


@pytest.mark.parametrize("name", sorted(STAGE_TABLES))
def test_stage_table_says_what_it_holds_then_names_its_columns(name):
    assert data.text(name).startswith("#"), f"{name}: no comment saying what it holds"
    assert data.columns(name) == STAGE_TABLES[name]
    rows = data.tsv(name)  # a row with more cells than the header is an error
    assert rows, f"{name}: no rows"
    first = STAGE_TABLES[name][0]
    assert all(row[first] for row in rows), f"{name}: a row without {first}"
    repeated = _twice(tuple(row.values()) for row in rows)
    assert not repeated, f"{name}: rows repeated: {repeated}"


def test_codebook_codes_are_cameo_codes_under_their_root():
    codes = [row["code"] for row in data.tsv("cameo_codes.tsv")]
    assert not _twice(codes)
    assert all(CAMEO_CODE.match(code) for code in codes), [c for c in codes if not CAMEO_CODE.match(c)]
    assert {f"{r:02d}" for r in range(1, 21)} <= set(codes)
    assert all(_codebook()[code] for code in codes)


def test_goldstein_weighs_every_code_once():
    rows = data.tsv("goldstein.tsv")
    assert not _twice(row["code"] for row in rows)
    weights = {row["code"]: float(row["goldstein"]) for row in rows}
    assert set(weights) == set(_codebook())
    assert all(-10.0 <= w <= 10.0 for w in weights.values())


def test_plover_types_every_code_but_public_statements():
    rows = data.tsv("cameo_plover.tsv")
    assert not _twice(row["code"] for row in rows)
    types = {row["code"]: row["plover"] for row in rows}
    assert set(types) == {code for code in _codebook() if code[:2] != "01"}
    assert set(types.values()) <= PLOVER_TYPES


def test_event_patterns_name_codes_the_codebook_has():
    codebook = _codebook()
    for row in data.tsv("event_patterns.tsv"):
        where = f"event_patterns.tsv: {row}"
        assert row["kind"] in PATTERN_KINDS, where
        assert LOWER_WORD.match(row["lemma"]) or row["lemma"] in RULE_FRAMES, where
        for cell in (row["prep"], row["comp"]):
            assert cell == "-" or all(LOWER_WORD.match(w) for w in cell.split("|")), where
        if row["kind"] in ("V", "N"):
            assert row["cameo"] in codebook, where
        elif row["kind"] == "F":
            for pair in row["cameo"].split(","):
                prefix, code = pair.split(":")
                assert prefix == "*" or CAMEO_CODE.match(prefix), where
                assert code == "-" or code in codebook, where
        else:
            assert row["cameo"] == "-" or row["cameo"] in codebook, where


def test_event_patterns_are_not_given_twice():
    keys = [(row["kind"], row["lemma"], row["prep"], row["comp"]) for row in data.tsv("event_patterns.tsv")]
    assert not _twice(keys)


def test_quote_cues_have_known_kinds_and_classes():
    classes = data.words("cue_classes")
    rows = data.tsv("quote_cues.tsv")
    assert not _twice((row["cue"], row["kind"]) for row in rows)
    for row in rows:
        assert row["kind"] in ("verb", "noun", "phrase"), row
        assert row["class"] in classes, row
        assert row["cue"] == row["cue"].lower().strip(), row
    assert classes == {row["class"] for row in rows if row["kind"] == "verb"}  # each class is used


def test_speaker_words_have_known_kinds():
    rows = data.tsv("speaker_words.tsv")
    assert not _twice(row["word"] for row in rows)
    assert {row["kind"] for row in rows} == SPEAKER_KINDS
    assert all(LOWER_WORD.match(row["word"]) for row in rows)


def test_stage_word_sets_are_named_explained_and_repeat_nothing():
    rows = _stage_sets()
    assert not _twice(row["set"] for row in rows)
    for row in rows:
        members = data.split_cell(row["words"])
        assert SET_NAME.match(row["set"]) and row["why"], row["set"]
        assert members, row["set"]
        assert not _twice(members), f"{row['set']} lists {_twice(members)} twice"


def test_stage_word_sets_hold_what_their_names_say():
    codebook = _codebook()
    for row in _stage_sets():
        name, members = row["set"], data.split_cell(row["words"])
        if name.endswith("_roots"):
            assert all(len(m) == 2 and m in codebook for m in members), name
        elif name.endswith("_codes"):
            assert all(m in codebook for m in members), name
        elif name.endswith("_labels"):
            assert set(members) <= ENTITY_LABELS, name
        elif name.endswith("_deps"):
            assert set(members) <= DEP_LABELS, name
        elif name.endswith("_pos"):
            assert set(members) <= POS_TAGS, name
        elif name in CHARACTER_SETS:
            assert all(len(m) == 1 or re.match(r"^U\+[0-9A-F]{4}$", m) for m in members), name
        else:
            assert all(m == m.lower() and " " not in m for m in members), name


def test_reporting_verbs_are_the_cue_tables_verbs_of_saying_and_thought():
    from tidings.events import qualifiers

    cues = data.tsv("quote_cues.tsv")
    expected = {row["cue"] for row in cues if row["kind"] == "verb" and row["class"] in ("speech", "thought")}
    assert qualifiers._REPORT_VERBS == expected
    assert {"say", "tell", "believe"} <= expected and "show" not in expected
