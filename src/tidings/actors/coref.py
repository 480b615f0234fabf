"""Coreference for event sides: the actor(s) a pronoun or a description stands for.

``resolve(ctx, token)`` answers for a token or a character span (a pronoun, "the body", "both
sides"): the actors it stands for, or an empty list when unsure. ``attach`` runs once per
article (the actor stage's last step): a subject or object pronoun resolved to one actor
becomes one of that actor's mentions (so ``ActorTable.at`` finds it, and an event side or a
quote speaker named by the pronoun is that actor); a phrase resolved to several actors
("both sides", "the two countries", "they" for "Kenya and Tanzania") is kept in
``ActorTable.groups`` for ``resolve``.

Pronouns, and what they may stand for:

- "he", "him" / "she", "her": one person the article does not mark as of the other gender
  (courtesy titles and gendered titles: "Mrs.", "spokeswoman");
- "it": one country, organization or institution (an IGO, a ministry, "the government"),
  never a person or a plural group; "it" with a clause after a copula ("it is likely
  that", "it seems") stands for nothing;
- "they", "them": a plural group ("police", "protesters") or actors named together ("Kenya
  and Tanzania ... they");
- first and second person ("I", "we", "you") and pronouns inside quotation marks are left to
  the quote stage: a speaker's "he" is rarely the speaker; "of them" after a number or
  quantifier ("eight of them") is part of a group, not an actor.

Where the antecedent is looked for, first answer wins:

1. the subject of the clause the pronoun's clause complements ("Iran said it would ...",
   "Ruiz said he had ...", "Ruiz signed the plan and said he ..."): up through clausal
   complements and coordinated verbs only (``coref_climb_deps``), never out of a relative
   clause ("signals from Syria that it wants": Syria, by rule 2);
2. the compatible actor named last before it in its sentence; an object pronoun is never
   its own clause's subject ("the police allowed them to march": not the police), and the
   subject of a report that follows what it reports ("... no link was found, he said") is
   not one of the names in the report;
3. the subject of the previous sentence's main clause ("Kenya protested. It said ...");
4. the one compatible actor named in the previous sentence.

"It" is resolved only as a subject: an object "it" ("ratified it", "made it clear") is
mostly a thing or a clause. "They" stands for plural groups and for actors named together,
not for one organization (news English gives organizations "it").

Two compatible candidates where one is wanted, or none: nothing (unsure).

Descriptions (``coref_descriptions.tsv``: phrase, how many actors, which kind): "the body",
"the regional bloc", "the alliance", as the subject of a verb ("the body condemned"; "the
body was buried" is a corpse), stand for the nearest IGO or institution named in the last
``DESCRIPTION_REACH`` sentences; "the pair", "the two presidents", "the two
countries", "both sides" for the two actors of that kind named together ("X and Y") most
recently ("the three countries", also with modifiers, "the three central European
countries", for three named together: "X, Y and Z"), else the only two named in that sentence and the one before; "each other" and
"one another" for the actors of their clause's subject ("X and Y accused each other"). "The
government" of a story about one country is that country's government: the actor stage
codes it so (``setting``), and ``resolve`` returns that actor.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from tidings import data
from tidings.actors.table import Actor, ActorTable
from tidings.data import words
from tidings.nlp.doctext import sentence_spans, token_starts, token_texts
from tidings.nlp.marks import quoted_regions
from tidings.nlp.syntax import SUBJECT_DEPS, first_conjunct

# How many words a counted description may span with its modifiers ("the three central and
# eastern European countries" is seven): longer runs are lists, not one noun phrase.
MAX_DESCRIPTION_TOKENS = 8
# How many sentences back a description ("the body", "the two countries") looks for what it
# stands for: a description follows its antecedent closely in news writing.
DESCRIPTION_REACH = 3
# A counted description ("the two countries", "the three nations") names a group a story
# introduced once, often in its lede, and keeps returning to: it looks further back.
COUNTED_REACH = 8
# How many clauses up a pronoun looks for a governing subject ("Iran said officials had
# warned that it would ..."): beyond three, the subject is a different topic.
MAX_CLAUSE_CLIMB = 4


@dataclass(frozen=True)
class Description:
    """One row of coref_descriptions.tsv."""

    words: tuple[str, ...]
    count: int  # how many actors: 1, 2 or 3
    wants: str  # igo, institution, country, person, leader, any, subject
    sector: str | None


@functools.lru_cache(maxsize=1)
def descriptions() -> dict[tuple[str, ...], Description]:
    table = {}
    for row in data.tsv("coref_descriptions.tsv"):
        key = tuple(row["phrase"].split())
        table[key] = Description(key, int(row["count"]), row["wants"], row["sector"] or None)
    return table


Hit = tuple  # (Actor, (start, end) of the mention that named it)


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(key[0] for key in descriptions())


def resolve(ctx, token) -> list[Actor]:
    """The actors a pronoun or description (a spaCy token or span, or a (start, end)
    character span) stands for; an empty list when unsure. ``ctx`` is the article's
    ``records.Context`` (or anything with ``doc`` and ``actors``). A span that is an
    actor's own mention ("the government") is that actor."""
    doc, table = ctx.doc, ctx.actors
    if table is None:
        return []
    start, end = _char_span(token)
    tok = doc.char_span(start, end, alignment_mode="expand")
    if tok is not None and len(tok) == 1 and _pronoun_kind(tok[0].lower_):
        for actor in table.actors:
            if (tok.start_char, tok.end_char) in actor.referring:
                return [actor]
        return antecedents(doc, table, tok[0])
    for (s, e), group in table.groups.items():
        if s <= start and end <= e:
            return list(group)
    hit = table.at(start, end)
    return [hit[0]] if hit is not None else []


