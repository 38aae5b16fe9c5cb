"""Confidence of each bead: its posterior probability among all bead paths, at a
temperature learned from how loosely the document as a whole is translated.

The posterior (:func:`.search.posteriors`, forward-backward over the band) already
falls when neighbouring alternatives are nearly as good: it sums every path, so a
bead with a near-equal rival gets about half the mass, and it equals the margin
between the best path through the bead and the best path avoiding it when one rival
dominates. What it cannot see is that its costs are read as log-probabilities: on a
free translation the same cost differences are worth less, because a share of the
beads carries no lexical evidence of its own and their place rests on length and
their neighbours alone.

So the costs are divided by a per-document temperature before the forward-backward:

    T = 1 / (1 - thin)

where ``thin`` is the share of the path's paired beads whose *support* (the share of
their words, IDF-weighted, that find a translation on the bead's other side; the
smaller of the two sides, :class:`.refine.Coverage`) is no higher than what 1 % of
this document's own random sentence pairs reach (:data:`CHANCE`). Nothing is tuned
on a corpus: the threshold comes from the document's random pairs, the share from
its path. A literal translation has almost no such beads (T about 1, the plain
posterior); a loose one has more, and every confidence is softened in proportion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align.aligner.ranges import concat_ranges
from align.aligner.refine import Coverage
from align.aligner.search import Band, BeadType, posteriors

CHANCE = 0.99  # quantile of the random pairs' support: "reached by chance"
RANDOM_PAIRS = 500  # random sentence pairs drawn to learn it
MAX_THIN = 0.5  # at most this share counts as thin (T <= 2): the rest is evidence
SAMPLE = 2000  # beads whose support is measured (evenly spaced): a share needs no more


def bead_support(cov: Coverage, path: Sequence[tuple[int, int, int]],
                 types: Sequence[BeadType]) -> Any:
    """Support of every bead of ``path``: the smaller, over the two sides, of the mean
    share of a sentence's words (IDF-weighted) with a translation on the bead's other
    side (:meth:`.refine.Coverage.shares`, all beads at once); nan for an
    empty-side bead (0-1, 1-0)."""
    ends = np.asarray(path, dtype=np.int64).reshape(-1, 3)
    ab = np.asarray(types, dtype=np.int64).reshape(-1, 2)[ends[:, 2]]
    i1, j1 = ends[:, 0], ends[:, 1]
    i0, j0 = i1 - ab[:, 0], j1 - ab[:, 1]
    out = np.full(len(ends), np.nan)
    both = np.flatnonzero((ab[:, 0] > 0) & (ab[:, 1] > 0))
    rows = _mean_share(cov, "row", i0[both], i1[both], j0[both], j1[both])
    cols = _mean_share(cov, "col", j0[both], j1[both], i0[both], i1[both])
    out[both] = np.minimum(rows, cols)
    return out


def _mean_share(cov: Coverage, side: str, k0: Any, k1: Any, s0: Any, s1: Any) -> Any:
    """For every bead q, the mean over the sentences ``k0[q]:k1[q]`` of ``side``
    ("row" or "col") of their shares (:meth:`.refine.Coverage.shares`) in the other
    side's sentences ``s0[q]:s1[q]``."""
    size = k1 - k0
    bead = np.repeat(np.arange(len(k0)), size)
    share = cov.shares(side, concat_ranges(k0, size), s0[bead], s1[bead])
    return np.bincount(bead, weights=share, minlength=len(k0)) / np.maximum(size, 1)


def random_support(cov: Coverage, seed: int = 0, k: int = RANDOM_PAIRS) -> Any:
    """Support of ``k`` random 1-1 sentence pairs away from the proportional diagonal
    (where the true pairs are; all pairs when a document is too short to have such)."""
    n, m = len(cov.row_items), len(cov.col_items)
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, size=4 * k)
    j = rng.integers(0, m, size=4 * k)
    far = np.abs((i + 0.5) / n - (j + 0.5) / m) > 0.1
    if far.sum() >= k // 4:
        i, j = i[far], j[far]
    i, j = i[:k], j[:k]
    return np.minimum(cov.shares("row", i, j, j + 1), cov.shares("col", j, i, i + 1))


def temperature(support: Any, chance: Any) -> float:
    """``1 / (1 - thin)``: ``thin`` is the share of the paired beads (``support`` not
    nan) whose support is at most the :data:`CHANCE` quantile of ``chance`` (the
    random pairs'), capped at :data:`MAX_THIN`; 1.0 without paired beads."""
    s = np.asarray(support, dtype=np.float64)
    s = s[~np.isnan(s)]
    if not len(s) or not len(chance):
        return 1.0
    thin = float(np.mean(s <= np.quantile(chance, CHANCE)))
    return 1.0 / (1.0 - min(thin, MAX_THIN))


def bead_confidence(band: Band, types: Sequence[BeadType], costs: Any,
                    path: Sequence[tuple[int, int, int]], cov: Coverage, seed: int = 0
                    ) -> tuple[Any, float]:
    """(confidence of every bead of ``path``, the document's temperature): the beads'
    posteriors with the costs divided by the temperature (see the module docstring),
    the share of thin beads measured on at most :data:`SAMPLE` evenly spaced beads.

    ``band`` must hold every bead of ``path`` (:func:`.search.band_with`)."""
    sample = np.unique(np.linspace(0, len(path) - 1, min(len(path), SAMPLE)).astype(np.int64))
    temp = temperature(bead_support(cov, [path[k] for k in sample], types),
                       random_support(cov, seed))
    return posteriors(band, types, costs if temp == 1.0 else costs / temp, path), temp
