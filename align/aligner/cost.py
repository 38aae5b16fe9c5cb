"""The bead-cost model: one formula, evaluated for every band cell at once or for one bead.

Convention (the aligner's own; it never leaves the aligner): a *cost*, lower is better,
read as a negative log-likelihood. The cost of a bead of type (a, b), a rows (English
sentences) and b columns (Chinese sentences), is

    -log prior(a, b)
  + length     min(delta2 / 2, 30): Gale-Church, with the ratio c (column characters per
               row character) and the variance s2 (per row character) estimated on the
               document pair, delta2 = (ly / c - lx)^2 / (s2 * max((lx + ly / c) / 2, 1))
               (a Student-t instead when ``len_nu`` > 0)
  - lexical    lex_weight * z: the cosine of the bead's two summed vectors, standardised
               against random bead pairs of the same shape (Vecalign's normalisation,
               :mod:`.calibration`) and clipped to [-z_clip, z_max * factor], so one
               rare shared word cannot dominate; after a first pass a learned
               log-likelihood ratio of z replaces lex_weight * z
  - dot        dot_weight * the dot product of the two sides centred on the document
               means, in units of its random-pair standard deviation, clipped to
               [-z_clip, dot_max * factor] (it tells which neighbouring bead a short
               sentence belongs to, where cosines barely move)
  + paragraph  para_penalty * (paragraph boundaries crossed inside the bead, plus 1 if
               the bead ends a paragraph on one side only), when both sides have them
  - neural     optional (``params.neural``, :mod:`.neural`): the learned log-likelihood
               ratio of the bead's embedding cosine given its lexical z, from the sums
               of the same bead on the embeddings grid (sentence level only).
  - cross      many-to-many beads (a, b >= 2) only, once learned (``params.cross_curve``,
               :mod:`.crossing`): the log-likelihood ratio (at most 0) of the bead's
               cross z, the evidence its weakest split into two smaller beads would
               throw away (:func:`cross_z`, :mod:`.splits`): a merged bead that is
               really two beads side by side pays for it (sentence level).

Empty-side beads (0-1, 1-0) have only the prior and the paragraph term. Clips scale
with ``factor`` (sentences per unit) because evidence grows with block size at coarse
levels. Summing bead costs along a path makes finer beads win whenever each part
carries its own evidence, and the priors penalise rare multi-sentence beads.

The prior, length, lexical and dot terms are one compiled loop (:mod:`.terms`); the
helpers below (the lexical z, the length difference) serve the calibration and
self-training with the same arithmetic. :func:`bead_costs` feeds :func:`bead_cost`
the sums of every bead type at the band cells, a chunk of cells at a time
(:mod:`.bandsums`; float32 costs for the search); :class:`BeadCost` feeds it the
float64 sums of one bead (:meth:`.level.Level.bead_sums`; for the post-passes). Both
go through :func:`bead_cost`, so they cannot drift apart; a test checks they agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from align.aligner.bandsums import BandTables
from align.aligner.formula import bead_terms
from align.aligner.level import BeadSums, Level
from align.aligner.search import Band, BeadType
from align.aligner.splits import Block, band_blocks, bead_blocks

DEFAULT_PRIORS: dict[BeadType, float] = {
    (1, 1): 0.80, (1, 2): 0.06, (2, 1): 0.06, (2, 2): 0.01, (0, 1): 0.005, (1, 0): 0.005,
    (1, 3): 0.01, (3, 1): 0.01, (2, 3): 0.004, (3, 2): 0.004,
    (2, 4): 0.0005, (4, 2): 0.0005, (3, 3): 0.0005, (3, 4): 0.0002, (4, 3): 0.0002,
    (4, 4): 0.0001,
}
OTHER_PRIOR = 0.001
CHUNK_CELLS = 65536  # band cells evaluated at once by :func:`bead_costs`

#: Random-pair statistics (:func:`.calibration.random_stats`): bead shape -> (mean, sd)
#: of the cosine of random beads of that shape; key (0, 0) -> (0, sd of the centred dot
#: product of random sentence pairs).
RandomStats = dict[BeadType, tuple[float, float]]
Values = Any  # a float, or a numpy array with one value per bead


class Evidence(Protocol):
    """An optional calibrated term computed on a grid of its own (:mod:`.neural`)."""

    @property
    def level(self) -> Level:
        """The term's grid: its vectors for the same rows and columns."""
        ...

    def score(self, sums: BeadSums, a: int, b: int, z_lex: Values) -> Values:
        """Log-likelihood ratio of (a, b) beads from their sums on :attr:`level`."""
        ...

    def describe(self) -> str:
        """Short form for the alignment signature."""
        ...


