"""Links between mentions: what one mention tells about another nearby.

A name followed by ", title," is coded by the title; an unnamed singular title next to a
named person of the same sector is that person; a titled name without a country borrows
the country of the institution named just before it.
"""
from __future__ import annotations

import re

from tidings.actors.mentions import Mention
from tidings.data import words
from tidings.nlp.doctext import doc_text
from tidings.nlp.folding import fold
from tidings.nlp.marks import quoted_regions

# How far (in sentences) a description ("the country's most senior judge") looks for the
# named person it describes: the sentence before or after, as news writing introduces people.
DESCRIPTION_WINDOW = 1
# How many sentences back a countryless title looks for the country of its institution
# ("The Finance Ministry said ... spokesman Piet Janssen added"): two keeps it local.
COUNTRY_LOOKBACK_SENTENCES = 2


# What may stand between a name and the title in apposition: a comma, and an article the
# title's mention leaves out ("Clinton, the former secretary of State,").
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:(?:the|a|an|The|A|An)\s+)?")


def mark_quoted(doc, mentions: list[Mention]) -> None:
    """Flag the mentions inside quotation marks (they lend no country: ``borrow_countries``)."""
    inside = quoted_regions(doc)
    for m in mentions:
        m.quoted = inside(m.start)


def apply_appositions(doc, mentions: list[Mention]) -> None:
    """"Grace Okafor, Nigeria's chief justice," - the title after the comma codes the name,
    and names the same actor; so does one before it ("the Libyan, Omar Saleh, was
    expelled")."""
    text = doc_text(doc)
    for a, b in zip(mentions, mentions[1:]):
        gap = _APPOSITION_GAP.fullmatch(text[a.end:b.start])
        if gap is None:
            continue
        if a.kind == "person" and a.person_tokens and _demonym(text, b) and \
                gap.group(0).strip(" ,"):
            # "Omar Saleh, a Comorian Muslim, ...": a nationality, not another actor
            if a.country is None:
                a.country, a.country_from = b.country, "own"
            continue
        if a.kind == "person" and a.person_tokens and not b.person_tokens and \
                b.sector is not None and b.kind == "person":
            named, title = a, b
        elif b.kind == "person" and b.person_tokens and not a.person_tokens and \
                (a.kind in ("person", "group") or _demonym(text, a)) and not a.plural and \
                (a.sector is not None or a.country is not None) and \
                b.end < len(text) and text[b.end:b.end + 1] in (",", ")") and \
                _after_article(text, a):
            named, title = b, a
        else:
            continue
        if named.sector is None:
            named.sector = title.sector
        if named.country is None and title.country:
            named.country, named.country_from = title.country, "own"
        title.key, title.kind = named.key, "person"
        title.person_tokens = named.person_tokens
        title.name = named.name
        title.holder = named.holder


def _demonym(text: str, m: Mention) -> bool:
    """A country mention by its demonym used as a noun ("the Libyan", "a Comorian")."""
    return m.kind == "country" and text[m.start:m.end].lower() != m.name.lower()


def _after_article(text: str, m: Mention) -> bool:
    """Does an article open the phrase ("the Libyan, Omar Saleh," - not "Libya, Kenya")?"""
    before = text[max(0, m.start - 4):m.start].lower().split()
    return bool(before) and before[-1] in ("the", "a", "an")


def link_descriptions(mentions: list[Mention]) -> None:
    """A singular definite description ("the judge", "the country's most senior judge")
    is the person last named before it, within ``DESCRIPTION_WINDOW`` sentences, whose
    mentions carry the description's sector and no other country (one titled with the
    description's own title first, wherever named in the window); failing one, the person
    first named in the next sentence (a lede: "The top commander said ... Gen. Ana Ruiz,
    ..."). "A judge" introduces someone new and links to no one; a person named without a
    title gives no sector to match, so no description joins them."""
    profiles: dict[tuple, dict] = {}
    for m in mentions:
        if m.kind == "person" and m.person_tokens:
            profile = profiles.setdefault(m.key, {"sectors": set(), "countries": set(),
                                                  "mentions": [], "first": m.sentence})
            if m.sector:
                profile["sectors"].add(m.sector)
            if m.country:
                profile["countries"].add(m.country)
            profile["mentions"].append(m)
    for m in mentions:
        if m.kind != "person" or m.person_tokens or m.plural or m.sector is None or \
                not m.definite:
            continue
        fits = [key for key, p in profiles.items() if m.sector in p["sectors"] and (
            m.country is None or not p["countries"] or p["countries"] == {m.country})]
        # "President Clinton met Prime Minister Blair ... Blair stood with the president":
        # a person once given the description's own title is the one it means
        titled = [key for key in fits if m.role and any(
            n.role == m.role for n in profiles[key]["mentions"])]
        fits = titled or fits
        before = [(n.start, key) for key in fits for n in profiles[key]["mentions"]
                  if n.start < m.start and m.sentence - n.sentence <= DESCRIPTION_WINDOW]
        if before:
            target = max(before)[1]
        else:
            after = [(n.start, key) for key in fits for n in profiles[key]["mentions"]
                     if profiles[key]["first"] == m.sentence + 1 == n.sentence]
            if not after:
                continue
            target = min(after)[1]
        named = profiles[target]["mentions"][0]
        m.key, m.person_tokens, m.name = target, named.person_tokens, named.name
        m.holder = named.holder


def borrow_countries(mentions: list[Mention]) -> None:
    """A titled name without a country ("spokesman Piet Janssen") takes the country of the
    nearest earlier institution of the same sector ("The Finance Ministry said") in the last
    sentences: spokespeople and officials speak for the institution just named. Only
    institutions lend a country: a person or a group nearby is too weak a signal."""
    abroad = words("abroad_roles")
    for i, m in enumerate(mentions):
        if m.country is not None or m.sector is None or m.kind != "person" or \
                m.role not in words("speaks_for_roles"):
            continue
        for prev in reversed(mentions[:i]):
            if m.sentence - prev.sentence > COUNTRY_LOOKBACK_SENTENCES:
                break
            if prev.kind == "organization" and prev.country and prev.sector == m.sector \
                    and not prev.quoted and prev.role not in abroad and (
                        m.institution is None or m.institution in fold(prev.name)):
                # an embassy sits abroad; "Foreign Ministry spokesman" speaks for a foreign
                # ministry, not for whichever government office was named last
                m.country = prev.country
                m.country_from = "borrowed"
                break
