"""The dynamic programmes over a search band, as compiled kernels (:mod:`.jit`).

:mod:`.search` holds what they mean (the grid, the band, bead types, the cost
convention); this module only runs them, cell by cell, over the band's arrays:
``lo``, ``hi`` and ``off`` of :class:`.search.Band` (row i holds columns
``lo[i]..hi[i]``, stored from flat index ``off[i]``), ``shape`` (one row (a, b) per
bead type) and ``costs[t, c]`` (the cost of a bead of type t ending at cell c).
Index ``t01`` is the 0-1 bead type: 0-1 beads chain along a row, so every row is
done in two sweeps, first the beads from other rows, then the chain.

Each kernel gives, to the last bit, the floats of the numpy code it replaced (row
cumulative sums of the 0-1 costs in the costs' dtype for the Viterbi and in float64
for the posteriors, numpy's ``logaddexp`` formula, the same order of additions), so
the beads cannot change; the kernels only drop the per-row numpy calls and the
predecessor tables (two int32 arrays of the costs' size).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from align.aligner.jit import compiled

LOGE2 = math.log(2.0)  # numpy's logaddexp adds it when both terms are equal
# logaddexp(x, y) is x when y < x - FAR and |x| >= 1: log1p(exp(-FAR)) (4e-18) is
# below half an ulp of x (1.1e-16), so x + log1p(exp(y - x)) rounds to x; returning x
# without the two calls changes no bit and saves a fifth of the forward-backward
FAR = 40.0
LOG_MAX = math.log(np.finfo(np.float64).max)  # the largest d with a finite exp(d)


@compiled
def viterbi_forward(lo: Any, hi: Any, off: Any, shape: Any, costs: Any, t01: int
                    ) -> tuple[Any, Any]:
    """(D, chained): D[c] is the cost of the cheapest way from (0, 0) to cell c
    (``D[size]`` = inf stands for every cell outside the band) and ``chained[c]`` says
    that way ends with a 0-1 bead from the cell on the left.

    Row i: ``cand[j] = min over types t != t01 of D[(i - a, j - b)] + costs[t, (i, j)]``,
    then ``D[j] = min(cand[j], D[j - 1] + c01[j])``, done as a running minimum of
    ``cand - p`` plus ``p``, p the row's cumulative 0-1 costs in the costs' dtype."""
    n = lo.shape[0] - 1
    size = off[n + 1]
    D = np.full(size + 1, np.inf)
    chained = np.zeros(size, dtype=np.bool_)
    wmax = np.max(hi - lo) + 1
    cand = np.empty(wmax)
    p = np.empty_like(costs[t01, :wmax])
    for i in range(n + 1):
        s, w = off[i], off[i + 1] - off[i]
        cand[:w] = np.inf
        if i == 0:
            cand[0] = 0.0  # cell (0, 0): the start
        for k in range(shape.shape[0]):
            r, b = i - shape[k, 0], shape[k, 1]
            if k == t01 or r < 0 or i == 0:
                continue
            base = off[r] - lo[r] + lo[i] - b  # flat index of the predecessor of x = 0
            for x in range(max(0, lo[r] - lo[i] + b), min(w, hi[r] - lo[i] + b + 1)):
                v = D[base + x] + costs[k, s + x]
                if v < cand[x]:
                    cand[x] = v
        p[0] = 0.0
        for x in range(1, w):
            p[x] = p[x - 1] + costs[t01, s + x]
        run = np.inf
        for x in range(w):
            v = cand[x] - p[x]
            chained[s + x] = v > run
            if v < run:
                run = v
            D[s + x] = run + p[x]
    return D, chained


@compiled
def viterbi_back(lo: Any, hi: Any, off: Any, m: int, shape: Any, costs: Any, t01: int,
                 D: Any, chained: Any) -> Any:
    """The cheapest path, traced back from (n, m) through :func:`viterbi_forward`'s
    ``D`` and ``chained``: one row (i, j, type) per bead, first bead first; no rows if
    the end is not reached (a caller's bug). A cell not reached by the 0-1 chain was
    reached by the first type (in type order) of least ``D[start] + cost``."""
    n = lo.shape[0] - 1
    size = off[n + 1]
    out = np.empty((n + m, 3), dtype=np.int64)
    i, j, k = n, m, 0
    while i > 0 or j > 0:
        c = off[i] + j - lo[i]
        if not np.isfinite(D[c]):
            return out[:0]
        t = t01
        if not chained[c]:
            best, t = np.inf, -1
            for q in range(shape.shape[0]):
                r, col = i - shape[q, 0], j - shape[q, 1]
                if q == t01:
                    continue
                start = off[r] + col - lo[r] if r >= 0 and lo[r] <= col <= hi[r] else size
                v = D[start] + costs[q, c]
                if t < 0 or v < best:
                    best, t = v, q
        out[k, 0], out[k, 1], out[k, 2] = i, j, t
        k += 1
        i, j = i - shape[t, 0], j - shape[t, 1]
    return out[:k][::-1].copy()


@compiled
def logsum_pass(lo: Any, hi: Any, off: Any, m: int, shape: Any, costs: Any, t01: int,
                step: int) -> Any:
    """The forward (``step`` -1) or backward (+1) pass of the forward-backward: the
    log of the summed ``exp(-cost)`` of every bead path from (0, 0) to each cell, or
    from each cell to (n, m) (``-inf`` at index ``size``, outside the band).

    Rows in the pass's order; row i: ``cand[j]`` = logaddexp, over types t != t01 in
    order, of the value at the neighbour cell (i + step * a, j + step * b) minus the
    bead's cost (the bead ends at the cell, forward, or at the neighbour, backward);
    the pass's first row starts its terminal cell at 0; then the 0-1 chain along the
    row (left to right forward, right to left backward) as a running logaddexp of
    ``cand -+ p`` (p the row's cumulative 0-1 costs, float64) with ``p`` given back."""

    def logaddexp(x: float, y: float) -> float:  # numpy's npy_logaddexp (and FAR)
        if x == y:
            return x + LOGE2
        d = x - y
        if d > 0:
            if d > FAR and abs(x) >= 1.0:
                return x
            return x + math.log1p(math.exp(-d))
        if d <= 0:
            if d < -FAR and abs(y) >= 1.0:
                return y
            return y + math.log1p(math.exp(d))
        return d  # nan

    n = lo.shape[0] - 1
    out = np.full(off[n + 1] + 1, -np.inf)
    wmax = np.max(hi - lo) + 1
    cand = np.empty(wmax)
    p = np.empty(wmax)
    for q in range(n + 1):
        i = q if step < 0 else n - q
        s, w = off[i], off[i + 1] - off[i]
        cand[:w] = -np.inf
        for k in range(shape.shape[0]):
            r, b = i + step * shape[k, 0], step * shape[k, 1]
            if k == t01 or r < 0 or r > n:
                continue
            base = off[r] - lo[r] + lo[i] + b  # flat index of the neighbour of x = 0
            for x in range(max(0, lo[r] - lo[i] - b), min(w, hi[r] - lo[i] - b + 1)):
                nb = base + x
                cand[x] = logaddexp(cand[x], out[nb] - costs[k, s + x if step < 0 else nb])
        if q == 0 and (lo[i] == 0 if step < 0 else hi[i] == m):
            x = 0 if step < 0 else w - 1  # (0, 0) or (n, m)
            cand[x] = max(cand[x], 0.0)
        p[0] = 0.0
        for x in range(1, w):
            p[x] = p[x - 1] + costs[t01, s + x]
        acc = -np.inf
        for y in range(w):
            x = y if step < 0 else w - 1 - y
            sp = p[x] if step < 0 else -p[x]
            acc = logaddexp(acc, cand[x] + sp)
            out[s + x] = acc - sp
    return out


@compiled
def bead_softmax(lo: Any, hi: Any, off: Any, shape: Any, costs: Any, D: Any, ends: Any
                 ) -> Any:
    """For every bead (row (i, j, type) of ``ends``), its probability among the bead
    types ending at (i, j): with ``alt[t] = D[start of a type-t bead] + costs[t, (i, j)]``,
    ``1 / sum over t of exp(alt[bead's type] - alt[t])``, leaving out the terms whose
    exp is not finite (an impossible type, or one past float64's range)."""
    n = lo.shape[0] - 1
    size = off[n + 1]
    out = np.empty(ends.shape[0])
    alt = np.empty(shape.shape[0])
    for q in range(ends.shape[0]):
        i, j = ends[q, 0], ends[q, 1]
        c = off[i] + j - lo[i]
        for k in range(shape.shape[0]):
            r, col = i - shape[k, 0], j - shape[k, 1]
            start = off[r] + col - lo[r] if r >= 0 and lo[r] <= col <= hi[r] else size
            alt[k] = D[start] + costs[k, c]
        total = 0.0
        for k in range(shape.shape[0]):
            d = alt[ends[q, 2]] - alt[k]
            if d <= LOG_MAX:  # false for nan too
                total += math.exp(d)
        out[q] = 1.0 / total if total > 0.0 else np.inf
    return out
