"""The sides of an event: head tokens read off the parse, then the actors they name.

First the tokens that may name the source and the target, best first (roles.py reads each
relation); then the actors: the first token naming a coded actor wins, a side the parse did
not give is guessed from the nearest coded actor in the clause (PETRARCH-style proximity),
and conjoined subjects of a reciprocal act ("X and Y met") are each other's partners.
"""
from __future__ import annotations

from dataclasses import dataclass

from tidings.data import word_list, words
from tidings.actors import coref
from tidings.events import authors, roles
from tidings.events.authors import act_agent, appraised_act, document_author, participle_sides, \
    relative_head, stray_agent
from tidings.events.frames import Trigger
from tidings.events.ontology import code_in
from tidings.events.targets import absent_spans, force_targets, harm, own_force, own_force_spans, \
    target_preps, topic_spans
from tidings.events.qualifiers import clause_span
from tidings.events.triggers import NOUN_POS, VERB_POS, lemma, lexicon, match
from tidings.nlp.dateline import dateline
from tidings.nlp.doctext import doc_text
from tidings.nlp.syntax import SUBJECT_DEPS, first_conjunct, resolve_relative, subject_of
from tidings.records import Side

MAX_SIDES = 4  # coordinated sides beyond this are list noise ("A, B, C, D and E")
# How many governing clauses up a pronoun subject's antecedent is looked for.
MAX_ANTECEDENT_CLIMB = 6


# --- head tokens ---------------------------------------------------------------------------

def side_tokens(trig: Trigger) -> tuple[list, list]:
    """Source and target head tokens, best first."""
    tok, noun = trig.tok, trig.noun
    if trig.pattern is not None and trig.pattern.kind == "A":
        src, tgt = authors.stance_sides(trig)
    elif trig.head.pos_ in VERB_POS:
        src, tgt = _verbal_side_tokens(trig)
    else:
        src, tgt = _nominal_side_tokens(trig)
    if trig.embedded is not None:  # after the frame's own: "agreed to provide $5m of aid for X"
        emb_src, emb_tgt = side_tokens(trig.embedded)
        # "refused to respond to a request from X": the embedded act's author is X
        tgt.extend(s for s in emb_src if s.dep_ == "pobj" and s.head.lower_ == "from")
        tgt.extend(emb_tgt)
    if trig.root in words("site_target_roots"):  # last: "lifted the curfew in the capital"
        for x in {trig.head.i: trig.head, trig.noun.i: trig.noun}.values():
            tgt.extend(roles.prep_objects(x, word_list("site_target_preps")))
    src = [s for s in (_relative_side(s, trig.head) for s in src if s is not None)
           if s is not None]
    tgt = [relative_head(resolve_relative(t), t) for t in tgt if t is not None]
    relative = words("relative_pronouns")
    return [s for s in src if s.lower_ not in relative], \
        [t for t in tgt if t.lower_ not in relative and t.i not in (tok.i, noun.i)]


def _relative_side(tok, verb):
    """The noun a relative pronoun subject stands for; none for "which" after a place ("the
    bombings at the embassies in Kenya and Tanzania, which killed 250 people": the clause is
    about what happened there, which the parse did not reach, not about the country)."""
    noun = resolve_relative(tok)
    clauses = [c for c in noun.children if c.dep_ == "relcl"
               and c.left_edge.i <= verb.i <= c.right_edge.i]
    if not any(w.dep_ in SUBJECT_DEPS and w.lower_ == "which" for c in clauses for w in c.children):
        return noun
    first = first_conjunct(noun)
    if first.dep_ == "pobj" and first.head.lower_ in words("place_antecedent_preps") \
            and noun.ent_type_ in words("place_entity_labels"):
        return None
    return noun


