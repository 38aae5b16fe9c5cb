"""Tests of the batch prefetch of bead costs (align.aligner.prefetch): which beads the
last post-pass will ask for, and that the model then answers with the batch's costs."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.boundary import ManyCosts
from align.aligner.calibration import random_stats
from align.aligner.cost import BeadCost, ScoreParams
from align.aligner.edges import move_edges
from align.aligner.level import Level
from align.aligner.prefetch import edge_beads, prefetch
from align.aligner.search import bead_types


def _level() -> Level:
    rng = np.random.default_rng(5)
    n, m = 6, 7
    return Level(rng.normal(size=(n, 16)).astype(np.float32),
                 rng.normal(size=(m, 16)).astype(np.float32),
                 rng.integers(5, 60, n).astype(np.float64),
                 rng.integers(5, 160, m).astype(np.float64), None, None)


def test_edge_beads_are_the_path_and_every_one_sentence_move() -> None:
    types = bead_types(2)  # 0-1, 1-0, 1-1, 1-2, 2-1, 2-2
    # beads rows 0:1 x cols 0:2 (1-2), then rows 1:2 x cols 2:3 (1-1)
    got = {tuple(b) for b in edge_beads([(1, 2, 3), (2, 3, 2)], types).tolist()}
    assert got == {
        (0, 1, 0, 2), (1, 2, 2, 3),  # the path
        (0, 2, 0, 2), (2, 2, 2, 3),  # the second bead's row moves back: 2-2 and 0-1
        (0, 1, 0, 1), (1, 2, 1, 3),  # the last column moves forward: 1-1 and 1-2
    }
    # not there: the first bead's only row moving forward (a 0-2 bead: no type), its
    # column moving back (a 1-3 bead: no type with max_bead 2)


def test_prefetched_costs_are_the_models_and_move_edges_agrees() -> None:
    level = _level()
    types = bead_types(2)
    params = ScoreParams(ratio=2.3, variance=3.0)
    stats = random_stats(level, types, seed=1, k=200)
    path = [(1, 1, 2), (2, 3, 3), (3, 4, 2), (5, 5, 4), (6, 7, 3)]
    beads = edge_beads(path, types)
    plain, batched = BeadCost(level, params, stats), BeadCost(level, params, stats)
    prefetch(batched, ManyCosts(batched, path, types, 4), beads)
    assert len(batched._seen) == len(beads)  # the window reaches every bead here
    for b in beads.tolist():
        assert batched._seen[tuple(b)] == pytest.approx(plain(*b), rel=1e-9, abs=1e-9)

    def absent(side: str, s: int, lo: int, hi: int) -> float:
        return 0.0  # no lexical evidence: the model's costs alone decide

    assert move_edges(path, types, batched, absent) == move_edges(path, types, plain, absent)
