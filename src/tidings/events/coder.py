"""Event coder: triggers (data/event_patterns.tsv) + dependency roles -> CAMEO/PLOVER events.

Per sentence: find the triggers and resolve frames and event nouns (frames.py); read the
sides off the parse and pick the actors they name (sides.py); map negated cooperation to
rejection ("would not discuss" -> 125); set modality, date and place (qualifiers.py) and
confidence; drop weak events and duplicates.
"""
from __future__ import annotations

import os
from dataclasses import replace

from tidings.data import words
from tidings.events.authors import implied_custodian
from tidings.events.frames import Trigger, find_triggers
from tidings.events.ontology import code_in, describe
from tidings.events.confidence import confidence
from tidings.events.plausible import acceptable, campaign_event, literal_code, place_side, \
    state_act
from tidings.events.victims import resolve_victims, violent_phrases
from tidings.events.qualifiers import announced, conditional, date_of, modality, negated, \
    negated_above, report_date, unneeded
from tidings.events.sides import Sides, pick_sides, reciprocal, side_tokens
from tidings.events.targets import posture_adversary
from tidings.events.triggers import NOUN_POS, lemma, lexicon
from tidings.events.where import place_of
from tidings.nlp.dateline import headline_end
from tidings.nlp.doctext import doc_text, sentence_spans
from tidings.nlp.marks import quoted_regions
from tidings.nlp.syntax import has_mark
from tidings.records import Context, Event, Side, TimeExpr, Place

# Below this an event is not reported (see events/confidence.py and the precision and recall
# at four thresholds in README, "Events: what is coded, and how sure"): 0.5 keeps as many
# right events as 0.35 in leave-one-story-out validation on the dev stories, at precision
# 0.74 instead of 0.71.
MIN_CONFIDENCE = 0.5
# The threshold a user sets instead (``tidings extract --min-confidence``, or this variable
# for every process of a run: ingest workers, the API): lower for recall, higher for precision.
THRESHOLD_VARIABLE = "TIDINGS_MIN_CONFIDENCE"
# How many complement links up a decision verb is looked for ("decided to ...", "said it
# had decided to ...").
MAX_DECISION_CLIMB = 3
_STANDS_WITHOUT_TARGET = words("targetless_roots") | words("one_sided_roots")


def find_events(ctx: Context) -> list[Event]:
    """Events of one article, in text order (see docs/output-contract.md).

    1. candidates: every trigger coded with each pair of sides the parse gives it;
    2. descriptions of sides that name other acts' victims resolved (``victims``);
    3. the plausibility checks (``plausible``): sides that are actors, no state acting on
       itself;
    4. confidence (``confidence``), and the events under the threshold dropped;
    5. one event per country dyad, root and date (``_finish``).
    """
    threshold = min_confidence()
    return _finish([e for e in scored_events(ctx) if e.confidence >= threshold])


def scored_events(ctx: Context) -> list[Event]:
    """Steps 1-4 of ``find_events`` without the threshold: every plausible event with its
    confidence (what scripts/calibrate_events.py fits the confidence model on)."""
    candidates: list[Event] = []
    violent: list[tuple[int, int]] = []  # the phrases that tell of violence, for victims
    report = report_date(ctx)
    headline = headline_end(ctx.doc)
    quoted = quoted_regions(ctx.doc)
    bounds = sentence_spans(ctx.doc)  # the sentences as the Doc's own, found once per Doc
    sentences = len(bounds)
    for index, sent in enumerate(ctx.doc[start:end] for start, end in bounds):
        for trig in find_triggers(sent):
            found = _code(trig, sent, ctx.actors, ctx.times, ctx.places, report, candidates)
            for event in found:
                event.evidence["sentence"] = index
                event.evidence["headline"] = event.start < headline
                event.evidence["quoted"] = quoted(trig.tok.idx)
                event.evidence["report"] = report[0]
                event.evidence["sentences"] = sentences
            candidates.extend(found)
            violent.extend(violent_phrases(trig))
    candidates = resolve_victims(candidates, violent, ctx)
    posture_adversary(candidates)  # "moved troops into the Gulf": at the story's adversary
    kept = []
    for event in candidates:
        if not acceptable(event.source, event.target, event.root, ctx.actors):
            if not (event.evidence.get("guessed") and event.target is not None
                    and acceptable(event.source, None, event.root, ctx.actors)):
                continue
            # "agreed to resign": a target guessed by proximity that cannot be one does not
            # stop an act that stands without a target
            event.target = None
        event.confidence = confidence(event)
        kept.append(event)
    return kept


