"""Error analysis of a predicted alignment against gold beads (verse-merged on the Bible).

Usage:
    python bench/bench_errors.py PRED.align GOLD.align [--merge-units SRC.verse TGT.verse]
        [--show KIND ...]

Predicted beads are merged by unit first (as ``align eval --merge-units`` scores them).
Every wrong predicted bead and every missed gold bead (both sides non-empty) belongs to
one *cluster*: the wrong predicted beads and missed gold beads that share sentences,
transitively (a cluster covers the same sentences on both sides). Each cluster gets
one category:

- ``omission``: a predicted 0-1/1-0 bead is in it;
- ``shift``: as many predicted as gold beads (two or more), the cuts moved: detail
  ``SIDE:N`` = which side's cuts moved (``src``, ``tgt`` or both) by at most N
  sentences, ``:Kbeads`` when the cluster has K > 2 beads;
- ``merge``: one predicted bead covers N gold beads (detail N);
- ``split``: one gold bead of shape a-b predicted in pieces (detail a-b);
- ``other``: P predicted and G gold beads otherwise (detail ``PpGg``).

The table gives the clusters, wrong predicted beads and missed gold beads of each
category; ``--show`` prints the clusters of the given categories (sentence ids).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.aligner.evaluate import merge_units  # noqa: E402
from align.formats.ladder import read_ladder  # noqa: E402
from align.types import Bead  # noqa: E402

KINDS = ("omission", "shift", "merge", "split", "other")
Cluster = tuple[list[Bead], list[Bead]]


def clusters(pred: Sequence[Bead], gold: Sequence[Bead]) -> list[Cluster]:
    """(wrong predicted beads, missed gold beads) of every cluster (module docstring)."""
    gold_keys = {b.key for b in gold}
    pred_keys = {b.key for b in pred}
    wrong = [b for b in pred if b.key not in gold_keys]
    missed = [b for b in gold if b.key not in pred_keys and b.src and b.tgt]
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for b in wrong + missed:
        nodes = [("s", i) for i in b.src] + [("t", j) for j in b.tgt]
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    groups: dict[tuple[str, int], Cluster] = {}
    for k, beads in enumerate((wrong, missed)):
        for b in beads:
            first = ("s", b.src[0]) if b.src else ("t", b.tgt[0])
            groups.setdefault(root(first), ([], []))[k].append(b)
    return list(groups.values())


def _cuts(beads: Sequence[Bead]) -> tuple[list[int], list[int]]:
    """Source and target cut positions between consecutive beads of a cluster."""
    full = sorted((b for b in beads if b.src and b.tgt), key=lambda b: (b.src[0], b.tgt[0]))
    return [b.src[-1] + 1 for b in full[:-1]], [b.tgt[-1] + 1 for b in full[:-1]]


def classify(wrong: Sequence[Bead], missed: Sequence[Bead]) -> tuple[str, str]:
    """(category, detail) of one cluster."""
    if any(not (b.src and b.tgt) for b in wrong):
        return "omission", ""
    p, g = len(wrong), len(missed)
    if p == 1 and g > 1:
        return "merge", str(g)
    if g == 1 and p > 1:
        return "split", f"{len(missed[0].src)}-{len(missed[0].tgt)}"
    if p == g >= 2:
        (ps, pt), (gs, gt) = _cuts(wrong), _cuts(missed)
        ds = [a - b for a, b in zip(ps, gs, strict=True)]
        dt = [a - b for a, b in zip(pt, gt, strict=True)]
        side = "+".join(s for s, d in (("src", ds), ("tgt", dt)) if any(d))
        return "shift", f"{side}:{max(map(abs, ds + dt))}" + ("" if p == 2 else f":{p}beads")
    return "other", f"{p}p{g}g"


def analyse(pred: Sequence[Bead], gold: Sequence[Bead], show: Sequence[str] = ()) -> str:
    """The error table of ``pred`` (already unit-merged) against ``gold``."""
    table: Counter[tuple[str, str]] = Counter()
    detail: Counter[tuple[str, str]] = Counter()
    lines = []
    for wrong, missed in clusters(pred, gold):
        kind, more = classify(wrong, missed)
        table[kind, "clusters"] += 1
        table[kind, "wrong"] += len(wrong)
        table[kind, "missed"] += len(missed)
        detail[kind, more] += 1
        if kind in show:
            lines.append(f"{kind} {more}  predicted {[b.ladder() for b in wrong]}  "
                         f"gold {[b.ladder() for b in missed]}")
    n_wrong = sum(table[k, "wrong"] for k in KINDS)
    n_missed = sum(table[k, "missed"] for k in KINDS)
    lines.append(f"predicted {len(pred)} (wrong {n_wrong}), gold {sum(1 for b in gold if b.src and b.tgt)}"
                 f" (missed {n_missed})")
    lines.append(f"  {'kind':9} {'clusters':>8} {'wrong':>6} {'missed':>6}")
    for k in KINDS:
        lines.append(f"  {k:9} {table[k, 'clusters']:8d} {table[k, 'wrong']:6d} "
                     f"{table[k, 'missed']:6d}")
    lines.append("  detail: " + ", ".join(f"{k}/{d or '-'} {n}"
                                          for (k, d), n in detail.most_common(12)))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pred")
    ap.add_argument("gold")
    ap.add_argument("--merge-units", nargs=2, metavar=("SRC_UNITS", "TGT_UNITS"))
    ap.add_argument("--show", nargs="*", default=[], choices=KINDS)
    args = ap.parse_args()
    pred = list(read_ladder(args.pred))
    if args.merge_units:
        units = [Path(p).read_text("utf-8").splitlines() for p in args.merge_units]
        pred = merge_units(pred, units[0], units[1])
    print(analyse(pred, list(read_ladder(args.gold)), args.show))


if __name__ == "__main__":
    main()
