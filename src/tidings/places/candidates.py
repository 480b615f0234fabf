"""Toponym candidates: the names in a text that the gazetteer knows, each with its readings.

Two sources: spaCy's GPE/LOC/FAC entities (or the gazetteer names inside them), and
capitalized token runs the gazetteer knows that spaCy left out or labelled as something
else. Which reading a name takes is decided later (``resolution``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from tidings.data import tsv, words
from tidings.nlp.doctext import (doc_ents, doc_text, sentence_bounds, token_starts,
                                 token_texts)
from tidings.nlp.syntax import first_conjunct
from tidings.places.gazetteer import Gazetteer, GeoName, fold

# Dotted initials of two or more letters ("B.C.", "P.E.I.").
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")
# What follows a dateline's name: a dash of any length or the agency in parentheses.
DATELINE_MARKS = frozenset("-\u2013\u2014(_")
# A city this large is meant even without a cue (a big city spaCy tagged as nothing).
SURE_CITY_POPULATION = 1_000_000
# A physical feature named without its kind word ("Borneo", "Sumatra") after a locative
# word is read as the feature when Natural Earth ranks it this important or more (0-10).
BARE_FEATURE_RANK = 4


@functools.lru_cache(maxsize=1)
def _mislabel_floors() -> dict[str, int]:
    """Whole PERSON/ORG entities that are city names: the population from which one is read
    as a place without a cue (place_mislabel_floors.tsv)."""
    return {row["label"]: int(row["min_population"])
            for row in tsv("place_mislabel_floors.tsv")}


@dataclass
class Toponym:
    """A name in the text with the places it may denote."""

    start: int  # char offsets
    end: int
    text: str
    candidates: list[GeoName]
    source: str  # "entity", "token" or "suffix"
    token_start: int = 0
    token_end: int = 0  # token index after the mention
    bonus: dict = field(default_factory=dict)  # candidate index -> local bonus
    division: bool = False  # the text calls it a division here ("New York state")


def find_toponyms(doc, gaz: Gazetteer) -> list[Toponym]:
    """Every candidate toponym of the text, in text order."""
    mentions: list[Toponym] = []
    claimed = [False] * len(doc)
    for ent in doc_ents(doc):
        if ent.label_ not in words("place_ents"):
            continue
        for s, e in _parts(doc, ent.start, ent.end):
            found = _match_in(doc, s, e, gaz)
            if found:
                mentions.append(found)
        for i in range(ent.start, ent.end):
            claimed[i] = True
    ent_of = {}
    for ent in doc_ents(doc):
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    texts = token_texts(doc)
    capitalized = [_capitalized(text) for text in texts]
    # tokens a name outside the entities can run over: unclaimed, capitalized or "of"-like
    inner = words("place_name_inner_words")
    open_word = [not claimed[k] and (capitalized[k] or text.lower() in inner)
                 for k, text in enumerate(texts)]
    i = 0
    while i < len(doc):
        if claimed[i] or not capitalized[i]:
            i += 1
            continue
        match = _longest_at(doc, i, gaz, open_word, capitalized, ent_of)
        if match is None:
            i += 1
            continue
        mentions.append(match)
        i = match.token_end
    mentions = [_with_compass(doc, m, gaz) for m in mentions]
    mentions = [m for m in mentions if _physical_sense(doc, m)]
    mentions.sort(key=lambda m: m.start)
    return mentions


def _physical_sense(doc, m: Toponym) -> bool:
    """Keep a physical feature's reading where the text names it as one: its kind word in
    the name ("Lake Erie", "the Ural Mountains", "Waiheke Island"), "the" before it ("the
    Sahel", "the Alps"), spaCy's LOC label, or a locative cue for a well-known feature ("in
    Borneo"). Otherwise the reading is dropped, and with it a mention that had no other:
    "Chad" the person, "Victoria" the state or the town keep their own readings. Returns
    whether the mention keeps any reading."""
    physical = words("physical_kinds")
    if not any(p.kind in physical for p in m.candidates):
        return True
    s, e = m.token_start, m.token_end
    named = any(t.lower_ in words("physical_kind_words") for t in doc[s:e])
    # a bare name inside a longer name ("West Nile virus") or modifying a noun that is no
    # place ("Nile perch") is not the feature, as for towns ("Lassa fever")
    inside = doc[s].ent_iob_ == "I" or (s > 0 and _capitalized(doc[s - 1].text)
                                         and doc[s - 1].pos_ == "PROPN") or (
        e < len(doc) and doc[e - 1].dep_ == "compound" and doc[e].pos_ in ("NOUN", "PROPN")
        and not _local_modifier(doc, s, e))
    bare_ok = not inside and (
        (s > 0 and doc[s - 1].lower_ == "the") or doc[s].ent_type_ == "LOC")
    cue = not inside and _locative_cue(doc, s, e)
    kept = [p for p in m.candidates if p.kind not in physical or named or bare_ok
            or (cue and p.rank <= BARE_FEATURE_RANK)]
    m.candidates = kept
    return bool(kept)


def _with_compass(doc, m: Toponym, gaz) -> Toponym:
    """"northern Ireland" written in lower case: the division whose name the compass word
    opens (Northern Ireland), where the gazetteer has one; else the mention. Only divisions:
    "south Sudan", "southeast Asia", "central Europe" in lower case are parts of the place."""
    s = m.token_start
    if s == 0 or doc[s - 1].lower_ not in words("compass_words") \
            or _capitalized(doc[s - 1].text):
        return m
    found = [p for p in gaz.lookup(_span_text(doc, s - 1, m.token_end)) if p.kind == "admin1"]
    return _mention(doc, s - 1, m.token_end, found, m.source) if found else m


def _parts(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of an entity split at commas and "and" ("Moshi, Kilimanjaro")."""
    parts, s = [], start
    for i in range(start, end):
        if doc[i].text in (",", ";", "/") or (doc[i].lower_ == "and" and i > s):
            if i > s:
                parts.append((s, i))
            s = i + 1
    if end > s:
        parts.append((s, end))
    return parts


def _trim(doc, s: int, e: int) -> tuple[int, int]:
    while s < e and (doc[s].lower_ in words("place_leading_drop") or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in (".",)
                     or doc[e - 1].lower_ in words("possessive_endings")):
        e -= 1
    return s, e


def _span_text(doc, s: int, e: int) -> str:
    """``doc[s:e].text``, cut from the shared text (no Span and Token objects)."""
    e = min(e, len(doc))
    if e <= s:
        return ""
    starts = token_starts(doc)
    return doc_text(doc)[starts[s]:starts[e - 1] + len(token_texts(doc)[e - 1])]


def _lookup_tokens(doc, s: int, e: int, gaz) -> list[GeoName]:
    text = _span_text(doc, s, e)
    if e < len(doc) and doc[e].text == "." and not doc[e - 1].whitespace_ \
            and fold(text + ".") in gaz.abbreviations and _after_town(doc, s):
        return gaz.lookup(text + ".")  # "Churchill, Man." split as "Man" and ".": Manitoba
    caps_ok = _opens_line(doc, s)  # "PARIS, France (AP)": a dateline, not an acronym
    found = gaz.lookup(text, caps_ok)
    if not found and text.endswith("."):  # "Tenn." kept its period; "Kilimanjaro." did not
        found = gaz.lookup(text[:-1], caps_ok)
    if found and fold(text) in gaz.abbreviations and not _after_town(doc, s) \
            and not _initialism_alone(doc, s, text):
        return []  # "Man.", "Ky.": an agency's abbreviation only after "Churchill, "
    if found and fold(text) in gaz.demonyms:
        return []
    return found


def _initialism_alone(doc, s: int, text: str) -> bool:
    """"B.C.", "N.Y.", "D.C.": a division's dotted initials name it on their own ("the B.C.
    government", "in N.Y."), unlike a clipped word ("Man.", "Ky."); not after a number
    ("300 B.C.")."""
    return bool(_INITIALISM.fullmatch(text)) and not (s > 0 and doc[s - 1].like_num)


def _opens_line(doc, s: int) -> bool:
    """The token (or "THE" before it) opens a line: where a dateline stands."""
    if s > 0 and token_texts(doc)[s - 1].lower() == "the":
        s -= 1
    if s == 0:
        return True
    starts = token_starts(doc)  # the word before with its whitespace, from the shared text
    return "\n" in doc_text(doc)[starts[s - 1]:starts[s]]


def _dateline_head(doc, i: int, j: int) -> bool:
    """A name in capitals opening a line before a dash or a parenthesis ("TORRINGTON —",
    "BANTAM (AP)"): a dateline, which says where the story is told from."""
    return j < len(doc) and doc[j].text[:1] in DATELINE_MARKS and _opens_line(doc, i) \
        and _span_text(doc, i, j).isupper()


def _after_town(doc, s: int) -> bool:
    """"Churchill, Man.", "COLUMBIA, Ky.": a capitalized name and a comma just before."""
    return s > 1 and doc[s - 1].text == "," and _capitalized(doc[s - 2].text)


def _match_in(doc, s: int, e: int, gaz) -> Toponym | None:
    """The whole (trimmed) entity part if the gazetteer knows it, else its longest name."""
    s, e = _trim(doc, s, e)
    if s >= e:
        return None
    found = _lookup_tokens(doc, s, e, gaz)
    if found:
        return _mention(doc, s, e, found, "entity")
    if e - s > 1 and doc[e - 1].lower_ in words("place_generic_suffixes"):
        # "Kilifi County", "Nakuru Province": the named place, as near as the gazetteer has
        # it; a city only where the article's countries support it (checked at resolution).
        found = [p for p in _lookup_tokens(doc, s, e - 1, gaz) if p.primary]
        if found:
            m = _mention(doc, s, e, found, "suffix")
            return m
    best = None
    for i in range(s, e):
        if not _capitalized(doc[i].text):
            continue
        for j in range(min(e, i + gaz.max_tokens), i, -1):
            if not _capitalized(doc[j - 1].text):
                continue
            found = _lookup_tokens(doc, i, j, gaz)
            if found and (best is None or j - i >= best[1] - best[0]):
                best = (i, j, found)
                break
    if best is None:
        return None
    i, j, found = best
    rest_named = any(_capitalized(doc[k].text) for k in (*range(s, i), *range(j, e)))
    if rest_named:
        # "Rosewood Park", "Nueva Esparta": a city name inside a longer name is another place.
        found = [p for p in found if not _town_like(p)]
        if not found:
            return None
    return _mention(doc, i, j, found, "entity")


def _longest_at(doc, i: int, gaz, open_word, capitalized, ent_of) -> Toponym | None:
    """A gazetteer name starting at token i, outside spaCy's place entities: the longest
    run of open words (unclaimed, capitalized or "of"-like) ending in a capital."""
    run_end = i
    limit = min(sentence_bounds(doc)[1][i], i + gaz.max_tokens)
    if _opens_line(doc, i) and doc[i].text.isupper():  # a dateline spaCy split ("CAPE | TOWN")
        limit = min(len(doc), i + gaz.max_tokens)
    while run_end < limit and open_word[run_end]:
        run_end += 1
    for j in range(run_end, i, -1):
        if not capitalized[j - 1]:
            continue
        found = _lookup_tokens(doc, i, j, gaz)
        if not found:
            continue
        ents = {ent_of.get(k) for k in range(i, j)}
        if ents != {None}:
            if len(ents) != 1:
                continue
            ent = next(iter(ents))
            if ent.label_ in words("non_place_ents"):
                if not _misread_name(doc, ent, i, j):
                    return None
                found = _mislabelled(found, ent.label_, True)  # "in Winnipeg" read as a DATE
            elif (ent.start, ent.end) == (i, j):
                found = _mislabelled(found, ent.label_, _mislabel_cue(doc, i, j)
                                     or _local_modifier(doc, i, j))
            elif j == ent.end and i > ent.start + 1 and doc[i - 1].lower_ in ("in", "at"):
                pass  # "the Children's Hospital of Manitoba in Winnipeg": where it is
            elif _local_institution(doc, ent, i, j):
                # "Winnipeg police", "the Kentucky State Police", "University of Manitoba":
                # a local body named after the place it serves; not a capital ("the
                # Washington Post" names no place)
                found = [p for p in found if not (p.kind == "city" and p.capital)]
            else:  # a country inside a name ("the Kenya Wildlife Service")
                found = [p for p in found if p.kind == "country"]
        elif doc[i].pos_ != "PROPN" and doc[j - 1].pos_ != "PROPN" and not (
                _opens_line(doc, i) and doc[i:j].text.isupper()):  # "ADDIS ABABA, Ethiopia"
            continue
        else:
            cue = _locative_cue(doc, i, j) or _local_modifier(doc, i, j) \
                or _dateline_head(doc, i, j)
            found = [p for p in found if not _town_like(p) or p.population >= SURE_CITY_POPULATION
                     or (p.primary and cue)]
        if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j - 1].dep_ == "compound" \
                and not _local_modifier(doc, i, j):
            # "Lassa fever", "Hendra virus": a name modifying a noun, not a place ("Winnipeg
            # police", "an Edmonton man" are)
            found = [p for p in found if not _town_like(p)]
        if found:
            return _mention(doc, i, j, found, "token")
    return None


