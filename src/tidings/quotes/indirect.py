"""Reported speech from the dependency parse: a cue verb and its clausal complement.

"X said (that) ...", "X told reporters ...", "..., X said in a statement", "X, adding
that ...", "X asked Y to ...", "according to X, ...". The reported clause is the subtree
of the cue's ``ccomp`` (or ``xcomp`` for request verbs); the speaker is the cue's subject,
or its head verb's subject for participles ("..., adding that ...").
"""
from __future__ import annotations

from tidings.data import word_list, words
from tidings.nlp.doctext import doc_text, lemma_texts, token_texts
from tidings.nlp.syntax import has_mark, is_time_phrase, resolve_relative, subject_of
from tidings.quotes.attribution import Attribution
from tidings.quotes.control import controller, impersonal, modified_noun, object_predicate_speaker, \
    passive_cue
from tidings.quotes.cues import lexicon
from tidings.quotes.misparse import gerund_led_clause, gerund_subject, noun_read_verb_speaker, \
    opening_participle_speaker, own_conjunct_cut, raised_conjunct_speaker, swallowed_subject, \
    that_after, trailing_participle_speaker
from tidings.quotes.speaker_tokens import agent_of, author_of, conjunct_relative, leading_subject, \
    message_author, message_sender, nearest_subject, past_dateline, person_object, quoted_person, \
    titled_conjunct
from tidings.nlp.marks import CLOSING_MARKS, OPENING_MARKS, chars

# a reported clause shorter than this many word tokens is a fragment, not speech
MIN_CLAUSE_WORDS = 3
# an object of a speech verb ("backed the mayor") needs fewer words than a clause
MIN_OBJECT_WORDS = 2
# Entity types of a one-word object a speech verb is about ("endorsed Smith", "praised NATO").
_NAMED_OBJECT_TYPES = ("PERSON", "ORG", "NORP", "GPE")
# How many clauses up a cue is looked at for a condition it stands in.
MAX_CONDITION_CLIMB = 4
# prepositions whose object is what was said: "called for", "warned of", "spoke about"
TOPIC_PREPS = word_list("topic_preps")
_EDGE_CHARS = chars("clause_edge_chars")
CLOSING_TOKENS = CLOSING_MARKS | {"''"}  # a closing mark ends a clause that holds a quote
_PHRASE_END_DEPS = words("phrase_end_deps")
_WRITER_PRONOUNS = words("writer_pronouns")
_HYPOTHETICAL_MARKS = words("condition_marks") | words("open_question_marks")
# Thought verbs whose object and to-infinitive is the stance ("expects prices to rise").
_INFINITIVE_THOUGHT = words("infinitive_thought_verbs")
# Predicate adjectives of a stance with a that-clause ("farmers are afraid that ...").
_STANCE_ADJECTIVES = words("stance_adjectives")
# Evidence verbs whose object is a finding ("surveys show the mayor with a lead").
_EVIDENCE_OBJECT_VERBS = words("evidence_object_verbs")
# Verbs whose object (or to-infinitive) is an act, not what was said: "condemned the
# bombing", "welcomed the ruling", "invited Poland to join": the act is coded as an event;
# only a clause of theirs ("condemned that ...") reports speech.
_ACT_VERBS = words("act_object_verbs")
# Act verbs whose object, when a person, is a candidate or leader someone stands for or
# against ("is backing Governor Lee"): a stance the speaker makes known, not an act.
_ENDORSE_VERBS = words("endorsement_verbs")
# Object nouns that make a cue verb no speech act ("claimed 200 lives", "claimed responsibility").
_ACT_OBJECTS = words("act_object_nouns")
# Verbs whose object is the hearer, not the message ("told reporters", "informed the family").
_ADDRESSEE_VERBS = words("addressee_verbs")
_HEARER_VERBS = words("hearer_object_verbs")
_TOLD = words("told_objects")
# Marks of a cue clause that reports the clause it hangs on ("as the minister noted, ...").
_AS_MARKS = words("reporting_clause_marks")
# Nouns of a message whose author speaks through it ("the ministry's statement said").
_MESSAGE_NOUNS = words("message_nouns")
# Verbs that report someone else's words: the one quoted speaks ("X was quoted as saying").
_QUOTING_VERBS = words("quoting_verbs")


