"""Omissions with precision: a 0-1/1-0 bead only where the sentence has no support
nearby and its neighbours are aligned without it; else it joins the neighbour it fits.

The search glues a sentence that has no counterpart (an omission by the translator, an
added remark) to a neighbouring bead whenever a 0-1/1-0 bead costs more than the damage
the sentence does to that bead; and it leaves a sentence alone when a free translation
of it gives the cosine little to see. Both are judged here (:func:`settle_omissions`)
with figures learned from the document itself, no threshold tuned on a corpus:

- *support* (:class:`Evidence`): how often each word finds its translation
  (dictionary, learned or Model 1; numbers, names, terms) on the other side of its own
  bead and on that of a bead two away (which does not translate it). A sentence's
  log-likelihood ratio "not translated here" against a bead weighs the words it
  matches there and those it does not by these two rates; a word matched as often by
  chance as in its own bead weighs nothing.
- *a lone sentence of the search* (:func:`join_unlikely`) keeps its 0-1/1-0 bead only
  if the model itself believes in it: its posterior probability (forward-backward
  over all paths) is at least one half; otherwise the neighbours are not confidently
  aligned without it and it joins the neighbour that supports it best, by the evidence
  of both sides (below).
- *an edge sentence of a multi-sentence bead* (:func:`split_omissions`) leaves its
  bead when a ratio as high as its ratio there is, at the document's own omission
  rate, more likely for a sentence against a bead that does not translate it than for
  a sentence in its own bead (:meth:`Evidence.omitted`), and the rest of the bead is
  clearly aligned (similarity at least ``min_rest_z`` standard deviations above
  random bead pairs of its shape) and fits the length model (better than the whole,
  or within ``max_rest_sd`` standard deviations): it is a 0-1/1-0 bead. A sentence
  without support in its bead (ratio above 0) that the bead next to it supports (ratio
  below 0) joins that bead instead, whatever the omission rate, when the evidence of
  both sides is larger than what the move costs the model (both in nats): it was
  translated there, and the search put the boundary one sentence off.
- *the evidence of both sides* of moving a sentence from one bead to another: the
  difference of its two ratios, plus the change of the ratios of the other side's
  sentences of both beads (:func:`.edges.other_side`). Last, the same evidence moves
  any edge sentence whose gain beats the model's cost (:func:`.edges.move_edges`).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from align.aligner.cost import BeadCost
from align.aligner.edges import move_edges, other_side
from align.aligner.refine import Coverage
from align.aligner.search import BeadType

Bounds = tuple[int, int, int, int]  # rows i0:i1 and columns j0:j1 of a bead
Path = list[tuple[int, int, int]]
#: The posterior of every bead of a path (forward-backward in the searched band).
Posterior = Callable[[Sequence[tuple[int, int, int]]], Any]


def settle_omissions(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                     model: BeadCost, cov: Coverage, posterior: Posterior,
                     cues: tuple[Any, Any] | None = None) -> Path:
    """The path with every 0-1/1-0 bead judged, unsupported edge sentences split off
    (module docstring) and, by the same evidence, edge sentences moved to the bead
    that the evidence of both sides says they belong to (:func:`.edges.move_edges`,
    with the boundary ``cues`` if given); ``posterior`` gives the posterior of each
    bead of a path."""
    evidence = learn_evidence(cov, path, types)
    path = split_omissions(join_unlikely(path, types, evidence, posterior(path)), types,
                           model, evidence)
    return move_edges(path, types, model, evidence.absent, cues)


def join_unlikely(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                  evidence: Evidence, confidence: Any) -> Path:
    """The path with every 0-1/1-0 bead whose posterior (``confidence``, one per bead)
    is below one half joined to the neighbour that supports its sentence best (lowest
    :meth:`Evidence.absent` less what it adds to the ratios of that bead's other side,
    :func:`.edges.other_side`; the joined bead must have a type)."""
    index = {t: k for k, t in enumerate(types)}
    beads = [[*b, k] for k, b in enumerate(_bounds(path, types))]
    k = 0
    while k < len(beads):
        b = beads[k]
        row, col = b[1] - b[0] == 1 and b[2] == b[3], b[3] - b[2] == 1 and b[0] == b[1]
        best, best_llr = None, math.inf
        doubtful = (row or col) and float(confidence[b[4]]) < 0.5
        for n in (k - 1, k + 1) if doubtful else ():
            if not 0 <= n < len(beads) or beads[n][0] == beads[n][1] or (
                    beads[n][2] == beads[n][3]):
                continue
            p = beads[n]
            merged = [min(p[0], b[0]), max(p[1], b[1]), min(p[2], b[2]), max(p[3], b[3]), p[4]]
            llr = (evidence.absent("row", b[0], p[2], p[3]) if row
                   else evidence.absent("col", b[2], p[0], p[1])) - other_side(
                evidence.absent, "row" if row else "col", p, merged)
            if llr < best_llr and (merged[1] - merged[0], merged[3] - merged[2]) in index:
                best, best_llr = (n, merged), llr
        if best is None:
            k += 1
            continue
        n, merged = best
        beads[min(n, k)] = merged
        del beads[max(n, k)]
        k = min(n, k) + 1
    return [(b[1], b[3], index[(b[1] - b[0], b[3] - b[2])]) for b in beads]


def split_omissions(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                    model: BeadCost, evidence: Evidence, min_rest_z: float = 3.0,
                    max_rest_sd: float = 2.0) -> Path:
    """The path with unsupported edge sentences moved to the next bead that supports
    them or split off as 0-1/1-0 beads (module docstring).

    Args:
        path: (i, j, type index) of each bead's end point, on ``model``'s level.
        types: the bead types (must include (0, 1) and (1, 0)).
        model: the bead-cost model of the level (similarity and length terms).
        evidence: the document's evidence of support (:class:`Evidence`).
        min_rest_z: the rest of the bead must be at least this similar.
        max_rest_sd: the rest must fit the length model within this many standard
            deviations, or better than the whole bead.
    """
    index = {t: k for k, t in enumerate(types)}
    beads = [list(b) for b in _bounds(path, types)]
    k = 0
    while k < len(beads):
        bead = beads[k]
        a, b = bead[1] - bead[0], bead[3] - bead[2]
        best = None
        if a and b and a + b >= 3:
            full = model.delta2(*bead)
            for side, s, rest in _candidates((bead[0], bead[1], bead[2], bead[3]), index):
                lo, hi = (2, 3) if side == "row" else (0, 1)
                llr = evidence.absent(side, s, bead[lo], bead[hi])
                if llr <= 0 or not (evidence.omitted(llr) or _grown(
                        beads, k, side, rest, evidence, index, model, llr) is not None):
                    continue
                fit = model.delta2(*rest)
                if fit <= max(full, max_rest_sd ** 2) and (best is None or fit < best[2]) and (
                        model.z(*rest) >= min_rest_z):
                    best = (side, rest, fit, llr)
        if best is None:
            k += 1
            continue
        k += _leave(beads, k, best[0], best[1], evidence, index, model, best[3])
    return [(b[1], b[3], index[(b[1] - b[0], b[3] - b[2])]) for b in beads]


def _grown(beads: list[list[int]], k: int, side: str, rest: Bounds, evidence: Evidence,
           index: dict[BeadType, int], model: BeadCost, llr: float
           ) -> tuple[int, list[int]] | None:
    """(n, bead n grown by the edge sentence that ``rest`` lacks) if bead n, the one
    next to that sentence, supports it, the grown shape exists, and the evidence of
    both sides (the sentence's ratio ``llr`` in bead k minus its ratio in bead n, plus
    :func:`.edges.other_side` of both beads; in nats) is larger than what the move
    costs the model; else None."""
    first = rest[:3:2] != (beads[k][0], beads[k][2])  # the first sentence leaves
    edge, lo = (0, 2) if side == "row" else (2, 0)
    s = beads[k][edge] if first else beads[k][edge + 1] - 1
    n = k - 1 if first else k + 1
    if not (0 <= n < len(beads) and beads[n][0] < beads[n][1] and beads[n][2] < beads[n][3]):
        return None
    grown = list(beads[n])
    grown[edge + 1 if first else edge] += 1 if first else -1
    there = evidence.absent(side, s, beads[n][lo], beads[n][lo + 1])
    if there >= 0 or (grown[1] - grown[0], grown[3] - grown[2]) not in index:
        return None
    cost = model(*grown) + model(*rest) - model(*beads[n]) - model(*beads[k])
    gain = llr - there + other_side(evidence.absent, side, beads[k], rest) + other_side(
        evidence.absent, side, beads[n], grown)
    return (n, grown) if gain > cost else None


def _leave(beads: list[list[int]], k: int, side: str, rest: Bounds, evidence: Evidence,
           index: dict[BeadType, int], model: BeadCost, llr: float) -> int:
    """Take the edge sentence that ``rest`` lacks out of bead ``k`` (editing ``beads``):
    into the bead next to it if that bead supports it (:func:`_grown`), else into a
    0-1/1-0 bead of its own. Returns the number of beads to step over."""
    move = _grown(beads, k, side, rest, evidence, index, model, llr)
    if move is not None:
        beads[move[0]], beads[k] = move[1], list(rest)
        return 1
    i0, i1, j0, j1 = beads[k]
    first = rest[:3:2] != (i0, j0)
    if side == "row":
        s = i0 if first else i1 - 1
        alone = [s, s + 1, j0, j0] if first else [s, s + 1, j1, j1]
    else:
        s = j0 if first else j1 - 1
        alone = [i0, i0, s, s + 1] if first else [i1, i1, s, s + 1]
    beads[k:k + 1] = [alone, list(rest)] if first else [list(rest), alone]
    return 2


def _bounds(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]) -> list[Bounds]:
    return [(i - types[t][0], i, j - types[t][1], j) for i, j, t in path]


def _candidates(bead: Bounds, index: dict[BeadType, int]) -> list[tuple[str, int, Bounds]]:
    """(side, sentence, rest of the bead) for each edge sentence that may be split off:
    first and last column, then first and last row, where the rest has a bead type."""
    i0, i1, j0, j1 = bead
    a, b = i1 - i0, j1 - j0
    out: list[tuple[str, int, Bounds]] = []
    if b >= 2 and (a, b - 1) in index:
        out += [("col", j0, (i0, i1, j0 + 1, j1)), ("col", j1 - 1, (i0, i1, j0, j1 - 1))]
    if a >= 2 and (a - 1, b) in index:
        out += [("row", i0, (i0 + 1, i1, j0, j1)), ("row", i1 - 1, (i0, i1 - 1, j0, j1))]
    return out


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
    beads = np.asarray([(i - types[t][0], i, j - types[t][1], j) for i, j, t in path
                        if types[t][0] and types[t][1]], dtype=np.int64).reshape(-1, 4)
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
