"""The sums of every candidate bead inside a band, at once (the vectorised input of
:mod:`.cost`; :meth:`.level.Level.bead_sums` is the one-bead input).

Bead similarities come from sentence-pair dot products: by bilinearity,
``dot(sum x_i, sum y_j) = sum S[i, j]``, so only the n x width matrix of sentence dot
products inside the band is computed (:mod:`.dots`), plus the norms of
consecutive-sentence windows. Nothing here is n x m.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align.aligner.dots import lag_dots, window_dots
from align.aligner.level import BeadSums, Level
from align.aligner.search import Band, BeadType


class BandSums:
    """Precomputed prefix sums of one level and band; :meth:`shape` gives the
    :class:`.level.BeadSums` of the beads of one type ending at every band cell."""

    def __init__(self, level: Level, band: Band, types: Sequence[BeadType]) -> None:
        self.rows, self.cols = band.cells()
        amax = max(a for a, _ in types)
        bmax = max(b for _, b in types)
        slo, prefix = _sentence_band(level, band, amax, bmax)
        self.nx2 = _window_norms2(level.x, amax)
        self.ny2 = _window_norms2(level.y, bmax)
        self.cum_lx, self.cum_ly = level.cum_lx, level.cum_ly
        xm, ym = level.x_mean, level.y_mean
        self.csx = np.concatenate(([0.0], np.cumsum(level.x @ ym.astype(np.float32),
                                                     dtype=np.float64)))
        self.csy = np.concatenate(([0.0], np.cumsum(level.y @ xm.astype(np.float32),
                                                     dtype=np.float64)))
        self.cxy = float(xm @ ym)
        # per row offset r (sentence i - r) and column extent b: row-segment sums; what
        # depends on the row only is computed per row and repeated along it
        self.width = band.width
        width = prefix.shape[1] - 1
        flat = prefix.ravel()
        self.seg: dict[tuple[int, int], Any] = {}
        for r in range(1, amax + 1):
            if not level.n:
                self.seg.update(((r, b), np.zeros(band.size)) for b in range(1, bmax + 1))
                continue
            src = np.clip(np.arange(level.n + 1) - r, 0, level.n - 1)
            base = self.cols - self._per_row(slo[src])
            start = self._per_row(src * (width + 1))
            upper = flat[start + np.clip(base, 0, width)]
            for b in range(1, bmax + 1):
                self.seg[r, b] = upper - flat[start + np.clip(base - b, 0, width)]

    def _per_row(self, values: Any) -> Any:
        """Per-row values (rows 0..n) repeated for every band cell of the row."""
        return np.repeat(values, self.width)

    def shape(self, a: int, b: int) -> BeadSums:
        """Sums of the (a, b) beads ending at every band cell (a, b >= 1; cells too
        close to the grid's edge for the shape get meaningless values: mask them)."""
        cols = self.cols
        i = np.arange(len(self.width))  # rows 0..n, then columns 0..m below
        r0 = np.maximum(i - a, 0)
        j = np.arange(len(self.csy))
        c0 = np.maximum(j - b, 0)
        return BeadSums(dot=sum(self.seg[r, b] for r in range(1, a + 1)),
                        den=np.sqrt(self._per_row(self.nx2[a]) * self.ny2[b][cols]),
                        sx=self._per_row(self.csx[i] - self.csx[r0]),
                        sy=(self.csy - self.csy[c0])[cols], cxy=self.cxy,
                        lx=self._per_row(self.cum_lx[i] - self.cum_lx[r0]),
                        ly=(self.cum_ly - self.cum_ly[c0])[cols])


def _window_norms2(x: Any, amax: int) -> list[Any]:
    """norm2[a][i] = |x[i-a] + ... + x[i-1]|^2 for i = 0..n (0 where i < a)."""
    n = x.shape[0]
    lags = lag_dots(x, max(amax, 1))  # lags[r, d] = x_r . x_(r+d)
    pref = [np.concatenate(([0.0], np.cumsum(lags[:n - d, d]))) for d in range(min(amax, n))]
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


def _sentence_band(level: Level, band: Band, amax: int, bmax: int) -> tuple[Any, Any]:
    """Prefix sums along the columns of sentence dot products near the band (float32,
    each dot product rounded to float32 first).

    Returns (slo, R): R[i, k] = sum of x_i . y_j for j in [slo[i], slo[i] + k).
    """
    n, m = level.n, level.m
    rows = np.arange(n)
    slo = np.clip(band.lo[rows + 1] - bmax, 0, m)
    shi = np.clip(band.hi[np.minimum(rows + amax, n)], 0, m)  # exclusive
    width = int(max(1, (shi - slo).max())) if n else 1
    R = np.zeros((n, width + 1), dtype=np.float32)
    if n and m:
        dots = window_dots(level.x, level.y, slo, shi, width).astype(np.float32)
        R[:, 1:] = np.cumsum(dots, axis=1)
    return slo, R
