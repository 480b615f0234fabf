"""Event coder: triggers (data/event_patterns.tsv) + dependency roles -> CAMEO/PLOVER events.

Per sentence: find trigger tokens; let frames ("agree to", "refuse to", "urged X to", "said
that ...") take their code from the act they embed; fold event nouns into the verb that
carries them ("made a request", "imposed sanctions", "killed in a drone strike"); read the
sides off the parse (roles.py); map negated cooperation to rejection ("would not discuss" ->
125); set modality, date, place and confidence; drop weak events and duplicates.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tidings.events import roles
from tidings.nlp.doctext import doc_text
from tidings.events.ontology import describe
from tidings.events.triggers import NOUN_POS, VERB_POS, Pattern, lemma, lexicon, match

# Below this an event is not reported. 0.45 keeps a two-sided event even with uncoded sides
# when asserted or claimed (0.5, 0.45), and drops one-sided events (0.3-0.45; protests and
# force postures, which often have no target, excepted), planned/possible acts with uncoded
# sides, and negated ones.
MIN_CONFIDENCE = 0.45
# Roots whose events are commonly reported without a target.
TARGETLESS_ROOTS = {"14", "15"}
# Roots whose acts may stand without a target but still need the usual confidence
# ("agreed to resign", "declared a ceasefire"); any other root without a target is dropped.
ONE_SIDED_ROOTS = {"08"}
# Roots and verbs whose conjoined subjects are each other's partners when no object is named:
# intent to cooperate, consultation, diplomatic cooperation, material cooperation, and fights.
RECIPROCAL_ROOTS = {"03", "04", "05", "06"}
RECIPROCAL_LEMMAS = {"clash", "fight", "battle", "skirmish", "spar", "feud", "exchange", "swap"}
# Verbal roots whose that-clause subject is the addressee when no object is named: appeal,
# demand, disapprove, reject, threaten.
VERBAL_ROOTS = {"02", "10", "11", "12", "13"}
# Force postures (CAMEO 15): the object is one's own force, never the target.
FORCE_ROOTS = {"15"}
# Modals that turn a reported clause into a demand on its subject ("Y must disarm").
OBLIGATION_AUX = {"must", "should"}
# Determiners of an event noun that points back to an act told elsewhere ("the killing").
DEFINITE = {"the", "this", "that", "these", "those"}
# Verbs whose that-clause is reported, not asserted by the article.
REPORT_VERBS = {"say", "tell", "claim", "allege", "report", "state", "add", "announce",
                "insist", "argue", "accuse", "believe", "think", "suggest", "deny", "warn"}
# Frames whose embedded act still happened (as a claim) and whose own event is an accusation.
SAY_FRAMES = {"say", "claim", "allege"}
PLAN_VERBS = {"ready", "willing", "prepared", "eager", "keen", "plan", "intend", "prepare", "seek", "aim", "want", "hope", "try", "attempt",
              "expect", "consider", "mull", "propose", "threaten", "vow", "promise", "pledge",
              "agree", "decide", "offer", "swear"}
# Plan verbs whose coercive complement is announced to the target: CAMEO codes "X plans to /
# is prepared to / will impose sanctions" as a threat (13), not as the act or as nothing.
THREAT_PLAN_VERBS = {"ready", "prepared", "prepare", "plan", "intend", "consider", "mull",
                     "threaten", "warn", "vow", "swear", "decide"}
# Verbs of attempt: a tried attack, assassination or hack is itself the (material) act.
ATTEMPT_VERBS = {"try", "attempt"}
# Roots whose announced (future or conditional) commission is a threat: protest (14), force
# posture (15), reduced relations and sanctions (16), coercion (17) and violence (18-20).
THREAT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
# Reporting verbs whose "that Y must / should ..." clause is a demand on Y (CAMEO 10).
OBLIGATION_VERBS = {"say", "claim", "allege", "declare", "announce", "state", "conclude", "stress",
                    "add", "tell", "write", "argue", "reiterate", "emphasize", "emphasise",
                    "maintain", "note", "insist", "demand", "remind", "assert"}
FUTURE_AUX = {"will", "'ll", "shall", "would", "wo", "going"}
POSSIBLE_AUX = {"may", "might", "could", "can", "ca"}
# Edges followed from a frame to the act it embeds (its object, to-clause, complement).
EMBED_DEPS = {"xcomp", "ccomp", "dobj", "prep", "pobj", "acl", "pcomp", "relcl", "advcl"}
# "killed in a drone strike": an event noun under these prepositions is the means.
MEANS_PREPS = {"in", "with", "by", "through", "during"}
VIOLENT_ROOTS = {"18", "19", "20"}
MAX_SIDES = 4  # coordinated sides beyond this are list noise ("A, B, C, D and E")


@dataclass
class Trigger:
    tok: object
    code: str | None
    pattern: Pattern | None
    anchor: object = None          # the support verb of a nominal event ("made" a request)
    suppressed: bool = False       # folded into another trigger
    embedded: "Trigger | None" = None
    accuses: "Trigger | None" = None  # a say-frame coded as accusation of the embedded source
    means: "Trigger | None" = None
    carrier: "Trigger | None" = None  # event noun used as object: its side is the target
    setting: object = None         # a governing verb whose subject is this noun's source
    frame_derived: bool = False
    extra: list = field(default_factory=list)
    phrase: object = None          # the noun an event noun modifies ("mediation effort")
    reported: bool = False         # another's act told by a say-frame that accuses its actor

    @property
    def noun(self):
        """The head of the event's noun phrase: the trigger, or the noun it modifies."""
        return self.phrase if self.phrase is not None else self.tok

    @property
    def head(self):
        return self.anchor if self.anchor is not None else self.tok


