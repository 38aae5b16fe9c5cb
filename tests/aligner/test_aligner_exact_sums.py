"""The fast sums of the aligner give the same floats, to the last bit, as the numpy
calls they replace (so a speed-up cannot change an alignment)."""

from __future__ import annotations

import numpy as np

from align.aligner.level import block_sums


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
