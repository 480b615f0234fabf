"""Quote finder: direct, indirect and mixed attributions with resolved speakers.

Two readings of each article are merged: quotation-mark scanning (marks.py, direct.py)
and reported speech from the dependency parse (indirect.py). A reported clause mostly in
quotation marks is the direct quote's frame (its cue and speaker go to that quote); one
holding quoted fragments is ``mixed``: its quoted words are its ``fragments``, not quotes of
their own, so each statement is counted once; one that ends in `: "..."` stops at the colon.
"""
from __future__ import annotations


from tidings.nlp.doctext import doc_text
from tidings.quotes.attribution import Attribution
from tidings.quotes.bites import find_bites, find_blocks
from tidings.quotes.direct import attach, inside_marks, word_count
from tidings.quotes.colon_lines import find_colon_lines
from tidings.quotes.continuation import continue_reported
from tidings.quotes.indirect import find_indirect
from tidings.quotes.labels import Labels
from tidings.nlp.marks import CLOSING_MARKS, OPENING_MARKS, quoted_regions
from tidings.quotes.speakers import SpeakerResolver, words
from tidings.records import Context, Quote, Speaker

# A reported clause this much inside quotation marks is the quote itself, not a frame.
COVERED = 0.7
# What may stand between a colon and the quote it introduces (`told them: "..."`).
_COLON_TO_QUOTE = " " + "".join(sorted(OPENING_MARKS))
# Quoted spans shorter than this many words with no cue are titles or scare quotes.
MIN_UNCUED_WORDS = 6
# Titles of shows, books and slogans are short; in title case every word of this many
# letters is capitalized (shorter ones, "of", "the", "It", may be either), and two words at
# least are ("Morning Joe").
MAX_TITLE_WORDS = 6
# A nickname set inside a name in quotation marks is a word or two ("Cia", "The Rock").
MAX_NICKNAME_WORDS = 3
TITLE_WORD_LETTERS = 4
# Words of someone speaking (first person, "you"): a span holding one is no title.
_SPEAKING = frozenset(w for w, kind in words().items() if kind == "first") | {"you", "your"}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _merge(text: str, directs: list[Attribution], indirects: list[Attribution]) -> list[Attribution]:
    kept: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for item in sorted(indirects, key=lambda a: (a.start, -(a.end - a.start))):
        if item.span in seen:
            continue
        seen.add(item.span)
        inner = [d for d in directs if _overlap(d.span, item.span) > 0]
        quoted = sum(_overlap(d.span, item.span) for d in inner)
        length = max(1, item.end - item.start)
        if inner and item.basis == "colon" and _turn_in_block(text, item, inner):
            # "MAYOR: Well, ..." inside a transcript whose paragraphs all open a quotation
            # mark: the turn is its speaker's quote; the block run over several turns is none
            item.kind = "direct"
            for d in inner:
                d.part_of = item
            kept.append(item)
            continue
        if inner and quoted >= COVERED * length:
            # the clause is the quote: give it this frame when it has none closer
            for d in inner:
                if d.cue is None or d.speaker_span is None and item.speaker_span is not None:
                    d.cue, d.cue_span, d.speaker_span = item.cue, item.cue_span, item.speaker_span
                    d.follows = None
            continue
        if inner:
            first = min(inner, key=lambda d: d.start)
            colon = text.rfind(":", item.start, max(item.start, first.start))
            if colon > item.start and not text[colon + 1:first.start].strip(_COLON_TO_QUOTE):
                # `he would tell them: "..."`: the clause stops at the colon
                item.end = colon
                while item.end > item.start and text[item.end - 1].isspace():
                    item.end -= 1
            else:
                item.kind = "mixed"
                last = max(inner, key=lambda d: d.end)
                if last.end > item.end:  # the parse cut the clause inside the quote
                    item.end = last.end
                    while item.end < len(text) and text[item.end] in CLOSING_MARKS:
                        item.end += 1
                for d in inner:
                    if item.start <= d.start and d.end <= item.end:
                        item.fragments.append(d.span)
                        d.part_of = item
        kept.append(item)
    dropped = [k for k in kept if _nested_weak(k, kept)]
    for d in directs:
        if d.part_of is not None and any(d.part_of is k for k in dropped):
            d.part_of = None  # its clause is no quote: the quoted words stand alone again
    return [k for k in kept if not any(k is x for x in dropped)]


def _turn_in_block(text: str, item: Attribution, inner: list[Attribution]) -> bool:
    """Is colon line ``item`` (a speaker's turn) inside a quotation that runs on past its
    paragraph (a transcript quoted as one block, each paragraph opening a mark)?"""
    lo = text.rfind("\n", 0, item.start) + 1
    hi = text.find("\n", item.end)
    hi = len(text) if hi < 0 else hi
    return any(d.start < lo or d.end > hi for d in inner)


def _nested_weak(item: Attribution, items: list[Attribution]) -> bool:
    """Inside someone's reported clause only a cue with a clause of its own reports speech
    ("Sylvania said Freedonia planned to shell the port" holds no second attribution)."""
    if item.cue_span is None or (item.basis in ("clause", "according", "host", "colon")
                                 and item.cue_class not in ("thought", "evidence")):
        return False
    return any(o is not item and o.start <= item.cue_span[0] < o.end for o in items)


