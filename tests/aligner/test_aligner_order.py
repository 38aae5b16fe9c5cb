"""Tests of the word-order evidence (align.aligner.order) on hand-made sentences: each
Chinese character stands for one English word (a learned translation with t = 1), so
every word's place is known and the distances are worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_aligner_edges import TYPES, _evidence, _model, _path

from align.aligner.edges import move_edges
from align.aligner.features import SideFeatures, Translations
from align.aligner.order import EDGES, SMOOTHING, Order, _binned, learn_order, sides
from align.text.lexicon import load_lexicon

ZH = {"x": "甲", "a": "乙", "b": "丙", "c": "丁", "d": "戊", "e": "己",
      "king": "王", "city": "城", "boat": "船"}
L9 = math.log(9.0)


def _features(rows: list[list[str]], cols: list[list[str]], en_len: list[int],
              zh_len: list[int]) -> tuple[SideFeatures, SideFeatures, Translations]:
    """(zh, en, translate): English rows as lemma keys, Chinese columns written with the
    characters of :data:`ZH`, each translated by its English word only."""
    en = SideFeatures("en", en_len, [0] * len(rows), rows, [[] for _ in rows])
    zh = SideFeatures("zh", zh_len, [0] * len(cols), [[ZH[w] for w in ws] for ws in cols],
                      [[] for _ in cols])
    return zh, en, Translations(load_lexicon(), probs={c: {w: 1.0} for w, c in ZH.items()})


def _bins(counts: dict[int, float]) -> list[float]:
    out = [0.0] * (len(EDGES) - 1)
    for b, n in counts.items():
        out[b] = n
    return out


# rows "x a b c" and "x d e"; columns "a", "x", "d", 10 characters each. With column 1
# at the end of bead 0, its "x" sits in the second half of the Chinese while row 0's
# "x" is its first word (at 1/8): 3/8 apart both ways round, bin [0.3, 0.4) (7); at
# the start of bead 1, next to row 1's first word, every matched word is in place
ROWS = [["x", "a", "b", "c"], ["x", "d", "e"]]
COLS = [["a"], ["x"], ["d"]]
BEADS = [(0, 1, 0, 2), (1, 2, 2, 3), (0, 1, 0, 1), (1, 2, 1, 3), (0, 1, 0, 0)]
COUNTS = [{0: 2, 7: 2}, {0: 2}, {0: 2}, {0: 4}, {}]


def test_binned_distances_by_hand() -> None:
    zh, en, translate = _features(ROWS, COLS, [40, 30], [10, 10, 10])
    table = sides(zh, en, translate)
    beads = np.asarray(BEADS, dtype=np.int64)
    got = _binned(beads, beads, EDGES, *table.arrays())
    assert got.tolist() == [_bins(c) for c in COUNTS]
    assert _binned.py_func(beads, beads, EDGES, *table.arrays()).tolist() == got.tolist()
    # against the beads two away: row 0 with column 2 ("d", nothing matched), row 1
    # with column 0 ("a", nothing matched)
    other = np.asarray([(1, 2, 2, 3), (0, 1, 0, 1)], dtype=np.int64)
    assert _binned(beads[[2, 1]], other, EDGES, *table.arrays()).sum() == 0.0


def test_scores_weigh_the_bins() -> None:
    zh, en, translate = _features(ROWS, COLS, [40, 30], [10, 10, 10])
    weights = np.arange(1.0, len(EDGES))
    order = Order(sides(zh, en, translate), weights)
    # bin b weighs b + 1: bead 0 = 2 * 1 + 2 * 8
    assert order.scores(np.asarray(BEADS)).tolist() == [18.0, 2.0, 2.0, 4.0, 0.0]


def test_learned_weights_are_smoothed_log_ratios() -> None:
    # a path of the two beads with column 1 at the start of bead 1: every matched word
    # in place (bin 0: 2 + 4); against the beads two away there are none, so both
    # rates are the pool's except bin 0's
    zh, en, translate = _features(ROWS, COLS, [40, 30], [10, 10, 10])
    order = learn_order(sides(zh, en, translate), _path((1, 1, (1, 1)), (2, 3, (1, 2))),
                        TYPES)
    nb = len(EDGES) - 1
    pool = np.full(nb, 1.0 / (6 + nb))
    pool[0] = 7.0 / (6 + nb)
    own = SMOOTHING * pool / (6 + SMOOTHING)
    own[0] += 6 / (6 + SMOOTHING)
    assert order.weights == pytest.approx(np.log(pool / own))


def test_word_order_tips_an_edge_with_shared_words() -> None:
    # column 1 ("city") is matched in both rows and the vectors put it with row 0: the
    # evidence of both sides is balanced and the model keeps it in bead 0; but row 0's
    # "city" is its first word and column 1 ends bead 0, while row 1 starts with "city":
    # by word order (distances of 0.1 or more weigh log 9) it belongs to bead 1
    rows, cols = [["city", "king"], ["city", "boat"]], [["king"], ["city"], ["boat"]]
    ev = _evidence(rows, cols)
    path = _path((1, 2, (1, 2)), (2, 3, (1, 1)))
    model = _model([10.0, 3.0, 10.0], (0.7, 0.0, 0.7))
    assert move_edges(path, TYPES, model, ev.absent) == path
    zh, en, translate = _features(rows, cols, [10, 10], [10, 3, 10])
    weights = np.where(EDGES[:-1] >= 0.1, L9, 0.0)
    order = Order(sides(zh, en, translate), weights)
    assert order.scores(np.asarray([(0, 1, 0, 2), (1, 2, 1, 3)])).tolist() == [2 * L9, 0.0]
    moved = move_edges(path, TYPES, model, ev.absent, order=order.scores)
    assert [(i, j, TYPES[t]) for i, j, t in moved] == [(1, 1, (1, 1)), (2, 3, (1, 2))]


def test_a_name_bigram_sits_between_its_characters() -> None:
    # rows "lot" (10 characters) and "king" (20); one column 王罗得 whose bigram ~罗得
    # translates "lot": between 罗 and 得, at 2/3 of the column, while "lot" is in the
    # first third of the rows: 1/3 apart both ways round (bin 7); 王 ("king", at 1/6)
    # against the second row's share from 1/3: 1/6 apart (bin 5)
    en = SideFeatures("en", [10, 20], [0, 0], [["lot"], ["king"]], [[], []])
    zh = SideFeatures("zh", [3], [0], [["王", "罗", "得", "~罗得"]], [[]])
    translate = Translations(load_lexicon(), probs={
        "王": {"king": 1.0}, "~罗得": {"lot": 1.0}, "罗": {"net": 1.0}, "得": {"get": 1.0}})
    table = sides(zh, en, translate)
    got = _binned(np.asarray([(0, 2, 0, 1)]), np.asarray([(0, 2, 0, 1)]), EDGES, *table.arrays())
    assert got.tolist() == [_bins({5: 2, 7: 2})]
