"""Speakers: the span naming who speaks turned into the contract's speaker reference.

A light coreference of the quote finder's own: a pronoun ("he", "they"), a possessive
phrase ("his office") or a definite role phrase ("the spokeswoman", "the ministry") is
resolved to the most salient compatible name before the quote (nearest sentence first,
subjects before other mentions; a name inside quotation marks or in the headline is no
antecedent; "he" and "she" only to a person the text does not give the other gender), and
a partial person name ("Okafor") to the fullest name the article gives ("Daniel Okafor").
The coded actor comes from ``actors.at`` where the table has one; a role phrase the table
does not hold ("a Foreign Office spokesman") takes the country and sector of the actor it
names inside it.

Gender ("female", "male" or None) comes from the text's own evidence about the person:
a title or role word at the name ("Mrs. Lopez", "spokeswoman Ana Lopez", "Ana Lopez, a
spokeswoman"), the pronouns that refer to them (a "he"/"she" whose sentence, or the one
before, names no other person), or the speaker phrase itself ("she said", "a spokeswoman
said"). A first name alone is never evidence.
"""
from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass

from tidings import data
from tidings.nlp.doctext import doc_ents, doc_text, sentence_spans, token_starts, token_texts
from tidings.records import Side, Speaker

# How many sentences back an antecedent may lie (news attributions rarely reach further).
MAX_SENT_BACK = 4
# sentences of distance a known, matching gender is worth against an unknown one
KNOWN_GENDER_BONUS = 1.5
# How far from a definite role phrase ("the spokeswoman") the name it was attached to may
# stand, in characters ("Lucy Grant, a spokeswoman": well inside).
MAX_ROLE_NAME_GAP = 40
# Pronoun evidence decides a gender only when this share of the pronouns agree: a stray
# "he" meant for someone else must not outvote the rest.
PRONOUN_AGREEMENT = 0.75
# A pronoun votes for a person only when no other person is named in its sentence or in
# this many sentences before it (a second person makes the reference a guess).
PRONOUN_WINDOW = 2
PERSON = data.words("person_entity_labels")
GROUP = data.words("speaker_group_labels")
_NAME_PARTICLES = data.words("surname_particles")
_POSSESSIVE_ENDINGS = data.word_list("possessive_endings")
GENDERS = {"m": "male", "f": "female"}
# A role described before the person is named ("Iraq's top cleric said ... Grand Ayatollah
# Ali al-Sistani added") names them within this many sentences.
NAMED_AFTER_SENTENCES = 2
# Determiners of an indefinite description: it introduces someone not named before.
_INDEFINITE = data.words("indefinite_determiners")


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
    """Resolves speaker spans of one article, in text order.

    ``labels`` and ``inside_quote`` answer whether an offset lies in a label line (headline,
    byline, caption) or inside quotation marks: names there are no antecedents.
    """

    def __init__(self, doc, actors, labels=None, inside_quote=None):
        self.doc = doc
        self.labels = labels or (lambda offset: False)
        self.inside_quote = inside_quote or (lambda offset: False)
        self.text = doc_text(doc)
        self.actors = actors
        self.words = words()
        starts = token_starts(doc)  # no Span per sentence
        self.sent_starts = [starts[start] for start, _ in sentence_spans(doc)]
        self.full: dict[str, str] = {}
        self.gender: dict[str, str] = {}       # person -> "m"/"f" from titles and role words
        self.votes: dict[str, Counter] = {}    # person -> pronouns that refer to them
        self.candidates: list[Candidate] = []
        self._said: tuple[int, int] | None = None
        self._index_names()
        self._count_pronouns()

    # ------------------------------------------------------------------ names
    def _sent_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def _index_names(self) -> None:
        persons = [e for e in doc_ents(self.doc) if e.label_ in PERSON]
        # each name once: the full name a short one stands for does not depend on how
        # often either is mentioned (a list of every mention made this quadratic)
        texts = list(dict.fromkeys(self._clean_name(e.text) for e in persons))
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
            if ent.label_ not in PERSON | GROUP or self.labels(ent.start_char):
                continue  # a name in the headline is no antecedent of "he said"
            kind = "person" if ent.label_ in PERSON else "group"
            name = self.full.get(self._clean_name(ent.text), self._clean_name(ent.text))
            if kind == "person":
                g = self._title_gender(ent)
                if g and name not in self.gender:
                    self.gender[name] = g
            if self.inside_quote(ent.start_char):
                continue  # a name in someone's words is talked about, not speaking
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ in ("compound", "appos") and ent.root.head.dep_ in ("nsubj", "nsubjpass"))
            self.candidates.append(Candidate(ent.start_char, ent.end_char, self._sent_of(ent.start_char),
                                             name, kind, subject))
        self.candidates.sort(key=lambda c: c.start)

    def _count_pronouns(self) -> None:
        """Votes for each person's gender: a "he" or "she" outside quotation marks when its
        sentence (up to it) and the ones just before name exactly one person."""
        persons = [c for c in self.candidates if c.kind == "person"]
        starts = [c.start for c in persons]
        for i, text in enumerate(token_texts(self.doc)):  # no Token object per word
            kind = self.words.get(text.lower())
            if kind not in ("pron-m", "pron-f"):
                continue
            tok = self.doc[i]
            if self.inside_quote(tok.idx) or self.labels(tok.idx):
                continue
            here = self._sent_of(tok.idx)
            names = {c.name for c in persons[:bisect.bisect_left(starts, tok.idx)]
                     if here - c.sent <= PRONOUN_WINDOW}
            if len(names) == 1:
                self.votes.setdefault(names.pop(), Counter())[kind[-1]] += 1

    @staticmethod
    def _clean_name(text: str) -> str:
        text = text.strip()
        for suffix in _POSSESSIVE_ENDINGS:
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        return _strip_det(text).strip()

    def _title_gender(self, ent) -> str | None:
        """The gender a title or role word at a name gives: just before it or in it ("Ms.
        Lopez", "spokeswoman Ana Lopez") or in its apposition ("Ana Lopez, a spokeswoman")."""
        doc = self.doc
        near = list(doc[max(0, ent.start - 3):min(ent.end + 1, len(doc))])
        root = ent.root
        for other in [c for c in root.children if c.dep_ == "appos"] + (
                [root.head] if root.dep_ == "appos" else []):
            near.extend(t for t in other.subtree if t.i >= ent.end or t.i < ent.start)
        return self._role_gender(near)

    def gender_of(self, person: str | None) -> str | None:
        """"female", "male" or None for a person name, from titles and role words first, then
        from the pronouns that refer to them when they agree."""
        if not person:
            return None
        g = self.gender.get(person)
        if g is None:
            votes = self.votes.get(person)
            if votes:
                top, n = votes.most_common(1)[0]
                if n >= PRONOUN_AGREEMENT * sum(votes.values()):
                    g = top
        return GENDERS.get(g) if g else None

    # ------------------------------------------------------------------ resolve
    def resolve(self, span: tuple[int, int] | None, named_by: tuple[int, int] | None = None,
                before: int | None = None, said: tuple[int, int] | None = None) -> Speaker:
        """The speaker mentioned at ``span`` (an unnamed one for None); ``named_by``: the
        phrase that names them when the mention does not ("who", "the ministry's
        statement"); ``before``: where the quote starts (an antecedent lies before it);
        ``said``: the quote's span (a name in what was said is not who said it)."""
        if span is None:
            return Speaker(None, None)
        s, e = span
        toks = self.doc.char_span(s, e, alignment_mode="expand")
        if before is None or (toks is not None and len(toks) > 1 and toks[0].dep_ == "poss"):
            before = s  # "X announced it, his office said": his may be the X of the quote
        before = min(before, s)
        self._said = said
        side, person = self._named_side(named_by or span, before)
        speaker = Speaker.of(side.copy(mention=(s, e)))
        here = self._role_gender(toks) if toks is not None else None  # "she", "a spokeswoman"
        speaker.extra["person"] = person
        speaker.extra["gender_here"] = here
        return speaker

    def finish(self, speaker: Speaker) -> None:
        """Set ``speaker.gender`` from everything the article says of the person (call once
        every speaker is resolved: later pronouns add evidence)."""
        person = speaker.extra.get("person")
        titled = self.gender.get(person) if person else None
        speaker.gender = (GENDERS.get(titled or speaker.extra.get("gender_here"))
                          or self.gender_of(person))

    def _named_side(self, span: tuple[int, int], before: int) -> tuple[Side, str | None]:
        """The side a phrase names, and the person name it refers to (None for groups)."""
        s, e = span
        toks = self.doc.char_span(s, e, alignment_mode="expand")
        pron = self._pronoun(toks)
        if pron in (None, "definite") and self.actors is not None and toks is not None and len(toks):
            hit = self.actors.at(s, e)
            # the actor must name the phrase's head: "Sylvania's top judge" is not Sylvania;
            # "the president" may be an actor the actor stage already knows
            if hit is not None and hit[1][0] <= toks.root.idx < hit[1][1] and (
                    pron is None or hit[0].kind == "person"):
                actor = self._fullest(hit[0])
                if self._described_as(actor, toks):
                    return self._ref(actor, (s, e)), self._person_key(actor)
                # "an Iraqi official" is not the minister named nearby: the description
                # speaks, coded as the actor stage coded it
                return Side(None, self._clean_name(self.text[s:e]), actor.country, actor.sector,
                            actor.code, (s, e)), None
        name, where, kind = None, None, None
        if pron is not None:
            cand = self._antecedent(s, pron, before)
            if cand is not None:
                name, where, kind = cand.name, (cand.start, cand.end), cand.kind
                if cand.kind == "person" and pron in ("pron-m", "pron-f"):
                    self.votes.setdefault(cand.name, Counter())[pron[-1]] += 1
                if pron != "definite" and len(toks) == 1:
                    # "He said ... He added ...": the next pronoun may refer through this one
                    self._add_candidate(Candidate(s, e, self._sent_of(s), cand.name, cand.kind,
                                                  toks.root.dep_ in ("nsubj", "nsubjpass")))
        else:
            name, where, kind = self._named(toks)
        if where is not None and self.actors is not None:
            hit = self.actors.at(*where)
            if hit is not None:
                actor = self._fullest(hit[0])
                return self._ref(actor, (s, e)), self._person_key(actor) or (
                    name if kind == "person" else None)
        if name is None:
            name = self._clean_name(self.text[s:e])
            inner = self._inner_actor(toks)
            if inner is not None:  # "a Foreign Office spokesman": coded as the Foreign Office
                return Side(inner.id, name, inner.country, inner.sector, inner.code, (s, e)), None
        return Side(None, name, mention=(s, e)), name if kind == "person" else None

    def _ref(self, actor, mention: tuple[int, int]) -> Side:
        """The actor as speaker, named as the article names it: an organization's table name
        the text never uses ("African Union" for "Organization of African Unity") gives way
        to its longest name in the text (a country keeps its name: "Washington said" is the
        United States)."""
        side = actor.ref(mention)
        if actor.kind == "organization" and actor.name and actor.mentions \
                and actor.name.lower() not in self.text.lower():
            longest = max((self._clean_name(self.text[a:b]) for a, b in actor.mentions), key=len)
            if longest:
                side.name = longest
        return side

    def _described_as(self, actor, toks) -> bool:
        """May a speaker phrase stand for this actor? A name does; a description with no name
        in it only when it is definite and either introduces the person named after it
        ("Iraq's top cleric said ... Grand Ayatollah Ali al-Sistani") or repeats a title the
        person is given ("President Ana Ruiz" ... "the president"); never an indefinite one
        ("an Iraqi official" is someone new)."""
        if actor.kind != "person" or any(t.ent_type_ in PERSON for t in toks):
            return True
        if toks[0].lower_ in _INDEFINITE:
            return False  # "an official" introduces someone new
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        said = self._said or (0, 0)
        others = [(a, b) for a, b in actor.mentions
                  if not start <= a < end and not said[0] <= a < said[1]]
        head = toks.root.lower_
        here = self._sent_of(start)
        # "Iraq's top cleric said ... Grand Ayatollah Ali al-Sistani": named just after
        return any(a >= end and self._sent_of(a) - here <= NAMED_AFTER_SENTENCES
                   for a, _ in others) or any(
            head in self.text[a:b].lower().split() for a, b in others)

    def _person_key(self, actor) -> str | None:
        return self.fullest_name(actor.name) if actor.kind == "person" else None

    def _inner_actor(self, toks):
        """The coded actor named inside a speaker phrase whose head no actor names: the
        rightmost one with a country ("official Serb sources", "the Kremlin statement")."""
        if toks is None or self.actors is None or not len(toks):
            return None
        inner = [a for a, _ in self.actors.mentions_in(toks[0].idx, toks[-1].idx + len(toks[-1]))
                 if a.country]
        return inner[-1] if inner else None

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

    def _named(self, toks) -> tuple[str | None, tuple[int, int] | None, str | None]:
        if toks is None:
            return None, None, None
        root = toks.root
        # the name must head the phrase: "Sylvania's top judge" is not Sylvania
        start, end = getattr(toks, "start", 0), getattr(toks, "end", len(toks))
        ents = [e for e in doc_ents(self.doc) if start <= e.start and e.end <= end
                and e.start <= root.i < e.end and e.label_ in PERSON | GROUP]
        if not ents:
            return None, None, None
        ent = ents[0]
        name = self._clean_name(ent.text)
        name = self.full.get(name, name)
        kind = "person" if ent.label_ in PERSON else "group"
        if kind == "person":
            g = self._title_gender(ent) or self._role_gender(toks)
            if g:
                self.gender.setdefault(name, g)
        # a speaker just named is the most salient antecedent for what follows
        self._add_candidate(Candidate(ent.start_char, ent.end_char, self._sent_of(ent.start_char),
                                      name, kind, True))
        return name, (ent.start_char, ent.end_char), kind

    def _add_candidate(self, cand: Candidate) -> None:
        """Add an antecedent (a speaker just named or referred to), keeping text order."""
        self.candidates.insert(bisect.bisect_right([c.start for c in self.candidates], cand.start),
                               cand)

    def _role_gender(self, toks) -> str | None:
        """"m" or "f" from the first gendered title, role word or pronoun among ``toks``."""
        for tok in toks:
            kind = self.words.get(tok.lower_)
            if kind in ("male", "female"):
                return "m" if kind == "male" else "f"
            if kind in ("pron-m", "pron-f") and tok.i == toks[0].i:
                return kind[-1]  # "she said", "his office"
        return None

    def _antecedent(self, offset: int, pron: str, before: int) -> Candidate | None:
        here = self._sent_of(offset)
        if pron == "definite":
            return self._definite(offset, here)
        want = "person" if pron in ("pron-m", "pron-f") else None
        gender = {"pron-m": "m", "pron-f": "f"}.get(pron)
        best, best_key = None, None
        for cand in self.candidates:
            if cand.start >= before or here - cand.sent > MAX_SENT_BACK:
                continue
            if want and cand.kind != want:
                continue
            if pron == "pron-n" and cand.kind != "group":
                continue
            known = self._known_gender(cand.name) if gender else None
            if gender and known not in (None, gender):
                continue
            # nearest sentence first; there, subjects first, then the earliest (centering);
            # a person already known to be "she" outranks an unknown one a sentence nearer
            key = (here - cand.sent - (KNOWN_GENDER_BONUS if known == gender and gender else 0),
                   not cand.subject, cand.start)
            if best_key is None or key < best_key:
                best, best_key = cand, key
        return best

    def _known_gender(self, name: str) -> str | None:
        g = self.gender.get(name)
        if g is None and self.votes.get(name):
            top, n = self.votes[name].most_common(1)[0]
            g = top if n >= PRONOUN_AGREEMENT * sum(self.votes[name].values()) else None
        return g

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
