"""The alignment pipeline: features -> coarse-to-fine search -> self-training -> beads.

1. Feature extraction (:mod:`.features`): lengths, paragraphs, lexical vectors.
2. Coarse-to-fine search (:mod:`.search`, :mod:`.scoring`): each side is cut into
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
4. Boundary refinement (:mod:`.refine`): an edge sentence moves to the neighbouring
   bead when that makes more words (IDF-weighted, both sides) find a translation in
   their bead, by more than the model's bead costs grow.
5. Omissions (:mod:`.omissions`): an edge sentence of a multi-sentence bead that
   shares no word, number, name or term with the bead's other side, while the rest
   of the bead is clearly aligned and fits the length model, is split off as a
   0-1/1-0 bead.
6. Confidence: the posterior probability of each bead (forward-backward).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from align.aligner.calibration import calibrate, path_z, random_stats, random_z
from align.aligner.features import SideFeatures, Translations, embed_en, embed_zh, sentence_keys
from align.aligner.omissions import split_omissions
from align.aligner.refine import coverage, refine_boundaries
from align.aligner.scoring import DEFAULT_PRIORS, BeadCost, Level, ScoreParams, bead_costs
from align.aligner.search import (
    Band,
    BeadType,
    band_around,
    full_band,
    local_confidence,
    posteriors,
    viterbi,
)
from align.aligner.selftrain import confident_beads, dice_associations, model1

MAX_FULL_CELLS = 120_000  # below this many grid cells a level is searched in full
MARGIN = 6  # band half-width (units of the finer level) around a projected path


@dataclass
class Settings:
    """Aligner settings (those a user can change are recorded in the signature).

    Attributes:
        max_bead: largest number of sentences on one side of a bead.
        dim: dimension of the hashed lexical vectors.
        self_train: whether to learn from the first pass and realign.
        min_assoc: minimum co-occurrence count of a learned word pair.
        min_dice: minimum Dice coefficient of a learned word pair.
        seed: seed of the random-pair statistics.
        calibrate: learn the similarity's log-likelihood ratio from the first pass.
        rounds: self-training rounds (learn, rescore, realign).
        model1: learn translation probabilities with IBM Model 1 (else Dice only).
        omissions: split unmatched edge sentences off beads (:mod:`.omissions`).
        refine: move edge sentences across bead boundaries by coverage (:mod:`.refine`).
        coverage_weight: cost units per unit of IDF-weighted matched words.
    """

    max_bead: int = 4
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


@dataclass
class Result:
    """Path and per-bead details of one alignment run.

    ``support`` is the share of paired beads of the first pass whose similarity
    (dictionary only, before self-training) is clearly above chance (z > 1).
    """

    path: list[tuple[int, int, int]]
    types: list[BeadType]
    confidence: Any
    params: ScoreParams
    support: float = 1.0
    learned: int = 0


def search(level: Level, types: Sequence[BeadType], params: ScoreParams, seed: int = 0,
           band: Band | None = None) -> tuple[list[tuple[int, int, int]], Band, Any, Any, Any]:
    """Coarse-to-fine search at ``level`` (or inside ``band`` if given).

    Returns:
        (path, band, costs, z, D) at this level.
    """
    n, m = level.n, level.m
    if band is None:
        if (n + 1) * (m + 1) <= MAX_FULL_CELLS or min(n, m) < 16:
            band = full_band(n, m)
        else:
            coarse_types = [t for t in types if max(t) <= 2]
            coarse, bs, bt = level.coarsen()
            cpath = search(coarse, coarse_types, params, seed)[0]
            points = [(0, 0)] + [(i, j) for i, j, _ in cpath]
            band = band_around(points, bs, bt, MARGIN)
    stats = random_stats(level, types, seed)
    costs, z = bead_costs(level, band, types, params, stats)
    path, D = viterbi(band, types, costs)
    return path, band, costs, z, D


def estimate_length(level: Level, path: Sequence[tuple[int, int, int]],
                    types: Sequence[BeadType], params: ScoreParams) -> float:
    """Gale-Church variance per source character, from the non-empty beads of a path
    (robust: median of the squared standardised differences / 0.455)."""
    import numpy as np

    cls = np.concatenate(([0.0], np.cumsum(level.ls, dtype=np.float64)))
    clt = np.concatenate(([0.0], np.cumsum(level.lt, dtype=np.float64)))
    vals = []
    for i, j, t in path:
        a, b = types[t]
        if a and b:
            ls = cls[i] - cls[i - a]
            lt = (clt[j] - clt[j - b]) / params.ratio
            if ls + lt > 0:
                vals.append((lt - ls) ** 2 / max((ls + lt) / 2, 1.0))
    if len(vals) < 5:
        return params.variance
    return float(max(np.median(vals) / 0.455, 0.5))


def estimate_priors(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]
                    ) -> dict[BeadType, float]:
    """Bead-type probabilities from a path, smoothed towards the default priors.

    The defaults weigh as much as 100 beads: a short document (a speech of 50
    sentences, where no deletion at all is the usual first-pass outcome) cannot
    make a rare bead type rarer than about a third of its default, so an omission
    the first pass glued to a neighbour can still be found; long documents follow
    their own counts.
    """
    counts = Counter(types[t] for _, _, t in path)
    strength = 100.0  # pseudo-count of the defaults
    total = sum(counts.values()) + strength
    out = {}
    for t in types:
        prior = DEFAULT_PRIORS.get(t, 0.001)
        out[t] = (counts.get(t, 0) + strength * prior) / total
    return out


def make_level(zh: SideFeatures, en: SideFeatures, xz: Any, xe: Any, zh_is_src: bool,
               paragraphs: bool) -> Level:
    """The sentence-level Level for a pair of sides and their vectors (source first)."""
    import numpy as np

    src, tgt = (zh, en) if zh_is_src else (en, zh)
    x, y = (xz, xe) if zh_is_src else (xe, xz)
    ps = np.asarray(src.paragraphs) if paragraphs else None
    pt = np.asarray(tgt.paragraphs) if paragraphs else None
    return Level(x, y, np.asarray(src.lengths, dtype=np.float64),
                 np.asarray(tgt.lengths, dtype=np.float64), ps, pt)


def run(zh: SideFeatures, en: SideFeatures, translate: Translations, zh_is_src: bool,
        settings: Settings) -> Result:
    """Align two non-empty sides; see the module docstring for the steps."""
    import numpy as np

    from align.aligner.search import bead_types

    types = bead_types(settings.max_bead)
    src, tgt = (zh, en) if zh_is_src else (en, zh)
    paragraphs = len(set(src.paragraphs)) > 1 and len(set(tgt.paragraphs)) > 1
    xe = embed_en(en, settings.dim)  # self-training changes only the Chinese vectors
    level = make_level(zh, en, embed_zh(zh, en, translate, settings.dim), xe, zh_is_src,
                       paragraphs)
    ratio = max(float(level.lt.sum()), 1.0) / max(float(level.ls.sum()), 1.0)
    params = ScoreParams(ratio=ratio, variance=6.8, para_penalty=1.0 if paragraphs else 0.0)
    path, band, costs, z, D = search(level, types, params, settings.seed)
    first = [z[t, band.index(i, j)] for i, j, t in path if types[t][0] and types[t][1]]
    support = float(np.mean(np.asarray(first) > 1.0)) if first else 0.0
    learned = 0
    for _ in range(settings.rounds if settings.self_train and len(path) >= 4 else 0):
        params.variance = estimate_length(level, path, types, params)
        params.priors = estimate_priors(path, types)
        conf = local_confidence(band, types, costs, D, path)
        beads = confident_beads(path, types, conf, zh_is_src)
        assoc = dice_associations(zh, en, beads, settings.min_assoc, settings.min_dice)
        learned = sum(map(len, assoc.values()))
        translate.learn(assoc)
        if settings.model1:
            translate.probs = model1(zh, en, beads, translate)
        level = make_level(zh, en, embed_zh(zh, en, translate, settings.dim), xe, zh_is_src,
                           paragraphs)
        if settings.calibrate and len(path) >= 300:
            stats = random_stats(level, types, settings.seed)
            zrand = random_z(level, types, stats, params)
            params.lex_curve = calibrate(path_z(level, path, types, stats, params), zrand,
                                         -params.z_clip, params.z_max)
        points = [(0, 0)] + [(i, j) for i, j, _ in path]
        band2 = band_around(points, np.arange(level.n + 1), np.arange(level.m + 1), MARGIN)
        path, band, costs, z, D = search(level, types, params, settings.seed, band2)
    # the post-passes share one set of random-pair statistics (same level, same seed)
    stats = random_stats(level, types, settings.seed)
    if settings.refine and len(path) >= 2:
        path = refine_boundaries(path, types, coverage(zh, en, translate, zh_is_src),
                                 BeadCost(level, params, stats), settings.coverage_weight)
    if settings.omissions and len(path) >= 4:
        zk, ek = sentence_keys(zh, translate), sentence_keys(en, None)
        path = split_omissions(level, path, types, params, stats,
                               *((zk, ek) if zh_is_src else (ek, zk)))
    return Result(path, types, posteriors(band, types, costs, path), params, support, learned)


