"""Tests of the omission pass's evidence in batch (align.aligner.evidence): the ratios
of many queries at once are the very floats of the one-sentence ratio, and the ratios
an edge-sentence pass asks are remembered in one batch."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.evidence import Evidence, _moves_asked
from align.aligner.refine import Coverage
from align.aligner.search import bead_types, path_bounds

TYPES = bead_types(2)


def _item(word: str) -> tuple[float, frozenset[str]]:
    return (1.0, frozenset((word,)))


def _evidence(rows: list[list[str]], cols: list[list[str]]) -> Evidence:
    """Rows and columns given as the words they match; "king" is matched in 80 % of
    its own beads and 20 % of the others, "lamp" 60 % and 30 %, any other word as
    often as the mean (no evidence)."""
    cov = Coverage([[_item(w) for w in ws] for ws in rows],
                   [[_item(w) for w in ws] for ws in cols],
                   [set(ws) for ws in rows], [set(ws) for ws in cols])
    return Evidence(cov, {_item("king"): (0.8, 0.2), _item("lamp"): (0.6, 0.3)},
                    (0.5, 0.5), [], [], 0.0)


def test_ratios_are_the_floats_of_absent() -> None:
    ev = _evidence([["king", "city"], ["lamp"]], [["king", "lamp"], ["city"]])
    cols = ev.ratios("col", [0, 0, 1], [0, 0, 1], [1, 2, 2])
    # column 0 against row 0: "king" matched (log 0.2/0.8), "lamp" not (log 0.7/0.4);
    # against rows 0:2 "lamp" is matched too (log 0.3/0.6); "city": no evidence
    assert cols.tolist() == pytest.approx([math.log(0.25) + math.log(1.75),
                                           math.log(0.25) + math.log(0.5), 0.0])
    rows = ev.ratios("row", [0, 1], [0, 0], [0, 1])
    # row 0 against no column: "king" unmatched (log 0.8/0.2); row 1's "lamp" matched
    assert rows.tolist() == pytest.approx([math.log(4.0), math.log(0.5)])
    assert cols.tolist() == [ev.absent("col", 0, 0, 1), ev.absent("col", 0, 0, 2),
                             ev.absent("col", 1, 1, 2)]
    assert rows.tolist() == [ev.absent("row", 0, 0, 0), ev.absent("row", 1, 0, 1)]


def test_ratios_count_a_word_once_per_sentence() -> None:
    # two item objects of the same value in one column: one word, weighed once
    cov = Coverage([[_item("king")]], [[_item("king"), _item("king"), _item("lamp")]],
                   [{"king"}], [{"king", "lamp"}])
    ev = Evidence(cov, {_item("king"): (0.8, 0.2), _item("lamp"): (0.6, 0.3)},
                  (0.5, 0.5), [], [], 0.0)
    expected = math.log(0.25) + math.log(1.75)
    assert ev.ratios("col", [0], [0], [1]).tolist() == pytest.approx([expected])
    assert ev.absent("col", 0, 0, 1) == pytest.approx(expected)


def test_moves_asked_lists_what_moving_an_edge_sentence_asks() -> None:
    # a 1-2 bead (row 0, columns 0:2) and a 1-1 bead (row 1, column 2): column 1 may
    # move to the second bead, or either column of the first split off
    beads = path_bounds([(1, 2, TYPES.index((1, 2))), (2, 3, TYPES.index((1, 1)))], TYPES)
    arrays = np.asarray(beads)
    rows = set(zip(*(a.tolist() for a in _moves_asked(arrays, 0)), strict=True))
    # each row against its bead's columns; row 0 without column 1 or without column 0;
    # row 1 with column 1 arriving
    assert rows == {(0, 0, 2), (1, 2, 3), (0, 0, 1), (0, 1, 2), (1, 1, 3)}
    cols = set(zip(*(a.tolist() for a in _moves_asked(arrays, 2)), strict=True))
    # each column against its bead's row; column 1 against the next bead's row
    assert cols == {(0, 0, 1), (1, 0, 1), (2, 1, 2), (1, 1, 2)}


def test_remember_gives_what_absent_computes() -> None:
    ev = _evidence([["king", "city"], ["lamp"]], [["king"], ["lamp", "city"], ["lamp"]])
    path = [(1, 2, TYPES.index((1, 2))), (2, 3, TYPES.index((1, 1)))]
    ev.remember(path, TYPES)
    fresh = _evidence([["king", "city"], ["lamp"]], [["king"], ["lamp", "city"], ["lamp"]])
    asked = [("row", 0, 0, 2), ("row", 1, 1, 3), ("col", 1, 1, 2), ("col", 2, 1, 2)]
    assert [ev._memo[q] for q in asked] == [fresh.absent(*q) for q in asked]
    assert len(ev._memo) == 9
