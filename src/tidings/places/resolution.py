"""Toponym resolution: each name's readings scored by kind, population and the article's
context; a name keeps one reading across the article.

Context is the countries and first-level divisions the article names: its unambiguous place
names, NORP demonyms and the countries of its actors; and the towns another name of the
article may denote within 25 km (the districts of one local story). A mention the text calls
a division ("New York state", "New York Gov.") takes the division there.
"""
from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict

from tidings.data import tsv, words
from tidings.nlp.doctext import doc_ents, doc_text
from tidings.nlp.syntax import first_conjunct
from tidings.places.candidates import Toponym
from tidings.places.gazetteer import Gazetteer, GeoName, fold

# Score of a kind of place missing from place_kind_scores.tsv: below every listed kind.
OTHER_KIND_SCORE = 80.0
# A physical feature (places_physical.tsv) starts from the "physical" kind score, less this
# per step of Natural Earth's scalerank: the Sahara (1) scores 82, a rank-7 island 70 (a town
# of 10 million scores 95, one of 100,000 50).
PHYSICAL_RANK_PENALTY = 2.0
# A division of a country the article never names is less likely (a county named like a
# city, in a story about another country).
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
# Its first-level division is named in the article too (a Springfield with Illinois): per
# mention of the division (a dateline's counts twice), up to two. A story that names the
# state twice is local to it: its Edmonton, Ky. (1,600 people) outranks Edmonton, Alberta.
CONTEXT_ADMIN1_BONUS = 20.0
MAX_ADMIN1_MENTIONS = 2
# "Moshi, Kilimanjaro", "Springfield, Illinois": the next name contains this one.
APPOSITION_BONUS = 40.0
# A city this large is what news means by a name it shares with its own division ("New
# York"): the name's mentions still count as that division's context for it. Smaller ones
# ("Quebec", "Oklahoma") are the division: measured on TR-News and GeoVirus (Quebec and
# Oklahoma right as the division), the dev stories (New York is the city).
METROPOLIS_POPULATION = 1_000_000
# Cities counted as context when their name is unambiguous and they are this large.
CONTEXT_CITY_MIN_POPULATION = 100_000
# Towns this small are left out when judging whether a name is unambiguous (the gazetteer
# before it reached villages stopped here).
CONTEXT_TOWN_MIN_POPULATION = 15_000
# Neighbours: a town within this distance of a town another name of the article may denote
# is supported by it (suburbs and districts of one local story lie this close; the namesakes
# of two big cities seldom do: London, Ontario and Woodstock are 45 km apart).
NEIGHBOUR_KM = 25.0
# The supporting town must be this large (or its name's only reading): nearly every name has
# a hamlet somewhere, and two hamlets lying side by side by chance prove nothing.
NEIGHBOUR_MIN_POPULATION = 15_000
# Enough to lift a district of 80,000 over a city of a million elsewhere ("Edmonton" beside
# "Enfield"), not a capital's namesake over the capital with the country's context.
NEIGHBOUR_BONUS = 40.0
# Grid cell for finding neighbours (degrees; larger than NEIGHBOUR_KM everywhere but the poles).
NEIGHBOUR_CELL_DEG = 0.5
# The dateline says where the story is told from: its country counts as two mentions.
DATELINE_WEIGHT = 2


@functools.lru_cache(maxsize=1)
def _kind_scores() -> dict[str, float]:
    """Kind priors (place_kind_scores.tsv): a name that is a country is nearly always meant
    as the country in news; regions and divisions come next."""
    return {row["kind"]: float(row["score"]) for row in tsv("place_kind_scores.tsv")}


