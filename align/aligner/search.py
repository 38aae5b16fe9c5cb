"""Search: dynamic programming over beads inside a band, and the band itself.

Grid point (i, j) means "the first i row and j column sentences are aligned" (rows are
English, columns Chinese in the aligner, see :mod:`.level`; this module does not care). A
band gives, for every row i = 0..n, an inclusive column range ``lo[i]..hi[i]``
(both non-decreasing); only those cells exist, stored row after row in one flat
array, so time and memory are linear in the band size, never n x m.

Cost convention inside the search: lower is better (a negative log-likelihood); it
never leaves the aligner. The programmes themselves run as compiled kernels
(:mod:`.dp`); this module gives them their meaning and their Python interface.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

BeadType = tuple[int, int]  # (rows, columns) of a bead
Bounds = tuple[int, int, int, int]  # rows i0:i1 and columns j0:j1 of a bead


MANY_MAX = 4  # many-to-many beads (both sides >= 2) have at most this many per side


def bead_types(max_bead: int, wide: bool = False) -> list[BeadType]:
    """0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 2-3, 3-2, then 1-k/k-1 up to ``max_bead``; with
    ``wide``, then every other many-to-many shape (both sides >= 2) up to ``max_bead``
    and at most :data:`MANY_MAX` per side (2-4, 3-3, 3-4, 4-4, ...): a bead with five
    or more sentences on a side is a long sentence cut into many, 1-k or k-1.

    ``wide`` is off by default: measured on Bible 001, the wide shapes cost 0.0004
    strict F1 (a few 1-1 pairs merged), while the usual 2-2/2-3 already cover most
    re-cut sentences. The order is part of the model: random-pair statistics are
    drawn type by type from one seeded generator (:func:`.calibration.random_stats`),
    so the wide shapes go last and leave the samples of the others unchanged."""
    top = max(max_bead, 2)
    types = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]
    if top >= 3:
        types += [(2, 3), (3, 2)]
    types += [t for k in range(3, top + 1) for t in ((1, k), (k, 1))]
    many = min(top, MANY_MAX) if wide else 0
    types += [(a, b) for a in range(2, many + 1) for b in range(2, many + 1)
              if (a, b) not in types]
    return types


@dataclass
class Band:
    """Allowed cells: row i (0..n) spans columns lo[i]..hi[i] inclusive."""

    lo: Any  # np.ndarray[int64], length n + 1
    hi: Any
    n: int
    m: int

    def __post_init__(self) -> None:
        import numpy as np

        self.width = self.hi - self.lo + 1
        self.off = np.concatenate(([0], np.cumsum(self.width))).astype(np.int64)
        self.size = int(self.off[-1])

    def cells(self) -> tuple[Any, Any]:
        """Row and column of every cell, in storage order."""
        import numpy as np

        rows = np.repeat(np.arange(self.n + 1), self.width)
        cols = np.arange(self.size) - self.off[rows] + self.lo[rows]
        return rows, cols

    def index(self, rows: Any, cols: Any) -> Any:
        """Flat index of cells (rows, cols); ``size`` (a sentinel) for cells outside."""
        import numpy as np

        ok = (rows >= 0) & (rows <= self.n)
        r = np.where(ok, rows, 0)
        ok &= (cols >= self.lo[r]) & (cols <= self.hi[r])
        return np.where(ok, self.off[r] + cols - self.lo[r], self.size)


def full_band(n: int, m: int) -> Band:
    """Every cell of the (n + 1) x (m + 1) grid (for short documents only)."""
    import numpy as np

    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64), n, m)


def band_around(path: Sequence[tuple[int, int]], src_bounds: Any, tgt_bounds: Any,
                margin: int) -> Band:
    """The band around a coarse path, widened by ``margin`` cells on every side.

    Args:
        path: grid points of the coarse path, from (0, 0) to its end.
        src_bounds, tgt_bounds: coarse unit k covers fine units
            ``bounds[k]:bounds[k + 1]`` (so coarse grid point I is fine point bounds[I]).
        margin: half-width of the band, in fine units.
    """
    import numpy as np

    n, m = int(src_bounds[-1]), int(tgt_bounds[-1])
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.full(n + 1, -1, dtype=np.int64)
    pts = np.asarray(path, dtype=np.int64).reshape(-1, 2)
    rb = np.asarray(src_bounds, dtype=np.int64)[pts[:, 0]]
    cb = np.asarray(tgt_bounds, dtype=np.int64)[pts[:, 1]]
    if len(pts) >= 2:
        # step k spans rows rb[k]..rb[k + 1] and columns cb[k]..cb[k + 1]; the path is
        # monotone, so a row's lowest column is that of the first step reaching it and
        # its highest that of the last step starting at or before it
        r = np.arange(n + 1)
        first = np.searchsorted(rb[1:], r, side="left")
        last = np.searchsorted(rb[:-1], r, side="right") - 1
        covered = (first < len(pts) - 1) & (r >= rb[0])
        lo[covered] = cb[:-1][first[covered]]
        hi[covered] = cb[1:][last[covered]]
    # widen vertically (rows +- margin) and horizontally (cols +- margin)
    pad_lo = np.concatenate((np.full(margin, lo[0]), lo, np.full(margin, m)))
    pad_hi = np.concatenate((np.full(margin, 0), hi, np.full(margin, hi[-1])))
    win = np.lib.stride_tricks.sliding_window_view
    lo = win(pad_lo, 2 * margin + 1).min(axis=1) - margin
    hi = win(pad_hi, 2 * margin + 1).max(axis=1) + margin
    lo = np.minimum.accumulate(np.clip(lo, 0, m)[::-1])[::-1]  # non-decreasing
    hi = np.maximum.accumulate(np.clip(hi, 0, m))
    lo[0], hi[-1] = 0, m
    return Band(lo.astype(np.int64), hi.astype(np.int64), n, m)


def path_bounds(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]
                ) -> list[Bounds]:
    """(i0, i1, j0, j1) of every bead of ``path`` (its end point and type index): rows
    i0:i1 and columns j0:j1."""
    return [(i - types[t][0], i, j - types[t][1], j) for i, j, t in path]


def bounds_path(beads: Iterable[Sequence[int]], types: Sequence[BeadType]
                ) -> list[tuple[int, int, int]]:
    """The path (end point, type index) of beads given by their bounds (i0, i1, j0, j1,
    any further items ignored); every bead's shape must be one of ``types``."""
    index = {t: k for k, t in enumerate(types)}
    return [(b[1], b[3], index[(b[1] - b[0], b[3] - b[2])]) for b in beads]


