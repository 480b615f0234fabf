"""Accuracy gates: the shared scorers run against the installed command, with floors.

Like trafilatura's evaluation in CI: a change that lowers accuracy below a floor fails the
build. The floors are the acceptance bounds of the issues; figures are in the issue notes.
Skipped when ../shared (the gold sets) is not beside the repository.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

SEED = "corpus/seed/000_ad8205b13b026261"


def _tidings_cmd() -> str:
    exe = Path(sys.executable).parent / "tidings"
    return str(exe) if exe.exists() else (shutil.which("tidings") or "tidings")


def _score(shared: Path, tool: str, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(shared / "tools" / tool), *args,
                             "--cmd", _tidings_cmd()],
                            capture_output=True, text=True, timeout=3000, cwd=ROOT)
    print(result.stdout[-4000:])
    return result


@pytest.fixture(scope="module")
def seed_doc(shared, tmp_path_factory):
    result = run_cli("extract", str(shared / f"{SEED}.txt"), "--published", "2020-01-10",
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    path = tmp_path_factory.mktemp("seed") / "seed.json"
    path.write_bytes(result.stdout)
    return path


def test_seed_article(shared, seed_doc):
    """Issues 2-4 on the seed: times, places, required events, extra events, quotes."""
    result = subprocess.run([sys.executable, str(shared / "tools" / "score_article.py"),
                             str(shared / f"{SEED}.gold.json"), str(shared / f"{SEED}.txt"),
                             str(seed_doc), "--min-times", "1", "--min-places", "1",
                             "--min-required", "1.0", "--min-events", "0.75",
                             "--max-extra-events", "6", "--min-quote-f1", "0.90"],
                            capture_output=True, text=True)
    print(result.stdout[-400:])
    assert result.returncode == 0, result.stdout[-3000:]


def test_seed_actors_have_annotated_country_and_sector(shared, seed_doc):
    """All 14 annotated actors appear, found by any alias, with their country and sector."""
    gold = json.loads((shared / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    doc = json.loads(seed_doc.read_text(encoding="utf-8"))
    text = (shared / f"{SEED}.txt").read_text(encoding="utf-8")
    fold = lambda s: s.replace("\u2019", "'").lower()
    missing = []
    for g in gold["actors"]:
        aliases = {fold(a) for a in [g["name"], *g.get("aliases", [])]}
        ok = False
        for actor in doc["actors"]:
            names = {fold(actor["name"])} | {fold(text[s:e]) for s, e in actor["mentions"]}
            if not (names & aliases or any(a in n for n in names for a in aliases if len(a) > 3)):
                continue
            if actor["country"] == g["country"] and actor.get("sector") == g.get("sector",
                                                                                actor.get("sector")):
                ok = True
                break
        if not ok:
            missing.append(g["name"])
    assert not missing, f"actors missing or miscoded: {missing}"


# (scorer, gold set under ../shared, floors): the acceptance bounds of issues 2-4 and 12-14
# that the code meets (dev event precision a little above its bound 0.60, where it stands
# now), and for those it does not meet yet (PolNeAR end-to-end, TR-News recall) a floor
# just under today's figure so they cannot slip back (the notes of those issues give the
# figures).
GATES = {
    "actors": ("score_actors.py", "eval/events/ngec_actor_cases.jsonl", "--min-pass", "0.88"),
    "timebank": ("score_timex.py", "eval/time/TBAQ-cleaned/TimeBank",
                 "--min-date-value-f1", "0.85", "--min-value-f1", "0.78"),
    "geovirus": ("score_geo.py", "eval/geo/GeoVirus.xml",
                 "--min-acc161", "0.90", "--min-recall", "0.85"),
    "trnews": ("score_geo.py", "eval/geo/TR-News.xml", "--min-acc161", "0.87",
               "--min-recall", "0.72"),
    "plover": ("score_plover.py", "eval/events/plv_train.tsv",
               "--min-type-accuracy", "0.85", "--min-dyad-recall", "0.65"),
    "plover-gsr": ("score_plover_gsr.py", "eval/events/plover_gsr_cameo.json",
                   "--min-type", "0.78"),
    "polnear": ("score_quotes.py", "eval/quotes/polnear_dev.jsonl",
                "--min-content-f1", "0.80", "--min-speaker-f1", "0.85",
                "--min-speaker-end-to-end", "0.74"),
    "dev-stories": ("score_corpus.py", "corpus/dev", "--min-event-precision", "0.78",
                    "--min-actors", "0.87", "--min-quote-f1", "0.80", "--min-places", "0.93",
                    "--min-place-precision", "0.85",
                    "--min-required", "0.75", "--min-events", "0.55"),
}


@pytest.mark.parametrize("gate", sorted(GATES))
def test_accuracy_gate(shared, gate):
    tool, data, *bounds = GATES[gate]
    result = _score(shared, tool, str(shared / data), *bounds)
    assert result.returncode == 0, result.stdout[-2000:]