def _verbal_side_tokens(trig: Trigger) -> tuple[list, list]:
    """Sides of a verb (or of an event noun carried by a support verb)."""
    tok, head, noun = trig.tok, trig.head, trig.noun
    weak = []
    src, tgt = _subject_sides(trig)
    tgt.extend(c for c in head.children if c.dep_ == "dative")
    dobjs = [c for c in head.children if c.dep_ == "dobj" and c.i not in (tok.i, noun.i)]
    dobjs += [a for a in [appraised_act(head)] if a is not None]  # the act judged
    if own_force(trig):
        # "mobilized troops for the offensive against X", "deployed forces to X": the object
        # is the actor's own force; the target is where or against whom it goes
        tgt.extend(force_targets(head, dobjs,
                                 withdrawal=trig.root not in words("force_posture_roots")))
        if trig.root in words("force_posture_roots"):
            weak.extend(dobjs)
        dobjs = []
    unauthored = set()  # objects that are acts without a named author: no target in them
    if lemma(head) not in lexicon().topic:  # "discussed the pullout": a topic, not a side
        comp = trig.pattern.comp if trig.pattern and trig.pattern.comp else frozenset()
        for d in dobjs:
            side, is_weak = _object_side(trig, d, comp)
            if side is not None:
                (weak if is_weak else tgt).append(side)
            elif trig.authorless and harm(d):
                unauthored.add(d.i)
    if trig.root in words("addressee_clause_roots") and not tgt and not dobjs:
        tgt.extend(_clause_addressees(head))
    tgt.extend(roles.prep_objects(head, target_preps(trig)))
    if _visits(trig.code):  # "visited troops in the border region": where they went
        tgt.extend(roles.prep_objects(head, word_list("visit_place_preps")))
    if trig.root in words("violent_roots"):  # "a bomb exploded outside the embassy"
        tgt.extend(roles.prep_objects(head, word_list("violent_site_preps")))
    for d in dobjs:
        if d.i not in unauthored:  # "condemned the attacks on the embassy": not the embassy
            tgt.extend(roles.prep_objects(d))
    if trig.code and _is_aid(trig.code):  # "aid for Sylvania": the beneficiary
        for x in [head] + dobjs:
            weak.extend(roles.prep_objects(x, ("for",)))
    if tok.i != head.i:  # nominal event under a support verb: its own prepositions
        of = ("of",) if trig.root in words("of_target_roots") else ()
        tgt.extend(roles.prep_objects(noun, of + target_preps(trig) + ("between",)))
        src.append(roles.actor_modifier(noun))  # "began a UN-led mediation mission"
    tgt.extend(_to_clause_objects(head))
    tgt.extend(weak)
    tgt.extend(_purpose_hearers(head))
    return src, tgt


def _subject_sides(trig: Trigger) -> tuple[list, list]:
    """The source a verb's subject or passive agent gives, and the target a passive subject
    or a partner ("discussed trade with X") gives."""
    head = trig.head
    src, tgt = [], []
    participle = participle_sides(head)  # "a resolution co-sponsored by X and Y", too
    if participle is not None:  # "an engineer kidnapped by rebels": the rebels' act on him
        return participle
    if appraised_act(head) is not None:  # "she was heartened by X's help": she judges it
        return [c for c in head.children if c.dep_ == "nsubjpass"], []
    if trig.root in words("partner_roots"):  # "discussed trade with X": X is the partner
        tgt.extend(roles.prep_objects(head, ("with",)))
    if roles.is_passive(head) and lemma(head) in words("stative_participles") \
            and roles.agent_of(head) is None:
        # "Israel is opposed to French mediation": a stance its subject holds
        src.extend(c for c in head.children if c.dep_ == "nsubjpass")
    elif roles.is_passive(head):
        src.append(roles.agent_of(head))
        if trig.means is not None:
            src.append(roles.actor_modifier(trig.means.tok))
        tgt.extend(c for c in head.children if c.dep_ == "nsubjpass")
    else:
        src.append(subject_of(head))
    return src, tgt


