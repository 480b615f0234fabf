"""Event coder: triggers (data/event_patterns.tsv) + dependency roles -> CAMEO/PLOVER events.

Per sentence: find the triggers and resolve frames and event nouns (frames.py); read the
sides off the parse and pick the actors they name (sides.py); map negated cooperation to
rejection ("would not discuss" -> 125); set modality, date and place (qualifiers.py) and
confidence; drop weak events and duplicates.
"""
from __future__ import annotations

from tidings.data import words
from tidings.events.frames import Trigger, find_triggers
from tidings.events.ontology import describe
from tidings.events.qualifiers import announced, date_of, modality, negated
from tidings.events.sides import Sides, pick_sides, side_tokens
from tidings.events.triggers import NOUN_POS, lexicon
from tidings.events.where import place_of
from tidings.records import Context, Event, Side, TimeExpr, Place

# Below this an event is not reported. 0.45 keeps a two-sided event even with uncoded sides
# when asserted or claimed (0.5, 0.45), and drops one-sided events (0.3-0.45; protests and
# force postures, which often have no target, excepted), planned/possible acts with uncoded
# sides, and negated ones.
MIN_CONFIDENCE = 0.45
# Confidence taken off for each side guessed by proximity rather than read off the parse.
GUESS_PENALTY = 0.05
_TARGETLESS_ROOTS = words("targetless_roots")
_ONE_SIDED_ROOTS = words("one_sided_roots")
_STANDS_WITHOUT_TARGET = _TARGETLESS_ROOTS | _ONE_SIDED_ROOTS
# Confidence taken off by modality: the less certain the act, the more.
MODALITY_PENALTY = {"asserted": 0.0, "claimed": 0.05, "planned": 0.1, "threatened": 0.1,
                    "possible": 0.15}


def find_events(ctx: Context) -> list[Event]:
    """Events of one article, in text order (see docs/output-contract.md)."""
    events: list[Event] = []
    for sent in ctx.doc.sents:
        for trig in find_triggers(sent):
            events.extend(_code(trig, sent, ctx.actors, ctx.times, ctx.places,
                                ctx.published_iso))
    return _finish(events)


def _code(trig: Trigger, sent, actors, times: list[TimeExpr], places: list[Place],
          published: str | None) -> list[Event]:
    """The events of one trigger: one per (source, target) pair that passes the threshold."""
    code, is_negated = _polarity(trig)
    toks = _side_tokens_of(trig)
    if toks is None:
        return []
    sides = pick_sides(trig, code, *toks, actors)
    if not sides.sources and not sides.targets:
        return []
    if not sides.targets and sides.pairs is None and code[:2] not in _STANDS_WITHOUT_TARGET:
        return []  # "would not discuss the pullout": a one-sided report of a two-sided act
    settled = _settle_modality(trig, code, is_negated)
    if settled is None:
        return []
    code, mood = settled
    date, date_text, date_source = date_of(trig, sent, times, published)
    facts = {"date": date, "date_text": date_text, "date_source": date_source,
             "place": place_of(trig, actors, places, sent, (*sides.sources, *sides.targets),
                               code),
             "negated": is_negated, "modality": mood}
    return _events(trig, sent, code, sides, facts)


def _polarity(trig: Trigger) -> tuple[str, bool]:
    """The code and whether the act is negated: negated cooperation is rejection, asserted
    ("would not discuss" -> 125)."""
    code = trig.code
    is_negated = negated(trig.head) or (trig.anchor is not None and negated(trig.tok))
    if is_negated:
        flipped = lexicon().frame_code("NOT", code)
        if flipped:
            code, is_negated, trig.frame_derived = flipped, False, True
    return code, is_negated


def _side_tokens_of(trig: Trigger) -> tuple[list, list] | None:
    """Source and target tokens, or None when the trigger names no act of its own."""
    src_toks, tgt_toks = side_tokens(trig)
    if trig.accuses is not None:  # "X said Y planned to attack": X accuses Y
        emb_src, _ = side_tokens(trig.accuses)
        tgt_toks = emb_src
    if trig.anchor is None and trig.tok.pos_ in NOUN_POS and not src_toks and not tgt_toks \
            and any(c.dep_ == "det" and c.lower_ in words("definite_determiners")
                    for c in trig.tok.children):
        # "the trucks used in the raid": a definite bare event noun names an act told elsewhere
        return None
    if not src_toks:  # "the feud between X and Y" describes a state, not an act of X on Y
        kept = [t for t in tgt_toks if not (t.head.dep_ == "prep" and t.head.lower_ == "between")]
        if len(kept) < len(tgt_toks) and not kept:
            return None
        tgt_toks = kept
    return src_toks, tgt_toks


