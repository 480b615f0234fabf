"""Trigger lexicon (data/event_patterns.tsv): which token starts which CAMEO event.

A pattern names a lemma and, optionally, a particle/preposition it must govern and a set of
complement lemmas one of which must be present ("impose ... sanctions" = 163, "impose ...
curfew" = 1723). The most specific matching pattern wins; ties go to the earlier row.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from tidings import data
from tidings.data import words
from tidings.nlp.syntax import is_time_phrase

VERB_POS = data.words("trigger_verb_pos")
NOUN_POS = data.words("trigger_noun_pos")
_VERB_COMP_DEPS = data.words("verb_comp_deps")
_NOUN_COMP_DEPS = data.words("noun_comp_deps")
_CORE_DEPS = data.words("core_comp_deps")
_STANCE_DEPS = ("acomp", "prep")  # "is satisfied with", "are against"


@dataclass(frozen=True)
class Pattern:
    kind: str
    lemma: str
    prep: frozenset | None
    comp: frozenset | None
    cameo: str

    @property
    def specificity(self) -> int:
        return (self.prep is not None) + (self.comp is not None)


@dataclass
class Lexicon:
    verbs: dict
    nouns: dict
    light: set
    frames: dict  # lemma -> [(prefix, code)] longest prefix first
    topic: set = field(default_factory=set)  # verbs whose direct object is a topic, not a side
    heads: set = field(default_factory=set)  # nouns an event noun can modify ("mediation mission")
    # frames read only with a particle ("look forward to"): lemma -> the particles
    frame_particles: dict = field(default_factory=dict)
    # stances told by an adjective or preposition after a copula ("is satisfied with")
    stances: dict = field(default_factory=dict)

    def frame_code(self, lemma: str, embedded: str) -> str | None:
        """The code a frame verb takes from its embedded act's code, or None."""
        for prefix, code in self.frames.get(lemma, []):
            if prefix == "*" or embedded.startswith(prefix):
                return None if code == "-" else code  # "-": the embedded act stands alone
        return None


def _set(cell: str) -> frozenset | None:
    return None if cell == "-" else frozenset(cell.split("|"))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon({}, {}, set(), {})
    for row in data.tsv("event_patterns.tsv"):
        kind, lemma, prep, comp, cameo = (row[c] for c in ("kind", "lemma", "prep", "comp", "cameo"))
        if kind == "L":
            lex.light.add(lemma)
        elif kind == "T":
            lex.topic.add(lemma)
        elif kind == "H":
            lex.heads.add(lemma)
        elif kind == "F":
            pairs = [tuple(p.split(":")) for p in cameo.split(",")]
            lex.frames[lemma] = sorted(pairs, key=lambda p: -len(p[0]) if p[0] != "*" else 99)
            if prep != "-":
                lex.frame_particles[lemma] = _set(prep)
        else:
            table = {"V": lex.verbs, "N": lex.nouns, "A": lex.stances}[kind]
            table.setdefault(lemma, []).append(Pattern(kind, lemma, _set(prep), _set(comp), cameo))
    return lex


@functools.lru_cache(maxsize=1)
def _lemma_fixes() -> dict[str, str]:
    """Verb forms the lemmatizer gets wrong ("staged" -> "stag"), mapped to their verb."""
    return {row["form"]: row["lemma"] for row in data.tsv("verb_lemma_fixes.tsv")}


@functools.lru_cache(maxsize=1)
def wrong_lemmas() -> frozenset[str]:
    """Lemmas the lemmatizer gives a listed form ("stag"): only these need a second look."""
    return frozenset(row["given"] for row in data.tsv("verb_lemma_fixes.tsv"))


def lemma(tok) -> str:
    """The token's lemma, lower-cased, with the lemmatizer's known slips mended; a verb the
    tokenizer split at its hyphen ("co-sponsored": "co", "-", "sponsored") is read whole
    ("cosponsor") when the lexicon has the whole verb."""
    found = tok.lemma_.lower()
    if found in wrong_lemmas():
        return _lemma_fixes().get(tok.lower_, found)
    if found in prefixed_bases() and tok.i >= 2:
        dash, prefix = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
        if dash.text == "-" and not dash.whitespace_ and not prefix.whitespace_ \
                and prefix.lower_ + found in lexicon().verbs:
            return prefix.lower_ + found
    return found


