"""How much selective parsing could save: each pipeline component's share of spaCy's time,
and the share of sentences no stage needs a parse for.

    python benchmarks/parse_share.py --corpus ../shared/eval/quotes/polnear_train.jsonl --limit 100

A sentence needs its dependency parse when it has a candidate for some stage: an event
trigger (a lemma in data/event_patterns.tsv), a quote cue (data/quote_cues.tsv) or a quote
mark, or an actor (a named entity or a lexicon term). The figure printed is an upper bound
on the saving: the parser's share of the pipeline times the share of sentences with no
candidate (sentence boundaries would still need the parser or a sentence splitter, and the
shared tok2vec layer runs either way).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import read_articles  # noqa: E402

from tidings.events.triggers import lexicon as trigger_lexicon  # noqa: E402
from tidings.actors import lexicon as actor_lexicon  # noqa: E402
from tidings.nlp import pipeline  # noqa: E402
from tidings.quotes.cues import lexicon as cue_lexicon  # noqa: E402

QUOTE_MARKS = set("\"\u201c\u201d\u00ab\u00bb")


def component_times(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds per component over ``texts``, each run over the previous one's output."""
    docs = [nlp.make_doc(text) for text in texts]
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
    return seconds


def needs_parse(sent, triggers, cues, lex) -> bool:
    if sent.ents or any(ch in QUOTE_MARKS for ch in sent.text):
        return True
    folded = [actor_lexicon.key_token(t.text) for t in sent]
    for tok, key in zip(sent, folded):
        lemma = tok.lemma_.lower()
        if lemma in triggers.verbs or lemma in triggers.nouns or lemma in triggers.frames \
                or lemma in cues.verbs or lemma in cues.nouns:
            return True
        if (key,) in lex.terms or (key,) in lex.prefixes:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--batch-size", type=int, default=pipeline.BATCH_SIZE)
    args = parser.parse_args(argv)

    articles = read_articles(args.corpus, args.limit)
    texts = [a.text for a in articles]
    nlp = pipeline.load(None)
    list(nlp.pipe(texts[:args.batch_size]))  # warm-up, untimed
    seconds = component_times(nlp, texts, args.batch_size)
    total = sum(seconds.values())
    print(f"{len(texts)} articles; spaCy components, {total:.1f} s in all:")
    for name, value in seconds.items():
        print(f"  {name:<20} {value:7.2f} s  {100 * value / total:5.1f}%")

    triggers, cues, lex = trigger_lexicon(), cue_lexicon(), actor_lexicon.load()
    sentences = free = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        for sent in doc.sents:
            sentences += 1
            free += not needs_parse(sent, triggers, cues, lex)
    parser_share = seconds.get("parser", 0.0) / total
    print(f"sentences: {sentences}; with no candidate for any stage: {free} "
          f"({100 * free / sentences:.1f}%)")
    print(f"upper bound of the saving from parsing only candidate sentences: "
          f"{100 * parser_share * free / sentences:.1f}% of spaCy's time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