def find_events(doc, actors, times, places, published=None) -> list[dict]:
    """Events of one article, in text order (see docs/output-contract.md)."""
    if published is None:
        published = doc.user_data.get("published") if hasattr(doc, "user_data") else None
    if isinstance(published, dt.date):
        published = published.isoformat()
    events: list[dict] = []
    for sent in doc.sents:
        for trig in _triggers(sent):
            events.extend(_code(trig, sent, actors, times or [], places or [], published))
    return _finish(events)


# --- triggers ---------------------------------------------------------------------------

def _triggers(sent) -> list[Trigger]:
    lex = lexicon()
    found: dict[int, Trigger] = {}
    for tok in sent:
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW"):
            continue  # part of a name ("Organisation of Islamic Cooperation"), not an act
        pat = match(tok)
        if pat is not None:
            found[tok.i] = Trigger(tok, pat.cameo, pat)
        elif tok.pos_ in VERB_POS and (lemma(tok) in lex.frames or lemma(tok) in OBLIGATION_VERBS):
            found[tok.i] = Trigger(tok, None, None)
    for trig in found.values():  # an event noun modifying another noun
        tok = trig.tok
        if tok.pos_ in NOUN_POS and tok.dep_ == "compound" and tok.head.pos_ in NOUN_POS:
            if lemma(tok.head) in lex.heads and tok.head.i not in found:
                trig.phrase = tok.head  # "launched a mediation effort between X and Y"
            else:
                trig.suppressed = True  # "a phone call" (call carries it), "attack helicopters"
    for trig in found.values():  # nominal events carried by a support verb
        noun = trig.noun
        if noun.pos_ in NOUN_POS and noun.dep_ in ("dobj", "nsubjpass") \
                and lemma(noun.head) in lex.light \
                and (noun.head.i not in found or found[noun.head.i].pattern is None):
            trig.anchor = noun.head  # a frame verb used as support verb: "ordered the release"
    # innermost frames first: "spurned a request to pull out" codes the request, then the spurning
    for trig in sorted(found.values(), key=lambda t: -t.tok.i):
        _apply_frame(trig, found)
    for trig in found.values():
        if trig.suppressed or trig.tok.pos_ not in NOUN_POS or trig.anchor is not None:
            continue
        _fold_noun(trig, found)
    return [t for t in sorted(found.values(), key=lambda t: t.tok.i)
            if not t.suppressed and t.code]