@dataclass
class ScoreParams:
    """Settings of the bead cost, estimated on the document pair where possible.

    Attributes:
        ratio: column characters per row character (c).
        variance: Gale-Church variance per row character (s2).
        priors: probability of each bead type.
        lex_weight: weight of the standardised lexical similarity.
        dot_weight: weight of the standardised centred dot product.
        dot_max: upper clip of the standardised centred dot product.
        z_max: upper clip of the standardised similarity.
        z_clip: lower clip of both (a dissimilar pair is evidence against, up to a point).
        para_penalty: cost of a paragraph boundary inside a bead, or at the end of a
            bead on one side only (0: no paragraph information).
        len_nu: degrees of freedom of a Student-t length model (0: Gaussian).
        lex_curve: (knots, values) of a learned log-likelihood ratio of the
            standardised similarity (aligned vs random beads); replaces
            ``lex_weight * z`` once learned (see :func:`.calibration.calibrate`).
        neural: the embedding term (:mod:`.neural`), or None.
        cross_curve: (knots, values) of the learned log-likelihood ratio of the cross
            z of many-to-many beads (:func:`cross_z`), or None: no cross term.
    """

    ratio: float = 1.0
    variance: float = 6.8
    priors: dict[BeadType, float] = field(default_factory=lambda: dict(DEFAULT_PRIORS))
    lex_weight: float = 1.0
    dot_weight: float = 0.3
    dot_max: float = 40.0
    z_max: float = 12.0
    z_clip: float = 3.0
    para_penalty: float = 0.0
    len_nu: float = 0.0
    lex_curve: tuple[Any, Any] | None = None
    neural: Evidence | None = None
    cross_curve: tuple[Any, Any] | None = None

    def prior_cost(self, t: BeadType) -> float:
        """-log prior of a bead type."""
        return -math.log(self.priors.get(t, OTHER_PRIOR))

    def describe(self) -> str:
        """Short form for the alignment signature."""
        return (f"len-ratio={self.ratio:.3f},len-var={self.variance:.2f},"
                f"lex-weight={self.lex_weight:g},z-max={self.z_max:g}"
                + ("," + self.neural.describe() if self.neural is not None else ""))


def shape_stats(stats: RandomStats, shape: BeadType) -> tuple[float, float]:
    """(mean, sd) of the random-pair cosine of a shape; (0, 1), i.e. the raw cosine, for
    a shape that was not measured (only shapes longer than the document, which cannot
    end a bead, are left out by :func:`.calibration.random_stats`)."""
    return stats.get(shape, (0.0, 1.0))


def dot_sd(stats: RandomStats) -> float:
    """Standard deviation of the centred dot product of random sentence pairs."""
    return stats.get((0, 0), (0.0, 1.0))[1]


# -- elementwise helpers: numpy for arrays, plain Python for one bead (much faster there)

def _clip(v: Values, lo: float, hi: float) -> Values:
    return np.clip(v, lo, hi) if isinstance(v, np.ndarray) else min(max(v, lo), hi)


def _maximum(v: Values, lo: float) -> Values:
    return np.maximum(v, lo) if isinstance(v, np.ndarray) else max(v, lo)


def _where(cond: Values, a: Values, b: Values) -> Values:
    return np.where(cond, a, b) if isinstance(cond, np.ndarray) else (a if cond else b)


# -- the terms ---------------------------------------------------------------------------

def lexical_z(dot: Values, den: Values, mu: float, sd: float, lo: float, hi: float
              ) -> Values:
    """Standardised cosine ``(dot / den - mu) / sd`` clipped to [lo, hi]; 0 where a side
    has no words (den 0): no words to compare is no evidence either way."""
    ok = den > 0
    cos = dot / _where(ok, den, 1.0)
    return _where(ok, _clip((cos - mu) / sd, lo, hi), 0.0)


def length_delta2(lx: Values, ly: Values, ratio: float, variance: float = 1.0) -> Values:
    """Gale-Church squared standardised length difference, in row characters (with the
    default ``variance`` 1: the squared difference per character, whose robust mean
    estimates the variance, see :func:`.selftrain.estimate_variance`)."""
    ly = ly / ratio
    return (ly - lx) ** 2 / (variance * _maximum((lx + ly) / 2, 1.0))


def similarity_z(dot: Values, den: Values, shape: BeadType, params: ScoreParams,
                 stats: RandomStats, factor: int = 1) -> Values:
    """The lexical term's z of beads of one shape from their dot products and norms."""
    mu, sd = shape_stats(stats, shape)
    return lexical_z(dot, den, mu, sd, -params.z_clip, params.z_max * factor)


