"""Tests of the search (align.aligner.search): bead types, the banded Viterbi, the band
around a coarse path and the forward-backward posteriors against brute force."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.search import (
    Band,
    band_around,
    band_with,
    bead_types,
    bounds_path,
    full_band,
    path_bounds,
    posteriors,
    viterbi,
)


def test_bead_types() -> None:
    assert bead_types(2) == [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]
    assert (1, 4) in bead_types(4) and (4, 1) in bead_types(4) and (1, 5) not in bead_types(4)
    assert (7, 1) in bead_types(7)


def test_path_and_bead_bounds_convert_both_ways() -> None:
    types = bead_types(2)  # 0-1, 1-0, 1-1, 1-2, 2-1, 2-2
    path = [(1, 1, 2), (1, 2, 0), (3, 3, 4), (4, 3, 1)]  # 1-1, 0-1, 2-1, 1-0
    bounds = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 3, 2, 3), (3, 4, 3, 3)]
    assert path_bounds(path, types) == bounds
    assert bounds_path(bounds, types) == path
    assert bounds_path([[*b, "extra"] for b in bounds], types) == path
    with pytest.raises(KeyError):
        bounds_path([(0, 3, 0, 3)], types)  # 3-3 is no bead type here


def test_viterbi_prefers_cheapest_path() -> None:
    types = bead_types(2)
    band = full_band(2, 2)
    costs = np.full((len(types), band.size), 5.0)
    costs[types.index((1, 1))] = 1.0
    path, _ = viterbi(band, types, costs)
    assert [(i, j) for i, j, _ in path] == [(1, 1), (2, 2)]
    costs[types.index((2, 2))] = 1.5  # one 2-2 bead is cheaper than two 1-1 beads
    path, _ = viterbi(band, types, costs)
    assert [(i, j, types[t]) for i, j, t in path] == [(2, 2, (2, 2))]


def test_band_around_is_monotone_and_covers_path() -> None:
    band = band_around([(0, 0), (1, 2), (3, 3)], np.array([0, 5, 7, 10]),
                       np.array([0, 2, 4, 9]), margin=1)
    assert isinstance(band, Band)
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all()
    assert band.lo[0] == 0 and band.hi[-1] == 9
    for i, j in [(0, 0), (5, 4), (10, 9)]:
        assert band.lo[i] <= j <= band.hi[i]


def _all_paths(n: int, m: int, types: list[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
    if (n, m) == (0, 0):
        return [[]]
    out = []
    for t, (a, b) in enumerate(types):
        if n >= a and m >= b:
            out += [p + [(n, m, t)] for p in _all_paths(n - a, m - b, types)]
    return out


def test_posteriors_match_brute_force() -> None:
    types = bead_types(2)
    band = full_band(3, 2)
    rows, cols = band.cells()
    costs = np.random.default_rng(0).uniform(0.0, 3.0, (len(types), band.size))
    for t, (a, b) in enumerate(types):
        costs[t, (rows < a) | (cols < b)] = np.inf
    path, _ = viterbi(band, types, costs)

    def cost(p: list[tuple[int, int, int]]) -> float:
        return sum(float(costs[t, band.index(np.array([i]), np.array([j]))[0]])
                   for i, j, t in p)

    paths = _all_paths(3, 2, types)
    weights = [math.exp(-cost(p)) for p in paths]
    best = min(paths, key=cost)
    assert best == path
    expected = [sum(w for p, w in zip(paths, weights, strict=True) if bead in p) / sum(weights)
                for bead in path]
    assert posteriors(band, types, costs, path) == pytest.approx(expected)


@pytest.mark.parametrize(("n", "m", "seed"), [(3, 2, 1), (2, 3, 2), (1, 3, 3)],
                         ids=["3x2", "2x3", "1x3"])
def test_posteriors_of_every_path_match_brute_force(n: int, m: int, seed: int) -> None:
    """Not only the best path: for every bead path through the grid, the posterior of
    each of its beads is the summed weight of the paths holding that bead, over the
    summed weight of all paths. Paths starting or ending with 0-1 or 1-0 beads (beads
    ending in row 0 or starting in row n) are among them."""
    types = bead_types(2)
    band = full_band(n, m)
    rows, cols = band.cells()
    costs = np.random.default_rng(seed).uniform(0.0, 3.0, (len(types), band.size))
    for t, (a, b) in enumerate(types):
        costs[t, (rows < a) | (cols < b)] = np.inf

    def cost(p: list[tuple[int, int, int]]) -> float:
        return sum(float(costs[t, band.index(np.array([i]), np.array([j]))[0]])
                   for i, j, t in p)

    paths = _all_paths(n, m, types)
    weights = [math.exp(-cost(p)) for p in paths]
    assert any(p[0][0] == 0 for p in paths) and any(p[-1][2] == types.index((1, 0))
                                                    for p in paths)
    for path in paths:
        expected = [sum(w for p, w in zip(paths, weights, strict=True) if bead in p)
                    / sum(weights) for bead in path]
        assert posteriors(band, types, costs, path) == pytest.approx(expected), path


@pytest.mark.parametrize(("n", "m"), [(0, 2), (3, 2)], ids=["one-row", "3x2"])
def test_band_index_inside_and_outside(n: int, m: int) -> None:
    """index() inverts cells() inside the band and gives the sentinel ``size`` for any
    cell outside it (rows -1 and n + 1, columns -1 and m + 1), a one-row grid too."""
    band = full_band(n, m)
    rows, cols = band.cells()
    assert band.index(rows, cols).tolist() == list(range(band.size))
    outside_r = np.array([-1, -1, n + 1, n + 1, 0, n])
    outside_c = np.array([0, m, 0, m, -1, m + 1])
    assert band.index(outside_r, outside_c).tolist() == [band.size] * 6


@pytest.mark.parametrize(("path", "bounds", "margin", "lo", "hi"), [
    ([(0, 0), (1, 0), (2, 2)], [0, 1, 2], 0, [0, 0, 0], [0, 2, 2]),
    ([(0, 0), (1, 1), (2, 2)], [0, 2, 4], 1, [0, 0, 0, 0, 1], [3, 4, 4, 4, 4]),
], ids=["margin-0-row-first", "margin-1"])
def test_band_around_exact(path: list[tuple[int, int]], bounds: list[int], margin: int,
                           lo: list[int], hi: list[int]) -> None:
    """The band worked out by hand: each coarse step covers the rectangle between its
    fine grid points, then the band grows by ``margin`` rows and columns (clipped to the
    grid). A first step down a row with margin 0 keeps row 0 at column 0 only."""
    band = band_around(path, np.array(bounds), np.array(bounds), margin)
    assert (band.lo.tolist(), band.hi.tolist()) == (lo, hi)


def test_band_with_refuses_points_outside_the_grid() -> None:
    with pytest.raises(ValueError, match=r"^grid points outside the 2 x 3 grid$"):
        band_with(full_band(2, 3), [(1, 1), (3, 0)])
