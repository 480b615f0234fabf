"""The triggers of a sentence and how they embed one another.

Trigger tokens come from the pattern lexicon (triggers.py); frames ("agree to", "refuse to",
"urged X to", "said that ...") take their code from the act they embed; an obligation
("said Y must ...") is a demand on Y; event nouns fold into the verb that carries them
("made a proposal", "imposed a blockade") or the act they are the means of ("killed in an
air raid"), or are set in the clause that reports them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from tidings.data import words
from tidings.events.authors import act_agent
from tidings.events.qualifiers import announced
from tidings.events.roles import actor_modifier, prep_objects
from tidings.events.triggers import NOUN_POS, VERB_POS, Pattern, foreign_modifier, lemma, lexicon, match, \
    prefixed_bases, wrong_lemmas
from tidings.nlp.doctext import lemma_texts
from tidings.nlp.syntax import SUBJECT_DEPS, subject_of

_EMBED_DEPS = words("embed_deps")
_EMBED_OR_CONJ_DEPS = _EMBED_DEPS | {"conj"}
_VIOLENT_ROOTS = words("violent_roots")
# How many complement edges below a frame its embedded act may lie: enough for "agreed to
# try to open talks on ...", few enough that a frame does not reach into a clause of its own.
MAX_EMBED_DEPTH = 4


@dataclass
class Trigger:
    tok: object
    code: str | None
    pattern: Pattern | None
    anchor: object = None          # the support verb of a nominal event ("made" a proposal)
    suppressed: bool = False       # folded into another trigger
    embedded: "Trigger | None" = None
    accuses: "Trigger | None" = None  # a say-frame coded as accusation of the embedded source
    means: "Trigger | None" = None
    carrier: "Trigger | None" = None  # event noun used as object: its side is the target
    setting: object = None         # a governing verb whose subject is this noun's source
    frame_derived: bool = False
    extra: list = field(default_factory=list)
    phrase: object = None          # the noun an event noun modifies ("mediation mission")
    reported: bool = False         # another's act told by a say-frame that accuses its actor
    authorless: bool = False       # its object is an act whose author the text does not name
    # its object is a decision told before ("hailed the ruling"): the target is its author,
    # the actor the story last told acting (coder._prior_actor)
    answers_prior: bool = False

    @property
    def noun(self):
        """The head of the event's noun phrase: the trigger, or the noun it modifies."""
        return self.phrase if self.phrase is not None else self.tok

    @property
    def head(self):
        return self.anchor if self.anchor is not None else self.tok

    @property
    def root(self) -> str:
        return (self.code or "")[:2]


def find_triggers(sent) -> list[Trigger]:
    """The coded triggers of a sentence, in text order, frames resolved and nouns folded."""
    found = _candidates(sent)
    _attach_nouns(found)
    # innermost frames first: "rejected a proposal to hold talks" codes the proposal, then
    # the rejection
    for trig in sorted(found.values(), key=lambda t: -t.tok.i):
        _apply_frame(trig, found)
    for trig in found.values():
        if trig.suppressed or trig.tok.pos_ not in NOUN_POS or trig.anchor is not None:
            continue
        _fold_noun(trig, found)
    return [t for t in sorted(found.values(), key=lambda t: t.tok.i)
            if not t.suppressed and t.code]


