"""Dependency-parse questions the events and quotes stages both ask.

Who is the subject of a verb's clause (the actor of an event, the speaker of a cue), what a
relative pronoun stands for, whether a phrase names a date, whether a clause is marked as a
condition. One answer for both stages, so a parse reads the same wherever it is read.
"""
from __future__ import annotations

from tidings.data import words
from tidings.nlp.doctext import token_texts

# Subject dependents: nominal, clausal ("What she proposed angered them").
SUBJECT_DEPS = words("subject_deps")
_RELATIVE = words("relative_pronouns")
_TIME_LABELS = words("time_entity_labels")
# How many governing clauses up a subject is looked for: to-clauses, coordinated verbs and
# participles rarely stack deeper in news sentences ("agreed to try to start to ..."), and a
# longer climb mostly follows a parse error.
MAX_SUBJECT_CLIMB = 5


def first_conjunct(token):
    """The first conjunct of a coordination ("Quito" for "Lima" in "Quito, Cusco and Lima"):
    the parse hangs each later conjunct on the one before."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def resolve_relative(tok):
    """A relative pronoun as subject of a relative clause ("the envoy who met them") stands
    for the noun the clause modifies."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        return tok.head.head
    return tok


def subject_of(verb, speaker: bool = False, depth: int = 0):
    """The subject token of ``verb``'s clause, taken from governing clauses when it has none.

    A to-infinitive, a coordinated verb, an adverbial clause, a participle hanging on a verb
    and the adjective of "is ready to ..." take their head's subject; a gerund after a
    preposition ("ended the talks by walking out") takes the subject of the verb the
    preposition hangs on; a participle modifying a noun ("the report issued on Monday") has
    none. The events stage asks for the actor: a clausal subject ("What she proposed angered
    them") counts, and a relative clause without a subject of its own ("the first envoy to
    arrive") is about the noun it modifies. With ``speaker`` (the quote stage, asking who
    speaks) neither counts: a clause never speaks, and the noun of a subjectless relative
    clause is what is said or done, not who says it ("nothing to explain", "the report that
    was leaked").
    """
    for child in verb.children:
        if child.dep_ == "nsubj" or (not speaker and child.dep_ == "csubj"):
            return resolve_relative(child)
    if depth >= MAX_SUBJECT_CLIMB:
        return None
    head = verb.head
    if verb.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and head is not verb:
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return None
        return subject_of(head, speaker, depth + 1)
    if verb.dep_ == "pcomp" and head.head is not head:
        return subject_of(head.head, speaker, depth + 1)
    if verb.dep_ == "relcl" and not speaker:
        return head
    return None


def is_time_phrase(tok) -> bool:
    """A date or time phrase ("on Friday", "this weekend"): never a side, a topic or a speaker."""
    return tok.ent_type_ in _TIME_LABELS


def has_mark(tok, marks: frozenset) -> bool:
    """Is ``tok``'s clause introduced by one of ``marks`` ("if", "unless", "whether")?"""
    return tok.i in _marked_heads(tok.doc, marks)


def _marked_heads(doc, marks: frozenset) -> set[int]:
    """Indices of the tokens a ``mark`` of ``marks`` hangs on, found once per Doc and mark
    set: reading a head's children instead costs a walk over all of them for each question
    (quadratic in a run-on sentence of thousands of tokens under one verb)."""
    key = "tidings.marked:" + "|".join(sorted(marks))
    heads = doc.user_data.get(key)
    if heads is None:
        texts = token_texts(doc)  # no Token object per word: only for the marks
        heads = doc.user_data[key] = {doc[i].head.i for i in range(len(texts))
                                      if texts[i].lower() in marks and doc[i].dep_ == "mark"}
    return heads