def speaker_of(cue, inside_quote=None):
    """The token naming who speaks through cue verb ``cue``, as the text puts it: its subject
    (a relative "who" included), unless that is a clause (a clause never speaks) or words in
    quotation marks (a parse that takes a quoted phrase for a second subject); the quoted
    person of "X was quoted as saying", "Y quoted X as saying"; the issuer of "a statement
    saying"."""
    if cue.lemma_.lower() in _QUOTING_VERBS and cue.pos_ in ("VERB", "AUX"):
        return quoted_person(cue)
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head is not cue.head:
        host = cue.head.head  # "... quoted X as saying"
        if host.lemma_.lower() in _QUOTING_VERBS:
            return quoted_person(host)
        if host.pos_ in ("NOUN", "PROPN"):
            return host  # a parse hanging "as saying" on the quoted person
    if passive_cue(cue):
        return agent_of(cue)  # "Asked about the deal, she said ...": she was asked; the asker is unnamed
    if cue.dep_ == "acl" and cue.head.lemma_.lower() in _MESSAGE_NOUNS:
        # "issued a statement saying ...": who issued it
        return author_of(cue.head) or message_sender(cue.head)
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and not (inside_quote and inside_quote(c.idx))]
    if subjects:
        return nearest_subject(cue, subjects)
    raised = raised_conjunct_speaker(cue)
    if raised is not None:
        return raised
    trailing = object_predicate_speaker(cue) or trailing_participle_speaker(cue) or opening_participle_speaker(cue)
    if trailing is not None and not (inside_quote and inside_quote(trailing.idx)):
        return trailing
    relative = conjunct_relative(cue)
    if relative is not None:
        return relative
    subj = subject_of(cue, speaker=True) or controller(cue) or gerund_subject(cue) or modified_noun(cue)
    if subj is not None and inside_quote is not None and inside_quote(subj.idx):
        return leading_subject(cue, inside_quote)
    return subj