def _candidates(sent) -> dict[int, Trigger]:
    """Tokens matching a pattern, and frame or obligation verbs without a pattern of their own."""
    lex = lexicon()
    found: dict[int, Trigger] = {}
    lemmas, doc = lemma_texts(sent.doc), sent.doc
    for i in range(sent.start, sent.end):
        if lemmas[i] not in _trigger_lemmas() and lemmas[i] not in wrong_lemmas() \
                and lemmas[i] not in lex.heads and lemmas[i] not in prefixed_bases():
            # no pattern, frame or obligation verb, no head noun that may stand for an act
            # told before, no verb split at its hyphen: no Token object made
            continue
        tok = doc[i]
        if tok.pos_ == "PROPN" and tok.ent_type_ in words("name_entity_labels"):
            continue  # part of a name ("Council for Mutual Cooperation"), not an act
        if tok.ent_type_ in words("non_trigger_entity_labels"):
            continue  # "in March", "two strikes a day", "$5 million in aid": not acts
        if lemma(tok) in words("naming_verbs") and any(c.dep_ == "oprd" for c in tok.children):
            continue  # "called the plan a provocation": a name given, not a call
        if tok.pos_ in VERB_POS and tok.dep_ == "amod":
            continue  # "the detained sailors", "a wounded officer": a state, not an act told
        pat = match(tok) or _like_earlier_act(tok)
        if pat is not None and pat.cameo == "-":
            continue  # "pleaded guilty", "released a poll": the word's sense that is no act
        if pat is not None:
            found[tok.i] = Trigger(tok, pat.cameo, pat)
            if pat.kind == "A":
                found[tok.i].anchor = tok.head  # the copula: its subject, negation, modality
        elif tok.pos_ in VERB_POS and (lemma(tok) in lex.frames
                                       or lemma(tok) in words("obligation_verbs")):
            found[tok.i] = Trigger(tok, None, None)
    return found


def _like_earlier_act(tok) -> Pattern | None:
    """"In a condolence telegram to X ... Similar telegrams were sent to Y": a head noun
    ("telegram", "message") said to be like one told before is the same kind of act; the
    pattern of the event noun that named the earlier one ("condolence"), or None."""
    if tok.pos_ not in NOUN_POS or lemma(tok) not in lexicon().heads \
            or not any(c.dep_ == "amod" and lemma(c) in words("likeness_modifiers")
                       for c in tok.children):
        return None
    name = lemma(tok)
    for earlier in reversed(tok.doc[:tok.sent.start]):
        if earlier.pos_ in NOUN_POS and lemma(earlier) == name:
            for mod in earlier.children:
                pat = match(mod) if mod.dep_ == "compound" and mod.pos_ in NOUN_POS else None
                if pat is not None:
                    return pat
    return None


@functools.lru_cache(maxsize=1)
def _trigger_lemmas() -> frozenset[str]:
    """Every lemma that can start a trigger: a verb or noun pattern, a frame, an obligation."""
    lex = lexicon()
    return frozenset(lex.verbs) | frozenset(lex.nouns) | frozenset(lex.frames) | frozenset(lex.stances) \
        | words("obligation_verbs")


def _attach_nouns(found: dict[int, Trigger]) -> None:
    """An event noun modifying another noun names the phrase or nothing; one that is the
    object of a support verb is carried by that verb."""
    lex = lexicon()
    for trig in found.values():
        tok = trig.tok
        # a listed head noun the tagger missed ("coup d'etat": X) still heads the phrase
        if (tok.pos_ in NOUN_POS and tok.dep_ == "compound" or foreign_modifier(tok)) \
                and (tok.head.pos_ in NOUN_POS or lemma(tok.head) in lex.heads):
            if lemma(tok.head) in lex.heads and tok.head.i not in found:
                trig.phrase = tok.head  # "began a mediation mission between X and Y"
            else:
                trig.suppressed = True  # "a video call" (call carries it), "attack helicopters"
    for trig in found.values():
        noun = trig.noun
        if (noun.pos_ in NOUN_POS or noun is trig.phrase) and noun.dep_ in ("dobj", "nsubjpass") \
                and lemma(noun.head) in lex.light \
                and (noun.head.i not in found or found[noun.head.i].pattern is None):
            trig.anchor = noun.head  # a frame verb used as support verb: "ordered the release"
        elif noun.dep_ == "attr" and lemma(noun.head) == "be" and lemma(noun) in words("stance_nouns"):
            trig.anchor = noun.head  # "has never been an advocate of X": the copula's polarity


