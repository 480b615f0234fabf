"""The tense of the clause a time expression sits in: PAST, PRESENT, FUTURE or None.

It decides between the past and the future reading of an expression named without its year or
week ("on Tuesday", "in April"): "the mayor resigned on Tuesday" looks back, "the council will
meet on Tuesday" looks ahead. Read from the verb that governs the expression in spaCy's parse,
its auxiliaries and the verb above it; a few words just before the expression override it.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from tidings.data import words
from tidings.times.patterns import word_set

# How far up the dependency tree to look for the verb that governs an expression.
MAX_HEAD_HOPS = 6
# How many characters before an expression the overriding words are looked for in: room for
# "announced late " or "effective the ".
CUE_WINDOW = 16

# The word sets the tense is read with (data/word_sets/times.tsv; future_aux from shared.tsv),
# by their name less "tense_": _W.modals is the set tense_modals.
_W = SimpleNamespace(**{name.removeprefix("tense_"): words(name) for name in (
    "future_aux", "tense_past_aux", "tense_report_verbs", "tense_schedule_verbs",
    "tense_modals", "tense_plan_verbs", "tense_progressive_be", "tense_present_be",
    "tense_pluperfect_aux", "tense_perfect_have", "tense_past_head_aux",
    "tense_correlative_negators")})

# A past reporting verb just before the date: the date is that of the saying ("announced Monday
# it would ..."), whatever the tense of what was said.
_REPORTED = re.compile(r"\b" + word_set("tense_dated_reports") + r"\s+(?:on\s+|late\s+|early\s+)?$",
                       re.I)
# Words that make the next date an end point or a start ("through June", "effective May 2"):
# such dates are set around the report and the verb's tense says little; the nearest one is meant.
_DEADLINE = re.compile(r"\b" + word_set("tense_deadline_cues") + r"\s+(?:the\s+)?$", re.I)


def expression_tense(doc, text: str, start: int, end: int) -> str | None:
    """The tense that dates the expression at ``start:end`` of ``text`` (the text of ``doc``)."""
    before = text[max(0, start - CUE_WINDOW):start]
    if _REPORTED.search(before):
        return "PAST"  # "told reporters Monday that ...": the telling is dated
    if _DEADLINE.search(before):
        # "until early June", "effective May 2": the nearest one, unless the verb looks ahead
        # ("will triple its output by June")
        return "FUTURE" if clause_tense(doc, start, end) == "FUTURE" else "PRESENT"
    return clause_tense(doc, start, end)


def _governing_verb(doc, start: int, end: int):
    """(span, verb) for the expression at ``start:end``; verb is None when none governs it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return span, None
    tok = span.root
    for _ in range(MAX_HEAD_HOPS):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return span, (tok if tok.pos_ in ("VERB", "AUX") else None)


def clause_tense(doc, start: int, end: int) -> str | None:
    """PAST, FUTURE or PRESENT from the verb governing the span; None when none is found."""
    if doc is None:
        return None
    span, tok = _governing_verb(doc, start, end)
    if tok is None:
        return None
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    ahead = _looks_ahead(tok, aux)
    if ahead is not None:
        return ahead
    if tok.lemma_ in _W.schedule_verbs and not (tok.tag_ == "VBD" and span.start < tok.i):
        # "set a hearing for Monday", "a visit scheduled for June" look ahead; but "On Monday,
        # the board scheduled ..." dates the scheduling, and "a hearing set for Monday was
        # postponed" is told in the past.
        if tok.tag_ == "VBN" and not aux and _told_in_past(tok):
            return "PAST"
        return "FUTURE"
    if tok.tag_ == "VBD" or aux & _W.past_aux:
        return "PAST"
    if tok.tag_ == "VBN":  # "is staged in June" is a present passive; "signed Monday" is past
        return "PRESENT" if aux & _W.present_be else "PAST"
    if tok.tag_ in ("VBZ", "VBP"):
        return "PAST" if tok.lemma_ in _W.report_verbs else "PRESENT"
    return None


def _looks_ahead(tok, aux: set[str]) -> str | None:
    """FUTURE (or PAST) from the auxiliaries and the verb above ``tok``; None when they do not
    decide it."""
    if aux & _W.future_aux or (tok.lower_ in _W.future_aux):
        return "FUTURE"
    if tok.tag_ == "VBG" and aux & _W.progressive_be:
        return "FUTURE"  # "is landing on Sunday"
    if tok.tag_ == "VB" and tok.head.lemma_ in _W.plan_verbs and any(
            c.dep_ == "aux" and c.lower_ in _W.pluperfect_aux for c in tok.head.children):
        return "PAST"  # "had been due to close Monday"
    if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in _W.plan_verbs:
        return "FUTURE"  # "hopes to open in May"
    if tok.tag_ == "VB" and "to" in aux and tok.head.lemma_ in _W.plan_verbs:
        return "FUTURE"
    negated = any(c.dep_ == "neg" for c in tok.children) or any(
        w.lower_ in _W.correlative_negators for w in tok.subtree)
    if "could" in aux and negated:
        return "PAST"  # "could not be reached Monday"
    if aux & _W.modals and not aux & _W.perfect_have:
        return "FUTURE"  # "would fly Sunday", "might land as soon as Monday"
    if tok.tag_ == "VB" and "to" in aux and tok.head.lemma_ == "be":
        return "FUTURE"  # "is to open the bridge Monday"
    return None


def _told_in_past(tok) -> bool:
    """Whether the verb above ``tok`` (a participle modifying a noun) is in the past tense."""
    head = tok.head
    for _ in range(MAX_HEAD_HOPS):
        if head.pos_ in ("VERB", "AUX") and head is not tok:
            return head.tag_ == "VBD" or any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in _W.past_head_aux
                for c in head.children)
        if head.head is head:
            break
        head = head.head
    return False
