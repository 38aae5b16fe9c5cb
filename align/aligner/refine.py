"""Boundary refinement: move the edge between neighbouring beads by the evidence of both.

The bead cost judges a bead by the cosine of its two sides and by length. Where a
short sentence sits between two beads (a clause the translator split off), both
beads' cosines barely move whichever side it joins, shared frequent words count for
both, and the length model decides. This post-pass asks a direct question instead:
which words find a translation? The *matched mass* of a bead is the IDF-weighted
number of its words, on both sides, that have a translation (dictionary, learned
or Model 1; numbers, names, glossary terms) on the bead's other side. Moving a
sentence across a boundary changes only the mass of the two beads involved, and
words that match on both sides of the boundary (the frequent ones) cancel out.

For every pair of neighbouring beads, the edge between them may move by one or two
sentences on one side, or by one on both sides (a crossing pair); each placement is
scored with the evidence of both beads,
``coverage_weight * (matched mass of both) - (the model's cost of both) + cues``, where
the cues (:mod:`.boundary`) are the learned log-odds of a bead boundary after the
edge sentence of each side (a colon, a quote, a paragraph end, ...). The best
placement is taken when it beats the current one by more than ``margin`` and raises
the matched mass or the cues (the search already minimised the model's cost alone).
Boundaries are decided left to right on the beads as they were at the start of the
pass; a bead changed by one move is left alone for the rest of the pass; passes
repeat over the boundaries next to a move until nothing moves. Candidates of a pass
are costed in one batch (:class:`.boundary.ManyCosts`), and the matched weight of a
sentence against a span of the other side is computed once.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from typing import Any, NamedTuple

import numpy as np

from align.aligner.features import SideFeatures, Translations
from align.aligner.jit import compiled
from align.aligner.ranges import concat_ranges
from align.aligner.search import BeadType, bounds_path

CHUNK = 4096  # beads per batch of coverage queries (bounds the memory of a batch)
Items = list[tuple[float, frozenset[str]]]  # (weight, keys any of which is a match)
ManyCostFn = Callable[[Any], Any]  # int array of (i0, i1, j0, j1) rows -> model costs
#: Edge moves tried at every boundary: (rows, columns) moved from the first bead to
#: the second (negative) or back (positive).
MOVES: tuple[tuple[int, int], ...] = (
    (-1, 0), (1, 0), (0, -1), (0, 1), (-2, 0), (2, 0), (0, -2), (0, 2),
    (-1, -1), (1, 1), (-1, 1), (1, -1))


@dataclass(frozen=True)
class Coverage:
    """Per-sentence matching data of both sides of a pair, rows (English) first.

    Attributes:
        row_items, col_items: for every sentence of each side, its distinct words with
            their IDF weight and the keys that count as their translation on the other
            side.
        row_keys, col_keys: for every sentence of each side, the keys the other side
            can match.
    """

    row_items: list[Items]
    col_items: list[Items]
    row_keys: list[set[str]]
    col_keys: list[set[str]]
    _index: list[tuple[_SideIndex, _SideIndex]] = field(default_factory=list, repr=False)

    def mass(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Matched mass of the bead of rows i0:i1 and columns j0:j1."""
        return float(self.masses(np.array([[i0, i1, j0, j1]]))[0])

    def masses(self, beads: Any) -> Any:
        """Matched mass of every bead of an int array of rows (i0, i1, j0, j1)."""
        beads = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
        rows, cols = self._sides()
        out = np.zeros(len(beads))
        for own, other, at, span in ((rows, cols, 0, 2), (cols, rows, 2, 0)):
            size = beads[:, at + 1] - beads[:, at]
            for d in range(int(size.max(initial=0))):
                # in chunks: a query expands to one entry per key of each of its words
                for sel in np.array_split(np.flatnonzero(size > d),
                                          1 + len(beads) // CHUNK):
                    out[sel] += _matched(own, other, beads[sel, at] + d, beads[sel, span],
                                         beads[sel, span + 1])
        return out

    def total(self, i0: Any, i1: Any, j0: Any, j1: Any) -> Any:
        """Weight of all words of rows i0:i1 and columns j0:j1 (arrays of beads): the
        largest matched mass they can have."""
        rows, cols = self._sides()
        return rows.cum_weight[i1] - rows.cum_weight[i0] + cols.cum_weight[j1] - cols.cum_weight[j0]

    def found(self, side: str, k: Any, s0: Any, s1: Any) -> tuple[Any, Any, Any]:
        """Which items find a translation, for queries (sentence ``k[q]`` of ``side``,
        "row" or "col", against the other side's sentences ``s0[q]:s1[q]``; int arrays):
        (query, position of the item in the side's items flattened sentence by sentence,
        whether any of its keys is offered there), one entry per item of each query,
        query by query, each sentence's items in order."""
        rows, cols = self._sides()
        own, other = (rows, cols) if side == "row" else (cols, rows)
        return _found(own, other, np.asarray(k, dtype=np.int64),
                      np.asarray(s0, dtype=np.int64), np.asarray(s1, dtype=np.int64))

    def flat_items(self, side: str) -> tuple[Items, Any, Any]:
        """The items of ``side`` ("row" or "col") as arrays: (each item object once,
        the id of every item of every sentence flattened sentence by sentence, and
        sentence k's slice ``ptr[k]:ptr[k + 1]`` of them)."""
        own = self._sides()[0 if side == "row" else 1]
        return own.objects, own.items, own.ptr

    def _sides(self) -> tuple[_SideIndex, _SideIndex]:
        """The array index of both sides (:class:`_SideIndex`), built on first use."""
        if not self._index:
            ids: dict[str, int] = {}
            rows = _side_index(self.row_items, set().union(*self.col_keys), ids)
            cols = _side_index(self.col_items, set().union(*self.row_keys), ids)
            self._index.append((_with_offers(rows, self.row_keys, ids),
                                _with_offers(cols, self.col_keys, ids)))
        return self._index[0]

    def shares(self, side: str, k: Any, s0: Any, s1: Any) -> Any:
        """For queries (sentence ``k[q]`` of ``side``, "row" or "col", against the other
        side's sentences ``s0[q]:s1[q]``; int arrays), the share of the sentence's word
        weight that finds a translation there (0 for a sentence with no words); weights
        are added in the order of the sentence's items."""
        query, pos, found = self.found(side, k, s0, s1)
        own = self._sides()[0 if side == "row" else 1]
        weight = own.weight[own.items[pos]]
        total = np.bincount(query, weights=weight, minlength=len(k))
        hit = np.bincount(query, weights=np.where(found, weight, 0.0), minlength=len(k))
        return np.divide(hit, total, out=np.zeros(len(k)), where=total > 0)


class _SideIndex(NamedTuple):
    """One side's words as arrays: sentence k holds the distinct items
    ``items[ptr[k]:ptr[k + 1]]``; item v weighs ``weight[v]`` and matches through the
    key ids ``keys[key_ptr[v]:key_ptr[v + 1]]``; sentence k offers the other side the
    key ids ``offers[offer_ptr[k]:offer_ptr[k + 1]]``, of ``n_keys`` ids on both sides;
    ``objects[v]`` is item v itself."""

    ptr: Any
    items: Any
    weight: Any
    key_ptr: Any
    keys: Any
    offer_ptr: Any
    offers: Any
    n_keys: int
    n: int
    cum_weight: Any
    objects: list[tuple[float, frozenset[str]]]


def _side_index(sents: list[Items], matchable: set[str], ids: dict[str, int]
                ) -> _SideIndex:
    """The arrays of one side but its offers (:func:`_with_offers`). Items shared
    between sentences are stored once; of an item's keys, only those the other side
    offers somewhere (``matchable``) are kept."""
    # item objects by identity (their addresses), in first-seen order
    flat_objects = list(chain.from_iterable(sents))
    address = np.fromiter(map(id, flat_objects), dtype=np.int64, count=len(flat_objects))
    _, first, inverse = np.unique(address, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    objects: Items = [flat_objects[i] for i in first[order].tolist()]
    weight = [item[0] for item in objects]
    key_lists = [[ids.setdefault(k, len(ids)) for k in item[1] if k in matchable]
                 for item in objects]
    ptr = array("q", [0])
    ptr.extend(accumulate(map(len, sents)))
    n = len(sents)
    w = np.asarray(weight, dtype=np.float64)
    items = rank[inverse.reshape(-1)]
    ptr_arr = np.frombuffer(ptr, dtype=np.int64)
    per_sent = np.bincount(np.repeat(np.arange(n), np.diff(ptr_arr)), weights=w[items],
                           minlength=n)
    return _SideIndex(
        ptr_arr, items, w,
        np.concatenate(([0], np.cumsum([len(ks) for ks in key_lists]))).astype(np.int64),
        np.asarray([k for ks in key_lists for k in ks], dtype=np.int64),
        np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), 0, n,
        np.concatenate(([0.0], np.cumsum(per_sent))), objects)


def _with_offers(side: _SideIndex, offered: list[set[str]], ids: dict[str, int]
                 ) -> _SideIndex:
    """``side`` with the key ids its sentences offer (only keys some item of the other
    side has: ``ids``)."""
    keys = list(chain.from_iterable(offered))
    key = np.fromiter(map(ids.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
    sent = np.repeat(np.arange(len(offered), dtype=np.int64), [len(ks) for ks in offered])
    known = key >= 0
    count = np.bincount(sent[known], minlength=side.n)
    return side._replace(offer_ptr=np.concatenate(([0], np.cumsum(count))).astype(np.int64),
                         offers=key[known], n_keys=len(ids))


def _matched(own: _SideIndex, other: _SideIndex, k: Any, s0: Any, s1: Any) -> Any:
    """Weight of the items of sentences k (one side) that find a key in the other
    side's sentences s0:s1, for arrays of queries."""
    query, pos, found = _found(own, other, k, s0, s1)
    return np.bincount(query, weights=own.weight[own.items[pos]] * found, minlength=len(k))


def _found(own: _SideIndex, other: _SideIndex, k: Any, s0: Any, s1: Any
           ) -> tuple[Any, Any, Any]:
    """(query, flat item position, found) of :meth:`Coverage.found`."""
    n_items = own.ptr[k + 1] - own.ptr[k]
    query = np.repeat(np.arange(len(k)), n_items)
    pos = concat_ranges(own.ptr[k], n_items)
    found = _offered(own.items[pos], query, own.key_ptr, own.keys, other.offer_ptr,
                     other.offers, s0, s1, own.n_keys)
    return query, pos, found


@compiled
def _offered(item: Any, query: Any, key_ptr: Any, keys: Any, offer_ptr: Any, offers: Any,
             s0: Any, s1: Any, n_keys: int) -> Any:
    """Whether any key of ``item[e]`` is offered by a sentence ``s0[q]:s1[q]`` of the
    other side (q = ``query[e]``, entries query by query; the offers of
    :class:`_SideIndex`): each query stamps the keys its span offers, then its items
    look their keys up."""
    out = np.zeros(len(item), dtype=np.bool_)
    stamp = np.full(n_keys, -1, dtype=np.int64)
    for e in range(len(item)):
        q = query[e]
        if e == 0 or q != query[e - 1]:
            for p in range(offer_ptr[s0[q]], offer_ptr[s1[q]]):
                stamp[offers[p]] = q
        for p in range(key_ptr[item[e]], key_ptr[item[e] + 1]):
            if stamp[keys[p]] == q:
                out[e] = True
                break
    return out


def zh_keys(word: str, translate: Translations, min_prob: float = 0.1) -> frozenset[str]:
    """The English keys a Chinese word matches (:func:`coverage`): its learned (Model 1)
    senses with t(e | w) >= ``min_prob`` if it has any, else all its translations."""
    probs = translate.probs.get(word)
    return frozenset((k for k, p in probs.items() if p >= min_prob) if probs
                     else translate(word))


def coverage(zh: SideFeatures, en: SideFeatures, translate: Translations,
             min_prob: float = 0.1) -> Coverage:
    """Matching data of the grid (English rows, Chinese columns): a Chinese word matches an English bead side containing one of
    its translations; an English word (or extra key) matches a Chinese side whose
    words translate to it; extra keys (numbers, names, terms) match themselves.

    A Chinese word with learned (Model 1) probabilities matches only through the
    senses with t(e | w) >= ``min_prob``, the document's own translations: a common
    word's dozens of dictionary senses would match almost any English sentence.
    """
    idf_zh, idf_en = zh.word_idf, en.word_idf
    idf_xz, idf_xe = zh.extra_idf, en.extra_idf
    # one item per word (shared by its sentences), in the order the words first occur
    item_of: dict[str, tuple[float, frozenset[str]] | None] = {}
    for w in zh.word_table[0]:
        ks = zh_keys(w, translate, min_prob)
        item_of[w] = (idf_zh[w], ks) if ks else None
    zi: list[Items] = []
    zk: list[set[str]] = []
    alone: dict[str, tuple[float, frozenset[str]]] = {}  # an extra key matches itself
    for words, extra in zip(zh.words, zh.extra, strict=True):
        items = [it for it in map(item_of.__getitem__, dict.fromkeys(words)) if it is not None]
        items += [alone.get(k) or alone.setdefault(k, (idf_xz[k], frozenset((k,))))
                  for k in dict.fromkeys(extra)]
        zi.append(items)
        zk.append(set().union(*[ks for _, ks in items]))
    own = {k: (idf_en[k], frozenset((k,))) for k in en.word_table[0]}
    ei: list[Items] = []
    ek: list[set[str]] = []
    for words, extra in zip(en.words, en.extra, strict=True):
        items = list(map(own.__getitem__, dict.fromkeys(words)))
        items += [(idf_xe[k], frozenset((k,))) for k in dict.fromkeys(extra)]
        ei.append(items)
        ek.append(set(words) | set(extra))
    return Coverage(ei, zi, ek, zk)


def refine_boundaries(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                      cov: Coverage, costs: ManyCostFn, coverage_weight: float,
                      cues: tuple[Any, Any] | None = None, margin: float = 0.0,
                      max_passes: int = 4) -> list[tuple[int, int, int]]:
    """The path with bead edges moved (module docstring).

    Args:
        path: (i, j, type index) of each bead's end point.
        types: the bead types; a move is only made if both new beads have a type.
        cov: matching data of the pair.
        costs: the model's costs of an int array of beads (i0, i1, j0, j1), e.g.
            :class:`.boundary.ManyCosts` (``inf``: not allowed).
        coverage_weight: cost units per unit of matched mass.
        cues: weights of a bead boundary after every row and every column sentence
            (:func:`.boundary.learn_cues`), or None: no cues.
        margin: a move must gain more than this.
        max_passes: passes over the boundaries; after the first, only those next
            to a move are looked at again.
    """
    side = max(max(t) for t in types) + 1
    known = np.zeros((side, side), dtype=bool)  # shapes with a type, both sides non-empty
    for a, b in types:
        known[a, b] = a > 0 and b > 0
    ends = np.asarray(path, dtype=np.int64).reshape(-1, 3)
    shapes = np.asarray(types, dtype=np.int64).reshape(-1, 2)[ends[:, 2]]
    beads = np.stack([ends[:, 0] - shapes[:, 0], ends[:, 0], ends[:, 1] - shapes[:, 1],
                      ends[:, 1]], axis=1)
    todo = np.arange(len(beads) - 1)
    for _ in range(max_passes):
        done: list[int] = []
        for part in np.array_split(todo, 1 + len(todo) // CHUNK):  # bounded memory
            _refine_pass(beads, part, known, cov, costs, coverage_weight, cues, margin, done)
        moved = np.asarray(done, dtype=np.int64)
        todo = np.unique(np.concatenate([moved - 1, moved, moved + 1]))
        todo = todo[(todo >= 0) & (todo < len(beads) - 1)]
        if not len(todo):
            break
    return bounds_path(beads.tolist(), types)


def _candidates(beads: Any, boundaries: Any, known: Any) -> tuple[Any, Any, Any]:
    """The two beads of every boundary's placements, shape (boundaries, placements, 4):
    placement 0 is the current one, then one per move of :data:`MOVES`; and whether
    each placement leaves two beads of known types."""
    moves = np.array([(0, 0), *MOVES], dtype=np.int64)
    end = np.zeros((len(moves), 4), dtype=np.int64)  # the first bead's ends move
    end[:, 1], end[:, 3] = moves[:, 0], moves[:, 1]
    p = beads[boundaries][:, None, :] + end[None]
    q = beads[boundaries + 1][:, None, :] + end[None][:, :, [1, 0, 3, 2]]  # its starts
    ok = np.ones(p.shape[:2], dtype=bool)
    for bead in (p, q):
        a, b = bead[:, :, 1] - bead[:, :, 0], bead[:, :, 3] - bead[:, :, 2]
        inside = (a >= 0) & (b >= 0) & (a < known.shape[0]) & (b < known.shape[1])
        ok &= inside & known[np.where(inside, a, 0), np.where(inside, b, 0)]
    ok &= ok[:, :1]  # a boundary next to an empty-side bead is left alone
    return p, q, ok


def _refine_pass(beads: Any, boundaries: Any, known: Any, cov: Coverage, costs: ManyCostFn,
                 coverage_weight: float, cues: tuple[Any, Any] | None, margin: float,
                 moved: list[int]) -> None:
    """One left-to-right pass over ``boundaries`` (k: between beads k and k + 1),
    editing ``beads`` (rows i0, i1, j0, j1) in place; the boundaries moved are
    appended to ``moved`` (the pass's moves so far: a bead changed by one is left
    alone)."""
    p, q, ok = _candidates(beads, boundaries, known)
    k_at, m_at = np.nonzero(ok)
    pp, qq = p[k_at, m_at], q[k_at, m_at]
    c = costs(np.concatenate([pp, qq]))
    cost = np.full(ok.shape, np.inf)
    cost[k_at, m_at] = c[:len(pp)] + c[len(pp):]
    cue = np.zeros(ok.shape)
    if cues is not None:
        cue[k_at, m_at] = cues[0][pp[:, 1] - 1] + cues[1][pp[:, 3] - 1]
    mass = np.full(ok.shape, -np.inf)
    now = m_at == 0
    mass[k_at[now], 0] = cov.masses(pp[now]) + cov.masses(qq[now])
    # the matched mass of the two beads is at most all of their words' weight: a move
    # that could not win with all of them matched is not scored
    with np.errstate(invalid="ignore"):  # nan (inf - inf, a bead off the window): False
        bound = (coverage_weight * (cov.total(pp[:, 0], qq[:, 1], pp[:, 2], qq[:, 3])
                                    - mass[k_at, 0])
                 - cost[k_at, m_at] + cost[k_at, 0] + cue[k_at, m_at] - cue[k_at, 0])
    look = ~now & (bound > margin)
    mass[k_at[look], m_at[look]] = cov.masses(pp[look]) + cov.masses(qq[look])
    score = np.full(ok.shape, -np.inf)
    scored = np.isfinite(mass)
    score[scored] = coverage_weight * mass[scored] - cost[scored] + cue[scored]
    # a move must add matched words or cue evidence (the model alone chose the path)
    score[:, 1:][(mass[:, 1:] <= mass[:, :1]) & (cue[:, 1:] <= cue[:, :1])] = -np.inf
    best = 1 + np.argmax(score[:, 1:], axis=1)
    gain = np.full(len(best), -np.inf)
    fine = np.isfinite(score[:, 0])
    gain[fine] = score[fine, best[fine]] - score[fine, 0]
    for n in np.flatnonzero(np.isfinite(gain) & (gain > margin)):
        k = int(boundaries[n])
        if moved and moved[-1] == k - 1:
            continue
        beads[k], beads[k + 1] = p[n, best[n]], q[n, best[n]]
        moved.append(k)
