"""Boundary refinement: move one edge sentence between neighbouring beads by coverage.

The bead cost judges a bead by the cosine of its two sides and by length. Where a
short sentence sits between two beads (a clause the translator split off), both
beads' cosines barely move whichever side it joins, shared frequent words count for
both, and the length model decides. This post-pass asks a direct question instead:
which words find a translation? The *matched mass* of a bead is the IDF-weighted
number of its words, on both sides, that have a translation (dictionary, learned
or Model 1; numbers, names, glossary terms) on the bead's other side. Moving a
sentence across a boundary changes only the mass of the two beads involved, and
words that match on both sides of the boundary (the frequent ones) cancel out.

For every pair of neighbouring beads, moving the last sentence of the first bead or
the first sentence of the second, on either side, is scored as
``coverage_weight * (gain in matched mass) - (increase of the model's bead costs)``
and made when that is above ``margin`` (best move per boundary, boundaries left to
right, a bead changed by one move is left alone for the rest of the pass; passes
repeat over the boundaries next to a move until nothing moves).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from align.aligner.features import SideFeatures, Translations, _idf
from align.aligner.search import BeadType

Items = list[tuple[float, frozenset[str]]]  # (weight, keys any of which is a match)
BeadCostFn = Callable[[int, int, int, int], float]  # (i0, i1, j0, j1) -> model cost


@dataclass
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

    def mass(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Matched mass of the bead of rows i0:i1 and columns j0:j1."""
        if i0 >= i1 or j0 >= j1:
            return 0.0
        rk: set[str] = set().union(*self.row_keys[i0:i1])
        ck: set[str] = set().union(*self.col_keys[j0:j1])
        got = 0.0
        for items, other in ((self.row_items[i0:i1], ck), (self.col_items[j0:j1], rk)):
            for sent in items:
                got += sum(w for w, ks in sent if not ks.isdisjoint(other))
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
                      cov: Coverage, cost: BeadCostFn, coverage_weight: float,
                      margin: float = 0.0, max_passes: int = 4
                      ) -> list[tuple[int, int, int]]:
    """The path with edge sentences moved across bead boundaries (module docstring).

    Args:
        path: (i, j, type index) of each bead's end point.
        types: the bead types; a move is only made if both new beads have a type.
        cov: matching data of the pair.
        cost: ``cost(i0, i1, j0, j1)``, the model's cost of a bead.
        coverage_weight: cost units per unit of matched mass.
        margin: a move must gain more than this.
        max_passes: passes over the boundaries; after the first, only those next
            to a move are looked at again (each move raises the objective, so the
            passes stop on their own).
    """
    index = {t: k for k, t in enumerate(types)}
    beads = [[i - types[t][0], i, j - types[t][1], j] for i, j, t in path]
    todo: Sequence[int] = range(len(beads) - 1)
    for _ in range(max_passes):
        todo = sorted({n for k in _refine_pass(beads, todo, index, cov, cost,
                                               coverage_weight, margin)
                       for n in (k - 1, k, k + 1) if 0 <= n < len(beads) - 1})
        if not todo:
            break
    return [(b[1], b[3], index[(b[1] - b[0], b[3] - b[2])]) for b in beads]


def _refine_pass(beads: list[list[int]], boundaries: Sequence[int],
                 index: dict[BeadType, int], cov: Coverage, cost: BeadCostFn,
                 coverage_weight: float, margin: float) -> list[int]:
    """One left-to-right pass over ``boundaries`` (k: between beads k and k + 1),
    editing ``beads`` (i0, i1, j0, j1) in place; returns the boundaries moved."""
    moved: list[int] = []
    for k in boundaries:
        p, q = beads[k], beads[k + 1]
        if (moved and moved[-1] == k - 1) or p[0] == p[1] or p[2] == p[3] or (
                q[0] == q[1] or q[2] == q[3]):
            continue
        old_mass = cov.mass(*p) + cov.mass(*q)
        old_cost = cost(*p) + cost(*q)
        best, best_gain = None, margin
        for side in (0, 2):  # 0: rows, 2: columns
            for step in (-1, 1):  # -1: last of p goes to q; +1: first of q goes to p
                np_, nq = list(p), list(q)
                np_[side + 1] += step
                nq[side] += step
                if np_[side] == np_[side + 1] or nq[side] == nq[side + 1]:
                    continue
                if (np_[1] - np_[0], np_[3] - np_[2]) not in index or (
                        nq[1] - nq[0], nq[3] - nq[2]) not in index:
                    continue
                gain_mass = cov.mass(*np_) + cov.mass(*nq) - old_mass
                if gain_mass <= 0:
                    continue
                gain = coverage_weight * gain_mass - (
                    cost(*np_) + cost(*nq) - old_cost)
                if gain > best_gain and math.isfinite(gain):
                    best, best_gain = (np_, nq), gain
        if best is not None:
            beads[k], beads[k + 1] = best
            moved.append(k)
    return moved

