"""The sentence pairs a split of a many-to-many bead would separate (issue 10).

A bead with at least two sentences on each side, (a, b), can also be read as two
smaller beads: the first r rows with the first c columns, then the rest
(1 <= r < a, 1 <= c < b). That split keeps the two diagonal blocks and throws away
the two off-diagonal ones, the first r rows against the last b - c columns and the
last a - r rows against the first c columns. When the translator swapped two
sentences, or moved a clause across a sentence boundary, one of those blocks holds a
translation: that is the evidence for the whole bead which a sum of smaller beads'
costs never sees (:func:`.cost.cross_z`). Empty-side splits (a 0-k part) are the
omission model's business, so 1-k and k-1 beads have no split here.

This module only adds up vectors: for one bead (:func:`bead_blocks`, float64) and for
the beads of one shape ending at every band cell (:func:`band_blocks`, from the
prefix sums of :class:`.bandsums.BandSums`). Each gives, per split, the two
off-diagonal blocks as (shape, dot product, product of norms).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from align.aligner.bandsums import BandSums
from align.aligner.level import Level
from align.aligner.search import BeadType

Block = tuple[BeadType, Any, Any]  # (shape, dot, den) of one off-diagonal block


def split_points(a: int, b: int) -> list[tuple[int, int]]:
    """(rows, columns) of the first part of every split of an (a, b) bead into two
    beads with both sides non-empty; none for 1-k and k-1 beads."""
    return [(r, c) for r in range(1, a) for c in range(1, b)]


def bead_blocks(level: Level, i0: int, i1: int, j0: int, j1: int
                ) -> Iterator[tuple[Block, Block]]:
    """The two off-diagonal blocks of every split of the bead rows i0:i1, columns
    j0:j1 (float64)."""

    def block(r0: int, r1: int, c0: int, c1: int) -> Block:
        x = level.x[r0:r1].sum(axis=0, dtype=np.float64)
        y = level.y[c0:c1].sum(axis=0, dtype=np.float64)
        return (r1 - r0, c1 - c0), float(x @ y), math.sqrt(float(x @ x) * float(y @ y))

    for r, c in split_points(i1 - i0, j1 - j0):
        yield (block(i0, i0 + r, j0 + c, j1), block(i0 + r, i1, j0, j0 + c))


def band_blocks(sums: BandSums, a: int, b: int) -> Iterator[tuple[Block, Block]]:
    """The two off-diagonal blocks of every split of the (a, b) beads ending at every
    band cell (cells too close to the grid's edge for the shape get meaningless
    values, as in :meth:`.bandsums.BandSums.shape`).

    With the bead ending at (i, j): the top-right block is the first r rows (row
    offsets a - r + 1 .. a back from i) against the last b - c columns; the
    bottom-left block is the last a - r rows against the first c columns (the row
    segments of width b minus those of width b - c)."""
    rows, cols = sums.rows, sums.cols
    for r, c in split_points(a, b):
        top = sum(sums.seg[k, b - c] for k in range(a - r + 1, a + 1))
        bottom = sum(sums.seg[k, b] - sums.seg[k, b - c] for k in range(1, a - r + 1))
        top_den = np.sqrt(sums.nx2[r][np.maximum(rows - a + r, 0)] * sums.ny2[b - c][cols])
        bottom_den = np.sqrt(sums.nx2[a - r][rows] * sums.ny2[c][np.maximum(cols - b + c, 0)])
        yield ((r, b - c), top, top_den), ((a - r, c), bottom, bottom_den)