def cross_z(blocks: Iterable[tuple[Block, Block]], params: ScoreParams,
            stats: RandomStats, factor: int = 1) -> Values:
    """The evidence a split would throw away, weakest split first: over the splits of
    a many-to-many bead (:mod:`.splits`), the minimum of the larger standardised
    similarity of its two off-diagonal blocks (each block scored like a bead of its
    shape, :func:`similarity_z`)."""
    out: Values = None
    for pair in blocks:
        zs = [similarity_z(dot, den, shape, params, stats, factor) for shape, dot, den in pair]
        z = np.maximum(*zs) if isinstance(zs[0], np.ndarray) else max(zs)
        out = z if out is None else (np.minimum(out, z) if isinstance(z, np.ndarray)
                                     else min(out, z))
    return out


def bead_cost(a: int, b: int, sums: BeadSums | None, params: ScoreParams,
              stats: RandomStats, factor: int = 1, para: Values | None = None,
              neural: BeadSums | None = None,
              blocks: Iterable[tuple[Block, Block]] | None = None
              ) -> tuple[Values, Values | None]:
    """The cost of (a, b) beads from their sums (the module docstring's formula).

    Args:
        a, b: rows and columns of the bead(s).
        sums: their sums (None for an empty-side bead).
        params: the model's settings.
        stats: random-pair statistics.
        factor: sentences per unit of the level (scales the upper clips).
        para: paragraph boundary count (:func:`para_cost`), or None: no paragraph term.
        neural: the beads' sums on ``params.neural``'s grid, or None: no neural term.
        blocks: the off-diagonal blocks of the beads' splits (:mod:`.splits`), or
            None: no cross term.

    Returns:
        (cost, z): z is the standardised similarity (None for an empty-side bead).
    """
    cost: Values = params.prior_cost((a, b))
    z = None
    if a and b and sums is not None:
        cost, z = _terms(a, b, sums, params, stats, factor)
        if neural is not None and params.neural is not None:
            cost = cost - params.neural.score(neural, a, b, z)
        if blocks is not None and params.cross_curve is not None and a > 1 and b > 1:
            knots, values = params.cross_curve
            cost = cost - np.interp(cross_z(blocks, params, stats, factor), knots, values)
    if para is not None:
        cost = cost + params.para_penalty * para
    return cost, z


def _terms(a: int, b: int, sums: BeadSums, params: ScoreParams, stats: RandomStats,
           factor: int) -> tuple[Values, Values]:
    """(cost, z) of (a, b) beads without the neural, cross and paragraph terms: the
    compiled formula (:func:`.formula.bead_terms`), for one bead or an array of them."""
    mu, sd = shape_stats(stats, (a, b))
    consts = np.array([a, b, sums.cxy, params.prior_cost((a, b)), mu, sd, -params.z_clip,
                       params.z_max * factor, dot_sd(stats), -params.z_clip,
                       params.dot_max * factor, params.dot_weight, params.ratio,
                       params.variance, params.len_nu, params.lex_weight], dtype=np.float64)
    curve = params.lex_curve if params.lex_curve is not None else ((), ())
    # float64 (a float32 dot product converts exactly) and contiguous: one compiled
    # signature for the band's sums and for one bead's
    dot, den, sx, sy, lx, ly = (np.ascontiguousarray(np.atleast_1d(v), dtype=np.float64)
                                for v in (sums.dot, sums.den, sums.sx, sums.sy, sums.lx,
                                          sums.ly))
    out = bead_terms(dot, den, sx, sy, lx, ly, consts, np.asarray(curve[0], dtype=np.float64),
                     np.asarray(curve[1], dtype=np.float64))
    if isinstance(sums.dot, np.ndarray):
        return out[0], out[1]
    return float(out[0, 0]), float(out[1, 0])


def para_cost(level: Level, rows: Any, cols: Any, a: int, b: int) -> Any:
    """1 for each paragraph boundary crossed inside the (a, b) beads ending at (rows,
    cols) (arrays), plus 1 if a bead ends a paragraph on one side only."""

    def crossings(p: Any, end: Any, k: int) -> Any:
        if k < 2:
            return 0
        first = p[np.clip(end - k, 0, len(p) - 1)]
        last = p[np.clip(end - 1, 0, len(p) - 1)]
        return (last != first).astype(np.float64)

    def ends_para(p: Any, end: Any) -> Any:
        nxt = np.clip(end, 0, len(p) - 1)
        cur = np.clip(end - 1, 0, len(p) - 1)
        return (end >= len(p)) | (p[nxt] != p[cur])

    cost = crossings(level.px, rows, a) + crossings(level.py, cols, b)
    if a and b:
        cost = cost + (ends_para(level.px, rows) != ends_para(level.py, cols))
    return cost