def _apply_frame(trig: Trigger, found: dict) -> None:
    lex = lexicon()
    name = lemma(trig.tok)
    if trig.suppressed:
        return
    if name in OBLIGATION_VERBS and (trig.pattern is None or trig.pattern.cameo[:2] == "10") \
            and _obligation(trig, found):
        return  # "declared that Y must ...": a demand on Y
    if name not in lex.frames:
        return
    if trig.pattern is not None and (trig.pattern.cameo[:2] == "04" or trig.pattern.specificity == 2):
        # "called X to congratulate him" is a phone call, not an appeal; a fully specified
        # pattern ("called off the strike") names the act itself
        return
    emb = _embedded(trig.tok, found, say=name in SAY_FRAMES)
    if emb is not None and emb.anchor is not None and emb.anchor.i == trig.tok.i:
        trig.code = trig.pattern.cameo if trig.pattern is not None else None
        return  # the verb only carries its object's act ("committed a massacre")
    if emb is None or not emb.code:
        if trig.pattern is None:
            trig.code = None
        return
    code = lex.frame_code(name, emb.code)
    if name in SAY_FRAMES:
        if emb.code[:2] in THREAT_ROOTS and _announced(emb) and _own_act(trig, emb):
            # "X said they would blockade Y": a threat by the speaker's side (coded on the
            # embedded act), not an accusation
            trig.code = trig.pattern.cameo if trig.pattern is not None else None
            return
        trig.code = code
        trig.accuses = emb if code else None
        emb.reported = bool(code)
        return
    if code is None:
        return
    trig.code, trig.embedded, trig.frame_derived = code, emb, True
    emb.suppressed = True


def _own_act(say: Trigger, emb: Trigger) -> bool:
    """Does the speaker announce its own act ("X said it / they would ...", "X said X will")?
    Another's planned act, reported, is an accusation ("Trump said Iran had planned to attack")."""
    actor = roles.subject_of(emb.head)
    speaker = roles.subject_of(say.tok)
    if actor is None or speaker is None:
        return False
    return actor.pos_ == "PRON" or actor.lower_ == speaker.lower_


def _obligation(trig: Trigger, found: dict) -> bool:
    """"X said Y must / should ...": a demand on Y (CAMEO 10), coded from what Y must do."""
    for clause in trig.tok.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in VERB_POS | {"AUX"}:
            continue
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if not auxes & OBLIGATION_AUX:
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ not in ("PROPN", "NOUN") \
                or any(c.lower_ == "no" for c in subj.children):
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


def _embedded(tok, found: dict, say: bool) -> Trigger | None:
    """The first trigger below ``tok`` along complement edges (breadth first, 4 levels)."""
    frontier = [c for c in tok.children if (c.dep_ == "ccomp" if say else c.dep_ in EMBED_DEPS)]
    for _ in range(4):
        nxt = []
        for t in frontier:
            if t.i in found and found[t.i].code and not found[t.i].suppressed:
                return found[t.i]
            if t.i in found and lemma(t) in lexicon().frames:
                continue  # another frame governs below
            nxt.extend(c for c in t.children if c.dep_ in EMBED_DEPS | {"conj"})
        frontier = nxt
    return None


def _fold_noun(trig: Trigger, found: dict) -> None:
    """Event nouns under another trigger: object (target carrier), means, or setting."""
    tok = trig.tok
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.i in found and found[head.i].code:
        trig.suppressed = True
        found[head.i].carrier = trig
        return
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in MEANS_PREPS:
        verb = head.head  # the owner may be a verb or another event noun ("killing ... in a strike")
        owner = found.get(verb.i)
        if (owner is None or not owner.code or owner.suppressed) and trig.code[:2] in VIOLENT_ROOTS:
            # "began with the US killing of X in a drone strike": the adjunct hangs off the
            # clause's verb; the violent act it is the means of is elsewhere in that clause
            owner = _violent_in_clause(verb, trig, found)
        if owner is not None and owner.code and not owner.suppressed:
            if owner.code[:2] in VIOLENT_ROOTS and trig.code[:2] in VIOLENT_ROOTS:
                trig.suppressed = True
                owner.means = trig
                return
        # "made his request for a US troop withdrawal in a phone call": the adjunct may hang
        # off a noun inside the object; the clause's verb sets the scene
        while verb.pos_ not in VERB_POS and verb.dep_ in ("pobj", "prep", "dobj", "conj", "appos") \
                and verb.head is not verb:
            verb = verb.head
        if verb.pos_ in VERB_POS:
            trig.setting = verb


