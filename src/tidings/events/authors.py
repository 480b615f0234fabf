"""Sides the text leaves unsaid or gives as a thing that stands for an actor.

A careful coder reads these the same way every time:

- a document as a side stands for its author or its parties: "That resolution calls for a
  withdrawal" is the body that adopted it (named in its own phrase, "the UN resolution",
  or at an earlier mention of the same document, "UN Resolution 425 ... that resolution");
  "signed the accession papers", "ratified the accession treaty" are aimed at the
  organisation joined (named in the document's phrase, else the one the story last named);
- an arrest or a detention told in the passive without its agent ("a man was arrested in
  Freedonia") is made by the police of where it happened, else of the dateline's country
  (PLOVER codes "was arrested in X" with X as the source);
- "an offensive by the army against villages" parsed with "by the army" on the noun above
  the act ("the day of an offensive by ...") keeps the army as the act's author.
"""
from __future__ import annotations

from dataclasses import replace

from tidings.data import word_list, words
from tidings.events import roles
from tidings.events.ontology import code_in
from tidings.nlp.dateline import dateline
from tidings.events.triggers import NOUN_POS, VERB_POS, lemma, match
from tidings.nlp.syntax import first_conjunct, subject_of
from tidings.records import Side

# Dependencies that keep a place one with the object of its preposition ("in Lima, Peru").
_PLACE_PARTS = ("compound", "appos", "conj", "flat")


# --- documents -------------------------------------------------------------------------------

def document_author(tok):
    """The token naming the author of a document standing as a side ("the UN resolution",
    "that resolution" after "UN Resolution 425"), or ``tok`` itself."""
    if tok is None or tok.pos_ not in NOUN_POS or lemma(tok) not in words("document_nouns"):
        return tok
    own = _own_author(tok)
    if own is not None:
        return own
    if any(c.dep_ == "det" and c.lower_ in words("new_document_determiners")
           for c in tok.children):
        return tok  # "a resolution": a new one, not one told before
    for earlier in reversed(tok.doc[:tok.i]):  # the same document told before
        if earlier.pos_ in NOUN_POS and lemma(earlier) == lemma(tok):
            found = _own_author(earlier)
            if found is not None:
                return found
    return tok


def _own_author(tok):
    return roles.actor_modifier(tok) or roles.agent_of(tok) \
        or next(iter(roles.prep_objects(tok, ("by",))), None)


def joined_body(d, actors):
    """The organisation an accession document is aimed at ("signed the papers of accession
    to NATO", "ratified the accession treaty"), as a token, or None when ``d`` is no such
    document or the story names no organisation before it. The possessor of such a document
    is the one joining ("signed Freedonia's accession document"): the document is read."""
    if d.dep_ == "poss":
        d = d.head
    if d.pos_ not in NOUN_POS or lemma(d) not in words("document_nouns"):
        return None
    if not any(lemma(t) in words("accession_nouns") for t in d.subtree):
        return None
    if actors is None:
        return None
    lo, hi = d.left_edge.idx, d.right_edge.idx + len(d.right_edge)
    sent = d.sent
    line = dateline(d.doc)
    start = line.end if line is not None else 0  # a headline or dateline is no side
    bodies = [(s, e) for actor, (s, e) in actors.mentions_in(start, sent.end_char)
              if actor.country == "IGO"]
    inside = [m for m in bodies if lo <= m[0] and m[1] <= hi]
    same = [m for m in bodies if sent.start_char <= m[0]]
    before = [m for m in bodies if m[1] <= sent.start_char]
    # its own phrase ("papers of accession to NATO"), else its sentence, else the last told
    span = inside[0] if inside else same[0] if same else before[-1] if before else None
    if span is None:
        return None
    found = d.doc.char_span(*span, alignment_mode="expand")
    return found.root if found is not None else None


# --- the author of an arrest -----------------------------------------------------------------