@functools.lru_cache(maxsize=1)
def prefixed_bases() -> frozenset[str]:
    """Verb lemmas the lexicon has with a prefix the tokenizer splits off at a hyphen
    ("sponsor" for "cosponsor", "operate" for "cooperate")."""
    return frozenset(verb[len(p):] for verb in lexicon().verbs for p in words("split_verb_prefixes")
                     if verb.startswith(p) and len(verb) > len(p) + 2)


def preps_of(tok) -> set[str]:
    """Particles and prepositions, leaving out time phrases ("called X on Friday")."""
    return {lemma(c) for c in tok.children if c.dep_ in ("prt", "prep", "agent")
            and not any(g.dep_ == "pobj" and is_time_phrase(g) for g in c.children)}


def core_comps_of(tok) -> set[str]:
    """Complements proper (object, to-verb), which outrank prepositional and adverbial ones
    when two patterns match ("suspended aid because of fighting" is about aid)."""
    return {lemma(c) for c in tok.children if c.dep_ in _CORE_DEPS}


def comps_of(tok) -> set[str]:
    """Lemmas that can satisfy a pattern's comp column."""
    found = set()
    deps = _VERB_COMP_DEPS if tok.pos_ in VERB_POS else _NOUN_COMP_DEPS
    for child in tok.children:
        if child.dep_ in deps:
            found.add(lemma(child))
            if child.dep_ == "dobj" and child.ent_type_ == "GPE":
                found.add("@gpe")  # "admit Poland": an object named as a country
            found.update(lemma(g) for g in child.children
                         if g.dep_ in ("dobj", "compound", "amod", "pobj"))
            # "part of a food aid package", "a state of siege", "3 million euros of aid":
            # the "of" object names what the quantity or kind word stands for
            for of in (g for g in child.children if g.dep_ == "prep" and g.lower_ == "of"):
                for obj in (g for g in of.children if g.dep_ == "pobj"):
                    found.add(lemma(obj))
                    found.update(lemma(g) for g in obj.children if g.dep_ in ("compound", "amod"))
        if child.dep_ in ("prep", "prt", "agent"):
            found.update(lemma(g) for g in child.children if g.dep_ == "pobj")
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        found.add(lemma(tok.head))  # "a poll released Monday": the noun is the object
    return found


def copular_stance(tok) -> bool:
    """Is ``tok`` an adjective or preposition said of a copula's subject ("X is satisfied
    with Y's help", "X are against Y's expansion")?"""
    return tok.dep_ in _STANCE_DEPS and tok.head.lemma_.lower() == "be" \
        and tok.pos_ in words("stance_pos")


def foreign_modifier(tok) -> bool:
    """A word the tagger read as foreign (X) modifying a listed head noun: "coup" in "a
    coup d'etat", which it tags as two foreign words more often than not."""
    return tok.pos_ == "X" and tok.dep_ in ("compound", "nmod") and lemma(tok.head) in lexicon().heads


def match(tok) -> Pattern | None:
    """The best pattern for ``tok`` as a verb, nominal or copular-stance trigger, or None."""
    lex = lexicon()
    if tok.lower_ in lex.stances and copular_stance(tok):
        candidates = lex.stances.get(tok.lower_, [])
    elif tok.pos_ in VERB_POS:
        candidates = lex.verbs.get(lemma(tok), [])
    elif tok.pos_ in NOUN_POS or foreign_modifier(tok):
        candidates = lex.nouns.get(lemma(tok), [])
    else:
        return None
    if not candidates:
        return None
    preps, comps, core = preps_of(tok), comps_of(tok), core_comps_of(tok)
    best, best_rank = None, (-1, -1)
    for pat in candidates:
        if pat.prep is not None and not (pat.prep & preps):
            continue
        if pat.comp is not None and not (pat.comp & comps):
            continue
        rank = (pat.specificity, int(pat.comp is not None and bool(pat.comp & core)))
        if rank > best_rank:
            best, best_rank = pat, rank
    return best
