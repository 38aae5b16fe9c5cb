"""The alignment run: grid -> coarse-to-fine search -> self-training -> post-passes.

The grid has English sentences as rows and Chinese ones as columns (:mod:`.level`);
:mod:`.pipeline` turns segments into features before and beads into source/target
order after.

1. Features (:mod:`.features`): lengths, paragraphs, lexical vectors.
2. Coarse-to-fine search (:mod:`.search`, :mod:`.cost`): each side is cut into
   about half as many blocks of equal shares of the text, recursively, until the
   grid is small; that grid is aligned in full and the path is refined level by
   level inside a narrow band around the coarser path (Vecalign's recursion), so
   time and memory stay linear in the document length.
3. Self-training (:mod:`.selftrain`), ``rounds`` times: the length variance and the
   bead-type priors are re-estimated from the current path; word associations
   (Dice) and translation probabilities (IBM Model 1) are learned from its
   confident beads; the similarity's log-likelihood ratio is calibrated against
   random pairs (long documents); the pair is rescored and realigned in a band
   around the current path.
4. Boundary refinement (:mod:`.refine`): the edge between two neighbouring beads moves
   by one or two sentences on a side (or one on both) when that makes more words
   (IDF-weighted, both sides) find a translation in their bead, or puts the edge at
   a likelier punctuation cue (log-odds learned on the path, :mod:`.boundary`), by
   more than the model's bead costs grow.
5. Omissions (:mod:`.omissions`): a 0-1/1-0 bead of the search whose posterior is
   below one half joins the neighbour that supports its sentence best; an edge
   sentence of a bead whose words are missing there beyond what the document's own
   figures allow (word-match rates, ratio distributions, omission rate), while the
   rest is clearly aligned and fits the length model, moves to the next bead if that
   one supports it, else becomes a 0-1/1-0 bead. Last, any edge sentence moves to the
   neighbouring bead when the same evidence, on both sides of both beads, the
   boundary cues and the order of the words (where in both beads the sentences'
   translations lie, learned on the path: :mod:`.order`) say so by more than the move
   costs the model (:mod:`.edges`).
6. Confidence (:mod:`.confidence`): the posterior probability of each bead
   (forward-backward), in the last search's band widened where the post-passes moved a
   bead boundary off it, at a temperature learned from the document: the share of its
   beads whose lexical support is no better than its own random sentence pairs'.

With sentence embeddings (``neural``, :mod:`.neural`), every self-training round also
learns the weight of the embedding term from the current path; the final search, the
post-passes and the confidence use it, the searches of the rounds before (whose path
the lexical model learns from) only as far as the dictionary leaves the document in
doubt, and the confidence of a bead whose embedding score is low next to its
neighbours' is lowered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from align.aligner.boundary import ManyCosts, path_cues
from align.aligner.calibration import calibrate, path_z, random_stats, random_z
from align.aligner.confidence import bead_confidence
from align.aligner.cost import BeadCost, ScoreParams, bead_costs
from align.aligner.crossing import learn_cross
from align.aligner.embed import embed_en, embed_zh
from align.aligner.features import SideFeatures, Translations
from align.aligner.level import Level
from align.aligner.neural import calibrate as calibrate_neural
from align.aligner.neural import initial_term, neighbour_confidence
from align.aligner.omissions import settle_omissions
from align.aligner.order import learn_order, sides
from align.aligner.refine import coverage, refine_boundaries
from align.aligner.search import (
    Band,
    BeadType,
    band_around,
    band_with,
    bead_cells,
    bead_types,
    full_band,
    local_confidence,
    posteriors,
    viterbi,
)
from align.aligner.selftrain import (
    confident_beads,
    dice_associations,
    estimate_priors,
    estimate_variance,
    model1,
)

#: Called with the name of each step as it starts (for a progress display).
Progress = Callable[[str], None]

MAX_FULL_CELLS = 120_000  # below this many grid cells a level is searched in full
MARGIN = 6  # band half-width (units of the finer level) around a projected path
# band half-width around the sentence-level path a self-training round realigns: that
# path is no coarse projection, and what a round moves is an edge by a sentence or two
# (measured: 3 gives the same beads as 6 on Bible 001; the band is 40 % narrower)
ROUND_MARGIN = 4


@dataclass
class Settings:
    """Aligner settings (those a user can change are recorded in the signature).

    Attributes:
        max_bead: largest number of sentences on one side of a bead.
        wide_beads: also the many-to-many shapes beyond 2-3 (2-4, 3-3, 3-4, 4-4;
            :func:`.search.bead_types`).
        dim: dimension of the hashed lexical vectors.
        self_train: whether to learn from the first pass and realign.
        min_assoc: minimum co-occurrence count of a learned word pair.
        min_dice: minimum Dice coefficient of a learned word pair.
        seed: seed of the random-pair statistics.
        calibrate: learn the similarity's log-likelihood ratio from the first pass.
        rounds: self-training rounds (learn, rescore, realign).
        model1: learn translation probabilities with IBM Model 1 (else Dice only).
        omissions: judge 0-1/1-0 beads and split unsupported edge sentences off
            beads (:mod:`.omissions`).
        refine: move edge sentences across bead boundaries by coverage (:mod:`.refine`).
        coverage_weight: cost units per unit of IDF-weighted matched words.
        word_order: the last edge moves also weigh where a sentence's translations lie
            in the bead (:mod:`.order`).
    """

    max_bead: int = 4
    wide_beads: bool = False
    dim: int = 512
    self_train: bool = True
    min_assoc: int = 2
    min_dice: float = 0.15
    seed: int = 0
    calibrate: bool = True
    rounds: int = 2
    model1: bool = True
    omissions: bool = True
    refine: bool = True
    coverage_weight: float = 0.25
    word_order: bool = True


@dataclass
class Result:
    """Path and per-bead details of one alignment run.

    ``path`` is on the grid (English rows, Chinese columns). ``support`` is the share of
    paired beads of the first pass whose similarity (dictionary only, before
    self-training) is clearly above chance (z > 1). ``temperature`` is the one the
    confidence was computed at (:func:`.confidence.temperature`, learned per document).
    """

    path: list[tuple[int, int, int]]
    types: list[BeadType]
    confidence: Any
    params: ScoreParams
    support: float = 1.0
    learned: int = 0
    temperature: float = 1.0


class Searched(NamedTuple):
    """One search at one level: the path, the band searched, the bead costs and
    similarities in it, and the cost of the cheapest way to every cell."""

    path: list[tuple[int, int, int]]
    band: Band
    costs: Any
    z: Any
    D: Any


def search(level: Level, types: Sequence[BeadType], params: ScoreParams, seed: int = 0,
           band: Band | None = None) -> Searched:
    """Coarse-to-fine search at ``level`` (or inside ``band`` if given)."""
    n, m = level.n, level.m
    if band is None:
        if (n + 1) * (m + 1) <= MAX_FULL_CELLS or min(n, m) < 16:
            band = full_band(n, m)
        else:
            coarse_types = [t for t in types if max(t) <= 2]
            coarse, bs, bt = level.coarsen()
            cpath = search(coarse, coarse_types, params, seed).path
            points = [(0, 0)] + [(i, j) for i, j, _ in cpath]
            band = band_around(points, bs, bt, MARGIN)
    stats = random_stats(level, types, seed)
    costs, z = bead_costs(level, band, types, params, stats)
    path, D = viterbi(band, types, costs)
    return Searched(path, band, costs, z, D)


def make_level(zh: SideFeatures, en: SideFeatures, xz: Any, xe: Any, paragraphs: bool
               ) -> Level:
    """The sentence-level grid: English rows, Chinese columns (see :mod:`.level`)."""
    return Level(xe, xz, np.asarray(en.lengths, dtype=np.float64),
                 np.asarray(zh.lengths, dtype=np.float64),
                 np.asarray(en.paragraphs) if paragraphs else None,
                 np.asarray(zh.paragraphs) if paragraphs else None)


def _quiet(step: str) -> None:
    """Report nothing (no progress display)."""


def run(zh: SideFeatures, en: SideFeatures, translate: Translations, settings: Settings,
        neural: tuple[Any, Any] | None = None, progress: Progress | None = None,
        cues: tuple[Sequence[int], Sequence[int]] | None = None) -> Result:
    """Align two non-empty sides; see the module docstring for the steps (each
    announced to ``progress`` as it starts).

    ``neural``: (English, Chinese) sentence embeddings, one row per sentence, or None.
    ``cues``: punctuation classes of the English and Chinese sentences
    (:func:`.boundary.cue_classes`) for boundary refinement, or None."""
    progress = progress or _quiet
    progress("search")
    types = bead_types(settings.max_bead, settings.wide_beads)
    paragraphs = len(set(zh.paragraphs)) > 1 and len(set(en.paragraphs)) > 1
    xe = embed_en(en, settings.dim)  # self-training changes only the Chinese vectors
    level = make_level(zh, en, embed_zh(zh, en, translate, settings.dim), xe, paragraphs)
    ratio = max(float(level.ly.sum()), 1.0) / max(float(level.lx.sum()), 1.0)
    params = ScoreParams(ratio=ratio, variance=6.8, para_penalty=1.0 if paragraphs else 0.0)
    term = None if neural is None else initial_term(*neural, level.lx, level.ly, types,
                                                      settings.seed)
    found = search(level, types, params, settings.seed)
    ends = np.asarray(found.path, dtype=np.int64).reshape(-1, 3)
    ends = ends[np.asarray([all(types[t]) for t in ends[:, 2]], dtype=bool)]
    first = found.z[ends[:, 2], found.band.index(ends[:, 0], ends[:, 1])]
    support = float(np.mean(first > 1.0)) if len(first) else 0.0
    learned = 0
    rounds = settings.rounds if settings.self_train and len(found.path) >= 4 else 0
    for k in range(rounds):
        progress(f"self-training {k + 1}/{rounds}")
        level, learned = _learn(zh, en, xe, translate, settings, level, found, types, params,
                                k == rounds - 1)
        if term is not None:  # in the rounds before the last, as far as in doubt (neural.py)
            term = calibrate_neural(term, level, found.path, types, params,
                                    random_stats(level, types, settings.seed))
            params.neural = term if k == rounds - 1 else term.while_learning()
        points = [(0, 0)] + [(i, j) for i, j, _ in found.path]
        band = band_around(points, np.arange(level.n + 1), np.arange(level.m + 1),
                           ROUND_MARGIN)
        found = search(level, types, params, settings.seed, band)
    path = found.path
    # the post-passes share one set of random-pair statistics (same level, same seed)
    stats = random_stats(level, types, settings.seed)
    model = BeadCost(level, params, stats)
    progress("boundaries and omissions")
    cov = coverage(zh, en, translate)
    learned_cues, many = None, None
    if settings.refine and len(path) >= 2:
        conf = local_confidence(found.band, types, found.costs, found.D, path)
        learned_cues = path_cues(cues, (en.paragraphs, zh.paragraphs), path, types, conf)
        many = ManyCosts(model, path, types, max(map(max, types)) + 2)
        path = refine_boundaries(path, types, cov, many, settings.coverage_weight,
                                 learned_cues)

    def held(path: Sequence[tuple[int, int, int]]) -> tuple[Band, Any]:
        # the post-passes can move a bead boundary off the searched band (next to a
        # bead that runs along its edge): a band holding the path, and its costs
        band = band_with(found.band, bead_cells(path, types))
        costs = found.costs if band is found.band else bead_costs(level, band, types,
                                                                  params, stats)[0]
        return band, costs

    def posterior(path: Sequence[tuple[int, int, int]]) -> Any:
        band, costs = held(path)
        return posteriors(band, types, costs, path)

    if settings.omissions and len(path) >= 4:
        def word_order(path: list[tuple[int, int, int]]) -> Any:
            return learn_order(sides(zh, en, translate), path, types).scores

        path = settle_omissions(path, types, model, cov, posterior, learned_cues, many,
                                word_order if settings.word_order else None)
    progress("confidence")
    band, costs = held(path)
    confidence, temp = bead_confidence(band, types, costs, path, cov, settings.seed)
    if term is not None and term.weight > 0:
        confidence = neighbour_confidence(term, confidence, path, types)
    return Result(path, types, confidence, params, support, learned, temp)


def _learn(zh: SideFeatures, en: SideFeatures, xe: Any, translate: Translations,
           settings: Settings, level: Level, found: Searched, types: Sequence[BeadType],
           params: ScoreParams, last: bool = False) -> tuple[Level, int]:
    """One self-training round on the path ``found`` at ``level``: re-estimate the
    length variance and the priors (in ``params``), learn word translations from the
    confident beads (in ``translate``), re-embed the Chinese side and, on long
    documents, calibrate the similarity; on the ``last`` round, learn the cross term
    of many-to-many beads (:mod:`.crossing`) for the final search only, so that what
    it splits does not feed back into the word translations learned from the path.

    Returns:
        (the re-embedded level, the number of learned word pairs).
    """
    path = found.path
    params.variance = estimate_variance(level, path, types, params)
    params.priors = estimate_priors(path, types)
    conf = local_confidence(found.band, types, found.costs, found.D, path)
    beads = confident_beads(path, types, conf)
    assoc = dice_associations(zh, en, beads, settings.min_assoc, settings.min_dice)
    translate.learn(assoc)
    if settings.model1:
        translate.probs = model1(zh, en, beads, translate)
    level = make_level(zh, en, embed_zh(zh, en, translate, settings.dim), xe,
                       level.px is not None)
    if settings.calibrate and len(path) >= 300:
        stats = random_stats(level, types, settings.seed)
        zrand = random_z(level, types, stats, params)
        params.lex_curve = calibrate(path_z(level, path, types, stats, params), zrand,
                                     -params.z_clip, params.z_max)
    if last:
        stats = random_stats(level, types, settings.seed)
        params.cross_curve = learn_cross(level, path, types, params, stats, conf,
                                         path_z(level, path, types, stats, params))
    return level, sum(map(len, assoc.values()))