def speaker_spans(subj, cue) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(mention, named_by) for speaker token ``subj``: the span naming the speaker in this
    attribution, and where the mention names nobody itself, the phrase that does (a relative
    "who" stands for its noun; "the ministry's statement" is the ministry's)."""
    subj = past_dateline(subj)
    mention = speaker_span_of(subj, cue)
    if subj is None or mention is None:
        return mention, None
    head = resolve_relative(subj)
    if head is not subj and subj.lower_ == "that":
        # "a law that allows ...", "new rules that promise ...": "that" names a thing here;
        # the phrase it stands for names the source
        return speaker_span_of(head, cue) or mention, None
    if head is not subj:
        return mention, speaker_span_of(head, cue)
    author = author_of(subj) or appositive_name(subj) or titled_conjunct(subj)
    if author is not None:
        return mention, speaker_span_of(author, cue)
    return mention, None


def speaker_span_of(subj, cue) -> tuple[int, int] | None:
    """The speaker phrase of ``subj`` kept within the cue's paragraph (a parse running over
    a dateline or a heading would otherwise take it in)."""
    if subj is None:
        return None
    text = doc_text(subj.doc)
    s, e = phrase_span(subj)
    lo = text.rfind("\n", 0, cue.idx) + 1
    hi = text.find("\n", cue.idx)
    hi = len(text) if hi < 0 else hi
    if lo <= subj.idx < hi:
        s, e = _trim(text, max(s, lo), min(e, hi))
        return (s, e) if e > s else None
    return None


def appositive_name(token):
    """The name set beside a description in apposition ("The head of the fund, Mike Hale,"):
    it belongs to the speaker's phrase and names the speaker; None when there is none."""
    if token.pos_ != "NOUN":
        return None
    # the parse may hang the name on the description's last noun ("the head of the union,
    # Petra Lind"): a person's name there is still the one described
    return next((c for c in token.subtree if c.i > token.i and c.dep_ == "appos" and c.pos_ == "PROPN"
                 and (c.head is token or c.ent_type_ == "PERSON")), None)


def phrase_span(token) -> tuple[int, int]:
    """Span of the noun phrase headed by ``token``: its subtree up to a comma or clause, with
    the name set beside a description in apposition."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in _PHRASE_END_DEPS:
            break
        right = max(right, child.right_edge.i)
    name = appositive_name(token) or titled_conjunct(token)
    right = max(right, name.right_edge.i) if name is not None else right
    doc = token.doc
    # a finite verb is never inside a noun phrase: a parse that put one there ("The Argus
    # quoted immigration official ...") leaves the phrase after it
    finite = [i for i in range(left, token.i) if doc[i].tag_ in ("VBD", "VBZ", "VBP")]
    if finite:
        left = finite[-1] + 1
    while left < token.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def _finite(clause) -> bool:
    """A clause with a subject of its own and no infinitival "to" (a that-type clause)."""
    has_subj = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)
    to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return has_subj and not to_inf


def _object_infinitive(clause) -> bool:
    """A to-infinitive with a subject of its own ("[expect] prices to rise")."""
    return (any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            and any(c.dep_ == "nsubj" for c in clause.children))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _EDGE_CHARS:
        s += 1
    while e > s and text[e - 1] in _EDGE_CHARS:
        e -= 1
    return s, e


def _clause_span(clause, skip_first_mark: bool = True) -> tuple[int, int]:
    doc = clause.doc
    left, right = clause.left_edge.i, clause.right_edge.i
    # "that"/"whether"-less content: the complementizer is the cue's, not the speaker's;
    # punctuation before it too, but for an opening quotation mark
    while left < clause.i and (doc[left].dep_ == "mark" and doc[left].lower_ == "that"
                               or doc[left].is_punct and doc[left].text not in OPENING_MARKS):
        left += 1
    if skip_first_mark and doc[left].lower_ == "to" and doc[left].dep_ == "aux":
        left += 1
    return _trim(doc_text(doc), doc[left].idx, doc[right].idx + len(doc[right]))


def _words(doc, s: int, e: int) -> int:
    return sum(1 for t in doc.char_span(s, e, alignment_mode="expand") or [] if t.is_alpha)


def find_indirect(doc, inside_quote) -> list[Attribution]:
    """Attributions read from cue verbs outside quotation marks."""
    lex = lexicon()
    found: list[Attribution] = []
    lemmas = lemma_texts(doc)  # no Token object per word
    for i, text in enumerate(token_texts(doc)):
        lower, lemma = text.lower(), lemmas[i]
        if lower != "according" and lemma not in lex.nouns \
                and lower not in _STANCE_ADJECTIVES and lex.verb_class(lemma) is None:
            continue  # no cue of any kind below
        token = doc[i]
        if inside_quote(token.idx):
            continue
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            item = _according(token)
            if item:
                found.append(item)
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
            item = _noun_cue(token)
            if item:
                found.append(item)
            continue
        if token.pos_ == "ADJ" and token.lower_ in _STANCE_ADJECTIVES:
            item = _adjective_cue(token)
            if item:
                found.append(item)
            continue
        cls = lex.verb_class(token.lemma_)
        if cls is None or token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
            continue
        if _hypothetical(token) or impersonal(token):
            continue
        span = _content(token, cls)
        if span is None:
            continue
        s, e, min_words, basis = span
        s, e = _same_paragraph(doc_text(doc), token.idx, s, e)
        if e - s <= 0 or _words(doc, s, e) < min_words:
            continue
        subj = speaker_of(token, inside_quote)
        if subj is not None and cls in ("thought", "evidence") and subj.lower_ in _WRITER_PRONOUNS:
            continue  # the writer's own opinion ("I think"), not attribution
        cue_end = token.idx + len(token)
        mention, named_by = speaker_spans(subj, token)
        mention = mention or swallowed_subject(token)
        found.append(Attribution(
            "indirect", s, e, cue=token.text, cue_span=(token.idx, cue_end),
            speaker_span=mention, named_by=named_by, basis=basis, cue_class=cls,
            mood=_mood(token)))
    return found


# A reading of a cue's content that does not apply: the next one is tried (``_content``).
_NEXT = object()


def _content(token, cls: str) -> tuple[int, int, int, str] | None:
    """The reported content of cue verb ``token``: (start, end, fewest words it needs, basis).

    Readings in order, the first that applies decides (a reading may also decide there is
    none): a clause complement; a that-less clause the parse took for an adverbial one;
    the words after "that"; a requested act; the clause that hosts a parenthetical cue; an
    object or topic."""
    for reading in (_clause_content, _gerund_clause_content, _bare_clause_content, _after_that_content,
                    _request_content, _host_content):
        found = reading(token, cls)
        if found is not _NEXT:
            return found
    return _object_content(token, cls)


def _clause_content(token, cls: str):
    doc = token.doc
    clauses = [c for c in token.children if c.dep_ == "ccomp"
               and (c.i > token.i or cls == "speech" or (
                   # "Rents will rise, analysts believe": a clause set off before the cue
                   cls in ("thought", "evidence") and doc[c.right_edge.i + 1].text == ","
                   and not any(t.text == "," for t in doc[c.right_edge.i + 2:token.i])))
               # a clause before a colon is the writer's ("A row erupted: X said ...")
               and not (c.i < token.i and any(t.text in (":", ";") for t in doc[c.right_edge.i:token.i]))]
    if not clauses:
        return _NEXT
    lemma = token.lemma_.lower()
    # what follows the cue is what it reports; a clause before it only when none follows
    child = min(clauses, key=lambda c: (c.i < token.i, c.i))
    if (cls in ("thought", "evidence") or lemma in _ACT_VERBS) and not _finite(child) and not (
            lemma in _INFINITIVE_THOUGHT and _object_infinitive(child)):  # "expects prices to rise"
        return None  # "allowed them to demonstrate": the act, not words
    s, e = _clause_span(child)
    cut = own_conjunct_cut(token, child) if child.i > token.i else None
    if cut is not None:  # "said he had fought ... and called it ...": the clause stops at "and"
        e = min(e, _trim(doc_text(doc), s, doc[cut].idx + len(doc[cut]))[1])
    return s, _more_clauses(token, child, e), MIN_CLAUSE_WORDS, "clause"


def _gerund_clause_content(token, cls: str):
    found = gerund_led_clause(token) if cls == "speech" else None
    if found is None:
        return _NEXT
    s, _ = _clause_span(found[0])  # "said legalizing it could put ...": from the gerund on
    _, e = _clause_span(found[1])
    return s, e, MIN_CLAUSE_WORDS, "clause"


def _bare_clause_content(token, cls: str):
    bare = next((c for c in token.children if c.dep_ == "advcl" and c.i > token.i and _finite(c)
                 and not any(m.dep_ == "mark" or m.tag_ in ("WRB", "WDT") for m in c.children)),
                None) if cls == "speech" else None
    if bare is None:
        return _NEXT
    # "said after the vote he would resign": a that-less clause the parse took for an
    # adverbial one (it has no "when", "because" or "if" of its own)
    s, e = _clause_span(bare)
    return s, e, MIN_CLAUSE_WORDS, "clause"


def _after_that_content(token, cls: str):
    doc = token.doc
    that = that_after(token)
    if that is None or cls != "speech":
        return _NEXT
    # "said that ..." that the parse did not make a clause: what follows "that" to the
    # end of the cue's phrase is what was said
    right = token.right_edge.i
    while right > that.i and (doc[right].is_punct and doc[right].text not in CLOSING_TOKENS):
        right -= 1
    if right <= that.i:
        return _NEXT
    s, e = _trim(doc_text(doc), doc[that.i + 1].idx, doc[right].idx + len(doc[right]))
    return s, e, MIN_CLAUSE_WORDS, "clause"


def _request_content(token, cls: str):
    for child in token.children:
        if (child.dep_ == "xcomp" and child.i > token.i and cls in ("request", "intent")
                and token.lemma_.lower() not in _ACT_VERBS):
            s, e = _clause_span(child)
            return s, e, MIN_CLAUSE_WORDS, "request"
        if child.dep_ in ("advcl", "xcomp") and child.i > token.i and cls == "speech" and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in child.children):
            # "called for the city to act": the for-clause is what is asked
            first = next(m for m in child.children if m.dep_ == "mark")
            _, e = _clause_span(child)
            s, _ = _trim(doc_text(token.doc), first.idx + len(first), e)
            return s, e, MIN_CLAUSE_WORDS, "request"
    return _NEXT


def _host_content(token, cls: str):
    host = _parataxis_host(token, cls) if token.lemma_.lower() not in _ACT_VERBS else None
    if host is None:
        return _NEXT
    s, e = _host_span(host, token)
    return s, e, MIN_CLAUSE_WORDS, "host"


def _object_content(token, cls: str) -> tuple[int, int, int, str] | None:
    lemma = token.lemma_.lower()
    # what the speaker talked about: "cited remarks ... as examples", "called for X"
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    endorsed = lemma in _ENDORSE_VERBS and obj is not None and person_object(obj)
    if (cls not in ("speech", "intent") and lemma not in _EVIDENCE_OBJECT_VERBS) \
            or lemma in _ACT_VERBS - ({lemma} if endorsed else set()) or lemma in _QUOTING_VERBS:
        return None  # the object of "quoted" is who or what was quoted, not the words
    if obj is not None and (obj.lemma_.lower() in _ACT_OBJECTS or is_time_phrase(obj) and not any(
            c.dep_ in ("oprd", "ccomp", "xcomp") for c in token.children)):
        return None  # "claimed 41 percent", "will speak Sunday": no words reported
    if obj is not None and lemma in _HEARER_VERBS and obj.lemma_.lower() not in _TOLD \
            and not any(c.dep_ == "xcomp" for c in token.children):
        obj = None  # "told the crowd", "briefed union workers": the object is who heard it
    if obj is not None and lemma in _ADDRESSEE_VERBS and (obj.ent_type_ or obj.pos_ in ("PRON", "PROPN")) \
            and not any(c.dep_ == "xcomp" and c.i > obj.i for c in token.children):
        obj = None  # "warned Iraq of strikes": the hearer ("urged Iraq to comply" asks it)
    if obj is None:
        prep = next((c for c in token.children if c.dep_ == "prep" and c.i > token.i
                     and c.lower_ in TOPIC_PREPS), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        if obj is None or is_time_phrase(obj):
            return None
    doc = token.doc
    right = obj.right_edge.i
    for child in token.children:  # "... as examples of X", "... of lying"
        if child.i > right and child.dep_ in ("prep", "oprd", "xcomp", "advmod") and (
                child.dep_ != "prep" or child.lower_ in TOPIC_PREPS + ("as",)):
            right = child.right_edge.i
    s, e = _trim(doc_text(doc), doc[obj.left_edge.i].idx, doc[right].idx + len(doc[right]))
    # "endorsed Smith", "criticized Lee": a named object is what they spoke for or against
    named = obj.dep_ == "dobj" and (obj.pos_ == "PROPN" or obj.ent_type_ in _NAMED_OBJECT_TYPES or endorsed)
    return s, e, 1 if named else MIN_OBJECT_WORDS, "object"


def _mood(cue) -> str | None:
    """"negated" for a cue that says nothing was said ("did not mention"), "unreal" for one
    not (yet) said: an infinitive ("to explain") or under a modal ("would say")."""
    if any(c.dep_ == "neg" for c in cue.children):
        return "negated"
    if any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in cue.children):
        return "unreal"
    return None


def _hypothetical(token) -> bool:
    """A cue inside an "if"/"unless"/"whether" clause reports nothing ("if the council
    wanted ...")."""
    node = token
    for _ in range(MAX_CONDITION_CLIMB):
        if has_mark(node, _HYPOTHETICAL_MARKS):
            return True
        if node.head is node:
            break
        node = node.head
    return False


def _adjective_cue(token) -> Attribution | None:
    """"farmers are afraid that the dam will fail", "she is confident the pact will hold": a
    stance adjective with a finite clause of its own; its holder is the subject of the verb
    it is the complement of (none when that is the writer: "I am sure that ...")."""
    clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i
                   and _finite(c)), None)
    if clause is None or _hypothetical(token):
        return None
    doc = token.doc
    s, e = _clause_span(clause)
    s, e = _same_paragraph(doc_text(doc), token.idx, s, e)
    if e <= s or _words(doc, s, e) < MIN_CLAUSE_WORDS:
        return None
    subj = subject_of(token.head, speaker=True) if token.dep_ in ("acomp", "oprd") else None
    if subj is not None and subj.lower_ in _WRITER_PRONOUNS:
        return None  # the writer's own stance
    mention, named_by = speaker_spans(subj, token)
    return Attribution("indirect", s, e, cue=token.text, cue_span=(token.idx, token.idx + len(token)),
                       speaker_span=mention, named_by=named_by, basis="clause", cue_class="thought")


