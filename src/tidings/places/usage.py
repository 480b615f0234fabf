"""Is a toponym used as a location? "in Iraq", "near Donetsk", "to Baghdad", "the Iraqi
capital", a dateline are; "US troops", "Iran said", "Israel's position", "discussed Iran",
"the Washington talks" are not (an adjective, an actor, a topic).

A country is a location only where the sentence says so: the object
of a locative preposition ("in", "near", "across"), of "to"/"for"/"from" after a word of motion
("flew to", "a trip to", "fled from"; "warnings from Moscow" is a message, not a place), the
object of a verb of motion ("visited Iran", "entered Iraq"), "the north of X" and other parts
of a place, a dateline, a place in apposition ("Nairobi, Kenya"), or the possessor of another
place or a facility ("Iraq's Anbar province", "London's Heathrow airport"). Every name of a
list is used as its first name is ("in Greece, Bulgaria and Italy"), and examples as the noun
they exemplify ("in countries such as Mexico and Japan"). Anywhere else (subject, possessive, modifier, object of
another verb) a country stands for its state or people. A national capital is the city
except where it stands where an actor does (subject, possessive, "talks with Moscow",
"warnings from Moscow") or modifies a noun ("the Washington talks").

A town, a division, a county or a region is a location unless it names an agreement ("the
Yalta accord") or the actor stage reads it as an actor ("Ottawa said": ``actors.metonyms``): as a modifier ("Winnipeg police", "a Queens
native") it still says where the police and the native are.
"""
from __future__ import annotations

from tidings.data import words
from tidings.nlp.syntax import first_conjunct
from tidings.places.resolution import stands_as_actor

# A dependency chain from a name to the word that governs it is followed this far up through
# appositions and compounds of other place names ("Nairobi, Kenya", "Abbasiya, Cairo").
MAX_APPOSITION_CLIMB = 3


def national(place) -> bool:
    """A country, or a national capital: names that stand for a state as often as a place."""
    return place.kind == "country" or (place.kind == "city" and place.capital)


def is_location(doc, mention, place, place_tokens: set[int], dateline: bool) -> bool:
    """Whether this mention of ``place`` (a GeoName) is used as a location (see the module
    docstring). ``place_tokens``: token indices of every toponym of the article."""
    if dateline:
        return True
    span = doc[mention.token_start:mention.token_end]
    root = span.root
    if root.dep_ in ("compound", "amod") and root.head.lemma_.lower() in words("agreement_nouns"):
        return False  # "the Yalta accord", "the Oslo accords": an agreement's name
    if not national(place):
        return True
    if place.kind == "city":
        return not _stands_for_government(doc, span)
    for _ in range(MAX_APPOSITION_CLIMB):
        token = root
        if token.dep_ in ("appos", "npadvmod") and token.head.i < span.start and (
                token.head.i in place_tokens or _unlisted_place_before(doc, token.head, span)):
            return True  # "Nairobi, Kenya": the second name places the first
        if token.dep_ == "compound" and token.head.i in place_tokens:
            root = token.head  # "the Kenya-Uganda border": follow the name it belongs to
            continue
        if token.dep_ == "compound" and token.head.lemma_.lower() in words("place_part_nouns"):
            return True  # "the Uganda border", "the Kenya coast": a part of the place
        break
    token = _list_head(root)
    dep, head = token.dep_, token.head
    if _hyphenated_based(doc, span):
        return True  # "a Kenya-based group", "an Australia-wide ban"
    if any(c.lower_ in words("compass_words") for c in root.children if c.i < span.start) \
            or (span.start > 0 and doc[span.start - 1].lower_ in words("compass_words")):
        return True  # "north-western Iran", "an east London hospital": a part of the place
    if dep == "pobj":
        noun = _exemplified(head)
        if noun is not None:  # "in countries such as Mexico": the use of "countries"
            return noun.dep_ == "pobj" and located_by_preposition(noun.head)
        return located_by_preposition(head)
    if dep == "poss":
        # "Iraq's Anbar province", "China's north", "London's Heathrow": the possessor of a
        # place is where it is
        return place_noun(head, place_tokens)
    if dep == "dobj":
        return head.lemma_.lower() in words("motion_words")
    return False


def qualifies_place(doc, mention, place_tokens: set[int]) -> bool:
    """Whether a location mention only qualifies another place that the sentence does not
    use as a location itself: the possessor of a place that is a subject or an object
    ("Israel's northern frontier could be secured", "Indonesia's Aceh province has").
    Such a mention is still a location, but it alone does not make the name's other
    mentions (its state, its people) places of the story; "in Vietnam's capital" and
    "within Canada's largest cities" do."""
    token = _list_head(doc[mention.token_start:mention.token_end].root)
    if token.dep_ != "poss" or not place_noun(token.head, place_tokens):
        return False
    owned = _list_head(token.head)
    return not (owned.dep_ == "pobj" and located_by_preposition(owned.head))


