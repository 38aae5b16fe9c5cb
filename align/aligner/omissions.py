"""Omissions: split an unmatched edge sentence off a multi-sentence bead.

The search glues a sentence that has no counterpart (an omission by the translator,
an added remark) to a neighbouring bead whenever a 0-1/1-0 bead costs more than the
damage the sentence does to that bead, and the deletion prior learned from a first
pass that found few deletions makes that almost always so. This post-pass looks at
the edge sentences of every multi-sentence bead and splits one off as a 0-1/1-0 bead
when all three hold (the similarity and length model are the document pair's own):

- the sentence has keys (at least ``min_keys``) but shares none with the bead's
  other side: no word translation (dictionary, learned or Model 1), number, Latin
  token or glossary term;
- the rest of the bead is clearly aligned (its similarity, standardised against
  random bead pairs of its shape, is at least ``min_rest_z``), so the other side
  is already explained without the sentence;
- the length model accepts the rest: it fits better than the whole bead, or within
  ``max_rest_sd`` standard deviations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from align.aligner.search import BeadType

if TYPE_CHECKING:
    from align.aligner.scoring import Level, ScoreParams


def _z(u: Any, v: Any, stats: dict[BeadType, tuple[float, float]], shape: BeadType) -> float:
    """Standardised cosine of two bead vectors (nan if either has no words)."""
    import numpy as np

    den = float(np.sqrt(float(u @ u) * float(v @ v)))
    if den <= 0:
        return float("nan")
    mu, sd = stats.get(shape, stats.get((1, 1), (0.0, 1.0)))
    return (float(u @ v) / den - mu) / sd


def _delta2(ls: float, lt: float, params: ScoreParams) -> float:
    """Gale-Church squared standardised length difference (as in the bead cost)."""
    lt = lt / params.ratio
    return (lt - ls) ** 2 / (params.variance * max((ls + lt) / 2, 1.0))


def split_omissions(level: Level, path: Sequence[tuple[int, int, int]],
                    types: Sequence[BeadType], params: ScoreParams,
                    stats: dict[BeadType, tuple[float, float]],
                    src_keys: Sequence[set[str]], tgt_keys: Sequence[set[str]],
                    min_keys: int = 2, min_rest_z: float = 3.0, max_rest_sd: float = 2.0
                    ) -> list[tuple[int, int, int]]:
    """The path with unmatched edge sentences split off (see the module docstring).

    Args:
        level: the sentence level the path is on.
        path: (i, j, type index) of each bead's end point.
        types: the bead types (must include (0, 1) and (1, 0)).
        params: the length model (ratio, variance).
        stats: random-pair cosine (mean, sd) per bead shape.
        src_keys, tgt_keys: the matching keys of every sentence (a Chinese
            sentence's are the translations of its words), numbers, names, terms.
    """
    t01, t10 = types.index((0, 1)), types.index((1, 0))
    index = {t: k for k, t in enumerate(types)}
    out: list[tuple[int, int, int]] = []
    for i, j, t in path:
        a, b = types[t]
        best = None
        if a and b and a + b >= 3:
            src = level.x[i - a:i].sum(axis=0)
            tgt = level.y[j - b:j].sum(axis=0)
            ls, lt = float(level.ls[i - a:i].sum()), float(level.lt[j - b:j].sum())
            full = _delta2(ls, lt, params)
            cands = []
            if b >= 2 and (a, b - 1) in index:
                cands += [("t", j - b), ("t", j - 1)]
            if a >= 2 and (a - 1, b) in index:
                cands += [("s", i - a), ("s", i - 1)]
            for side, k in cands:
                if side == "t":
                    own, other = tgt_keys[k], set().union(*src_keys[i - a:i])
                    z_rest = _z(src, tgt - level.y[k], stats, (a, b - 1))
                    rest = _delta2(ls, lt - float(level.lt[k]), params)
                else:
                    own, other = src_keys[k], set().union(*tgt_keys[j - b:j])
                    z_rest = _z(src - level.x[k], tgt, stats, (a - 1, b))
                    rest = _delta2(ls - float(level.ls[k]), lt, params)
                unmatched = len(own) >= min_keys and not own & other
                if unmatched and z_rest >= min_rest_z and rest <= max(
                        full, max_rest_sd ** 2) and (best is None or rest < best[2]):
                    best = (side, k, rest)
        if best is None:
            out.append((i, j, t))
            continue
        side, k, _ = best
        if side == "t":
            rest_t = index[(a, b - 1)]
            if k == j - b:  # the first target sentence goes first, on its own
                out += [(i - a, j - b + 1, t01), (i, j, rest_t)]
            else:
                out += [(i, j - 1, rest_t), (i, j, t01)]
        else:
            rest_t = index[(a - 1, b)]
            if k == i - a:
                out += [(i - a + 1, j - b, t10), (i, j, rest_t)]
            else:
                out += [(i - 1, j, rest_t), (i, j, t10)]
    return out
