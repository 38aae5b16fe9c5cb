"""Tests of boundary refinement by coverage (align.aligner.refine); the omission
post-pass is tested in test_aligner_omissions.py."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.features import SideFeatures, Translations
from align.aligner.refine import Coverage, _offered, coverage, refine_boundaries
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


def test_found_marks_the_items_offered_by_the_span() -> None:
    cov = _coverage([["a", "b"], ["c"]], [["a"], ["b", "c"], ["x"]])
    # row 0 against column 0 ({a}), row 0 against columns 1:3 ({b, c, x}), row 1
    # against no column; row 0's items sit at flat positions 0, 1 and row 1's at 2
    query, pos, found = cov.found("row", [0, 0, 1], [0, 1, 0], [1, 3, 0])
    assert query.tolist() == [0, 0, 1, 1, 2]
    assert pos.tolist() == [0, 1, 0, 1, 2]
    assert found.tolist() == [True, False, False, True, False]
    # column 1 (b, c) against row 0 ({a, b}) and rows 0:2; column 2's "x" is offered
    # nowhere
    _, _, found = cov.found("col", [1, 1, 2], [0, 0, 0], [1, 2, 2])
    assert found.tolist() == [True, False, True, True, False]


def test_found_kernel_runs_as_plain_python_too() -> None:
    cov = _coverage([["a", "b"], ["c"]], [["a"], ["b", "c"], ["x"]])
    rows, cols = cov._sides()
    query = np.array([0, 0, 1, 1, 2])
    item = rows.items[np.array([0, 1, 0, 1, 2])]
    args = (item, query, rows.key_ptr, rows.keys, cols.offer_ptr, cols.offers,
            np.array([0, 1, 0]), np.array([1, 3, 0]), rows.n_keys)
    expected = [True, False, False, True, False]
    assert _offered.py_func(*args).tolist() == expected
    assert _offered(*args).tolist() == expected


def test_flat_items_store_a_shared_item_once_in_first_seen_order() -> None:
    king, lamp, city = (1.0, frozenset(("king",))), (2.0, frozenset(("lamp",))), (
        1.0, frozenset(("city",)))
    # "lamp" appears first in sentence 0 and again (the same object) in sentence 2;
    # "city" is an equal but distinct object in sentences 1 and 2
    rows = [[lamp], [king, city], [(1.0, frozenset(("city",))), lamp]]
    cov = Coverage(rows, [[king]], [set(), set(), set()], [{"king"}])
    objects, ids, ptr = cov.flat_items("row")
    assert [o is x for o, x in zip(objects, (lamp, king, city), strict=False)] == [True] * 3
    assert len(objects) == 4 and objects[3] is rows[2][0]
    assert ids.tolist() == [0, 1, 2, 3, 0]
    assert ptr.tolist() == [0, 1, 3, 5]
