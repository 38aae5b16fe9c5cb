"""Tests of the edge moves by the evidence of both sides (align.aligner.edges) on
hand-made sentences: words as matching keys, every word matched in 90 % of its own
beads and 10 % of the others (a match adds log 1/9, a miss log 9 to a ratio)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.cost import BeadCost, ScoreParams
from align.aligner.edges import move_edges, other_side
from align.aligner.evidence import Evidence
from align.aligner.level import Level
from align.aligner.refine import Coverage
from align.aligner.search import bead_types

TYPES = bead_types(2)
L9 = math.log(9.0)


def _evidence(rows: list[list[str]], cols: list[list[str]]) -> Evidence:
    """Evidence of English rows and Chinese columns given as the words they match."""
    cov = Coverage([[(1.0, frozenset((w,))) for w in ws] for ws in rows],
                   [[(1.0, frozenset((w,))) for w in ws] for ws in cols],
                   [set(ws) for ws in rows], [set(ws) for ws in cols])
    words = {w for ws in rows + cols for w in ws}
    return Evidence(cov, {(1.0, frozenset((w,))): (0.9, 0.1) for w in words}, (0.5, 0.5),
                    [], [], 0.1)


def _model(ly: list[float], col1: tuple[float, float, float] = (0.0, 0.0, 1.0)
           ) -> BeadCost:
    """Two rows of length 10; in vector space column 0 is the first row's, column 2
    the second's and column 1 is ``col1``."""
    level = Level(np.asarray([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32),
                  np.asarray([[1.0, 0.0, 0.0], col1, [0.0, 0.0, 1.0]], dtype=np.float32),
                  np.asarray([10.0, 10.0]), np.asarray(ly))
    return BeadCost(level, ScoreParams(ratio=1.0, variance=1.0), {t: (0.0, 0.1) for t in TYPES})


def _path(*beads: tuple[int, int, tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(i, j, TYPES.index(t)) for i, j, t in beads]


def test_other_side_counts_what_leaves_and_what_is_new() -> None:
    ev = _evidence([["near", "come", "smell"]], [["near", "come"], ["smell"]])
    # row 0 loses "near" and "come" (matched, log 1/9 each -> missed, log 9 each) when
    # column 0 leaves its bead: 4 log 9 less likely translated there
    assert other_side(ev.absent, "col", [0, 1, 0, 2], [0, 1, 1, 2]) == pytest.approx(-4 * L9)
    # column 0 arriving where column 1 already is: row 0 gains "near" and "come"
    assert other_side(ev.absent, "col", [0, 1, 1, 2], [0, 1, 0, 2]) == pytest.approx(4 * L9)


@pytest.mark.parametrize(("rows", "cols", "col1", "expected"), [
    # column 1 ("river", "fish") was put with row 0 (king, city); row 1 translates it:
    # it moves to the bead after
    ([["king", "city"], ["river", "fish", "boat"]],
     [["king", "city"], ["river", "fish"], ["boat"]], (0.0, 0.0, 1.0),
     [(1, 1, (1, 1)), (2, 3, (1, 2))]),
    # its words are in both rows and each row's own column already translates them:
    # no evidence either way, and the model (column 1 is row 0's in vector space)
    # keeps it
    ([["king", "city"], ["king", "city", "boat"]],
     [["king", "city"], ["king", "city"], ["king", "city", "boat"]], (1.0, 0.0, 0.0),
     [(1, 2, (1, 2)), (2, 3, (1, 1))]),
], ids=["translated-next-door", "shared-words"])
def test_move_edges(rows: list[list[str]], cols: list[list[str]],
                    col1: tuple[float, float, float],
                    expected: list[tuple[int, int, tuple[int, int]]]) -> None:
    ev = _evidence(rows, cols)
    path = _path((1, 2, (1, 2)), (2, 3, (1, 1)))
    moved = move_edges(path, TYPES, _model([10.0, 3.0, 10.0], col1), ev.absent)
    assert [(i, j, TYPES[t]) for i, j, t in moved] == expected


@pytest.mark.parametrize(("first_row", "expected"), [
    # column 1's words in row 0 are already translated by column 0, and it takes the
    # only support row 1 has for "near" and "come" with it: both sides together say it
    # stays (its own ratios alone, 2.2 in its bead against -2.2 before, say move)
    (["near", "come", "kiss", "son"], [(1, 1, (1, 1)), (2, 3, (1, 2))]),
    # row 0 also has words ("go", "run") that only column 1 translates: it moves
    (["near", "come", "kiss", "son", "go", "run"], [(1, 2, (1, 2)), (2, 3, (1, 1))]),
], ids=["redundant-there", "explains-there"])
def test_move_edges_weighs_both_sides(first_row: list[str],
                                      expected: list[tuple[int, int, tuple[int, int]]]
                                      ) -> None:
    ev = _evidence([first_row, ["near", "come", "smell", "bless"]],
                   [["near", "come", "kiss", "son"], ["near", "come", "kiss", "go", "run"],
                    ["smell", "bless"]])
    path = _path((1, 1, (1, 1)), (2, 3, (1, 2)))
    moved = move_edges(path, TYPES, _model([10.0, 3.0, 10.0]), ev.absent)
    assert [(i, j, TYPES[t]) for i, j, t in moved] == expected


def test_cues_tip_a_balanced_edge() -> None:
    # column 1 is matched equally in both rows ("city"); a boundary after column 1 is
    # much likelier than after column 0 by the document's cues: it joins bead 0
    ev = _evidence([["king", "city"], ["city", "boat"]], [["king"], ["city"], ["boat"]])
    path = _path((1, 1, (1, 1)), (2, 3, (1, 2)))
    model = _model([10.0, 3.0, 10.0])
    assert move_edges(path, TYPES, model, ev.absent) == path
    cues = (np.zeros(2), np.asarray([-5.0, 5.0, 0.0]))
    moved = move_edges(path, TYPES, model, ev.absent, cues)
    assert [(i, j, TYPES[t]) for i, j, t in moved] == [(1, 2, (1, 2)), (2, 3, (1, 1))]
