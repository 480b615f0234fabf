"""One person, one actor: the names an article gives one person, joined under one key.

1. An office holder is keyed by the lexicon's name for them: "Trump", "Donald Trump" and
   "Donald J. Trump" are one person (``coding`` gives them that key).
2. A shorter name whose words are a run of a longer name's ("Clinton", "Mrs. Clinton",
   "Bunchhay") is that person: the nearest one named before it, else the first one named
   after it (headlines and ledes often give the surname first). A courtesy title's gender
   ("Mr.", "Mrs.") leaves out a person the article has given the other one: "Mrs. Clinton"
   after "Bill Clinton" and "Hillary Clinton" is Hillary when Bill was "Mr. Clinton".
3. A name the entity recognizer called an organization ("Okafor said") joins the person of
   that name.

Appositions ("Clinton, the former secretary of State,") and definite descriptions ("the
judge") are joined to the person afterwards (``linking``), using the keys set here.
"""
from __future__ import annotations

import functools

from tidings import data
from tidings.actors.mentions import Mention


def person_keys(doc, mentions: list[Mention]) -> None:
    """Give every mention of one named person the same key (rules 2 and 3)."""
    _set_genders(doc, mentions)
    named = [m for m in mentions if m.kind == "person" and m.person_tokens]
    full: dict[tuple, list[Mention]] = {}
    for m in named:
        full.setdefault(m.key, []).append(m)
    genders = {key: {m.gender for m in group if m.gender} for key, group in full.items()}
    longest = {key: max((_bare(g.person_tokens) for g in group), key=len)
               for key, group in full.items()}
    by_word: dict[str, list[tuple]] = {}  # a name word -> the keys of names holding it
    for key, name in longest.items():
        for word in set(name):
            by_word.setdefault(word, []).append(key)
    for m in mentions:
        if not m.person_tokens or m.holder or (m.kind != "person" and not (
                m.kind == "organization" and (m.country is None or len(m.person_tokens) == 1))):
            continue  # an ORG entity of one word may be a surname ("American Ritter")
        candidates = by_word.get(_bare(m.person_tokens)[0], ()) if m.person_tokens else ()
        key = _fuller_name(m, {k: full[k] for k in candidates}, genders, longest)
        if key is None:
            continue
        if m.kind == "organization":  # spaCy's ORG for a bare surname ("Okafor said")
            m.kind, m.sector = "person", None
        m.key = key


def _fuller_name(m: Mention, full: dict[tuple, list[Mention]], genders: dict[tuple, set],
                 longest: dict[tuple, tuple]) -> tuple | None:
    """The key of the longer name this one is part of (rule 2), or None."""
    tokens = _bare(m.person_tokens)
    before, after = None, None
    for key, group in full.items():
        name = longest[key]
        if key == m.key or len(name) <= len(tokens) or not _contains(name, tokens):
            continue
        if m.gender and genders[key] and m.gender not in genders[key]:
            continue
        for g in group:
            if g.start < m.start and (before is None or g.start > before[0]):
                before = (g.start, key)
            elif g.start > m.start and (after is None or g.start < after[0]):
                after = (g.start, key)
    chosen = before or after
    return chosen[1] if chosen else None


def _bare(tokens: tuple) -> tuple:
    """Name tokens without Arabic article prefixes ("al-Rashid" is "Rashid")."""
    return tuple(t[3:] if t.startswith("al-") and len(t) > 3 else t for t in tokens)


def _contains(full: tuple, part: tuple) -> bool:
    n = len(part)
    return any(full[k:k + n] == part for k in range(len(full) - n + 1))


def _set_genders(doc, mentions: list[Mention]) -> None:
    """A courtesy title just before a name ("Mrs. Clinton") or a gendered title ("the
    spokeswoman") gives a person's gender."""
    for m in mentions:
        if m.kind not in ("person", "organization"):
            continue
        if m.role and gender_of(m.role):
            m.gender = gender_of(m.role)
        if not m.person_tokens:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in (span[0], doc[span.start - 1] if span.start > 0 else None):
            if tok is not None and gender_of(tok.lower_):
                m.gender = gender_of(tok.lower_)
                break


@functools.lru_cache(maxsize=1)
def _gender_words() -> dict[str, str]:
    return {row["word"]: row["kind"][0] for row in data.tsv("speaker_words.tsv")
            if row["kind"] in ("male", "female")}


def gender_of(word: str) -> str | None:
    """"m" or "f" for a gendered title or courtesy title ("Mrs.", "spokeswoman")."""
    return _gender_words().get(word)