def _list_head(token):
    """The first name of the list a name belongs to: "Italy" in "in Greece, Bulgaria, Italy
    and Germany" (spaCy makes "Bulgaria" an apposition of "Greece" and the rest conjuncts of
    "Bulgaria"), "Nicaragua" in "to a third nation, probably Nicaragua" -> "nation". A list
    is used as its first member is: every name of "in Greece, Bulgaria and Italy" is where
    something is."""
    token = first_conjunct(token)
    for _ in range(MAX_APPOSITION_CLIMB):
        if token.dep_ != "appos":
            break
        token = first_conjunct(token.head)
    return token


def _exemplified(prep):
    """The noun a list of examples stands for: "countries" in "countries such as Mexico" or
    "countries including Mexico"; None where ``prep`` introduces no examples."""
    word, noun = prep.lower_, prep.head
    if word == "as" and noun.lower_ == "such":
        noun = noun.head  # "such" heads "as"
    elif word == "as":
        if not any(c.lower_ == "such" for c in prep.children) and \
                (prep.i == 0 or prep.doc[prep.i - 1].lower_ != "such"):
            return None
    elif word not in words("example_preps"):
        return None
    return noun if noun.pos_ == "NOUN" else None


def place_noun(token, place_tokens: set[int]) -> bool:
    """A word that names a place: another toponym, a part of a place ("province", "north"),
    a facility ("airport", "racecourse") or a name spaCy tags as a place or facility."""
    lemma = token.lemma_.lower()
    return token.i in place_tokens or lemma in words("place_part_nouns") \
        or lemma in words("place_facility_nouns") or token.ent_type_ in words("place_ents")


def _stands_for_government(doc, span) -> bool:
    """A capital stands for its government as a subject, possessive or agent ("Moscow
    objected", "Moscow's stance"), the object of by/between/with/against, of "from" after a
    message ("warnings from Moscow") or of "to" after a message or an envoy ("a letter to
    Moscow", "the ambassador to Moscow"), or a modifier ("the Washington talks") but of a
    gathering's name ("the Madrid summit"), a facility's or a resident's ("a Paris hospital",
    "a Lima man"); elsewhere ("shelled Kyiv", "crowded Paris", "in
    Ottawa") it is the city."""
    token = _list_head(span.root)
    if token.dep_ in ("compound", "amod") and token.head.lemma_.lower() in words("venue_nouns"):
        return False  # "the Madrid summit", "the NATO Washington summit": held there
    if token.dep_ == "poss" and place_noun(token.head, set()):
        return False  # "London's Heathrow", "Cairo's Abbasiya neighbourhood": where it is
    modified = token.head.lemma_.lower()
    if token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN" and (
            modified in words("place_facility_nouns") or modified in words("place_resident_nouns")):
        return False  # "a Buenos Aires hospital", "a Paris man": where they are
    if token.dep_ in ("compound", "amod") or stands_as_actor(token):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "to":
        # "the ambassador to Washington", "a letter to Moscow": the addressee
        lemma = token.head.head.lemma_.lower()
        return lemma in words("message_words") and lemma not in words("motion_words")
    return False


def located_by_preposition(prep) -> bool:
    """The object of ``prep`` is a location: a locative preposition, a part of a place ("the
    north of Iraq", "the holy city of Kerbala"), or motion to, for or from it."""
    word = prep.lower_
    if word in words("location_preps"):
        return True
    governor = prep.head
    lemma = governor.lemma_.lower()
    if word == "between" and governor.dep_ == "pobj" and governor.head.lower_ == "of":
        lemma = governor.head.head.lemma_.lower()  # "travel of horses between A and B"
    if word == "of":
        return lemma in words("place_part_nouns")
    if word in ("to", "for", "toward", "towards"):
        return lemma in words("motion_words")
    if word == "from":
        return lemma not in words("message_words") and governor.dep_ != "agent"
    if word == "between":  # "the border between Iran and Iraq", "travel between", not "talks between"
        return lemma in words("place_part_nouns") or lemma in words("motion_words")
    return False


def _unlisted_place_before(doc, head, span) -> bool:
    """"Lokichar, Kenya" where the gazetteer lacks Lokichar: the name before the comma is
    still a place by spaCy's entity label, and the country places it."""
    return span.start > 0 and doc[span.start - 1].text == "," and \
        head.ent_type_ in words("place_ents")


def _hyphenated_based(doc, span) -> bool:
    end = span.end
    return end + 1 < len(doc) and doc[end].text in ("-", "\u2013") and \
        doc[end + 1].lower_ in words("place_hyphen_suffixes")
