"""Shared fixtures: the repository root, ../shared (skip when absent), the CLI as a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# `tidings ingest` extracts in one worker process per core by default; the suite's CLI runs
# stay in one process (fast start on tiny inputs) unless a test asks for workers.
os.environ.setdefault("TIDINGS_WORKERS", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TIDINGS = [sys.executable, "-m", "tidings"]


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "tools").is_dir():
        pytest.skip("../shared (gold sets and scorers) is not beside the repository")
    return SHARED


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None
            ) -> subprocess.CompletedProcess:
    """Run `tidings ARGS` in a fresh process, as a user would."""
    return subprocess.run([*TIDINGS, *args], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, timeout=600, env=dict(os.environ))


@pytest.fixture(scope="session")
def nlp():
    from tidings.nlp import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def extract():
    """extract(text, published) -> the article document, in this process."""
    from tidings.extract import extract_text

    return extract_text


SEED = SHARED / "corpus" / "seed" / "000_ad8205b13b026261.txt"
POLNEAR_DEV = SHARED / "eval" / "quotes" / "polnear_dev.jsonl"


@pytest.fixture(scope="session")
def analyst_store(shared, tmp_path_factory):
    """The analyst's desk: the seed article (id "seed") and the 84 PolNeAR dev articles as
    one JSON Lines file (their own field names: publication_date, publisher), ingested once
    per session through the CLI. Returns (store path, the ingest's CompletedProcess)."""
    import json

    folder = tmp_path_factory.mktemp("analyst")
    feed = folder / "desk.jsonl"
    seed = {"id": "seed", "text": SEED.read_text(encoding="utf-8"), "published": "2020-01-10",
            "title": "Washington spurns Iraqi request", "source": "Seed Wire"}
    feed.write_text(json.dumps(seed) + "\n" + POLNEAR_DEV.read_text(encoding="utf-8"),
                    encoding="utf-8")
    db = folder / "desk.duckdb"
    result = run_cli("ingest", str(feed), "--db", str(db), "--workers", "2")
    assert result.returncode == 0, result.stderr
    return db, result


def actor_rows(extract, text, published="2021-06-01"):
    """The actors ``extract`` finds in ``text``: (name, kind, country, sector, code, the
    words of each mention)."""
    doc = extract(text, published=published)
    return [(a["name"], a["kind"], a["country"], a["sector"], a["code"],
             [text[s:e] for s, e in a["mentions"]]) for a in doc["actors"]]


def find_actor(actors, mention):
    """The row of ``actor_rows`` with a mention of these words."""
    for actor in actors:
        if mention in actor[5]:
            return actor
    raise AssertionError(f"no actor mentioned as {mention!r} in {actors}")


def dyads(doc) -> set[tuple]:
    """(source country, target country, CAMEO root) of every event of an extracted document."""
    side = lambda s: s["country"] if s else None  # noqa: E731
    return {(side(e["source"]), side(e["target"]), e["root"]) for e in doc["events"]}


def quote_dicts(nlp, text) -> list[dict]:
    """The quotes the quote stage alone finds in ``text``, as the output contract writes them."""
    from tidings.quotes import find_quotes
    from tidings.records import Context

    return [q.as_dict() for q in find_quotes(Context(nlp(text), None))]


def quote_with(quotes, fragment) -> dict:
    """The quote whose text holds ``fragment``."""
    hits = [q for q in quotes if fragment in q["text"]]
    assert hits, f"no quote holds {fragment!r}: {[q['text'] for q in quotes]}"
    return hits[0]


def speaker_words(text, quote) -> str | None:
    """The words of a quote's speaker mention, or None."""
    m = quote["speaker"]["mention"]
    return text[m[0]:m[1]] if m else None
