"""Omissions: split an unmatched edge sentence off a multi-sentence bead, and join a
lone sentence that has support next door to that neighbour (:func:`absorb_supported`).

The search glues a sentence that has no counterpart (an omission by the translator,
an added remark) to a neighbouring bead whenever a 0-1/1-0 bead costs more than the
damage the sentence does to that bead, and the deletion prior learned from a first
pass that found few deletions makes that almost always so. This post-pass looks at
the edge sentences of every multi-sentence bead and splits one off as a 0-1/1-0 bead
when all three hold (the similarity and length model are the document pair's own, the
terms of :mod:`.cost` evaluated on one bead):

- the sentence has keys (at least ``min_keys``) but shares none with the bead's
  other side: no word translation (dictionary, learned or Model 1), number, Latin
  token or glossary term;
- the rest of the bead is clearly aligned (its similarity, standardised against
  random bead pairs of its shape, is at least ``min_rest_z``), so the other side
  is already explained without the sentence;
- the length model accepts the rest: it fits better than the whole bead, or within
  ``max_rest_sd`` standard deviations.
"""

from __future__ import annotations

from collections.abc import Sequence

from align.aligner.cost import BeadCost
from align.aligner.refine import Coverage
from align.aligner.search import BeadType

Bounds = tuple[int, int, int, int]  # rows i0:i1 and columns j0:j1 of a bead


def split_omissions(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                    model: BeadCost, row_keys: Sequence[set[str]],
                    col_keys: Sequence[set[str]], min_keys: int = 2, min_rest_z: float = 3.0,
                    max_rest_sd: float = 2.0) -> list[tuple[int, int, int]]:
    """The path with unmatched edge sentences split off (see the module docstring).

    Args:
        path: (i, j, type index) of each bead's end point, on ``model``'s level.
        types: the bead types (must include (0, 1) and (1, 0)).
        model: the bead-cost model of the level (similarity and length terms).
        row_keys, col_keys: the matching keys of every row and column sentence (a
            Chinese sentence's are the translations of its words), numbers, names, terms.
        min_keys: a sentence with fewer keys is not judged.
        min_rest_z: the rest of the bead must be at least this similar.
        max_rest_sd: the rest must fit the length model within this many standard
            deviations, or better than the whole bead.
    """
    t01, t10 = types.index((0, 1)), types.index((1, 0))
    index = {t: k for k, t in enumerate(types)}
    out: list[tuple[int, int, int]] = []
    for i, j, t in path:
        a, b = types[t]
        bead = (i - a, i, j - b, j)
        best = None
        if a and b and a + b >= 3:
            full = model.delta2(*bead)
            for side, k, rest in _candidates(bead, index):
                own, other = ((col_keys[k], set().union(*row_keys[i - a:i])) if side == "col"
                              else (row_keys[k], set().union(*col_keys[j - b:j])))
                if len(own) < min_keys or own & other:
                    continue  # too few keys to judge, or the sentence has a match
                fit = model.delta2(*rest)
                if fit <= max(full, max_rest_sd ** 2) and (best is None or fit < best[1]) and (
                        model.z(*rest) >= min_rest_z):
                    best = (rest, fit)
        if best is None:
            out.append((i, j, t))
            continue
        i0, i1, j0, j1 = best[0]
        rest_t = index[(i1 - i0, j1 - j0)]
        alone = t01 if j1 - j0 < b else t10  # the split-off sentence's own bead
        if (i0, j0) == (i - a, j - b):  # the last sentence goes, after the rest
            out += [(i1, j1, rest_t), (i, j, alone)]
        else:  # the first sentence goes first, on its own
            out += [(i0, j0, alone), (i, j, rest_t)]
    return out


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


def absorb_supported(path: Sequence[tuple[int, int, int]], types: Sequence[BeadType],
                     cov: Coverage, min_share: float = 0.5) -> list[tuple[int, int, int]]:
    """The path with every 0-1/1-0 bead whose sentence has support next door joined to
    that neighbour: an omission must have no support anywhere nearby.

    A sentence's *support* in a neighbouring bead is the share of its words (IDF
    weighted, as in :class:`.refine.Coverage`) that find a translation on that bead's
    other side. With ``min_share`` or more in the bead before or after (the larger
    wins; the joined bead must have a type), the sentence was translated there, and
    a search that left it alone only paid less for the split than for the longer
    bead. A sentence with no words to judge stays alone.
    """
    index = {t: k for k, t in enumerate(types)}
    beads = [[i - types[t][0], i, j - types[t][1], j] for i, j, t in path]
    k = 0
    while k < len(beads):
        b = beads[k]
        alone_row, alone_col = b[1] - b[0] == 1 and b[2] == b[3], b[3] - b[2] == 1 and (
            b[0] == b[1])
        best, best_share = None, min_share
        for n in (k - 1, k + 1) if alone_row or alone_col else ():
            if not 0 <= n < len(beads) or beads[n][0] == beads[n][1] or (
                    beads[n][2] == beads[n][3]):
                continue
            p = beads[n]
            share = (cov.row_share(b[0], p[2], p[3]) if alone_row
                     else cov.col_share(b[2], p[0], p[1]))
            merged = [min(p[0], b[0]), max(p[1], b[1]), min(p[2], b[2]), max(p[3], b[3])]
            if share >= best_share and (merged[1] - merged[0], merged[3] - merged[2]) in index:
                best, best_share = (n, merged), share
        if best is None:
            k += 1
            continue
        n, merged = best
        beads[min(n, k)] = merged
        del beads[max(n, k)]
        k = min(n, k) + 1
    return [(b[1], b[3], index[(b[1] - b[0], b[3] - b[2])]) for b in beads]
