"""Tests of the post-passes: omissions (align.aligner.omissions) and boundary refinement by
coverage (align.aligner.refine)."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.cost import BeadCost, ScoreParams
from align.aligner.features import SideFeatures, Translations
from align.aligner.level import Level
from align.aligner.omissions import absorb_supported, split_omissions
from align.aligner.refine import Coverage, coverage, refine_boundaries
from align.aligner.search import bead_types
from align.text.lexicon import load_lexicon


def _omission_model(x_rows: list[list[float]], y_rows: list[list[float]], lx: list[float],
                    ly: list[float]) -> BeadCost:
    level = Level(np.asarray(x_rows, dtype=np.float32), np.asarray(y_rows, dtype=np.float32),
                  np.asarray(lx, dtype=np.float64), np.asarray(ly, dtype=np.float64))
    stats = {t: (0.0, 0.1) for t in bead_types(2)}
    return BeadCost(level, ScoreParams(ratio=1.0, variance=1.0), stats)


@pytest.mark.parametrize(("col_keys", "expected"), [
    ([{"a", "b"}, {"c", "d"}], [(1, 1, (1, 1)), (1, 2, (0, 1))]),  # no shared key: split
    ([{"a", "b"}, {"c", "a"}], [(1, 2, (1, 2))]),  # one shared key: kept
    ([{"a", "b"}, {"c"}], [(1, 2, (1, 2))]),  # too few keys to judge: kept
], ids=["unmatched-last", "shared-key", "too-few-keys"])
def test_split_omissions(col_keys: list[set[str]], expected: list[tuple[int, int, object]]
                         ) -> None:
    types = bead_types(2)
    model = _omission_model([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [10.0], [10.0, 3.0])
    path = [(1, 2, types.index((1, 2)))]
    got = split_omissions(path, types, model, [{"a", "b"}], col_keys)
    assert [(i, j, types[t]) for i, j, t in got] == expected


def test_split_omissions_first_row() -> None:
    types = bead_types(2)
    model = _omission_model([[0.0, 1.0], [1.0, 0.0]], [[1.0, 0.0]], [3.0, 10.0], [10.0])
    got = split_omissions([(2, 1, types.index((2, 1)))], types, model,
                          [{"x", "y"}, {"a", "b"}], [{"a", "b"}])
    assert [(i, j, types[t]) for i, j, t in got] == [(1, 0, (1, 0)), (2, 1, (1, 1))]


def test_split_omissions_needs_the_rest_to_be_similar() -> None:
    # the rest (row 0 with column 0) has orthogonal vectors: z = 0 < min_rest_z, kept
    types = bead_types(2)
    model = _omission_model([[1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]], [10.0], [10.0, 3.0])
    path = [(1, 2, types.index((1, 2)))]
    assert split_omissions(path, types, model, [{"a", "b"}], [{"a", "b"}, {"c", "d"}]) == path


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


def _cov(row_words: list[list[str]], col_trans: list[list[str]]) -> Coverage:
    """Coverage where every word weighs 1 and a column word matches its one key."""
    rows = [[(1.0, frozenset((w,))) for w in ws] for ws in row_words]
    cols = [[(1.0, frozenset((k,))) for k in ks] for ks in col_trans]
    return Coverage(rows, cols, [set(ws) for ws in row_words], [set(ks) for ks in col_trans])


@pytest.mark.parametrize(("lone", "expected"), [
    # the lone column's words are translated in the bead before: it joins it (1-2)
    (["king", "city"], [(1, 2, (1, 2)), (2, 3, (1, 1))]),
    # ... in the bead after: it joins that one (1-2)
    (["river", "boat"], [(1, 1, (1, 1)), (2, 3, (1, 2))]),
    # half its words in neither neighbour: a real omission, left alone
    (["king", "lamp", "door"], [(1, 1, (1, 1)), (1, 2, (0, 1)), (2, 3, (1, 1))]),
    # no words to judge: left alone
    ([], [(1, 1, (1, 1)), (1, 2, (0, 1)), (2, 3, (1, 1))]),
], ids=["support-before", "support-after", "no-support", "no-words"])
def test_absorb_supported(lone: list[str], expected: list[tuple[int, int, object]]) -> None:
    types = bead_types(2)
    cov = _cov([["king", "city", "wall"], ["river", "boat", "fish"]],
               [["king", "wall"], lone, ["fish", "river"]])
    path = [(1, 1, types.index((1, 1))), (1, 2, types.index((0, 1))),
            (2, 3, types.index((1, 1)))]
    got = absorb_supported(path, types, cov)
    assert [(i, j, types[t]) for i, j, t in got] == expected


def test_absorb_supported_row_and_shape() -> None:
    # a lone row (1-0) with full support before joins it; a join that would need a
    # shape the types lack (3-1 with max_bead 2) is not made
    types = bead_types(2)
    cov = _cov([["king"], ["king", "city"], ["city"], ["boat"]], [["king", "city"], ["boat"]])
    path = [(1, 1, types.index((1, 1))), (2, 1, types.index((1, 0))),
            (3, 1, types.index((1, 0))), (4, 2, types.index((1, 1)))]
    got = absorb_supported(path, types, cov)
    assert [(i, j, types[t]) for i, j, t in got] == [(2, 1, (2, 1)), (3, 1, (1, 0)),
                                                     (4, 2, (1, 1))]
