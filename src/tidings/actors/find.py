"""The actor stage: find, code, link and group the actors of one parsed article.

1. pieces and runs (``mentions``): lexicon terms and name entities, joined into noun phrases;
2. coding (``coding``, ``context``, ``metonyms``): each run's kind, country and sector; a
   capital where an actor stands is its government, elsewhere a place;
3. linking (``linking``): appositions and descriptions name the person beside them; titles
   without a country borrow the country of the institution just named;
4. grouping (``grouping``): mentions of one actor merged, bare names joining full ones.
"""
from __future__ import annotations

import bisect

from tidings.actors import lexicon
from tidings.actors.coding import code_run
from tidings.actors.context import coordinated_modifier, right_context
from tidings.actors.grouping import group_mentions
from tidings.actors.linking import apply_appositions, borrow_countries, link_descriptions, \
    mark_quoted
from tidings.actors.mentions import Mention, Piece, find_pieces, find_runs
from tidings.actors.metonyms import city_actors, is_locative
from tidings.actors.table import ActorTable
from tidings.records import Context


def find_actors(ctx: Context) -> ActorTable:
    """Find, code and group the actors of one parsed article."""
    doc, published = ctx.doc, ctx.published_iso
    pieces = find_pieces(doc, lexicon.load(), published)
    sent_starts = [s.start for s in doc.sents]
    mentions = _code_runs(doc, pieces, sent_starts, published)
    taken = [(m.start, m.end) for m in mentions]
    mentions.extend(m for m in city_actors(doc, pieces, sent_starts)
                    if not any(m.start < e and s < m.end for s, e in taken))
    mentions.sort(key=lambda m: m.start)
    mark_quoted(doc, mentions)
    apply_appositions(doc, mentions)
    link_descriptions(mentions)
    borrow_countries(mentions)
    return group_mentions(mentions)


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
            shared = coordinated_modifier(doc, previous, run, found[0])
            if shared is not None:
                mentions[-1:] = [shared] if mentions and mentions[-1].start == \
                    doc[previous[0].start].idx else mentions[-1:] + [shared]
        mentions.extend(found)
        previous = run
    return mentions
