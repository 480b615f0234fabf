"""Who is who, in context: the country of an unqualified domestic actor.

"Police", "the army", "troops", "the government", "the ministry", "protesters", "officials",
"lawmakers", "guerrillas" - and titled people such as "Foreign Minister Don Ellis" - often
come without a country of their own; a reader takes it from the story. So does the coder,
from the first of these that gives one, in this order:

1. **its own words**: a demonym, a country, a place before or after it, an organization of
   one country ("Ugandan police", "police in Kampala", "Kampala police", "Hamas fighters"),
   or the person whose troops or spokesman it is ("Hun Sen's troops": that person's
   country) - coding.py, context.py;
2. **the same institution named earlier (or later) with its country**: "Turkish police ...
   the police" are one actor (grouping.py);
3. **the sentence**: a place the actor's own clause happens in ("In Kampala, police fired
   tear gas", "police fired tear gas at students in Kampala"), when the clause names places
   of one country only. Only for groups and institutions: people travel ("the minister
   spoke in Nairobi" says nothing of the minister's country);
4. **the dateline** ("KAMPALA, Uganda (AP) -", "NICOSIA, August 8 (Xinhua) --");
5. **the article's one main country**: the country its actors' mentions name at least
   ``MAIN_MIN_MENTIONS`` times and ``MAIN_LEAD`` times as often as any other;
6. **the title itself**, for titles one country's press uses of its own office holders
   ("Sen.", "Rep.": title_countries.tsv), when nothing above gave a country.

Domestic actors are the titles whose sector is in ``domestic_sectors`` (government,
military, police, legislature, opposition, rebels, civilians ...), never those that sit
abroad (``abroad_roles``: ambassadors, embassies, envoys). A named person without a title
("Ana Lopez said") takes no country from context: foreigners are named in every story.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from tidings import data
from tidings.actors import lexicon
from tidings.actors.mentions import Mention
from tidings.actors.placenames import modifier_country
from tidings.data import words
from tidings.nlp.doctext import doc_ents, doc_text
from tidings.nlp.folding import fold

# How many mentions the article's main country needs, and how many times as many as the
# next country: a story about one country names it throughout; a story of two (talks,
# a war) has no main country, and then only the dateline speaks.
MAIN_MIN_MENTIONS = 3
MAIN_LEAD = 1.5
# How far into the text a dateline may start: after a headline and a byline, on the first
# lines, never in the body.
DATELINE_REACH_CHARS = 400

# "O'SMACH, Cambodia (AP)_", "WASHINGTON, August 11 (Xinhua) --", "MOSCOW (AP) -": a place
# in capitals at the start of a line, then a country or state or a date, then the agency in
# brackets and/or a dash.
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][A-Z'\u2019.\- ]*[A-Z.])"
    r"(?:,[ \t]*(?P<rest>[A-Z][A-Za-z.' \-]{1,40}?))?"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:(?P<agency>\([A-Za-z .\-]{1,30}\))[ \t]*(?:--|_|-|\u2014|\u2013|:)?|"
    r"(?:--|_|\u2014|\u2013))")


def dateline_country(doc) -> str | None:
    """The country of the dateline that opens the story, if there is one."""
    return _dateline(doc)[0]


def _dateline(doc) -> tuple[str | None, int, int]:
    """(the dateline's country, its start and end: 0, 0 without one). A dateline from a
    seat of international organizations ("BRUSSELS", "UNITED NATIONS") gives no country."""
    text = doc_text(doc)[:DATELINE_REACH_CHARS]
    for match in _DATELINE.finditer(text):
        city = match.group("city").strip()
        if len(city.replace(" ", "")) < 3 or not any(c.isalpha() for c in city):
            continue
        if city.lower() in words("international_datelines"):
            return None, match.start(), match.end()
        rest = (match.group("rest") or "").strip()
        for name in (rest, rest + "." if rest and not rest.endswith(".") else ""):
            country = _named_country(name) if name else None
            if country:
                return country, match.start(), match.end()
        return _named_country(city.title()), match.start(), match.end()
    return None, 0, 0


def _named_country(text: str) -> str | None:
    """The country a name or a first-level division names ("Cambodia", "Calif.")."""
    key = tuple(lexicon.tokenize_key(text))
    for term in lexicon.load().terms.get(key, []):
        if term.kind in ("country", "capital") and term.country:
            return term.country
    return modifier_country(text) if text[:1].isupper() else None


def main_country(mentions: list[Mention], start: int = 0, end: int = 0) -> str | None:
    """The one country the article is about, counted over the mentions that name one
    outside the dateline ``start``-``end`` (its news agency is not what the story is
    about)."""
    counts = Counter(m.country for m in mentions if not start <= m.start < end and
                     m.country and m.country != "IGO" and m.country_from == "own")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MAIN_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < MAIN_LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def is_domestic(m: Mention) -> bool:
    """An actor whose country a story's setting may give: a title of a domestic sector."""
    if m.country or m.role is None or m.sector not in words("domestic_sectors"):
        return False
    return m.role not in words("abroad_roles") and \
        not (set(m.role.split()) & words("abroad_roles"))


def _stranger(m: Mention) -> bool:
    """A perpetrator the story does not know ("the bombers", "gunmen", "terrorists"): where
    the story is set or reported from does not say who they are (they may take the country
    of the place their own clause names: step 3)."""
    return bool(set(m.role.split()) & words("stranger_roles"))


def sentence_country(doc, m: Mention) -> str | None:
    """The one country of the places the actor's clause happens in: the places after a
    locative preposition anywhere in the clause the actor belongs to ("In Kampala, police
    fired tear gas", "police barred the crowd from the consulate in downtown Kampala").
    Groups and institutions only: one person in a place may be visiting it."""
    if m.person_tokens or (m.kind == "person" and not m.plural):
        return None
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    found = set()
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in words("locative_prepositions"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                country = _place_country(doc, obj)
                if country:
                    found.add(country)
    return found.pop() if len(found) == 1 else None


def place_in_sentences(doc, mentions: list[Mention]) -> None:
    """Step 3 of the order, before the mentions are grouped: a domestic group or
    institution without a country takes the one country of its clause's places."""
    for m in mentions:
        if m.country is None and is_domestic(m):
            country = sentence_country(doc, m)
            if country:
                m.country, m.country_from = country, "sentence"
                if m.key[0] == "group":
                    m.key = ("group", country) + tuple(m.key[2:])


def _place_country(doc, token) -> str | None:
    """The country of a place named by this token's noun phrase ("downtown Kampala")."""
    place = next((t for t in token.subtree if t.ent_type_ in ("GPE", "LOC")), None)
    if place is None:
        return None
    ent = next((e for e in doc_ents(doc) if e.start <= place.i < e.end), None)
    return _named_country(ent.text if ent is not None else place.text)


def settle_countries(doc, actors: list, mentions: list[Mention]) -> dict:
    """Give each domestic actor without a country the first country its setting gives
    (steps 3-6 of the module's order), then each possessed actor ("Hun Sen's troops") the
    country of its owner. An actor owned by a pronoun ("its citizens") waits for
    coreference (``settle_possessed``): returned is the country its setting would give it,
    for when coreference finds no owner."""
    dateline, dateline_start, dateline_end = _dateline(doc)
    main = main_country(mentions, dateline_start, dateline_end)
    pending = {}
    for actor in actors:
        if actor.country is None and any(r.owner_pronoun for r in actor.records):
            pending[actor.id] = _setting_country(actor, dateline, main)
        elif actor.country is None and not any(r.owner for r in actor.records):
            actor.country = _setting_country(actor, dateline, main)
    persons = [a for a in actors if a.kind == "person" and a.country]
    for actor in actors:
        owner = next((r.owner for r in actor.records if r.owner), None)
        if actor.country is not None or not owner:
            continue
        found = {a.country for a in persons if any(
            _contains(r.person_tokens, owner) for r in a.records if r.person_tokens)}
        if len(found) == 1:
            actor.country = found.pop()
        else:
            actor.country = _setting_country(actor, dateline, main)
    return pending


def _setting_country(actor, dateline: str | None, main: str | None) -> str | None:
    """The country steps 4-6 give a domestic actor: the dateline's, the article's main
    country, or the one country its titles name; None for anything else."""
    domestic = [r for r in actor.records if is_domestic(r)]
    if not domestic or all(_stranger(r) for r in domestic):
        return None
    titled = {title_countries().get(r.role) for r in domestic} - {None}
    return dateline or main or (titled.pop() if len(titled) == 1 else None)


def _contains(full: tuple, part: tuple) -> bool:
    n = len(part)
    return any(full[k:k + n] == part for k in range(len(full) - n + 1))


@functools.lru_cache(maxsize=1)
def title_countries() -> dict[str, str]:
    """Titles one country's press gives its own office holders, to that country."""
    return {fold(row["title"]): row["country"] for row in data.tsv("title_countries.tsv")}


def settle_possessed(doc, table, fallback: dict | None = None) -> None:
    """"his aides", "their troops" without a country: the country of whoever the possessive
    pronoun stands for (coreference, after the rest of the stage), else ``fallback``'s (the
    setting's, from ``settle_countries``)."""
    from tidings.actors.coref import antecedents

    for actor in table.actors:
        if actor.country is not None:
            continue
        _possessed(doc, table, actor, antecedents)
        if actor.country is None and fallback:
            actor.country = fallback.get(actor.id)


def _possessed(doc, table, actor, antecedents) -> None:
    """The country of the one owner a possessive pronoun of ``actor`` stands for."""
    for r in actor.records:
        if r.owner_pronoun is None or not is_domestic(r):
            continue
        span = doc.char_span(*r.owner_pronoun)
        owners = antecedents(doc, table, span[0]) if span is not None else []
        if len(owners) == 1 and owners[0].country:
            actor.country = owners[0].country
            return