def article_context(doc, gaz: Gazetteer, actors, mentions: list[Toponym],
                    datelines: set[int] = frozenset()) -> tuple[Counter, Counter]:
    """Countries and (country, admin1 code) pairs the article names unambiguously. Towns
    under 15,000 people are left out of this judgement: nearly every name has a hamlet
    somewhere, and "Baghdad" stays unambiguous. A dateline counts twice."""
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    for m in mentions:
        weight = DATELINE_WEIGHT if id(m) in datelines else 1
        candidates = [p for p in m.candidates
                      if p.kind != "city" or p.population >= CONTEXT_TOWN_MIN_POPULATION]
        kinds = {p.kind for p in candidates}
        nations = {p.country for p in candidates if p.kind == "country"}
        if len(nations) == 1 and len(candidates) == 1 or kinds == {"country"}:
            for nation in nations:
                countries[nation] += weight
        divisions = [p for p in candidates if p.kind in ("admin1", "admin2")]
        if len(divisions) == 1 and "country" not in kinds:
            d = divisions[0]
            countries[d.country] += weight
            if d.admin1 and not any(p.kind == "city" and (p.country, p.admin1) ==
                                    (d.country, d.admin1) and p.population <
                                    METROPOLIS_POPULATION for p in m.candidates):
                # "Quebec", "Oklahoma" name the division or a city in it: no evidence for the
                # city (which the division's context would make win); a metropolis keeps it
                admin1s[(d.country, d.admin1)] += weight
        cities = [p for p in candidates if p.kind == "city"]
        if len(candidates) == 1 and cities and (cities[0].population >=
                                                 CONTEXT_CITY_MIN_POPULATION or weight > 1):
            countries[cities[0].country] += weight
    for ent in doc_ents(doc):
        if ent.label_ == "NORP":
            key = fold(ent.text)
            iso3 = gaz.demonyms.get(key) or gaz.demonyms.get(key.rstrip("s"))
            if iso3:
                countries[iso3] += 1
    if actors is not None and hasattr(actors, "countries"):
        countries.update(_actor_countries(actors, mentions))
    return countries, admin1s


def _actor_countries(actors, mentions: list[Toponym]) -> Counter:
    """How often each country is mentioned through the article's actors, leaving out the
    mentions that hold a place name of the article ("an Edmonton man", "Winnipeg police"):
    the actor coder took their country from the name that is being resolved here, by its
    biggest namesake, which would only vouch for itself; nor any other mention of such an
    actor ("an Edmonton school" ... "the school")."""
    if not hasattr(actors, "actors"):
        return actors.countries()
    spans = [(m.start, m.end) for m in mentions]
    counts: Counter = Counter()
    for actor in actors.actors:
        if not actor.country or actor.country == "IGO":
            continue
        if any(a < e and s < b for s, e in actor.mentions for a, b in spans):
            continue  # "an Edmonton school" ... "the school": every mention echoes the name
        referring = getattr(actor, "referring", {}) or {}
        counts[actor.country] += sum((s, e) not in referring for s, e in actor.mentions)
    return counts


def stands_as_actor(token) -> bool:
    """Whether a name stands where an actor stands ("Ottawa said", "Nairobi's reply",
    "talks between Ottawa and Nairobi", "warnings from Moscow" are actors; "in Lima",
    "leaving Lima", "refugees from Lima" are not): subject, possessive or agent, the object
    of by/between/with/against, or of "from" after a message or a messenger. The actor
    coder asks it of capitals; the place stage leaves the actor coder's metonyms out only
    then."""
    head = first_conjunct(token)
    if head.dep_ in words("actor_deps"):
        return True
    if head.dep_ != "pobj":
        return False
    prep = head.head
    return prep.lower_ in words("actor_preps") or (
        prep.lower_ == "from" and prep.head.lemma_.lower() in words("message_words"))



def _inside(p: GeoName, q: GeoName) -> bool:
    """Whether city p lies in country or division q."""
    if p.kind != "city" or p.country != q.country:
        return False
    return q.kind == "country" or (q.kind == "admin1" and bool(q.admin1) and q.admin1 == p.admin1)


def mark_appositions(doc, mentions: list[Toponym], gaz: Gazetteer | None = None) -> None:
    """"Moshi, Kilimanjaro": a name followed by ", X" is read as lying inside X; "Washington
    state", "the state of Washington", "New York Gov.": the division, not the city."""
    by_start = {m.start: m for m in mentions}
    text = doc_text(doc)
    for m in mentions:
        if _division_cue(doc, m):
            _mark_division(m, gaz)
        k = m.end
        if k < len(text) and text[k] == ",":
            k += 1
            while k < len(text) and text[k] == " ":
                k += 1
            nxt = by_start.get(k)
            if nxt is None:
                continue
            for idx, q in enumerate(nxt.candidates):  # "Macon, Georgia": the state
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


def _division_cue(doc, m: Toponym) -> bool:
    """The text says the name is a division: a division word or a division's office just
    after it ("Washington state", "Guerrero state police", "New York Gov."), or "the state
    of X", "the governor of X" just before it."""
    after = doc[m.token_end].lower_ if m.token_end < len(doc) else ""
    if after in words("division_words") or after in words("division_office_words"):
        return True
    if m.token_start < 2 or doc[m.token_start - 1].lower_ != "of":
        return False
    word = doc[m.token_start - 2].lower_
    return word in words("division_words") or word in words("division_office_words")


