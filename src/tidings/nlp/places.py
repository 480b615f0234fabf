"""Toponyms: found in the text and resolved to coordinates with the offline gazetteer.

1. candidates: spaCy GPE/LOC/FAC entities (or the gazetteer names inside them), plus
   capitalized token runs the gazetteer knows that spaCy left out or mislabelled;
2. place names used as actors ("Washington said": ``actors.metonyms``) and demonyms
   ("Iraqi") are left out;
3. context: the countries and first-level divisions the article names (its unambiguous
   place mentions, NORP demonyms, the actors' countries);
4. resolution: each name's candidates scored by kind (country, region, city), population
   and the context; a name keeps one reading across the article.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tidings.nlp import gazetteer
from tidings.nlp.doctext import doc_ents, doc_text, sentence_bounds, token_texts
from tidings.nlp.gazetteer import Place, fold

PLACE_ENTS = {"GPE", "LOC", "FAC"}
# Never places, even when a gazetteer name matches ("March", "Reading" in a title).
NON_PLACE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                  "LAW", "LANGUAGE"}
LEADING_DROP = {"the", "of", "in", "at"}
# Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina").
NAME_INNER_WORDS = {"of", "and", "de", "del", "da", "do", "la", "el", "al", "the", "upon",
                    "on", "sur", "-", "'s"}

# Kind priors: a name that is a country is nearly always meant as the country in news
# ("Georgia" aside, which the context settles); regions and divisions come next.
KIND_SCORE = {"country": 100.0, "admin1": 90.0, "region": 88.0, "continent": 88.0,
              "water": 85.0}
# A division of a country the article never names is less likely ("Norfolk" in a story
# about Virginia is the city, in one about England the county).
DIVISION_OUT_OF_CONTEXT = 20.0
# Cities: 10 points per order of magnitude of population (1M people -> 60).
CITY_POP_WEIGHT = 10.0
# A city of half a million or more outranks a division of the same name ("New York",
# "Washington", as news uses them) but not a country.
BIG_CITY_POPULATION = 500_000
BIG_CITY_BONUS = 25.0
# A national capital outranks a division named like it ("Washington": the city in news).
CAPITAL_BONUS = 15.0
# A city's own score stays below a country's: "Mexico" is the country, not Mexico City.
CITY_SCORE_CAP = 95.0
# Alternate-name matches are slightly less likely than primary names.
ALTNAME_PENALTY = 5.0
# Context: a candidate in a country the article names (Paris, Texas in a story about Texas).
CONTEXT_COUNTRY_BONUS = 20.0
# Its first-level division is named in the article too (Santa Ana with California).
CONTEXT_ADMIN1_BONUS = 15.0
# "Pandi, Bulacan", "Santa Ana, California": the next name contains this one.
APPOSITION_BONUS = 40.0
# A city this large is meant even without a cue ("Lagos" tagged as nothing by spaCy).
SURE_CITY_POPULATION = 1_000_000
# Whole PERSON/ORG entities that are city names: "Kerbala" as ORG is a place, "Campbell"
# as PERSON is not (surnames are often small towns).
MISLABEL_MIN_POPULATION = {"ORG": 100_000, "PERSON": 1_000_000}
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "inside", "around",
                  "across", "toward", "towards", "via", "through", "within", "throughout",
                  "between", "outside", "nearby", "of"}
# Trailing words naming the kind of a division or area, stripped when the full name is not
# in the gazetteer ("Dallas County" -> Dallas).
GENERIC_SUFFIXES = {"county", "province", "district", "region", "city", "governorate",
                    "prefecture", "municipality", "oblast", "state", "territory", "area"}
# Words that make a name a first-level division: "Washington state", "province of Quebec".
DIVISION_WORDS = {"state", "province", "region", "county", "territory", "governorate"}
# Cities counted as context when their name is unambiguous and they are this large.
CONTEXT_CITY_MIN_POPULATION = 100_000


@dataclass
class _Mention:
    start: int  # char offsets
    end: int
    text: str
    candidates: list[Place]
    source: str  # "entity" or "token"
    token_start: int = 0
    token_end: int = 0  # token index after the mention
    bonus: dict = field(default_factory=dict)  # candidate index -> local bonus


def find_places(doc, actors) -> list[dict]:
    """The article's toponyms, each with its resolved place (see the module docstring)."""
    gaz = gazetteer.load()
    mentions = _candidates(doc, gaz)
    metonyms = list(getattr(actors, "metonyms", None) or ())
    if metonyms:
        mentions = [m for m in mentions if not _actor_use(doc, m)
                    or not any(s < m.end and m.start < e for s, e in metonyms)]
    if not mentions:
        return []
    countries, admin1s = _context(doc, gaz, actors, mentions)
    _apposition(doc, mentions)
    chosen = _resolve(mentions, countries, admin1s)
    places = []
    for m in mentions:
        place = chosen.get(id(m))
        if place is None:
            continue
        places.append({"text": m.text, "start": m.start, "end": m.end, "name": place.name,
                       "country": place.country, "lat": round(place.lat, 5),
                       "lon": round(place.lon, 5), "geonameid": place.geonameid})
    return places


