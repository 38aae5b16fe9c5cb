"""The omission pass's evidence: how often each word finds its translation in its own
bead and in a bead two away, learned from the document itself, and the log-likelihood
ratio that a sentence is not translated by a span of the other side.

:mod:`.omissions` and :mod:`.edges` decide from it (a 0-1/1-0 bead, a join, a move);
this module only measures. A word matched about as often by chance as in its own bead
weighs nothing; one that nearly always finds its translation there and rarely two beads
away weighs much. The batches (:meth:`Evidence.ratios`, :func:`learn_evidence`)
reproduce the single-sentence ratios of :meth:`Evidence.absent` addition for addition,
and :meth:`Evidence.remember` computes in one batch the ratios a pass that moves single
edge sentences asks about, which :meth:`Evidence.absent` then looks up.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from align.aligner.ranges import concat_ranges
from align.aligner.refine import Coverage
from align.aligner.search import BeadType, path_bounds

#: Pseudo-count of the smoothing of a word's match rates toward the document's mean rate.
SMOOTHING = 1.0
#: A ratio asked of :meth:`Evidence.absent`: (side, sentence, lo, hi).
Query = tuple[str, int, int, int]


class _Words(NamedTuple):
    """Every item of both sides told apart by value (a word is counted once per
    sentence, as :meth:`Evidence.absent` does): ``items[v]`` is value v; per side
    ("row", "col"), for its items flattened sentence by sentence
    (:meth:`.refine.Coverage.flat_items`), the value of each and whether it is the
    first of its value in its sentence."""

    items: list[Any]
    value: dict[str, Any]
    first: dict[str, Any]


@dataclass(frozen=True)
class Evidence:
    """How often each word finds a translation on the other side of a bead, learned
    from the document itself: ``p`` in the beads of its own path (mostly right), ``q``
    in the beads two away (which do not translate it), each smoothed toward the mean
    rate of all words by :data:`SMOOTHING` pseudo-counts; and the distributions of
    the sentences' ratios (:meth:`absent`) in both, with the document's omission rate.

    A word that is matched about as often by chance as in aligned beads (a frequent
    word with many senses, a word the dictionary lacks) carries no evidence; a word
    that nearly always finds its translation in its own bead and rarely elsewhere
    carries much: its absence from a bead says the sentence is not translated there.
    """

    cov: Coverage
    rates: dict[tuple[float, frozenset[str]], tuple[float, float]]
    mean: tuple[float, float]
    own: list[float]  # sorted ratios of the sentences in their own bead
    near: list[float]  # sorted ratios against the beads two before and after
    rate: float  # share of the path's sentences in 0-1/1-0 beads (add-one smoothed)
    words: _Words | None = field(default=None, repr=False, compare=False)  # None: made on use
    _memo: dict[Query, float] = field(default_factory=dict, repr=False, compare=False)

    def omitted(self, llr: float) -> bool:
        """Whether a sentence of a bead of the path, with log-likelihood ratio ``llr``
        there, is more likely left out than translated, by the document's own
        figures: the prior odds of a 0-1/1-0 bead times how much more often a ratio
        this high is seen against a bead that does not translate the sentence (two
        beads away) than against the sentence's own bead."""
        # the sentence is in its own bead, so among ``own``: leaving it out and
        # adding one (smoothing) leaves the count as it is
        tail_own = max(len(self.own) - bisect.bisect_left(self.own, llr), 1) / len(self.own)
        tail_near = (len(self.near) - bisect.bisect_left(self.near, llr) + 1) / (
            len(self.near) + 1)
        return llr > 0 and self.rate * tail_near > (1 - self.rate) * tail_own

    def absent(self, side: str, k: int, lo: int, hi: int) -> float:
        """Log-likelihood ratio that sentence ``k`` of ``side`` ("row" or "col") is
        not translated by the other side's sentences lo:hi (chance) rather than
        translated there: > 0 means no support, < 0 support, 0 no evidence.
        Remembered: asked again, or computed before by :meth:`remember`, it is
        looked up."""
        query = (side, k, lo, hi)
        llr = self._memo.get(query)
        if llr is None:
            llr = self._memo[query] = float(self.ratios(side, [k], [lo], [hi])[0])
        return llr

    def ratios(self, side: str, k: Any, lo: Any, hi: Any) -> Any:
        """:meth:`absent` of the sentences ``k[q]`` of ``side`` against the other
        side's sentences ``lo[q]:hi[q]`` (int arrays), in one batch: each ratio is the
        sum of its words' weights (each word once) from 0.0 in the sentence's order
        (``bincount`` adds in input order), so a query gives the same float alone or
        among others."""
        k, lo, hi = (np.asarray(a, dtype=np.int64) for a in (k, lo, hi))
        return _sum_weights(self._arrays, _found(self.cov, side, k, lo, hi, self._words),
                            len(k))

    def remember(self, path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]
                 ) -> None:
        """Compute in one batch (:meth:`ratios`) the ratios that moving one edge
        sentence of ``path`` to the neighbouring bead asks about (:meth:`absent` looks
        them up): in every bead with both sides, each sentence against its bead's
        other side as it is, with one edge sentence fewer (a side of two or more) and
        with the neighbour's edge sentence more (where that neighbour has both sides
        and two or more on the side); and each edge sentence of a side of two or more
        against the other side of the neighbouring bead with both sides."""
        beads = np.asarray(path_bounds(path, types), dtype=np.int64).reshape(-1, 4)
        for side, at in (("row", 0), ("col", 2)):
            k, lo, hi = (a.tolist() for a in _moves_asked(beads, at))
            self._memo.update(zip(zip([side] * len(k), k, lo, hi, strict=True),
                                  self.ratios(side, k, lo, hi).tolist(), strict=True))

    @cached_property
    def _weights(self) -> tuple[dict[Any, tuple[float, float] | None],
                                tuple[float, float] | None]:
        """Per word (and for a word without rates, at the mean rates): what a match and
        a miss add to :meth:`absent`'s ratio, log(q/p) and log((1-q)/(1-p)), or None
        where the word carries no evidence (p <= q). Computed once: absent() is asked
        many times, and :func:`learn_evidence` weighs every sentence by them."""
        def weight(p: float, q: float) -> tuple[float, float] | None:
            return (math.log(q / p), math.log((1 - q) / (1 - p))) if p > q else None

        return ({item: weight(p, q) for item, (p, q) in self.rates.items()},
                weight(*self.mean))

    @cached_property
    def _words(self) -> _Words:
        """The items told apart by value (:class:`_Words`), made here if not given."""
        return self.words if self.words is not None else _words(self.cov)

    @cached_property
    def _arrays(self) -> tuple[Any, Any, Any]:
        """:attr:`_weights` per value id of :attr:`_words`: whether the value carries
        evidence, what a match adds and what a miss adds."""
        weights, unseen = self._weights
        w = [weights.get(item, unseen) for item in self._words.items]
        return (np.asarray([x is not None for x in w], dtype=bool),
                np.asarray([x[0] if x is not None else 0.0 for x in w], dtype=np.float64),
                np.asarray([x[1] if x is not None else 0.0 for x in w], dtype=np.float64))