def _violent_in_clause(verb, trig: Trigger, found: dict) -> Trigger | None:
    """The nearest violent trigger before ``trig`` in ``verb``'s subtree: the means adjunct
    follows the act it serves ("the killing of X ... in a drone strike")."""
    best = None
    # the subject is not the act's means ("the war between X and Y began with the killing")
    subject = {t.i for c in verb.children if c.dep_ in roles.SUBJ_DEPS for t in c.subtree}
    for t in verb.subtree:
        if t.i >= trig.tok.i:
            break
        if t.i in subject:
            continue
        other = found.get(t.i)
        if other is None or other is trig or other.suppressed or not other.code \
                or other.code[:2] not in VIOLENT_ROOTS:
            continue
        if best is None or abs(t.i - trig.tok.i) < abs(best.tok.i - trig.tok.i):
            best = other
    return best


# --- sides ------------------------------------------------------------------------------

def _side_tokens(trig: Trigger) -> tuple[list, list]:
    """Source and target head tokens, best first."""
    tok, head, noun = trig.tok, trig.head, trig.noun
    src, tgt = [], []
    comp = trig.pattern.comp if trig.pattern and trig.pattern.comp else frozenset()
    if head.pos_ in VERB_POS:
        if trig.code and trig.code[:2] == "04":  # "discussed Iran with X": X is the partner
            tgt.extend(roles.prep_objects(head, ("with",)))
        if roles.is_passive(head):
            src.append(roles.agent_of(head))
            if trig.means is not None:
                src.append(roles.actor_modifier(trig.means.tok))
            tgt.extend(c for c in head.children if c.dep_ == "nsubjpass")
        else:
            src.append(roles.subject_of(head))
        tgt.extend(c for c in head.children if c.dep_ == "dative")
        dobjs = [c for c in head.children if c.dep_ == "dobj" and c.i not in (tok.i, noun.i)]
        weak = []
        if trig.code and trig.code[:2] in FORCE_ROOTS:
            # "mobilized troops for the war against X", "deployed forces to X": the object is
            # the actor's own force; the target is where or against whom it goes
            for x in [head] + dobjs:
                tgt.extend(roles.prep_objects(x, roles.FORCE_PREPS))
                for p in roles.prep_objects(x, ("for",)):  # "for a ground assault against X"
                    tgt.extend(roles.prep_objects(p, ("against", "on", "in")))
            weak.extend(dobjs)
            dobjs = []
        for d in dobjs:
            if lemma(head) in lexicon().topic:  # "discussed the withdrawal": a topic, not a side
                continue
            carrier = trig.carrier if trig.carrier is not None and trig.carrier.tok.i == d.i else None
            if carrier is not None or _is_event_noun(d):
                mod = roles.actor_modifier(d) or roles.agent_of(d)
                if mod is not None:
                    tgt.append(mod)
                    continue
            elif d.pos_ == "NOUN" and lemma(d) not in comp:
                mod = roles.actor_modifier(d)  # "welcomed Trump's decision": Trump
                if mod is not None and mod.dep_ == "poss" and mod.lower_ in roles.PRONOUN_POSS:
                    weak.append(d)  # "offered its troops to X": the actor's own, not the target
                    continue
                if mod is not None and mod.dep_ == "poss":
                    tgt.append(mod)
                    continue
            thing = lemma(d) in comp or any(lemma(c) in comp for c in d.children)
            (weak if thing else tgt).append(d)  # "suspended aid donations for X": X first
        if trig.code and trig.code[:2] in VERBAL_ROOTS and not tgt and not dobjs:
            # "protested that Croatian authorities are failing ...", "demanded that its partners
            # refuse ...": the one the reported clause is about is the addressee
            for clause in (c for c in head.children if c.dep_ == "ccomp"):
                tgt.extend(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                           and c.pos_ in ("PROPN", "NOUN"))
        tgt.extend(roles.prep_objects(head))
        for d in dobjs:
            tgt.extend(roles.prep_objects(d))
        if trig.code and _is_aid(trig.code):  # "aid for Romania": the beneficiary
            for x in [head] + dobjs:
                weak.extend(roles.prep_objects(x, ("for",)))
        if tok.i != head.i:  # nominal event under a support verb: its own prepositions
            of = ("of",) if trig.code and trig.code[:2] in roles.OF_TARGET_ROOTS else ()
            tgt.extend(roles.prep_objects(noun, of + roles.TARGET_PREPS + ("between",)))
            src.append(roles.actor_modifier(noun))  # "launched a US-led mediation effort"
        for x in head.children:  # "agreed to open its borders to X": the to-verb's objects
            if x.dep_ == "xcomp":
                tgt.extend(c for c in x.children if c.dep_ in ("dative", "dobj"))
                tgt.extend(roles.prep_objects(x))
        tgt.extend(weak)
        if head.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            # "summoned the ambassador to complain about X": the one summoned hears it
            tgt.extend(c for c in head.head.children if c.dep_ == "dobj")
    else:  # a nominal event
        src.append(roles.actor_modifier(tok))
        src.append(roles.agent_of(tok))
        if noun is not tok:
            src.append(roles.actor_modifier(noun))
            src.append(roles.agent_of(noun))
        for child in tok.children:
            if child.dep_ == "acl":
                src.append(roles.agent_of(child))
        if trig.setting is not None:
            src.append(roles.subject_of(trig.setting))  # "X made a request in a phone call"
        preps = roles.TARGET_PREPS
        if trig.code[:2] in roles.OF_TARGET_ROOTS:
            preps = ("of",) + preps
        tgt.extend(roles.prep_objects(tok, preps + ("between",)))
        if _is_aid(trig.code):  # "an aid package for X"
            tgt.extend(roles.prep_objects(noun, ("for",)))
        if noun is not tok:
            tgt.extend(roles.prep_objects(noun, preps + ("between",)))
        if trig.setting is not None and not tgt:
            tgt.extend(roles.prep_objects(trig.setting))
    if trig.embedded is not None:  # after the frame's own: "agreed to provide $70m of aid for X"
        _, emb_tgt = _side_tokens(trig.embedded)
        tgt.extend(emb_tgt)
    src = [roles.resolve_relative(s) for s in src if s is not None]
    tgt = [roles.resolve_relative(t) for t in tgt if t is not None]
    return [s for s in src if s.lower_ not in roles.RELATIVE], \
        [t for t in tgt if t.lower_ not in roles.RELATIVE and t.i not in (tok.i, noun.i)]