def antecedents(doc, table: ActorTable, tok) -> list[Actor]:
    """The actors a pronoun token stands for (possessives too: "his aides"), or []."""
    return [actor for actor, _ in _Resolver(doc, table).pronoun(tok)]


def attach(doc, table: ActorTable) -> None:
    """Resolve every pronoun and description of the article; add the answers to the
    table (one actor: a mention of it; several: ``table.groups``)."""
    if not table.actors:
        return
    resolver = _Resolver(doc, table)
    found: list[tuple[tuple[int, int], list[Hit]]] = list(resolver.descriptions())
    kinds = _pronoun_kinds()
    for i, text in enumerate(token_texts(doc)):
        if text.lower() not in kinds:
            continue
        tok = doc[i]
        if tok.tag_ == "PRP$" or tok.dep_ not in words("coref_pronoun_deps"):
            continue
        hits = resolver.pronoun(tok)
        if hits:
            found.append(((tok.idx, tok.idx + len(tok)), hits))
    referring = [(span, hits[0]) for span, hits in found
                 if len(hits) == 1 and table.at(*span) is None]  # not already coded
    for span, hits in found:
        if len(hits) > 1:
            table.groups[span] = [actor for actor, _ in hits]
    table.refer_all([(actor, span, named) for span, (actor, named) in referring])


def _char_span(token) -> tuple[int, int]:
    if isinstance(token, tuple):
        return token
    if hasattr(token, "start_char"):
        return token.start_char, token.end_char
    return token.idx, token.idx + len(token)