def _noun_cue(token) -> Attribution | None:
    """"the minister's claim that ...", "she voiced concern that ...", "he expressed hope
    the ... will ...": a speech noun with a clause of its own (a that-clause, or any finite
    clause when the noun is what someone expressed); the speaker is its possessor or the
    subject of the verb it is the object of."""
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp") and (
        any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        or (token.dep_ == "dobj" and _finite(c) and c.i > token.i))), None)
    doc = token.doc
    if clause is None and token.i + 1 < len(doc):
        # "seized on a paper's report that the mayor had lost ...": the parse hung the
        # that-clause right after the noun on the verb the noun depends on
        that = doc[token.i + 1]
        if (that.lower_ == "that" and that.dep_ == "mark" and that.head.i > that.i
                and that.head.dep_ == "ccomp" and _finite(that.head)):
            clause = that.head
    if clause is None:
        return _noun_topic(token)
    s, e = _clause_span(clause)
    s, e = _same_paragraph(doc_text(doc), token.idx, s, e)
    if e <= s or _words(doc, s, e) < MIN_CLAUSE_WORDS:
        return None
    poss = next((c for c in token.children if c.dep_ == "poss"), None)
    mention, named_by = (phrase_span(poss), None) if poss is not None else (None, None)
    names = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if poss is None and names:  # "a Daily Ledger report that ...": the name is its author
        mention = (doc[names[0].left_edge.i].idx, names[-1].idx + len(names[-1]))
    if poss is None and token.dep_ == "dobj" and token.head is not token:
        mention, named_by = speaker_spans(speaker_of(token.head), token.head)
    mention = mention or noun_read_verb_speaker(token)
    return Attribution("indirect", s, e, cue=token.text, cue_span=(token.idx, token.idx + len(token)),
                       speaker_span=mention, named_by=named_by, basis="noun")


