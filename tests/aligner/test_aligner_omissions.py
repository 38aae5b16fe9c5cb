"""Tests of the omission rules (align.aligner.omissions): the document's own evidence of
support, the split of an unsupported edge sentence, the join of a doubtful lone sentence,
and hand-made sentence pairs end to end."""

from __future__ import annotations

import math

import numpy as np
import pytest
from aligner_samples import EN, ZH, check_invariants, segs

from align.aligner.cost import BeadCost, ScoreParams
from align.aligner.evidence import Evidence, learn_evidence
from align.aligner.level import Level
from align.aligner.omissions import join_unlikely, split_omissions
from align.aligner.pipeline import align_segments
from align.aligner.refine import Coverage
from align.aligner.search import bead_types

TYPES = bead_types(2)


def _cov(row_words: list[list[str]], col_trans: list[list[str]]) -> Coverage:
    """Coverage where every word weighs 1 and a column word matches its one key."""
    rows = [[(1.0, frozenset((w,))) for w in ws] for ws in row_words]
    cols = [[(1.0, frozenset((k,))) for k in ks] for ks in col_trans]
    return Coverage(rows, cols, [set(ws) for ws in row_words], [set(ks) for ks in col_trans])


def _item(word: str) -> tuple[float, frozenset[str]]:
    return (1.0, frozenset((word,)))


def _evidence(cov: Coverage, words: list[str], own: list[float], near: list[float],
              rate: float) -> Evidence:
    """Evidence where every word of ``words`` is matched in 90 % of its own beads and
    10 % of the others; other words carry no evidence (p = q)."""
    return Evidence(cov, {_item(w): (0.9, 0.1) for w in words}, (0.5, 0.5), own, near, rate)


