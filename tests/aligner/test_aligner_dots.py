"""The dot-product kernels of the bead costs (align.aligner.dots), compiled and plain,
on small hand-made vectors whose dot products are worked out below."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.dots import bead_vector_dots, lag_dots, window_dots

X = np.array([[1, 0, 2, 0],
              [0, 3, 0, 0],
              [0, 0, 0, 0],  # a sentence with no words
              [1, 1, 1, 1]], dtype=np.float32)
Y = np.array([[2, 1, 0, 0],
              [0, 0, 1, 5],
              [1, 1, 1, 1],
              [0.5, 0, 0, -1]], dtype=np.float32)


def _both(kernel, *args):
    """The compiled kernel's result, after checking the plain function gives the same."""
    got = kernel(*args)
    assert np.array_equal(got, kernel.py_func(*args))
    return got


def test_window_dots_of_each_row_with_its_columns() -> None:
    # row 0 = (1, 0, 2, 0): . y0 = 2, . y1 = 2, . y2 = 3, . y3 = 0.5
    # row 1 = (0, 3, 0, 0): . y1 = 0, . y2 = 3
    # row 3 = (1, 1, 1, 1): . y2 = 4, . y3 = -0.5, then y3 again (the last column is
    # repeated past the grid's edge)
    lo = np.array([0, 1, 0, 2])
    hi = np.array([4, 3, 2, 5])
    got = _both(window_dots, X, Y, lo, hi, 3)
    assert got.dtype == np.float64
    assert got.tolist() == [[2.0, 2.0, 3.0],
                            [0.0, 3.0, 0.0],  # only two columns: the third is 0
                            [0.0, 0.0, 0.0],
                            [4.0, -0.5, -0.5]]


def test_lag_dots_of_each_row_with_the_next_ones() -> None:
    # y0 . y0 = 5, y0 . y1 = 0, y0 . y2 = 3; y1 . y1 = 26, y1 . y2 = 6, y1 . y3 = -5;
    # y2 . y2 = 4, y2 . y3 = -0.5; y3 . y3 = 1.25
    got = lag_dots(Y, 3)
    assert got.tolist() == [[5.0, 0.0, 3.0], [26.0, 6.0, -5.0], [4.0, -0.5, 0.0],
                            [1.25, 0.0, 0.0]]


@pytest.mark.parametrize(("a", "b", "i", "j", "expected"), [
    # 1-1 ending at (1, 1): x0 . y0 = 2, |x0|^2 = 5, |y0|^2 = 5
    (1, 1, 1, 1, (2.0, 5.0, 5.0)),
    # 2-1 ending at (2, 3): x0 + x1 = (1, 3, 2, 0) . y2 = 6; 14; 4
    (2, 1, 2, 3, (6.0, 14.0, 4.0)),
    # 1-2 ending at (4, 4): x3 . (y2 + y3) = x3 . (1.5, 1, 1, 0) = 3.5; 4; 4.25
    (1, 2, 4, 4, (3.5, 4.0, 4.25)),
    # 3-2 ending at (3, 2): x0 + x1 + x2 = (1, 3, 2, 0) . (y0 + y1) = (2, 1, 1, 5): 7
    (3, 2, 3, 2, (7.0, 14.0, 31.0)),
], ids=["1-1", "2-1", "1-2", "3-2"])
def test_bead_vector_dots_sum_the_bead_sentences_first(a, b, i, j, expected) -> None:
    got = _both(bead_vector_dots, X, Y, np.array([i, i]), np.array([j, j]), a, b)
    assert got.tolist() == [[v, v] for v in expected]