def _noun_topic(token) -> Attribution | None:
    """"the minister's claims about the deal", "the union voiced concern about the plan": what
    a speech noun is about, when it says whose words they are (a possessor, or the subject of
    the verb the noun is the object of)."""
    prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS), None)
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
    if obj is None or is_time_phrase(obj):
        return None
    doc = token.doc
    s, e = _trim(doc_text(doc), doc[obj.left_edge.i].idx,
                 doc[obj.right_edge.i].idx + len(doc[obj.right_edge.i]))
    s, e = _same_paragraph(doc_text(doc), token.idx, s, e)
    if e <= s or _words(doc, s, e) < MIN_OBJECT_WORDS:
        return None
    poss = next((c for c in token.children if c.dep_ == "poss"), None)
    if poss is not None:
        mention, named_by = phrase_span(poss), None
    elif token.dep_ == "dobj" and token.head.pos_ in ("VERB", "AUX"):
        # "the union voiced concern about the plan": who voiced it
        mention, named_by = speaker_spans(speaker_of(token.head), token.head)
    else:
        return None
    if mention is None:
        return None
    return Attribution("indirect", s, e, cue=token.text, cue_span=(token.idx, token.idx + len(token)),
                       speaker_span=mention, named_by=named_by, basis="noun")


def _same_paragraph(text: str, at: int, s: int, e: int) -> tuple[int, int]:
    """Clamp a span to the paragraph holding offset ``at`` (parses may run across lines)."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    return _trim(text, max(s, lo), min(e, hi))


def _more_clauses(cue, clause, end: int) -> int:
    """A clause the parser split into two sibling ccomps ("X said A ... was B") ends with
    the last of them."""
    for sib in cue.children:
        if clause.i < cue.i or sib.i <= clause.right_edge.i:
            continue
        if sib.dep_ == "ccomp" or (sib.dep_ == "conj" and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in sib.children)):
            _, e = _clause_span(sib)  # "reported that A, and that B"
            end = max(end, e)
    return end


def _parataxis_host(cue, cls: str):
    """For "The envoy must leave, officials said" parsed with the cue hanging on the clause,
    for a cue set off by commas inside it ("The test, Pyongyang said, was its biggest") and
    for an "as" clause ("As the minister noted, the port is closed")."""
    if cls != "speech" or cue.dep_ not in ("parataxis", "advcl", "conj") or cue.head is cue:
        return None
    if not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    if cue.dep_ == "conj" or cue.tag_ in ("VBG",):
        return None
    marks = [c.lower_ for c in cue.children if c.dep_ == "mark"]
    as_clause = bool(marks) and all(m in _AS_MARKS for m in marks)  # "as X noted, ..."
    if marks and not as_clause:
        return None  # "... because he cannot defend it": a subordinate clause reports nothing
    if cue.head.i > cue.i and not (cue.dep_ == "parataxis" and _set_off(cue) or as_clause):
        return None
    return cue.head


def _set_off(cue) -> bool:
    """Does a comma stand on each side of the cue's phrase (", Mr. Lee said,")?"""
    commas = [c for c in cue.children if c.dep_ == "punct" and c.text == ","]
    return any(c.i < cue.i for c in commas) and any(c.i > cue.i for c in commas)


