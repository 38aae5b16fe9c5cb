"""The bead-cost formula of :mod:`.cost` (its docstring states it) as one compiled loop
over beads: prior, length, lexical and dot terms of many beads of one shape at once.

numpy would evaluate the formula as some twenty whole-array operations, each writing a
temporary array as long as the band; the loop computes each bead's cost in registers.
Every operation is the one numpy made, in the same order and precision (no fused
multiply-add, no reassociation; ``np.interp``'s own steps), so the costs are the same
to the last bit; :func:`.cost.bead_cost` calls it for one bead and for many alike.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from align.aligner.jit import compiled

#: The order of the constants handed to :func:`bead_terms` (:func:`.cost.bead_cost`
#: builds them): bead shape (a, b), ``mean(x) . mean(y)``, -log prior, the shape's
#: random-pair (mean, sd) of the cosine and its clips, the centred dot product's sd and
#: clips, then the length model and the weights.
CONSTANTS = ("a", "b", "cxy", "prior", "mu", "sd", "z_lo", "z_hi", "dot_sd", "dot_lo",
             "dot_hi", "dot_weight", "ratio", "variance", "len_nu", "lex_weight")


@compiled
def bead_terms(dot: Any, den: Any, sx: Any, sy: Any, lx: Any, ly: Any, c: Any,
               knots: Any, values: Any) -> Any:
    """Cost (prior + length - lexical - dot terms) and standardised lexical
    similarity z of beads from their sums (:class:`.level.BeadSums` fields, one value
    per bead) and the constants ``c`` (:data:`CONSTANTS`). ``knots``, ``values``: the
    learned log-likelihood ratio of z (empty: ``lex_weight * z``).

    Returns:
        A (2, beads) float64 array: costs, then z.
    """
    a, b, cxy, prior, mu, sd = c[0], c[1], c[2], c[3], c[4], c[5]
    z_lo, z_hi, dot_sd, dot_lo, dot_hi, dot_weight = c[6], c[7], c[8], c[9], c[10], c[11]
    ratio, variance, len_nu, lex_weight = c[12], c[13], c[14], c[15]
    count = dot.shape[0]
    last = knots.shape[0] - 1
    out = np.empty((2, count))
    for p in range(count):
        # lexical z: 0 where a side has no words (no evidence either way)
        z = 0.0
        if den[p] > 0:
            z = min(max((dot[p] / den[p] - mu) / sd, z_lo), z_hi)
        cdot = dot[p] - b * sx[p] - a * sy[p] + a * b * cxy
        dz = min(max(cdot / dot_sd, dot_lo), dot_hi)
        y = ly[p] / ratio
        d = y - lx[p]
        delta2 = d * d / (variance * max((lx[p] + y) / 2, 1.0))
        if len_nu > 0:
            length = (len_nu + 1) / 2 * math.log1p(delta2 / len_nu)
        else:
            length = min(delta2 / 2, 30.0)
        if last < 0:
            lexical = lex_weight * z
        elif z >= knots[last]:  # np.interp: past the ends, the end values
            lexical = values[last]
        elif z < knots[0]:
            lexical = values[0]
        else:
            lo, hi = 0, last  # knots[lo] <= z < knots[hi]
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if knots[mid] <= z:
                    lo = mid
                else:
                    hi = mid
            if knots[lo] == z:
                lexical = values[lo]
            else:
                slope = (values[lo + 1] - values[lo]) / (knots[lo + 1] - knots[lo])
                lexical = slope * (z - knots[lo]) + values[lo]
        out[0, p] = prior + (length - lexical - dot_weight * dz)
        out[1, p] = z
    return out
