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


class BandTables:
    """What the sums of every bead near one band are made of, for the whole level:
    prefix sums of the sentence dot products near the band, window norms, and
    prefix sums of the lengths and of the products with the other side's mean.
    :meth:`sums` turns them into the :class:`BandSums` of some band rows."""

    def __init__(self, level: Level, band: Band, types: Sequence[BeadType]) -> None:
        self.band, self.n = band, level.n
        self.amax = max(a for a, _ in types)
        self.bmax = max(b for _, b in types)
        self.slo, prefix = _sentence_band(level, band, self.amax, self.bmax)
        self.nx2 = _window_norms2(level.x, self.amax)
        self.ny2 = _window_norms2(level.y, self.bmax)
        xm, ym = level.x_mean, level.y_mean
        csx = np.concatenate(([0.0], np.cumsum(level.x @ ym.astype(np.float32),
                                                dtype=np.float64)))
        csy = np.concatenate(([0.0], np.cumsum(level.y @ xm.astype(np.float32),
                                                dtype=np.float64)))
        self.cxy = float(xm @ ym)
        # per extent k: the sums over the k rows (columns) ending at every grid line
        i = np.arange(level.n + 1)
        j = np.arange(level.m + 1)
        cum_lx, cum_ly = level.cum_lx, level.cum_ly
        self.sx = [csx - csx[np.maximum(i - a, 0)] for a in range(self.amax + 1)]
        self.lx = [cum_lx - cum_lx[np.maximum(i - a, 0)] for a in range(self.amax + 1)]
        self.sy = [csy - csy[np.maximum(j - b, 0)] for b in range(self.bmax + 1)]
        self.ly = [cum_ly - cum_ly[np.maximum(j - b, 0)] for b in range(self.bmax + 1)]
        self.flat, self.pwidth = prefix.ravel(), prefix.shape[1] - 1

    def sums(self, start: int = 0, stop: int | None = None) -> BandSums:
        """The sums of the beads ending at the band cells of rows ``start:stop``
        (default: every row)."""
        return BandSums(self, start, self.band.n + 1 if stop is None else stop)

    def chunks(self, cells: int) -> list[tuple[int, int]]:
        """Consecutive row ranges (start, stop) of the band holding about ``cells``
        cells each (one row at least), covering every row."""
        band = self.band
        cuts = np.searchsorted(band.off, np.arange(0, band.size, max(cells, 1)), "right") - 1
        bounds = np.unique(np.concatenate(([0], cuts, [band.n + 1]))).tolist()
        return list(zip(bounds[:-1], bounds[1:], strict=True))


class BandSums:
    """The sums of the beads ending at the band cells of rows ``start:stop`` (from
    :class:`BandTables`): :meth:`shape` gives the :class:`.level.BeadSums` of the beads
    of one type ending at every one of those cells, in storage order."""

    def __init__(self, tables: BandTables, start: int, stop: int) -> None:
        band = tables.band
        self.tables, self.start, self.stop = tables, start, stop
        self.width = band.width[start:stop]
        self.rows = np.repeat(np.arange(start, stop), self.width)
        self.cols = (np.arange(band.off[start], band.off[stop]) - band.off[self.rows]
                     + band.lo[self.rows])
        self.nx2, self.ny2 = tables.nx2, tables.ny2
        # per row offset r (sentence i - r) and column extent b: row-segment sums; what
        # depends on the row only is computed per row and repeated along it
        n, width, flat = tables.n, tables.pwidth, tables.flat
        self.seg: dict[tuple[int, int], Any] = {}
        for r in range(1, tables.amax + 1):
            if not n:
                self.seg.update(((r, b), np.zeros(len(self.rows)))
                                for b in range(1, tables.bmax + 1))
                continue
            src = np.clip(np.arange(start, stop) - r, 0, n - 1)
            base = self.cols - self._per_row(tables.slo[src])
            first = self._per_row(src * (width + 1))
            upper = flat[first + np.clip(base, 0, width)]
            for b in range(1, tables.bmax + 1):
                self.seg[r, b] = upper - flat[first + np.clip(base - b, 0, width)]

    def _per_row(self, values: Any) -> Any:
        """Per-row values (rows start..stop - 1) repeated for every band cell of the row."""
        return np.repeat(values, self.width)

    def shape(self, a: int, b: int) -> BeadSums:
        """Sums of the (a, b) beads ending at the cells (a, b >= 1; cells too close to
        the grid's edge for the shape get meaningless values: mask them)."""
        t, cols, rows = self.tables, self.cols, slice(self.start, self.stop)
        return BeadSums(dot=sum(self.seg[r, b] for r in range(1, a + 1)),
                        den=np.sqrt(self._per_row(self.nx2[a][rows]) * self.ny2[b][cols]),
                        sx=self._per_row(t.sx[a][rows]), sy=t.sy[b][cols], cxy=t.cxy,
                        lx=self._per_row(t.lx[a][rows]), ly=t.ly[b][cols])


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
