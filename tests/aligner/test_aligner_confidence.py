"""Tests of the bead confidence (align.aligner.confidence): support, the per-document
temperature and the posterior at that temperature, against a brute-force sum over every
bead path of hand-made grids."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from align.aligner.confidence import bead_confidence, bead_support, random_support, temperature
from align.aligner.refine import Coverage
from align.aligner.search import Band, bead_types, full_band

TYPES = bead_types(2)  # 0-1, 1-0, 1-1, 1-2, 2-1, 2-2
FAR = 50.0  # cost of every bead not named in a test: exp(-50) is nothing


def _coverage(rows: list[list[str]], cols: list[list[str]]) -> Coverage:
    """Every word weighs 1 and is translated by itself."""
    def items(side: list[list[str]]) -> list[list[tuple[float, frozenset[str]]]]:
        return [[(1.0, frozenset((w,))) for w in s] for s in side]

    return Coverage(items(rows), items(cols), [set(s) for s in rows], [set(s) for s in cols])


def _costs(band: Band, named: dict[tuple[int, int, tuple[int, int]], float]) -> Any:
    """``FAR`` everywhere except the beads named (end row, end column, type)."""
    rows, cols = band.cells()
    costs = np.full((len(TYPES), band.size), FAR, dtype=np.float32)
    for t, (a, b) in enumerate(TYPES):
        costs[t, (rows < a) | (cols < b)] = np.inf
    for (i, j, shape), c in named.items():
        costs[TYPES.index(shape), band.index(np.array([i]), np.array([j]))] = c
    return costs


def _brute(band: Band, costs: Any, bead: tuple[int, int, int], temp: float) -> float:
    """Posterior of ``bead`` by summing exp(-cost / temp) over every path (an independent
    route to the forward-backward)."""
    def paths(i: int, j: int) -> list[list[tuple[int, int, int]]]:
        if (i, j) == (0, 0):
            return [[]]
        out = []
        for t, (a, b) in enumerate(TYPES):
            if i >= a and j >= b:
                out += [p + [(i, j, t)] for p in paths(i - a, j - b)]
        return out

    def weight(p: list[tuple[int, int, int]]) -> float:
        return math.exp(-sum(float(costs[t, band.index(np.array([i]), np.array([j]))[0]])
                             for i, j, t in p) / temp)

    every = paths(band.n, band.m)
    return sum(weight(p) for p in every if bead in p) / sum(weight(p) for p in every)


LITERAL = _coverage([["lord", "serpent"], ["woman", "enmity"]],
                    [["lord", "serpent"], ["woman", "enmity"]])
LOOSE = _coverage([["lord", "serpent"], ["woman", "enmity"]],
                  [["lord", "serpent"], ["seed", "heel"]])  # the second pair shares nothing
PATH = [(1, 1, TYPES.index((1, 1))), (2, 2, TYPES.index((1, 1)))]


def test_support_is_the_smaller_side_share() -> None:
    cov = _coverage([["a", "b"], ["c", "d"]], [["a", "x", "y"], ["c", "d"]])
    path = PATH + [(2, 3, TYPES.index((0, 1)))]
    # bead 1: row 0 has 1 of 2 words matched, column 0 1 of 3; bead 2: all; 0-1: none
    got = bead_support(cov, path, TYPES)
    assert got[:2].tolist() == pytest.approx([1 / 3, 1.0])
    assert np.isnan(got[2])


def test_support_of_beads_with_several_sentences_is_the_mean_share() -> None:
    # English row 1 has no words (share 0)
    cov = _coverage([["a", "b"], [], ["c", "d", "e"]], [["a", "x"], ["b", "c"], ["y", "d"]])
    path = [(2, 1, TYPES.index((2, 1))), (3, 3, TYPES.index((1, 2)))]
    # 2-1: rows (1/2 + 0) / 2, column 1/2; 1-2: row 2/3, columns (1/2 + 1/2) / 2
    assert bead_support(cov, path, TYPES).tolist() == [0.25, 0.5]


def test_temperature_counts_beads_no_better_than_chance() -> None:
    assert temperature([1.0, 1.0, 0.0, np.nan], [0.0] * 10) == pytest.approx(1.5)
    assert temperature([0.0, 0.0], [0.0] * 10) == pytest.approx(2.0)  # capped
    # the 99th percentile of 98 zeros and two 0.4s is 0.4: 0.3 is thin, 0.9 is not
    assert temperature([0.3, 0.9], [0.0] * 98 + [0.4, 0.4]) == pytest.approx(2.0)
    assert temperature([0.3, 0.9], [0.0] * 99 + [0.4]) == 1.0  # 99th percentile 0.004
    assert temperature([np.nan], [0.0]) == 1.0  # no paired bead
    assert temperature([1.0, 1.0], [0.0] * 10) == 1.0


def test_random_support_of_unrelated_pairs() -> None:
    # only off-diagonal pairs are drawn (2 x 2 grid): they share no word
    assert random_support(LITERAL, k=20).tolist() == [0.0] * 20


@pytest.mark.parametrize(("rival", "expected"), [
    (0.1, 1 / (1 + math.exp(-0.1))),  # a 2-2 bead nearly as good as the two 1-1 beads
    (8.0, 1 / (1 + math.exp(-8.0))),  # a clear choice
], ids=["near-equal", "clear"])
def test_a_near_equal_alternative_lowers_the_confidence(rival: float, expected: float
                                                        ) -> None:
    band = full_band(2, 2)
    costs = _costs(band, {(1, 1, (1, 1)): 0.0, (2, 2, (1, 1)): 0.0, (2, 2, (2, 2)): rival})
    conf, temp = bead_confidence(band, TYPES, costs, PATH, LITERAL)
    assert temp == 1.0
    assert conf.tolist() == pytest.approx([expected] * 2, abs=1e-9)
    assert conf[0] == pytest.approx(_brute(band, costs, PATH[0], 1.0), abs=1e-9)


def test_a_loose_document_gets_lower_confidences_than_a_literal_one() -> None:
    band = full_band(2, 2)
    costs = _costs(band, {(1, 1, (1, 1)): 0.0, (2, 2, (1, 1)): 0.0, (2, 2, (2, 2)): 2.0})
    literal, t_literal = bead_confidence(band, TYPES, costs, PATH, LITERAL)
    loose, t_loose = bead_confidence(band, TYPES, costs, PATH, LOOSE)
    # half the paired beads of LOOSE share no more words than its random pairs: T = 2
    assert (t_literal, t_loose) == (1.0, 2.0)
    assert literal.tolist() == pytest.approx([1 / (1 + math.exp(-2.0))] * 2, abs=1e-9)
    assert loose.tolist() == pytest.approx([1 / (1 + math.exp(-1.0))] * 2, abs=1e-9)
    assert loose[1] == pytest.approx(_brute(band, costs, PATH[1], 2.0), abs=1e-9)
