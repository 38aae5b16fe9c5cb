"""Edge sentences moved between neighbouring beads by the evidence of both sides.

The search and the boundary refinement (:mod:`.refine`) judge a bead edge by the
model's bead costs and the IDF-weighted matched words. Where neighbouring sentences
share words (a name, a formula, a repeated verb), both beads match the edge sentence
about as well and the bead costs decide, often the wrong way. The omission pass's
evidence (:class:`.evidence.Evidence`) weighs every word by how much more often it
finds its translation in its own bead than two beads away, learned from the document,
so shared words weigh little; this pass asks it, for every edge between two beads with
both sides, whether one edge sentence of either side belongs to the other bead:

    gain = (its ratio in its bead - its ratio in the other bead)
           + the change of the ratios of the other side's sentences of both beads
           + the change of the cue weights of the edge (:mod:`.boundary`)
           + the change of the word-order scores of both beads (:mod:`.order`)

(all log-likelihood ratios, in nats). The other side's change is what makes the
decision two-sided (:func:`other_side`): a sentence whose words next door are already
translated by that bead's own sentences adds nothing there, and one that gives the
only support some words of its own bead have takes it with it. The best move is made
when its gain is larger than what it costs the model (the change of both beads'
costs, in nats); passes repeat over the edges next to a move until nothing moves.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from align.aligner.boundary import ManyCosts
from align.aligner.cost import BeadCost
from align.aligner.search import BeadType, bounds_path, path_bounds

#: :meth:`.evidence.Evidence.absent`: (side, sentence, lo, hi) -> log-likelihood
#: ratio that the sentence is not translated by the other side's sentences lo:hi.
Absent = Callable[[str, int, int, int], float]


def other_side(absent: Absent, side: str, before: Sequence[int], after: Sequence[int]
               ) -> float:
    """How much likelier the other side's sentences of a bead are translated there (the
    sum of their ``absent`` ratios, in nats) once the bead's ``side`` sentences are
    those of ``after`` instead of ``before`` (bounds i0, i1, j0, j1): a sentence that
    leaves takes with it the support it gave; one that arrives adds only what the
    bead's own sentences did not already give."""
    other, at = ("col", 2) if side == "row" else ("row", 0)  # at: its span in bounds
    lo = 2 - at  # the span of ``side``, which the other side's sentences are against
    return sum(absent(other, t, before[lo], before[lo + 1])
               - absent(other, t, after[lo], after[lo + 1])
               for t in range(before[at], before[at + 1]))


def move_edges(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
               model: BeadCost, absent: Absent, cues: tuple[Any, Any] | None = None,
               costs: ManyCosts | None = None, max_passes: int = 4,
               order: Callable[[Any], Any] | None = None) -> list[tuple[int, int, int]]:
    """The path with edge sentences moved to the neighbouring bead where the evidence
    of both sides beats the model's cost (module docstring).

    Args:
        path: (i, j, type index) of each bead's end point, on ``model``'s level.
        types: the bead types; a move is only made if both new beads have a type.
        model: the bead-cost model of the level.
        absent: the document's ratios (:meth:`.evidence.Evidence.absent`, which
            remembers them: a ratio is asked many times).
        cues: weights of a bead boundary after every row and every column sentence
            (:func:`.boundary.learn_cues`), or None: no cues.
        costs: ``model``'s costs of arrays of beads near the path (e.g. the boundary
            refinement's), for the first pass in one batch; None: made here. A bead
            outside its window is costed by ``model``.
        max_passes: passes over the edges; after the first, only those next to a move.
        order: the word-order score of an int array of beads (:meth:`.order.Order.scores`,
            in nats, > 0: against the bead), added to the model's cost; None: none.
    """
    index = {t: k for k, t in enumerate(types)}
    beads = [list(b) for b in path_bounds(path, types)]
    if costs is None:
        costs = ManyCosts(model, path, types, max(map(max, types)) + 2)
    known = _first_costs(beads, index, costs)
    if order is not None and known:  # in one batch too
        for bead, more in zip(list(known), order(np.asarray(list(known), dtype=np.int64))
                              .tolist(), strict=True):
            known[bead] += more

    def cost(bead: list[int]) -> float:
        got = known.get((bead[0], bead[1], bead[2], bead[3]))
        if got is None:
            got = model(*bead) + (0.0 if order is None else float(order(np.asarray(bead))[0]))
        return got

    todo: Sequence[int] = range(len(beads) - 1)
    for _ in range(max_passes):
        moved = []
        for k in todo:
            best = _best_move(beads[k], beads[k + 1], index, cost, absent, cues)
            if best is not None:
                beads[k], beads[k + 1] = best
                moved.append(k)
        todo = sorted({n for k in moved for n in (k - 1, k, k + 1)
                       if 0 <= n < len(beads) - 1})
        if not todo:
            break
    return bounds_path(beads, types)


