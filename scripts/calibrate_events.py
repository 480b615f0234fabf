"""Fit the event confidence model (src/tidings/data/event_confidence.tsv) on annotated stories.

    python scripts/calibrate_events.py ../shared/corpus/dev            # report only
    python scripts/calibrate_events.py ../shared/corpus/dev --write    # and write the table

Every plausible event the coder finds (``tidings.events.coder.scored_events``, before the
threshold) is labelled right when an annotated event of the story has its source and target
countries, its CAMEO root and, where the annotation gives one, its date (either direction
for the annotation's symmetric events): the matching rule of the corpus scorers. A logistic
model over the features of ``tidings.events.confidence`` is fitted with an L2 penalty (few
stories: the penalty keeps rare features from swinging). The report gives each feature's
weight and counts, and precision and recall of right events at several thresholds,
in-sample and in leave-one-story-out cross-validation (the honest figure).

Annotation files follow ../shared/corpus/*/README.md: ``<id>.gold.json`` beside ``<id>.txt``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import numpy as np

from tidings.actors import find_actors
from tidings.events.coder import scored_events
from tidings.events.confidence import features
from tidings.nlp import pipeline
from tidings.places import find_places
from tidings.records import Context
from tidings.times import find_times

TABLE = Path(__file__).resolve().parent.parent / "src" / "tidings" / "data" / "event_confidence.tsv"
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


def _side_country(side) -> str:
    if side is None:
        return ""
    if side.country == "IGO" or (side.sector or "") == "IGO" or (side.code or "").startswith("IGO"):
        return "IGO"
    return side.country or ""


def _right(event, gold: dict) -> bool:
    pair = (_side_country(event.source), _side_country(event.target))
    symmetric = set(gold.get("symmetric_events", []))
    for g in gold["events"]:
        want = {(g["source"], g["target"])}
        if g["id"] in symmetric or event.symmetric:
            want.add((g["target"], g["source"]))
        if event.root in g["roots"] and pair in want \
                and (g.get("date") is None or event.date == g["date"]):
            return True
    return False


def collect(folder: Path) -> list[tuple[str, list[str], bool, int]]:
    """(story id, features, right?, events annotated in the story) for every scored event."""
    nlp = pipeline.load()
    rows = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / gold["article"]["file"]).read_text(encoding="utf-8")
        ctx = Context(nlp(text), dt.date.fromisoformat(gold["article"]["published"]))
        ctx.actors = find_actors(ctx)
        ctx.times = find_times(ctx)
        ctx.places = find_places(ctx)
        for event in scored_events(ctx):
            rows.append((gold_path.name, features(event), _right(event, gold),
                         len(gold["events"])))
    return rows


def _matrix(rows, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (_, feats, _, _) in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    return x, np.array([float(right) for _, _, right, _ in rows])


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 4000) -> np.ndarray:
    """Logistic regression by gradient descent; the bias (column 0) is not penalized."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + penalty * w / len(y)
        w -= 0.5 * grad
    return w


def _report(p: np.ndarray, y: np.ndarray, annotated: int, title: str) -> None:
    print(title)
    print(f"  {'threshold':>9} {'events':>7} {'right':>6} {'precision':>9} {'recall*':>8}")
    for t in THRESHOLDS:
        kept = p >= t
        right = int(y[kept].sum())
        n = int(kept.sum())
        print(f"  {t:>9.2f} {n:>7} {right:>6} {right / n if n else 0:>9.2f} "
              f"{right / annotated:>8.2f}")
    print("  (* right events over annotated events, before one-per-dyad de-duplication)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--l2", type=float, default=2.0, help="L2 penalty (default 2.0)")
    ap.add_argument("--write", action="store_true", help="write event_confidence.tsv")
    args = ap.parse_args()
    rows = collect(args.folder)
    names = ["bias"] + sorted({f for _, feats, _, _ in rows for f in feats} - {"bias"})
    x, y = _matrix(rows, names)
    annotated = sum({story: n for story, _, _, n in rows}.values())
    w = fit(x, y, args.l2)
    print(f"{len(rows)} scored events, {int(y.sum())} right; {annotated} annotated events")
    print(f"{'feature':<16} {'weight':>7} {'events':>7} {'right':>6}")
    for i, name in enumerate(names):
        has = x[:, i] > 0
        print(f"{name:<16} {w[i]:>7.2f} {int(has.sum()):>7} {int(y[has].sum()):>6}")
    _report(1 / (1 + np.exp(-x @ w)), y, annotated, "in sample:")
    stories = sorted({story for story, _, _, _ in rows})
    held = np.zeros(len(rows))
    for story in stories:
        test = np.array([r[0] == story for r in rows])
        w_cv = fit(x[~test], y[~test], args.l2)
        held[test] = 1 / (1 + np.exp(-x[test] @ w_cv))
    _report(held, y, annotated, "leave one story out:")
    if args.write:
        lines = ["# tidings event confidence: weights of a logistic model over an event's features",
                 "# (tidings/events/confidence.py). Written by scripts/calibrate_events.py from",
                 f"# {len(stories)} hand-annotated stories ({len(rows)} scored events, "
                 f"{int(y.sum())} right) with L2 penalty {args.l2}; do not edit by hand.",
                 "# events / right: how many scored events had the feature, and how many were right.",
                 "feature\tweight\tevents\tright"]
        for i, name in enumerate(names):
            has = x[:, i] > 0
            lines.append(f"{name}\t{w[i]:.3f}\t{int(has.sum())}\t{int(y[has].sum())}")
        TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
