"""The place stage: the article's locations, each resolved to one gazetteer place.

1. candidates: spaCy GPE/LOC/FAC entities (or the gazetteer names inside them), plus
   capitalized token runs the gazetteer knows that spaCy left out or mislabelled;
2. place names used as actors ("Ottawa said": ``actors.metonyms``) and demonyms
   ("Kenyan") are left out;
3. context: the countries and first-level divisions the article names (its unambiguous
   place mentions, the dateline, NORP demonyms, the actors' countries);
4. resolution: each name's candidates scored by kind (country, division, town), population,
   the context and the towns other names of the article denote nearby; a name keeps one
   reading across the article, except where the text calls a mention a division;
5. usage: a place the article never uses as a location is none of its places: "US troops",
   "Iran said" and "discussed Iran" are not locations (``usage``); "in Iraq", "near Donetsk"
   and a dateline are. A place the article does use as a location is listed at each of its
   mentions, each with its ``use``: ``location`` where that mention says where something
   is, ``named`` where the name stands for the state or its people ("Iraq said" in a story
   that also says "in Iraq"); events take their place from ``location`` mentions only. A
   place whose only location use is the possessor of a place that is no location itself
   ("Israel's northern border could be guarded") is listed there but not at its named
   mentions ("Israel said").
   Every mention still gave its context in step 3.
"""
from __future__ import annotations

import re

from tidings.actors.lexicon import country_on
from tidings.data import words
from tidings.places import gazetteer
from tidings.places.candidates import Toponym, find_toponyms
from tidings.places.resolution import article_context, mark_appositions, resolve, \
    stands_as_actor
from tidings.places.unlisted import held_unlisted
from tidings.places.usage import is_location, place_noun, qualifies_place
from tidings.nlp.doctext import doc_ents, doc_text, token_texts
from tidings.records import Context, Place

# A dateline: names, commas and periods, then a parenthesis or a dash ("MANILA, Philippines
# (AP) -", "COLUMBIA, Ky. (WBKO) -"), within 40 characters of the start of its line.
_DATELINE = re.compile(r"([A-Z][A-Za-z .,'\u2019-]{0,40}?)\s*(?:\(|\u2014|\u2013|--?\s|_)")
# List every mention of a place the article uses as a location, those that stand for the
# state ("Iraq said") marked ``use: named``; False lists the ``location`` mentions only.
# Measured (issue 13's note): listing them keeps geoparsing recall near what it was
# (GeoVirus and TR-News annotate every mention of a name, "Sweden's minister" included) at
# some cost in place precision on the annotated dev corpus, which counts only locations.
LIST_NAMED_MENTIONS = True
# A name in capitals opening a line is a dateline even without the dash ("DETROIT The U.S.
# Transportation Department"); shorter ones are acronyms ("US troops", "U.S. envoy").
MIN_CAPS_DATELINE = 4


def find_places(ctx: Context) -> list[Place]:
    """The article's locations, each with its resolved place (see the module docstring)."""
    doc, actors = ctx.doc, ctx.actors
    gaz = gazetteer.load()
    mentions = find_toponyms(doc, gaz)
    metonyms = list(getattr(actors, "metonyms", None) or ())
    if metonyms:
        mentions = [m for m in mentions
                    if not stands_as_actor(doc[m.token_start:m.token_end].root)
                    or _owns_place(doc, m, mentions)
                    or not any(s < m.end and m.start < e for s, e in metonyms)]
    if not mentions:
        return []
    datelines = dateline_mentions(doc, mentions)
    countries, admin1s = article_context(doc, gaz, actors, mentions, datelines)
    mark_appositions(doc, mentions, gaz)
    chosen = resolve(mentions, countries, admin1s)
    # names the gazetteer lacks that the text places ("Pingilikani, Kenya": places.unlisted)
    mentions = sorted(mentions + held_unlisted(doc, mentions, chosen, gaz), key=lambda m: m.start)
    place_tokens = {i for m in mentions for i in range(m.token_start, m.token_end)}
    uses = {}
    holders = _holders(doc, mentions, chosen)
    for m in mentions:
        place = chosen.get(id(m))
        if place is not None:
            uses[id(m)] = "location" if id(m) in holders or is_location(
                doc, m, place, place_tokens, id(m) in datelines) else "named"
    located = {chosen[id(m)] for m in mentions if uses.get(id(m)) == "location"}
    # places the story is set in: a location mention other than the possessor of a place
    # that is no location itself ("Israel's northern border could be guarded": usage.
    # qualifies_place); only these have their named mentions listed
    settings = {chosen[id(m)] for m in mentions if uses.get(id(m)) == "location"
                and (id(m) in datelines or not qualifies_place(doc, m, place_tokens))}
    for m in _echoes(doc, mentions, chosen, located, metonyms):
        chosen[id(m)] = m.candidates[0]
        uses[id(m)] = "named"
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    places = []
    for m in mentions:
        place = chosen.get(id(m))
        if place is None or place not in located:
            continue  # a name the article never uses as a location ("US troops", "Iran said")
        if uses[id(m)] == "named" and (not LIST_NAMED_MENTIONS or place not in settings):
            continue
        division = gaz.division(place.country, place.admin1)
        text, start = _with_article(doc_text(doc), m, place)
        places.append(Place(
            # the country as of the story's date: Pristina in 1998 was in Serbia
            text, start, m.end, place.name, country_on(place.country, ctx.published_iso),
            round(place.lat, 5),
            round(place.lon, 5), place.geonameid, feature=place.kind,
            admin1_name=division.name if division else None,
            admin1_code=(division.iso or division.geonames) if division else None,
            admin1_geonames=division.geonames if division else None,
            use=uses[id(m)], dateline=id(m) in datelines))
    return places


