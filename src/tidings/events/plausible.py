"""Can these sides carry this act? The checks a coded event passes before it is emitted.

An event that fails one is not emitted: event data that is mostly false is worse than none.
1. Sides are actors: each side is a coded actor with a country (ISO3 or IGO); a phrase the
   actor stage could not code (an object, a topic, a place used as a place, an unresolved
   pronoun) is no side, and an event without two sides is not emitted.
2. A state does not act on itself: a side that is a whole country, with the other side of
   the same country, is no event ("the president pledged to the United States"), unless the
   source is a non-state actor (citizens, opposition, rebels) acting on its own state.
3. Violence needs sides that can do and suffer it: a material-conflict verb between two
   political actors (people and bodies of government, parties, courts, media, business,
   civil society; no force, civilians or state on either side) is figurative: "the senator
   attacked the governor" is criticism (111), "beat the incumbent" no event
   (data/figurative_codes.tsv).
4. A protest is a demonstration against someone: a candidate's or party's rally is a campaign
   event and rallying people is mobilizing them, neither is CAMEO 141 (``campaign_event``).
"""
from __future__ import annotations

import functools

from tidings.data import tsv, words
from tidings.events.ontology import code_in
from tidings.events.triggers import lemma
from tidings.records import Side

# The actor kinds that stand for a whole state (a country, its capital as government).
STATE_KINDS = frozenset({"country"})


# What a side can be, from surest to weakest (``side_kind``): an actor coded with a country
# (or IGO), an actor with a role but no country ("police"), a name the actor stage could not
# code ("the Dovrefjell Trust"), a place where a material act happened (``place_side``), the
# countries of the article's victims (``victims``); or nothing an event can stand on: another
# noun phrase ("phrase": an object, a topic, an abstract noun, "the election", "the plan"), a
# pronoun the actor stage could not resolve, a date ("other").
SOURCE_KINDS = ("country", "sector", "named")
TARGET_KINDS = ("country", "sector", "named", "place", "victims")


def side_kind(side: Side | None) -> str:
    """The kind of a side (see SOURCE_KINDS and TARGET_KINDS), "none" or "other"."""
    if side is None:
        return "none"
    if side.actor:  # an actor the text names without a country or a role is a name
        return "country" if side.country else "sector" if side.sector else "named"
    if side.extra.get("implied") and side.country:
        return "country"  # the police of where an arrest was made (events/authors.py)
    for kind in ("victims", "place"):
        if side.extra.get(kind) and side.country:
            return kind
    if side.extra.get("named"):
        return "named"
    return "phrase" if side.extra.get("nounphrase") else "other"


def acceptable(source: Side | None, target: Side | None, root: str, actors) -> bool:
    """Rules 1 and 2: a source that is an actor; a target that is an actor, a place or the
    victims (none only where CAMEO reports the act without one:
    protests, force postures, yielding); no state acting on itself."""
    if side_kind(source) not in SOURCE_KINDS:
        return False
    if target is None:
        return root in words("targetless_roots") | words("one_sided_roots")
    if side_kind(target) not in TARGET_KINDS:
        return False
    return not self_directed(source, target, actors, root)


def state_act(code: str, source: Side, actors) -> bool:
    """Can this source do this act? Acts only states do (data: state_only_codes; granting
    diplomatic recognition) need a state, its government or an international body: "the
    passenger recognized the minister", "the parties recognize the workers' anger" are no
    recognition."""
    if not code_in(code, "state_only_codes"):
        return True
    return _is_state(source, actors) or source.country == "IGO" \
        or source.sector in words("state_sectors")


def place_side(side: Side, code: str, places) -> Side:
    """A target named by a place is that place's country when the act is material and done
    to a place ("shelled the outskirts of Kharkiv", "deployed troops to the border town"):
    places can suffer violence and host forces, they do not negotiate or protest."""
    if side.actor or side.mention is None or not (
            code[:2] in words("place_target_roots")
            or code_in(code, "place_target_codes")):
        return side
    s, e = side.extra.get("phrase") or side.mention  # "fired at targets near Freetown"
    for place in places:
        if place.start < e and s < place.end and place.country:
            return side.copy(country=place.country, code=place.country,
                             extra={**side.extra, "place": True})
    return side


def _kind(side: Side, actors) -> str | None:
    actor = actors.by_id(side.actor) if actors is not None and side.actor else None
    return actor.kind if actor is not None else None