class _Resolver:
    """The rules above, over one article's parse and actor table."""

    def __init__(self, doc, table: ActorTable):
        self.doc, self.table = doc, table
        # sentences as (first token, end token), in order, as the stages share them
        self.sents = sentence_spans(doc)
        starts = token_starts(doc)
        self.sent_starts = [starts[a] for a, _ in self.sents]
        self.inside = quoted_regions(doc)
        # named mentions (not pronouns already attached), in text order
        self.named = sorted(((s, e, a) for a in table.actors for (s, e) in a.mentions
                             if (s, e) not in a.referring), key=lambda x: (x[0], x[1]))
        self.starts = [s for s, _, _ in self.named]

    # -- pronouns ---------------------------------------------------------------------------
    def pronoun(self, tok) -> list[Hit]:
        form = _pronoun_kind(tok.lower_)
        if form is None or self.inside(tok.idx):
            return []
        if form == "pron-n" and tok.dep_ != "poss" and (
                tok.dep_ not in SUBJECT_DEPS or self._pleonastic(tok)):
            return []  # "ratified it", "made it clear": an object "it" is mostly a thing
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            return []  # "eight of them", "most of them": a part of a group, not the group
        fits = functools.partial(_fits, form)
        sent = self._sentence(tok.idx)
        # an object pronoun is not its own clause's subject ("the police let them go")
        own = tok.head
        bound = next((c.i for c in own.children if c.dep_ in SUBJECT_DEPS), None) \
            if tok.dep_ not in SUBJECT_DEPS else None
        # 1. the subject of a clause the pronoun's clause complements ("Iran said it would")
        cur = own
        for _ in range(MAX_CLAUSE_CLIMB):
            if cur.dep_ not in words("coref_climb_deps") or cur.head.i == cur.i:
                break
            cur = cur.head
            subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS
                         and c.i < tok.i), None)
            if subj is None:
                continue
            chosen = self._choose(form, self._hits_of(subj))
            if chosen:
                return chosen
            break
        # 2. the nearest compatible actor earlier in the sentence - unless the pronoun
        # reports what came before it ("... no conclusion yet, he said"): the names in the
        # report are not the reporter
        lo = self.sent_starts[sent]
        reporting = tok.dep_ in SUBJECT_DEPS and any(
            c.dep_ == "ccomp" and c.i < tok.i for c in own.children)
        chosen = [] if reporting else self._nearest(fits, lo, tok.idx, bound)
        if chosen or sent == 0:
            return chosen
        # 3. the previous sentence's main subject; 4. its one compatible actor
        prev = self.doc[self.sents[sent - 1][0]:self.sents[sent - 1][1]]
        subj = next((c for c in prev.root.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            chosen = self._choose(form, self._hits_of(subj))
            if chosen:
                return chosen
        return self._unique(fits, self.sent_starts[sent - 1], lo)

    def _pleonastic(self, tok) -> bool:
        """"it is likely that", "it seems", "it was the first time": an "it" that stands
        for nothing (or for a clause)."""
        head = tok.head
        if tok.dep_ == "expl" or head.pos_ == "ADJ":
            return True  # "made it impossible", "think it better": a small clause's "it"
        return head.lemma_ in words("pleonastic_it_verbs") and any(
            c.dep_ in ("ccomp", "xcomp", "acomp", "csubj", "attr") for c in head.children)

    def _nearest(self, fits, lo: int, hi: int, bound: int | None) -> list[Hit]:
        """The compatible actor named last before ``hi`` (not the token ``bound``)."""
        i = bisect.bisect_left(self.starts, hi) - 1
        while i >= 0 and self.named[i][0] >= lo:
            s, e, actor = self.named[i]
            i -= 1
            if not fits(actor):
                continue
            if bound is not None:
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is not None and span.start <= bound < span.end:
                    continue
            return [(actor, (s, e))]
        return []

    def _choose(self, form: str, hits: list[Hit]) -> list[Hit]:
        if form == "pron-p" and len(hits) > 1:
            return hits
        return hits if len(hits) == 1 and _fits(form, hits[0][0]) else []

    def _unique(self, fits, lo: int, hi: int) -> list[Hit]:
        """The one actor that fits among those named in [lo, hi), at its latest mention."""
        seen = self._named_in(fits, lo, hi, latest=True)
        return list(seen.values()) if len(seen) == 1 else []

    def _hits_of(self, tok) -> list[Hit]:
        """The actors a phrase names: its head's actor, and its conjuncts' ("X and Y")."""
        out: list[Hit] = []
        for t in [tok, *tok.conjuncts]:
            hit = self.table.at(t.idx, t.idx + len(t))
            if hit is not None and all(hit[0] is not a for a, _ in out):
                out.append(hit)  # a pronoun subject answers with the name it stands for
        return out

    def _sentence(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1

    # -- descriptions -----------------------------------------------------------------------
    def descriptions(self):
        """(span, hits) for every description phrase the article uses and resolves."""
        table = descriptions()
        firsts = _first_words()
        longest = max((len(k) for k in table), default=0)
        doc = self.doc
        lowered = [t.lower() for t in token_texts(doc)]
        i = 0
        while i < len(lowered):
            if lowered[i] not in firsts:
                i += 1
                continue
            match = None
            for n in range(min(longest, len(lowered) - i), 0, -1):
                key = tuple(lowered[i:i + n])
                if key in table:
                    match = (n, table[key])
                    break
            if match is None:
                match = _modified(doc, i, lowered, table)
            if match is None:
                i += 1
                continue
            n, row = match
            span = (doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1]))
            if not self.inside(span[0]):
                hits = self._describe(doc[i:i + n], row)
                if hits:
                    yield span, hits
            i += n

    def _describe(self, span, row: Description) -> list[Hit]:
        start = span.start_char
        sent = self._sentence(start)
        reach = DESCRIPTION_REACH if row.count == 1 else COUNTED_REACH
        lo = self.sent_starts[max(0, sent - reach)]
        if row.wants == "subject":
            head = span.root.head
            subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
            hits = self._hits_of(subj) if subj is not None else []
            return hits if len(hits) >= 2 else []
        fits = functools.partial(_wanted, row)
        if row.count == 1:
            if span.root.dep_ != "nsubj":
                return []  # "where the body was buried": an acting body is a subject
            i = bisect.bisect_left(self.starts, start) - 1
            while i >= 0 and self.named[i][0] >= lo:
                s, e, actor = self.named[i]
                if fits(actor) and not (s <= start < e):
                    return [(actor, (s, e))]
                i -= 1
            return []
        group = self._together(fits, lo, start, row.count)
        if group:
            return group
        near = self._distinct(fits, self.sent_starts[max(0, sent - 1)], start)
        return near if len(near) == row.count else []

    def _together(self, fits, lo: int, hi: int, count: int) -> list[Hit]:
        """The last ``count`` actors of that kind named together ("X and Y", "X, Y and Z")
        before ``hi``."""
        i = bisect.bisect_left(self.starts, hi) - 1
        while i >= 0 and self.named[i][0] >= lo:
            s, e, actor = self.named[i]
            span = self.doc.char_span(s, e, alignment_mode="expand")
            i -= 1
            if span is None or not fits(actor) or span.root.dep_ != "conj":
                continue
            first = first_conjunct(span.root)
            hits = [h for t in [first, *first.conjuncts] for h in self._hits_of(t)[:1]]
            if len(hits) == count and len({a.id for a, _ in hits}) == count \
                    and all(fits(a) for a, _ in hits):
                return sorted(hits, key=lambda h: h[1])
        return []

    def _distinct(self, fits, lo: int, hi: int) -> list[Hit]:
        """Each actor that fits among those named in [lo, hi), at its first mention."""
        return list(self._named_in(fits, lo, hi, latest=False).values())

    def _named_in(self, fits, lo: int, hi: int, latest: bool) -> dict[str, Hit]:
        seen: dict[str, Hit] = {}
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.named) and self.named[i][0] < hi:
            s, e, actor = self.named[i]
            if fits(actor) and (latest or actor.id not in seen):
                seen[actor.id] = (actor, (s, e))
            i += 1
        return seen