def _local_institution(doc, ent, i: int, j: int) -> bool:
    """An ORG entity naming a local public body after the place at tokens i..j: the place
    opens it or follows its "of" ("Glasgow Police Department", "University of Manitoba"),
    and another of its words names the body ("World Court" names no town Court)."""
    body = words("local_institution_words")
    if all(t.lower_ in body for t in doc[i:j]):
        return False  # the name is itself a body word ("Court"); "Metcalfe County" is not
    start = ent.start
    while start < i and doc[start].lower_ in words("place_leading_drop"):
        start += 1  # "The Queensland Police Service" opens with its place all the same
    return (i == start or doc[i - 1].lower_ == "of") and \
        any(t.lower_ in body for t in ent if not i <= t.i < j)


def _local_modifier(doc, i: int, j: int) -> bool:
    """The name at tokens i..j modifies a noun that a place names: a local body ("Winnipeg
    police", "a Winnipeg jail"), a person by where they live ("an Edmonton man", "a Queens
    native"), a facility or an area ("the Gulu racecourse", "the Gulu district"). Such a
    modifier says where the body, the person or the facility is."""
    if j >= len(doc) or doc[j - 1].dep_ != "compound" or doc[j - 1].head.i != j:
        return False
    noun, lemma = doc[j].lower_, doc[j].lemma_.lower()
    return noun in words("local_institution_words") or noun in words("place_resident_nouns") \
        or lemma in words("place_resident_nouns") or lemma in words("place_facility_nouns") \
        or lemma in words("place_generic_suffixes")


