"""The attribution record every stage of the quote finder passes along."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Attribution:
    """One quote before its speaker is resolved.

    ``speaker_span`` is the character span naming the speaker in this attribution (a noun
    phrase, a pronoun, "his office"); ``follows`` points at the attribution whose speaker
    an uncued quote inherits.
    """

    kind: str                                  # direct, indirect, mixed
    start: int
    end: int
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None
    # where the mention names nobody itself ("who", "the ministry's statement"): who it stands for
    named_by: tuple[int, int] | None = None
    follows: "Attribution | None" = None
    fragments: list[tuple[int, int]] = field(default_factory=list)  # quoted parts (mixed)
    cue_class: str = "speech"  # the cue's class in data/quote_cues.tsv
    basis: str = "clause"  # clause, request, object, host, according, noun, quote, colon, bite
    part_of: "Attribution | None" = None  # the mixed quote this quoted fragment belongs to
    mood: str | None = None  # negated ("did not say"), unreal ("to explain", "would say")

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end