def bead_cells(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]
               ) -> list[tuple[int, int]]:
    """Both grid points of every bead of ``path``: its start and its end cell."""
    out = []
    for i, j, t in path:
        a, b = types[t]
        out += [(i - a, j - b), (i, j)]
    return out


def band_with(band: Band, points: Sequence[tuple[int, int]]) -> Band:
    """``band`` widened (as little as it can stay monotone) to hold every grid point of
    ``points``; ``band`` itself if it already holds them.

    A search's band holds the path that search found, but a post-pass that moves bead
    boundaries (:mod:`.refine`, :mod:`.omissions`) makes new grid points next to or inside
    the searched beads; where the path runs along the band's edge, they can lie outside.

    Raises:
        ValueError: a point lies outside the grid (0..n, 0..m).
    """
    import numpy as np

    p = np.asarray(points, dtype=np.int64).reshape(-1, 2)
    if bool(((p < 0) | (p > (band.n, band.m))).any()):
        raise ValueError(f"grid points outside the {band.n} x {band.m} grid")
    if not len(p) or bool((band.index(p[:, 0], p[:, 1]) < band.size).all()):
        return band
    lo, hi = band.lo.copy(), band.hi.copy()
    np.minimum.at(lo, p[:, 0], p[:, 1])
    np.maximum.at(hi, p[:, 0], p[:, 1])
    return Band(np.minimum.accumulate(lo[::-1])[::-1], np.maximum.accumulate(hi),
                band.n, band.m)