def _wanted(text: str, item: Attribution) -> bool:
    """Direct quotes without any frame are titles, slogans or scare quotes unless long, and
    so is a short one that only continues another quote's speaker inside a sentence of the
    writer's ("... will arrive "in the next few days" ..."); a mixed quote's fragment is
    part of that quote."""
    if item.part_of is not None:
        return False
    if item.cue is not None:
        return True
    long = word_count(text[item.start:item.end]) >= MIN_UNCUED_WORDS
    if item.follows is not None:
        return long or _opens_sentence(text, item)
    return long


def _opens_sentence(text: str, item: Attribution) -> bool:
    """Does the quote open its sentence (only marks and spaces after a sentence end or a
    paragraph break before it)?"""
    before = text[:item.start].rstrip("".join(OPENING_MARKS) + "` \t\u00a0")
    return not before or before[-1] in ".!?:\n" or before[-1] in CLOSING_MARKS


def _title(text: str, item: Attribution) -> bool:
    """A short quoted span in title case ("Face the Nation", "The Art of the Deal") names a
    show, a book or a slogan; no one is quoted (unless it speaks: "We're America")."""
    words = text[item.start:item.end].split()
    bare = [w.strip("\"'.,:;!?()\u2018\u2019\u201c\u201d") for w in words]
    bare = [w for w in bare if w[:1].isalpha()]
    capitals = [w for w in bare if w[0].isupper() and len(w) >= TITLE_WORD_LETTERS - 1]
    spoken = any(w.lower().split("'")[0].split("\u2019")[0] in _SPEAKING for w in words)
    return (len(words) <= MAX_TITLE_WORDS and len(capitals) >= 2 and not spoken
            and all(w[0].isupper() for w in bare if len(w) >= TITLE_WORD_LETTERS))


def _nickname(doc, item) -> bool:
    """A short quoted span set inside a person's name (Marcia "Cia" Price, Dwayne "The
    Rock" Johnson) is the nickname the person goes by: no one is quoted. The tagger may
    read the surname after the mark as a common noun; it is capitalized all the same."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or not len(span) or len(span) > MAX_NICKNAME_WORDS:
        return False
    left = next((t for t in reversed(doc[max(0, span.start - 2):span.start]) if not inside_marks(t)), None)
    right = next((t for t in doc[span.end:span.end + 2] if not inside_marks(t)), None)
    return (left is not None and right is not None and left.pos_ == "PROPN" and left.is_title
            and right.pos_ in ("PROPN", "NOUN") and right.is_title and not right.is_sent_start
            and doc_text(doc)[item.end - 1:item.end] not in ".!?,")


def find_quotes(ctx: Context) -> list[Quote]:
    """The quotes of one parsed article, in text order."""
    doc, actors = ctx.doc, ctx.actors
    text = doc_text(doc)
    inside = quoted_regions(doc)
    marked = [m for m in inside.marked if not _nickname(doc, m)]
    directs = [d for d in attach(doc, marked, inside) if not _title(text, d)]
    indirects = find_indirect(doc, inside) + find_colon_lines(doc)
    kept = _merge(text, directs, indirects)
    labels = Labels(doc)
    items = [i for i in [d for d in directs if _wanted(text, d)] + kept if not labels(i.start)]
    items.sort(key=lambda a: (a.start, a.end))
    continue_reported(text, items)
    bites = find_bites(doc, items, inside, labels) + find_blocks(doc, inside, labels)
    if bites:  # a cue inside someone's sound bite or block quote is part of what they say
        items = [i for i in items if not any(b.start <= (i.cue_span or (i.start,))[0] < b.end
                                             or b.start <= i.start < b.end for b in bites)]
        items = sorted(items + bites, key=lambda a: (a.start, a.end))
    resolver = SpeakerResolver(doc, actors, labels, inside)
    out: list[Quote] = []
    speakers: dict[int, Speaker] = {}
    for item in items:
        if item.follows is not None and item.speaker_span is None:
            source = speakers.get(id(item.follows.part_of or item.follows))
            same_par = "\n" not in text[item.follows.end:item.start]
            if source is not None:
                speaker = source.copy(mention=source.mention if same_par else None)
                cue, cue_span = (item.follows.cue, item.follows.cue_span) if same_par else (None, None)
            else:
                speaker, cue, cue_span = resolver.resolve(None), None, None
        else:
            speaker = resolver.resolve(item.speaker_span, item.named_by, item.start,
                                       (item.start, item.end))
            cue, cue_span = item.cue, item.cue_span
        speakers[id(item)] = speaker
        out.append(Quote(item.kind, text[item.start:item.end], item.start, item.end, cue,
                         tuple(cue_span) if cue_span else None, speaker,
                         fragments=list(item.fragments)))
    for quote in out:
        resolver.finish(quote.speaker)
    for k, quote in enumerate(out, 1):
        quote.id = f"Q{k}"
    return out
