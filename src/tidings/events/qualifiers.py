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
from tidings.nlp.dateline import dateline
from tidings.records import Context, TimeExpr

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
# How many complement links up a negation of the act is looked for ("did not want to be
# seen to attack": three).
MAX_NEGATION_CLIMB = 3


def negated(tok) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in words("negating_adverbs")
               or (c.dep_ == "det" and c.lower_ in words("negating_determiners"))
               for c in tok.children)


def negated_above(tok) -> bool:
    """Is the act the complement of a negated or avoiding verb or adjective ("did not need to
    meet", "couldn't bring themselves to back", "avoided criticizing", "was not ready to
    support")? A denied, avoided or unwanted act did not happen."""
    cur = tok
    for _ in range(MAX_NEGATION_CLIMB):
        infinitive = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                 for c in cur.children)
        if cur.dep_ not in ("xcomp", "acomp") and not infinitive or cur.head is cur:
            return False
        cur = cur.head
        if lemma(cur) in words("negation_cancelling_verbs"):
            return False  # "did not hesitate to attack": the act was done
        if negated(cur) or lemma(cur) in words("avoiding_verbs"):
            return True
    return False


def unneeded(tok) -> bool:
    """Is the act said not to be needed ("did not need to meet X", "has not bothered to
    ask")? Neither done nor refused: no event."""
    head = tok.head
    return tok.dep_ == "xcomp" and lemma(head) in words("necessity_verbs") \
        and negated(head)


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


def conditional(trig: Trigger) -> bool:
    """Is the act only supposed: the condition of another ("would strike unless it gave
    inspectors access", "if Freedonia attacks"), what someone is fit for ("eligible for
    signing") or suspected of ("suspected of blowing up the jet"), or an act that could or
    would happen ("strikes could harm relations")? Such an act is no event of its own."""
    tok = trig.head
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "for" and tok.head.head.pos_ == "ADJ":
        return True  # "eligible for signing", "ready for talks": a disposition, not an act
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("of", "with") \
            and lemma(tok.head.head) in words("suspicion_words"):
        return True  # "terrorists suspected of blowing up the jet": an allegation, not an act told
    if tok.pos_ in NOUN_POS and tok.dep_ in ("nsubj", "nsubjpass") \
            and _auxiliaries(tok.head) & (_POSSIBLE_AUX | words("hypothetical_aux")):
        return True  # "US air strikes could harm relations": strikes that may come
    cur, steps = tok, 0
    while cur.dep_ in words("condition_climb_deps") and cur.head is not cur \
            and steps < MAX_MODALITY_CLIMB:
        cur, steps = cur.head, steps + 1
    return cur.dep_ == "advcl" and has_mark(cur, words("condition_marks"))


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


# Dependency steps from a time expression to the act it dates: "on Monday" -> verb is two; a
# chain of prepositional phrases ("the request for a pullout in a call on Monday") eight.
MAX_TIME_PATH = 12


def _nearest(items: list, lo: int, hi: int, at: int):
    """The item (a TimeExpr) inside [lo, hi) that starts nearest ``at``."""
    inside = [x for x in items if lo <= x.start and x.end <= hi]
    return min(inside, key=lambda x: abs(x.start - at)) if inside else None


def date_of(trig: Trigger, sent, times: list[TimeExpr],
            report: tuple[str | None, str | None, str]) -> tuple[str | None, str | None, str]:
    """(date, the time expression's text, where it came from): a calendar time expression
    that modifies the act's own verb or noun ("clause"), else the report's date
    (``report``, see ``report_date``).

    A time modifies the act when the parse leads from it to the trigger (its verb, its
    support verb, its noun, the act it is the means of, or a verb the trigger's verb is
    coordinated with or the to-clause of) without passing through another verb or noun:
    "the 1999 treaty" dates the treaty, not the act that names it; "talks it broke off in
    2009" dates the breaking off; "by 2030", "until", "before" name a deadline or a limit.
    """
    own = _own_tokens(trig)
    candidates = sorted((t for t in times if t.calendar and sent.start_char <= t.start
                         and t.end <= sent.end_char),
                        key=lambda t: abs(t.start - trig.tok.idx))
    # its own words first: "touring the capital Thursday and meeting X Friday" dates the
    # meeting Friday, though Thursday, the coordinated verb's, is nearer
    for tokens in (own - _climbed(trig), own):
        for time in candidates:
            if _modifies(sent.doc, time, tokens):
                return _day(time.value), time.text, "clause"
    cue = _historical_cue(trig)
    if cue is not None:
        return None, cue, "none"  # "in the past has criticized": not an act of the report's day
    teller = _reporting_verb(trig)
    if teller is not None:
        # "a spokesman said Thursday that the troops will stay until ...": a reported act
        # with no time of its own is dated by its report
        for time in candidates:
            if _modifies(sent.doc, time, {teller.i} | _climbed_from(teller)):
                return _day(time.value), time.text, "report"
    return report