def learn_evidence(cov: Coverage, path: Sequence[tuple[int, int, int]],
                   types: Sequence[BeadType]) -> Evidence:
    """Match rates of every word of ``cov`` in the beads of ``path`` with both sides
    and against the other side of the beads two before and after it, the sentences'
    ratios in both, and the share of sentences in 0-1/1-0 beads (:class:`Evidence`).

    Every sentence of a bead is looked at against the other side of its own bead and
    of the beads two away in one batch (:meth:`.refine.Coverage.found`); a word is
    counted once per sentence and words are told apart by value, as in
    :meth:`Evidence.absent`, whose ratios the batch reproduces addition for addition."""
    beads = np.asarray([b for b in path_bounds(path, types) if b[0] < b[1] and b[2] < b[3]],
                       dtype=np.int64).reshape(-1, 4)
    words = _words(cov)
    n = len(words.items)
    queries = [_bead_queries(beads, at) for at in (0, 2)]
    found = [_found(cov, side, *q[:3], words)
             for side, q in zip(("row", "col"), queries, strict=True)]
    counts = np.zeros((n, 4), dtype=np.int64)
    for f, q in zip(found, queries, strict=True):
        at = 2 * q[3][f.query]
        counts += np.bincount(f.value * 4 + at, minlength=4 * n).reshape(-1, 4)
        counts += np.bincount(f.value * 4 + at + 1, weights=f.hit,
                              minlength=4 * n).reshape(-1, 4).astype(np.int64)
    total = counts.sum(axis=0).tolist()
    # add-one means stay inside (0, 1), and so do the rates smoothed toward them
    mean_p, mean_q = (total[1] + 1) / (total[0] + 2), (total[3] + 1) / (total[2] + 2)
    rates = {words.items[v]: ((c[1] + SMOOTHING * mean_p) / (c[0] + SMOOTHING),
                              (c[3] + SMOOTHING * mean_q) / (c[2] + SMOOTHING))
             for v, c in enumerate(counts.tolist()) if c[0]}
    arrays = Evidence(cov, rates, (mean_p, mean_q), [], [], 0.0, words)._arrays
    own: list[float] = []
    near: list[float] = []
    for f, (k, _, _, close) in zip(found, queries, strict=True):
        llr = _sum_weights(arrays, f, len(k))
        own += llr[close == 0].tolist()
        near += llr[close == 1].tolist()
    lone = sum(types[t][0] + types[t][1] for _, _, t in path if not all(types[t]))
    rate = (lone + 1) / (len(cov.row_items) + len(cov.col_items) + 2)
    return Evidence(cov, rates, (mean_p, mean_q), sorted(own), sorted(near), rate, words)


