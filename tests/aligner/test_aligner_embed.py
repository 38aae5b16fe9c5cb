"""Tests of the hashed lexical vectors (align.aligner.embed): every key of a sentence
lands in its crc32 bucket with its sign and weight, in a documented order, and the
compiled kernel gives what its plain Python gives."""

from __future__ import annotations

import math
import zlib

import numpy as np

from align.aligner.embed import _hash_rows, embed_en, embed_zh
from align.aligner.features import SideFeatures, Translations
from align.text.lexicon import Lexicon

DIM = 16


def _cell(key: str) -> tuple[int, float]:
    """Bucket and sign of a key, straight from its CRC-32 (bit 20 gives the sign)."""
    h = zlib.crc32(key.encode("utf-8"))
    return h % DIM, 1.0 if h & (1 << 20) else -1.0


def _rows(entries: list[list[tuple[str, float]]]) -> np.ndarray:
    """float32 rows summing (key, weight) entries in float64, in the given order."""
    out = np.zeros((len(entries), DIM))
    for i, row in enumerate(entries):
        for key, weight in row:
            b, s = _cell(key)
            out[i, b] += s * weight
    return out.astype(np.float32)


def _idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 0.5))


def test_english_rows_sum_idf_of_keys_and_extra_keys() -> None:
    en = SideFeatures("en", [10, 5, 7], [0, 0, 0], [["park", "tree", "park"], ["tree"], []],
                      [["#5"], ["T:0", "#5"], []])
    n = 3
    park, tree, five, term = _idf(1, n), _idf(2, n), _idf(2, n), 3.0 * _idf(1, n)
    expected = _rows([[("park", park), ("tree", tree), ("park", park), ("#5", five)],
                      [("tree", tree), ("T:0", term), ("#5", five)], []])
    got = embed_en(en, DIM)
    assert got.dtype == np.float32 and got.shape == (3, DIM)
    assert np.array_equal(got, expected)


def _translations() -> Translations:
    lexicon = Lexicon({"公园": ("park", "garden", "absent"), "树": ("tree",)}, {}, 2, 0.0, "")
    translate = Translations(lexicon)
    translate.learn({"~塞特": ["seth", "set"], "~以挪": ["eno", "seth"]})
    translate.probs = {"树": {"tree": 0.75, "wood": 0.25, "rare": 0.005}}
    return translate


def test_chinese_rows_split_senses_learned_probabilities_and_names_once() -> None:
    zh = SideFeatures("zh", [9, 1, 3], [0, 0, 0],
                      [["公园", "~塞特", "~以挪", "~塞特", "树"], ["树"], ["公园"]],
                      [["#5"], [], []])
    en = SideFeatures("en", [1, 1], [0, 0], [["park", "garden", "tree", "wood"],
                                             ["seth", "set", "eno"]], [[], []])
    n = 3
    park = _idf(2, n) / math.sqrt(2)  # "absent" is not an English word of the document
    norm = math.sqrt(0.75 ** 2 + 0.25 ** 2 + 0.005 ** 2)
    tree, wood = _idf(2, n) * 0.75 / norm, _idf(2, n) * 0.25 / norm  # 0.005 is dropped
    seth = _idf(1, n) / math.sqrt(2)  # both bigrams: one sentence, two keys each
    five = _idf(1, n)
    expected = _rows([
        [("park", park), ("garden", park), ("tree", tree), ("wood", wood),
         ("seth", seth), ("set", seth), ("eno", seth),  # names: each key once
         ("#5", five)],
        [("tree", tree), ("wood", wood)],
        [("park", park), ("garden", park)]])
    assert np.array_equal(embed_zh(zh, en, _translations(), DIM), expected)


def test_name_keys_take_their_largest_weight() -> None:
    zh = SideFeatures("zh", [2, 2], [0, 0], [["~塞特", "~以挪"], ["~以挪", "~以挪"]], [[], []])
    en = SideFeatures("en", [1], [0], [["seth", "set", "eno"]], [[]])
    translate = _translations()
    translate.probs = {"~以挪": {"seth": 0.9, "eno": 0.1}}
    low = _idf(1, 2) / math.sqrt(2)  # ~塞特 in one sentence, split over two keys
    high = _idf(2, 2) / math.sqrt(0.81 + 0.01)  # ~以挪 in both, by its probabilities
    expected = _rows([[("seth", max(low, 0.9 * high)), ("set", low), ("eno", 0.1 * high)],
                      [("seth", 0.9 * high), ("eno", 0.1 * high)]])
    assert np.array_equal(embed_zh(zh, en, translate, DIM), expected)


def test_kernel_gives_what_its_python_gives() -> None:
    rng = np.random.default_rng(3)
    n, keys, groups = 40, 30, 25
    size = rng.integers(0, 4, groups)
    start = np.concatenate(([0], np.cumsum(size))).astype(np.int64)
    key = rng.integers(0, keys, int(start[-1])).astype(np.int64)
    weight = rng.random(int(start[-1]))
    bucket = rng.integers(0, DIM, keys).astype(np.int64)
    sign = rng.choice([-1.0, 1.0], keys)

    def block() -> tuple[np.ndarray, np.ndarray]:
        per = rng.integers(0, 5, n)
        return (np.concatenate(([0], np.cumsum(per))).astype(np.int64),
                rng.integers(0, groups, int(per.sum())).astype(np.int64))

    args = (DIM, start, key, weight, bucket, sign, *block(), *block(), *block())
    assert np.array_equal(_hash_rows(*args), _hash_rows.py_func(*args))
