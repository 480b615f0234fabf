"""How much of CAMEO the trigger lexicon covers, per root: a measured statement for release notes.

    python -m tidings.events.coverage

For each root 01-20: the codes the codebook defines (data/cameo_codes.tsv), how many of them some
verb or noun pattern emits directly, how many more a frame can reach ("agreed to" + an act,
"threatened to" + an act), and the number of verb and noun patterns. Codes used by the lexicon
but missing from the codebook table are listed (they would fall back to their root).
"""
from __future__ import annotations

from dataclasses import dataclass

from tidings.events.ontology import names
from tidings.events.triggers import lexicon


@dataclass
class RootCoverage:
    root: str
    name: str
    codes: int           # codes the codebook defines under this root (root code included)
    direct: int          # of those, emitted by some verb/noun pattern
    via_frames: int      # of those, reachable only through a frame mapping
    verb_patterns: int
    noun_patterns: int

    @property
    def covered(self) -> int:
        return self.direct + self.via_frames


def _pattern_codes() -> tuple[dict[str, list], set[str]]:
    """Patterns by code, and the codes frames can produce."""
    lex = lexicon()
    by_code: dict[str, list] = {}
    for table in (lex.verbs, lex.nouns):
        for patterns in table.values():
            for pat in patterns:
                if pat.cameo != "-":  # a sense of the word that names no act
                    by_code.setdefault(pat.cameo, []).append(pat)
    framed = {code for pairs in lex.frames.values() for _, code in pairs if code != "-"}
    return by_code, framed


def coverage() -> list[RootCoverage]:
    by_code, framed = _pattern_codes()
    codebook = names()
    rows = []
    for r in range(1, 21):
        root = f"{r:02d}"
        codes = [c for c in codebook if c[:2] == root]
        direct = [c for c in codes if c in by_code]
        frames_only = [c for c in codes if c not in by_code and c in framed]
        pats = [p for c in by_code if c[:2] == root for p in by_code[c]]
        rows.append(RootCoverage(root, codebook.get(root, ""), len(codes), len(direct),
                                 len(frames_only), sum(p.kind == "V" for p in pats),
                                 sum(p.kind == "N" for p in pats)))
    return rows


def unknown_codes() -> list[str]:
    """Codes the lexicon emits that the codebook table lacks."""
    by_code, framed = _pattern_codes()
    return sorted((set(by_code) | framed) - set(names()))


def report() -> str:
    rows = coverage()
    lines = [f"{'root':4}  {'name':38} {'codes':>5} {'direct':>6} {'frames':>6} {'cover':>6} "
             f"{'verbs':>5} {'nouns':>5}"]
    for row in rows:
        share = row.covered / row.codes if row.codes else 0.0
        lines.append(f"{row.root:4}  {row.name[:38]:38} {row.codes:5d} {row.direct:6d} "
                     f"{row.via_frames:6d} {share:6.0%} {row.verb_patterns:5d} {row.noun_patterns:5d}")
    codes = sum(r.codes for r in rows)
    covered = sum(r.covered for r in rows)
    roots = sum(r.direct > 0 for r in rows)
    lines.append(f"all   {'':38} {codes:5d} {sum(r.direct for r in rows):6d} "
                 f"{sum(r.via_frames for r in rows):6d} {covered / codes:6.0%} "
                 f"{sum(r.verb_patterns for r in rows):5d} {sum(r.noun_patterns for r in rows):5d}")
    lines.append(f"roots with a direct pattern: {roots}/20")
    unknown = unknown_codes()
    lines.append("codes not in the codebook table: " + (", ".join(unknown) if unknown else "none"))
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