def _host_span(host, cue) -> tuple[int, int]:
    """The host clause before the cue; or, around a cue set off inside it, the whole clause
    (its two parts are one statement)."""
    doc = host.doc
    left = host.left_edge.i
    # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the clause goes on
    right = host.right_edge.i if host.right_edge.i > cue.right_edge.i else cue.left_edge.i - 1
    while right > left and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    return _trim(doc_text(doc), doc[left].idx, doc[right].idx + len(doc[right]))


def _according(token) -> Attribution | None:
    """"according to X": X is the speaker, the clause around it the content."""
    doc = token.doc
    to = next(c for c in token.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    host = token.head
    while host.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") and host.head is not host:
        host = host.head
    sent = token.sent
    left, right = host.left_edge.i, host.right_edge.i
    phrase_l, phrase_r = token.left_edge.i, token.right_edge.i
    if phrase_l <= left:          # "According to X, the plan will fail."
        left = phrase_r + 1
    elif phrase_r >= right - 1:   # "The plan will fail, according to X."
        right = phrase_l - 1
    else:                         # "The plan, according to X, will fail."
        left = max(left, sent.start)
    if right < left:
        return None
    s, e = _trim(doc_text(doc), doc[left].idx, doc[right].idx + len(doc[right]))
    s, e = _same_paragraph(doc_text(doc), token.idx, s, e)
    if e <= s or _words(doc, s, e) < MIN_CLAUSE_WORDS:
        return None
    cue_end = to.idx + len(to)
    author = message_author(pobj)
    return Attribution("indirect", s, e, cue=doc_text(doc)[token.idx:cue_end], cue_span=(token.idx, cue_end),
                       speaker_span=phrase_span(author if author is not None else pobj), basis="according")


