"""The omission pass's evidence: how often each word finds its translation in its own
bead and in a bead two away, learned from the document itself, and the log-likelihood
ratio that a sentence is not translated by a span of the other side.

:mod:`.omissions` and :mod:`.edges` decide from it (a 0-1/1-0 bead, a join, a move);
this module only measures. A word matched about as often by chance as in its own bead
weighs nothing; one that nearly always finds its translation there and rarely two beads
away weighs much. The batch of :func:`learn_evidence` reproduces the single-sentence
ratios of :meth:`Evidence.absent` addition for addition.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from align.aligner.refine import Coverage
from align.aligner.search import BeadType, path_bounds

#: Pseudo-count of the smoothing of a word's match rates toward the document's mean rate.
SMOOTHING = 1.0


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
        translated there: > 0 means no support, < 0 support, 0 no evidence."""
        cov = self.cov
        items, keys = ((cov.row_items[k], cov.col_keys[lo:hi]) if side == "row"
                       else (cov.col_items[k], cov.row_keys[lo:hi]))
        other: set[str] = set().union(*keys)
        weights, unseen = self._weights
        llr = 0.0
        for item in dict.fromkeys(items):  # each word once
            w = weights.get(item, unseen)
            if w is not None:
                llr += w[0] if not item[1].isdisjoint(other) else w[1]
        return llr

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
    values: dict[Any, int] = {}  # an item's value -> its id, both sides
    found = [_found(cov, side, beads, values) for side in ("row", "col")]
    counts = np.zeros((len(values), 4), dtype=np.int64)
    for f in found:
        at = 2 * f.near[f.query]
        counts += np.bincount(f.value * 4 + at, minlength=4 * len(values)).reshape(-1, 4)
        counts += np.bincount(f.value * 4 + at + 1, weights=f.hit,
                              minlength=4 * len(values)).reshape(-1, 4).astype(np.int64)
    total = counts.sum(axis=0).tolist()
    # add-one means stay inside (0, 1), and so do the rates smoothed toward them
    mean_p, mean_q = (total[1] + 1) / (total[0] + 2), (total[3] + 1) / (total[2] + 2)
    items = list(values)
    rates = {items[v]: ((c[1] + SMOOTHING * mean_p) / (c[0] + SMOOTHING),
                        (c[3] + SMOOTHING * mean_q) / (c[2] + SMOOTHING))
             for v, c in enumerate(counts.tolist()) if c[0]}
    ev = Evidence(cov, rates, (mean_p, mean_q), [], [], 0.0)
    own, near = _ratios(ev, items, found)
    lone = sum(types[t][0] + types[t][1] for _, _, t in path if not all(types[t]))
    rate = (lone + 1) / (len(cov.row_items) + len(cov.col_items) + 2)
    return Evidence(cov, rates, (mean_p, mean_q), own, near, rate)


#: Queries (sentence against a span of the other side) per batch of
#: :meth:`.refine.Coverage.found` (bounds the memory of a batch).
QUERY_CHUNK = 16384


class _Found(NamedTuple):
    """Every sentence of the beads against its own bead and the beads two away, on one
    side: query q is sentence ``k[q]`` against a bead two away (``near[q]``) or its
    own; entry e is the first item of its value in its sentence, ``value[e]`` its id,
    ``hit[e]`` whether it finds a translation there (entries query by query, in the
    sentence's order)."""

    k: Any
    near: Any
    query: Any
    value: Any
    hit: Any


def _found(cov: Coverage, side: str, beads: Any, values: dict[Any, int]) -> _Found:
    """The :class:`_Found` of ``side`` ("row" or "col") for ``beads`` (rows i0, i1,
    j0, j1); ``values`` (item -> id) is extended with the side's items."""
    n = np.arange(len(beads))
    src = np.concatenate((n, n[2:], n[:-2]))  # own bead, then two after, two before
    tgt = np.concatenate((n, n[:-2], n[2:]))
    near = np.concatenate((np.zeros(len(n), dtype=np.int64),
                           np.ones(2 * max(len(n) - 2, 0), dtype=np.int64)))
    lo, span = (0, 2) if side == "row" else (2, 0)
    size = beads[src, lo + 1] - beads[src, lo]
    k = np.repeat(beads[src, lo] - np.cumsum(size) + size, size) + np.arange(int(size.sum()))
    s0, s1 = (np.repeat(beads[tgt, span + c], size) for c in (0, 1))
    value, first = _values(cov, side, values)
    query, hit, ids = [], [], []
    for c in range(0, len(k), QUERY_CHUNK):
        q, pos, f = cov.found(side, k[c:c + QUERY_CHUNK], s0[c:c + QUERY_CHUNK],
                              s1[c:c + QUERY_CHUNK])
        keep = first[pos]
        query.append(q[keep] + c)
        ids.append(value[pos[keep]])
        hit.append(f[keep])
    cat = np.concatenate
    return _Found(k, np.repeat(near, size), cat(query or [np.zeros(0, dtype=np.int64)]),
                  cat(ids or [np.zeros(0, dtype=np.int64)]),
                  cat(hit or [np.zeros(0, dtype=bool)]))


def _values(cov: Coverage, side: str, values: dict[Any, int]) -> tuple[Any, Any]:
    """For the items of ``side`` flattened sentence by sentence: the id of each
    item's value (``values``: item -> id, extended), and whether it is the first of
    its value in its sentence (the one ``dict.fromkeys`` keeps)."""
    objects, ids, ptr = cov.flat_items(side)
    of = np.asarray([values.setdefault(item, len(values)) for item in objects],
                    dtype=np.int64)
    value = of[ids]
    sent = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
    first = np.zeros(len(value), dtype=bool)
    first[np.unique(sent * max(len(values), 1) + value, return_index=True)[1]] = True
    return value, first


def _ratios(ev: Evidence, items: list[Any], found: list[_Found]
            ) -> tuple[list[float], list[float]]:
    """The sorted ratios (:meth:`Evidence.absent`) of the queries of ``found`` against
    their own bead and against the beads two away. Each ratio is the sum of its words'
    weights from 0.0 in the sentence's order (``bincount`` adds in input order), so
    it is the very float :meth:`Evidence.absent` computes."""
    weights, unseen = ev._weights
    w = [weights.get(item, unseen) for item in items]
    has = np.asarray([x is not None for x in w], dtype=bool)
    match = np.asarray([x[0] if x is not None else 0.0 for x in w], dtype=np.float64)
    miss = np.asarray([x[1] if x is not None else 0.0 for x in w], dtype=np.float64)
    own: list[float] = []
    near: list[float] = []
    for f in found:
        use = has[f.value]
        llr = np.bincount(f.query[use], weights=np.where(f.hit, match[f.value],
                                                         miss[f.value])[use],
                          minlength=len(f.k))
        own += llr[f.near == 0].tolist()
        near += llr[f.near == 1].tolist()
    return sorted(own), sorted(near)