def _author(tok, actors):
    """The side an act standing as the subject stands for: "the Freedonian shelling killed
    ten" was Freedonia's; "the embassy bombings killed 200 people" names no author (the
    embassy is where it happened), and no actor in the phrase is the source. A noun that
    names an actor ("the suicide bomber") stands for itself."""
    if tok.pos_ not in NOUN_POS or lemma(tok) not in words("located_act_nouns") \
            or tok.ent_type_ in words("actor_entity_labels") \
            or (actors and actors.at(tok.idx, tok.idx + len(tok))):
        return tok
    author = roles.actor_modifier(tok) or roles.agent_of(tok)
    line = dateline(tok.doc)
    if author is not None and line is not None and author.idx < line.end:
        return tok  # "KABUL - A Taliban attack": the parse hung the dateline on the act
    return author


def _object_side(trig: Trigger, d, comp) -> tuple[object, bool]:
    """The token a direct object stands for as target, and whether it is a weak one (a thing
    given or the actor's own, ranked after the prepositional targets)."""
    if _prior_decision(trig, d):
        trig.answers_prior = True  # "hailed the ruling": the ruling's author, told before
        return None, False
    carried = trig.carrier is not None and trig.carrier.tok.i == d.i
    reaction = trig.root in words("reaction_roots")
    generic = reaction and lemma(d) in words("act_nouns")
    if carried or _is_event_noun(d) or generic:
        mod = roles.actor_modifier(d) or act_agent(d)
        if mod is None and generic:  # "condemned the acts of the navy": the navy
            mod = next(iter(roles.prep_objects(d, ("of",))), None)
        if mod is not None and mod.lower_ in words("person_possessives"):
            # "backed his threat of force": whoever "his" stands for, unless the actor itself
            # (pick_sides), ranked after the targets the phrase names
            return mod, True
        if mod is not None and mod.lower_ in words("own_possessives"):
            return None, False  # "expressed its regret to X": the actor's own act; X is next
        if mod is not None:
            return mod, False  # "rejected a Freedonian proposal": Freedonia
        act = match(d)
        if reaction and (generic or act is not None and act.cameo[:2] != trig.root):
            # "condemned the bombing of the embassy": the one condemned is whoever bombed
            # it, which the text does not say; the embassy is not the target
            trig.authorless = True
            return None, False
    elif d.pos_ == "NOUN" and lemma(d) not in comp:
        mod = roles.actor_modifier(d)  # "welcomed Sylvania's decision": Sylvania
        if mod is not None and mod.dep_ == "poss":
            # "offered its troops to X": the actor's own, not the target
            return (d, True) if mod.lower_ in words("own_possessives") else (mod, False)
    thing = lemma(d) in comp or any(lemma(c) in comp for c in d.children)
    if lemma(d) in words("abroad_roles"):
        thing = False  # "summoned the ambassador to the ministry": the envoy, not the ministry
    return d, thing  # "suspended aid donations for X": X first


def _prior_decision(trig: Trigger, d) -> bool:
    """"Hailed the ruling", "criticized the move": a reaction to a definite decision whose
    phrase names no author (no possessor, modifier, agent, "of" or "from" object)."""
    if trig.root not in words("decision_reaction_roots") or lemma(d) not in words("decision_nouns"):
        return False
    if trig.root in words("enlargement_approval_roots") and authors.joiners(d, None):
        return False  # "approved the enlargement move": aimed at those who join (pick_sides)
    if not any(c.dep_ == "det" and c.lower_ in words("definite_determiners") for c in d.children):
        return False
    if any(c.dep_ in ("acl", "relcl", "ccomp") and not any(m.lower_ == "to" for m in c.children)
           for c in d.children):
        return False  # "rejected the announcement that X had won": the clause says about whom
    return roles.actor_modifier(d) is None and roles.agent_of(d) is None \
        and not roles.prep_objects(d, ("of", "from", "by"))