def _is_aid(code: str) -> bool:
    """Giving or promising material aid (07, 033): its "for" object is the recipient."""
    return code[:2] == "07" or code[:3] == "033"


def _is_event_noun(tok) -> bool:
    return tok.pos_ in NOUN_POS and match(tok) is not None


def _sides(tok, actors) -> list[dict]:
    out = []
    for t in roles.conjuncts(tok)[:MAX_SIDES]:
        start, end = roles.np_span(t)
        head_hit = actors.at(t.idx, t.idx + len(t)) if actors else None
        if head_hit is not None:
            out.append(head_hit[0].ref(head_hit[1]))
            continue
        hits = actors.mentions_in(start, end) if actors else []
        seen = set()
        for actor, mention in hits:
            if actor.id not in seen:
                seen.add(actor.id)
                out.append(actor.ref(mention))
        if not seen:
            out.append({"actor": None, "name": doc_text(t.doc)[start:end], "country": None,
                        "sector": None, "code": None, "mention": [start, end]})
    return out


def _strong(tok, actors) -> bool:
    """Does this phrase name an actor (coded mention, proper name, pronoun, actor modifier)?"""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in roles.ACTORISH_ENTS:
        return True
    if actors and actors.mentions_in(*roles.np_span(tok)):
        return True
    return any(c.pos_ == "PROPN" or c.ent_type_ in roles.ACTORISH_ENTS for c in tok.lefts)


def _pick(tokens, actors, strict: bool) -> list[dict]:
    for tok in tokens:
        if strict and not _strong(tok, actors):
            continue
        sides = _sides(tok, actors)
        if sides:
            return sides
    return []


def _topic_spans(trig: Trigger) -> list[tuple[int, int]]:
    """Character spans of a topic verb's objects ("discussed the withdrawal of US troops")."""
    head = trig.head
    if head.pos_ not in VERB_POS or lemma(head) not in lexicon().topic:
        return []
    return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
            for c in head.children if c.dep_ == "dobj"]


