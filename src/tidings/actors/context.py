"""What the words just around a coded run add to its mention.

After it, "in", "of" or "from" and a country or organization give the country (and a
leader's sector), and so does a party letter and state after a legislator's name ("Sen.
Ann Roe (R-Tex.)"); before it, a demonym joined by "and" shares its title.
"""
from __future__ import annotations

import re

from tidings.actors.coding import COUNTRY_KINDS, without_article
from tidings.actors.mentions import Mention, Piece
from tidings.actors.placenames import division_country, modifier_country
from tidings.data import words
from tidings.nlp.doctext import doc_text


def coordinated_modifier(doc, previous: list[Piece] | None, run: list[Piece],
                         mention: Mention) -> Mention | None:
    """"Danish and Latvian diplomats": the first demonym shares the title after "and"."""
    if not previous or len(previous) != 1 or previous[0].kind != "adjective":
        return None
    if run[0].kind != "adjective" or mention.sector is None:
        return None
    gap = doc[previous[0].end:run[0].start]
    if not gap or not all(t.lower_ in words("demonym_coordinators") for t in gap):
        return None
    span = doc[previous[0].start:previous[0].end]
    country = previous[0].term.country
    key = ("group", country, mention.sector) + tuple(mention.key[3:]) \
        if mention.key[0] == "group" else ("group", country, mention.sector, mention.role)
    return Mention(span.start_char, span.end_char, mention.kind,
                   f"{span.text} {doc[run[-1].start:run[-1].end].text}", country,
                   mention.sector, key, sentence=mention.sentence, role=mention.role,
                   plural=mention.plural)


def right_context(doc, run: list[Piece], mention: Mention, piece_at: dict) -> None:
    """"farmers' unions in Chile", "Foreign Minister of Latvia", "speaker of the Storting",
    "a spokesman for Hamas": a country or organization after in/of/from (an organization
    after "for" too, for its spokesmen and officials) gives the country (and a leader's or a
    spokesman's sector)."""
    end = run[-1].end
    if end >= len(doc) or doc[end].lower_ not in ("in", "of", "from", "to", "for"):
        return
    j = end + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    piece = piece_at.get(j)
    if piece is None or piece.term is None:
        if doc[end].lower_ == "in" and not mention.person_tokens and mention.kind != "person":
            _in_place(doc, j, mention)  # "police in Mombasa": a city the lexicon lacks
        return
    if doc[end].lower_ == "to":
        if piece.kind in COUNTRY_KINDS and mention.role in words("abroad_roles"):
            # "the Syrian ambassador to Washington": one noun phrase; the host country is
            # where the envoy serves, not whose envoy it is
            mention.end = doc[piece.end - 1].idx + len(doc[piece.end - 1])
        return
    speaks_for = doc[end].lower_ in ("for", "from") and mention.role in words("member_titles")
    if doc[end].lower_ == "for" and not (speaks_for and piece.kind == "org"):
        return  # "the envoy for Syria" is nobody's envoy there; "a spokesman for Hamas" is
    if piece.kind in COUNTRY_KINDS and mention.country is None and (
            doc[end].lower_ != "in" or mention.role not in words("abroad_roles")):
        if doc[end].lower_ == "of":  # "Foreign Minister of Latvia": one noun phrase
            mention.end = doc[piece.end - 1].idx + len(doc[piece.end - 1])
        mention.country = piece.term.country
    elif piece.kind == "org" and (doc[end].lower_ == "of" or speaks_for):
        _of_organization(doc, piece, mention)
    else:
        return
    if not mention.person_tokens:
        mention.name = without_article(doc_text(doc)[mention.start:mention.end])
    if mention.key[0] == "group":
        mention.key = ("group", mention.country, mention.sector) + mention.key[3:]


def _in_place(doc, j: int, mention: Mention) -> None:
    """"police in Mombasa": the place named after "in" (a place-name entity read by
    ``placenames.modifier_country``) gives a group or institution its country."""
    if mention.country is not None or j >= len(doc) or doc[j].ent_type_ not in ("GPE", "LOC"):
        return
    k = j
    while k < len(doc) and doc[k].ent_type_ == doc[j].ent_type_ and doc[k].ent_iob_ != "O" \
            and (k == j or doc[k].ent_iob_ == "I"):
        k += 1
    country = modifier_country(doc[j:k].text)
    if country:
        mention.country = country
        if mention.key[0] == "group":
            mention.key = ("group", country, mention.sector) + mention.key[3:]


def _of_organization(doc, piece: Piece, mention: Mention) -> None:
    """"chairman of the Rotary Club": the organization's country, and a leader leads it."""
    mention.country = mention.country or piece.term.country
    mention.end = doc[piece.end - 1].idx + len(doc[piece.end - 1])
    acts_for = words("leader_titles") | words("member_titles")
    if mention.role in acts_for and piece.term.sector and piece.term.country != "IGO":
        # "speaker of the Storting" leads a legislature (LEG), "a spokesman for Hamas"
        # speaks for it; the president of an international body keeps a government title
        mention.sector = piece.term.sector
    if piece.term.country == "IGO":
        mention.igo_code = piece.term.igo_code


# "R-Tex.", "D-Calif", "Fla.": a party letter (optional) and a state, as US papers put them in
# brackets or commas after a legislator's name.
_PARTY_STATE = re.compile(r"^(?:[RDI] ?- ?)?(?P<state>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)$")
# Most tokens inside such a note: "R", "-", "N.", "Y.", and a state's second word.
PARTY_NOTE_TOKENS = 5


def party_state(doc, run: list[Piece], mention: Mention) -> None:
    """"Sen. Ann Roe (R-Tex.)", "Rep. Tom Hale, D-Calif., said": the state after a titled
    person's name gives the state's country."""
    if mention.kind != "person" or mention.country is not None or not mention.role:
        return
    j = run[-1].end
    if j >= len(doc) or doc[j].text not in ("(", ","):
        return
    closer = ")" if doc[j].text == "(" else ","
    k = j + 1
    while k < len(doc) and k - j <= PARTY_NOTE_TOKENS and doc[k].text != closer:
        k += 1
    if k >= len(doc) or doc[k].text != closer or k == j + 1:
        return
    note = _PARTY_STATE.match(doc[j + 1:k].text.replace(" - ", "-").replace(" -", "-"))
    if note is None or (closer == "," and "-" not in doc[j + 1:k].text):
        return  # after a comma only "R-Tex." is a note; "Roe, Texas, ..." may be a list
    country = division_country(note.group("state"))
    if country:
        mention.country, mention.country_from = country, "own"
