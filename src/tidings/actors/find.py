"""The actor stage: find, code, link and group the actors of one parsed article.

1. pieces and runs (``mentions``): lexicon terms and name entities, joined into noun phrases;
2. coding (``coding``, ``context``, ``metonyms``): each run's kind, country and sector; a
   capital where an actor stands is its government, elsewhere a place;
3. identity (``identity``, ``linking``): every name of one person gets one key ("Hillary
   Clinton", "Mrs. Clinton"); appositions and definite descriptions join the person they
   describe; titles without a country borrow the country of the institution just named;
4. grouping (``grouping``): mentions of one actor merged;
5. setting (``setting``): domestic actors without a country take the story's (sentence,
   dateline, main country, in that order);
6. codes: countries as of the publication date (``lexicon.country_on``), CAMEO codes;
7. coreference (``coref``): pronouns and descriptions that stand for an actor join its
   mentions.
"""
from __future__ import annotations

import bisect

from tidings.actors import coref, lexicon
from tidings.actors.coding import code_run
from tidings.actors.context import coordinated_modifier, party_state, right_context
from tidings.actors.grouping import code_of, group_mentions
from tidings.actors.identity import person_keys
from tidings.actors.linking import apply_appositions, borrow_countries, link_descriptions, \
    mark_quoted
from tidings.actors.mentions import Mention, Piece, find_pieces, find_runs
from tidings.actors.metonyms import city_actors, is_locative
from tidings.actors.setting import place_in_sentences, settle_countries, settle_possessed
from tidings.actors.table import ActorTable
from tidings.nlp.doctext import sentence_spans
from tidings.records import Context


def find_actors(ctx: Context) -> ActorTable:
    """Find, code and group the actors of one parsed article."""
    doc, published = ctx.doc, ctx.published_iso
    pieces = find_pieces(doc, lexicon.load(), published)
    sent_starts = [start for start, _ in sentence_spans(doc)]  # no Span per sentence
    mentions = _code_runs(doc, pieces, sent_starts, published)
    taken = [(m.start, m.end) for m in mentions]
    mentions.extend(m for m in city_actors(doc, pieces, sent_starts)
                    if not any(m.start < e and s < m.end for s, e in taken))
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        m.country = lexicon.country_on(m.country, published)
        if m.country and m.country_from is None:
            m.country_from = "own"
    mark_quoted(doc, mentions)
    person_keys(doc, mentions)
    apply_appositions(doc, mentions)
    link_descriptions(mentions)
    borrow_countries(mentions)
    place_in_sentences(doc, mentions)
    actors = group_mentions(mentions)
    unowned = settle_countries(doc, actors, mentions)
    table = ActorTable(actors, {(m.start, m.end) for m in mentions if m.metonym})
    coref.attach(doc, table)
    settle_possessed(doc, table, unowned)
    for actor in actors:
        actor.country = lexicon.country_on(actor.country, published)
        actor.code = code_of(actor.country, actor.sector, actor.igo_code)
    return table


def _code_runs(doc, pieces: list[Piece], sent_starts: list[int],
               published: str | None) -> list[Mention]:
    """The mentions of every run, in text order; capitals used as places are left out."""
    mentions: list[Mention] = []
    piece_at = {p.start: p for p in pieces}
    previous: list[Piece] | None = None
    for run in find_runs(doc, pieces):
        if len(run) == 1 and run[0].kind == "capital" and is_locative(doc, run[0]):
            continue
        sent_index = bisect.bisect_right(sent_starts, run[0].start) - 1
        found = code_run(doc, run, sent_index, published)
        if len(found) == 1 and found[0].kind != "country":
            right_context(doc, run, found[0], piece_at)
            party_state(doc, run, found[0])
            shared = coordinated_modifier(doc, previous, run, found[0])
            if shared is not None:
                mentions[-1:] = [shared] if mentions and mentions[-1].start == \
                    doc[previous[0].start].idx else mentions[-1:] + [shared]
        mentions.extend(found)
        previous = run
    return mentions
