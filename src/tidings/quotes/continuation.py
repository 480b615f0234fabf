"""A quote that goes on from reported speech: `The talks may stall, Smith said. "We have
no date yet."` The uncued quote opening the next sentence of the paragraph carries on the
speaker of the reported clause just before it, as it would after a quote of theirs."""
from __future__ import annotations

from tidings.nlp.marks import OPENING_MARKS
from tidings.quotes.attribution import Attribution

# Only the end of the reporting sentence may stand between its cue or clause and the
# quote ("... Smith said of the plan."): a longer stretch is a sentence of the writer's.
MAX_GAP = 40
_SENTENCE_ENDS = ".!?"


def continue_reported(text: str, items: list[Attribution]) -> None:
    """Let each uncued direct quote follow the reported clause (indirect or mixed, with a
    speaker) that ends the sentence right before it in the same paragraph."""
    for k in range(1, len(items)):
        item, prev = items[k], items[k - 1]
        if (item.kind != "direct" or item.cue is not None or item.follows is not None
                or item.speaker_span is not None or item.part_of is not None):
            continue
        if prev.kind == "direct" or prev.speaker_span is None or prev.cue_span is None \
                or prev.mood is not None or prev.cue_class not in ("speech", "thought"):
            continue
        gap = text[max(prev.end, prev.cue_span[1]):item.start]
        body = gap.rstrip(" \t\u00a0" + "".join(OPENING_MARKS))
        if "\n" in gap or len(gap) > MAX_GAP or not body or body[-1] not in _SENTENCE_ENDS \
                or any(ch in _SENTENCE_ENDS for ch in body[:-1]):
            continue
        item.follows = prev