def implied_custodian(trig, code: str, sides, places, actors=None):
    """``sides`` with the police of where it happened as the source of an agentless passive
    arrest ("a Freedonian man was arrested in Ruritania"), else the police of a country the
    sentence before names ("Ruritanian police said they held 14 men. The men, ..., were
    rounded up"), else the dateline's; a target guessed by proximity is dropped there (the
    one arrested is the passive subject, or nobody the text names)."""
    head = trig.head
    if sides.sources or sides.pairs is not None or not code_in(code, "custody_codes") \
            or head.pos_ not in VERB_POS or trig.tok.i != head.i \
            or not roles.is_passive(head) or roles.agent_of(head) is not None:
        return sides
    country, mention = _where(head, places)
    told = _police_told_before(head, actors) if mention is None or _at_dateline(mention, places) \
        else None
    if told is not None:
        country, mention = told.country, told.mention
    if country is None:
        return sides
    police = Side(None, "police", country=country, sector="COP", code=country + "COP",
                  mention=mention, extra={"implied": True})
    # "was arrested in Niger": the place gives the police, it is not the one arrested
    targets = [] if sides.guessed else [t for t in sides.targets if t.mention != mention]
    return replace(sides, sources=[police], targets=targets, guessed=1)


def _where(head, places) -> tuple[str | None, tuple | None]:
    """The country of a place the verb's own locative names ("arrested on Monday in X"),
    else the dateline's."""
    spans = []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in words("custody_place_preps"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for t in [obj] + [c for c in obj.children if c.dep_ in _PLACE_PARTS]:
                    spans.append(roles.np_span(t))
    for place in places:
        if place.use == "location" and place.country and not place.dateline \
                and any(s <= place.start and place.end <= e for s, e in spans):
            return place.country, (place.start, place.end)
    line = next((p for p in places if p.dateline and p.country), None)
    return (line.country, (line.start, line.end)) if line is not None else (None, None)


def _at_dateline(mention: tuple, places) -> bool:
    return any(p.dateline and (p.start, p.end) == tuple(mention) for p in places)


def _police_told_before(head, actors) -> Side | None:
    """Police of a known country that the sentence before names: those who told of arrests
    ("Ruritanian police said on Tuesday they had arrested 14 foreigners")."""
    if actors is None or head.sent.start == 0:
        return None
    before = head.doc[head.sent.start - 1].sent
    for actor, mention in actors.mentions_in(before.start_char, before.end_char):
        if actor.sector == "COP" and actor.country:
            return actor.ref(mention)
    return None


# --- an agent the parse hung one noun too high -----------------------------------------------

def stray_agent(tok) -> tuple[object, list]:
    """"The second day of an offensive by the army against villages": the parse hung "by the
    army" on "day" (or on "was"); when the act noun is the "of" object of a noun that is no
    act, that noun's "by" object is the act's author, and what hangs on the author ("against
    villages") its target. Returns (author token or None, target tokens)."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or roles.agent_of(tok) is not None:
        return None, []
    above = tok.head.head
    if above.pos_ not in NOUN_POS or match(above) is not None:
        return None, []
    hosts = [above]
    if above.dep_ == "attr" and not roles.is_passive(above.head):
        hosts.append(above.head)  # "it was the third day of an offensive by the army"
    agent = next((a for h in hosts for a in roles.prep_objects(h, ("by",))), None)
    if agent is None:
        return None, []
    return agent, roles.prep_objects(agent, word_list("stray_agent_target_preps"))


# --- a relative clause on a coordination ----------------------------------------------------

def relative_head(noun, pronoun):
    """"Five Freedonians and a Sylvanian who were questioned": a relative clause whose verb is
    plural hung on the last of coordinated nouns stands for them all; the first conjunct
    (whose conjuncts the side reader walks) is returned, else ``noun``."""
    if noun is None or pronoun is None or noun.dep_ != "conj" or noun.i == pronoun.i:
        return noun
    clause = pronoun.head
    if clause.dep_ != "relcl" or clause.head.i != noun.i:
        return noun
    verbs = [clause] + [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if not any(v.lower_ in words("plural_verb_forms") or v.tag_ == "VBP" for v in verbs):
        return noun  # "X and a man who was questioned": the man alone
    return first_conjunct(noun)


def act_agent(noun):
    """The "by" object naming who did an act noun: its own ("the killings by police"), or
    one the parse hung on the active verb that takes the act as object ("protested the
    killings of villagers by police": no one protests by the police); a gerund ("by
    walking out") is the verb's means, not an author."""
    own = roles.agent_of(noun)
    if own is not None or noun.dep_ != "dobj":
        return own
    verb = noun.head
    if verb.pos_ not in VERB_POS or roles.is_passive(verb):
        return None
    agent = roles.agent_of(verb)
    return agent if agent is not None and agent.pos_ in NOUN_POS else None


# --- a past participle modifying its victim -------------------------------------------------

def participle_sides(head) -> tuple[list, list] | None:
    """Sides of a past participle modifying a noun, read as the passive it is: "an engineer
    kidnapped and presumed killed by rebels" is the rebels' act on the engineer. The agent
    may stand on a participle coordinated with it or hung on the same noun; None when
    ``head`` is no such participle or no "by" agent is told."""
    if head.tag_ != "VBN":
        return None
    first = first_conjunct(head)
    noun = first.head
    if first.dep_ != "acl" or noun is first or noun.pos_ not in NOUN_POS:
        return None
    if head.i > 0 and lemma(head.doc[head.i - 1]) in words("supposition_participles"):
        return [], []  # "presumed killed": a supposition, not an act told
    chain = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    chain += [c for p in chain for c in p.conjuncts if c.tag_ == "VBN"]
    agent = next((a for a in map(roles.agent_of, [head] + chain) if a is not None), None)
    if agent is None:
        return None  # "activists detained last week": other rules find who holds them
    return [agent], [noun]


# --- a stance told as being moved by another's act --------------------------------------------

def appraised_act(head):
    """The act a passive of appraisal is about ("was heartened by Kenya's cooperation",
    "was disappointed by the court's ruling"): the subject judges it, and its author is the
    target, as with "welcomed Kenya's cooperation". None when ``head`` is no such passive."""
    if lemma(head) not in words("appraisal_passives") or not roles.is_passive(head) \
            or any(c.dep_ in ("xcomp", "advcl", "ccomp") for c in head.children):
        return None  # "was encouraged by X to attend": X's appeal, not a judgement
    return roles.agent_of(head)


# --- a group's country from where it comes from -----------------------------------------------

def origin_country(tok, side: Side, actors) -> Side:
    """"Activists from the Fatah party", "students throughout Indonesia": a group the actor
    table left without a country takes the country of the party or country its phrase says
    it comes from (a coder codes the activists as that party's, the students as Indonesia's)."""
    if side.country is not None or side.actor is None or not actors:
        return side
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in words("origin_preps"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            hit = actors.at(obj.idx, obj.idx + len(obj))
            country = hit[0].country if hit is not None else None
            if country:
                return side.copy(country=country, code=country + (side.sector or ""))
    return side


# --- a stance said of a copula's subject ------------------------------------------------------

def stance_sides(trig) -> tuple[list, list]:
    """"X is satisfied with Y's cooperation", "X are against Y's expansion": the copula's
    subject holds the stance; its object (an adjective's prepositional object, the
    preposition's own object) is what it is about, whose possessor or actor the side picker
    finds in its phrase."""
    tok, copula = trig.tok, trig.head
    src = [subject_of(copula)]
    if tok.pos_ == "ADP":
        tgt = [c for c in tok.children if c.dep_ == "pobj"]
    else:
        tgt = roles.prep_objects(tok, tuple(trig.pattern.prep or ()))
    return [s for s in src if s is not None], tgt


# --- the countries an approved enlargement takes in --------------------------------------------

def membership_targets(tokens: list, code: str, head, actors) -> list:
    """Target tokens of an act about membership: an accession document stands for the
    organisation joined ("ratified the accession treaty", ``joined_body``); an approval of
    an enlargement (``enlargement_approval_roots``) for those who join (``joiners``), then the
    enlargement itself; an approval with no target, in a sentence about an enlargement, for
    those who join it (``enlargement_in_sentence``)."""
    approval = code[:2] in words("enlargement_approval_roots")
    out = []
    for t in tokens:
        body = joined_body(t, actors)
        if body is not None:
            out.append(body)
        else:
            out.extend((joiners(t, actors) if approval else []) + [t])
    return out or (enlargement_in_sentence(head, actors) if approval else [])


def joiners(tok, actors):
    """The tokens naming who joins, when ``tok`` (a target of an approval) is an
    organisation's enlargement: "ratified NATO expansion to include X", "approved their
    joining the alliance", "backed Freedonia's accession", "approved the enlargement move"
    (the ones the story names as joining or becoming members); approving an enlargement is
    cooperation with those who join, not with the organisation. [] when ``tok`` is no
    enlargement or no one joining is named."""
    if tok.dep_ == "dobj" and lemma(tok.head) in words("joining_verbs"):  # "their joining X"
        return [_outer_subject(c, tok.head) for c in tok.head.children
                if c.dep_ in ("nsubj", "nsubjpass")]
    if not _enlargement(tok):
        return []
    own = [c for c in tok.children if c.dep_ == "poss"] + roles.prep_objects(tok, ("of",))
    for x in (tok, tok.head):  # "expansion to include X": the parse may hang it on the verb
        own.extend(o for c in x.children if c.dep_ in ("xcomp", "acl", "relcl")
                   and lemma(c) in words("inclusion_verbs")
                   for o in c.children if o.dep_ == "dobj")
    own = [t for t in own if not _igo(t, actors)]
    return own or _named_joiners(tok.doc, tok.i)


def enlargement_in_sentence(tok, actors) -> list:
    """"The ratification of NATO enlargement concluded after X gave its go-ahead": an
    approval that names no object, in a sentence about an enlargement, approves it; who
    joins, as ``joiners`` finds them (or the subject of a joining the approval governs),
    or []."""
    for verb in (c for c in tok.children if c.dep_ in ("xcomp", "ccomp")):
        if lemma(verb) in words("joining_verbs"):  # "approved that they join", parsed so
            return [_outer_subject(c, verb) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for t in tok.sent:
        if t.i != tok.i and _enlargement(t):
            return joiners(t, actors)
    return []


def _outer_subject(subj, verb):
    """"X can now take part, because the members approved their joining": a pronoun subject
    of a joining under an approval stands for the subject of a clause above the approval (the
    approvers do not join); ``subj`` itself when it is no pronoun or none is found."""
    if subj.pos_ != "PRON":
        return subj
    approver = subject_of(verb.head)
    cur = verb.head
    for _ in range(3):
        if cur.head is cur:
            break
        cur = cur.head
        found = subject_of(cur)
        if found is not None and found.pos_ != "PRON" and found is not approver:
            return found
    return subj


def _enlargement(tok) -> bool:
    """"NATO expansion", "the enlargement move"; not a document ("the accession treaty":
    ``joined_body`` reads it)."""
    if tok.pos_ not in NOUN_POS or lemma(tok) in words("document_nouns"):
        return False
    return lemma(tok) in words("enlargement_nouns") or any(
        c.dep_ == "compound" and lemma(c) in words("enlargement_nouns") for c in tok.children)


def _igo(tok, actors) -> bool:
    hit = actors.at(tok.idx, tok.idx + len(tok)) if actors else None
    return hit is not None and hit[0].country == "IGO"


def _named_joiners(doc, near: int) -> list:
    """The subject the story gives a joining ("X will join the alliance", "X were accepted
    as members", "X are to become full members") nearest token ``near``."""
    found = []
    for t in doc:
        if t.pos_ in VERB_POS and lemma(t) in words("joining_verbs"):
            verb = t
        elif lemma(t) in words("member_nouns") and (t.dep_ == "attr" or (
                t.dep_ == "pobj" and t.head.lower_ == "as")):
            verb = t.head.head if t.dep_ == "pobj" else t.head
        else:
            continue
        for _ in range(3):  # "are scheduled to become members": up the complement chain
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None or verb.dep_ != "xcomp":
                break
            verb = verb.head
        if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON"):
            found.append(subj)
    return sorted(found, key=lambda s: abs(s.i - near))[:1]
