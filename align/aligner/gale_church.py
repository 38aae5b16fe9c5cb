"""A plain Gale-Church (1993) length-based aligner, as a baseline.

Lengths only (characters; ratio estimated on the pair, variance 6.8 per character
as in the original paper), the original bead priors (1-1, 1-0/0-1, 2-1/1-2, 2-2) and
the same banded coarse-to-fine search as the main aligner, so the two can be
compared in one harness. It has no language-specific features, so its grid has the
source sentences as rows (the main aligner's has English rows, :mod:`.level`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align.aligner.core import search
from align.aligner.cost import ScoreParams
from align.aligner.features import text_length
from align.aligner.level import Level
from align.aligner.search import Band, local_confidence
from align.types import Alignment, Bead, Segment
from align.version import signature

GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2,
             (1, 2): 0.089 / 2, (2, 2): 0.011}


def diagonal_band(ls: Any, lt: Any, width: int) -> Band:
    """Cells within ``width`` target sentences of the length-proportional diagonal."""
    n, m = len(ls), len(lt)
    cs = np.concatenate(([0.0], np.cumsum(ls))) / max(float(np.sum(ls)), 1.0)
    ct = np.concatenate(([0.0], np.cumsum(lt))) / max(float(np.sum(lt)), 1.0)
    centre = np.searchsorted(ct, cs)
    lo = np.minimum.accumulate(np.clip(centre - width, 0, m)[::-1])[::-1]
    hi = np.maximum.accumulate(np.clip(centre + width, 0, m))
    lo[0], hi[-1] = 0, m
    return Band(lo.astype(np.int64), hi.astype(np.int64), n, m)


def align_gale_church(src: Sequence[Segment], tgt: Sequence[Segment], width: int = 250
                      ) -> Alignment:
    """Align two sentence lists by length alone (baseline; both sides non-empty).

    Args:
        src, tgt: the sentences.
        width: search a band of this many target sentences around the
            length-proportional diagonal; 0: the coarse-to-fine search of the main
            aligner (blocks of equal sentence counts)."""
    types = list(GC_PRIORS)
    types.sort(key=lambda t: (t != (0, 1), t))
    ls = np.array([text_length(s.text, s.lang) for s in src], dtype=np.float64)
    lt = np.array([text_length(s.text, s.lang) for s in tgt], dtype=np.float64)
    zero_x = np.zeros((len(src), 1), dtype=np.float32)
    zero_y = np.zeros((len(tgt), 1), dtype=np.float32)
    level = Level(zero_x, zero_y, ls, lt, blocks_by_length=False)
    params = ScoreParams(ratio=max(lt.sum(), 1.0) / max(ls.sum(), 1.0), variance=6.8,
                         priors=dict(GC_PRIORS), lex_weight=0.0, dot_weight=0.0)
    band = diagonal_band(ls, lt, width) if width else None
    path, band, costs, _, D = search(level, types, params, band=band)
    conf = local_confidence(band, types, costs, D, path)
    beads = [Bead(tuple(range(i - types[t][0], i)), tuple(range(j - types[t][1], j)),
                  float(min(1.0, max(0.0, c))))
             for (i, j, t), c in zip(path, conf, strict=True)]
    return Alignment(tuple(src), tuple(tgt), tuple(beads),
                     signature(aligner="gale-church", variance=6.8))