#: Queries (sentence against a span of the other side) per batch of
#: :meth:`.refine.Coverage.found` (bounds the memory of a batch).
QUERY_CHUNK = 16384


class _Found(NamedTuple):
    """Queries of one side (query q: a sentence against a span of the other side)
    and, for each entry e (the first item of its value in its sentence, query by
    query, in the sentence's order), ``value[e]`` its id and ``hit[e]`` whether it
    finds a translation there."""

    query: Any
    value: Any
    hit: Any


def _found(cov: Coverage, side: str, k: Any, s0: Any, s1: Any, words: _Words) -> _Found:
    """The :class:`_Found` of sentences ``k[q]`` of ``side`` ("row" or "col") against
    the other side's sentences ``s0[q]:s1[q]``, in batches of :data:`QUERY_CHUNK`."""
    value, first = words.value[side], words.first[side]
    query, hit, ids = [], [], []
    for c in range(0, len(k), QUERY_CHUNK):
        q, pos, f = cov.found(side, k[c:c + QUERY_CHUNK], s0[c:c + QUERY_CHUNK],
                              s1[c:c + QUERY_CHUNK])
        keep = first[pos]
        query.append(q[keep] + c)
        ids.append(value[pos[keep]])
        hit.append(f[keep])
    cat = np.concatenate
    return _Found(cat(query or [np.zeros(0, dtype=np.int64)]),
                  cat(ids or [np.zeros(0, dtype=np.int64)]),
                  cat(hit or [np.zeros(0, dtype=bool)]))


