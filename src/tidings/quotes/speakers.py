"""Speakers: the span naming who speaks turned into the contract's speaker reference.

A light coreference of the quote finder's own: a pronoun ("he", "they"), a possessive
phrase ("his office") or a definite role phrase ("the spokeswoman", "the ministry") is
resolved to the most salient compatible earlier name (same or nearest sentence first,
subjects before other mentions, gender from titles and from the pronouns already resolved
to that person), and a partial person name ("Okafor") to the fullest name the article gives
("Daniel Okafor"). The coded actor comes from ``actors.at`` where the table has one.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from tidings import data
from tidings.nlp.doctext import doc_ents, doc_text
from tidings.records import Side

# How many sentences back an antecedent may lie (news attributions rarely reach further).
MAX_SENT_BACK = 4
# sentences of distance a known, matching gender is worth against an unknown one
KNOWN_GENDER_BONUS = 1.5
# How far from a definite role phrase ("the spokeswoman") the name it was attached to may
# stand, in characters ("Lucy Grant, a spokeswoman": well inside).
MAX_ROLE_NAME_GAP = 40
PERSON = data.words("person_entity_labels")
GROUP = data.words("speaker_group_labels")
_NAME_PARTICLES = data.words("surname_particles")
_POSSESSIVE_ENDINGS = data.word_list("possessive_endings")


@functools.lru_cache(maxsize=1)
def words() -> dict[str, str]:
    """data/speaker_words.tsv: word -> kind (male, female, pron-m, pron-f, pron-p, pron-n, first)."""
    return {row["word"].lower(): row["kind"] for row in data.tsv("speaker_words.tsv")}


@dataclass
class Candidate:
    """A named mention that a later pronoun may refer to."""

    start: int
    end: int
    sent: int
    name: str
    kind: str          # person, group
    subject: bool


def _name_parts(name: str) -> list[str]:
    """Name words without particles ("al-Rashid" -> "rashid"), for matching surnames."""
    return [word for word in name.lower().replace("-", " ").split() if word not in _NAME_PARTICLES]


def _strip_det(text: str) -> str:
    for det in ("the ", "The "):
        if text.startswith(det):
            return text[len(det):]
    return text


class SpeakerResolver:
    """Resolves speaker spans of one article, in text order."""

    def __init__(self, doc, actors):
        self.doc = doc
        self.text = doc_text(doc)
        self.actors = actors
        self.words = words()
        self.sent_starts = [s.start_char for s in doc.sents]
        self.full: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        self.candidates: list[Candidate] = []
        self._index_names()

    # ------------------------------------------------------------------ names
    def _sent_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def _index_names(self) -> None:
        persons = [e for e in doc_ents(self.doc) if e.label_ in PERSON]
        texts = [self._clean_name(e.text) for e in persons]
        parts_of = {name: _name_parts(name) for name in texts}
        for name in texts:
            parts = parts_of[name]
            best = name
            for other in texts:
                o = parts_of[other]
                if len(o) > len(parts_of[best]) and parts and o[-len(parts):] == parts:
                    best = other
            self.full[name] = best
        for ent in doc_ents(self.doc):
            if ent.label_ not in PERSON | GROUP:
                continue
            kind = "person" if ent.label_ in PERSON else "group"
            name = self.full.get(self._clean_name(ent.text), self._clean_name(ent.text))
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ in ("compound", "appos") and ent.root.head.dep_ in ("nsubj", "nsubjpass"))
            self.candidates.append(Candidate(ent.start_char, ent.end_char, self._sent_of(ent.start_char),
                                             name, kind, subject))
            if kind == "person":
                g = self._title_gender(ent)
                if g and name not in self.gender:
                    self.gender[name] = g
        self.candidates.sort(key=lambda c: c.start)

    @staticmethod
    def _clean_name(text: str) -> str:
        text = text.strip()
        for suffix in _POSSESSIVE_ENDINGS:
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        return _strip_det(text).strip()

    def _title_gender(self, ent) -> str | None:
        """The gender a title or role word just before or in a name gives ("Ms. Lopez")."""
        doc = self.doc
        return self._role_gender(doc[max(0, ent.start - 3):min(ent.end + 1, len(doc))])

    # ------------------------------------------------------------------ resolve
    def resolve(self, span: tuple[int, int] | None) -> Side:
        """The speaker named by a speaker span (an unnamed one for none)."""
        if span is None:
            return Side(None, None)
        s, e = span
        toks = self.doc.char_span(s, e, alignment_mode="expand")
        pron = self._pronoun(toks)
        if pron is None and self.actors is not None and toks is not None and len(toks):
            hit = self.actors.at(s, e)
            # the actor must name the phrase's head: "Sylvania's top judge" is not Sylvania
            if hit is not None and hit[1][0] <= toks.root.idx < hit[1][1]:
                return self._fullest(hit[0]).ref((s, e))
        name, where = None, None
        if pron is not None:
            cand = self._antecedent(s, pron)
            if cand is not None:
                name, where = cand.name, (cand.start, cand.end)
                if cand.kind == "person" and pron in ("pron-m", "pron-f"):
                    self.gender.setdefault(cand.name, "m" if pron == "pron-m" else "f")
        else:
            name, where = self._named(toks)
        if where is not None and self.actors is not None:
            hit = self.actors.at(*where)
            if hit is not None:
                return self._fullest(hit[0]).ref((s, e))
        if name is None:
            name = _strip_det(self.text[s:e]).strip()
        return Side(None, name, mention=(s, e))

    def fullest_name(self, name: str) -> str:
        """The longest person name of the article ending in ``name``'s words."""
        name = self._clean_name(name)
        if name in self.full:
            return self.full[name]
        parts, best = _name_parts(name), name
        names = list(self.full.values())
        if self.actors is not None:
            names += [a.name for a in self.actors if a.kind == "person"]
        for other in names:
            o = _name_parts(other)
            if len(o) > len(_name_parts(best)) and parts and o[-len(parts):] == parts:
                best = other
        self.full[name] = best
        return best

    def _fullest(self, actor):
        """The actor of the fullest name for a person the table holds twice ("Okafor" and
        "Daniel Okafor")."""
        if actor.kind not in ("person", "organization") or " " in actor.name.strip():
            return actor  # only a bare surname can stand for a fuller name
        full = self.fullest_name(actor.name)
        if full and full != actor.name:
            for other in self.actors:
                if other.name == full and other.kind == "person":
                    return other
        return actor

    def _pronoun(self, toks) -> str | None:
        """The pronoun kind when the speaker span is a pronoun or "his office"-like."""
        if toks is None or len(toks) == 0:
            return None
        first = self.words.get(toks[0].lower_)
        if first and first.startswith("pron") and (len(toks) == 1 or toks[0].dep_ == "poss"):
            return first
        if (len(toks) <= 3 and toks[0].lower_ == "the" and not any(t.ent_type_ for t in toks)
                and toks[-1].pos_ == "NOUN"):
            return "definite"
        return None

    def _named(self, toks) -> tuple[str | None, tuple[int, int] | None]:
        if toks is None:
            return None, None
        root = toks.root
        # the name must head the phrase: "Sylvania's top judge" is not Sylvania
        start, end = getattr(toks, "start", 0), getattr(toks, "end", len(toks))
        ents = [e for e in doc_ents(self.doc) if start <= e.start and e.end <= end
                and e.start <= root.i < e.end and e.label_ in PERSON | GROUP]
        if not ents:
            return None, None
        ent = ents[0]
        name = self._clean_name(ent.text)
        name = self.full.get(name, name)
        if ent.label_ in PERSON:
            g = self._title_gender(ent) or self._role_gender(toks)
            if g:
                self.gender.setdefault(name, g)
        # a speaker just named is the most salient antecedent for what follows
        self.candidates.append(Candidate(ent.start_char, ent.end_char, self._sent_of(ent.start_char),
                                         name, "person" if ent.label_ in PERSON else "group", True))
        return name, (ent.start_char, ent.end_char)

    def _role_gender(self, toks) -> str | None:
        """"m" or "f" from the first gendered title or role word among ``toks``."""
        for tok in toks:
            kind = self.words.get(tok.lower_)
            if kind in ("male", "female"):
                return "m" if kind == "male" else "f"
        return None

    def _antecedent(self, offset: int, pron: str) -> Candidate | None:
        here = self._sent_of(offset)
        if pron == "definite":
            return self._definite(offset, here)
        want = "person" if pron in ("pron-m", "pron-f") else None
        gender = {"pron-m": "m", "pron-f": "f"}.get(pron)
        best, best_key = None, None
        for cand in self.candidates:
            if cand.start >= offset or here - cand.sent > MAX_SENT_BACK:
                continue
            if want and cand.kind != want:
                continue
            if pron == "pron-n" and cand.kind != "group":
                continue
            if gender and self.gender.get(cand.name, gender) != gender:
                continue
            # nearest sentence first; there, subjects first, then the earliest (centering);
            # a person already known to be "she" outranks an unknown one a sentence nearer
            known = gender is not None and self.gender.get(cand.name) == gender
            key = (here - cand.sent - (KNOWN_GENDER_BONUS if known else 0), not cand.subject, cand.start)
            if best_key is None or key < best_key:
                best, best_key = cand, key
        return best

    def _definite(self, offset: int, here: int) -> Candidate | None:
        """"the spokeswoman", "the ministry": the latest name that phrase was attached to."""
        toks = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if toks is None:
            return None
        chunk_end = toks[0].i
        while chunk_end + 1 < len(self.doc) and self.doc[chunk_end + 1].pos_ in ("NOUN", "ADJ"):
            chunk_end += 1
        head = self.doc[chunk_end].lower_
        best = None
        for tok in self.doc[:toks[0].i]:
            if tok.lower_ != head:
                continue
            near = [c for c in self.candidates
                    if c.start < offset and abs(c.start - tok.idx) <= MAX_ROLE_NAME_GAP
                    and c.sent == self._sent_of(tok.idx)
                    and (tok.ent_type_ == "" or (c.start <= tok.idx < c.end))]
            if near:
                best = min(near, key=lambda c: abs(c.start - tok.idx))
        return best
