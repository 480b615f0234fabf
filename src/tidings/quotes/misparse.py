"""Speakers and clauses the parse hides: a subject swallowed by the phrase before the verb
("In an interview with the Daily Ledger Smith said that ..."), a verb read as a plural noun
("Smith charges that ..."), the inverted frame of magazine style ("Said Smith: "...""), a
"that" the parse made no clause's mark, a gerund-led clause taken for the cue's complement,
and the cue's own conjunct hung inside the clause it reports.

Each rule looks only at the few tokens around one cue, so it adds no pass over the article.
"""
from __future__ import annotations

from tidings.data import words
from tidings.nlp.doctext import doc_text
from tidings.nlp.syntax import subject_of
from tidings.quotes.cues import lexicon

# Finite verb tags: only a finite verb has a subject the parse could have swallowed.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Dependencies a name takes when the parse hangs it inside the phrase before the verb.
_SWALLOWING_DEPS = frozenset({"pobj", "compound", "appos", "conj"})
# How far up a gerund after a preposition looks for the verb whose subject it shares.
MAX_GERUND_CLIMB = 3
# Clause levels a trailing participle may climb to its sentence's main verb (a reported
# clause, its own adverbial clause, a relative clause inside: deeper is another sentence's
# business or a parse too broken to trust).
MAX_PARTICIPLE_CLIMB = 6
# An inverted frame names its speaker in a few words ("Said Jane Doe, the mayor:").
MAX_INVERTED_WORDS = 12
# How far (tokens) a "that" may follow its cue verb ("said on Friday that").
MAX_THAT_DISTANCE = 5
# How far a complementizer "that" the parse hung on a noun may follow its cue: a time and a
# place phrase together ("said earlier on Friday during a news conference that") take ten.
MAX_MISPARSED_THAT_DISTANCE = 10
_WRITER_PRONOUNS = words("writer_pronouns")


def swallowed_subject(cue) -> tuple[int, int] | None:
    """The name right before a subjectless finite cue verb, when the parse hung it on the
    phrase before the verb ("... the editorial board of the Daily Ledger Smith said that"):
    that name is who speaks. Only the name's last word is kept as the mention (the parse
    cannot tell where the paper's name ends and the person's begins)."""
    if cue.tag_ not in _FINITE_TAGS or cue.i == 0 or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in cue.children):
        return None
    name = cue.doc[cue.i - 1]
    if name.pos_ != "PROPN" or name.dep_ not in _SWALLOWING_DEPS or name.head.i >= cue.i:
        return None
    return name.idx, name.idx + len(name)


def noun_read_verb_speaker(noun) -> tuple[int, int] | None:
    """"Smith charges that ...", "The ministry claims that ...": a sentence the parse made a
    noun phrase, its cue a plural noun right after the noun it hangs on (the root) or the
    root itself after a capitalized compound ("Smith" read as a modifier of "charges"). The
    cue is a verb with that noun phrase as its subject."""
    if noun.tag_ != "NNS" or noun.i == 0 or lexicon().verb_class(noun.lemma_) is None:
        return None
    head = noun.doc[noun.i - 1]
    if noun.head.i == head.i and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
        start = noun.doc[head.left_edge.i]
    elif noun.dep_ == "ROOT" and head.head.i == noun.i and head.dep_ == "compound" and head.is_title:
        start = noun.doc[min(head.left_edge.i, head.i)]
    else:
        return None
    return start.idx, head.idx + len(head)


def gerund_subject(cue):
    """"refuses to name them, aside from saying he wants ...": a gerund after a preposition
    the parse hung on an adverb, not a verb; the subject of the first verb above speaks."""
    if cue.tag_ != "VBG" or cue.dep_ != "pcomp":
        return None
    tok = cue.head
    for _ in range(MAX_GERUND_CLIMB):
        if tok.head.i == tok.i or tok.pos_ not in ("ADP", "ADV", "SCONJ"):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return subject_of(tok, speaker=True)
    return None