def _owns_place(doc, m: Toponym, mentions: list[Toponym]) -> bool:
    """A possessor of a place or a facility ("London's Heathrow", "Cairo's Abbasiya
    district"): where it is, even where the actor stage reads a possessor as an actor."""
    root = doc[m.token_start:m.token_end].root
    if root.dep_ != "poss":
        return False
    tokens = {i for x in mentions for i in range(x.token_start, x.token_end)}
    return place_noun(root.head, tokens)


def _with_article(text: str, m: Toponym, place) -> tuple[str, int]:
    """The mention with the article that belongs to the place's name ("THE HAGUE", "the
    Bronx"): the name is "The Hague", not "Hague"."""
    before = text[max(0, m.start - 4):m.start]
    if place.name.lower().startswith("the ") and before.lower() == "the " \
            and not m.text.lower().startswith("the "):
        return before + m.text, m.start - 4
    return m.text, m.start


# A character that continues a word before a name ("Ottawa" in "SouthOttawa", "A.Ottawa").
_NAME_BEFORE = re.compile(r"[\w.-]")


def _echoes(doc, mentions: list[Toponym], chosen: dict, located: set,
            metonyms: list) -> list[Toponym]:
    """Further mentions of a place the article uses as a location, under the very name it
    used, where the candidate search passed them over: inside an organization's name ("the
    Edmonton Traders' Association") or tagged as something else; not where the actor stage
    read it as an actor ("Ottawa said", step 2); a name a dateline gives in capitals, in its
    usual case. One name keeps one sense in a story; these are listed as ``named`` mentions
    (never an event's place). Not inside a name spaCy tags as a person, group, event or work
    ("Jordan" in "Michael Jordan", "Steele said")."""
    names = {}
    for m in mentions:
        name = m.text
        if name.isupper() and sum(c.isalpha() for c in name) >= MIN_CAPS_DATELINE:
            name = name.title()  # "TORRINGTON —" in the dateline, "Torrington" in the story
        if chosen.get(id(m)) in located and _capitalized_name(name):
            names.setdefault(name, chosen[id(m)])
    if not names:
        return []
    taken = [False] * len(doc)
    for m in mentions:
        for i in range(m.token_start, m.token_end):
            taken[i] = True
    persons = set()  # tokens of names of other kinds: people, groups, events, works
    for ent in doc_ents(doc):
        if ent.label_ not in words("place_echo_ents"):
            persons.update(range(ent.start, ent.end))
    text = doc_text(doc)
    found = []
    for name, place in names.items():
        # the name first and the left edge checked after: a pattern that opens with the
        # name is found by a fast literal search, one that opens with a look-behind is tried
        # at every character (a tenth of the places stage's time)
        for hit in re.finditer(re.escape(name) + r"(?![\w-])", text):
            if hit.start() and _NAME_BEFORE.match(text, hit.start() - 1):
                continue
            span = doc.char_span(hit.start(), hit.end())
            if span is None or any(taken[i] or i in persons for i in range(span.start, span.end)) \
                    or any(a < hit.end() and hit.start() < b for a, b in metonyms):
                continue
            for i in range(span.start, span.end):
                taken[i] = True
            found.append(Toponym(hit.start(), hit.end(), name, [place], "echo",
                                 token_start=span.start, token_end=span.end))
    return found


def _capitalized_name(text: str) -> bool:
    return bool(text) and text[0].isupper() and not text.isupper()


def _holders(doc, mentions: list[Toponym], chosen: dict) -> set[int]:
    """Mentions that say where the place just before them lies: "Baghdad, Iraq", "Moshi,
    Kilimanjaro" (a town or division, a comma, then the country or division holding it),
    whatever the parser made of the pair. An enumeration ("Moscow, Kiev") holds nothing: the
    second place must contain the first."""
    found = set()
    for prev, m in zip(mentions, mentions[1:]):
        inner, outer = chosen.get(id(prev)), chosen.get(id(m))
        if inner is None or outer is None or inner.kind == "country" or inner is outer:
            continue
        # only a comma between them (a Span's text made of one token: no Span built)
        if m.token_start - prev.token_end != 1 or token_texts(doc)[prev.token_end] != "," \
                or outer.country != inner.country:
            continue
        if outer.kind == "country" or (outer.kind == "admin1" and outer.admin1
                                       and outer.admin1 == inner.admin1):
            found.add(id(m))
    return found


def dateline_mentions(doc, mentions: list[Toponym]) -> set[int]:
    """The mentions of the story's dateline ("BAGHDAD (AP) -", "MANILA, Philippines -",
    "COLUMBIA, Ky. (WBKO) -", "BANTAM —"): names opening one of the first lines, in capitals,
    or in a run of names that ends in a parenthesis or a dash ("Russia, Ukraine sign plan" is
    a headline, not a dateline)."""
    text = doc_text(doc)
    found: set[int] = set()
    for m in mentions:
        line_start = text.rfind("\n", 0, m.start) + 1
        if text.count("\n", 0, m.start) > 2:
            break  # past the headline and the first paragraph
        if text[line_start:m.start].strip().lower() not in ("", "the"):
            continue
        head = _DATELINE.match(text, line_start)
        if head is None and not (m.text.isupper() and
                                 sum(c.isalpha() for c in m.text) >= MIN_CAPS_DATELINE):
            continue
        end = head.end(1) if head else m.end
        inside = [x for x in mentions if line_start <= x.start and x.end <= end]
        rest = text[line_start:end]
        for x in reversed(inside):
            rest = rest[:x.start - line_start] + rest[x.end - line_start:]
        if re.sub(r"(?i)\bthe\b|[\s,.]", "", rest):
            continue  # other words: a headline ("U.S. envoy flies in - officials")
        found.update(id(x) for x in inside)
        break
    return found