def _apply_frame(trig: Trigger, found: dict) -> None:
    lex = lexicon()
    name = lemma(trig.tok)
    if trig.suppressed:
        return
    own_root = trig.pattern.cameo[:2] if trig.pattern is not None else None
    if name in words("obligation_verbs") and (own_root is None or own_root in words("demand_roots")) \
            and _obligation(trig, found):
        return  # "declared that Y must ...": a demand on Y
    if name in words("assertion_demand_verbs") and _asserts(trig.tok) \
            and _embedded(trig.tok, found, say=True) is None:
        trig.code = None  # "insisted that change will come": a view stated, no demand made
        return
    if name not in lex.frames:
        return
    particles = lex.frame_particles.get(name)
    if particles and not any(c.lower_ in particles for c in trig.tok.children):
        if trig.pattern is None:
            trig.code = None
        return  # "looked at the talks" is not "looked forward to the talks"
    if trig.pattern is not None and (own_root in words("frame_own_act_roots")
                                     or trig.pattern.specificity == 2):
        # "called X to congratulate him" is a call, not an appeal; a fully specified
        # pattern ("called off the strike") names the act itself
        return
    emb = _embedded(trig.tok, found, say=name in words("say_frames"))
    if emb is not None and emb.anchor is not None and emb.anchor.i == trig.tok.i:
        trig.code = trig.pattern.cameo if trig.pattern is not None else None
        return  # the verb only carries its object's act ("committed a massacre")
    if emb is None or not emb.code:
        if trig.pattern is None:
            trig.code = None
        return
    code = lex.frame_code(name, emb.code)
    if name in words("say_frames"):
        _apply_say_frame(trig, emb, code)
        return
    if code is None:
        return
    trig.code, trig.embedded, trig.frame_derived = code, emb, True
    emb.suppressed = True


def _apply_say_frame(trig: Trigger, emb: Trigger, code: str | None) -> None:
    """"X said Y attacked": X accuses Y; "X said they would blockade Y": a threat by the
    speaker's side (coded on the embedded act), not an accusation."""
    if emb.root in words("threat_roots") and announced(emb) and _own_act(trig, emb):
        trig.code = trig.pattern.cameo if trig.pattern is not None else None
        return
    trig.code = code
    trig.accuses = emb if code else None
    emb.reported = bool(code)


def _own_act(say: Trigger, emb: Trigger) -> bool:
    """Does the speaker announce its own act ("X said it / they would ...", "X said X will")?
    Another's planned act, reported, is an accusation ("Sylvania said Freedonia had planned
    to shell the port")."""
    actor = subject_of(emb.head)
    speaker = subject_of(say.tok)
    if actor is None or speaker is None:
        return False
    return actor.pos_ == "PRON" or actor.lower_ == speaker.lower_


def _obligation(trig: Trigger, found: dict) -> bool:
    """"X said Y must / should ...": a demand on Y (CAMEO 10), coded from what Y must do."""
    for clause in trig.tok.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in VERB_POS | {"AUX"}:
            continue
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if not auxes & words("obligation_aux"):
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ not in ("PROPN", "NOUN") \
                or any(c.lower_ in words("negating_determiners") for c in subj.children):
            return False  # "we must ...", "no one should ...": resolve or principle, not a demand
        emb = found.get(clause.i)
        code = lexicon().frame_code("demand", emb.code) if emb is not None and emb.code else None
        if emb is not None:
            emb.suppressed = True  # what Y must do has not happened
        trig.code = code or "100"
        trig.accuses = Trigger(clause, trig.code, None)  # its subject is the target
        trig.frame_derived = True
        return True
    return False