def _placements(a: list[int], b: list[int], index: dict[BeadType, int]
                ) -> Iterator[tuple[str, int, int, list[int], list[int]]]:
    """(side, span index of the side in a bead's bounds, the sentence, bead a after,
    bead b after) of every move of one edge sentence between neighbouring beads a and
    b (the last of a into b or the first of b into a, either side) that leaves both
    with a type; none if a bead has an empty side."""
    if a[0] == a[1] or a[2] == a[3] or b[0] == b[1] or b[2] == b[3]:
        return
    for side, at in (("col", 2), ("row", 0)):
        for forward in (True, False):
            src = a if forward else b
            if src[at + 1] - src[at] < 2:
                continue  # the bead would lose its only sentence of the side
            na, nb = list(a), list(b)
            step = -1 if forward else 1
            na[at + 1] += step
            nb[at] += step
            if (na[1] - na[0], na[3] - na[2]) in index and (
                    nb[1] - nb[0], nb[3] - nb[2]) in index:
                yield side, at, a[at + 1] - 1 if forward else b[at], na, nb


def _first_costs(beads: list[list[int]], index: dict[BeadType, int], costs: ManyCosts
                 ) -> dict[tuple[int, ...], float]:
    """The model's costs of the beads and of every placement of the first pass, in
    one batch (:class:`.boundary.ManyCosts`; beads outside its window are left out)."""
    asked = [bead for k in range(len(beads) - 1)
             for *_, na, nb in _placements(beads[k], beads[k + 1], index) for bead in (na, nb)]
    asked += [bead for bead in beads if bead[0] < bead[1] and bead[2] < bead[3]]
    if not asked:
        return {}
    got = costs(np.asarray(asked, dtype=np.int64)).tolist()
    return {tuple(bead): c for bead, c in zip(asked, got, strict=True) if math.isfinite(c)}


def _best_move(a: list[int], b: list[int], index: dict[BeadType, int],
               cost: Callable[[list[int]], float], absent: Absent,
               cues: tuple[Any, Any] | None) -> tuple[list[int], list[int]] | None:
    """The two beads after the best move of one edge sentence between beads ``a`` and
    ``b`` (:func:`_placements`) whose gain beats its cost (the change of ``cost`` of
    both beads); None if there is none."""
    best, best_net = None, 0.0
    for side, at, s, na, nb in _placements(a, b, index):
        lo = 2 - at  # the other side's span, which the sentence is against
        forward = na[at + 1] < a[at + 1]
        src, dst, new_src, new_dst = (a, b, na, nb) if forward else (b, a, nb, na)
        net = (absent(side, s, src[lo], src[lo + 1]) - absent(side, s, dst[lo], dst[lo + 1])
               + other_side(absent, side, dst, new_dst)
               - (cost(na) + cost(nb) - cost(a) - cost(b)))
        if cues is not None:
            net += (cues[0][na[1] - 1] + cues[1][na[3] - 1]
                    - cues[0][a[1] - 1] - cues[1][a[3] - 1])
        if net <= best_net:
            continue  # what the bead it leaves loses (never a gain) cannot help
        net += other_side(absent, side, src, new_src)
        if net > best_net:
            best, best_net = (na, nb), net
    return best
