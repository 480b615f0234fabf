"""The cue lexicon (data/quote_cues.tsv): which verbs and phrases introduce reported speech."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from tidings.data import tsv, words


@dataclass(frozen=True)
class CueLexicon:
    """Verb lemmas by class (speech, request, intent, thought, evidence) and multi-word phrases."""

    verbs: dict[str, str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    # the lemmatizer's slips on cue verbs ("hoped" -> "hop"), read as the cue they stand for
    slips: dict[str, str]

    def verb_class(self, lemma: str) -> str | None:
        lemma = lemma.lower()
        return self.verbs.get(lemma) or self.verbs.get(self.slips.get(lemma, ""))

    def verbs_of(self, *classes: str) -> frozenset[str]:
        """The verb lemmas of the given classes."""
        return frozenset(verb for verb, cls in self.verbs.items() if cls in classes)


@functools.lru_cache(maxsize=1)
def lexicon() -> CueLexicon:
    """Read the packaged lexicon once per process."""
    verbs: dict[str, str] = {}
    nouns: set[str] = set()
    phrases: list[str] = []
    classes = words("cue_classes")
    for row in tsv("quote_cues.tsv"):
        cue = row["cue"].lower()
        if row["kind"] == "verb":
            verbs[cue] = row["class"] or "speech"
            if verbs[cue] not in classes:  # a typo would make the verb a cue of no use
                raise ValueError(f"tidings/data/quote_cues.tsv: {cue}: unknown class {verbs[cue]!r}")
        elif row["kind"] == "noun":
            nouns.add(cue)
        else:
            phrases.append(cue)
    # a wrong lemma of a cue verb ("hop" for "hoped") reads as that cue, unless a cue itself
    slips = {row["given"]: row["lemma"] for row in tsv("verb_lemma_fixes.tsv")
             if row["lemma"] in verbs and row["given"] not in verbs}
    return CueLexicon(verbs, frozenset(nouns), tuple(phrases), slips)