def _historical_cue(trig: Trigger) -> str | None:
    """The words that tell an act with no calendar date as past history ("in the past",
    "had once criticized"; data: historical_objects, historical_adverbs) on its verb or a
    verb it hangs on below any verb of saying, or None: such an act did not happen on the
    report's day, and its date is unknown."""
    cur = trig.head
    for _ in range(MAX_MODALITY_CLIMB):
        if cur is not trig.head and lemma(cur) in _REPORT_VERBS:
            return None  # "said in the past" dates the saying, not the act it reports
        for c in cur.children:
            if c.dep_ == "advmod" and c.lower_ in words("historical_adverbs") \
                    and c.i > c.head.left_edge.i and cur.tag_ in ("VBD", "VBN"):
                return c.text  # "once" opening its clause is a conjunction ("once they agree")
            if c.dep_ == "prep" and c.lower_ == "in" and any(
                    o.dep_ == "pobj" and o.lower_ in words("historical_objects")
                    and any(d.lower_ == "the" for d in o.children) for o in c.children):
                return "in the past"
        if cur.dep_ in ("ROOT", "relcl", "ccomp") or cur.head is cur:
            return None
        cur = cur.head
    return None


def _reporting_verb(trig: Trigger):
    """The verb of saying or thinking whose that-clause tells the act, or None."""
    cur = trig.head
    for _ in range(MAX_MODALITY_CLIMB):
        if cur.dep_ in ("ROOT", "advcl", "relcl") or cur.head is cur:
            return None
        dep, cur = cur.dep_, cur.head
        if dep == "ccomp" and lemma(cur) in _REPORT_VERBS:
            return cur
    return None


def _own_tokens(trig: Trigger) -> set[int]:
    """Token indices a time expression may hang on to date this trigger's act."""
    own = {trig.tok.i, trig.head.i, trig.noun.i}
    if trig.means is not None:  # "the shelling of X in an air raid on May 2"
        own.add(trig.means.tok.i)
    if trig.anchor is None and trig.noun.dep_ in ("nsubj", "nsubjpass"):
        own.add(trig.noun.head.i)  # "clashes broke out on Monday", "talks resumed on Friday"
    # "were invited to join the alliance in July": the parse often hangs the time on the
    # to-clause of the verb it dates; not so for an intent coded by a frame ("decided to
    # admit X in March"): the to-clause's time is when the planned act is due, not the decision
    if not (trig.frame_derived and (trig.code or "")[:2] in words("planned_act_roots")):
        own.update(c.i for c in trig.head.children if c.dep_ == "xcomp")
    # "made the request in a phone call on Monday": the act's means or setting dates it
    own.update(obj.i for p in trig.head.children
               if p.dep_ == "prep" and p.lower_ in words("means_preps")
               for obj in p.children if obj.dep_ == "pobj" and obj.pos_ in NOUN_POS)
    return own | _climbed(trig)


def _day(value: str) -> str:
    """An act's date is a calendar value: "Friday morning" (1998-08-21TMO) and "at 3 pm"
    (1998-08-21T15:00) date it to the day; weeks, months and years stay as they are."""
    return value[:10] if len(value) > 10 and value[10] == "T" else value


def _climbed(trig: Trigger) -> set[int]:
    """The verbs a trigger's verb hangs on whose time is its own too: the verb it is
    coordinated with or the to-clause of ("arrived Monday and met X", "agreed on Monday to
    hold talks"), the verb of its "by -ing" ("responded on Monday by shelling the port")."""
    return _climbed_from(trig.head)


def _climbed_from(tok) -> set[int]:
    """``_climbed`` from any verb."""
    found = set()
    cur = tok
    while cur.head is not cur:
        if cur.dep_ in ("xcomp", "conj"):
            cur = cur.head
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head.head
        else:
            break
        found.add(cur.i)
    return found


def _modifies(doc, time: TimeExpr, own: set[int]) -> bool:
    """Does the parse lead from the time expression to one of ``own`` without entering
    another clause (a verb, a relative or reported clause), a noun it merely modifies ("the
    1999 treaty") or a deadline ("by 2030")? Prepositional chains through nouns are followed
    ("the request for talks in a call on Monday"): attachment of such phrases is where the
    parser errs most."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    cur = span.root
    for _ in range(MAX_TIME_PATH):
        head = cur.head
        if head is cur or (cur.dep_ == "prep" and cur.lower_ in words("non_dating_preps")):
            return False
        if head.i in own:
            return True
        if cur.dep_ in words("clause_deps") or head.pos_ in ("VERB", "AUX") \
                or (cur.dep_ in words("noun_modifier_deps") and head.pos_ in NOUN_POS):
            return False
        cur = head
    return False


def report_date(ctx: Context) -> tuple[str | None, str | None, str]:
    """The date of the report, which an act told without a date of its own keeps: the
    dateline's ("BRUSSELS, March 3 (Xinhua) --", date source "dateline"), else the
    publication date ("published"), else none."""
    line = dateline(ctx.doc)
    if line is not None and line.date is not None:
        for time in ctx.times:
            if time.calendar and time.start < line.date[1] and line.date[0] < time.end:
                return time.value, time.text, "dateline"
    published = ctx.published_iso
    return published, None, "published" if published else "none"