def _nearby(trig: Trigger, actors, after: bool, avoid: list[dict],
            skip: list[tuple[int, int]] = ()) -> list[dict]:
    """The coded actor nearest the trigger in its clause, on the given side of it: a guess
    for a side the parse did not give (PETRARCH-style proximity)."""
    if not actors:
        return []
    lo, hi = _clause(trig)
    at = trig.tok.idx
    taken = [tuple(a["mention"]) for a in avoid if a and a.get("mention")] + list(skip)
    best = None
    for actor, (s, e) in actors.mentions_in(lo, hi):
        if (after and s < at) or (not after and e > at):
            continue
        if any(s < te and ts < e for ts, te in taken) or any(a and a.get("actor") == actor.id for a in avoid):
            continue
        dist = abs(s - at)
        if best is None or dist < best[0]:
            best = (dist, actor, (s, e))
    return [best[1].ref(best[2])] if best else []


def _antecedent(tok, actors):
    """A pronoun subject ("Russia said it had expelled") stands for the nearest governing
    clause's non-pronoun subject."""
    if tok.pos_ != "PRON" or (actors and actors.at(tok.idx, tok.idx + len(tok))):
        return tok
    cur, steps = tok.head, 0
    while cur.head.i != cur.i and steps < 6:
        cur, steps = cur.head, steps + 1
        subj = next((c for c in cur.children if c.dep_ in roles.SUBJ_DEPS), None)
        if subj is not None and subj.pos_ != "PRON":
            return subj
    return tok


# --- modality, negation, time, place ----------------------------------------------------

def _negated(tok) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) or (c.dep_ == "det" and c.lower_ == "no")
               for c in tok.children)


def _modality(trig: Trigger) -> str:
    tok = trig.head
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if auxes & POSSIBLE_AUX:
        return "possible"
    if auxes & FUTURE_AUX:
        return "planned"
    cur, steps = tok, 0
    # an adverbial or relative clause ("when X was killed") is asserted on its own
    while cur.dep_ not in ("ROOT", "advcl", "relcl") and steps < 8:
        dep, cur, steps = cur.dep_, cur.head, steps + 1
        if dep == "xcomp" and lemma(cur) in ATTEMPT_VERBS and (trig.code or "")[:2] in VIOLENT_ROOTS | {"17"}:
            return "asserted"  # "tried to assassinate": the attempt is the act
        if dep == "xcomp" and lemma(cur) in PLAN_VERBS:
            return "threatened" if lemma(cur) in ("threaten", "warn") else "planned"
        if dep == "ccomp" and lemma(cur) in REPORT_VERBS:
            return "claimed"
    return "asserted"


def _announced(trig: Trigger) -> bool:
    """Is the act announced as the actor's own future course ("will / would / is prepared to /
    plans to impose ...", "may halt talks if ...")? Such coercive acts are threats."""
    tok = trig.head
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX:
        return True
    if auxes & POSSIBLE_AUX:  # "may halt ... if / unless": a conditional threat; bare "could" is speculation
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                             for m in c.children) for c in tok.children)
    cur = tok
    for _ in range(3):
        if cur.dep_ != "xcomp" or cur.head is cur:
            return False
        cur = cur.head
        if lemma(cur) in THREAT_PLAN_VERBS:
            return True
    return False


def _clause(trig: Trigger, own_phrase: bool = False):
    """The highest verb reached from the trigger without crossing a reported clause; with
    ``own_phrase``, for an event noun not carried by a support verb, the noun phrase itself
    ("the killing of X on Jan. 3"): the surrounding clause's time is usually the report's."""
    if own_phrase and trig.anchor is None and trig.tok.pos_ in NOUN_POS:
        tok = trig.tok
        return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    cur = trig.head
    while cur.dep_ not in ("ROOT", "ccomp") and cur.head is not cur:
        cur = cur.head
    return cur.left_edge.idx, cur.right_edge.idx + len(cur.right_edge)


def _nearest(items: list[dict], lo: int, hi: int, at: int) -> dict | None:
    inside = [x for x in items if x.get("start") is not None and lo <= x["start"] and x["end"] <= hi]
    return min(inside, key=lambda x: abs(x["start"] - at)) if inside else None


