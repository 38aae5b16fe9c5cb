"""What a boundary post-pass needs besides coverage: cue weights learned from the
document, and the model's bead costs for many candidate beads at once.

Cues. Where a bead boundary falls is told by the punctuation around it: a sentence
ending in a colon (Chinese ``：``) introduces what follows, one ending in a comma or
semicolon is unfinished, a sentence opening a quote (“「) or closing one (”」) starts
or ends a speech, a paragraph end is an end. How much each of these means differs
between texts (a presegmented Bible cuts verses at commas; a novel's dialogue closes
its quotes at every turn), so no weight is a constant: every position *after* a
sentence gets a class (:func:`cue_classes`: how the sentence ends, whether the next
one opens a quote, whether a paragraph ends there) and :func:`learn_cues` measures, on
the confident beads of the current path, how often a position of each class is a
bead boundary. The weight of a class is the log-odds of a boundary there against the
side's base rate, shrunk towards 0 for classes seen a few times only. Moving a bead
edge from one position to another changes the log-likelihood of the side's
boundaries by the difference of the two weights (both in nats, like the bead costs).

Costs. :class:`ManyCosts` evaluates the model's :func:`.cost.bead_cost` for arrays of
beads: the sums a cost is made of (dot products and norms of the bead's summed
vectors) are sums of sentence-pair dot products, computed once for the pairs near
the path, so a candidate bead costs a few array lookups instead of summing 512-wide
vectors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from align.aligner.cost import BeadCost, bead_cost, para_cost
from align.aligner.dots import lag_dots, window_dots
from align.aligner.level import BeadSums, Level
from align.aligner.search import BeadType
from align.aligner.selftrain import confident_beads
from align.aligner.splits import Block, split_points

_COLON = re.compile(r"[：:]\s*$")
_OPEN_END = re.compile(r"[，,、；;—–-]\s*$")
_CLOSE_QUOTE = re.compile(r"[”」』’\"]\s*$")
_OPEN_QUOTE = re.compile(r"^\s*[“「『‘\"]")
N_CLASSES = 16  # 4 endings x opening quote next x paragraph end
SHRINK = 4.0  # pseudo-positions at the base rate added to every class


def cue_classes(texts: Sequence[str]) -> list[int]:
    """The punctuation class of the position after every sentence (the last one's is
    that of the document end): ending 0 plain, 1 colon, 2 comma or semicolon (an
    unfinished sentence), 3 closing quote; plus 4 if the next sentence opens a quote.
    :func:`learn_cues` adds 8 at a paragraph end."""
    out = []
    for k, text in enumerate(texts):
        end = (1 if _COLON.search(text) else 2 if _OPEN_END.search(text)
               else 3 if _CLOSE_QUOTE.search(text) else 0)
        nxt = texts[k + 1] if k + 1 < len(texts) else ""
        out.append(end + (4 if _OPEN_QUOTE.search(nxt) else 0))
    return out


def learn_cues(classes: Sequence[int], paragraphs: Sequence[int], ends: Sequence[int],
               confident: Sequence[range]) -> Any:
    """Weight (nats) of a bead boundary after every sentence of one side.

    Args:
        classes: :func:`cue_classes` of the side's sentences.
        paragraphs: paragraph index of every sentence.
        ends: the side's bead ends on the current path (k: a boundary after sentence
            k - 1).
        confident: sentence ranges of the side in confident beads: the positions
            inside or at the end of one are counted.
    """
    n = len(classes)
    cls = np.asarray(classes, dtype=np.int64)
    if n > 1:
        par = np.asarray(paragraphs)
        cls = cls + 8 * np.append(par[1:] != par[:-1], True)
    boundary = np.zeros(n, dtype=bool)
    ends_arr = np.asarray([e - 1 for e in ends if 0 < e <= n], dtype=np.int64)
    boundary[ends_arr] = True
    counted = np.zeros(n, dtype=bool)
    for r in confident:
        counted[r.start:r.stop] = True
    counted[-1:] = False  # the document end is a boundary whatever its class
    total = int(counted.sum())
    if total == 0:
        return np.zeros(n)
    base = (float(boundary[counted].sum()) + 1.0) / (total + 2.0)
    seen = np.bincount(cls[counted], minlength=N_CLASSES).astype(np.float64)
    hits = np.bincount(cls[counted & boundary], minlength=N_CLASSES).astype(np.float64)
    rate = (hits + SHRINK * base) / (seen + SHRINK)
    weight = np.log(rate / (1.0 - rate)) - math.log(base / (1.0 - base))
    return weight[cls]


class ManyCosts:
    """The model's cost of many beads at once (:func:`.cost.bead_cost`), for beads near
    ``path``: rows whose bead is within ``reach`` columns of a candidate bead's columns.
    A bead reaching outside that window costs ``inf`` (it is never chosen).

    Args:
        model: the model of the run (level, parameters, random-pair statistics).
        path: the current path, (i, j, type index) of each bead's end.
        types: the bead types.
        reach: columns on either side of a row's bead covered by the window.
    """

    def __init__(self, model: BeadCost, path: Sequence[tuple[int, int, int]],
                 types: Sequence[BeadType], reach: int) -> None:
        self.level, self.params, self.stats = model.level, model.params, model.stats
        level = self.level
        ends = np.asarray(path, dtype=np.int64).reshape(-1, 3)
        shapes = np.asarray(types, dtype=np.int64)[ends[:, 2]]
        # every row gets the columns of its bead (rows of 0-1 beads: none)
        lo = np.repeat(ends[:, 1] - shapes[:, 1], shapes[:, 0])
        hi = np.repeat(ends[:, 1], shapes[:, 0])
        self.lo = np.clip(lo - reach, 0, None)
        self.width = int((hi + reach - self.lo).max(initial=1)) + 1
        self.max_side = max(max(t) for t in types)
        self.dots = _PairDots(level, self.lo, self.width, self.max_side)
        grid = self.params.neural.level if self.params.neural is not None else None
        self.ndots = (_PairDots(grid, self.lo, self.width, self.max_side)
                      if grid is not None and (grid.n, grid.m) == (level.n, level.m)
                      else None)

    def __call__(self, beads: Any) -> Any:
        """Costs of ``beads`` (an int array of rows i0, i1, j0, j1)."""
        beads = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
        out = np.full(len(beads), np.inf)
        a_all, b_all = beads[:, 1] - beads[:, 0], beads[:, 3] - beads[:, 2]
        for a, b in sorted(set(zip(a_all.tolist(), b_all.tolist(), strict=True))):
            sel = np.flatnonzero((a_all == a) & (b_all == b))
            i0, j0 = beads[sel, 0], beads[sel, 2]
            if max(a, b) > self.max_side:
                continue
            ok = np.ones(len(sel), dtype=bool)
            if a and b:
                ok = self._inside(i0, j0, a, b)
            if not ok.any():
                continue
            sel, i0, j0 = sel[ok], i0[ok], j0[ok]
            out[sel] = self._costs(i0, j0, a, b)
        return out

    def _inside(self, i0: Any, j0: Any, a: int, b: int) -> Any:
        ok = np.ones(len(i0), dtype=bool)
        for k in range(a):
            off = j0 - self.lo[i0 + k]
            ok &= (off >= 0) & (off + b <= self.width)
        return ok

    def _costs(self, i0: Any, j0: Any, a: int, b: int) -> Any:
        level, params = self.level, self.params
        para = None
        if params.para_penalty and level.px is not None and level.py is not None:
            para = para_cost(level, i0 + a, j0 + b, a, b)
        sums = self.dots.sums(i0, j0, a, b) if a and b else None
        nsums = self.ndots.sums(i0, j0, a, b) if self.ndots is not None and a and b else None
        blocks = None  # the cross term of many-to-many beads, as in BeadCost
        if a > 1 and b > 1 and params.cross_curve is not None and level.factor == 1:
            blocks = [(self._block(i0, j0 + c, r, b - c), self._block(i0 + r, j0, a - r, c))
                      for r, c in split_points(a, b)]
        cost, _ = bead_cost(a, b, sums, params, self.stats, level.factor, para, nsums,
                            blocks)
        return np.broadcast_to(np.asarray(cost, dtype=np.float64), i0.shape)


    def _block(self, i0: Any, j0: Any, a: int, b: int) -> Block:
        """One off-diagonal block of a split (:mod:`.splits`): rows i0:i0+a against
        columns j0:j0+b, as (shape, dot, den)."""
        s = self.dots.sums(i0, j0, a, b)
        return (a, b), s.dot, s.den


class _PairDots:
    """Sentence-pair dot products of one level near a path: ``x_i . y_j`` for the
    columns ``lo[i] <= j < lo[i] + width`` of every row, ``x_i . x_(i+d)`` and
    ``y_j . y_(j+d)`` for d < ``span``, and each vector's product with the other
    side's mean."""

    def __init__(self, level: Level, lo: Any, width: int, span: int) -> None:
        x, y = level.x, level.y
        self.lo, self.width = lo, width
        self.xy = window_dots(x, y, lo, lo + width, width)
        self.xx = lag_dots(x, max(span, 1))
        self.yy = lag_dots(y, max(span, 1))
        self.xm = _row_dots(x, lambda s, e: level.y_mean[None, :])
        self.ym = _row_dots(y, lambda s, e: level.x_mean[None, :])
        self.cxy = float(level.x_mean @ level.y_mean)
        self.cum_lx, self.cum_ly = level.cum_lx, level.cum_ly

    def sums(self, i0: Any, j0: Any, a: int, b: int) -> BeadSums:
        """:class:`.level.BeadSums` of the (a, b) beads starting at rows i0, columns j0."""
        dot = np.zeros(len(i0))
        for k in range(a):
            off = j0 - self.lo[i0 + k]
            for c in range(b):
                dot += self.xy[i0 + k, off + c]
        xx = _bead_norm2(self.xx, i0, a)
        yy = _bead_norm2(self.yy, j0, b)
        sx = sum((self.xm[i0 + k] for k in range(a)), np.zeros(len(i0)))
        sy = sum((self.ym[j0 + c] for c in range(b)), np.zeros(len(i0)))
        return BeadSums(dot=dot, den=np.sqrt(np.maximum(xx * yy, 0.0)), sx=sx, sy=sy,
                        cxy=self.cxy, lx=self.cum_lx[i0 + a] - self.cum_lx[i0],
                        ly=self.cum_ly[j0 + b] - self.cum_ly[j0])


