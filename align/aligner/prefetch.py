"""Bead costs that a post-pass asks for one at a time, computed beforehand in a batch.

The last post-pass (:func:`.edges.move_edges`) asks the model (:class:`.cost.BeadCost`)
for the cost of both beads of every edge of the path, before and after one edge
sentence moves across it: one scalar evaluation of the cost formula per bead, about
60,000 on Bible 006 (some 4 s of CPU). :func:`prefetch` costs the same beads at once,
one vectorised batch per bead shape (:class:`.boundary.ManyCosts`: the same formula,
from the sentence-pair dot products near the path), and hands them to the model's
memory, which then computes one by one only the beads the batch could not reach (off
its window, or after a move has changed a neighbour). The batch adds the dot products
in another order, so a cost can differ from the one-by-one route in the last bits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from align.aligner.cost import BeadCost
from align.aligner.search import BeadType

#: Costs of many beads at once (rows i0, i1, j0, j1 per bead; ``inf``: not reached).
Batch = Callable[[Any], Any]


def edge_beads(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]) -> Any:
    """Every bead of ``path`` and, for every edge between two neighbouring beads, the
    two beads after one edge sentence of either side moves across it, either way, when
    both have a shape of ``types``: rows i0, i1, j0, j1 of each distinct bead."""
    ends = np.asarray(path, dtype=np.int64).reshape(-1, 3)
    shape = np.asarray(types, dtype=np.int64).reshape(-1, 2)[ends[:, 2]]
    beads = np.stack([ends[:, 0] - shape[:, 0], ends[:, 0],
                      ends[:, 1] - shape[:, 1], ends[:, 1]], axis=1)
    out = [beads]
    for at in (0, 2):  # the side: rows (i0, i1) or columns (j0, j1)
        for step in (-1, 1):  # the edge sentence goes forward (-1) or back (+1)
            before, after = beads[:-1].copy(), beads[1:].copy()
            before[:, at + 1] += step
            after[:, at] += step
            ok = _typed(before, types) & _typed(after, types)
            out += [before[ok], after[ok]]
    return np.unique(np.concatenate(out), axis=0)


def _typed(beads: Any, types: Sequence[BeadType]) -> Any:
    """Whether each bead (rows i0, i1, j0, j1) has a shape of ``types``."""
    a, b = beads[:, 1] - beads[:, 0], beads[:, 3] - beads[:, 2]
    known = np.zeros(len(beads), dtype=bool)
    for ta, tb in types:
        known |= (a == ta) & (b == tb)
    return known


def prefetch(model: BeadCost, batch: Batch, beads: Any) -> None:
    """Give ``model`` the costs of ``beads`` (rows i0, i1, j0, j1) that ``batch``
    reaches, computed at once; the model computes the others when asked."""
    beads = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    costs = np.asarray(batch(beads), dtype=np.float64)
    ok = np.isfinite(costs)
    model.remember(map(tuple, beads[ok].tolist()), costs[ok].tolist())
