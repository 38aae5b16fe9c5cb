"""Tests of boundary refinement by coverage (align.aligner.refine); the omission
post-pass is tested in test_aligner_omissions.py."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.features import SideFeatures, Translations
from align.aligner.refine import Coverage, coverage, refine_boundaries
from align.aligner.search import bead_types
from align.text.lexicon import load_lexicon


def _coverage(rows: list[list[str]], cols: list[list[str]]) -> Coverage:
    def items(side: list[list[str]]) -> list[list[tuple[float, frozenset[str]]]]:
        return [[(1.0, frozenset((w,))) for w in s] for s in side]

    return Coverage(items(rows), items(cols), [set(s) for s in rows], [set(s) for s in cols])


@pytest.mark.parametrize(("weight", "cost_of_move", "expected"), [
    (1.0, 0.0, [(1, 1, (1, 1)), (2, 3, (1, 2))]),  # tgt 1 matches src 1: it moves
    (0.0, 0.0, [(1, 2, (1, 2)), (2, 3, (1, 1))]),  # no coverage weight: kept
    (1.0, 5.0, [(1, 2, (1, 2)), (2, 3, (1, 1))]),  # the model objects too much: kept
], ids=["moves", "no-weight", "model-objects"])
def test_refine_boundaries(weight: float, cost_of_move: float,
                           expected: list[tuple[int, int, object]]) -> None:
    types = bead_types(2)
    cov = _coverage([["lord", "serpent"], ["lord", "woman", "enmity"]],
                    [["lord", "serpent"], ["woman", "enmity"], ["lord", "woman"]])
    path = [(1, 2, types.index((1, 2))), (2, 3, types.index((1, 1)))]

    def cost(i0: int, i1: int, j0: int, j1: int) -> float:  # the DP's choice is cheapest
        return 0.0 if (i0, i1, j0, j1) in {(0, 1, 0, 2), (1, 2, 2, 3)} else cost_of_move / 2

    got = refine_boundaries(path, types, cov, lambda beads: np.array([cost(*b) for b in beads]),
                            weight)
    assert [(i, j, types[t]) for i, j, t in got] == expected


def test_coverage_uses_learned_senses_only() -> None:
    zh = SideFeatures("zh", [2, 2], [0, 0], [["公园"], ["公园"]], [[], []])
    en = SideFeatures("en", [4, 4], [0, 0], [["park"], ["garden"]], [[], []])
    translate = Translations(load_lexicon())
    cov = coverage(zh, en, translate)
    assert cov.mass(0, 1, 0, 1) > 0  # dictionary: 公园 ~ park
    translate.probs = {"公园": {"garden": 0.95, "park": 0.05}}
    cov = coverage(zh, en, translate)
    assert cov.mass(0, 1, 0, 1) == 0 and cov.mass(1, 2, 1, 2) > 0
