"""Place names standing as actors: a capital for its government, a city for its people.

"Ottawa said" is Canada's government; "leaving Ottawa" is a place. A city that is the
subject of a clause ("Gdansk welcomed the team") stands for its people.
"""
from __future__ import annotations

import bisect

from tidings.actors.mentions import Mention, Piece
from tidings.nlp.doctext import doc_ents, doc_text
from tidings.actors.placenames import safe_city
from tidings.nlp.syntax import first_conjunct
from tidings.places.resolution import stands_as_actor


def is_locative(doc, piece: Piece) -> bool:
    """A capital is a place unless it stands where an actor does: subject, possessive,
    agent, or the object of by/between/with/against ("Ottawa objected", "Nairobi's
    reply", "talks between Ottawa and Nairobi"); "leaving Lima" stays a place."""
    span = doc[piece.start:piece.end]
    head = first_conjunct(span.root)
    follows = doc[piece.end].text if piece.end < len(doc) else ""
    if span.text.isupper() and follows in (",", "-", "\u2014", "\u2013", "(") \
            and _starts_line(doc, piece):
        return True  # a dateline ("OSLO, Norway (Reuters) -") is a place
    if stands_as_actor(head):
        return False
    if head.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in head.sent) \
            and not (head.i + 1 < len(doc) and doc[head.i + 1].text in (",", "-", "(")):
        return False  # a bare name ("Nairobi"), not a dateline ("NAIROBI, Jan 3 -")
    return True


def _starts_line(doc, piece: Piece) -> bool:
    """The piece (or "the" before it) opens the text or a line."""
    first = doc[piece.start - 1] if piece.start > 0 and doc[piece.start - 1].lower_ == "the" \
        else doc[piece.start]
    text = doc_text(doc)
    return text[:first.idx].rstrip(" ")[-1:] in ("", "\n")


def city_actors(doc, pieces: list[Piece], sent_starts: list[int]) -> list[Mention]:
    """A city standing where an actor does ("Gdansk was flooded", "Gdansk welcomed the
    team") stands for its people: country of the city, sector CVL. Capitals are
    governments (handled as country terms); cities after a preposition are places."""
    covered = {i for p in pieces for i in range(p.start, p.end)}
    found = []
    for ent in doc_ents(doc):
        if ent.label_ != "GPE" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        root = ent.root
        if root.dep_ == "pobj" or (root.dep_ == "compound" and root.head.pos_ == "PROPN"):
            continue
        city = safe_city(ent.text)
        if city is None:
            continue
        sent_index = bisect.bisect_right(sent_starts, ent.start) - 1
        found.append(Mention(ent.start_char, ent.end_char, "group", city.name, city.country,
                             "CVL", ("city", city.name), sentence=sent_index))
    return found
