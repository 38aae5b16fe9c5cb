"""The compiled bead-cost formula (align.aligner.formula): each term on hand-worked
beads, and the same bits as the whole-array numpy formula it replaced."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.formula import CONSTANTS, bead_terms

BASE = {"a": 1.0, "b": 1.0, "cxy": 0.25, "prior": 0.25, "mu": 0.125, "sd": 0.25,
        "z_lo": -3.0, "z_hi": 12.0, "dot_sd": 2.0, "dot_lo": -3.0, "dot_hi": 40.0,
        "dot_weight": 0.5, "ratio": 2.0, "variance": 2.0, "len_nu": 0.0, "lex_weight": 1.0}
NO_CURVE = np.zeros(0)


def _run(dot: float, den: float, curve: tuple = (NO_CURVE, NO_CURVE), **change: float
         ) -> tuple[float, float]:
    consts = np.array([{**BASE, **change}[name] for name in CONSTANTS])
    fields = [np.array([v]) for v in (dot, den, 1.0, 0.5, 10.0, 30.0)]  # sx sy lx ly
    got = bead_terms(*fields, consts, *curve)
    assert np.array_equal(got, bead_terms.py_func(*fields, consts, *curve))
    return float(got[0, 0]), float(got[1, 0])


def test_every_term_of_a_hand_worked_bead() -> None:
    # z = (0.5 - 0.125) / 0.25 = 1.5; centred dot = 0.5 - 1 - 0.5 + 0.25 = -0.75, in
    # units of 2: -0.375; length: ly / 2 = 15 against 10: 25 / (2 * 12.5) = 1, half of
    # it 0.5; cost = 0.25 + (0.5 - 1.5 - 0.5 * -0.375) = -0.5625
    assert _run(0.5, 1.0) == (-0.5625, 1.5)


def test_no_words_is_no_lexical_evidence_and_clips_hold() -> None:
    assert _run(0.5, 0.0) == (0.25 + (0.5 - 0.0 + 0.1875), 0.0)
    cost, z = _run(10.0, 1.0)  # (10 - 0.125) / 0.25 = 39.5: clipped at 12
    assert z == 12.0
    # centred dot (10 - 1.25) / 2 = 4.375 (under the clip 40)
    assert cost == 0.25 + (0.5 - 12.0 - 0.5 * 4.375)
    assert _run(-10.0, 1.0)[1] == -3.0


def test_student_t_length() -> None:
    cost, _ = _run(0.5, 1.0, len_nu=3.0)
    assert cost == pytest.approx(0.25 + (2.0 * math.log1p(1.0 / 3.0) - 1.5 + 0.1875))


@pytest.mark.parametrize(("dot", "expected"), [
    (0.5, 3.5),  # z = 1.5: halfway between 3 (z = 1) and 4 (z = 2)
    (0.375, 3.0),  # z = 1: on a knot
    (1.0, 4.0),  # z = 3.5: past the last knot
    (-0.5, 0.0),  # z = -2.5: before the first
], ids=["between", "on-knot", "right", "left"])
def test_learned_curve_interpolates(dot: float, expected: float) -> None:
    curve = (np.array([-1.0, 0.0, 1.0, 2.0]), np.array([0.0, 1.0, 3.0, 4.0]))
    cost, z = _run(dot, 1.0, curve)
    plain, _ = _run(dot, 1.0, lex_weight=0.0)
    assert plain - cost == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("setting", ["linear", "curve", "student-t"])
def test_same_bits_as_the_whole_array_numpy_formula(setting: str) -> None:
    rng = np.random.default_rng(5)
    k = 5000
    dot = (rng.normal(size=k) * 3).astype(np.float32)  # float32, as from the band sums
    den = rng.uniform(0.0, 8.0, k)
    den[::7] = 0.0
    sx, sy = rng.normal(size=k), rng.normal(size=k)
    lx = rng.integers(0, 300, k).astype(np.float64)
    ly = rng.integers(0, 900, k).astype(np.float64)
    a, b, cxy, prior, mu, sd = 2, 3, 0.37, 3.1, 0.05, 0.07
    ratio, variance, nu = 2.9, 3.3, (3.0 if setting == "student-t" else 0.0)
    knots = np.arange(-2.75, 12.0, 0.5) if setting == "curve" else NO_CURVE
    values = np.maximum.accumulate(rng.normal(size=len(knots)).cumsum())
    # the formula as numpy evaluated it before the kernel, operation by operation
    ok = den > 0
    z = np.where(ok, np.clip((dot / np.where(ok, den, 1.0) - mu) / sd, -3.0, 24.0), 0.0)
    dz = np.clip((dot - b * sx - a * sy + a * b * cxy) / 0.8, -3.0, 80.0)
    y = ly / ratio
    delta2 = (y - lx) ** 2 / (variance * np.maximum((lx + y) / 2, 1.0))
    length = ((nu + 1) / 2 * np.log1p(delta2 / nu) if nu else np.minimum(delta2 / 2, 30.0))
    lexical = np.interp(z, knots, values) if len(knots) else 1.0 * z
    expected = prior + (length - lexical - 0.3 * dz)
    consts = np.array([a, b, cxy, prior, mu, sd, -3.0, 24.0, 0.8, -3.0, 80.0, 0.3, ratio,
                       variance, nu, 1.0])
    got = bead_terms(dot, den, sx, sy, lx, ly, consts, knots, values)
    assert np.array_equal(got[0], expected)
    assert np.array_equal(got[1], z)