def _modified(doc, i: int, lowered: list[str], table: dict) -> tuple | None:
    """A description with modifiers before its noun: counted ("the three central European
    countries": the row "the three countries"), or one actor with adjectives ("the western
    military alliance": the row "the alliance"); (tokens, row), or None."""
    if i + 2 >= len(lowered):
        return None
    head = doc[i].head
    if head.i <= i + 1 or head.i - i > MAX_DESCRIPTION_TOKENS \
            or any(doc[k].head.i != head.i and doc[k].head.i <= i for k in range(i + 1, head.i)):
        return None
    counted = table.get((lowered[i], lowered[i + 1], lowered[head.i]))
    if counted is not None and counted.count > 1 and doc[i + 1].head.i == head.i:
        return head.i - i + 1, counted  # "the three central European countries"
    single = table.get((lowered[i], lowered[head.i]))
    if single is not None and single.count == 1 and head.pos_ == "NOUN" and all(
            doc[k].pos_ == "ADJ" for k in range(i + 1, head.i)):
        return head.i - i + 1, single  # "the western military alliance"
    return None


def _plural(actor: Actor) -> bool:
    records = actor.records
    return bool(records) and sum(r.plural for r in records) * 2 > len(records)


def _genders(actor: Actor) -> set:
    return {r.gender for r in actor.records if getattr(r, "gender", None)}


def _fits(form: str, actor: Actor) -> bool:
    """May a pronoun of this kind stand for this actor (number, gender, animacy)?"""
    if form == "pron-m":
        return actor.kind == "person" and not _plural(actor) and "f" not in _genders(actor)
    if form == "pron-f":
        return actor.kind == "person" and not _plural(actor) and "m" not in _genders(actor)
    if form == "pron-n":
        return actor.kind in ("country", "organization") and not _plural(actor)
    if form == "pron-p":  # organizations are "it" ("the ministry said it")
        return actor.kind in ("group", "person") and _plural(actor)
    return False


@functools.lru_cache(maxsize=1)
def _pronoun_kinds() -> dict[str, str]:
    """Third-person pronouns by kind (pron-m, pron-f, pron-n, pron-p), from the table the
    quote stage reads too (speaker_words.tsv)."""
    return {row["word"]: row["kind"] for row in data.tsv("speaker_words.tsv")
            if row["kind"].startswith("pron-")}


def _pronoun_kind(form: str) -> str | None:
    return _pronoun_kinds().get(form)


def _wanted(row: Description, actor: Actor) -> bool:
    """Is this actor of the kind a description stands for?"""
    if row.sector and actor.sector != row.sector:
        return False
    if row.wants == "igo":
        return actor.country == "IGO"
    if row.wants == "institution":
        return actor.kind == "organization" and not _plural(actor)
    if row.wants == "country":
        return actor.kind == "country"
    if row.wants == "person":
        return actor.kind == "person" and not _plural(actor)
    return row.wants == "any"
