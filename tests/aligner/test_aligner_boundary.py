"""Tests of boundary decisions that weigh both neighbouring beads (align.aligner.refine,
align.aligner.boundary): hand-made sentence pairs, the beads the pass produces."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from align.aligner.boundary import ManyCosts, cue_classes, learn_cues, path_cues
from align.aligner.calibration import random_stats
from align.aligner.cost import BeadCost, ScoreParams
from align.aligner.features import SideFeatures, Translations, extract
from align.aligner.level import Level
from align.aligner.refine import Coverage, coverage, refine_boundaries
from align.aligner.search import BeadType, bead_types
from align.text.lexicon import load_lexicon
from align.text.tokenize import get_tokenizer
from align.types import Segment

Path = list[tuple[int, int, int]]


def _side(texts: list[str], lang: str) -> SideFeatures:
    segs = [Segment(t, lang, k) for k, t in enumerate(texts)]  # type: ignore[arg-type]
    if lang == "zh":
        return extract(segs, "zh", tokenize=get_tokenizer("zh").tokenize,
                       lexicon=load_lexicon())
    return extract(segs, "en", tokenize=str.split)


def _indifferent(beads: Any) -> Any:
    """A model that likes every bead alike: only coverage and cues decide."""
    return np.zeros(len(beads))


def _path(types: Sequence[BeadType], beads: list[tuple[int, int, int, int]]) -> Path:
    return [(i1, j1, types.index((i1 - i0, j1 - j0))) for i0, i1, j0, j1 in beads]


def _spans(types: Sequence[BeadType], path: Path) -> list[tuple[int, int, int, int]]:
    return [(i - types[t][0], i, j - types[t][1], j) for i, j, t in path]


def _no_words(n: int, m: int) -> Coverage:
    return Coverage([[] for _ in range(n)], [[] for _ in range(m)],
                    [set() for _ in range(n)], [set() for _ in range(m)])


def test_crossing_pair_becomes_a_two_two_bead() -> None:
    # English 1 and 2 are translated in the other order (a crossing 2-2); the search
    # put English 1 with the first bead. Moving it leaves each bead's words translated.
    en = ["The king arrived.", "The king ate bread.", "The queen drank wine."]
    zh = ["国王到了。", "王后喝了葡萄酒。", "国王吃了面包。"]
    cov = coverage(_side(zh, "zh"), _side(en, "en"), Translations(load_lexicon()))
    types = bead_types(2)
    path = _path(types, [(0, 2, 0, 1), (2, 3, 1, 3)])
    got = refine_boundaries(path, types, cov, _indifferent, 0.25)
    assert _spans(types, got) == [(0, 1, 0, 1), (1, 3, 1, 3)]


def _shifted_by_two() -> tuple[Coverage, list[BeadType], list[tuple[int, int, int]]]:
    """One English sentence, three Chinese ones; the search ended the first bead after
    the first Chinese sentence (coverage, bead types, path)."""
    en = ["The farmer planted wheat, rice and cotton.", "Then it rained."]
    zh = ["农夫种了小麦。", "也种了水稻。", "还种了棉花。", "然后下雨了。"]
    cov = coverage(_side(zh, "zh"), _side(en, "en"), Translations(load_lexicon()))
    types = bead_types(3)
    return cov, types, _path(types, [(0, 1, 0, 1), (1, 2, 1, 4)])


def test_boundary_shifted_by_two_moves_back() -> None:
    # one move of two sentences puts the edge back
    cov, types, path = _shifted_by_two()
    got = refine_boundaries(path, types, cov, _indifferent, 0.25)
    assert _spans(types, got) == [(0, 1, 0, 3), (1, 2, 3, 4)]


def test_the_model_can_object() -> None:
    # the same shifted boundary, with a model that finds a 1-3 bead very unlikely
    cov, types, path = _shifted_by_two()

    def costs(beads: Any) -> Any:  # a first bead of several Chinese sentences: unlikely
        return np.array([50.0 if b[3] - b[2] >= 2 and b[2] == 0 else 0.0 for b in beads])

    assert refine_boundaries(path, types, cov, costs, 0.25) == path


# A colon-introduced list: the Chinese lead-in ends in ：and its list is the next
# sentence; the English is one sentence. The confident first bead teaches that a
# position after a colon is not a bead boundary.
COLON_EN = ["He bought three things: apples, pears and bananas.",
            "She bought two things: milk and bread.",
            "Then they went home."]
COLON_ZH = ["他买了三样东西：", "苹果、梨和香蕉。", "她买了两样东西：", "牛奶和面包。",
            "然后他们回家了。"]
# A shifted quote: the Chinese closes a quotation one sentence later than it opens it;
# the first two beads (confident) end at a closing quote and at a plain full stop.
QUOTE_EN = ['He said, "It is cold today. Let us go home."', "She nodded.",
            'He said again, "It will snow tomorrow. You must wear a coat."', "She smiled."]
QUOTE_ZH = ["他说：“今天很冷。", "我们回家吧。”", "她点了点头。", "他又说：“明天会下雪。",
            "你要穿大衣。”", "她笑了。"]


@pytest.mark.parametrize(("en", "zh", "wrong", "confidence", "right"), [
    (COLON_EN, COLON_ZH, [(0, 1, 0, 2), (1, 2, 2, 3), (2, 3, 3, 5)], [1.0, 0.5, 0.5],
     [(0, 1, 0, 2), (1, 2, 2, 4), (2, 3, 4, 5)]),
    (QUOTE_EN, QUOTE_ZH, [(0, 1, 0, 2), (1, 2, 2, 3), (2, 3, 3, 4), (3, 4, 4, 6)],
     [1.0, 1.0, 0.5, 0.5], [(0, 1, 0, 2), (1, 2, 2, 3), (2, 3, 3, 5), (3, 4, 5, 6)]),
], ids=["colon-list", "shifted-quote"])
def test_learned_cues_move_the_edge(en: list[str], zh: list[str],
                                    wrong: list[tuple[int, int, int, int]],
                                    confidence: list[float],
                                    right: list[tuple[int, int, int, int]]) -> None:
    types = bead_types(2)
    path = _path(types, wrong)
    classes = (cue_classes(en), cue_classes(zh))
    cues = path_cues(classes, ([0] * len(en), [0] * len(zh)), path, types,
                     np.asarray(confidence))
    assert cues is not None
    # no words at all: the cues alone decide, and without them nothing moves
    cov = _no_words(len(en), len(zh))
    assert _spans(types, refine_boundaries(path, types, cov, _indifferent, 0.25, cues)) == right
    assert refine_boundaries(path, types, cov, _indifferent, 0.25) == path
    # with the words of the sentences too
    cov = coverage(_side(zh, "zh"), _side(en, "en"), Translations(load_lexicon()))
    assert _spans(types, refine_boundaries(path, types, cov, _indifferent, 0.25, cues)) == right


def test_cue_classes() -> None:
    texts = ["他说：", "“走吧，", "我们回家。”", "她笑了。", "He said:", '"Go."']
    # colon + next opens a quote; comma; closing quote; plain; colon + quote; end
    assert cue_classes(texts) == [1 + 4, 2, 3, 0, 1 + 4, 3]


def test_learn_cues_log_odds() -> None:
    # six counted positions (the last sentence's is the document end, never counted);
    # class 1 (colon): 2 seen, 0 boundaries; class 0 (plain): 3 seen, 3 boundaries;
    # the paragraph end after sentence 4 (and the document end) make class 8: 1 seen, 1
    classes = [1, 0, 1, 0, 0, 0, 0]
    paragraphs = [0, 0, 0, 0, 0, 1, 1]
    ends = [2, 4, 5, 6, 7]  # boundaries after sentences 1, 3, 4, 5 (and the end)
    got = learn_cues(classes, paragraphs, ends, [range(0, 7)])
    base = (4 + 1) / (6 + 2)

    def w(hits: float, seen: float) -> float:
        rate = (hits + 4 * base) / (seen + 4)
        return math.log(rate / (1 - rate)) - math.log(base / (1 - base))

    expected = [w(0, 2), w(3, 3), w(0, 2), w(3, 3), w(1, 1), w(3, 3), w(1, 1)]
    assert got == pytest.approx(expected)
    assert got[0] < 0 < got[1]  # a colon is rarely the end of a bead here


def test_learn_cues_without_confident_beads_is_neutral() -> None:
    assert list(learn_cues([1, 0, 2], [0, 0, 0], [1, 3], [])) == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(("paragraphs", "cross"), [(False, False), (True, False), (False, True)],
                         ids=["plain", "paragraphs", "cross-term"])
def test_many_costs_agree_with_one_bead_costs(paragraphs: bool, cross: bool) -> None:
    rng = np.random.default_rng(3)
    n, m = 9, 12
    level = Level(rng.normal(size=(n, 16)).astype(np.float32),
                  rng.normal(size=(m, 16)).astype(np.float32),
                  rng.integers(5, 60, n).astype(np.float64),
                  rng.integers(5, 160, m).astype(np.float64),
                  np.sort(rng.integers(0, 3, n)) if paragraphs else None,
                  np.sort(rng.integers(0, 3, m)) if paragraphs else None)
    types = bead_types(3)
    params = ScoreParams(ratio=2.3, variance=3.0, para_penalty=1.0 if paragraphs else 0.0,
                         cross_curve=(np.linspace(-3.0, 12.0, 7), np.linspace(-4.0, 0.0, 7))
                         if cross else None)
    one = BeadCost(level, params, random_stats(level, types, seed=1, k=200))
    path = _path(types, [(0, 1, 0, 2), (1, 3, 2, 3), (3, 4, 3, 6), (4, 6, 6, 8),
                         (6, 7, 8, 9), (7, 9, 9, 12)])
    many = ManyCosts(one, path, types, 2)
    beads = np.array([(i0, i0 + a, j0, j0 + b) for a, b in types if a and b
                      for i0 in range(n - a + 1) for j0 in range(m - b + 1)])
    got = many(beads)
    near = np.isfinite(got)
    assert near.sum() > 100
    expected = np.array([one(*b) for b in beads[near]])
    assert got[near] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    # beads far from the path are outside the window: never chosen
    assert np.isinf(many(np.array([(0, 1, 11, 12)])))[0]
