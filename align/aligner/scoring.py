"""Scoring: the cost of every candidate bead inside a band, all at once with numpy.

Cost (lower is better) of a bead of type (a, b) = -log prior(a, b)
  + length cost: delta^2 / 2, Gale-Church with the ratio and variance estimated on
    the document pair, delta = (lt / c - ls) / sqrt(s2 * (ls + lt / c) / 2)
  - lexical evidence: w * z, the bead's cosine similarity standardised against random
    bead pairs of the same shape (Vecalign-style normalisation, see
    :mod:`.calibration`), clipped to [-z_clip, z_max] so one rare shared word cannot
    dominate; after a first pass, a learned log-likelihood ratio of z replaces w * z
  - additive evidence: dot_weight * the dot product of the bead's two sides centred
    on the document means, in units of its random-pair standard deviation (it tells
    which neighbouring bead a short sentence belongs to, where cosines barely move)
  + paragraph cost (when both sides have paragraphs): boundaries crossed or unmatched.
Empty-side beads (0-1, 1-0) have only the prior (and paragraph cost). Summing bead costs along a path
makes finer beads win whenever each part carries its own evidence, and the priors
(re-estimated from the first pass) penalise rare multi-sentence beads.

Bead similarities come from sentence-pair dot products: by bilinearity,
``dot(sum x_i, sum y_j) = sum S[i, j]``, so only the n x width matrix of sentence
dot products inside the band is computed (blocked matrix products), plus the norms
of consecutive-sentence windows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from align.aligner.search import Band, BeadType

DEFAULT_PRIORS: dict[BeadType, float] = {
    (1, 1): 0.80, (1, 2): 0.06, (2, 1): 0.06, (2, 2): 0.01, (0, 1): 0.005, (1, 0): 0.005,
    (1, 3): 0.01, (3, 1): 0.01, (2, 3): 0.004, (3, 2): 0.004,
}
OTHER_PRIOR = 0.001


@dataclass
class ScoreParams:
    """Settings of the bead cost, estimated on the document pair where possible.

    Attributes:
        ratio: target characters per source character (c).
        variance: Gale-Church variance per source character (s2).
        priors: probability of each bead type.
        lex_weight: weight of the standardised lexical similarity.
        z_max: upper clip of the standardised similarity.
        z_clip: lower clip (a dissimilar pair is evidence against, up to a point).
        para_penalty: cost of a paragraph boundary inside a bead, or at the end of a
            bead on one side only (0: no paragraph information).
        len_nu: degrees of freedom of a Student-t length model (0: Gaussian).
        lex_curve: (knots, values) of a learned log-likelihood ratio of the
            standardised similarity (aligned vs random beads); replaces
            ``lex_weight * z`` once learned (see :func:`calibrate`).
    """

    ratio: float = 1.0
    variance: float = 6.8
    priors: dict[BeadType, float] = field(default_factory=lambda: dict(DEFAULT_PRIORS))
    lex_weight: float = 1.0
    dot_weight: float = 0.3
    dot_max: float = 40.0
    z_max: float = 12.0
    z_clip: float = 3.0
    para_penalty: float = 0.0
    len_nu: float = 0.0
    lex_curve: tuple[Any, Any] | None = None

    def prior_cost(self, t: BeadType) -> float:
        """-log prior of a bead type."""
        return -math.log(self.priors.get(t, OTHER_PRIOR))

    def describe(self) -> str:
        """Short form for the alignment signature."""
        return (f"len-ratio={self.ratio:.3f},len-var={self.variance:.2f},"
                f"lex-weight={self.lex_weight:g},z-max={self.z_max:g}")


@dataclass
class Level:
    """One resolution of the document pair: units are sentences or merged blocks.

    Attributes:
        x, y: hashed lexical vectors (float32), source and target units.
        ls, lt: character lengths of the units.
        ps, pt: paragraph index of the first sentence of each unit, or None.
        factor: about how many sentences one unit holds.
        blocks_by_length: coarser levels cut blocks of equal text length (True) or of
            equal sentence counts (False: keeps lengths informative for a length-only
            aligner).
    """

    x: Any
    y: Any
    ls: Any
    lt: Any
    ps: Any = None
    pt: Any = None
    factor: int = 1
    blocks_by_length: bool = True

    @property
    def n(self) -> int:
        return int(self.x.shape[0])

    @property
    def m(self) -> int:
        return int(self.y.shape[0])

    def coarsen(self) -> tuple[Level, Any, Any]:
        """Merge consecutive units into about half as many blocks per side, cut so
        that blocks have equal shares of the text length on both sides (block k of
        the source then roughly translates block k of the target).

        Returns:
            (coarse level, source bounds, target bounds): block k covers units
            ``bounds[k]:bounds[k + 1]`` of this level.
        """
        import numpy as np

        k = max(1, min(self.n, self.m) // 2)
        if self.blocks_by_length:
            bs, bt = _balanced_bounds(self.ls, k), _balanced_bounds(self.lt, k)
        else:
            bs = _balanced_bounds(np.zeros(self.n), k)
            bt = _balanced_bounds(np.zeros(self.m), k)
        x = np.add.reduceat(self.x, bs[:-1], axis=0)
        y = np.add.reduceat(self.y, bt[:-1], axis=0)
        ls = np.add.reduceat(self.ls, bs[:-1])
        lt = np.add.reduceat(self.lt, bt[:-1])
        factor = max(2, round(self.factor * (self.n + self.m) / (len(x) + len(y))))
        return Level(x, y, ls, lt, factor=factor, blocks_by_length=self.blocks_by_length), bs, bt


def _balanced_bounds(lengths: Any, k: int) -> Any:
    """Cut points splitting units into about k blocks of equal total length."""
    import numpy as np

    n = len(lengths)
    cum = np.cumsum(np.asarray(lengths, dtype=np.float64) + 1.0)
    targets = cum[-1] * np.arange(1, k) / k
    cuts = np.searchsorted(cum, targets) + 1
    return np.unique(np.concatenate(([0], np.clip(cuts, 1, n - 1) if n > 1 else [], [n]))
                     ).astype(np.int64)


def _pad_zero(a: Any) -> Any:
    import numpy as np

    return np.concatenate((a, np.zeros((1, *a.shape[1:]), dtype=a.dtype)))


def _window_norms2(x: Any, amax: int) -> list[Any]:
    """norm2[a][i] = |x[i-a] + ... + x[i-1]|^2 for i = 0..n (0 where i < a)."""
    import numpy as np

    n = x.shape[0]
    grams = [np.einsum("ij,ij->i", x[:n - d], x[d:], dtype=np.float64)
             for d in range(min(amax, n))]
    pref = [np.concatenate(([0.0], np.cumsum(g))) for g in grams]
    out = [np.zeros(n + 1)]
    idx = np.arange(n + 1)
    for a in range(1, amax + 1):
        v = np.zeros(n + 1)
        for d in range(min(a, n)):
            # pairs (r, r+d) with both in [i-a, i): r in [i-a, i-d)
            hi = np.clip(idx - d, 0, n - d)
            lo = np.clip(idx - a, 0, n - d)
            v += (1.0 if d == 0 else 2.0) * (pref[d][hi] - pref[d][lo])
        v[:a] = 0.0
        out.append(np.maximum(v, 0.0))
    return out


def _sentence_band(level: Level, band: Band, amax: int, bmax: int, block: int = 512
                   ) -> tuple[Any, Any]:
    """Prefix sums along target of sentence dot products near the band.

    Returns (slo, R): R[i, k] = sum of x_i . y_j for j in [slo[i], slo[i] + k).
    """
    import numpy as np

    n, m = level.n, level.m
    rows = np.arange(n)
    slo = np.clip(band.lo[rows + 1] - bmax, 0, m)
    shi = np.clip(band.hi[np.minimum(rows + amax, n)], 0, m)  # exclusive
    width = int(max(1, (shi - slo).max())) if n else 1
    R = np.zeros((n, width + 1), dtype=np.float32)
    for s in range(0, n, block):
        e = min(n, s + block)
        c0, c1 = int(slo[s:e].min()), int(shi[s:e].max())
        if c1 <= c0:
            continue
        prod = level.x[s:e] @ level.y[c0:c1].T  # (rows, cols) sentence dot products
        k = np.arange(width)
        idx = slo[s:e, None] - c0 + k[None, :]
        ok = idx < (shi[s:e, None] - c0)
        vals = np.where(ok, np.take_along_axis(prod, np.minimum(idx, c1 - c0 - 1), axis=1), 0)
        R[s:e, 1:] = np.cumsum(vals, axis=1)
    return slo, R


def bead_costs(level: Level, band: Band, types: Sequence[BeadType], params: ScoreParams,
               stats: dict[BeadType, tuple[float, float]]) -> tuple[Any, Any]:
    """Cost of every bead type ending at every band cell, and the standardised lexical
    similarity (z) of the same beads (nan for empty-side beads).

    Returns:
        (costs, z): float32 arrays of shape (len(types), band.size).
    """
    import numpy as np

    rows, cols = band.cells()
    amax = max(a for a, _ in types)
    bmax = max(b for _, b in types)
    slo, R = _sentence_band(level, band, amax, bmax)
    ns2 = _window_norms2(level.x, amax)
    nt2 = _window_norms2(level.y, bmax)
    cls = np.concatenate(([0.0], np.cumsum(level.ls, dtype=np.float64)))
    clt = np.concatenate(([0.0], np.cumsum(level.lt, dtype=np.float64)))
    width = R.shape[1] - 1
    xm = level.x.mean(axis=0, dtype=np.float64)
    ym = level.y.mean(axis=0, dtype=np.float64)
    csx = np.concatenate(([0.0], np.cumsum(level.x @ ym.astype(np.float32), dtype=np.float64)))
    csy = np.concatenate(([0.0], np.cumsum(level.y @ xm.astype(np.float32), dtype=np.float64)))
    cxy = float(xm @ ym)
    dot_sd = stats.get((0, 0), (0.0, 1.0))[1]
    costs = np.empty((len(types), band.size), dtype=np.float32)
    zs = np.full((len(types), band.size), np.nan, dtype=np.float32)
    # per source offset r (sentence i - r) and target extent b: row-segment sums
    seg: dict[tuple[int, int], Any] = {}
    for r in range(1, amax + 1):
        src = np.clip(rows - r, 0, max(level.n - 1, 0))
        base = cols - slo[src] if level.n else cols
        hi = np.clip(base, 0, width)
        for b in range(1, bmax + 1):
            lo_ = np.clip(base - b, 0, width)
            seg[r, b] = R[src, hi] - R[src, lo_] if level.n else np.zeros(band.size)
    for t, (a, b) in enumerate(types):
        valid = (rows >= a) & (cols >= b)
        cost = np.full(band.size, params.prior_cost((a, b)), dtype=np.float64)
        if a and b:
            dot = sum(seg[r, b] for r in range(1, a + 1))
            den = np.sqrt(ns2[a][rows] * nt2[b][cols])
            cos = np.where(den > 0, dot / np.where(den > 0, den, 1.0), np.nan)
            mu, sd = stats.get((a, b), (0.0, 1.0))
            # evidence grows with block size at coarse levels: scale the clips with it
            z = np.clip((cos - mu) / sd, -params.z_clip, params.z_max * level.factor)
            z = np.where(np.isnan(z), 0.0, z)  # no words to compare: no evidence
            zs[t] = z
            ls = cls[rows] - cls[np.maximum(rows - a, 0)]
            lt = (clt[cols] - clt[np.maximum(cols - b, 0)]) / params.ratio
            delta2 = (lt - ls) ** 2 / (params.variance * np.maximum((ls + lt) / 2, 1.0))
            # centred dot product: additive evidence, ~0 for random pairs
            cdot = (dot - b * (csx[rows] - csx[np.maximum(rows - a, 0)])
                    - a * (csy[cols] - csy[np.maximum(cols - b, 0)]) + a * b * cxy)
            dz = np.clip(cdot / dot_sd, -params.z_clip, params.dot_max * level.factor)
            if params.len_nu > 0:  # Student-t: heavy tails, robust to free translation
                len_cost = (params.len_nu + 1) / 2 * np.log1p(delta2 / params.len_nu)
            else:
                len_cost = np.minimum(delta2 / 2, 30.0)
            if params.lex_curve is not None:
                lex = np.interp(z, params.lex_curve[0], params.lex_curve[1])
            else:
                lex = params.lex_weight * z
            cost += (len_cost - lex
                     - params.dot_weight * dz)
        if params.para_penalty and level.ps is not None and level.pt is not None:
            cost += params.para_penalty * _para_cost(level, rows, cols, a, b)
        costs[t] = np.where(valid, cost, np.inf)
    return costs, zs


def _para_cost(level: Level, rows: Any, cols: Any, a: int, b: int) -> Any:
    """1 for each paragraph boundary crossed inside the bead, plus 1 if the bead
    ends a paragraph on one side only."""
    import numpy as np

    def crossings(p: Any, end: Any, k: int) -> Any:
        if k < 2:
            return 0
        first = p[np.clip(end - k, 0, len(p) - 1)]
        last = p[np.clip(end - 1, 0, len(p) - 1)]
        return (last != first).astype(np.float64)

    def ends_para(p: Any, end: Any) -> Any:
        nxt = np.clip(end, 0, len(p) - 1)
        cur = np.clip(end - 1, 0, len(p) - 1)
        return (end >= len(p)) | (p[nxt] != p[cur])

    cost = crossings(level.ps, rows, a) + crossings(level.pt, cols, b)
    if a and b:
        cost = cost + (ends_para(level.ps, rows) != ends_para(level.pt, cols))
    return cost


class BeadCost:
    """The cost of one bead, exactly as :func:`bead_costs` computes it (for post-passes
    that compare a few beads off the search band)."""

    def __init__(self, level: Level, params: ScoreParams,
                 stats: dict[BeadType, tuple[float, float]]) -> None:
        import numpy as np

        self.level, self.params, self.stats = level, params, stats
        self.xm = level.x.mean(axis=0, dtype=np.float64)
        self.ym = level.y.mean(axis=0, dtype=np.float64)
        self.cls = np.concatenate(([0.0], np.cumsum(level.ls, dtype=np.float64)))
        self.clt = np.concatenate(([0.0], np.cumsum(level.lt, dtype=np.float64)))

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float:
        import numpy as np

        level, params = self.level, self.params
        a, b = i1 - i0, j1 - j0
        cost = params.prior_cost((a, b))
        if a and b:
            x = level.x[i0:i1].sum(axis=0, dtype=np.float64)
            y = level.y[j0:j1].sum(axis=0, dtype=np.float64)
            dot = float(x @ y)
            den = math.sqrt(float(x @ x) * float(y @ y))
            mu, sd = self.stats.get((a, b), (0.0, 1.0))
            z = min(max((dot / den - mu) / sd, -params.z_clip), params.z_max * level.factor
                    ) if den > 0 else 0.0
            ls = self.cls[i1] - self.cls[i0]
            lt = (self.clt[j1] - self.clt[j0]) / params.ratio
            delta2 = (lt - ls) ** 2 / (params.variance * max((ls + lt) / 2, 1.0))
            cdot = (dot - b * float(x @ self.ym) - a * float(y @ self.xm)
                    + a * b * float(self.xm @ self.ym))
            dot_sd = self.stats.get((0, 0), (0.0, 1.0))[1]
            dz = min(max(cdot / dot_sd, -params.z_clip), params.dot_max * level.factor)
            if params.len_nu > 0:
                len_cost = (params.len_nu + 1) / 2 * math.log1p(delta2 / params.len_nu)
            else:
                len_cost = min(delta2 / 2, 30.0)
            if params.lex_curve is not None:
                lex = float(np.interp(z, params.lex_curve[0], params.lex_curve[1]))
            else:
                lex = params.lex_weight * z
            cost += len_cost - lex - params.dot_weight * dz
        if params.para_penalty and level.ps is not None and level.pt is not None:
            cost += params.para_penalty * float(np.sum(_para_cost(
                level, np.array([i1]), np.array([j1]), a, b)))
        return cost
