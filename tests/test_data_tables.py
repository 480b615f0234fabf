"""The knowledge files under tidings/data: each parses, has its columns, and holds no duplicate
keys, no duplicate set members and no codes (sectors, countries, kinds) that do not exist.

Read through ``tidings.data`` (the loader every stage uses), so a file the loader cannot read
fails here with the file and line, not as a wrong extraction later.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tidings import data

DATA = Path(data.__file__).parent
SRC = DATA.parent
TSV_FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.tsv"))
WORD_SET_FILES = [name for name in TSV_FILES if name.startswith(f"{data.WORD_SETS}/")]
# Country fields that are not countries: intergovernmental bodies.
NOT_COUNTRIES = {"IGO"}


def _countries() -> set[str]:
    return {c["iso3"] for c in data.json_table("countries.json")["countries"]}


def _sectors() -> set[str]:
    return {row["sector"] for row in data.tsv("actor_sectors.tsv")}

TIMES_SRC = Path(data.__file__).resolve().parent.parent / "times"
SET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# A word of a set: letters, digits, apostrophes, periods ("c."), hyphens, inner single spaces.
WORD = re.compile(r"^[\w'’.-]+(?: [\w'’.-]+)*$")
TIMEX_DURATION = re.compile(r"^PT?\d+[YMWDH]$")


def _repeated(values) -> list:
    return [value for value, n in Counter(values).items() if n > 1]


def _assert_countries(name: str, column: str, allow_empty: bool = True) -> None:
    known = _countries() | NOT_COUNTRIES
    for row in data.tsv(name):
        code = row[column]
        assert (allow_empty and not code) or code in known, \
            f"{name}: {column} {code!r} is no country of countries.json ({row})"


def _assert_unique(name: str, *columns: str) -> None:
    keys = [tuple(row[c] for c in columns) for row in data.tsv(name)]
    assert not _repeated(keys), f"{name}: {columns} repeated: {_repeated(keys)}"


# -- every table -----------------------------------------------------------------------------
def test_there_are_tables_and_word_set_files():
    assert "roles.tsv" in TSV_FILES and f"{data.WORD_SETS}/shared.tsv" in WORD_SET_FILES


@pytest.mark.parametrize("name", TSV_FILES)
def test_every_tsv_has_a_header_and_rows_within_it(name):
    header = data.columns(name)
    assert header and all(header), f"{name}: no header, or an empty column name"
    assert not _repeated(header), f"{name}: column named twice in {header}"
    assert data.text(name).lstrip().startswith("#"), f"{name}: no comment saying what it holds"
    rows = data.tsv(name)  # raises, naming file and line, on a row longer than the header
    assert rows, f"{name}: no rows"
    first = header[0]
    assert all(row[first] for row in rows), f"{name}: a row without its {first!r}"


# -- word sets -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WORD_SET_FILES)
def test_word_set_files(name):
    assert data.columns(name) == ("set", "words", "why")
    for row in data.tsv(name):
        members = data.split_cell(row["words"])
        assert members, f"{name}: set {row['set']} is empty"
        assert not _repeated(members), f"{name}: {row['set']} repeats {_repeated(members)}"
        assert row["why"], f"{name}: set {row['set']} does not say why it exists"


def test_set_names_are_unique_across_files():
    names = [row["set"] for file in WORD_SET_FILES for row in data.tsv(file)]
    assert not _repeated(names), f"sets defined twice: {_repeated(names)}"
    assert set(data.word_set_names()) == set(names)


def test_code_asks_only_for_sets_and_tables_that_exist():
    """Every ``words("x")``/``word_list("x")``/``tsv("x.tsv")`` in the code names a real set
    or file: a typo would otherwise fail only when that line first runs."""
    asked_sets, asked_files = set(), set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        asked_sets |= set(re.findall(r"\bword(?:s|_list)\(\"([a-z0-9_]+)\"\)", text))
        asked_files |= set(re.findall(r"\btsv\(\"([\w/]+\.tsv)\"\)", text))
    assert asked_sets and asked_files
    assert not asked_sets - set(data.word_set_names()), asked_sets - set(data.word_set_names())
    assert not asked_files - set(TSV_FILES), asked_files - set(TSV_FILES)


# -- actor tables ----------------------------------------------------------------------------
def test_actor_sectors():
    _assert_unique("actor_sectors.tsv", "sector")
    assert all(re.fullmatch(r"[A-Z]{3}", s) for s in _sectors())


def test_roles():
    _assert_unique("roles.tsv", "pattern")
    for row in data.tsv("roles.tsv"):
        # an empty sector marks a generic noun coded only through a modifier ("armed group")
        assert row["sector"] in _sectors() | {""}, row
        assert row["kind"] in ("person", "group", "organization"), row


def test_role_modifiers():
    _assert_unique("role_modifiers.tsv", "word")
    for row in data.tsv("role_modifiers.tsv"):
        assert row["effect"] in _sectors() | {"keep"}, row


def test_organizations():
    _assert_unique("organizations.tsv", "name", "start", "end")  # dated rows: one per period
    _assert_countries("organizations.tsv", "country")
    for row in data.tsv("organizations.tsv"):
        assert row["sector"] in _sectors(), row


def test_office_holders():
    _assert_unique("office_holders.tsv", "name", "role", "start", "end")
    _assert_countries("office_holders.tsv", "country")
    for row in data.tsv("office_holders.tsv"):
        assert row["sector"] in _sectors(), row


def test_name_variants_fold_to_one_key():
    _assert_unique("name_variants.tsv", "variant")
    names = {row["name"] for row in data.tsv("name_variants.tsv")}
    variants = {row["variant"] for row in data.tsv("name_variants.tsv")}
    assert not names & variants, "a key that is itself a variant would not be one key"
    assert all(v == v.lower() and " " not in v for v in variants | names)


def test_actor_word_sets_hold_lexicon_titles():
    """Titles the coder compares with a matched role's pattern must be role patterns, or
    they can never match."""
    patterns = {row["pattern"] for row in data.tsv("roles.tsv")}
    for name in ("member_titles", "own_roles", "leader_titles", "abroad_roles", "generic_titles",
                 "speaks_for_roles", "division_titles", "shared_ranks"):
        missing = data.words(name) - patterns
        assert not missing, f"{name}: {sorted(missing)} not in roles.tsv"


# -- place tables ----------------------------------------------------------------------------
PLACE_KINDS = {"country", "admin1", "region", "continent", "water", "city", "admin2"}


def test_places_countries():
    _assert_unique("places_countries.tsv", "iso3")
    _assert_countries("places_countries.tsv", "iso3", allow_empty=False)
    for row in data.tsv("places_countries.tsv"):
        float(row["lat"]), float(row["lon"])


def test_places_regions():
    _assert_unique("places_regions.tsv", "name", "country", "kind")
    _assert_countries("places_regions.tsv", "country")
    for row in data.tsv("places_regions.tsv"):
        assert row["kind"] in PLACE_KINDS - {"country", "city"}, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def test_places_derived_division_tables():
    _assert_unique("places_admin1.tsv", "country", "admin1")
    _assert_countries("places_admin1.tsv", "country", allow_empty=False)
    _assert_countries("places_admin2.tsv", "country", allow_empty=False)
    admin1 = {(row["country"], row["admin1"]) for row in data.tsv("places_admin1.tsv")}
    assert ("USA", "KY") in admin1 and ("CAN", "01") in admin1
    for name in ("places_admin1.tsv", "places_admin2.tsv"):
        for row in data.tsv(name):
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
    counties = [row for row in data.tsv("places_admin2.tsv") if row["country"] == "USA"]
    assert len(counties) > 3000  # every US county, parish and borough
    assert all((row["country"], row["admin1"]) in admin1 for row in counties)


def test_places_cities_table():
    rows = data.stream("places_cities.tsv.gz")
    header = next(rows)
    assert header == ["geonameid", "name", "altnames", "country", "admin1", "lat", "lon",
                      "population", "capital"]
    known = _countries()
    count = 0
    for row in rows:
        assert len(row) == len(header) and row[3] in known, row
        count += 1
    assert count > 200_000  # GeoNames' cities500: towns down to a few hundred people


def test_place_kind_scores():
    _assert_unique("place_kind_scores.tsv", "kind")
    for row in data.tsv("place_kind_scores.tsv"):
        # "physical": the score every kind of places_physical.tsv starts from
        assert row["kind"] in PLACE_KINDS | {"physical"} and float(row["score"]) > 0, row


def test_place_mislabel_floors():
    _assert_unique("place_mislabel_floors.tsv", "label")
    for row in data.tsv("place_mislabel_floors.tsv"):
        assert row["label"] in ("PERSON", "ORG") and int(row["min_population"]) > 0, row


def _no_repeated_keys(pairs):
    keys = [key for key, _ in pairs]
    assert not _repeated(keys), f"time_words.json: key repeated: {_repeated(keys)}"
    return dict(pairs)


# -- time_words.json --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def time_words() -> dict:
    return json.loads(data.text("time_words.json"), object_pairs_hook=_no_repeated_keys)


def test_time_words_say_what_they_are(time_words):
    assert time_words["version"] and time_words["about"]


def test_time_words_keys_are_lower_case_words(time_words):
    word_tables = ("months", "weekdays", "numbers", "units", "unit_plurals", "seasons",
                   "parts_of_day", "ordinals", "decade_words", "references", "set_adverbs",
                   "fixed_holidays", "deictic_days", "clock_words")
    word_lists = ("ambiguous_months", "vague_numbers", "generic_after_todays")
    for name in word_tables + word_lists:
        entries = list(time_words[name])
        assert entries, f"time_words.json: {name} is empty"
        assert not _repeated(entries), f"time_words.json: {name} repeats {_repeated(entries)}"
        bad = [w for w in entries if not (WORD.match(w) and w == w.lower())]
        assert not bad, f"time_words.json: {name} has malformed entries {bad}"


def test_time_words_calendar_values(time_words):
    assert sorted(set(time_words["months"].values())) == list(range(1, 13))
    assert sorted(set(time_words["weekdays"].values())) == list(range(1, 8))
    assert set(time_words["ambiguous_months"]) <= set(time_words["months"])
    seasons = time_words["seasons"]
    assert set(seasons.values()) == set(time_words["season_months"]) == {"SP", "SU", "FA", "WI"}
    for code, (first, last) in time_words["season_months"].items():
        assert 1 <= first <= 12 and 1 <= last <= 12, code
    assert set(time_words["parts_of_day"].values()) == {"MO", "AF", "EV", "NI"}
    assert set(time_words["ordinals"].values()) <= {1, 2, 3, 4}
    assert set(time_words["decade_words"].values()) <= set(range(1, 10))
    for name, month_day in time_words["fixed_holidays"].items():
        month, day = (int(part) for part in month_day.split("-"))
        assert dt.date(2000, month, day), name  # 2000 is a leap year: every real day parses
    assert set(time_words["deictic_days"].values()) <= {-1, 0, 1}
    for name, (hour, minute) in time_words["clock_words"].items():
        assert 0 <= hour <= 24 and 0 <= minute < 60, name


def test_time_words_quantities_and_values(time_words):
    assert all(isinstance(n, int) and n > 0 for n in time_words["numbers"].values())
    letters = set()
    for unit, (letter, multiple, is_time) in time_words["units"].items():
        assert letter in "YMWDHS" and len(letter) == 1, unit
        assert isinstance(multiple, int) and multiple > 0 and isinstance(is_time, bool), unit
        letters.add(letter)
    assert set(time_words["unit_plurals"].values()) <= set(time_words["units"])
    assert set(time_words["half_units"]) <= letters | {"M_time"}
    assert set(time_words["references"].values()) <= {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
    bad = [v for v in time_words["set_adverbs"].values() if not TIMEX_DURATION.match(v)]
    assert not bad, f"time_words.json: set_adverbs values not TIMEX3 durations: {bad}"
    zones = time_words["time_zones"]
    assert not _repeated(zones) and all(z.isalpha() and z == z.upper() for z in zones)


# -- word_sets/times.tsv ----------------------------------------------------------------------
TIMES_TSV = f"{data.WORD_SETS}/times.tsv"


def test_times_word_sets_are_well_formed():
    assert data.text(TIMES_TSV).lstrip().startswith("#"), "times.tsv: no comment on what it holds"
    assert data.columns(TIMES_TSV) == ("set", "words", "why")
    rows = data.tsv(TIMES_TSV)
    assert rows
    for row in rows:
        name, words = row["set"], data.split_cell(row["words"])
        assert SET_NAME.match(name), f"times.tsv: set name {name!r}"
        assert row["why"], f"times.tsv: {name} does not say why"
        assert words, f"times.tsv: {name} is empty"
        assert not _repeated(words), f"times.tsv: {name} repeats {_repeated(words)}"
        bad = [w for w in words if not WORD.match(w) or w not in (w.lower(), w.upper())]
        assert not bad, f"times.tsv: {name} has malformed words {bad}"
    assert not _repeated(row["set"] for row in rows)


def test_times_word_sets_are_all_read_by_the_times_package():
    code = "\n".join(p.read_text(encoding="utf-8") for p in TIMES_SRC.glob("*.py"))
    unread = [row["set"] for row in data.tsv(TIMES_TSV) if f'"{row["set"]}"' not in code]
    assert not unread, f"times.tsv: sets no module of tidings/times reads: {unread}"


def test_spelled_numbers_have_values(time_words):
    numbers = time_words["numbers"]
    for name in ("spoken_ones", "spoken_tens"):
        missing = [w for w in data.word_list(name) if w not in numbers]
        assert not missing, f"{name}: no value in time_words.json numbers for {missing}"


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
PATTERN_KINDS = {"V", "N", "A", "L", "F", "T", "H"}
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
# Sets of single characters (read by tidings.nlp.marks.chars): U+XXXX for a blank.
CHARACTER_SETS = {"double_open_marks", "double_close_marks", "straight_double_marks",
                  "single_open_marks", "single_close_marks", "straight_single_marks",
                  "straight_mark_opens_after", "signature_dashes", "quote_frame_punct",
                  "clause_edge_chars", "parsed_as_em_dash"}
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
            # "@gpe": a direct object named as a country (see the table's header)
            assert cell == "-" or all(LOWER_WORD.match(w) or w == "@gpe" for w in cell.split("|")), where
        if row["kind"] in ("V", "N"):
            # "-": the sense of the word its prep or comp picks names no act ("pleaded guilty")
            assert row["cameo"] in codebook or row["cameo"] == "-" and row["comp"] != "-", where
        elif row["kind"] == "A":
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
        elif name.endswith("_sectors"):
            assert set(members) <= {r["sector"] for r in data.tsv("actor_sectors.tsv")}, name
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


def test_figurative_readings_are_of_violent_verb_triggers():
    codebook = _codebook()
    violent = {row["lemma"] for row in data.tsv("event_patterns.tsv")
               if row["kind"] == "V" and row["cameo"][:2] in data.words("material_conflict_roots")}
    rows = data.tsv("figurative_codes.tsv")
    assert not _twice(row["lemma"] for row in rows)
    for row in rows:
        assert row["lemma"] in violent, row["lemma"]
        assert row["code"] == "-" or row["code"] in codebook, row["lemma"]


def test_confidence_weights_name_the_features_the_coder_computes():
    rows = data.tsv("event_confidence.tsv")
    assert rows[0]["feature"] == "bias" and not _twice(row["feature"] for row in rows)
    known = re.compile(r"^(bias|lede|late|headline|noun|negated|date:own|guessed|specific|"
                       r"symmetric|coref|quoted|background|quad:[1-4]|mood:\w+|"
                       r"(src|tgt):(country|sector|named|place|victims|phrase|none|other))$")
    for row in rows:
        assert known.match(row["feature"]), row["feature"]
        float(row["weight"])
        assert 0 <= int(row["right"]) <= int(row["events"])
