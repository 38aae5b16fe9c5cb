"""Hashed lexical vectors: every sentence of both sides in one space of matching keys.

An English sentence contributes its own keys (lemma keys, numbers, Latin tokens,
glossary terms: :func:`.features.extract`); a Chinese sentence contributes the
translations of its words (CC-CEDICT plus associations learned on the document pair).
Keys are weighted by IDF estimated on the document pair, a word's weight is split over
its k senses as 1/sqrt(k) (so its squared norm does not depend on how many senses it
has) or by its learned translation probabilities, and keys are hashed with random
signs into ``dim`` dimensions. A bead's vector is then the sum of its sentences'
vectors and bead similarities are batched dot products.

The vectors are summed by one compiled kernel (:func:`_hash_rows`), sentence by
sentence, in float64 and in a fixed order: the sentence's word entries (occurrence by
occurrence, each word's keys in order), then the keys of its name bigrams, then its
extra keys; a row is rounded to float32 once.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Container, Mapping, Sequence
from itertools import chain
from typing import Any

import numpy as np

from align.aligner.features import GRAM, SideFeatures, Translations
from align.aligner.jit import compiled

GLOSSARY_WEIGHT = 3.0  # a glossary term found on both sides counts like 3 rare words


def embed_en(en: SideFeatures, dim: int) -> np.ndarray:
    """Hashed lexical vectors (float32, rows = sentences) of an English side.

    English keys and extra keys (numbers, Latin tokens, glossary terms) weigh their
    IDF on the English side. Self-training does not change them: compute them once.
    """
    keys = _Keys()
    words = keys.occurrences(en.words, en.word_idf)
    extra = keys.occurrences(en.extra, en.extra_idf, _extra_weight)
    none = _Occurrences.empty(len(en.words))
    return keys.hashed(dim, words, none, extra)


def embed_zh(zh: SideFeatures, en: SideFeatures, translate: Translations, dim: int
             ) -> np.ndarray:
    """Hashed lexical vectors (float32, rows = sentences) of a Chinese side, in the
    space of :func:`embed_en`.

    A Chinese word weighs its IDF on the Chinese side, split over its translations
    that occur on the English side ``en`` as 1/sqrt(k), or by its learned
    probabilities; extra keys weigh their IDF on the Chinese side. The character
    bigrams of a name (learned, :data:`.features.GRAM`) count once per English key
    and sentence, at their largest weight.
    """
    idf_zh = zh.word_idf
    en_vocab = en.word_table[0]
    vocab, ptr, wid = zh.word_table
    keys = _Keys()
    table = [_word_entries(w, idf_zh[w], translate, en_vocab) for w in vocab]
    size = np.fromiter(map(len, table), dtype=np.int64, count=len(table))
    flat = list(chain.from_iterable(table))
    first = keys.group(keys.ids(k for k, _ in flat),
                       np.fromiter((v for _, v in flat), dtype=np.float64, count=len(flat)),
                       size)
    gram = np.fromiter((w.startswith(GRAM) for w in vocab), dtype=bool, count=len(vocab))
    sent = np.repeat(np.arange(len(zh.words)), np.diff(ptr))
    is_gram = gram[wid]
    words = _Occurrences.of(sent[~is_gram], first + wid[~is_gram], len(zh.words))
    names = _Occurrences.of(sent[is_gram], first + wid[is_gram], len(zh.words))
    extra = keys.occurrences(zh.extra, zh.extra_idf, _extra_weight)
    return keys.hashed(dim, words, names, extra)


def _word_entries(w: str, idf: float, translate: Translations, en_vocab: Container[str]
                  ) -> list[tuple[str, float]]:
    """The (English key, weight) entries of one Chinese word (see :func:`embed_zh`)."""
    probs = translate.probs.get(w)
    if probs:  # learned t(e | w): weight split by probability, unit norm
        norm = math.sqrt(sum(p * p for p in probs.values()))
        return [(k, idf * p / norm) for k, p in probs.items() if p > 0.01]
    keys = [k for k in translate(w) if k in en_vocab]
    share = idf / math.sqrt(len(keys)) if keys else 0.0
    return [(k, share) for k in keys]


def _extra_weight(key: str) -> float:
    return GLOSSARY_WEIGHT if key.startswith("T:") else 1.0


class _Occurrences:
    """Which entry groups every sentence holds, in order: sentence i holds the groups
    ``group[ptr[i]:ptr[i + 1]]``."""

    def __init__(self, ptr: Any, group: Any) -> None:
        self.ptr = np.asarray(ptr, dtype=np.int64)
        self.group = np.asarray(group, dtype=np.int64)

    @classmethod
    def of(cls, sent: Any, group: Any, n: int) -> _Occurrences:
        """From the (non-decreasing) sentence of every occurrence."""
        return cls(np.concatenate(([0], np.cumsum(np.bincount(sent, minlength=n)))), group)

    @classmethod
    def empty(cls, n: int) -> _Occurrences:
        return cls(np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))


class _Keys:
    """The keys of one embedding (key -> id, in first-seen order) and the entry groups
    sentences refer to: group g holds the (key id, weight) entries
    ``start[g]:start[g + 1]``."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.sizes: list[Any] = []
        self.keys: list[Any] = []
        self.weights: list[Any] = []
        self.count = 0  # groups so far

    def ids(self, keys: Any) -> Any:
        """The ids of ``keys`` (new keys get the next ids)."""
        index = self.index
        return np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.int64)

    def group(self, kid: Any, weight: Any, size: Any) -> int:
        """Add groups of ``size[g]`` consecutive entries each; returns the first one's id."""
        first = self.count
        self.keys.append(np.asarray(kid, dtype=np.int64))
        self.weights.append(np.asarray(weight, dtype=np.float64))
        self.sizes.append(np.asarray(size, dtype=np.int64))
        self.count += len(size)
        return first

    def occurrences(self, docs: Sequence[Sequence[str]], weight: Mapping[str, float],
                    scale: Callable[[str], float] | None = None) -> _Occurrences:
        """Every key of every sentence of ``docs``, each a group of one entry: the key at
        ``weight[key]`` (times ``scale(key)``)."""
        flat = list(chain.from_iterable(docs))
        distinct = list(dict.fromkeys(flat))
        first = self.group(self.ids(distinct), np.fromiter(
            (weight[k] * scale(k) if scale else weight[k] for k in distinct),
            dtype=np.float64, count=len(distinct)), np.ones(len(distinct), dtype=np.int64))
        local = {k: first + j for j, k in enumerate(distinct)}
        ptr = np.concatenate(([0], np.cumsum([len(d) for d in docs])))
        return _Occurrences(ptr, np.fromiter(map(local.__getitem__, flat), dtype=np.int64,
                                             count=len(flat)))

    def hashed(self, dim: int, words: _Occurrences, names: _Occurrences,
               extra: _Occurrences) -> np.ndarray:
        """The (n, dim) float32 vectors: ``words`` and ``extra`` add their groups' entries,
        ``names`` each key of its groups once at its largest weight; keys hashed with
        random signs into ``dim``."""
        hb = [_bucket(k, dim) for k in self.index]
        bucket = np.fromiter((b for b, _ in hb), dtype=np.int64, count=len(hb))
        sign = np.fromiter((g for _, g in hb), dtype=np.float64, count=len(hb))
        sizes = np.concatenate(self.sizes) if self.sizes else np.zeros(0, dtype=np.int64)
        start = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        return _hash_rows(dim, start, _cat(self.keys, np.int64), _cat(self.weights, np.float64),
                          bucket, sign, words.ptr, words.group, names.ptr, names.group,
                          extra.ptr, extra.group)


