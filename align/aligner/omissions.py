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
  bead when its ratio there, less the support it gives the other side's sentences of
  the bead (:func:`.edges.other_side`), says it is not translated there (above 0), a
  ratio as high is, at the document's own omission rate, more likely for a sentence
  against a bead not translating it than in its own (:meth:`Evidence.omitted`), and the rest of the bead is
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

import math
from collections.abc import Callable, Sequence
from typing import Any

from align.aligner.boundary import ManyCosts
from align.aligner.cost import BeadCost
from align.aligner.edges import move_edges, other_side
from align.aligner.evidence import Evidence, learn_evidence
from align.aligner.refine import Coverage
from align.aligner.search import BeadType, Bounds, bounds_path, path_bounds

Path = list[tuple[int, int, int]]
#: The posterior of every bead of a path (forward-backward in the searched band).
Posterior = Callable[[Sequence[tuple[int, int, int]]], Any]


def settle_omissions(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                     model: BeadCost, cov: Coverage, posterior: Posterior,
                     cues: tuple[Any, Any] | None = None, costs: ManyCosts | None = None,
                     learn_order: Callable[[Path], Callable[[Any], Any]] | None = None
                     ) -> Path:
    """The path with every 0-1/1-0 bead judged, unsupported edge sentences split off
    (module docstring) and, by the same evidence, edge sentences moved to the bead
    that the evidence of both sides says they belong to (:func:`.edges.move_edges`,
    with the boundary ``cues``, the batch bead ``costs`` and the word-order scores
    that ``learn_order`` learns from the path, if given); ``posterior`` gives the
    posterior of each bead of a path. The word order is learned after the evidence,
    so that the working memory of the two batches is not needed at once."""
    evidence = learn_evidence(cov, path, types)
    order = learn_order(list(path)) if learn_order is not None else None
    path = join_unlikely(path, types, evidence, posterior(path))
    evidence.remember(path, types)  # most ratios the passes below ask, in one batch
    path = split_omissions(path, types, model, evidence)
    return move_edges(path, types, model, evidence.absent, cues, costs, order=order)


def join_unlikely(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                  evidence: Evidence, confidence: Any) -> Path:
    """The path with every 0-1/1-0 bead whose posterior (``confidence``, one per bead)
    is below one half joined to the neighbour that supports its sentence best (lowest
    :meth:`Evidence.absent` less what it adds to the ratios of that bead's other side,
    :func:`.edges.other_side`; the joined bead must have a type)."""
    index = {t: k for k, t in enumerate(types)}
    beads = [[*b, k] for k, b in enumerate(path_bounds(path, types))]
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
    return bounds_path(beads, types)


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
    beads = [list(b) for b in path_bounds(path, types)]
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
                # the support it takes from the other side's sentences counts too
                if llr + other_side(evidence.absent, side, bead, rest) <= 0 or not (
                        evidence.omitted(llr) or _grown(
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
    return bounds_path(beads, types)


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
