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

    def verb_class(self, lemma: str) -> str | None:
        return self.verbs.get(lemma.lower())

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
    # the lemmatizer's slips on cue verbs ("hoped" -> "hop"): the wrong lemma reads as the
    # cue it stands for, unless it is a cue itself
    for row in tsv("verb_lemma_fixes.tsv"):
        if row["lemma"] in verbs and row["given"] not in verbs:
            verbs[row["given"]] = verbs[row["lemma"]]
    return CueLexicon(verbs, frozenset(nouns), tuple(phrases))
