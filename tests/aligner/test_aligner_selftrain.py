"""Tests of the model re-estimated by self-training (align.aligner.selftrain): length
variance, bead-type priors, the confident beads learning starts from, and the word
associations (Dice, Model 1) learned from them."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.cost import ScoreParams
from align.aligner.features import SideFeatures
from align.aligner.level import Level
from align.aligner.search import bead_types
from align.aligner.selftrain import (
    _bead_links,
    _BeadWords,
    _dice_pairs,
    _links,
    confident_beads,
    dice_associations,
    estimate_priors,
    estimate_variance,
    model1,
)


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


def _side(lang: str, words: list[list[str]], names: set[str] | None = None) -> SideFeatures:
    n = len(words)
    return SideFeatures(lang, [1] * n, [0] * n, words, [[] for _ in words], [True] * n,
                        names or set())


def test_dice_associations_count_beads_and_pair_bigrams_with_names_only() -> None:
    many_zh = [f"词{k}" for k in range(51)]
    many_en = [f"word{k}" for k in range(50)]
    zh = _side("zh", [["山", "水"], ["山"], ["水", "~塞特"], ["~塞特"], ["山", *many_zh]])
    en = _side("en", [["mountain", "water"], ["mountain"], ["water", "seth"],
                      ["seth", "water"], ["mountain", *many_en]], {"seth"})
    # the last bead has 52 x 51 > 2500 word pairs: its pairs are not counted (词k-wordk
    # would have a Dice of 1), its words are
    beads = [((k,), (k,)) for k in range(5)]
    # beads holding each word: 山 3, 水 2, ~塞特 2; mountain 3, water 3, seth 2
    # 山-mountain 2 -> 4/6; 山-water 1 -> 2/6; 水-water 2 -> 4/5; 水-mountain 1 -> 2/5;
    # 水-seth 1 -> 2/4; ~塞特-seth 2 -> 4/4 (~塞特-water: not a name)
    got = dice_associations(zh, en, beads, 1, 0.45)
    assert got == {"山": ["mountain"], "水": ["water", "seth"], "~塞特": ["seth"]}
    assert list(got) == ["山", "水", "~塞特"]
    assert dice_associations(zh, en, beads, 2, 0.45) == {
        "山": ["mountain"], "水": ["water"], "~塞特": ["seth"]}
    assert dice_associations(zh, en, beads, 1, 0.3)["山"] == ["mountain", "water"]
    assert dice_associations(zh, en, beads, 1, 0.3, top=1)["水"] == ["water"]


def _random_sides(seed: int) -> tuple[SideFeatures, SideFeatures, list[tuple[range, range]]]:
    rng = np.random.default_rng(seed)
    zv, ev = [f"z{k}" for k in range(12)], [f"e{k}" for k in range(10)]
    zh = _side("zh", [list(rng.choice(zv, rng.integers(0, 6))) for _ in range(30)])
    en = _side("en", [list(rng.choice(ev, rng.integers(0, 6))) for _ in range(30)])
    beads, i = [], 0
    while i < 28:
        a, b = int(rng.integers(1, 3)), int(rng.integers(1, 3))
        beads.append((range(i, i + a), range(i, i + b)))
        i += max(a, b)
    return zh, en, beads


def _candidates(word: str) -> list[str]:
    k = int(word[1:])
    return [f"e{k % 10}", f"e{(3 * k) % 10}", "unseen"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_links_are_every_candidate_pair_in_token_order(seed: int) -> None:
    zh, en, beads = _random_sides(seed)
    z = _BeadWords(zh, [zs for zs, _ in beads])
    e = _BeadWords(en, [es for _, es in beads])
    ne = len(e.vocab)
    cand = sorted({zi * ne + e.vocab[k] for zi, w in enumerate(z.vocab)
                   for k in _candidates(w) if k in e.vocab})
    expected = []  # brute force: every token, every distinct Chinese word of its bead
    for t, (bead, word) in enumerate(zip(e.tok_bead.tolist(), e.tok_word.tolist(),
                                         strict=True)):
        zs, es = beads[bead]
        words = sorted({z.vocab[w] for i in zs for w in zh.words[i]})
        expected += [(t, cand.index(zi * ne + word)) for zi in words
                     if zi * ne + word in cand]
    linked, hit = _links(z, e, len(beads), np.asarray(cand, dtype=np.int64), ne)
    assert list(zip(linked.tolist(), hit.tolist(), strict=True)) == expected


def _model1_by_hand(zh: SideFeatures, en: SideFeatures, beads: list[tuple[range, range]],
                    iterations: int = 4) -> dict[str, dict[str, float]]:
    """IBM Model 1 over candidate links, with dictionaries."""
    links = []  # per English token: the candidate (Chinese, English) pairs of its bead
    for zs, es in beads:
        words = {w for i in zs for w in zh.words[i]}
        for i in es:
            for k in en.words[i]:
                pairs = [(w, k) for w in sorted(words) if k in _candidates(w)]
                if pairs:
                    links.append(pairs)
    t = {p: 1.0 for pairs in links for p in pairs}
    per_word: dict[str, float] = {}
    for (w, _), v in t.items():
        per_word[w] = per_word.get(w, 0.0) + v
    t = {p: v / per_word[p[0]] for p, v in t.items()}
    for _ in range(iterations):
        counts = dict.fromkeys(t, 0.0)
        for pairs in links:
            total = sum(t[p] for p in pairs)
            for p in pairs:
                counts[p] += t[p] / total
        per_word = {}
        for (w, _), v in counts.items():
            per_word[w] = per_word.get(w, 0.0) + v
        t = {p: v / per_word[p[0]] for p, v in counts.items()}
    out: dict[str, dict[str, float]] = {}
    for (w, k), v in t.items():
        out.setdefault(w, {})[k] = v
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_model1_gives_the_probabilities_of_plain_em(seed: int) -> None:
    zh, en, beads = _random_sides(seed)
    got = model1(zh, en, beads, _candidates)
    expected = _model1_by_hand(zh, en, beads)
    assert got.keys() == expected.keys()
    for w, probs in expected.items():
        assert got[w] == pytest.approx(probs, rel=1e-12, abs=1e-15)


def test_kernels_give_what_their_python_gives() -> None:
    zh, en, beads = _random_sides(4)
    z = _BeadWords(zh, [zs for zs, _ in beads])
    e = _BeadWords(en, [es for _, es in beads])
    cz, ce = np.bincount(z.word, minlength=len(z.vocab)), np.bincount(e.word,
                                                                      minlength=len(e.vocab))
    ok = np.arange(len(beads)) % 3 != 0
    names_only = np.arange(len(z.vocab)) % 4 == 0
    is_name = np.arange(len(e.vocab)) % 2 == 0
    args = (np.arange(len(z.vocab))[::-1].copy(), z.bead, z.word, e.bead, e.word, cz, ce, ok,
            names_only, is_name, 1, 0.1)
    for got, want in zip(_dice_pairs(*args), _dice_pairs.py_func(*args), strict=True):
        assert np.array_equal(got, want)
    zptr = np.concatenate(([0], np.cumsum(z.count)))
    tptr = np.concatenate(([0], np.cumsum(np.bincount(e.tok_bead, minlength=len(beads)))))
    cptr = np.concatenate(([0], np.cumsum(np.arange(len(z.vocab)) % 3)))
    cand = np.concatenate([np.arange(k % 3) for k in range(len(z.vocab))])
    args2 = (zptr, z.word, tptr, e.tok_word, cptr, cand, len(e.vocab))
    for got, want in zip(_bead_links(*args2), _bead_links.py_func(*args2), strict=True):
        assert np.array_equal(got, want)