def _date(trig, sent, times, published) -> tuple[str | None, str | None, str]:
    lo, hi = _clause(trig, own_phrase=True)
    at = trig.tok.idx
    spans = [((lo, hi), "clause")]
    if trig.means is not None:  # "the killing of X in a drone strike on Jan. 3"
        m = trig.means.tok
        spans.append(((m.left_edge.idx, m.right_edge.idx + len(m.right_edge)), "clause"))
    if trig.anchor is not None or trig.tok.pos_ not in NOUN_POS:
        spans.append(((sent.start_char, sent.end_char), "sentence"))
    else:  # an event noun: a time after it qualifies it ("the killing of X ... on Jan. 3");
        # one before it belongs to the reporting clause ("on Friday spurned ... after the killing")
        spans.append(((trig.tok.idx, sent.end_char), "sentence"))
    for (a, b), source in spans:
        # only calendar values ("2020-01-08", "2020-W02"), not "PRESENT_REF"/"FUTURE_REF"
        hit = _nearest([t for t in times if str(t.get("value") or "")[:1].isdigit()], a, b, at)
        if hit is not None:
            return hit["value"], hit.get("text"), source
    return published, None, "published" if published else "none"


def _place(trig, actors, places) -> dict | None:
    lo, hi = _clause(trig)
    metonyms = getattr(actors, "metonyms", set()) or set()
    usable = [p for p in places if (p.get("start"), p.get("end")) not in metonyms]
    hit = _nearest(usable, lo, hi, trig.tok.idx)
    if hit is None:
        return None
    return {"name": hit.get("name") or hit.get("text"), "country": hit.get("country"),
            "lat": hit.get("lat"), "lon": hit.get("lon")}


# --- coding -----------------------------------------------------------------------------

def _code(trig: Trigger, sent, actors, times, places, published) -> list[dict]:
    code = trig.code
    negated = _negated(trig.head) or (trig.anchor is not None and _negated(trig.tok))
    if negated:
        flipped = lexicon().frame_code("NOT", code)
        if flipped:  # "would not discuss" is a rejection, asserted
            code, negated, trig.frame_derived = flipped, False, True
    src_toks, tgt_toks = _side_tokens(trig)
    if trig.accuses is not None:  # "X said Y planned to attack": X accuses Y
        emb_src, _ = _side_tokens(trig.accuses)
        tgt_toks = emb_src
    if trig.anchor is None and trig.tok.pos_ in NOUN_POS and not src_toks and not tgt_toks \
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in trig.tok.children):
        return []  # "the forces used in the killing": a definite bare event noun names an act told elsewhere
    if not src_toks:  # "the war between X and Y" describes a state, not an act of X on Y
        kept = [t for t in tgt_toks if not (t.head.dep_ == "prep" and t.head.lower_ == "between")]
        if len(kept) < len(tgt_toks) and not kept:
            return []
        tgt_toks = kept
    src_toks = [_antecedent(t, actors) for t in src_toks]
    guessed = 0
    sources = _pick(src_toks, actors, strict=False)
    if not sources:
        sources = _nearby(trig, actors, after=False, avoid=[])
        guessed += bool(sources)
    targets = _pick(tgt_toks, actors, strict=True)
    pairs = None
    if not targets and len(sources) >= 2 and _reciprocal(trig, code):
        # "Freedonia and Ruritania agreed to ...": the conjoined subjects act on each other
        pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
    if not targets and pairs is None:
        if trig.accuses is None:  # a reported clause names its own subject: no guessing there
            targets = _nearby(trig, actors, after=True, avoid=sources, skip=_topic_spans(trig))
            guessed += bool(targets)
        if not targets:
            targets = _pick(tgt_toks, actors, strict=False)
    if not sources and not targets:
        return []
    if not targets and pairs is None and code[:2] not in TARGETLESS_ROOTS | ONE_SIDED_ROOTS:
        return []  # "would not discuss the withdrawal": a one-sided report of a two-sided act
    modality = "asserted" if trig.accuses is not None or trig.frame_derived and code[:2] == "12" \
        else _modality(trig)
    if modality == "planned" and code[:2] in ("04", "05", "06", "07", "08"):
        intent = lexicon().frame_code("INTENT", code)  # "will meet": intent to meet (036)
        if intent:
            code, modality, trig.frame_derived = intent, "asserted", True
    if modality in ("planned", "possible", "threatened") and code[:2] in THREAT_ROOTS:
        # "will impose sanctions", "is prepared to impose martial law", "may halt talks if":
        # an announced coercive act is a threat (CAMEO 13); a hoped-for or expected one is
        # not an event at all
        threat = None if negated or trig.reported or not _announced(trig) \
            else lexicon().frame_code("threaten", code)
        if not threat:
            return []
        code, modality, trig.frame_derived = threat, "asserted", True
    date, date_text, date_source = _date(trig, sent, times, published)
    place = _place(trig, actors, places)
    toks = [trig.tok] + ([trig.anchor] if trig.anchor is not None else [])
    toks += [c for c in trig.tok.children if c.dep_ == "prt"]
    first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    span = [first.idx, last.idx + len(last)]
    trigger_text = " ".join(t.text for t in sorted(toks, key=lambda t: t.i))
    out = []
    if pairs is None:
        pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
    for s, t in pairs:
        if s and t and _key(s) == _key(t):
            continue
        conf = round(_confidence(trig, s, t, modality, negated) - 0.05 * guessed, 2)
        if conf < MIN_CONFIDENCE:
            continue
        event = {"id": None, "start": sent.start_char, "end": sent.end_char,
                 "trigger": trigger_text, "trigger_span": span, "sentence": sent.text,
                 "source": s, "target": t}
        event.update(describe(code))
        event.update({"date": date, "date_text": date_text, "date_source": date_source,
                      "place": place, "negated": negated, "modality": modality,
                      "confidence": conf})
        out.append(event)
    return out