def _names_a_place_kind(token) -> bool:
    """A noun that names a kind of place or facility ("districts", "farms", "hospital")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in words("place_generic_suffixes")
                                     or lemma in words("place_facility_nouns"))


def _misread_name(doc, ent, i: int, j: int) -> bool:
    """A whole DATE/LANGUAGE/... entity that is a proper name after a locative preposition
    and no calendar word: spaCy's slip ("continues in Winnipeg" tagged DATE, "in Aleppo"
    LANGUAGE); "in May", "on Monday" stay dates."""
    from tidings.times.words import MONTHS, SEASONS, WEEKDAYS
    span = doc[i:j]
    return (ent.start, ent.end) == (i, j) and all(t.pos_ == "PROPN" for t in span) \
        and i > 0 and doc[i - 1].lower_ in words("locative_preps") \
        and not any(t.lower_ in MONTHS or t.lower_ in WEEKDAYS or t.lower_ in SEASONS
                    for t in span)


def _mislabelled(found: list[GeoName], label: str, cue: bool) -> list[GeoName]:
    """A whole PERSON/ORG entity read as a place only when it is a well-known one, or
    when the text says it is a place ("in Entebbe", "the town of Kakuma")."""
    floor = 0 if cue else _mislabel_floors().get(label, SURE_CITY_POPULATION)
    return [p for p in found if not _town_like(p) or p.population >= SURE_CITY_POPULATION
            or (p.primary and p.population >= floor)]


def _locative_cue(doc, i: int, j: int) -> bool:
    """"in Gulu", "near Arusha", "Moshi, Kilimanjaro", "from Gulu and Lira": the text itself
    says this is a place."""
    possessor = doc[j - 1].dep_ == "poss" or (
        j < len(doc) and doc[j].lower_ in words("possessive_endings"))
    if i > 0 and doc[i - 1].lower_ in words("locative_preps") and not possessor:
        return True  # not "of Castro's remarks": the name there is a possessor
    first = first_conjunct(doc[j - 1])
    if first.i != j - 1 and not possessor and first.dep_ == "pobj" \
            and first.head.lower_ in words("locative_preps"):
        return True  # a later name of a list after a locative word: "in Gulu, Lira and Kitgum"
    if first.i != j - 1 and not possessor and first.dep_ in ("compound", "nmod") \
            and _names_a_place_kind(first.head):
        return True  # "Nandurbar and Dhule districts", "Pandi and Talavera farms"
    if j + 1 < len(doc) and doc[j].text == "," and _capitalized(doc[j + 1].text) \
            and doc[j + 1].dep_ not in words("subject_deps"):
        return True  # "Moshi, Kilimanjaro"; not "with Clinton, Blair pledged": a new clause
    return i > 1 and doc[i - 1].text == "," and doc[i - 2].ent_type_ in words("place_ents")


def _mislabel_cue(doc, i: int, j: int) -> bool:
    """A name spaCy tags as an organization or a person needs a cue that says where: "to"
    and "toward" do only after motion ("flew to Winnipeg"), not in "presented the report to
    Congress" (while "of" keeps a residence: "Paul Roe, 49, of Waterloo")."""
    if not _locative_cue(doc, i, j):
        return False
    prep = doc[i - 1] if i > 0 else None
    if prep is None or prep.lower_ not in ("to", "toward", "towards") or prep.dep_ != "prep":
        return True
    if i > 1 and doc[i - 2].lower_ in words("proximity_words"):
        return True  # "near to Bielsk", "close to Gulu"
    from tidings.places.usage import located_by_preposition  # usage imports this module
    return located_by_preposition(prep)


def _mention(doc, s: int, e: int, found: list[GeoName], source: str) -> Toponym:
    span = doc[s:e]
    return Toponym(span.start_char, span.end_char, span.text, list(found), source,
                    token_start=s, token_end=e)


def _town_like(p: GeoName) -> bool:
    """A town, or a division matched by its bare name ("Somme", "Angus"): a name that may
    be a word or a surname, read as a place only with a cue or a tag."""
    return p.kind == "city" or p.town_like


def _capitalized(text: str) -> bool:
    return bool(text) and text[0].isupper()
