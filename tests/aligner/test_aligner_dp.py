"""Tests of the compiled dynamic programmes (align.aligner.dp) on a small hand-made band:
compiled and plain Python give the same floats, and the paths, path costs, forward and
backward sums and posteriors equal those found by listing every bead path in the band."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import numpy as np
import pytest

from align.aligner.dp import bead_softmax, logsum_pass, viterbi_back, viterbi_forward
from align.aligner.search import Band, bead_types, local_confidence, posteriors, viterbi

# rows 0..4, columns 0..5: row i holds columns LO[i]..HI[i] (a band, not the full grid)
LO = [0, 0, 1, 2, 3]
HI = [1, 3, 4, 5, 5]
TYPES = bead_types(3)  # 0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 2-3, 3-2, 1-3, 3-1
Path = tuple[tuple[int, int, int], ...]


def _band() -> Band:
    return Band(np.array(LO, dtype=np.int64), np.array(HI, dtype=np.int64), 4, 5)


def _costs(band: Band, seed: int) -> np.ndarray:
    rows, cols = band.cells()
    costs = np.random.default_rng(seed).uniform(0.0, 4.0, (len(TYPES), band.size))
    for t, (a, b) in enumerate(TYPES):
        costs[t, (rows < a) | (cols < b)] = np.inf
    return costs.astype(np.float32)


def _inside(i: int, j: int) -> bool:
    return 0 <= i < len(LO) and LO[i] <= j <= HI[i]


@cache
def _paths_to(i: int, j: int) -> list[Path]:
    """Every bead path from (0, 0) to (i, j) whose grid points all lie in the band."""
    if (i, j) == (0, 0):
        return [()]
    return [p + ((i, j, t),) for t, (a, b) in enumerate(TYPES) if _inside(i - a, j - b)
            for p in _paths_to(i - a, j - b)]


@cache
def _paths_from(i: int, j: int) -> list[Path]:
    """Every bead path from (i, j) to the end (4, 5) inside the band."""
    if (i, j) == (4, 5):
        return [()]
    return [((i + a, j + b, t),) + p for t, (a, b) in enumerate(TYPES)
            if _inside(i + a, j + b) for p in _paths_from(i + a, j + b)]


def _cost(costs: np.ndarray, path: Sequence[tuple[int, int, int]]) -> float:
    """The summed bead costs of ``path`` (float64), the flat index worked out by hand."""
    start = np.cumsum([0] + [h - lo + 1 for lo, h in zip(LO, HI, strict=True)]).tolist()
    return sum(float(costs[t, start[i] + j - LO[i]]) for i, j, t in path)


def _logsum(costs: np.ndarray, paths: list[Path]) -> float:
    weights = [math.exp(-_cost(costs, p)) for p in paths]
    return math.log(sum(weights)) if weights else -math.inf


def _args(band: Band) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    shape = np.array(TYPES, dtype=np.int64)
    return band.lo, band.hi, band.off, shape, TYPES.index((0, 1))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_viterbi_is_the_cheapest_of_all_paths(seed: int) -> None:
    band = _band()
    costs = _costs(band, seed)
    path, D = viterbi(band, TYPES, costs)
    paths = _paths_to(4, 5)
    assert len(paths) > 100
    best = min(paths, key=lambda p: _cost(costs, p))
    assert tuple(path) == best
    rows, cols = band.cells()
    for c, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        cheapest = min((_cost(costs, p) for p in _paths_to(i, j)), default=math.inf)
        assert D[c] == pytest.approx(cheapest, rel=1e-6), (i, j)
    assert D[band.size] == math.inf


@pytest.mark.parametrize("seed", [0, 1])
def test_forward_and_backward_sums_equal_all_paths(seed: int) -> None:
    band = _band()
    costs = _costs(band, seed)
    lo, hi, off, shape, t01 = _args(band)
    F = logsum_pass(lo, hi, off, 5, shape, costs, t01, -1)
    B = logsum_pass(lo, hi, off, 5, shape, costs, t01, 1)
    rows, cols = band.cells()
    for c, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        assert F[c] == pytest.approx(_logsum(costs, _paths_to(i, j)), rel=1e-9), (i, j)
        assert B[c] == pytest.approx(_logsum(costs, _paths_from(i, j)), rel=1e-9), (i, j)
    assert F[band.size] == B[band.size] == -math.inf


def test_posteriors_of_every_path_equal_their_share_of_all_paths() -> None:
    band = _band()
    costs = _costs(band, 3)
    paths = _paths_to(4, 5)
    weights = [math.exp(-_cost(costs, p)) for p in paths]
    total = sum(weights)
    for path in paths[::7]:
        expected = [sum(w for p, w in zip(paths, weights, strict=True) if bead in p) / total
                    for bead in path]
        assert posteriors(band, TYPES, costs, list(path)) == pytest.approx(expected, rel=1e-9)


def test_local_confidence_is_the_softmax_over_the_types_ending_there() -> None:
    band = _band()
    costs = _costs(band, 4)
    path, D = viterbi(band, TYPES, costs)
    got = local_confidence(band, TYPES, costs, D, path)
    for (i, j, t), conf in zip(path, got, strict=True):
        # the cheapest way to reach (i, j) with a last bead of each type, by brute force
        alt = [min((_cost(costs, p) for p in _paths_to(i, j) if p[-1][2] == k),
                   default=math.inf) for k in range(len(TYPES))]
        expected = 1.0 / sum(math.exp(alt[t] - a) for a in alt if a < math.inf)
        assert conf == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("seed", [0, 5])
def test_compiled_kernels_give_the_plain_functions_floats(seed: int) -> None:
    band = _band()
    costs = _costs(band, seed)
    lo, hi, off, shape, t01 = _args(band)
    D, chained = viterbi_forward(lo, hi, off, shape, costs, t01)
    D_py, chained_py = viterbi_forward.py_func(lo, hi, off, shape, costs, t01)
    assert np.array_equal(D, D_py) and np.array_equal(chained, chained_py)
    ends = viterbi_back(lo, hi, off, 5, shape, costs, t01, D, chained)
    assert np.array_equal(ends, viterbi_back.py_func(lo, hi, off, 5, shape, costs, t01, D,
                                                     chained))
    for step in (-1, 1):
        assert np.array_equal(logsum_pass(lo, hi, off, 5, shape, costs, t01, step),
                              logsum_pass.py_func(lo, hi, off, 5, shape, costs, t01, step))
    assert np.array_equal(bead_softmax(lo, hi, off, shape, costs, D, ends),
                          bead_softmax.py_func(lo, hi, off, shape, costs, D, ends))


def test_viterbi_refuses_a_band_without_a_path() -> None:
    band = _band()
    costs = _costs(band, 0)
    costs[1:] = np.inf  # only 0-1 beads: row 0 is never left
    with pytest.raises(RuntimeError, match="no path through the band"):
        viterbi(band, TYPES, costs)
