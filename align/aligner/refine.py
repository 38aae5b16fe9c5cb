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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from align.aligner.features import SideFeatures, Translations, _idf
from align.aligner.search import BeadType

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
    _got: dict[tuple[int, int, int, int], float] = field(default_factory=dict, repr=False)
    _keys: dict[tuple[int, int, int], set[str]] = field(default_factory=dict, repr=False)
    _sums: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)

    def mass(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Matched mass of the bead of rows i0:i1 and columns j0:j1."""
        if i0 >= i1 or j0 >= j1:
            return 0.0
        return (sum(self._matched(0, i, j0, j1) for i in range(i0, i1))
                + sum(self._matched(1, j, i0, i1) for j in range(j0, j1)))

    def total(self, i0: Any, i1: Any, j0: Any, j1: Any) -> Any:
        """Weight of all words of rows i0:i1 and columns j0:j1 (arrays of beads): the
        largest matched mass they can have."""
        if "total" not in self._sums:
            self._sums["total"] = (
                np.concatenate(([0.0], np.cumsum([sum(w for w, _ in s) for s in self.row_items]))),
                np.concatenate(([0.0], np.cumsum([sum(w for w, _ in s) for s in self.col_items]))))
        rows, cols = self._sums["total"]
        return rows[i1] - rows[i0] + cols[j1] - cols[j0]

    def _matched(self, side: int, k: int, s0: int, s1: int) -> float:
        """Matched weight of sentence k of ``side`` (0 rows, 1 columns) against the
        other side's sentences s0:s1 (cached: neighbouring candidates share them)."""
        got = self._got.get((side, k, s0, s1))
        if got is None:
            other = self._keys.get((1 - side, s0, s1))
            if other is None:
                other = set().union(*(self.col_keys if side == 0 else self.row_keys)[s0:s1])
                self._keys[(1 - side, s0, s1)] = other
            items = (self.row_items if side == 0 else self.col_items)[k]
            got = self._got[(side, k, s0, s1)] = sum(
                w for w, ks in items if not ks.isdisjoint(other))
        return got


    def row_share(self, i: int, j0: int, j1: int) -> float:
        """Share of row sentence i's word weight that finds a translation in columns
        j0:j1 (0 for a sentence with no words)."""
        return _share(self.row_items[i], set().union(*self.col_keys[j0:j1]))

    def col_share(self, j: int, i0: int, i1: int) -> float:
        """Share of column sentence j's word weight that finds a translation in rows
        i0:i1 (0 for a sentence with no words)."""
        return _share(self.col_items[j], set().union(*self.row_keys[i0:i1]))


def _share(items: Items, other: set[str]) -> float:
    total = sum(w for w, _ in items)
    return sum(w for w, ks in items if not ks.isdisjoint(other)) / total if total > 0 else 0.0


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
    idf_xz, idf_xe = _idf(zh.extra), _idf(en.extra)
    zi: list[Items] = []
    zk: list[set[str]] = []
    cache: dict[str, tuple[float, frozenset[str]] | None] = {}
    alone: dict[str, tuple[float, frozenset[str]]] = {}  # an extra key matches itself
    for words, extra in zip(zh.words, zh.extra, strict=True):
        items: Items = []
        for w in dict.fromkeys(words):
            if w not in cache:
                probs = translate.probs.get(w)
                ks = frozenset(
                    (k for k, p in probs.items() if p >= min_prob) if probs else translate(w))
                cache[w] = (idf_zh[w], ks) if ks else None
            item = cache[w]
            if item is not None:
                items.append(item)
        items += [alone.get(k) or alone.setdefault(k, (idf_xz[k], frozenset((k,))))
                  for k in dict.fromkeys(extra)]
        zi.append(items)
        zk.append(set().union(*(ks for _, ks in items)))
    ei: list[Items] = []
    ek: list[set[str]] = []
    own: dict[str, tuple[float, frozenset[str]]] = {}
    for words, extra in zip(en.words, en.extra, strict=True):
        items = [own.get(k) or own.setdefault(k, (idf_en[k], frozenset((k,))))
                 for k in dict.fromkeys(words)]
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
    index = {t: k for k, t in enumerate(types)}
    beads = [[i - types[t][0], i, j - types[t][1], j] for i, j, t in path]
    todo: Sequence[int] = range(len(beads) - 1)
    for _ in range(max_passes):
        moved = _refine_pass(beads, todo, index, cov, costs, coverage_weight, cues, margin)
        todo = sorted({n for k in moved for n in (k - 1, k, k + 1) if 0 <= n < len(beads) - 1})
        if not todo:
            break
    return [(b[1], b[3], index[(b[1] - b[0], b[3] - b[2])]) for b in beads]


def _candidates(beads: list[list[int]], boundaries: Sequence[int],
                index: dict[BeadType, int]) -> list[tuple[int, list[int], list[int]]]:
    """(boundary, first bead, second bead) of the current placement of every boundary
    (first) and of every move of its edge that leaves two beads of known types."""
    out = []
    for k in boundaries:
        p, q = beads[k], beads[k + 1]
        if p[0] == p[1] or p[2] == p[3] or q[0] == q[1] or q[2] == q[3]:
            continue
        out.append((k, p, q))
        for dr, dc in MOVES:
            np_ = [p[0], p[1] + dr, p[2], p[3] + dc]
            nq = [q[0] + dr, q[1], q[2] + dc, q[3]]
            if ((np_[1] - np_[0], np_[3] - np_[2]) in index
                    and (nq[1] - nq[0], nq[3] - nq[2]) in index
                    and np_[0] < np_[1] and np_[2] < np_[3] and nq[0] < nq[1]
                    and nq[2] < nq[3]):
                out.append((k, np_, nq))
    return out


def _refine_pass(beads: list[list[int]], boundaries: Sequence[int],
                 index: dict[BeadType, int], cov: Coverage, costs: ManyCostFn,
                 coverage_weight: float, cues: tuple[Any, Any] | None, margin: float
                 ) -> list[int]:
    """One left-to-right pass over ``boundaries`` (k: between beads k and k + 1),
    editing ``beads`` (i0, i1, j0, j1) in place; returns the boundaries moved."""
    cands = _candidates(beads, boundaries, index)
    if not cands:
        return []
    both = np.array([p for _, p, _ in cands] + [q for _, _, q in cands], dtype=np.int64)
    c = costs(both)
    cost = c[:len(cands)] + c[len(cands):]
    cue = np.zeros(len(cands))
    if cues is not None:
        cue = cues[0][both[:len(cands), 1] - 1] + cues[1][both[:len(cands), 3] - 1]
    firsts = np.array([n == 0 or cands[n - 1][0] != cands[n][0] for n in range(len(cands))])
    current = np.maximum.accumulate(np.where(firsts, np.arange(len(cands)), 0))
    # the matched mass of the two beads is at most all of their words' weight: a move
    # that could not win with all of them matched is not scored
    mass = np.full(len(cands), -np.inf)
    for n in np.flatnonzero(firsts):
        mass[n] = cov.mass(*cands[n][1]) + cov.mass(*cands[n][2])
    cur = current[~firsts]
    p_all, q_all = both[:len(cands)][~firsts], both[len(cands):][~firsts]
    bound = coverage_weight * (cov.total(p_all[:, 0], q_all[:, 1], p_all[:, 2], q_all[:, 3])
                               - mass[cur]) - cost[~firsts] + cost[cur] + cue[~firsts] - cue[cur]
    for n in np.flatnonzero(~firsts)[bound > margin]:
        mass[n] = cov.mass(*cands[n][1]) + cov.mass(*cands[n][2])
    scored = np.isfinite(mass)
    score = np.full(len(cands), -np.inf)
    score[scored] = coverage_weight * mass[scored] - cost[scored] + cue[scored]
    # a move must add matched words or cue evidence (the model alone chose the path)
    score[~firsts & (mass <= mass[current]) & (cue <= cue[current])] = -np.inf
    moved: list[int] = []
    start = 0
    while start < len(cands):
        k = cands[start][0]
        end = start + 1
        while end < len(cands) and cands[end][0] == k:
            end += 1
        if not (moved and moved[-1] == k - 1) and end > start + 1:
            best = start + 1 + int(np.argmax(score[start + 1:end]))
            gain = score[best] - score[start]
            if np.isfinite(gain) and gain > margin:
                beads[k], beads[k + 1] = cands[best][1], cands[best][2]
                moved.append(k)
        start = end
    return moved
