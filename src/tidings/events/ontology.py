"""CAMEO codes and what they imply: name, root, quad class, Goldstein weight, PLOVER type.

The tables live in ``tidings/data`` (cameo_codes.tsv, goldstein.tsv, cameo_plover.tsv) so the
code and the reference scales can be checked and changed apart.
"""
from __future__ import annotations

import functools

from tidings.data import tsv, words


@functools.lru_cache(maxsize=1)
def names() -> dict[str, str]:
    return {row["code"]: row["name"] for row in tsv("cameo_codes.tsv")}


@functools.lru_cache(maxsize=1)
def goldstein() -> dict[str, float]:
    return {row["code"]: float(row["goldstein"]) for row in tsv("goldstein.tsv")}


@functools.lru_cache(maxsize=1)
def plover() -> dict[str, str]:
    return {row["code"]: row["plover"] for row in tsv("cameo_plover.tsv")}


def code_in(code: str | None, code_set: str) -> bool:
    """Is ``code`` one of a word set's CAMEO codes or under one of them ("042" under "04")?"""
    return bool(code) and any(code.startswith(prefix) for prefix in words(code_set))


def quad_class(code: str) -> int:
    """GDELT's quad classes: 01-05 verbal coop, 06-08 material coop, 09-13 verbal conflict,
    14-20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def describe(code: str) -> dict:
    """The contract's coding fields for a CAMEO code (an unknown code falls back to its root):
    a new dict each call, from the fields worked out once per code (asked per candidate)."""
    return dict(_described(code))


@functools.lru_cache(maxsize=None)  # one entry per CAMEO code met: a few hundred at most
def _described(code: str) -> tuple:
    known = code if code in names() else code[:2]
    return (("cameo", code), ("root", code[:2]), ("quad_class", quad_class(code)),
            ("goldstein", goldstein().get(known)), ("plover", plover().get(known)),
            ("cameo_name", names().get(known)))