def min_confidence() -> float:
    """The threshold events must reach: $TIDINGS_MIN_CONFIDENCE, else ``MIN_CONFIDENCE``."""
    value = os.environ.get(THRESHOLD_VARIABLE)
    return float(value) if value else MIN_CONFIDENCE


def _code(trig: Trigger, sent, actors, times: list[TimeExpr], places: list[Place],
          report: tuple, told: list[Event]) -> list[Event]:
    """The events of one trigger: one per (source, target) pair that passes the threshold;
    ``told``: the events of the sentences before."""
    if _question(trig) or unneeded(trig.head):
        return []
    code, is_negated = _polarity(trig)
    toks = _side_tokens_of(trig)
    if toks is None:
        return []
    sides = pick_sides(trig, code, *toks, actors)
    sides = implied_custodian(trig, code, sides, places, actors)  # "a man was arrested in X"
    if trig.answers_prior and not sides.targets and sides.pairs is None:
        sides = _prior_actor(sides, told, sent.start_char)
    if trig.accuses is not None:
        sides = _accused(trig, sides)
    if not sides.targets and sides.pairs is None and sides.sources:
        sides = _dateline_host(code, sides, places)
    if not sides.sources and not sides.targets:
        return []
    if not sides.targets and sides.pairs is None and code[:2] not in _STANDS_WITHOUT_TARGET:
        return []  # "would not discuss the pullout": a one-sided report of a two-sided act
    if is_negated:
        return []  # "did not attack", "avoided criticizing": no act (cooperation refused is
        # coded as rejection by ``_polarity``)
    settled = _settle_modality(trig, code, is_negated)
    if settled is None:
        return []
    code, mood = settled
    date, date_text, date_source = date_of(trig, sent, times, report)
    facts = {"date": date, "date_text": date_text, "date_source": date_source,
             "place": place_of(trig, actors, places, sent, (*sides.sources, *sides.targets),
                               code),
             "negated": is_negated, "modality": mood}
    return _events(trig, sent, code, sides, facts, actors, places)


def _prior_actor(sides: Sides, told: list[Event], before: int) -> Sides:
    """"The World Court rejected the objections. Libya hailed the ruling": a reaction to a
    decision told before (``Trigger.answers_prior``) targets the actor the story last told
    acting, in an earlier sentence; counted as a guess (the confidence model weighs it)."""
    own = {s.actor for s in sides.sources if s.actor}
    for event in reversed(told):
        side = event.source
        if event.start < before and side is not None and side.code and side.actor not in own:
            return replace(sides, targets=[side], guessed=sides.guessed + 1)
    return sides


def _accused(trig: Trigger, sides: Sides) -> Sides:
    """Whom a say-frame accuses ("X said Y attacked"): no one when the reported act is
    mutual ("the ministry said Armenian and Azerbaijani troops exchanged fire" reports a
    clash), and never the speaker's own state ("the defence ministry said Armenian troops
    ..." does not accuse them)."""
    if len(sides.targets) > 1 and reciprocal(trig.accuses, trig.accuses.code or ""):
        return replace(sides, targets=[])
    own = {s.country for s in sides.sources
           if s.country and s.sector in words("state_sectors")}
    targets = [t for t in sides.targets
               if not (t.country in own and t.sector in words("state_sectors"))]
    return replace(sides, targets=targets)


