"""Links between mentions: what one mention tells about another nearby.

A name followed by ", title," is coded by the title; an unnamed singular title next to a
named person of the same sector is that person; a titled name without a country borrows
the country of the institution named just before it.
"""
from __future__ import annotations


from tidings.actors.mentions import Mention
from tidings.data import words
from tidings.nlp.doctext import doc_text
from tidings.nlp.marks import quoted_regions

# How far (in sentences) a description ("the country's most senior judge") looks for the
# named person it describes: the sentence before or after, as news writing introduces people.
DESCRIPTION_WINDOW = 1
# How many sentences back a countryless title looks for the country of its institution
# ("The Finance Ministry said ... spokesman Piet Janssen added"): two keeps it local.
COUNTRY_LOOKBACK_SENTENCES = 2


def mark_quoted(doc, mentions: list[Mention]) -> None:
    """Flag the mentions inside quotation marks (they lend no country: ``borrow_countries``)."""
    inside = quoted_regions(doc)
    for m in mentions:
        m.quoted = inside(m.start)


def apply_appositions(doc, mentions: list[Mention]) -> None:
    """"Grace Okafor, Nigeria's chief justice," - the title after the comma codes the name,
    and names the same actor."""
    for a, b in zip(mentions, mentions[1:]):
        if a.kind != "person" or b.person_tokens or b.sector is None or b.kind != "person":
            continue
        if doc_text(doc)[a.end:b.start].strip() != ",":
            continue
        if a.sector is None:
            a.sector = b.sector
        if a.country is None:
            a.country = b.country
        b.key = a.key
        b.person_tokens = a.person_tokens
        b.name = a.name


def link_descriptions(mentions: list[Mention]) -> None:
    """A singular, unnamed title ("the judge", "the country's most senior judge") next to
    a named person of the same sector and a compatible country is that person."""
    named = [m for m in mentions if m.kind == "person" and m.person_tokens]
    for m in mentions:
        if m.kind != "person" or m.person_tokens or m.plural or m.sector is None:
            continue
        near = [n for n in named
                if abs(n.sentence - m.sentence) <= DESCRIPTION_WINDOW
                and n.sector in (m.sector, None)
                and (n.country is None or m.country is None or n.country == m.country)]
        if not near:
            continue
        before = [n for n in near if n.start < m.start]
        target = before[-1] if before else near[0]
        m.key, m.person_tokens, m.name = target.key, target.person_tokens, target.name


def borrow_countries(mentions: list[Mention]) -> None:
    """A titled name without a country ("spokesman Piet Janssen") takes the country of the
    nearest earlier institution of the same sector ("The Finance Ministry said") in the last
    sentences: spokespeople and officials speak for the institution just named. Only
    institutions lend a country: a person or a group nearby is too weak a signal."""
    for i, m in enumerate(mentions):
        if m.country is not None or m.sector is None or m.kind != "person" or \
                m.role not in words("speaks_for_roles"):
            continue
        for prev in reversed(mentions[:i]):
            if m.sentence - prev.sentence > COUNTRY_LOOKBACK_SENTENCES:
                break
            if prev.kind == "organization" and prev.country and prev.sector == m.sector \
                    and not prev.quoted:
                m.country = prev.country
                break