def _path(*beads: tuple[int, int, tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(i, j, TYPES.index(t)) for i, j, t in beads]


def _shapes(path: list[tuple[int, int, int]]) -> list[tuple[int, int, tuple[int, int]]]:
    return [(i, j, TYPES[t]) for i, j, t in path]


def test_absent_weighs_matched_and_unmatched_words() -> None:
    cov = _cov([["king", "city"]], [["king", "lamp"]])
    ev = Evidence(cov, {_item("king"): (0.8, 0.2), _item("lamp"): (0.6, 0.3)}, (0.5, 0.5),
                  [], [], 0.0)
    # column 0: "king" matched (log 0.2/0.8), "lamp" not (log 0.7/0.4)
    assert ev.absent("col", 0, 0, 1) == pytest.approx(math.log(0.25) + math.log(1.75))
    # row 0: "king" matched; "city" has p = q (the mean): no evidence
    assert ev.absent("row", 0, 0, 1) == pytest.approx(math.log(0.25))
    # against no sentence "king" is unmatched: log (1 - 0.2) / (1 - 0.8)
    assert ev.absent("row", 0, 0, 0) == pytest.approx(math.log(4.0))


@pytest.mark.parametrize(("llr", "rate", "expected"), [
    # tails: own 1/4 (the sentence itself), near (3 + 1)/(4 + 1) = 0.8
    (0.5, 0.2, False),  # 0.2 * 0.8 = 0.16 < 0.8 * 0.25
    (0.5, 0.3, True),  # 0.3 * 0.8 = 0.24 > 0.7 * 0.25
    (-0.5, 0.9, False),  # support: never an omission
])
def test_omitted_weighs_the_document_rates(llr: float, rate: float, expected: bool) -> None:
    ev = Evidence(_cov([], []), {}, (0.5, 0.5), [-3.0, -2.0, -1.0, 0.5], [0.2, 1.0, 2.0, 3.0],
                  rate)
    assert ev.omitted(llr) is expected


def test_learn_evidence_counts_own_and_near_beads() -> None:
    # five 1-1 beads; "a" and "b" translated in their beads, "c" (row 2) and "x"
    # (column 2) not; no word is matched two beads away
    cov = _cov([["a"], ["b"], ["c"], ["a"], ["b"]], [["a"], ["b"], ["x"], ["a"], ["b"]])
    ev = learn_evidence(cov, _path(*((k, k, (1, 1)) for k in range(1, 6))), TYPES)
    mean_p, mean_q = (8 + 1) / (10 + 2), (0 + 1) / (12 + 2)
    assert ev.mean == pytest.approx((mean_p, mean_q))
    assert ev.rates[_item("a")] == pytest.approx(((4 + mean_p) / 5, mean_q / 5))
    assert ev.rates[_item("c")] == pytest.approx((mean_p / 2, mean_q / 3))
    assert (len(ev.own), len(ev.near)) == (10, 12)
    assert ev.rate == pytest.approx(1 / 12)  # no lone sentence: add-one only


def _model(x_rows: list[list[float]], y_rows: list[list[float]], lx: list[float],
           ly: list[float]) -> BeadCost:
    level = Level(np.asarray(x_rows, dtype=np.float32), np.asarray(y_rows, dtype=np.float32),
                  np.asarray(lx, dtype=np.float64), np.asarray(ly, dtype=np.float64))
    return BeadCost(level, ScoreParams(ratio=1.0, variance=1.0), {t: (0.0, 0.1) for t in TYPES})


# own ratios of the document: the candidate's 2 log 9 = 4.39 is the highest
OWN, NEAR = [-3.0, -2.0, -1.0, 2 * math.log(9)], [4.0, 5.0]


@pytest.mark.parametrize(("last_col", "rate", "expected"), [
    # no word of the last column is translated in the row, the document omits often
    # enough: split off
    (["c", "d"], 0.5, [(1, 1, (1, 1)), (1, 2, (0, 1))]),
    # "a" and "b" are translated in the row: support, kept
    (["c", "a", "b"], 0.5, [(1, 2, (1, 2))]),
    # a document with almost no omissions: a ratio this high is as likely in an own bead
    (["c", "d"], 0.01, [(1, 2, (1, 2))]),
], ids=["unsupported", "support", "rare-omissions"])
def test_split_omissions(last_col: list[str], rate: float,
                         expected: list[tuple[int, int, tuple[int, int]]]) -> None:
    cov = _cov([["a", "b"]], [["a", "b"], last_col])
    ev = _evidence(cov, ["a", "b", "c", "d"], OWN, NEAR, rate)
    model = _model([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [10.0], [10.0, 3.0])
    assert _shapes(split_omissions(_path((1, 2, (1, 2))), TYPES, model, ev)) == expected


@pytest.mark.parametrize(("row", "expected"), [
    # the last column's words ("c", "d", "e") miss in the row: split off
    (["a", "b"], [(1, 1, (1, 1)), (1, 2, (0, 1))]),
    # its own ratio still says so (one word of three matched: 2.2), but it is the only
    # translation of the row's "c", which its leaving would take with it (-4.4): kept
    (["a", "b", "c"], [(1, 2, (1, 2))]),
], ids=["unsupported", "supports-the-other-side"])
def test_split_weighs_the_other_side(row: list[str],
                                     expected: list[tuple[int, int, tuple[int, int]]]) -> None:
    cov = _cov([row], [["a", "b"], ["c", "d", "e"]])
    ev = _evidence(cov, ["a", "b", "c", "d", "e"], OWN, NEAR, 0.5)
    model = _model([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [10.0], [10.0, 3.0])
    assert _shapes(split_omissions(_path((1, 2, (1, 2))), TYPES, model, ev)) == expected


@pytest.mark.parametrize(("next_row", "expected"), [
    (["e"], [(1, 1, (1, 1)), (1, 2, (0, 1)), (2, 3, (1, 1))]),  # no support next door
    # the next bead translates it: it moves there
    (["e", "c", "d"], [(1, 1, (1, 1)), (2, 3, (1, 2))]),
], ids=["alone", "support-next-door"])
def test_split_joins_the_next_bead_that_supports_it(
        next_row: list[str], expected: list[tuple[int, int, tuple[int, int]]]) -> None:
    cov = _cov([["a", "b"], next_row], [["a", "b"], ["c", "d"], ["e"]])
    ev = _evidence(cov, ["a", "c", "d"], OWN, NEAR, 0.5)
    model = _model([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]],
                   [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                   [10.0, 10.0], [10.0, 3.0, 10.0])
    path = _path((1, 2, (1, 2)), (2, 3, (1, 1)))
    assert _shapes(split_omissions(path, TYPES, model, ev)) == expected


@pytest.mark.parametrize(("confidence", "expected"), [
    # the model doubts the lone column: it joins the bead after, which translates it
    (0.3, [(1, 1, (1, 1)), (2, 3, (1, 2))]),
    # the model believes in it: it stays alone
    (0.6, [(1, 1, (1, 1)), (1, 2, (0, 1)), (2, 3, (1, 1))]),
])
def test_join_unlikely(confidence: float, expected: list[tuple[int, int, tuple[int, int]]]
                       ) -> None:
    words = ["king", "city", "wall", "river", "boat", "fish"]
    cov = _cov([["king", "city", "wall"], ["river", "boat", "fish"]],
               [["king", "wall"], ["river", "boat"], ["fish", "river"]])
    ev = _evidence(cov, words, OWN, NEAR, 0.5)
    path = _path((1, 1, (1, 1)), (1, 2, (0, 1)), (2, 3, (1, 1)))
    assert _shapes(join_unlikely(path, TYPES, ev, [1.0, confidence, 1.0])) == expected


OMITTED = [*ZH[:4], "另据统计，二〇二三年全市共接待游客三亿二千九百万人次，旅游总收入六千二百亿元，"
           "其中入境游客一百一十四万人次。", *ZH[4:]]
NOTE = [*EN[:5], "(Translator's note: the figures in this paragraph are provisional.)", *EN[5:]]
FREE_ZH = [*ZH[:4], "去年来京游客达三亿二千九百万人次，旅游业表现亮眼。", *ZH[4:]]
FREE_EN = [*EN[:5], "Tourism did well too: the city received 329 million visitors last year.",
           *EN[5:]]
SHARED = ["[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]"]


@pytest.mark.parametrize(("zh", "en", "expected"), [
    # a Chinese sentence with no English counterpart: an omission
    (OMITTED, EN, [*SHARED, "[4]:[]", "[5]:[5]", "[6]:[6]"]),
    # a translator's note with no Chinese counterpart: an addition
    (ZH, NOTE, [*SHARED, "[]:[5]", "[4]:[6]", "[5]:[7]"]),
    # a free translation that shares one number with its English: paired, no omission
    (FREE_ZH, FREE_EN, [*SHARED, "[4]:[5]", "[5]:[6]", "[6]:[7]"]),
], ids=["omitted", "note", "free-translation"])
def test_hand_made_pairs(zh: list[str], en: list[str], expected: list[str]) -> None:
    al = align_segments(segs(zh, "zh"), segs(en, "en"))
    check_invariants(al)
    assert [b.ladder() for b in al.beads] == expected
