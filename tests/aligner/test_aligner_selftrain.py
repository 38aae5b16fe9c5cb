"""Tests of the model re-estimated by self-training (align.aligner.selftrain): length
variance, bead-type priors and the confident beads learning starts from."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.cost import ScoreParams
from align.aligner.level import Level
from align.aligner.search import bead_types
from align.aligner.selftrain import confident_beads, estimate_priors, estimate_variance


@pytest.mark.parametrize(("n_beads", "low", "high"), [
    (50, 0.0025, 0.005),  # a short speech: deletions stay plausible
    (5000, 0.0, 0.0002),  # a long document follows its own counts
], ids=["short-keeps-deletions", "long-follows-counts"])
def test_estimate_priors_short_document_keeps_deletions(n_beads: int, low: float,
                                                        high: float) -> None:
    types = bead_types(2)
    path = [(k + 1, k + 1, types.index((1, 1))) for k in range(n_beads)]
    priors = estimate_priors(path, types)
    assert low <= priors[(0, 1)] <= high
    assert priors[(1, 1)] > 0.8



def _lengths_level(lx: list[float], ly: list[float]) -> Level:
    return Level(np.zeros((len(lx), 2), dtype=np.float32), np.zeros((len(ly), 2), dtype=np.float32),
                 np.asarray(lx), np.asarray(ly))


def test_estimate_variance_is_a_robust_per_character_estimate() -> None:
    types = bead_types(2)
    t11, t01 = types.index((1, 1)), types.index((0, 1))
    lx = [10.0, 20.0, 30.0, 40.0, 50.0]
    ly = [24.0, 40.0, 54.0, 80.0, 120.0, 7.0]  # ratio 2: expected 20, 40, 60, 80, 100
    path = [(k + 1, k + 1, t11) for k in range(5)] + [(5, 6, t01)]  # the 0-1 bead is ignored
    got = estimate_variance(_lengths_level(lx, ly), path, types, ScoreParams(ratio=2.0))
    # squared differences per character (ly / 2 - lx)^2 / ((lx + ly / 2) / 2)
    per_char = sorted((b / 2 - a) ** 2 / ((a + b / 2) / 2) for a, b in zip(lx, ly[:5], strict=True))
    assert got == pytest.approx(per_char[2] / 0.455)


def test_estimate_variance_needs_five_beads_and_has_a_floor() -> None:
    types = bead_types(2)
    t11 = types.index((1, 1))
    params = ScoreParams(ratio=1.0, variance=6.8)
    level = _lengths_level([10.0] * 6, [10.0] * 6)
    assert estimate_variance(level, [(k + 1, k + 1, t11) for k in range(4)], types,
                             params) == 6.8
    assert estimate_variance(level, [(k + 1, k + 1, t11) for k in range(6)], types,
                             params) == 0.5  # perfect lengths: the floor


def test_confident_beads_are_zh_en_spans_of_paired_beads() -> None:
    types = bead_types(2)
    # grid rows are English, columns Chinese: (2, 1) is two English, one Chinese sentence
    path = [(2, 1, types.index((2, 1))), (2, 2, types.index((0, 1))), (3, 3, types.index((1, 1)))]
    got = confident_beads(path, types, [0.95, 1.0, 0.5])
    assert got == [(range(0, 1), range(0, 2))]
    assert confident_beads(path, types, [0.95, 1.0, 0.5], threshold=0.4) == [
        (range(0, 1), range(0, 2)), (range(2, 3), range(2, 3))]


def _sides() -> tuple[object, object]:
    from align.aligner.features import extract
    from align.text.tokenize import get_tokenizer
    from align.types import Segment

    zh = [Segment(t, "zh", i, 0) for i, t in enumerate(["我们要改革。", "天气很好。"])]
    en = [Segment(t, "en", i, 0) for i, t in enumerate(["We must reform.", "The weather is fine."])]
    return (extract(zh, "zh", tokenize=get_tokenizer("zh").tokenize),
            extract(en, "en", tokenize=str.split))  # as the pipeline tokenizes English


def test_model1_without_any_candidate_link_learns_nothing() -> None:
    """A dictionary that links no word of the beads (free translation, or no lexicon)
    gives no probabilities, and no crash (an empty candidate table used to be indexed)."""
    from align.aligner.selftrain import model1

    zh, en = _sides()
    beads = [((0,), (0,)), ((1,), (1,))]
    assert model1(zh, en, beads, lambda w: []) == {}  # type: ignore[arg-type]
    learned = model1(zh, en, beads,  # English words are lemma keys: "weath"
                     lambda w: ["weath"] if w == "天气" else [])  # type: ignore[arg-type]
    assert learned == {"天气": {"weath": 1.0}}