def _cat(parts: list[Any], dtype: Any) -> Any:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


def _bucket(key: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(key.encode("utf-8"))
    return h % dim, (1.0 if (h >> 20) & 1 else -1.0)


@compiled
def _hash_rows(dim: int, start: Any, key: Any, weight: Any, bucket: Any, sign: Any,
               wptr: Any, wgroup: Any, nptr: Any, ngroup: Any, xptr: Any, xgroup: Any
               ) -> Any:
    """Row i: the entries of the groups ``wgroup[wptr[i]:wptr[i + 1]]`` in order, then
    every key of the groups ``ngroup[nptr[i]:nptr[i + 1]]`` once (in the order keys
    first appear) at its largest weight (at least 0), then the entries of the groups
    ``xgroup[xptr[i]:xptr[i + 1]]``; an entry adds ``sign[key] * weight`` to the cell
    ``bucket[key]``. Summed in float64, stored as float32."""
    n = wptr.shape[0] - 1
    out = np.zeros((n, dim), dtype=np.float32)
    cell = bucket[key]  # every entry's cell and signed weight
    signed = sign[key] * weight
    row = np.zeros(dim)
    touched = np.full(dim, -1, dtype=np.int64)  # the last row that touched a cell
    cells = np.empty(dim, dtype=np.int64)  # the cells this row touched
    best = np.zeros(bucket.shape[0])
    seen = np.full(bucket.shape[0], -1, dtype=np.int64)
    order = np.empty(bucket.shape[0], dtype=np.int64)
    for i in range(n):
        m = 0  # the names' keys, in the order they first appear, at their largest weight
        for q in range(nptr[i], nptr[i + 1]):
            for e in range(start[ngroup[q]], start[ngroup[q] + 1]):
                k = key[e]
                if seen[k] != i:
                    seen[k] = i
                    order[m] = k
                    m += 1
                    best[k] = max(0.0, weight[e])
                else:
                    best[k] = max(best[k], weight[e])
        c = 0
        for block in range(3):  # words, names, extra keys
            if block == 1:
                for j in range(m):
                    b = bucket[order[j]]
                    if touched[b] != i:
                        touched[b] = i
                        cells[c] = b
                        c += 1
                    row[b] += sign[order[j]] * best[order[j]]
                continue
            ptr, group = (wptr, wgroup) if block == 0 else (xptr, xgroup)
            for q in range(ptr[i], ptr[i + 1]):
                for e in range(start[group[q]], start[group[q] + 1]):
                    b = cell[e]
                    if touched[b] != i:
                        touched[b] = i
                        cells[c] = b
                        c += 1
                    row[b] += signed[e]
        for j in range(c):  # every other cell of the row stays 0
            out[i, cells[j]] = row[cells[j]]
            row[cells[j]] = 0.0
    return out