def _reciprocal(trig: Trigger, code: str) -> bool:
    """Acts that conjoined subjects do to each other ("X and Y met / agreed / clashed")."""
    if trig.embedded is not None and trig.embedded.code[:2] in RECIPROCAL_ROOTS:
        return True  # "X and Y failed to reach agreement": they fail each other
    return code[:2] in RECIPROCAL_ROOTS or lemma(trig.tok) in RECIPROCAL_LEMMAS


def _confidence(trig: Trigger, s, t, modality: str, negated: bool) -> float:
    """A heuristic score: coded sides, a specific pattern and an asserted act raise it."""
    conf = 0.5
    conf += 0.15 if s and s.get("actor") else 0.0
    conf += 0.15 if t and t.get("actor") else 0.0
    conf += 0.1 if trig.frame_derived or (trig.pattern and trig.pattern.specificity) else 0.0
    if s is None or t is None:  # one-sided events are weak, except where usual
        conf -= 0.1 if trig.code[:2] in TARGETLESS_ROOTS else 0.2
    conf -= {"asserted": 0.0, "claimed": 0.05, "planned": 0.1, "threatened": 0.1,
             "possible": 0.15}.get(modality, 0.1)
    conf -= 0.3 if negated else 0.0
    return round(max(0.0, min(conf, 0.99)), 2)


def _key(side: dict | None) -> str:
    if not side:
        return ""
    return side.get("actor") or (side.get("name") or "").lower()


def _side_id(side: dict | None) -> str:
    if not side:
        return ""
    return side.get("country") or _key(side)


def _finish(events: list[dict]) -> list[dict]:
    """One event per (source, target, root, date) per article: the most confident, then the
    most specific code. An event dated only by the publication date that repeats a dyad and
    root dated in the text is a later mention of that event ("the US killing of ..."): dropped."""
    best: dict[tuple, dict] = {}
    for ev in events:
        key = (_key(ev["source"]), _key(ev["target"]), ev["root"], ev["date"])
        rank = (ev["confidence"], len(ev["cameo"]))
        if key not in best or rank > (best[key]["confidence"], len(best[key]["cameo"])):
            best[key] = ev
    dated = {(_side_id(e["source"]), _side_id(e["target"]), e["root"])
             for e in best.values() if e["date_source"] in ("clause", "sentence")}
    kept = [e for e in best.values() if e["date_source"] != "published"
            or (_side_id(e["source"]), _side_id(e["target"]), e["root"]) not in dated]
    kept.sort(key=lambda e: (e["start"], e["trigger_span"][0]))
    for n, ev in enumerate(kept, 1):
        ev["id"] = f"E{n}"
    return kept
