"""Statistics of random bead pairs, and the calibration learned from a first pass.

The standardised similarity z of a bead is its cosine minus the mean cosine of random
bead pairs of the same shape, divided by their standard deviation (Vecalign's
normalisation). After a first pass, :func:`calibrate` turns z into a log-likelihood
ratio, aligned versus random, estimated from the first path and fresh random pairs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from align.aligner.cost import RandomStats, ScoreParams, similarity_z
from align.aligner.dots import bead_vector_dots
from align.aligner.level import Level
from align.aligner.search import BeadType

RANDOM_COS = (0.03, 0.06)  # typical random-pair cosine (mean, sd): shrinkage target


def random_pairs(rng: Any, n: int, m: int, a: int, b: int, k: int) -> tuple[Any, Any, float]:
    """Random bead end points (i, j) away from the proportional diagonal (where the
    true beads are), and the number of distinct candidates they were drawn from."""
    i = rng.integers(a, n + 1, size=4 * k)
    j = rng.integers(b, m + 1, size=4 * k)
    far = np.abs(i / max(n, 1) - j / max(m, 1)) > 0.1
    if far.sum() >= k // 4:
        i, j = i[far], j[far]
    distinct = (n - a + 1) * (m - b + 1) * float(far.mean())
    return i[:k], j[:k], distinct


def bead_dots(level: Level, i: Any, j: Any, a: int, b: int) -> tuple[Any, Any]:
    """Dot product and product of norms of the bead vectors of shape (a, b) ending at
    grid points (i, j) (float64 arrays)."""
    i = np.ascontiguousarray(i, dtype=np.int64)  # one compiled signature
    j = np.ascontiguousarray(j, dtype=np.int64)
    uv, uu, vv = bead_vector_dots(level.x, level.y, i, j, a, b)
    return uv, np.sqrt(uu * vv)


def random_stats(level: Level, types: Sequence[BeadType], seed: int = 0, k: int = 600
                 ) -> RandomStats:
    """Mean and standard deviation of the cosine of random bead pairs, per type.

    On short documents there are few random pairs (and those near the diagonal are
    true ones), so the estimates are shrunk towards :data:`RANDOM_COS`.
    """
    rng = np.random.default_rng(seed)
    n, m = level.n, level.m
    out: RandomStats = {}
    for a, b in types:
        if not a or not b or n < a or m < b:
            continue
        i, j, distinct = random_pairs(rng, n, m, a, b, k)
        num, den = bead_dots(level, i, j, a, b)
        ok = den > 0
        cos = num[ok] / den[ok] if ok.any() else np.zeros(1)
        w = distinct / (distinct + 300.0)
        mu = w * float(cos.mean()) + (1 - w) * RANDOM_COS[0]
        var = w * float(cos.var()) + (1 - w) * RANDOM_COS[1] ** 2
        out[(a, b)] = (mu, max(math.sqrt(var), 0.02))
    # standard deviation of the centred dot product of random sentence pairs
    i, j, _ = random_pairs(rng, n - 1, m - 1, 0, 0, 4 * k)
    xm, ym = level.x.mean(axis=0), level.y.mean(axis=0)
    d = np.einsum("ij,ij->i", level.x[i] - xm, level.y[j] - ym, dtype=np.float64)
    out[(0, 0)] = (0.0, max(float(d.std()), 1e-6))
    return out


def random_z(level: Level, types: Sequence[BeadType], stats: RandomStats,
             params: ScoreParams, seed: int = 1, k: int = 3000) -> Any:
    """Standardised similarities of random beads (fresh samples), all types pooled."""
    rng = np.random.default_rng(seed)
    n, m = level.n, level.m
    out = []
    for a, b in types:
        if (a, b) not in stats:
            continue
        i = rng.integers(a, n + 1, size=k // 4 if (a, b) != (1, 1) else k)
        j = rng.integers(b, m + 1, size=len(i))
        out.append(similarity_z(*bead_dots(level, i, j, a, b), (a, b), params, stats, level.factor))
    return np.concatenate(out) if out else np.zeros(1)


def path_z(level: Level, path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
           stats: RandomStats, params: ScoreParams) -> Any:
    """Standardised similarity of the non-empty beads of a path at ``level``."""
    out = []
    steps = np.asarray(path, dtype=np.int64).reshape(-1, 3)
    for t, (a, b) in enumerate(types):
        if not a or not b:
            continue
        ends = steps[steps[:, 2] == t, :2]
        if not len(ends):
            continue
        out.append(similarity_z(*bead_dots(level, ends[:, 0], ends[:, 1], a, b), (a, b), params,
                                stats, level.factor))
    return np.concatenate(out) if out else np.zeros(0)


def calibrate(aligned_z: Any, random_z: Any, lo: float, hi: float, step: float = 0.5,
              pseudo: float = 2.0, min_random: int = 10, tail_slope: float = 1.0
              ) -> tuple[Any, Any]:
    """A monotone log-likelihood ratio curve log p(z | aligned) / p(z | random) from
    histograms of the two samples (add-``pseudo`` smoothing), as interpolation knots.

    Where random beads become too rare to estimate the ratio (fewer than
    ``min_random`` in a bin), the curve continues with slope ``tail_slope`` (the
    uncalibrated linear score), so strong evidence keeps being told apart."""
    edges = np.arange(lo, hi + step, step)
    ca = np.histogram(np.clip(aligned_z, lo, hi), bins=edges)[0].astype(np.float64)
    cr = np.histogram(np.clip(random_z, lo, hi), bins=edges)[0].astype(np.float64)
    pa = (ca + pseudo) / (ca.sum() + pseudo * len(ca))
    pr = (cr + pseudo) / (cr.sum() + pseudo * len(cr))
    llr = np.log(pa / pr)
    centres = (edges[:-1] + edges[1:]) / 2
    reliable = np.nonzero(cr >= min_random)[0]
    last = int(reliable[-1]) if len(reliable) else 0
    llr[last + 1:] = llr[last] + tail_slope * (centres[last + 1:] - centres[last])
    return centres, np.maximum.accumulate(llr)