# -- candidates -------------------------------------------------------------------------------

def _candidates(doc, gaz) -> list[_Mention]:
    mentions: list[_Mention] = []
    claimed = [False] * len(doc)
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_ENTS:
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
    open_word = [not claimed[k] and (capitalized[k] or text.lower() in NAME_INNER_WORDS)
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
    mentions.sort(key=lambda m: m.start)
    return mentions


def _parts(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of an entity split at commas and "and" ("Pandi, Bulacan")."""
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
    while s < e and (doc[s].lower_ in LEADING_DROP or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in (".",)
                     or doc[e - 1].lower_ in ("'s", "\u2019s", "'")):
        e -= 1
    return s, e


def _span_text(doc, s: int, e: int) -> str:
    return doc[s:e].text


def _lookup_tokens(doc, s: int, e: int, gaz) -> list[Place]:
    text = _span_text(doc, s, e)
    found = gaz.lookup(text)
    if not found and text.endswith("."):  # "Calif." kept its period; "Bulacan." did not
        found = gaz.lookup(text[:-1])
    if found and fold(text) in gaz.demonyms:
        return []
    return found


def _match_in(doc, s: int, e: int, gaz) -> _Mention | None:
    """The whole (trimmed) entity part if the gazetteer knows it, else its longest name."""
    s, e = _trim(doc, s, e)
    if s >= e:
        return None
    found = _lookup_tokens(doc, s, e, gaz)
    if found:
        return _mention(doc, s, e, found, "entity")
    if e - s > 1 and doc[e - 1].lower_ in GENERIC_SUFFIXES:
        # "Dallas County", "Nyanza Province": the named place, as near as the gazetteer has
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
        # "Centennial Park", "Nueva Ecija": a city name inside a longer name is another place.
        found = [p for p in found if p.kind != "city"]
        if not found:
            return None
    return _mention(doc, i, j, found, "entity")


def _longest_at(doc, i: int, gaz, open_word, capitalized, ent_of) -> _Mention | None:
    """A gazetteer name starting at token i, outside spaCy's place entities: the longest
    run of open words (unclaimed, capitalized or "of"-like) ending in a capital."""
    run_end = i
    limit = min(sentence_bounds(doc)[1][i], i + gaz.max_tokens)
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
            if ent.label_ in NON_PLACE_ENTS:
                return None
            if (ent.start, ent.end) == (i, j):
                found = _mislabelled(found, ent.label_, _locative_cue(doc, i, j))
            else:  # a country inside a name ("the U.S. Centers for Disease Control")
                found = [p for p in found if p.kind == "country"]
        elif doc[i].pos_ != "PROPN" and doc[j - 1].pos_ != "PROPN":
            continue
        else:
            found = [p for p in found if p.kind != "city" or p.population >= SURE_CITY_POPULATION
                     or (p.primary and _locative_cue(doc, i, j))]
        if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j - 1].dep_ == "compound":
            # "Marburg virus", "Reston ebolavirus": a name modifying a noun, not a place
            found = [p for p in found if p.kind != "city"]
        if found:
            return _mention(doc, i, j, found, "token")
    return None


def _mislabelled(found: list[Place], label: str, cue: bool) -> list[Place]:
    """A whole PERSON/ORG entity read as a place only when it is a well-known one, or
    when the text says it is a place ("in Nottingham", "the town of Garissa")."""
    floor = 0 if cue else MISLABEL_MIN_POPULATION.get(label, SURE_CITY_POPULATION)
    return [p for p in found if p.kind != "city" or p.population >= SURE_CITY_POPULATION
            or (p.primary and p.population >= floor)]


def _locative_cue(doc, i: int, j: int) -> bool:
    """"in Pandi", "near Malakal", "Pandi, Bulacan": the text itself says this is a place."""
    if i > 0 and doc[i - 1].lower_ in LOCATIVE_PREPS:
        return True
    if j + 1 < len(doc) and doc[j].text == "," and _capitalized(doc[j + 1].text):
        return True
    return i > 1 and doc[i - 1].text == "," and doc[i - 2].ent_type_ in PLACE_ENTS


def _mention(doc, s: int, e: int, found: list[Place], source: str) -> _Mention:
    span = doc[s:e]
    return _Mention(span.start_char, span.end_char, span.text, list(found), source,
                    token_start=s, token_end=e)


def _capitalized(text: str) -> bool:
    return bool(text) and text[0].isupper()


# -- context ----------------------------------------------------------------------------------

def _context(doc, gaz, actors, mentions) -> tuple[Counter, set]:
    """Countries and (country, admin1 code) pairs the article names unambiguously."""
    countries: Counter = Counter()
    admin1s: set = set()
    for m in mentions:
        kinds = {p.kind for p in m.candidates}
        nations = {p.country for p in m.candidates if p.kind == "country"}
        if len(nations) == 1 and len(m.candidates) == 1 or kinds == {"country"}:
            countries.update(nations)
        divisions = [p for p in m.candidates if p.kind == "admin1"]
        if len(divisions) == 1 and "country" not in kinds:
            d = divisions[0]
            countries[d.country] += 1
            if d.admin1:
                admin1s.add((d.country, d.admin1))
        cities = [p for p in m.candidates if p.kind == "city"]
        if len(m.candidates) == 1 and cities and cities[0].population >= \
                CONTEXT_CITY_MIN_POPULATION:
            countries[cities[0].country] += 1
    for ent in doc_ents(doc):
        if ent.label_ == "NORP":
            key = fold(ent.text)
            iso3 = gaz.demonyms.get(key) or gaz.demonyms.get(key.rstrip("s"))
            if iso3:
                countries[iso3] += 1
    if actors is not None and hasattr(actors, "countries"):
        countries.update(actors.countries())
    return countries, admin1s


def _actor_use(doc, m: _Mention) -> bool:
    """Whether the name stands where an actor stands ("Washington said", "Tehran's reply",
    "talks between Washington and Tehran" are actors; "in Cairo", "leaving Cairo" are not):
    the actor coder's metonyms are left out only then."""
    tok = doc[m.token_start:m.token_end].root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("by", "between", "with", "against")


def _inside(p: Place, q: Place) -> bool:
    """Whether city p lies in country or division q."""
    if p.kind != "city" or p.country != q.country:
        return False
    return q.kind == "country" or (q.kind == "admin1" and bool(q.admin1) and q.admin1 == p.admin1)


def _apposition(doc, mentions: list[_Mention]) -> None:
    """"Pandi, Bulacan": a name followed by ", X" is read as lying inside X; "Washington
    state", "the state of Washington": the division, not the city."""
    by_start = {m.start: m for m in mentions}
    text = doc_text(doc)
    for m in mentions:
        after = doc[m.token_end].lower_ if m.token_end < len(doc) else ""
        before = doc[max(0, m.token_start - 2):m.token_start].text.lower()
        if after in DIVISION_WORDS or before.split(" ")[0] in DIVISION_WORDS and \
                before.endswith(" of"):
            for idx, p in enumerate(m.candidates):
                if p.kind == "admin1":
                    m.bonus[idx] = APPOSITION_BONUS
        k = m.end
        if k < len(text) and text[k] == ",":
            k += 1
            while k < len(text) and text[k] == " ":
                k += 1
            nxt = by_start.get(k)
            if nxt is None:
                continue
            for idx, q in enumerate(nxt.candidates):  # "Atlanta, Georgia": the state
                if q.kind != "city" and any(_inside(p, q) for p in m.candidates):
                    nxt.bonus[idx] = APPOSITION_BONUS
            for idx, p in enumerate(m.candidates):
                if p.kind != "city":
                    continue
                for q in nxt.candidates:
                    if q.kind == "country" and q.country == p.country or (
                            q.kind == "admin1" and q.country == p.country
                            and q.admin1 and q.admin1 == p.admin1):
                        m.bonus[idx] = APPOSITION_BONUS
                        break


# -- resolution -------------------------------------------------------------------------------

def _score(p: Place, countries: Counter, admin1s: set) -> float:
    if p.kind == "city":
        score = CITY_POP_WEIGHT * math.log10(p.population + 1)
        if p.population >= BIG_CITY_POPULATION:
            score += BIG_CITY_BONUS
        if p.capital:
            score += CAPITAL_BONUS
        score = min(score, CITY_SCORE_CAP)
        if not p.primary:
            score -= ALTNAME_PENALTY
    else:
        score = KIND_SCORE.get(p.kind, 80.0)
        if p.kind != "country" and p.country and not countries.get(p.country):
            score -= DIVISION_OUT_OF_CONTEXT
    if p.country and countries.get(p.country):
        score += CONTEXT_COUNTRY_BONUS
    if p.admin1 and (p.country, p.admin1) in admin1s and p.kind == "city":
        score += CONTEXT_ADMIN1_BONUS
    return score


def _resolve(mentions: list[_Mention], countries: Counter, admin1s: set) -> dict:
    """One reading per name across the article: the candidate with the best summed score."""
    groups: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        groups[fold(m.text)].append(m)
    chosen = {}
    for group in groups.values():
        totals: dict[Place, float] = defaultdict(float)
        for m in group:
            for idx, p in enumerate(m.candidates):
                totals[p] += _score(p, countries, admin1s) + m.bonus.get(idx, 0.0)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], -kv[0].population))
        for m in group:
            for p, _ in ranked:
                if m.source == "suffix" and p.kind == "city" and not countries.get(p.country):
                    continue
                if p in m.candidates:
                    chosen[id(m)] = p
                    break
    return chosen
