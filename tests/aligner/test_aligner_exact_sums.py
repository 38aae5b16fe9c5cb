"""The fast sums of the aligner give the same floats, to the last bit, as the numpy
calls they replace (so a speed-up cannot change an alignment)."""

from __future__ import annotations

import numpy as np

from align.aligner.level import block_sums
from align.aligner.search import Band, _predecessors, _row_cumsums


def test_block_sums_equal_reduceat_bit_for_bit() -> None:
    rng = np.random.default_rng(7)
    x = (rng.standard_normal((3000, 16)) * (rng.random((3000, 16)) < 0.2)).astype(np.float32)
    x[rng.random(x.shape) < 0.05] = -0.0
    # block sizes 1..300: sequential (< 8), 8 partial sums (<= 128) and halving (> 128)
    sizes = np.concatenate((np.arange(1, 20), [64, 127, 128, 129, 130, 255, 300]))
    bounds = np.concatenate(([0], np.cumsum(rng.permutation(sizes))))
    x = x[:bounds[-1]]
    got = block_sums(x, bounds)
    want = np.add.reduceat(x, bounds[:-1], axis=0)
    assert got.dtype == np.float32
    assert np.array_equal(got, want)
    assert np.array_equal(np.signbit(got), np.signbit(want))
    y = x.astype(np.float64)
    assert np.array_equal(block_sums(y, bounds), np.add.reduceat(y, bounds[:-1], axis=0))


def test_row_cumsums_match_one_cumsum_per_row() -> None:
    lo = np.array([0, 0, 1, 1, 3, 6])
    hi = np.array([2, 4, 4, 6, 8, 9])
    band = Band(lo, hi, 5, 9)
    rng = np.random.default_rng(3)
    c01 = rng.random(band.size).astype(np.float32) * 7
    got = _row_cumsums(band, c01)
    for i in range(band.n + 1):
        s, e = int(band.off[i]), int(band.off[i + 1])
        want = np.concatenate(([0.0], np.cumsum(c01[s + 1:e]))).astype(np.float32)
        assert np.array_equal(got[s:e], want)
    assert got.dtype == np.float32


def test_predecessors_are_band_index_of_the_shifted_cells() -> None:
    band = Band(np.array([0, 0, 2, 3, 3]), np.array([1, 3, 4, 4, 6]), 4, 6)
    types = [(0, 1), (1, 0), (1, 1), (2, 1), (1, 2), (3, 3)]
    rows, cols = band.cells()
    for step in (-1, 1):
        want = np.stack([band.index(rows + step * a, cols + step * b) for a, b in types[1:]])
        got = _predecessors(band, types, [1, 2, 3, 4, 5], step)
        assert got.dtype == np.int32
        assert np.array_equal(got, want)
    # the (1, 1) predecessor of cell (2, 3) is cell (1, 2): row 1 starts at flat index 2
    assert _predecessors(band, types, [2], -1)[0, int(band.index(2, 3))] == 2 + 2
