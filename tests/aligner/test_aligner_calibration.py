"""The calibration helpers shared with the neural term: the bead vectors' dot
products and the random bead end points."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.calibration import bead_dots, random_pairs
from align.aligner.level import Level


def test_bead_dots_sum_the_sentences_of_the_bead() -> None:
    x = np.array([[1, 0], [0, 1], [1, 1]], dtype=np.float32)
    y = np.array([[2, 0], [0, 3]], dtype=np.float32)
    level = Level(x=x, y=y, lx=np.ones(3), ly=np.ones(2))
    # bead 2-1 ending at (2, 1): rows 0+1 = (1, 1), column 0 = (2, 0)
    num, den = bead_dots(level, np.array([2]), np.array([1]), 2, 1)
    assert num.tolist() == [2.0]
    assert den.tolist() == [np.sqrt(2.0) * 2.0]
    # bead 1-2 ending at (3, 2): row 2 = (1, 1), columns 0+1 = (2, 3)
    num, den = bead_dots(level, np.array([3]), np.array([2]), 1, 2)
    assert num.tolist() == [5.0]
    assert den.tolist() == [pytest.approx(np.sqrt(26.0), rel=1e-12)]


def test_random_pairs_stay_in_the_grid_and_off_the_diagonal() -> None:
    i, j, distinct = random_pairs(np.random.default_rng(0), 40, 50, 2, 3, 100)
    assert len(i) == len(j) == 100
    assert i.min() >= 2 and i.max() <= 40 and j.min() >= 3 and j.max() <= 50
    assert (np.abs(i / 40 - j / 50) > 0.1).all()
    assert 0 < distinct <= 39 * 48