def _row_dots(v: Any, other: Any, chunk: int = 2048) -> Any:
    """``v_i . other(s, e)[i - s]`` for every row i of ``v`` in float64, by chunks of
    rows s:e (float32 vectors are not converted all at once)."""
    n = v.shape[0]
    out = np.zeros(n)
    for s in range(0, n, chunk):
        e = min(n, s + chunk)
        out[s:e] = np.einsum("ij,ij->i", v[s:e].astype(np.float64), other(s, e))
    return out


def _bead_norm2(dots: Any, start: Any, k: int) -> Any:
    """Squared norm of the sum of the k vectors from ``start`` (from :func:`.dots.lag_dots`)."""
    total = np.zeros(len(start))
    for p in range(k):
        total += dots[start + p, 0]
        for q in range(p + 1, k):
            total += 2.0 * dots[start + p, q - p]
    return total


def path_cues(classes: tuple[Sequence[int], Sequence[int]] | None,
              paragraphs: tuple[Sequence[int], Sequence[int]],
              path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
              confidence: Any) -> tuple[Any, Any] | None:
    """Cue weights of the rows and of the columns (:func:`learn_cues`), learned on the
    beads of ``path`` whose confidence is at least 0.9 (as self-training's), or None
    without ``classes``."""
    if classes is None:
        return None
    zh_en = confident_beads(path, types, confidence)
    rows = learn_cues(classes[0], paragraphs[0], [i for i, _, t in path if types[t][0]],
                      [es for _, es in zh_en])
    cols = learn_cues(classes[1], paragraphs[1], [j for _, j, t in path if types[t][1]],
                      [zs for zs, _ in zh_en])
    return rows, cols