def _mark_division(m: Toponym, gaz: Gazetteer | None) -> None:
    """A mention the text calls a division takes a division reading, at that mention
    (``Toponym.division``); a division listed by its suffixed forms only ("Guerrero State",
    the bare name being a town's) becomes one of its readings."""
    if gaz is not None and not any(p.kind == "admin1" for p in m.candidates):
        for word in words("division_words"):
            for p in gaz.lookup(f"{m.text} {word}"):
                if p.kind == "admin1" and p not in m.candidates:
                    m.candidates.append(p)
    for idx, p in enumerate(m.candidates):
        if p.kind == "admin1":
            m.bonus[idx] = APPOSITION_BONUS
            m.division = True


def _score(p: GeoName, countries: Counter, admin1s: Counter) -> float:
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
        if p.kind in words("physical_kinds"):
            score = _kind_scores()["physical"] - PHYSICAL_RANK_PENALTY * p.rank
        else:
            score = _kind_scores().get(p.kind, OTHER_KIND_SCORE)
        if p.kind != "country" and p.country and not countries.get(p.country):
            score -= DIVISION_OUT_OF_CONTEXT
    if p.country and countries.get(p.country):
        score += CONTEXT_COUNTRY_BONUS
    if p.admin1 and p.kind in ("city", "admin2"):
        score += CONTEXT_ADMIN1_BONUS * min(admin1s.get((p.country, p.admin1), 0),
                                            MAX_ADMIN1_MENTIONS)
    return score


def _neighbour_support(groups: dict[str, list[Toponym]]) -> dict[GeoName, float]:
    """Towns of the article that lie next to each other: a reading of one name within
    NEIGHBOUR_KM of a reading of another name of the article (a town of NEIGHBOUR_MIN_POPULATION
    or more, or that name's only reading) is what a local story means: "Edmonton" beside
    "Enfield" is the London district, beside "Cairns" the Queensland suburb."""
    cell = {}  # grid cell -> [(group key, place)]
    for key, group in groups.items():
        for p in {p for m in group for p in m.candidates if p.kind == "city"}:
            single = len(group[0].candidates) == 1
            if single or p.population >= NEIGHBOUR_MIN_POPULATION:
                cell.setdefault(_cell(p.lat, p.lon), []).append((key, p))
    support: dict[GeoName, float] = {}
    for key, group in groups.items():
        if any(p.kind in ("country", "admin1") for m in group for p in m.candidates):
            continue  # "Mexico", "New Brunswick": the kind priors decide between these
        for p in {p for m in group for p in m.candidates if p.kind in ("city", "admin2")}:
            ci, cj = _cell(p.lat, p.lon)
            others = {k for di in (-1, 0, 1) for dj in (-1, 0, 1)
                      for k, q in cell.get((ci + di, cj + dj), ()) if k != key
                      and _km(p.lat, p.lon, q.lat, q.lon) <= NEIGHBOUR_KM}
            if others:
                support[p] = NEIGHBOUR_BONUS
    return support


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / NEIGHBOUR_CELL_DEG)), int(math.floor(lon / NEIGHBOUR_CELL_DEG))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * \
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def resolve(mentions: list[Toponym], countries: Counter, admin1s: Counter) -> dict:
    """One reading per name across the article: the candidate with the best summed score."""
    groups: dict[str, list[Toponym]] = defaultdict(list)
    for m in mentions:
        groups[fold(m.text)].append(m)
    chosen = {}
    near = _neighbour_support(groups)
    for group in groups.values():
        totals: dict[GeoName, float] = defaultdict(float)
        for m in group:
            for idx, p in enumerate(m.candidates):
                totals[p] += _score(p, countries, admin1s) + m.bonus.get(idx, 0.0) \
                    + near.get(p, 0.0)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], -kv[0].population))
        for m in group:
            if m.division:  # "New York state": the division at this mention
                ranked_here = [(p, t) for p, t in ranked if p.kind == "admin1"]
            else:
                ranked_here = ranked
            for p, _ in ranked_here:
                if m.source == "suffix" and p.kind == "city" and not countries.get(p.country):
                    continue
                if p in m.candidates:
                    chosen[id(m)] = p
                    break
    return chosen
