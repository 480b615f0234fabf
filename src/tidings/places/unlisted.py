"""Places the gazetteer lacks that the text itself places: "Pingilikani, Kenya", "Greenlane,
Auckland", "the village of Cellardyke in Fife". A name followed by ", X" or "in X", where X
is a place the article names, is a place inside X when the text also says it is a place
("the village of" comes before it, or spaCy tags it GPE or LOC before the comma).
It is placed at X's point, the smallest unit the text gives, with the feature kind
``approximate`` and no GeoNames id: the point says where it is to within X's size.
"""
from __future__ import annotations

from tidings.data import words
from tidings.places.candidates import Toponym
from tidings.places.gazetteer import GeoName

APPROXIMATE = "approximate"
# The kinds of place whose point stands for a place inside it. Towns and second-level
# divisions are small; a first-level division or a country can be hundreds of kilometres
# across, and geoparsing counts a point more than 161 km away as wrong. Measured on GeoVirus
# (score_geo.py): with countries 1848 recognised, 1687 within 161 km; without, 1846 and 1686
# (with countries, the country after the comma is a location too: "Pingilikani, Kenya").
HOLDER_KINDS = frozenset({"city", "admin2", "admin1", "country"})
# An unlisted name is at most this many tokens ("Mukuru kwa Njenga" aside, most are one or
# two words); a longer capitalized run is a title or an organisation.
MAX_NAME_TOKENS = 3


def held_unlisted(doc, mentions: list[Toponym], chosen: dict, gaz) -> list[Toponym]:
    """New mentions for unlisted names placed by the mention after them; each carries one
    candidate, the approximate place (``chosen`` is filled for them too). A name the
    gazetteer knows was left out on purpose (an actor, a demonym) and stays out."""
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    found = []
    for m in mentions:
        holder = chosen.get(id(m))
        if holder is None or holder.kind not in HOLDER_KINDS or m.token_start < 2:
            continue
        sep = doc[m.token_start - 1]
        if sep.text != "," and sep.lower_ != "in" or not _holds(doc[m.token_start:m.token_end]):
            continue
        start = _name_start(doc, m.token_start - 1, taken)
        if start is None or not _said_to_be_place(doc, start, m.token_start - 1,
                                                  sep.text == ","):
            continue
        span = doc[start:m.token_start - 1]
        if gaz.lookup(span.text) or _inside_place(doc[m.token_start - 2]):
            continue
        place = GeoName(span.text, APPROXIMATE, holder.country, holder.lat, holder.lon,
                        admin1=holder.admin1 if holder.kind != "country" else None)
        new = Toponym(span.start_char, span.end_char, span.text, [place], "unlisted",
                      token_start=start, token_end=m.token_start - 1)
        chosen[id(new)] = place
        taken.update(range(start, m.token_start - 1))
        found.append(new)
    return _same_name_same_place(found, chosen)


def _holds(span) -> bool:
    """The name after the comma places the one before it: not the subject of a new clause
    ("According to Smith, China agreed"), a possessor ("Smith, Iran's envoy") nor a
    modifier of a noun after it ("Bourelle, Mount Royal Mayor Philippe Roy")."""
    dep, doc = span.root.dep_, span.doc
    if span.end < len(doc) and doc[span.end].lower_ in words("possessive_endings"):
        return False  # "Soleimani, Iran's top general": a possessor, not a holder
    return dep not in words("subject_deps") and dep not in ("compound", "amod", "poss")


def _name_start(doc, end: int, taken: set[int]) -> int | None:
    """The first token of the capitalized proper-name run just before token ``end``; None
    where there is none, or it is part of a known place or of a longer run."""
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS and _name_token(doc[start - 1], taken) \
            and not (start < end and doc[start].is_sent_start):
        start -= 1
    if start == end or not all(t.is_alpha or t.text in ("-", "'") for t in doc[start:end]):
        return None  # no name, or a code ("H5N1")
    if start > 0 and not doc[start].is_sent_start and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].pos_ == "PROPN":
        return None  # a longer name, or a surname after a given name ("Georges Bourelle")
    return start


def _inside_place(last) -> bool:
    """A street, a park, a jail ("Seaton Street, Leeds", "South Regional Jail"): a place
    inside the town, no town of its own."""
    lemma = last.lemma_.lower()
    return lemma in words("street_words") or lemma in words("place_facility_nouns")


def _name_token(token, taken: set[int]) -> bool:
    return token.i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper() \
        and token.ent_type_ not in words("unlisted_name_ents")


def _said_to_be_place(doc, start: int, end: int, comma: bool) -> bool:
    """"The village of" comes before the name ("the town of Pangandaran in West Java"), or,
    before a comma, spaCy tags the whole name a town or a region (GPE, LOC; not FAC:
    streets, zoos and jails are inside places, not places of their own). Before "in" a tag
    is not enough: "the killing of Soleimani in Baghdad" names a person there."""
    if start > 1 and doc[start - 1].lower_ == "of" \
            and doc[start - 2].lemma_.lower() in words("settlement_nouns"):
        return True
    return comma and all(t.ent_type_ in words("unlisted_place_ents") for t in doc[start:end])


def _same_name_same_place(found: list[Toponym], chosen: dict) -> list[Toponym]:
    """One name, one place across the article: a later mention of the same unlisted name
    under another holder keeps the first one's point."""
    first: dict[str, GeoName] = {}
    for m in found:
        place = first.setdefault(m.text, chosen[id(m)])
        chosen[id(m)] = place
        m.candidates = [place]
    return found