def _clause_addressees(head) -> list:
    """"protested that Freedonian officials are failing ...", "demanded that its partners
    refuse ...": the one the reported clause is about is the addressee."""
    return [c for clause in head.children if clause.dep_ == "ccomp"
            for c in clause.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN")]


def _to_clause_objects(head) -> list:
    """"agreed to open its ports to X": the to-verb's objects; "pledged to stand united with
    X": its complement's."""
    found = []
    for x in head.children:
        if x.dep_ == "xcomp":
            found.extend(c for c in x.children if c.dep_ in ("dative", "dobj"))
            found.extend(roles.prep_objects(x))
            for comp in (c for c in x.children if c.dep_ == "acomp"):
                found.extend(roles.prep_objects(comp))
    return found


def _purpose_hearers(head) -> list:
    """"summoned the envoy to complain about X": the one summoned hears it."""
    if head.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                               for c in head.children):
        return [c for c in head.head.children if c.dep_ == "dobj"]
    return []


def _nominal_side_tokens(trig: Trigger) -> tuple[list, list]:
    """Sides of an event noun: its possessor or actor modifier, its agent, its prepositions."""
    tok, noun = trig.tok, trig.noun
    src = [roles.actor_modifier(tok), act_agent(tok)]
    if noun is not tok:
        src += [roles.actor_modifier(noun), roles.agent_of(noun)]
    src += [roles.agent_of(child) for child in tok.children if child.dep_ == "acl"]
    # "warnings from Moscow", "aid from Japan": "from" names the act's author, except for a
    # pulling back of forces ("withdrawal from X": X is the place left)
    from_author = not own_force(trig)
    senders = roles.prep_objects(tok, ("from",)) if from_author else []
    if from_author and noun.dep_ == "dobj" and lemma(noun.head) in words("receiving_verbs"):
        senders += roles.prep_objects(noun.head, ("from",))  # "received aid from X": X gave it
    src += senders
    receiver = _receivers(tok) if senders else []
    if trig.setting is not None and not senders:
        src.append(subject_of(trig.setting))  # "X made a proposal in a call"
        if lemma(trig.setting) in words("participation_verbs"):  # "X were engaged in raids"
            src.extend(c for c in trig.setting.children if c.dep_ == "nsubjpass")
    preps = target_preps(trig)
    if from_author:
        preps = tuple(p for p in preps if p != "from")
    if trig.root in words("of_target_roots"):
        preps = ("of",) + preps
    if trig.root in words("violent_roots"):  # "a blast outside the embassy": the embassy
        preps = preps + word_list("violent_site_preps")
    tgt = roles.prep_objects(tok, preps + ("between",))
    if _is_aid(trig.code):  # "an aid package for X"
        tgt.extend(roles.prep_objects(noun, ("for",)))
    if noun is not tok:
        tgt.extend(roles.prep_objects(noun, preps + ("between",)))
    if trig.setting is not None and not tgt:
        tgt.extend(roles.prep_objects(trig.setting))
        if _visits(trig.code):  # "arrived in the capital on a visit": the host
            tgt.extend(roles.prep_objects(trig.setting, word_list("visit_place_preps")))
    agent, aimed = stray_agent(tok)  # "the day of an offensive by the army against X"
    return src + [agent], tgt + receiver + aimed