def _asserts(verb) -> bool:
    """Does the verb state a that-clause in the indicative ("insisted that the plan will
    work", "insisted the talks had failed") rather than demand it ("insisted that he
    resign", "insisted that Y must withdraw", "insisted on talks")? CAMEO codes a demand
    only where an act is asked of an actor."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in VERB_POS | {"AUX"}:
            continue
        auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in words("obligation_aux") for a in auxes):
            return False
        tensed = [clause] + auxes
        if any(t.tag_.lower() in words("indicative_tags") for t in tensed):
            return True
    return False


def _embedded(tok, found: dict, say: bool) -> Trigger | None:
    """The first trigger below ``tok`` along complement edges (breadth first)."""
    frontier = [c for c in tok.children if (c.dep_ == "ccomp" if say else c.dep_ in _EMBED_DEPS)]
    for _ in range(MAX_EMBED_DEPTH):
        nxt = []
        for t in frontier:
            if t.i in found and found[t.i].code and not found[t.i].suppressed:
                return found[t.i]
            if t.i in found and lemma(t) in lexicon().frames:
                continue  # another frame governs below
            nxt.extend(c for c in t.children if c.dep_ in _EMBED_OR_CONJ_DEPS
                       and not _content_clause(t, c))
        frontier = nxt
    return None


def _content_clause(noun, clause) -> bool:
    """A clause with its own subject under a noun ("demanded an admission that X killed
    them", "rejected reports that X attacked") tells what the noun says, not the act the
    frame asks for or rejects."""
    return noun.pos_ in NOUN_POS and clause.dep_ in ("acl", "ccomp", "relcl") \
        and any(c.dep_ in SUBJECT_DEPS for c in clause.children)


def _fold_noun(trig: Trigger, found: dict) -> None:
    """Event nouns under another trigger: object (target carrier), means, or setting (the
    phrase's head noun for an event noun modifying one: "in a condolence telegram")."""
    tok = trig.noun
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.i in found and found[head.i].code:
        found[head.i].carrier = trig
        # "protested the killing of X by Y troops": a violent act whose author is named is
        # an event of its own besides the reaction to it
        trig.suppressed = not _told_violence(trig, found[head.i])
        return
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in words("means_preps"):
        verb = head.head  # the owner may be a verb or another event noun ("shelling ... in a raid")
        if _fold_means(trig, verb, found):
            return
        # "made her proposal for a ceasefire in a call with X": the adjunct may hang off a
        # noun inside the object; the clause's verb sets the scene
        while verb.pos_ not in VERB_POS and verb.dep_ in ("pobj", "prep", "dobj", "conj", "appos") \
                and verb.head is not verb:
            verb = verb.head
        if verb.pos_ in VERB_POS:
            trig.setting = verb


def _told_violence(trig: Trigger, owner: Trigger) -> bool:
    """Is a violent event noun that another act takes as object ("protested the killings of
    X by Y", "condemned Y's shelling of X") told with its author? Then it happened, and is
    coded besides the act about it; an act of violence said to be planned or feared, or one
    whose author the text leaves out, stays folded."""
    if trig.root not in _VIOLENT_ROOTS or owner.root in _VIOLENT_ROOTS:
        return False
    return act_agent(trig.tok) is not None or actor_modifier(trig.tok) is not None


def _fold_means(trig: Trigger, verb, found: dict) -> bool:
    """A violent event noun under a means preposition is the means of the violent act it
    follows: folded into that act."""
    owner = found.get(verb.i)
    if (owner is None or not owner.code or owner.suppressed) and trig.root in _VIOLENT_ROOTS:
        # "the feud began with the shelling of X in an air raid": the adjunct hangs off the
        # clause's verb; the violent act it is the means of is elsewhere in that clause
        owner = _violent_in_clause(verb, trig, found)
    if owner is not None and owner.code and not owner.suppressed \
            and owner.root in _VIOLENT_ROOTS and trig.root in _VIOLENT_ROOTS:
        # "twenty were killed in clashes between X and Y": a fight between named sides is
        # an act of its own, whoever did the killing
        trig.suppressed = not prep_objects(trig.tok, ("between",))
        owner.means = trig
        return True
    return False


def _violent_in_clause(verb, trig: Trigger, found: dict) -> Trigger | None:
    """The nearest violent trigger before ``trig`` in ``verb``'s subtree: the means adjunct
    follows the act it serves ("the shelling of X ... in an air raid")."""
    best = None
    # the subject is not the act's means ("the feud between X and Y began with the shelling")
    subject = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    for t in verb.subtree:
        if t.i >= trig.tok.i:
            break
        if t.i in subject:
            continue
        other = found.get(t.i)
        if other is None or other is trig or other.suppressed or not other.code \
                or other.root not in _VIOLENT_ROOTS:
            continue
        if best is None or abs(t.i - trig.tok.i) < abs(best.tok.i - trig.tok.i):
            best = other
    return best
