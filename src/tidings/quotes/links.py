"""Links between events and the quotes they come from.

A speaker's statement can itself be an event ("the bishop condemned ...": 111) or can
report one ("Sylvania said Freedonia had planned to shell the port"). Each event gets
``quote``: the id of the attribution whose cue is its trigger (the speech act itself) or
whose content holds its trigger (the act is only reported), else null; ``quote_role`` says
which ("speech" or "reported"). Each quote gets ``events``: the ids of events linked to it.
"""
from __future__ import annotations

from tidings.records import Event, Quote, Span


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return bool(a and b and a[0] < b[1] and b[0] < a[1])


def link_events_quotes(events: list[Event], quotes: list[Quote]) -> None:
    """Annotate ``events`` and ``quotes`` in place with the links between them."""
    for event in events:
        event.quote, event.quote_role = None, None
        for quote in quotes:
            if _overlaps(event.trigger_span, quote.cue_span):
                role = "speech"
            elif _overlaps(event.trigger_span, (quote.start, quote.end)):
                role = "reported"
            else:
                continue
            event.quote, event.quote_role = quote.id, role
            quote.events.append(event.id)
            break
