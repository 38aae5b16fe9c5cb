"""Learning the weight of the cross term of many-to-many beads from the document itself.

The cross z of a bead (:func:`.cost.cross_z`) is the similarity its best split into
two smaller beads would throw away. How much that is worth is learned on every
self-training round, like the lexical curve (:func:`.calibration.calibrate`), as a
log-likelihood ratio between two samples of the current path:

- *split right*: every window of two consecutive confident beads of the path whose
  union is a many-to-many shape the search knows (e.g. a 1-1 then a 1-1: a 2-2
  window). The path says they are two beads; their cross z is what neighbouring
  sentences that are not translations of each other share in this document (topic
  words, names, a repeated formula).
- *part of a translation*: the lexical z of a sentence against each piece of its
  translation, in the confident 1-k and k-1 beads of the path (:func:`part_z`): what
  the block a split cuts off shares when the merged bead is right, e.g. a clause moved
  across a sentence boundary (the lexical z of whole beads when there are too few).

The term is a penalty only (the ratio capped at 0): a merged bead whose best split
throws away no more than neighbours share anyway pays what the document says that is
worth, while a cross z that looks like a translation earns nothing extra, because the
merged bead's own similarity already counts those words (a bonus would count them
twice; measured, it merged neighbours that share names and repeated words, see
notes). Nothing is tuned: both samples and the curve come from the document pair, and
a short document with too few windows learns no cross term.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align.aligner.calibration import bead_dots
from align.aligner.cost import RandomStats, ScoreParams, similarity_z
from align.aligner.level import Level
from align.aligner.search import BeadType
from align.aligner.splits import split_points

MIN_WINDOWS = 100  # fewer split-right windows than this: no cross term is learned


def window_cross_z(level: Level, ends: Any, shape: BeadType, params: ScoreParams,
                   stats: RandomStats) -> Any:
    """Cross z (:func:`.cost.cross_z`) of the ``shape`` beads ending at grid points
    ``ends`` (an (k, 2) int array), vectorised over the beads."""
    a, b = shape
    i, j = ends[:, 0], ends[:, 1]
    out = None
    for r, c in split_points(a, b):
        top = similarity_z(*bead_dots(level, i - a + r, j, r, b - c), (r, b - c), params,
                           stats)
        bottom = similarity_z(*bead_dots(level, i, j - b + c, a - r, c), (a - r, c),
                              params, stats)
        z = np.maximum(top, bottom)
        out = z if out is None else np.minimum(out, z)
    return out


def split_windows(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                  confidence: Any, threshold: float = 0.9
                  ) -> dict[BeadType, list[tuple[int, int]]]:
    """Merged shape -> end points of the windows of two consecutive confident,
    non-empty path beads whose union is a many-to-many shape in ``types``."""
    known = {t for t in types if t[0] > 1 and t[1] > 1}
    out: dict[BeadType, list[tuple[int, int]]] = {}
    for k in range(1, len(path)):
        (a1, b1), (a2, b2) = types[path[k - 1][2]], types[path[k][2]]
        shape = (a1 + a2, b1 + b2)
        if (a1 and b1 and a2 and b2 and shape in known and confidence[k - 1] >= threshold
                and confidence[k] >= threshold):
            out.setdefault(shape, []).append((path[k][0], path[k][1]))
    return out


def learn_cross(level: Level, path: Sequence[tuple[int, int, int]],
                types: Sequence[BeadType], params: ScoreParams, stats: RandomStats,
                confidence: Any, aligned_z: Any) -> tuple[Any, Any] | None:
    """The cross term's log-likelihood ratio curve (knots, values) from the current
    path at sentence ``level`` (see the module docstring), or None if the path has
    fewer than :data:`MIN_WINDOWS` split-right windows.

    Args:
        aligned_z: lexical z of the path's non-empty beads (the translation sample).
    """
    windows = split_windows(path, types, confidence)
    if sum(map(len, windows.values())) < MIN_WINDOWS:
        return None
    null = np.concatenate([window_cross_z(level, np.asarray(e, dtype=np.int64), shape,
                                          params, stats) for shape, e in windows.items()])
    parts = part_z(level, path, types, confidence, params, stats)
    positive = parts if len(parts) >= MIN_WINDOWS else aligned_z
    knots, values = log_ratio(positive, null, -params.z_clip, params.z_max)
    return knots, np.minimum(values, 0.0)


def part_z(level: Level, path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
           confidence: Any, params: ScoreParams, stats: RandomStats,
           threshold: float = 0.9) -> Any:
    """Lexical z of a sentence against each piece of its translation, over the
    confident 1-k and k-1 beads (k >= 2) of the path: what a sentence shares with part
    of its translation, i.e. what the block a split cuts off shares when the merged
    bead is right (a clause moved across the sentence boundary)."""
    ends = []
    for (i, j, t), c in zip(path, confidence, strict=True):
        a, b = types[t]
        if c >= threshold and min(a, b) == 1 and max(a, b) >= 2:
            ends += ([(i, j - k) for k in range(b)] if a == 1 else
                     [(i - k, j) for k in range(a)])
    if not ends:
        return np.zeros(0)
    e = np.asarray(ends, dtype=np.int64)
    return similarity_z(*bead_dots(level, e[:, 0], e[:, 1], 1, 1), (1, 1), params, stats)


def log_ratio(aligned: Any, null: Any, lo: float, hi: float, step: float = 0.5,
              pseudo: float = 2.0, min_null: int = 10, tail_slope: float = 1.0
              ) -> tuple[Any, Any]:
    """A non-decreasing log-likelihood ratio curve log p(z | translation) / p(z | split
    right) from histograms of the two samples (add-``pseudo`` smoothing), as
    interpolation knots; past the last bin holding ``min_null`` split-right windows it
    continues with slope ``tail_slope`` (the uncalibrated lexical weight).

    Like :func:`.calibration.calibrate`, except that monotonicity is enforced from the
    right (each bin takes the lowest ratio at or above it): a noisy bin at low z,
    where the translation sample is thin, can only lower the curve, never lift every
    bin above it, so a merged bead is never paid for evidence that neighbours share
    as often as translations do."""
    edges = np.arange(lo, hi + step, step)
    ca = np.histogram(np.clip(aligned, lo, hi), bins=edges)[0].astype(np.float64)
    cn = np.histogram(np.clip(null, lo, hi), bins=edges)[0].astype(np.float64)
    llr = np.log((ca + pseudo) / (ca.sum() + pseudo * len(ca))
                 / ((cn + pseudo) / (cn.sum() + pseudo * len(cn))))
    centres = (edges[:-1] + edges[1:]) / 2
    reliable = np.nonzero(cn >= min_null)[0]
    last = int(reliable[-1]) if len(reliable) else 0
    llr[last + 1:] = llr[last] + tail_slope * (centres[last + 1:] - centres[last])
    return centres, np.minimum.accumulate(llr[::-1])[::-1]