def _has_paragraphs(level: Level, params: ScoreParams) -> bool:
    return bool(params.para_penalty) and level.px is not None and level.py is not None


def _neural_level(level: Level, params: ScoreParams) -> Level | None:
    """The embeddings grid when the neural term applies at ``level`` (sentences)."""
    grid = params.neural.level if params.neural is not None else None
    return grid if grid is not None and (grid.n, grid.m) == (level.n, level.m) else None


# -- the two evaluations -----------------------------------------------------------------

def bead_costs(level: Level, band: Band, types: Sequence[BeadType], params: ScoreParams,
               stats: RandomStats) -> tuple[Any, Any]:
    """Cost of every bead type ending at every band cell, and the standardised lexical
    similarity (z) of the same beads (nan for empty-side beads).

    Returns:
        (costs, z): float32 arrays of shape (len(types), band.size); ``inf`` where a
        bead would start outside the grid.
    """
    tables = BandTables(level, band, types)
    grid = _neural_level(level, params)
    ntables = BandTables(grid, band, types) if grid is not None else None
    costs = np.empty((len(types), band.size), dtype=np.float32)
    zs = np.full((len(types), band.size), np.nan, dtype=np.float32)
    # a chunk of cells at a time: every term is elementwise, and arrays of that size
    # stay in the processor's cache between the numpy steps (the sums of a shape, the
    # cross and paragraph terms); no array as long as the band is made per shape
    for start, stop in tables.chunks(CHUNK_CELLS):
        sums = tables.sums(start, stop)
        nsums = ntables.sums(start, stop) if ntables is not None else None
        rows, cols = sums.rows, sums.cols
        cells = slice(int(band.off[start]), int(band.off[stop]))
        for t, (a, b) in enumerate(types):
            para = (para_cost(level, rows, cols, a, b) if _has_paragraphs(level, params)
                    else None)
            cost, z = bead_cost(a, b, sums.shape(a, b) if a and b else None, params, stats,
                                level.factor, para,
                                nsums.shape(a, b) if nsums is not None and a and b else None,
                                band_blocks(sums, a, b) if level.factor == 1 else None)
            if z is not None:
                zs[t, cells] = z
            costs[t, cells] = np.where((rows >= a) & (cols >= b), cost, np.inf)
    return costs, zs


class BeadCost:
    """The cost of one bead, by the same :func:`bead_cost` as :func:`bead_costs` (for
    post-passes that compare a few beads off the search band), in float64. Costs are
    remembered (the post-passes ask for the same beads again): ``params`` must not
    change while the object is used."""

    def __init__(self, level: Level, params: ScoreParams, stats: RandomStats) -> None:
        self.level, self.params, self.stats = level, params, stats
        self._seen: dict[tuple[int, int, int, int], float] = {}

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Cost of the bead of rows i0:i1 and columns j0:j1."""
        got = self._seen.get((i0, i1, j0, j1))
        if got is None:
            got = self._seen[i0, i1, j0, j1] = self._cost(i0, i1, j0, j1)
        return got

    def _cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        level, a, b = self.level, i1 - i0, j1 - j0
        para = None
        if _has_paragraphs(level, self.params):
            para = float(np.sum(para_cost(level, np.array([i1]), np.array([j1]), a, b)))
        sums = level.bead_sums(i0, i1, j0, j1) if a and b else None
        grid = _neural_level(level, self.params)
        nsums = grid.bead_sums(i0, i1, j0, j1) if grid is not None and a and b else None
        blocks = bead_blocks(level, i0, i1, j0, j1) if level.factor == 1 else None
        return float(bead_cost(a, b, sums, self.params, self.stats, level.factor, para,
                               nsums, blocks)[0])

    def z(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Standardised (clipped) similarity of a bead with both sides non-empty."""
        s = self.level.bead_sums(i0, i1, j0, j1)
        return float(similarity_z(s.dot, s.den, (i1 - i0, j1 - j0), self.params, self.stats,
                                  self.level.factor))

    def delta2(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Squared standardised length difference of a bead (the length term's input)."""
        lx, ly = self.level.lengths(i0, i1, j0, j1)
        return float(length_delta2(lx, ly, self.params.ratio, self.params.variance))
