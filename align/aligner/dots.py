"""Dot products of the lexical vectors that the bead costs are made of, as compiled
kernels (:mod:`.jit`).

The hashed lexical vectors are long (512) and sparse (an English sentence has about ten
non-zero entries): a kernel that skips a row's zero entries computes just the few dot
products the cost model reads (those near the search band, or of a few thousand random
beads) in a fraction of the time a dense matrix product or ``einsum`` over gathered
copies takes. Products of float32 entries are exact in float64 and are summed in
float64 in index order, so every value is the exact dot product to within float64
rounding (a BLAS float32 product rounds each one to float32 on the way).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from align.aligner.jit import compiled


@compiled
def window_dots(x: Any, y: Any, lo: Any, hi: Any, width: int) -> Any:
    """``out[i, d] = x_i . y_(min(lo[i] + d, m - 1))`` for ``d < hi[i] - lo[i]`` (and
    ``d < width``), 0 for the other ``d``: the dot products of every row with a window
    of consecutive columns (float64, shape (n, width))."""
    n, dim = x.shape
    m = y.shape[0]
    out = np.zeros((n, width))
    nz = np.empty(dim, dtype=np.int64)
    for i in range(n):
        k = 0
        for c in range(dim):
            if x[i, c] != 0:
                nz[k] = c
                k += 1
        stop = min(width, hi[i] - lo[i])
        for d in range(stop):
            j = min(lo[i] + d, m - 1)
            acc = 0.0
            for q in range(k):
                c = nz[q]
                acc += np.float64(x[i, c]) * np.float64(y[j, c])
            out[i, d] = acc
    return out


def lag_dots(v: Any, span: int) -> Any:
    """``out[i, d] = v_i . v_(i+d)`` for ``d < span`` (0 past the last row), float64:
    :func:`window_dots` of the rows with themselves, each row's window starting at it."""
    start = np.arange(v.shape[0])
    return window_dots(v, v, start, np.minimum(start + span, v.shape[0]), span)


@compiled
def bead_vector_dots(x: Any, y: Any, i: Any, j: Any, a: int, b: int) -> Any:
    """For the beads of shape (a, b) ending at grid points (i[k], j[k]): the dot
    product of their summed row and column vectors and the squared norms of the two
    sums, as a (3, k) float64 array. The sums are float32, added nearest row first
    (``x[i-1] + x[i-2] + ...``, as numpy would add the gathered rows)."""
    count = i.shape[0]
    dim = x.shape[1]
    out = np.zeros((3, count))
    for p in range(count):
        uv = 0.0
        uu = 0.0
        vv = 0.0
        for c in range(dim):
            u = x[i[p] - 1, c]
            for r in range(1, a):
                u = u + x[i[p] - 1 - r, c]
            v = y[j[p] - 1, c]
            for r in range(1, b):
                v = v + y[j[p] - 1 - r, c]
            u64 = np.float64(u)
            v64 = np.float64(v)
            uv += u64 * v64
            uu += u64 * u64
            vv += v64 * v64
        out[0, p] = uv
        out[1, p] = uu
        out[2, p] = vv
    return out