def _dateline_host(code: str, sides: Sides, places: list[Place]) -> Sides:
    """A visit that names no host ("began a four-day state visit on Thursday") in a story
    datelined abroad is to the dateline's country ("MOSCOW (AP) -"): the reporter is where
    the visitor is. The plausibility checks drop it when the visitor is at home."""
    if not code_in(code, "visit_codes"):
        return sides
    line = next((p for p in places if p.dateline and p.country), None)
    if line is None:
        return sides
    host = Side(None, line.text, mention=(line.start, line.end), country=line.country,
                code=line.country, extra={"place": True, "dateline": True})
    return replace(sides, targets=[host])


def _question(trig: Trigger) -> bool:
    """Is an asking verb a question rather than a request ("asked the students if they were
    ...", "asked him what he thought", "when asked about X", "asked him a series of
    questions", "Trump asked," before a quotation)? A question is no appeal (CAMEO 02 needs
    something asked for: "asked X for aid", "asked X to withdraw")."""
    if trig.anchor is not None or lemma(trig.tok) not in words("asking_verbs") \
            or trig.code != "020":
        return False
    kids = list(trig.tok.children)
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in kids):
        return True
    for c in kids:
        if c.dep_ in ("ccomp", "advcl") and any(
                t.tag_ in ("WDT", "WP", "WRB") or t.dep_ == "mark" and t.lower_ in ("if", "whether")
                for t in c.subtree if t.i < c.i):
            return True
        if c.dep_ == "dobj" and any(lemma(t) in words("question_nouns") for t in c.subtree):
            return True
    return not any(c.dep_ in ("dobj", "dative", "prep", "xcomp", "ccomp", "nsubjpass")
                   for c in kids)


def _polarity(trig: Trigger) -> tuple[str, bool]:
    """The code and whether the act is negated: negated cooperation is rejection, asserted
    ("would not discuss" -> 125)."""
    code = trig.code
    is_negated = negated(trig.head) or (trig.anchor is not None and negated(trig.tok)) \
        or negated_above(trig.head)
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
    if not src_toks:
        between = [t for t in tgt_toks if t.head.dep_ == "prep" and t.head.lower_ == "between"]
        if between and reciprocal(trig, trig.code):
            # "clashes between X and Y", "talks between X and Y": each acts on the other
            return between[:1], []
        if between and len(between) == len(tgt_toks):
            return None  # "the feud between X and Y" describes a state, not an act of X on Y
        tgt_toks = [t for t in tgt_toks if t not in between]
    return src_toks, tgt_toks


def _settle_modality(trig: Trigger, code: str, is_negated: bool) -> tuple[str, str] | None:
    """The final code and modality: planned cooperation is intent, an announced coercive act
    a threat; a hoped-for or expected coercive act is no event (None)."""
    if conditional(trig):
        return None
    if trig.accuses is not None or trig.frame_derived and code[:2] in words("asserted_frame_roots"):
        mood = "asserted"
    else:
        mood = modality(trig)
    if mood == "planned" and not is_negated and not trig.reported and _ultimatum(trig):
        # "will withdraw its force from X unless Y ...": an announced act made to press the
        # other side is a threat, whatever the act
        code, mood, trig.frame_derived = lexicon().frame_code("threaten", code), "asserted", True
        return code, mood
    if mood == "planned" and code[:2] in words("intent_roots"):
        intent = lexicon().frame_code("INTENT", code)  # "will meet": intent to meet (036)
        if intent:
            code, mood, trig.frame_derived = intent, "asserted", True
    if mood == "planned" and _decided(trig):
        return code, mood  # "decided to impose sanctions on X": a sanction decided
    if mood in ("planned", "possible", "threatened") and code[:2] in words("threat_roots"):
        # "will impose sanctions", "is prepared to impose a curfew", "may halt talks if":
        # an announced coercive act is a threat (CAMEO 13)
        threat = None if is_negated or trig.reported or not announced(trig) \
            else lexicon().frame_code("threaten", code)
        if not threat:
            return None
        code, mood, trig.frame_derived = threat, "asserted", True
    return code, mood


def _decided(trig: Trigger) -> bool:
    """Is the act the content of a decision ("decided to impose sanctions")? A decided
    course is the act itself, planned, not a threat held over the other side."""
    cur = trig.head
    for _ in range(MAX_DECISION_CLIMB):
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head is cur:
            return False
        cur = cur.head
        if lemma(cur) in words("decision_verbs"):
            return True
    return False