def _receivers(noun) -> list:
    """"X ignored warnings from Y", "X was heartened by cooperation from Y": when a "from"
    names the act's author, the subject of the verb the noun hangs on is the one it is aimed
    at."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ in ("agent", "prep"):
        verb = verb.head
    if verb.dep_ == "acomp":  # "X was pleased by cooperation from Y"
        verb = verb.head
    if (verb.pos_ not in VERB_POS and verb.pos_ != "AUX") or verb is noun:
        return []
    return [subject_of(verb)] + [c for c in verb.children if c.dep_ == "nsubjpass"]


def _visits(code: str | None) -> bool:
    """A visit made or hosted (042, 043): a place it goes to stands for the host."""
    return code_in(code, "visit_codes")


def _is_aid(code: str) -> bool:
    """Giving or promising aid (07, 033) or sympathy (018): its "for" object is the
    recipient ("aid for X", "sympathy for X")."""
    return code_in(code, "aid_codes")


def _is_event_noun(tok) -> bool:
    return tok.pos_ in NOUN_POS and match(tok) is not None


# --- actors ----------------------------------------------------------------------------------

@dataclass
class Sides:
    """The actors picked for an event: sources, targets, or the pairs of a reciprocal act;
    ``guessed`` counts the sides taken by proximity."""

    sources: list[Side]
    targets: list[Side]
    pairs: list[tuple] | None
    guessed: int


def pick_sides(trig: Trigger, code: str, src_toks: list, tgt_toks: list, actors) -> Sides:
    """The actors the side tokens name, guessing by proximity where the parse gave none."""
    src_toks = [_author(document_author(_antecedent(t, actors)), actors) for t in src_toks]
    tgt_toks = authors.membership_targets(tgt_toks, code, trig.head, actors)
    unsaid = None in src_toks  # "the embassy bombings killed ten": no author, none guessed
    src_toks = [t for t in src_toks if t is not None]
    guessed = 0
    sources = _pick(src_toks, actors, strict=False)
    if not sources and not unsaid \
            and not (roles.is_passive(trig.head) and trig.head.pos_ in VERB_POS) \
            and code[:2] not in words("violent_roots"):
        # a passive without its agent ("were invited to join") leaves the actor unsaid; so
        # does a report of violence that names no perpetrator ("the blast killed ten"): the
        # nearest actor is rarely the one who did it
        sources = _nearby(trig, actors, after=False, avoid=[])
        guessed += bool(sources)
    tgt_toks = [t for t in tgt_toks if not _own_possessive(t, sources, actors)]
    targets = _pick(tgt_toks, actors, strict=True)
    pairs = None
    if not targets and len(sources) >= 2 and reciprocal(trig, code):
        # "Freedonia and Ruritania agreed to ...": the conjoined subjects act on each other
        pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
    if not targets and pairs is None and not trig.authorless and not trig.answers_prior:
        if trig.accuses is None:  # a reported clause names its own subject: no guessing there
            skip = topic_spans(trig) + absent_spans(trig) + own_force_spans(trig)
            targets = _nearby(trig, actors, after=True, avoid=sources, skip=skip)
            guessed += bool(targets)
        if not targets:
            targets = _pick(tgt_toks, actors, strict=False)
    return Sides(sources, targets, pairs, guessed)


def _own_possessive(tok, sources: list[Side], actors) -> bool:
    """A possessive pronoun that stands for the act's own source ("she backed her own
    plan") or for no one coreference is sure of: no target."""
    if tok.dep_ != "poss" or tok.pos_ != "PRON":
        return False
    found = _sides(tok, actors)
    return not found or not found[0].actor or any(found[0].actor == s.actor for s in sources)


def reciprocal(trig: Trigger, code: str) -> bool:
    """Acts that conjoined subjects do to each other ("X and Y met / agreed / clashed");
    not those whose authors a "from" names ("cooperation from X and Y": given to someone
    else)."""
    if trig.head.pos_ not in VERB_POS and roles.prep_objects(trig.tok, ("from",)):
        return False
    if trig.embedded is not None and trig.embedded.root in words("reciprocal_roots"):
        return True  # "X and Y failed to reach agreement": they fail each other
    if code[:2] in words("reciprocal_roots"):
        return True
    acts = words("reciprocal_nouns") if trig.tok.pos_ in NOUN_POS else words("reciprocal_verbs")
    return lemma(trig.tok) in acts


def _sides(tok, actors) -> list[Side]:
    tok = _partitive(tok)
    line = dateline(tok.doc)
    if line is not None and tok.idx < line.end:
        # "LIMA (AP) - Chile and Peru agreed": the parse took the dateline for the subject;
        # the actors are what it set in apposition after the dateline
        after = [c for c in tok.children if c.dep_ == "appos" and c.idx >= line.end]
        if not after:
            return []
        tok = after[0]
    out = []
    for t in roles.conjuncts(tok)[:MAX_SIDES]:
        out.extend(authors.origin_country(t, s, actors) for s in _phrase_sides(t, actors))
    return out


