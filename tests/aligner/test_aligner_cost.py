"""Tests of the bead-cost model (align.aligner.cost): the vectorised form (every band cell)
and the scalar form (one bead) agree on random beads, the terms give the same bits on
floats and on arrays, and each term on hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.calibration import path_z, random_stats
from align.aligner.cost import (
    BeadCost,
    ScoreParams,
    bead_cost,
    bead_costs,
    length_delta2,
    lexical_z,
)
from align.aligner.level import BeadSums, Level
from align.aligner.search import bead_types, full_band


def _random_level(seed: int, n: int, m: int, factor: int, paragraphs: bool) -> Level:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 16)).astype(np.float32)
    y = rng.normal(size=(m, 16)).astype(np.float32)
    x[2] = 0.0  # a sentence with no words: its beads have no similarity
    px = np.sort(rng.integers(0, 3, n)) if paragraphs else None
    py = np.sort(rng.integers(0, 3, m)) if paragraphs else None
    return Level(x, y, rng.integers(5, 60, n).astype(np.float64),
                 rng.integers(5, 160, m).astype(np.float64), px, py, factor=factor)


SETTINGS = {
    "plain": {},
    "paragraphs": {"para_penalty": 1.0},
    "student-t": {"len_nu": 3.0},
    "learned-curve": {"lex_curve": (np.linspace(-3.0, 12.0, 7), np.linspace(-2.0, 9.0, 7))},
    "cross-curve": {"cross_curve": (np.linspace(-3.0, 12.0, 7), np.linspace(-3.0, 5.0, 7))},
}


@pytest.mark.parametrize("factor", [1, 2], ids=["sentences", "blocks"])
@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_scalar_and_vectorised_forms_agree_on_random_beads(setting: str, factor: int) -> None:
    level = _random_level(7, 9, 11, factor, setting == "paragraphs")
    types = bead_types(3)
    params = ScoreParams(ratio=2.3, variance=3.0, **SETTINGS[setting])  # type: ignore[arg-type]
    stats = random_stats(level, types, seed=1, k=200)
    band = full_band(level.n, level.m)
    costs, zs = bead_costs(level, band, types, params, stats)
    one = BeadCost(level, params, stats)
    rows, cols = band.cells()
    rng = np.random.default_rng(factor)
    checked = 0
    for c in rng.choice(band.size, 60, replace=False):
        i, j = int(rows[c]), int(cols[c])
        for t, (a, b) in enumerate(types):
            if i < a or j < b:
                assert costs[t, c] == np.inf
                continue
            # float32 costs from float32 prefix sums against float64: equal to ~1e-5
            assert one(i - a, i, j - b, j) == pytest.approx(float(costs[t, c]), rel=1e-4,
                                                             abs=1e-3)
            if a and b:
                assert one.z(i - a, i, j - b, j) == pytest.approx(float(zs[t, c]), abs=1e-3)
            checked += 1
    assert checked > 300


def _sums(rng: np.random.Generator, k: int) -> BeadSums:
    den = rng.uniform(0.0, 4.0, k)
    den[::5] = 0.0  # some beads with no words on a side
    return BeadSums(dot=rng.uniform(-1.0, 1.0, k) * den * 1.2, den=den,
                    sx=rng.normal(0.0, 2.0, k), sy=rng.normal(0.0, 2.0, k), cxy=0.37,
                    lx=rng.integers(0, 200, k).astype(np.float64),
                    ly=rng.integers(0, 500, k).astype(np.float64))


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_terms_give_the_same_bits_on_floats_and_arrays(setting: str) -> None:
    # one formula: the scalar evaluation of a bead is exactly the array evaluation's
    # element, not merely close to it
    rng = np.random.default_rng(11)
    params = ScoreParams(ratio=2.7, variance=2.1, **SETTINGS[setting])  # type: ignore[arg-type]
    stats = {(2, 1): (0.05, 0.07), (0, 0): (0.0, 0.8)}
    arrays = _sums(rng, 200)
    para = rng.integers(0, 3, 200).astype(np.float64)
    costs, zs = bead_cost(2, 1, arrays, params, stats, 2, para)
    for k in range(200):
        one = BeadSums(*(float(v[k]) if isinstance(v, np.ndarray) else v
                         for v in (arrays.dot, arrays.den, arrays.sx, arrays.sy, arrays.cxy,
                                   arrays.lx, arrays.ly)))
        cost, z = bead_cost(2, 1, one, params, stats, 2, float(para[k]))
        assert (float(cost), float(z)) == (float(costs[k]), float(zs[k]))


@pytest.mark.parametrize(("dot", "den", "expected"), [
    (0.5, 1.0, (0.5 - 0.1) / 0.2),
    (0.0, 0.0, 0.0),  # no words on a side: no evidence
    (1.0, 1.0, 4.0),  # (1 - 0.1) / 0.2 = 4.5, clipped high
    (-1.0, 1.0, -3.0),  # clipped low
], ids=["plain", "no-words", "clip-high", "clip-low"])
def test_lexical_z(dot: float, den: float, expected: float) -> None:
    assert lexical_z(dot, den, 0.1, 0.2, -3.0, 4.0) == pytest.approx(expected)
    got = lexical_z(np.array([dot]), np.array([den]), 0.1, 0.2, -3.0, 4.0)
    assert float(got[0]) == pytest.approx(expected)


@pytest.mark.parametrize(("lx", "ly", "ratio", "variance", "expected"), [
    (10.0, 30.0, 2.0, 2.0, 25.0 / (2.0 * 12.5)),  # ly / c = 15: (15 - 10)^2 / (2 * 12.5)
    (10.0, 20.0, 2.0, 6.8, 0.0),  # exactly the expected length
    (0.0, 0.5, 1.0, 1.0, 0.25),  # tiny beads: the mean length is floored at 1
], ids=["plain", "expected-length", "floor"])
def test_length_delta2(lx: float, ly: float, ratio: float, variance: float,
                       expected: float) -> None:
    assert length_delta2(lx, ly, ratio, variance) == pytest.approx(expected)


def test_length_term_gaussian_is_capped_and_student_t_has_heavy_tails() -> None:
    # a 1-1 bead with no words (z = 0) and nothing shared (dot term 0): prior + length
    def length(delta2_bead: BeadSums, params: ScoreParams) -> float:
        return float(bead_cost(1, 1, delta2_bead, params, {})[0]) - params.prior_cost((1, 1))

    # ly / c = 15, lx = 10: delta2 = 25 / (2 * 12.5) = 1 with variance 2
    one = BeadSums(dot=0.0, den=0.0, sx=0.0, sy=0.0, cxy=0.0, lx=10.0, ly=30.0)
    assert length(one, ScoreParams(ratio=2.0, variance=2.0)) == pytest.approx(0.5)
    # lx = 0, ly = 100: delta2 = 100^2 / (mean length 50) = 200 with variance 1:
    # half of it capped at 30
    far = BeadSums(dot=0.0, den=0.0, sx=0.0, sy=0.0, cxy=0.0, lx=0.0, ly=100.0)
    assert length(far, ScoreParams(variance=1.0)) == 30.0
    t = ScoreParams(ratio=2.0, variance=2.0, len_nu=3.0)
    assert length(one, t) == pytest.approx(2.0 * math.log1p(1.0 / 3.0))
    assert length(far, ScoreParams(variance=1.0, len_nu=3.0)) == pytest.approx(
        2.0 * math.log1p(200 / 3))


def test_empty_side_bead_costs_its_prior_and_paragraph_term() -> None:
    params = ScoreParams(para_penalty=1.5)
    cost, z = bead_cost(0, 1, None, params, {})
    assert (cost, z) == (pytest.approx(-math.log(0.005)), None)
    cost, _ = bead_cost(1, 0, None, params, {}, para=2.0)
    assert cost == pytest.approx(-math.log(0.005) + 3.0)


def test_calibration_uses_the_cost_models_similarity() -> None:
    level = _random_level(3, 12, 14, 1, False)
    types = bead_types(2)
    params = ScoreParams(ratio=2.0)
    stats = random_stats(level, types, seed=0, k=200)
    band = full_band(level.n, level.m)
    _, zs = bead_costs(level, band, types, params, stats)
    t11, t12 = types.index((1, 1)), types.index((1, 2))
    path = [(3, 3, t11), (5, 5, types.index((2, 2))), (6, 7, t12)]
    got = path_z(level, path, types, stats, params)  # per type, in the order of types
    cell = {(i, j): int(band.index(np.array([i]), np.array([j]))[0]) for i, j, _ in path}
    expected = [zs[t11, cell[3, 3]], zs[t12, cell[6, 7]], zs[types.index((2, 2)), cell[5, 5]]]
    assert got == pytest.approx(np.asarray(expected, dtype=np.float64), abs=1e-4)


@pytest.mark.parametrize("neural", [False, True], ids=["lexical", "neural"])
def test_scalar_and_vectorised_forms_agree_with_wide_beads_and_the_neural_term(
        neural: bool) -> None:
    """The wide shapes (2-4, 3-3, 3-4, 4-4) and the embedding term cost the same on
    every band cell as bead by bead; the term does change the costs."""
    from dataclasses import replace

    from align.aligner.neural import initial_term

    level = _random_level(5, 10, 12, 1, True)
    types = bead_types(4, wide=True)
    assert {(2, 4), (3, 3), (3, 4), (4, 4), (4, 3)} <= set(types)
    lexical = ScoreParams(ratio=2.3, variance=3.0, para_penalty=1.0)
    params = lexical
    if neural:
        rng = np.random.default_rng(3)
        term = initial_term(rng.normal(size=(10, 8)), rng.normal(size=(12, 8)),
                            level.lx, level.ly, types, k=100)
        params = replace(lexical, neural=replace(term, weight=0.9, beta=0.3, mid=0.2,
                                                 cap=2.5))
    stats = random_stats(level, types, seed=1, k=200)
    band = full_band(level.n, level.m)
    costs, _ = bead_costs(level, band, types, params, stats)
    one = BeadCost(level, params, stats)
    rows, cols = band.cells()
    checked = 0
    for c in range(band.size):
        i, j = int(rows[c]), int(cols[c])
        for t, (a, b) in enumerate(types):
            if i >= a and j >= b:
                assert one(i - a, i, j - b, j) == pytest.approx(float(costs[t, c]), rel=1e-4,
                                                                 abs=1e-3), (i, j, a, b)
                checked += 1
    assert checked > 1500
    plain, _ = bead_costs(level, band, types, lexical, stats)
    both = np.array([bool(a and b) for a, b in types])
    finite = np.isfinite(plain)
    assert np.isfinite(costs).tolist() == finite.tolist()
    assert np.array_equal(costs[~both], plain[~both])  # empty-side beads: no embedding
    changed = (costs != plain)[both][finite[both]]
    assert changed.mean() > 0.9 if neural else not changed.any()


def test_cross_curve_changes_only_many_to_many_beads_at_the_sentence_level() -> None:
    level = _random_level(9, 9, 11, 1, False)
    types = bead_types(4, wide=True)
    stats = random_stats(level, types, seed=1, k=200)
    band = full_band(level.n, level.m)
    plain, _ = bead_costs(level, band, types, ScoreParams(ratio=2.3), stats)
    curve = (np.array([-3.0, 12.0]), np.array([-2.0, 4.0]))  # -0.8 at z = 0
    crossed, _ = bead_costs(level, band, types, ScoreParams(ratio=2.3, cross_curve=curve),
                            stats)
    many = np.array([a > 1 and b > 1 for a, b in types])
    assert np.array_equal(crossed[~many], plain[~many])
    finite = np.isfinite(plain[many])
    assert (crossed[many] != plain[many])[finite].mean() > 0.99
    # blocks of sentences (a coarse level): no cross term
    coarse = _random_level(9, 9, 11, 2, False)
    assert np.array_equal(
        bead_costs(coarse, band, types, ScoreParams(ratio=2.3, cross_curve=curve), stats)[0],
        bead_costs(coarse, band, types, ScoreParams(ratio=2.3), stats)[0])


def test_band_costs_do_not_depend_on_how_the_band_is_cut(monkeypatch) -> None:
    # every term is elementwise: evaluating 7 cells (a row or so) at a time gives the
    # very bits of evaluating the band at once, paragraph and cross terms included
    from align.aligner import cost

    level = _random_level(2, 11, 13, 1, True)
    types = bead_types(4, wide=True)
    params = ScoreParams(ratio=2.3, para_penalty=1.0, **SETTINGS["cross-curve"])  # type: ignore[arg-type]
    stats = random_stats(level, types, seed=1, k=200)
    band = full_band(level.n, level.m)
    whole = bead_costs(level, band, types, params, stats)
    monkeypatch.setattr(cost, "CHUNK_CELLS", 7)
    cut = bead_costs(level, band, types, params, stats)
    assert np.array_equal(whole[0], cut[0])
    assert np.array_equal(whole[1], cut[1], equal_nan=True)
