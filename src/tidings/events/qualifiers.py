"""What is said of an act besides who did it to whom: negation, modality and date.

Modality reads the auxiliaries and the verbs a trigger hangs on ("will meet" planned, "may
meet" possible, "threatened to shell" threatened, "said Y shelled" claimed); an announced
coercive act is a threat. The date is the nearest found in the trigger's clause; the place is
chosen in ``events.where``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.data import words
from tidings.events.triggers import NOUN_POS, lemma
from tidings.nlp.syntax import has_mark
from tidings.quotes.cues import lexicon as cue_lexicon
from tidings.records import TimeExpr

if TYPE_CHECKING:
    from tidings.events.frames import Trigger

_POSSIBLE_AUX = words("possible_aux")
_PLANNED_AUX = words("future_aux") | words("planned_aux")
# Verbs whose that-clause is reported, not asserted by the article: the verbs of saying and
# of attitude in the quote finder's cue table ("confirmed that", "fears that"); evidence verbs
# ("showed that") present the clause as established.
_REPORT_VERBS = cue_lexicon().verbs_of("speech", "thought")
# How far up the parse a trigger's modality is looked for: governing verbs beyond eight
# edges are in another sentence part (spaCy's trees of run-on sentences).
MAX_MODALITY_CLIMB = 8
# How many to-clauses up an announced plan is looked for ("is prepared to start to ...").
MAX_PLAN_CLIMB = 3


def negated(tok) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in words("negating_adverbs")
               or (c.dep_ == "det" and c.lower_ in words("negating_determiners"))
               for c in tok.children)


def _auxiliaries(tok) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def modality(trig: Trigger) -> str:
    """asserted, planned, possible, threatened or claimed."""
    tok = trig.head
    auxes = _auxiliaries(tok)
    if auxes & _POSSIBLE_AUX:
        return "possible"
    if auxes & _PLANNED_AUX:
        return "planned"
    cur, steps = tok, 0
    # an adverbial or relative clause ("when X was shelled") is asserted on its own
    while cur.dep_ not in ("ROOT", "advcl", "relcl") and steps < MAX_MODALITY_CLIMB:
        dep, cur, steps = cur.dep_, cur.head, steps + 1
        if dep == "xcomp" and lemma(cur) in words("attempt_verbs") \
                and trig.root in words("attempt_roots"):
            return "asserted"  # "tried to assassinate": the attempt is the act
        if dep == "xcomp" and lemma(cur) in words("plan_verbs"):
            return "threatened" if lemma(cur) in words("threatening_verbs") else "planned"
        if dep == "ccomp" and lemma(cur) in _REPORT_VERBS:
            return "claimed"
    return "asserted"


def announced(trig: Trigger) -> bool:
    """Is the act announced as the actor's own future course ("will / would / is prepared to /
    plans to impose ...", "may halt talks if ...")? Such coercive acts are threats."""
    tok = trig.head
    auxes = _auxiliaries(tok)
    if auxes & _PLANNED_AUX:
        return True
    if auxes & _POSSIBLE_AUX:
        # "may halt ... if / unless": a conditional threat; bare "could" is speculation
        return any(c.dep_ == "advcl" and has_mark(c, words("condition_marks"))
                   for c in tok.children)
    cur = tok
    for _ in range(MAX_PLAN_CLIMB):
        if cur.dep_ != "xcomp" or cur.head is cur:
            return False
        cur = cur.head
        if lemma(cur) in words("threat_plan_verbs"):
            return True
    return False


def clause_span(trig: Trigger, own_phrase: bool = False) -> tuple[int, int]:
    """The highest verb reached from the trigger without crossing a reported clause; with
    ``own_phrase``, for an event noun not carried by a support verb, the noun phrase itself
    ("the shelling of X on May 2"): the surrounding clause's time is usually the report's."""
    if own_phrase and trig.anchor is None and trig.tok.pos_ in NOUN_POS:
        tok = trig.tok
        return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    cur = trig.head
    while cur.dep_ not in ("ROOT", "ccomp") and cur.head is not cur:
        cur = cur.head
    return cur.left_edge.idx, cur.right_edge.idx + len(cur.right_edge)


def _nearest(items: list, lo: int, hi: int, at: int):
    """The item (a TimeExpr) inside [lo, hi) that starts nearest ``at``."""
    inside = [x for x in items if lo <= x.start and x.end <= hi]
    return min(inside, key=lambda x: abs(x.start - at)) if inside else None


def date_of(trig: Trigger, sent, times: list[TimeExpr],
            published: str | None) -> tuple[str | None, str | None, str]:
    """(date, the time expression's text, where it came from: clause, sentence, published
    or none)."""
    lo, hi = clause_span(trig, own_phrase=True)
    at = trig.tok.idx
    spans = [((lo, hi), "clause")]
    if trig.means is not None:  # "the shelling of X in an air raid on May 2"
        m = trig.means.tok
        spans.append(((m.left_edge.idx, m.right_edge.idx + len(m.right_edge)), "clause"))
    if trig.anchor is not None or trig.tok.pos_ not in NOUN_POS:
        spans.append(((sent.start_char, sent.end_char), "sentence"))
    else:  # an event noun: a time after it qualifies it ("the shelling of X ... on May 2");
        # one before it belongs to the reporting clause ("on Monday rejected ... after the shelling")
        spans.append(((trig.tok.idx, sent.end_char), "sentence"))
    for (a, b), source in spans:
        # only calendar values ("2020-01-08", "2020-W02"), not "PRESENT_REF"/"FUTURE_REF"
        hit = _nearest([t for t in times if t.calendar], a, b, at)
        if hit is not None:
            return hit.value, hit.text, source
    return published, None, "published" if published else "none"