def _partitive(tok):
    """"Thousands of Kurds", "a group of farmers", "members of the party": the actor is the
    "of" object of a quantity or a part."""
    if tok.lemma_.lower() in words("partitive_heads"):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return tok


def _phrase_sides(t, actors) -> list[Side]:
    """The actors the phrase headed by ``t`` names; each side keeps the whole phrase's span
    (``extra["phrase"]``: "the families of the victims", for ``victims``)."""
    start, end = roles.np_span(t)
    phrase_start = t.left_edge.idx
    line = dateline(t.doc)
    if line is not None and start < line.end <= t.idx:
        # "KAMPALA, Uganda (AP) - Thai and Cambodian forces clashed": the parse hung the
        # dateline on the subject; its place and agency are no part of the phrase
        start = phrase_start = max(start, line.end)
    phrase = {"phrase": (phrase_start, t.right_edge.idx + len(t.right_edge))}
    if actors is not None and t.tag_ in ("NNS", "NNPS") and any(c.dep_ == "nummod" for c in t.children):
        # "the three former Warsaw Pact nations": a counted description stands for the actors
        # named together before, not for the names that modify it
        group = coref.resolve(_Scope(t.doc, actors), (start, end))
        if len(group) >= 2:
            return [a.ref((start, end)).copy(extra={**phrase, "coref": True}) for a in group]
    head_hit = actors.at(t.idx, t.idx + len(t)) if actors else None
    coordinated = any(c.dep_ == "cc" for c in t.subtree if start <= c.idx < end)
    if head_hit is not None and not coordinated:
        return [head_hit[0].ref(head_hit[1]).copy(extra=phrase)] + _of_conjunct_sides(t, actors, phrase)
    # "Freedonian and Sylvanian troops": each modifier names an actor of its own
    out, seen = [], set()
    for actor, mention in (actors.mentions_in(start, end) if actors else []):
        if actor.id not in seen:
            seen.add(actor.id)
            out.append(actor.ref(mention).copy(extra=phrase))
    if not out and actors is not None:  # "the 14 foreigners, six Iraqis and a Turk": the list
        out = [a.copy(extra={**a.extra, **phrase}) for a in _appositive_sides(t, actors)]
    if not out and actors is not None:
        # a pronoun or a description ("it", "the two countries", "the body") stands for the
        # actors coreference finds for it (tidings.actors.coref), when it is sure
        for actor in coref.resolve(_Scope(t.doc, actors), (start, end)):
            out.append(actor.ref((start, end)).copy(extra={**phrase, "coref": True}))
    if not out:
        # a name the actor stage could not code ("the Dovrefjell Trust") is still an actor;
        # any other phrase ("the plan", "it") is kept only to be judged later
        named = t.pos_ != "PRON" and t.ent_type_ in words("actor_entity_labels")
        out.append(Side(None, doc_text(t.doc)[start:end], mention=(start, end),
                        extra={"named": named, "nounphrase": t.pos_ in NOUN_POS, **phrase}))
    return out


def _of_conjunct_sides(t, actors, phrase: dict) -> list[Side]:
    """"The presidents of Freedonia and Sylvania": a plural role noun whose "of" object is
    coordinated names one actor per conjunct; the head's mention already stands for the first."""
    if t.tag_ not in ("NNS", "NNPS"):
        return []  # "the president of the club and its members": one person, not a list
    out = []
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for conj in roles.conjuncts(obj)[1:MAX_SIDES]:
                    hit = actors.at(conj.idx, conj.idx + len(conj)) if actors else None
                    if hit is not None:
                        out.append(hit[0].ref(hit[1]).copy(extra=phrase))
    return out