def inverted_frame(doc, open_at: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(cue span, speaker span) of `Said Smith: "..."` or `Added the mayor, "..."` opening
    the sentence of a quote that starts at ``open_at``; else None."""
    text = doc_text(doc)
    before = text[:open_at].rstrip()
    if not before or before[-1] not in ":,":
        return None
    end = len(before) - 1
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    verb = sent[0]
    words = [t for t in doc[verb.i + 1:span[0].i] if not t.is_punct]
    # an inflected speech verb ("Said", "Adds"), not an imperative ("Say what you like:")
    if (not verb.is_title or lexicon().verb_class(verb.lemma_) != "speech"
            or verb.lower_ == verb.lemma_.lower() or not words or len(words) > MAX_INVERTED_WORDS
            or not any(t.pos_ in ("PROPN", "NOUN") for t in words)):
        return None
    comma = text.find(",", verb.idx + len(verb), end)
    stop = comma if comma > 0 else end
    first = doc[verb.i + 1]
    return (verb.idx, verb.idx + len(verb)), (first.idx, len(text[:stop].rstrip()))


def raised_conjunct_speaker(cue):
    """"May said the country would leave the bloc and suggested that ...": a finite cue the
    parse coordinated with a verb of another form inside someone's reported clause belongs
    with the verb that reports it (a past tense is no conjunct of "would leave"); its
    speaker is that verb's subject."""
    if cue.dep_ != "conj" or cue.tag_ not in _FINITE_TAGS or cue.head.tag_ == cue.tag_ \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    tok = cue.head
    for _ in range(MAX_GERUND_CLIMB):
        if tok.dep_ == "ccomp" and tok.head is not tok:
            outer = tok.head
            if outer.tag_ == cue.tag_ and lexicon().verb_class(outer.lemma_) == "speech":
                return subject_of(outer, speaker=True)
            return None
        if tok.dep_ not in ("conj", "xcomp", "acomp") or tok.head is tok:
            return None
        tok = tok.head
    return None


def that_after(cue):
    """The "that" right after a cue verb (past a time or place phrase: "said on Friday
    that"), when the parse made it something other than a clause's mark."""
    doc = cue.doc
    i = cue.i + 1
    while i < len(doc) and i - cue.i <= MAX_MISPARSED_THAT_DISTANCE:
        tok = doc[i]
        if tok.lower_ == "that":
            if tok.dep_ == "mark" and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i < tok.i:
                # "said during a news conference that he may wait": a complementizer the
                # parse hung on the phrase's noun as a relative clause (a relative "that"
                # is the clause's subject or object, never its mark)
                return tok
            if i - cue.i > MAX_THAT_DISTANCE:
                return None
            return tok if tok.dep_ not in ("mark", "nsubj", "nsubjpass", "dobj") else None
        if tok.is_punct or tok.pos_ in ("VERB", "AUX") or tok.lower_ in _WRITER_PRONOUNS:
            return None
        i += 1
    return None


def gerund_led_clause(cue):
    """(gerund, clause) of "said legalizing it could put people to work": the parse takes
    the gerund opening the reported clause for the cue's complement and hangs the clause's
    verb on it; None when the cue has no such pair."""
    gerund = next((c for c in cue.children if c.dep_ == "xcomp" and c.i == cue.i + 1
                   and c.tag_ == "VBG"), None)
    clause = next((c for c in gerund.children if c.dep_ == "ccomp" and c.i > gerund.i
                   and any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children)),
                  None) if gerund is not None else None
    return (gerund, clause) if clause is not None else None


def own_conjunct_cut(cue, clause) -> int | None:
    """The last token of a reported clause when the parse coordinated the cue's next speech
    act with a verb of another form inside it ("Lee said he had fought three campaigns and
    called it ...", "May said the country would leave and suggested ..."): a cue verb in the
    cue's own finite form is the cue's conjunct, so the clause stops before it; else None."""
    doc = cue.doc
    for conj in clause.children:
        if conj.dep_ != "conj" or conj.i < clause.i or conj.tag_ != cue.tag_ \
                or conj.tag_ not in _FINITE_TAGS or clause.tag_ == conj.tag_ \
                or lexicon().verb_class(conj.lemma_) != "speech":
            continue
        right = conj.left_edge.i - 1
        while right > clause.i and (doc[right].dep_ == "cc" or doc[right].is_punct):
            right -= 1
        return right if right > clause.i else None
    return None


# Clause links a trailing participle climbs to reach the sentence's own clause; at least one
# of them must be a complement or relative clause (_EMBEDDED) for the climb to apply.
_CLIMB_DEPS = frozenset({"ccomp", "relcl", "advcl", "conj", "xcomp", "acl", "pcomp", "pobj", "dobj"})
_EMBEDDED = frozenset({"ccomp", "relcl", "acl"})
# Punctuation that sets a trailing participle off from the clause before it.
_SET_OFF = frozenset({",", "-", "\u2013", "\u2014", "\u2015"})


def trailing_participle_speaker(cue):
    """"Lee said the plan would fail, arguing that ...": a participle set off after a
    sentence's reported or relative clause is the sentence's subject's act, though the parse
    hangs it on the nearest verb inside that clause ("would fail", "who said"); the subject
    of the sentence's main verb speaks. None when the participle hangs on the main clause
    itself (its own subject is found the ordinary way) or the main verb has no subject."""
    if cue.tag_ != "VBG" or cue.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    before = cue.doc[cue.left_edge.i - 1] if cue.left_edge.i > 0 else None
    if before is None or before.text not in _SET_OFF:
        return None
    tok, embedded = cue.head, False
    for _ in range(MAX_PARTICIPLE_CLIMB):
        if tok.head.i == tok.i:
            break
        if tok.dep_ not in _CLIMB_DEPS:
            return None
        embedded = embedded or tok.dep_ in _EMBEDDED
        tok = tok.head
    if not embedded or tok.head.i != tok.i or tok.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def opening_participle_speaker(cue):
    """"Claiming the criticism was staged, Lee told reporters ...": a participle opening its
    sentence, set off by a comma, is the main clause subject's act, whatever the parse made
    of it (a clausal subject, a clause of its own); None when the participle is the main
    verb or has a subject of its own."""
    if cue.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    sent = cue.sent
    if any(not (t.is_punct or t.is_space) for t in cue.doc[sent.start:cue.i]):
        return None
    root = sent.root
    if root.i == cue.i or root.pos_ not in ("VERB", "AUX"):
        return None
    comma = next((t for t in cue.doc[cue.i:root.i] if t.text == ","), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return subject if comma is not None and subject is not None and subject.i > comma.i else None