def _kernel_args(band: Band, types: Sequence[BeadType]) -> tuple[Any, Any, Any, Any, int]:
    """The band and the bead types as the kernels of :mod:`.dp` take them: lo, hi, off,
    the (a, b) of every type (int64) and the index of the 0-1 type."""
    import numpy as np

    shape = np.asarray(types, dtype=np.int64).reshape(-1, 2)
    return band.lo, band.hi, band.off, shape, types.index((0, 1))


def viterbi(band: Band, types: Sequence[BeadType], costs: Any
            ) -> tuple[list[tuple[int, int, int]], Any]:
    """Cheapest bead path from (0, 0) to (n, m) (:func:`.dp.viterbi_forward`).

    Args:
        band: the allowed cells.
        types: bead types; ``costs[t, c]`` is the cost of a bead of type ``types[t]``
            ending at cell ``c`` (``inf`` if impossible). Type (0, 1) must be present
            and have finite costs.
        costs: float array of shape (len(types), band.size).

    Returns:
        (path, D): the path as (i, j, type index) of each bead's end point, in order,
        and the cost of the cheapest way to reach every cell (``D[band.size]`` = inf).
    """
    from align.aligner.dp import viterbi_back, viterbi_forward

    lo, hi, off, shape, t01 = _kernel_args(band, types)
    D, chained = viterbi_forward(lo, hi, off, shape, costs, t01)
    ends = viterbi_back(lo, hi, off, band.m, shape, costs, t01, D, chained)
    if not len(ends) and (band.n or band.m):
        raise RuntimeError("no path through the band")  # a bug, not bad input
    return [(i, j, t) for i, j, t in ends.tolist()], D


def local_confidence(band: Band, types: Sequence[BeadType], costs: Any, D: Any,
                     path: Sequence[tuple[int, int, int]]) -> Any:
    """Probability of each path bead among all ways of reaching its end cell: a softmax
    over bead types of (cost to reach the start + bead cost), costs read as -log
    (:func:`.dp.bead_softmax`; ``D`` from :func:`viterbi`)."""
    import numpy as np

    from align.aligner.dp import bead_softmax

    if not path:
        return np.zeros(0)
    lo, hi, off, shape, _ = _kernel_args(band, types)
    return bead_softmax(lo, hi, off, shape, costs, D, np.asarray(path, dtype=np.int64))


def posteriors(band: Band, types: Sequence[BeadType], costs: Any,
               path: Sequence[tuple[int, int, int]]) -> Any:
    """Posterior probability of each bead of ``path`` among all bead paths in the band,
    reading costs as -log scores (forward-backward, the Viterbi recursion with
    log-sum-exp in place of min: :func:`.dp.logsum_pass` both ways).

    Raises:
        ValueError: a bead of ``path`` starts or ends outside ``band`` (a caller's bug:
            it would read as probability 0 or index past the costs; see :func:`band_with`).
    """
    import numpy as np

    from align.aligner.dp import logsum_pass

    if band_with(band, bead_cells(path, types)) is not band:
        raise ValueError("a bead of the path starts or ends outside the band; "
                         "widen it with band_with()")
    if not path:
        return np.zeros(0)
    lo, hi, off, shape, t01 = _kernel_args(band, types)
    F = logsum_pass(lo, hi, off, band.m, shape, costs, t01, -1)
    B = logsum_pass(lo, hi, off, band.m, shape, costs, t01, 1)
    total = F[band.size - 1]
    ends = np.asarray(path, dtype=np.int64)  # (i, j, type index) of every bead
    ab = shape[ends[:, 2]]  # its (a, b)
    c = band.index(ends[:, 0], ends[:, 1])
    pc = band.index(ends[:, 0] - ab[:, 0], ends[:, 1] - ab[:, 1])
    out = F[pc] - costs[ends[:, 2], c] + B[c] - total
    return np.exp(np.minimum(out, 0.0))