def _sum_weights(arrays: tuple[Any, Any, Any], found: _Found, n: int) -> Any:
    """The ratio of each of the ``n`` queries of ``found``: the weights
    (:attr:`Evidence._arrays`) of its words, a match's or a miss's, added from 0.0
    in the sentence's order (``bincount`` adds in input order)."""
    has, match, miss = arrays
    use = has[found.value]
    value = found.value[use]
    return np.bincount(found.query[use], minlength=n,
                       weights=np.where(found.hit[use], match[value], miss[value]))


def _bead_queries(beads: Any, at: int) -> tuple[Any, Any, Any, Any]:
    """(sentence, s0, s1, near) of every sentence of the side at ``at`` in ``beads``
    (rows i0, i1, j0, j1; ``at`` 0 rows, 2 columns) against the other side of its own
    bead (near 0), then of the beads two after and two before (near 1)."""
    n = np.arange(len(beads))
    src = np.concatenate((n, n[2:], n[:-2]))  # own bead, then two after, two before
    tgt = np.concatenate((n, n[:-2], n[2:]))
    near = np.concatenate((np.zeros(len(n), dtype=np.int64),
                           np.ones(2 * max(len(n) - 2, 0), dtype=np.int64)))
    span = 2 - at
    size = beads[src, at + 1] - beads[src, at]
    s0, s1 = (np.repeat(beads[tgt, span + c], size) for c in (0, 1))
    return concat_ranges(beads[src, at], size), s0, s1, np.repeat(near, size)


def _moves_asked(beads: Any, at: int) -> tuple[Any, Any, Any]:
    """(sentence, lo, hi) of the ratios of the sentences of the side at ``at`` (0 rows,
    2 columns) that moving one edge sentence between ``beads`` (rows i0, i1, j0, j1)
    asks about (:meth:`Evidence.remember`)."""
    span = 2 - at
    full = (beads[:, 0] < beads[:, 1]) & (beads[:, 2] < beads[:, 3])
    own, other = beads[:, at + 1] - beads[:, at], beads[:, span + 1] - beads[:, span]
    lo, hi = beads[:, span], beads[:, span + 1]
    gives = full & (other >= 2)  # a bead that can give an edge sentence of the other side
    variants = ((full, lo, hi), (gives, lo, hi - 1), (gives, lo + 1, hi),
                (full & np.append(gives[1:], False), lo, hi + 1),
                (full & np.insert(gives[:-1], 0, False), lo - 1, hi))
    ks, los, his = [], [], []
    for mask, v_lo, v_hi in variants:
        b = np.flatnonzero(mask)
        ks.append(concat_ranges(beads[b, at], own[b]))
        los.append(np.repeat(v_lo[b], own[b]))
        his.append(np.repeat(v_hi[b], own[b]))
    pair = full[:-1] & full[1:]
    b = np.flatnonzero(pair & (own[:-1] >= 2))  # the last sentence of bead b into b + 1
    ks.append(beads[b, at + 1] - 1)
    los.append(lo[b + 1])
    his.append(hi[b + 1])
    b = np.flatnonzero(pair & (own[1:] >= 2))  # the first of bead b + 1 into b
    ks.append(beads[b + 1, at])
    los.append(lo[b])
    his.append(hi[b])
    return np.concatenate(ks), np.concatenate(los), np.concatenate(his)


def _words(cov: Coverage) -> _Words:
    """The :class:`_Words` of ``cov``: value ids rows first, then columns."""
    values: dict[Any, int] = {}  # an item's value -> its id, both sides
    value, first = {}, {}
    for side in ("row", "col"):
        objects, ids, ptr = cov.flat_items(side)
        of = np.asarray([values.setdefault(item, len(values)) for item in objects],
                        dtype=np.int64)
        value[side] = of[ids]
        sent = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
        first[side] = np.zeros(len(value[side]), dtype=bool)
        # the first of its value in its sentence: the one ``dict.fromkeys`` keeps
        first[side][np.unique(sent * max(len(values), 1) + value[side],
                              return_index=True)[1]] = True
    return _Words(list(values), value, first)