def _settle_modality(trig: Trigger, code: str, is_negated: bool) -> tuple[str, str] | None:
    """The final code and modality: planned cooperation is intent, an announced coercive act
    a threat; a hoped-for or expected coercive act is no event (None)."""
    if trig.accuses is not None or trig.frame_derived and code[:2] in words("asserted_frame_roots"):
        mood = "asserted"
    else:
        mood = modality(trig)
    if mood == "planned" and code[:2] in words("intent_roots"):
        intent = lexicon().frame_code("INTENT", code)  # "will meet": intent to meet (036)
        if intent:
            code, mood, trig.frame_derived = intent, "asserted", True
    if mood in ("planned", "possible", "threatened") and code[:2] in words("threat_roots"):
        # "will impose sanctions", "is prepared to impose a curfew", "may halt talks if":
        # an announced coercive act is a threat (CAMEO 13)
        threat = None if is_negated or trig.reported or not announced(trig) \
            else lexicon().frame_code("threaten", code)
        if not threat:
            return None
        code, mood, trig.frame_derived = threat, "asserted", True
    return code, mood


def _events(trig: Trigger, sent, code: str, sides: Sides, facts: dict) -> list[Event]:
    """An event for each side pair confident enough."""
    toks = [trig.tok] + ([trig.anchor] if trig.anchor is not None else [])
    toks += [c for c in trig.tok.children if c.dep_ == "prt"]
    first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    span = (first.idx, last.idx + len(last))
    trigger_text = " ".join(t.text for t in sorted(toks, key=lambda t: t.i))
    pairs = sides.pairs
    if pairs is None:
        pairs = [(s, t) for s in sides.sources or [None] for t in sides.targets or [None]]
    out = []
    for s, t in pairs:
        if s and t and _key(s) == _key(t):
            continue
        conf = _confidence(trig, s, t, facts["modality"], facts["negated"])
        conf = round(conf - GUESS_PENALTY * sides.guessed, 2)
        if conf < MIN_CONFIDENCE:
            continue
        out.append(Event(start=sent.start_char, end=sent.end_char, sentence=sent.text,
                         trigger=trigger_text, trigger_span=span, source=s, target=t,
                         **describe(code), **facts, confidence=conf))
    return out


def _confidence(trig: Trigger, s: Side | None, t: Side | None, mood: str,
                is_negated: bool) -> float:
    """A heuristic score: coded sides, a specific pattern and an asserted act raise it."""
    conf = 0.5
    conf += 0.15 if s and s.actor else 0.0
    conf += 0.15 if t and t.actor else 0.0
    conf += 0.1 if trig.frame_derived or (trig.pattern and trig.pattern.specificity) else 0.0
    if s is None or t is None:  # one-sided events are weak, except where usual
        conf -= 0.1 if trig.root in _TARGETLESS_ROOTS else 0.2
    conf -= MODALITY_PENALTY.get(mood, 0.1)
    conf -= 0.3 if is_negated else 0.0
    return round(max(0.0, min(conf, 0.99)), 2)


def _key(side: Side | None) -> str:
    if not side:
        return ""
    return side.actor or (side.name or "").lower()


def _side_id(side: Side | None) -> str:
    if not side:
        return ""
    return side.country or _key(side)


def _finish(events: list[Event]) -> list[Event]:
    """One event per (source, target, root, date) per article: the most confident, then the
    most specific code. An event dated only by the publication date that repeats a dyad and
    root dated in the text is a later mention of that event ("the shelling" told again):
    dropped."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (_key(ev.source), _key(ev.target), ev.root, ev.date)
        rank = (ev.confidence, len(ev.cameo))
        if key not in best or rank > (best[key].confidence, len(best[key].cameo)):
            best[key] = ev
    dated = {(_side_id(e.source), _side_id(e.target), e.root)
             for e in best.values() if e.date_source in ("clause", "sentence")}
    kept = [e for e in best.values() if e.date_source != "published"
            or (_side_id(e.source), _side_id(e.target), e.root) not in dated]
    kept.sort(key=lambda e: (e.start, e.trigger_span[0]))
    for n, ev in enumerate(kept, 1):
        ev.id = f"E{n}"
    return kept