def _ultimatum(trig: Trigger) -> bool:
    """Does an announced act hang on a condition the other side must meet ("will ...
    unless")?"""
    return announced(trig) and any(c.dep_ == "advcl" and has_mark(c, words("ultimatum_marks"))
                                   for c in trig.head.children)


def _events(trig: Trigger, sent, code: str, sides: Sides, facts: dict, actors,
            places: list[Place]) -> list[Event]:
    """An event for each side pair confident enough."""
    toks = [trig.tok] + ([trig.anchor] if trig.anchor is not None else [])
    toks += [c for c in trig.tok.children if c.dep_ == "prt"]
    first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    span = (first.idx, last.idx + len(last))
    trigger_text = " ".join(t.text for t in sorted(toks, key=lambda t: t.i))
    pairs = sides.pairs
    if pairs is None:
        targets = [place_side(t, code, places) for t in sides.targets]
        pairs = [(s, t) for s in sides.sources or [None] for t in targets or [None]]
    evidence = {"specific": bool(trig.frame_derived or (trig.pattern and trig.pattern.specificity)),
                "guessed": sides.guessed, "root": trig.root,
                "noun": trig.anchor is None and trig.tok.pos_ in NOUN_POS}
    says = any(c.dep_ == "ccomp" for c in trig.tok.children)  # "protested that ..."
    out, sentence = [], doc_text(sent.doc)[sent.start_char:sent.end_char]
    for s, t in pairs:
        if s and t and _key(s) == _key(t):
            continue
        pair_code = literal_code(lemma(trig.tok), code, s, t, actors, says) if s and t else code
        if campaign_event(trig.tok, code, s, actors):
            continue  # a candidate's rally is no protest
        if pair_code is None or s and not state_act(pair_code, s, actors):
            continue
        out.append(Event(start=sent.start_char, end=sent.end_char, sentence=sentence,
                         trigger=trigger_text, trigger_span=span, source=s, target=t,
                         **describe(pair_code), **facts, confidence=0.0,
                         symmetric=sides.pairs is not None, evidence=dict(evidence)))
    return out


def _key(side: Side | None) -> str:
    if not side:
        return ""
    return side.actor or (side.name or "").lower()


def _side_id(side: Side | None) -> str:
    if not side:
        return ""
    return side.country or _key(side)


def _finish(events: list[Event]) -> list[Event]:
    """One event per (source country, target country, root, date) per article (the Phoenix
    one-a-day rule, at country level): the most confident, then the
    most specific code. An event dated only by the publication date that repeats a dyad and
    root dated in the text is a later mention of that event ("the shelling" told again,
    "an attack" after "fired missiles"), when it names the act the same way or more
    generally (``_retold``): dropped; another specific code of the root is another act
    ("the lower house approved it in October ... the senate gave its go-ahead")."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (_side_id(ev.source), _side_id(ev.target), ev.root, ev.date)
        rank = (ev.confidence, len(ev.cameo))
        if key not in best or rank > (best[key].confidence, len(best[key].cameo)):
            best[key] = ev
    dated: dict[tuple, list[str]] = {}
    for e in best.values():
        if e.date_source in ("clause", "sentence"):
            dated.setdefault((_side_id(e.source), _side_id(e.target), e.root), []).append(e.cameo)
    kept = [e for e in best.values() if e.date_source not in ("published", "dateline")
            or not _retold(e.cameo, dated.get((_side_id(e.source), _side_id(e.target), e.root), []))]
    kept.sort(key=lambda e: (e.start, e.trigger_span[0]))
    for n, ev in enumerate(kept, 1):
        ev.id = f"E{n}"
    return kept


def _retold(code: str, dated: list[str]) -> bool:
    """Does an act coded ``code`` retell one of the ``dated`` acts of its dyad and root: the
    same code, a code the dated one refines, or the root's generic code ("190" after "195")?"""
    return any(code == d or d.startswith(code) or code.endswith("0") and len(code) == 3
               for d in dated)
