"""The cross term of many-to-many beads (align.aligner.splits, cost.cross_z,
align.aligner.crossing): the off-diagonal blocks of every split, the same on every band
cell as bead by bead, the cross z on hand-made vectors, and the learned curve."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.bandsums import BandTables
from align.aligner.calibration import random_stats
from align.aligner.cost import ScoreParams, cross_z
from align.aligner.crossing import log_ratio, split_windows, window_cross_z
from align.aligner.level import Level
from align.aligner.search import bead_types, full_band
from align.aligner.splits import band_blocks, bead_blocks, split_points


def _level(x: list[list[float]], y: list[list[float]]) -> Level:
    return Level(np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32),
                 np.full(len(x), 10.0), np.full(len(y), 10.0))


def test_split_points_leave_both_parts_two_sided() -> None:
    assert split_points(2, 2) == [(1, 1)]
    assert split_points(2, 3) == [(1, 1), (1, 2)]
    assert split_points(3, 4) == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]
    assert split_points(1, 4) == [] and split_points(3, 1) == []


def test_blocks_of_a_crossing_pair() -> None:
    # rows e0, e1; columns e1, e0: row 0 translates column 1 and row 1 column 0
    level = _level([[1, 0, 0], [0, 1, 0]], [[0, 1, 0], [1, 0, 0]])
    (top, bottom), = bead_blocks(level, 0, 2, 0, 2)
    assert top == ((1, 1), 1.0, 1.0)  # row 0 against column 1
    assert bottom == ((1, 1), 1.0, 1.0)  # row 1 against column 0
    stats = {(1, 1): (0.0, 0.5), (2, 2): (0.0, 1.0)}
    assert cross_z(bead_blocks(level, 0, 2, 0, 2), ScoreParams(), stats) == 2.0
    # the same sentences in parallel order: the split throws nothing away
    parallel = _level([[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]])
    assert cross_z(bead_blocks(parallel, 0, 2, 0, 2), ScoreParams(), stats) == 0.0


def test_cross_z_is_the_weakest_split() -> None:
    # 2-3: row 0 = e0 + e1, row 1 = e2; columns e0, e2, e1. Split (1, 1) keeps row 0
    # with column e0 and throws away row 0 against columns e2 + e1 (cos 1/2) and row 1
    # against column e0 (cos 0): 1/2. Split (1, 2) throws away row 0 against column e1
    # (cos 1/sqrt 2) and row 1 against columns e0 + e2 (cos 1/sqrt 2): 1/sqrt 2.
    level = _level([[1, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    stats = {(1, 1): (0.0, 1.0), (1, 2): (0.0, 1.0), (1, 3): (0.0, 1.0)}
    blocks = list(bead_blocks(level, 0, 2, 0, 3))
    # split (1, 1): top = row 0 against columns 1-2, bottom = row 1 against column 0
    assert blocks[0][0][0] == (1, 2) and blocks[0][1][0] == (1, 1)
    assert blocks[0][0][1] == 1.0 and blocks[0][0][2] == pytest.approx(2.0)
    assert blocks[0][1][1] == 0.0
    # split (1, 2): top = row 0 against column 2 (e1): cos 1/sqrt 2; bottom = row 1
    # against columns 0-1: cos 1/sqrt 2
    assert blocks[1][0][1] == 1.0 and blocks[1][1][1] == 1.0
    assert blocks[1][0][2] == pytest.approx(math.sqrt(2))
    assert cross_z(iter(blocks), ScoreParams(), stats) == pytest.approx(0.5)


@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 2), (2, 4), (3, 3), (3, 4), (4, 4)])
def test_band_blocks_agree_with_bead_blocks(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(4)
    level = Level(rng.normal(size=(9, 8)).astype(np.float32),
                  rng.normal(size=(10, 8)).astype(np.float32), np.full(9, 5.0),
                  np.full(10, 7.0))
    band = full_band(level.n, level.m)
    sums = BandTables(level, band, bead_types(4, wide=True)).sums()
    a, b = shape
    got = list(band_blocks(sums, a, b))
    rows, cols = band.cells()
    checked = 0
    for c in range(band.size):
        i, j = int(rows[c]), int(cols[c])
        if i < a or j < b:
            continue
        for k, pair in enumerate(bead_blocks(level, i - a, i, j - b, j)):
            for side in range(2):
                want_shape, dot, den = pair[side]
                have_shape, dots, dens = got[k][side]
                assert have_shape == want_shape
                assert float(dots[c]) == pytest.approx(dot, rel=1e-4, abs=1e-3)
                assert float(dens[c]) == pytest.approx(den, rel=1e-4, abs=1e-3)
        checked += 1
    assert checked > 20


def test_window_cross_z_is_the_cost_models_cross_z() -> None:
    rng = np.random.default_rng(2)
    level = Level(rng.normal(size=(8, 6)).astype(np.float32),
                  rng.normal(size=(9, 6)).astype(np.float32), np.full(8, 5.0),
                  np.full(9, 7.0))
    types = bead_types(4, wide=True)
    stats = random_stats(level, types, seed=0, k=100)
    params = ScoreParams()
    ends = np.array([[3, 4], [8, 9], [5, 5]])
    for shape in [(2, 2), (2, 3), (3, 4)]:
        a, b = shape
        got = window_cross_z(level, ends, shape, params, stats)
        want = [cross_z(bead_blocks(level, i - a, i, j - b, j), params, stats)
                for i, j in ends.tolist()]
        assert got == pytest.approx(np.asarray(want), abs=1e-6)


def test_split_windows_pair_consecutive_confident_beads() -> None:
    types = bead_types(4, wide=True)
    t = {shape: k for k, shape in enumerate(types)}
    path = [(1, 1, t[1, 1]), (2, 2, t[1, 1]), (3, 4, t[1, 2]), (3, 5, t[0, 1]),
            (4, 6, t[1, 1]), (5, 7, t[1, 1])]
    conf = [0.95, 0.99, 0.97, 0.99, 0.5, 0.99]
    # (1,1)+(1,1) -> 2-2 ending at (2, 2); (1,1)+(1,2) -> 2-3 ending at (3, 4); the 0-1
    # bead and the unconfident 1-1 start no window
    assert split_windows(path, types, conf) == {(2, 2): [(2, 2)], (2, 3): [(3, 4)]}


def test_log_ratio_by_hand() -> None:
    # bins of width 1 on [0, 3): translations at 2.5 (x3), split-right windows at 0.5
    # (x3) and one at 2.5; pseudo-count 1, at least 1 window per reliable bin
    knots, values = log_ratio(np.array([2.5, 2.5, 2.5]), np.array([0.5, 0.5, 0.5, 2.5]),
                              0.0, 3.0, step=1.0, pseudo=1.0, min_null=1)
    assert knots.tolist() == [0.5, 1.5, 2.5]
    pa = np.array([1, 1, 4]) / 6
    pn = np.array([4, 1, 2]) / 7
    raw = np.log(pa / pn)
    assert values == pytest.approx([min(raw), min(raw[1:]), raw[2]])
    assert values[0] < 0 < values[2]


def test_learn_cross_is_a_penalty_learned_from_enough_windows() -> None:
    from align.aligner.crossing import MIN_WINDOWS, learn_cross

    rng = np.random.default_rng(6)
    n = MIN_WINDOWS + 20
    level = Level(rng.normal(size=(n, 32)).astype(np.float32),
                  rng.normal(size=(n, 32)).astype(np.float32), np.full(n, 5.0),
                  np.full(n, 5.0))
    types = bead_types(4, wide=True)
    stats = random_stats(level, types, seed=0, k=200)
    params = ScoreParams()
    path = [(k, k, types.index((1, 1))) for k in range(1, n + 1)]
    translations = rng.normal(8.0, 1.0, n)  # what translations share: far above chance
    knots, values = learn_cross(level, path, types, params, stats, np.ones(n), translations)
    assert bool((values <= 0).all()) and bool((np.diff(values) >= 0).all())
    # random neighbours share about nothing: a cross z near 0 is penalised, one like a
    # translation's is not
    assert float(np.interp(0.0, knots, values)) < -1.0
    assert float(np.interp(8.0, knots, values)) == 0.0
    short = path[:MIN_WINDOWS]  # MIN_WINDOWS - 1 windows
    assert learn_cross(level, short, types, params, stats, np.ones(n), translations) is None


def test_coarse_to_fine_band_holds_every_wide_bead_along_the_path() -> None:
    """The coarse levels search 1-1 .. 2-2 blocks only; the finest band must still hold
    both corners of every wide bead (up to 4-4) that starts on the path found."""
    from align.aligner.core import MAX_FULL_CELLS, search

    n = 420  # (n + 1)^2 > MAX_FULL_CELLS: searched coarse to fine
    assert (n + 1) ** 2 > MAX_FULL_CELLS
    rng = np.random.default_rng(8)
    x = rng.normal(size=(n, 64)).astype(np.float32)  # sentence k translates sentence k
    lengths = rng.integers(5, 60, n).astype(np.float64)
    level = Level(x, x + 0.3 * rng.normal(size=(n, 64)).astype(np.float32), lengths,
                  lengths.copy())
    types = bead_types(4, wide=True)
    found = search(level, types, ScoreParams(), seed=0)
    assert found.band.size < (n + 1) ** 2 // 4  # a band, not the full grid
    starts = [(0, 0)] + [(i, j) for i, j, _ in found.path]
    wide = [t for t in types if min(t) >= 2]
    corners = [(i + a, j + b) for i, j in starts for a, b in wide if i + a <= n and j + b <= n]
    p = np.asarray(starts + corners)
    assert bool((found.band.index(p[:, 0], p[:, 1]) < found.band.size).all())


def test_part_z_scores_a_sentence_against_each_piece_of_its_translation() -> None:
    from align.aligner.crossing import part_z

    # row 0 = e0 + e1 translated by columns e0 and e1 (a confident 1-2); row 1 = e2 by
    # column e2 (a 1-1: no pieces); rows 2-3 = e0, e3 by column e0 + e3, unconfident
    level = _level([[1, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]],
                   [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    types = bead_types(2)
    path = [(1, 2, types.index((1, 2))), (2, 3, types.index((1, 1))),
            (4, 4, types.index((2, 1)))]
    stats = {(1, 1): (0.0, 1.0)}
    got = part_z(level, path, types, [0.95, 0.99, 0.5], ScoreParams(), stats)
    assert got == pytest.approx([1 / math.sqrt(2), 1 / math.sqrt(2)])
    both = part_z(level, path, types, [0.95, 0.99, 0.95], ScoreParams(), stats)
    assert both == pytest.approx([1 / math.sqrt(2)] * 4)  # e0 and e3 against e0 + e3


def test_band_chunks_cover_every_row_once() -> None:
    level = _level([[1, 0, 0]] * 6, [[0, 1, 0]] * 8)
    band = full_band(level.n, level.m)  # 7 rows of 9 cells
    tables = BandTables(level, band, [(1, 1), (2, 2)])
    # cells 0, 20, 40, 60 start the chunks: rows 0, 2, 4 and 6 (9 cells a row)
    assert tables.chunks(20) == [(0, 2), (2, 4), (4, 6), (6, 7)]
    assert tables.chunks(1000) == [(0, 7)]
    assert tables.chunks(1) == [(r, r + 1) for r in range(7)]
