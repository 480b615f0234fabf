"""Where an event happened: the location the text gives for the act itself.

The places stage lists only locations (``places.usage``: "US troops", "Iran said" and
"discussed Iran" are none), so an actor's nationality or a topic is never an event's place.
Among them, in this order:

1. its own phrase: a location attached to the trigger or to what the trigger governs, short
   of another clause ("fired missiles at US forces in Iraq", "the killing of a commander in
   Baghdad", "a Kenya-based group attacked"); for verbal acts (statements, meetings,
   accusations) only where the trigger's own preposition puts it ("met in Geneva"), since
   their objects are topics ("discussed a force in Iraq" is not in Iraq); the nearest;
2. its sentence: a location elsewhere in the sentence, outside the parts that tell other
   acts: the content of what the trigger reports ("Trump said Iran planned to attack the
   embassy in Baghdad": the saying is not in Baghdad), other clauses ("responding to an
   attack in Iraq") and phrases of time or cause ("after the killing in Baghdad");
   for verbal acts, only where the clauses above the trigger are ("a delegation was in
   Washington to discuss ...");
3. an earlier telling of the same act, for an event noun: the same word earlier in the
   article with a location in its own phrase ("the killing of Soleimani" after "the killing of an Iranian
   commander in Baghdad");
4. the dateline, for events the story reports from there: one of the event's sides is of the
   dateline's country ("MOSCOW (AP) - Yeltsin signed ...");
5. none: the place is null, and the exports leave their place columns blank.
"""
from __future__ import annotations

from tidings.data import words
from tidings.events.ontology import describe
from tidings.events.triggers import NOUN_POS
from tidings.nlp.doctext import lemma_texts
from tidings.records import Place

# Clauses inside the trigger's phrase that tell other acts (their places are theirs).
_OTHER_CLAUSES = ("ccomp", "advcl", "relcl", "csubj", "parataxis")
# Quad classes of verbal acts (verbal cooperation, verbal conflict): said, met, accused.
VERBAL_QUADS = (1, 3)
# Dependencies that keep a place name one with its prepositional object ("in Nairobi, Kenya").
_PLACE_CHAIN = ("compound", "appos", "conj", "npadvmod", "cc", "punct", "det", "amod")
# How many tokens away an earlier telling of the same act may name its place within its
# own phrase (the noun's right side: "killing of an Iranian commander in Baghdad").
MAX_TELLING_PHRASE = 12


def place_of(trig, actors, places: list[Place], sent=None, sides: tuple = (),
             code: str | None = None) -> dict | None:
    """The event's place as the contract's ``place`` dict, or None (see the module
    docstring). ``sides``: the event's Side records (for the dateline rule); ``code``: its
    CAMEO code (a said act's place is only one stated for the saying itself)."""
    located = [p for p in places if p.use == "location"
               and (p.start, p.end) not in _metonyms(actors)]
    if not located:
        return None
    tok = trig.tok
    doc = tok.doc
    sent = sent if sent is not None else tok.sent
    # a dateline the parser left in the first sentence is no place of that sentence's acts:
    # it counts only by the dateline rule (4)
    in_sentence = [p for p in located if sent.start_char <= p.start and p.end <= sent.end_char
                   and not p.dateline]
    verbal = code is not None and describe(code).get("quad_class") in VERBAL_QUADS
    phrase = _own_locatives(trig) if verbal else _phrase_tokens(trig)
    own = _in_tokens(phrase, in_sentence, doc)
    if own:
        return _nearest(own, tok.idx).brief()
    if verbal:  # where the clauses above it are ("was in Washington to discuss ...")
        rest = _in_tokens(_own_locatives(trig, governing=True), in_sentence, doc)
    else:
        others = _other_acts(trig, sent)
        rest = [p for p in in_sentence if not any(a <= p.start < b for a, b in others)]
    if rest:
        return _nearest(rest, tok.idx).brief()
    if tok.pos_ in NOUN_POS:
        earlier = _earlier_telling(tok, located)
        if earlier is not None:
            return earlier.brief()
    return _dateline(located, sides)


def _own_locatives(trig, governing: bool = False) -> set[int]:
    """Token indices of places the trigger's own prepositions locate it at ("met in
    Geneva", "talks in Geneva", "said in Baghdad"): for verbal acts, whose objects are
    topics ("discussed a force in Iraq" is not in Iraq). With ``governing``, those of the
    words above the trigger instead ("a delegation was in Washington to discuss")."""
    heads = [trig.tok] + ([trig.anchor] if getattr(trig, "anchor", None) is not None else [])
    if governing:
        heads = [a for h in heads for a in h.ancestors]
    found: set[int] = set()
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in words("location_preps"):
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found.update(t.i for t in obj.subtree if t.dep_ in _PLACE_CHAIN
                                 or t is obj)
    return found


def _other_acts(trig, sent) -> list[tuple[int, int]]:
    """Character ranges of the sentence's parts that tell other acts: clauses the trigger
    is not in ("said [Iran planned ...]", "[responding to an attack in Iraq]") and phrases
    of time or cause ("amid tensions [after the killing in Baghdad]")."""
    tok = trig.tok
    inside = {t.i for t in tok.ancestors} | {tok.i}
    ranges = []
    for t in sent:
        if t.i in inside:
            continue
        if t.dep_ in _OTHER_CLAUSES + ("xcomp", "acl") or (
                t.dep_ == "prep" and t.lower_ in words("other_event_preps")):
            ranges.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge)))
    return ranges


def _metonyms(actors) -> set:
    return getattr(actors, "metonyms", set()) or set()


def _nearest(items: list[Place], at: int) -> Place:
    return min(items, key=lambda p: abs(p.start - at))


def _phrase_tokens(trig) -> set[int]:
    """Token indices of the trigger's own phrase: its subtree (and its anchor's, for "made a
    request"), short of clauses that tell other acts."""
    heads = [trig.tok] + ([trig.anchor] if getattr(trig, "anchor", None) is not None else [])
    found: set[int] = set()
    for head in heads:
        stack = [head]
        while stack:
            t = stack.pop()
            found.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in _OTHER_CLAUSES and not (
                c.dep_ == "prep" and c.lower_ in words("other_event_preps")))
    return found


def _in_tokens(tokens: set[int], places: list[Place], doc) -> list[Place]:
    out = []
    for p in places:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and any(t.i in tokens for t in span):
            out.append(p)
    return out


def _earlier_telling(tok, places: list[Place]) -> Place | None:
    """The place of the same act told earlier: an earlier token with the trigger's lemma
    whose own phrase holds a location."""
    doc = tok.doc
    lemmas, pos = lemma_texts(doc), doc.to_array("POS").tolist()  # no Token per word
    by_start = sorted(places, key=lambda p: p.start)
    for i in range(tok.i):
        if lemmas[i] != lemmas[tok.i] or pos[i] != pos[tok.i]:
            continue
        other = doc[i]
        lo = other.left_edge.idx
        hi = other.right_edge.idx + len(other.right_edge)
        limit = doc[min(len(doc) - 1, other.i + MAX_TELLING_PHRASE)]
        hi = min(hi, limit.idx + len(limit))
        inside = [p for p in by_start if lo <= p.start and p.end <= hi]
        if inside:
            return _nearest(inside, other.idx)
    return None


def _dateline(places: list[Place], sides: tuple) -> dict | None:
    lines = [p for p in places if p.dateline]
    if not lines:
        return None
    countries = {s.country for s in sides if s is not None and s.country}
    place = lines[0]
    return place.brief() if place.country in countries else None