def _is_state(side: Side, actors) -> bool:
    """A whole country (its capital standing for its government included)."""
    return _kind(side, actors) in STATE_KINDS


def self_directed(source: Side, target: Side, actors, root: str = "") -> bool:
    """A whole country on one side and an arm of the same state on the other (rule 2); a
    place of one's own country as the target of anything but force or protest ("flew back to
    the capital", "promised aid to the north"; "police raided homes in the capital" and a
    curfew imposed on one's own country stand)."""
    if source.country != target.country or source.country == "IGO":
        return False
    if target.extra.get("place") and not target.actor:
        return root not in words("domestic_place_roots")
    if source.sector and source.sector == target.sector and \
            source.sector in words("force_sectors") and root in words("fratricide_roots"):
        # "Armenian troops ... killing two soldiers": a force does not fight its own kind;
        # the victims' country was the story's, not theirs
        return True
    if _is_state(source, actors) and _is_state(target, actors) and source.actor != target.actor:
        # "Serbia lifted the curfew in Montenegro" (then a republic of Serbia's federation):
        # a material act on a component of the state, as on a place of its own
        return root not in words("domestic_place_roots")
    if _is_state(source, actors):
        # "Croatia is investigating Croatian extremists": a state acts on its own armed
        # opponents; on its own officials, forces or citizens it is one actor
        return target.sector not in words("armed_non_state_sectors")
    if _is_state(target, actors) and root in words("domestic_state_roots"):
        return False  # "Turkish authorities imposed a curfew in southeastern Turkey"
    return _is_state(target, actors) and source.sector in words("political_sectors") \
        and source.sector not in words("non_state_sectors")


def _political(side: Side, actors) -> bool:
    if _is_state(side, actors) or side.sector in words("force_sectors") \
            or side.sector == "CVL":
        return False
    if side.sector in words("political_sectors"):
        return True
    return side.sector is None and _kind(side, actors) == "person"


@functools.lru_cache(maxsize=1)
def _figurative() -> dict[str, str | None]:
    return {row["lemma"]: (None if row["code"] == "-" else row["code"])
            for row in tsv("figurative_codes.tsv")}


@functools.lru_cache(maxsize=1)
def _sector_readings() -> dict[tuple[str, str], tuple[frozenset, str]]:
    return {(row["lemma"], row["code"]): (frozenset(row["sectors"].split("|")), row["reading"])
            for row in tsv("sector_readings.tsv")}


def literal_code(lemma: str, code: str, source: Side, target: Side, actors,
                 says: bool = False) -> str | None:
    """The code the act carries between these sides (rule 3): ``code`` itself, the verb's
    figurative code, or None when the figurative reading is no event; a verb whose act
    depends on who acts (sector_readings.tsv: a crowd "protests" in the street, police
    "question" a suspect) the act of its source's sector, unless the verb ``says`` a clause
    ("protested that the police were failing": words, whoever says them)."""
    sectors, reading = _sector_readings().get((lemma, code), (frozenset(), None))
    if reading and source.sector in sectors and not says:
        return reading
    if code[:2] not in words("material_conflict_roots") or lemma not in _figurative():
        return code
    if _political(source, actors) and (_political(target, actors) or _bare_place(target)):
        # "the court struck down a Texas law", "the senator attacked Chicago": a political
        # actor does not do violence to a place either
        return _figurative()[lemma]
    return code


def _bare_place(side: Side) -> bool:
    """A target that is a place named in the phrase, not an actor (``place_side``)."""
    return bool(side.extra.get("place")) and not side.actor


def campaign_event(trig_tok, code: str, source: Side | None, actors) -> bool:
    """Rule 4: is this protest trigger (data: rally_lemmas) a campaign event or a
    mobilization rather than a demonstration? "rallied a coalition against X" (rallying
    people) and "the Cruz rally", "the senator marched with supporters" (a rally of an
    office holder, candidate or party: campaign_sectors, or a person with no sector); an
    opposition, union or crowd rally stays a protest."""
    if code[:2] != "14" or lemma(trig_tok) not in words("rally_lemmas"):
        return False
    if trig_tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in trig_tok.children):
        return True  # "rallying a coalition", "demonstrated the impotency of the law"
    if source is None:
        return False
    if source.sector:
        return source.sector in words("campaign_sectors")
    return _kind(source, actors) == "person"
