"""The cue lexicon (data/quote_cues.tsv): which verbs and phrases introduce reported speech."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "quote_cues.tsv"


@dataclass(frozen=True)
class CueLexicon:
    """Verb lemmas by class (speech, request, thought, evidence) and multi-word phrases."""

    verbs: dict[str, str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]

    def verb_class(self, lemma: str) -> str | None:
        return self.verbs.get(lemma.lower())


@functools.lru_cache(maxsize=1)
def lexicon() -> CueLexicon:
    """Read the packaged lexicon once per process."""
    verbs: dict[str, str] = {}
    nouns: set[str] = set()
    phrases: list[str] = []
    text = DATA.read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, kind, cls = (line.split("\t") + ["", ""])[:3]
        if kind == "verb":
            verbs[cue.strip().lower()] = cls.strip() or "speech"
        elif kind == "noun":
            nouns.add(cue.strip().lower())
        else:
            phrases.append(cue.strip().lower())
    return CueLexicon(verbs, frozenset(nouns), tuple(phrases))