def _appositive_sides(t, actors) -> list[Side]:
    """A description that names no actor but is set beside a list of actors ("the 14
    foreigners, six Iraqis, six Sudanese and a Turk", "two men, a Briton and a Dane") stands
    for the actors listed; a singular one ("the one ally who backed him, Prime Minister Ana
    Roe") for the person it names, not for an organization ("the peacekeeping force in
    Lebanon (UNIFIL)": the force is where it serves)."""
    plural = t.tag_ in ("NNS", "NNPS")
    out, seen, todo = [], set(), [c for c in t.children if c.dep_ == "appos"]
    while todo and len(out) < MAX_SIDES:
        cur = todo.pop(0)
        todo.extend(c for c in cur.children if c.dep_ in ("appos", "conj"))
        hit = actors.at(cur.idx, cur.idx + len(cur))
        if hit is None:
            start, end = roles.np_span(cur)
            hit = next(iter(actors.mentions_in(start, end)), None)
        if hit is not None and hit[0].id not in seen and (plural or hit[0].kind == "person"):
            seen.add(hit[0].id)
            out.append(hit[0].ref(hit[1]))
    return out


@dataclass
class _Scope:
    """What coreference needs of the article: the Doc and its actors."""

    doc: object
    actors: object


def _strong(tok, actors) -> bool:
    """Does this phrase name an actor (coded mention, proper name, pronoun, actor modifier)?"""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in words("actor_entity_labels"):
        return True
    if actors and (actors.mentions_in(*roles.np_span(tok)) or _runs_on(tok, actors)
                   or _appositive_sides(tok, actors)):
        return True
    if actors and actors.groups and coref.resolve(_Scope(tok.doc, actors), roles.np_span(tok)):
        return True  # "the three countries" named together before
    return any(c.pos_ == "PROPN" or c.ent_type_ in words("actor_entity_labels") for c in tok.lefts)


def _runs_on(tok, actors) -> bool:
    """"The presidents of X and Y": a mention that begins with the phrase and runs past its
    head ("the presidents of X") names an actor there too."""
    hit = actors.at(tok.idx, tok.idx + len(tok))
    return hit is not None and hit[1][0] == roles.np_span(tok)[0] and hit[1][1] > tok.idx + len(tok)


def _pick(tokens, actors, strict: bool) -> list[Side]:
    for tok in tokens:
        if strict and not _strong(tok, actors):
            continue
        sides = _sides(tok, actors)
        if sides:
            return sides
    return []


def _nearby(trig: Trigger, actors, after: bool, avoid: list[Side],
            skip: list[tuple[int, int]] = ()) -> list[Side]:
    """The coded actor nearest the trigger in its clause, on the given side of it: a guess
    for a side the parse did not give."""
    if not actors:
        return []
    lo, hi = clause_span(trig)
    at = trig.tok.idx
    taken = [a.mention for a in avoid if a and a.mention] + list(skip)
    best = None
    for actor, (s, e) in actors.mentions_in(lo, hi):
        if (after and s < at) or (not after and e > at):
            continue
        if any(s < te and ts < e for ts, te in taken) \
                or any(a and a.actor == actor.id for a in avoid):
            continue
        dist = abs(s - at)
        if best is None or dist < best[0]:
            best = (dist, actor, (s, e))
    return [best[1].ref(best[2])] if best else []


def _antecedent(tok, actors):
    """A pronoun subject ("Sylvania said it had expelled") stands for the nearest governing
    clause's non-pronoun subject."""
    if tok.pos_ != "PRON" or (actors and actors.at(tok.idx, tok.idx + len(tok))):
        return tok
    if tok.lower_ == "its" and actors and len(coref.resolve(_Scope(tok.doc, actors), tok)) == 1:
        return tok  # "sanctions imposed on X after its invasion of Y": X, by coreference
    cur, steps = tok.head, 0
    while cur.head.i != cur.i and steps < MAX_ANTECEDENT_CLIMB:
        cur, steps = cur.head, steps + 1
        subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.pos_ != "PRON":
            return subj
    return tok
