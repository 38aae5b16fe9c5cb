"""How honest the aligner's confidence is: reliability diagram, calibration error and
how many errors a reviewer finds by reading the least confident beads first.

Usage:
    python bench/bench_calibration.py [--bible PATH] [--docs 001]

Per corpus (corpora/beijing-2024; the listed Bible documents with verse merging, as
in bench_align.py), every predicted bead is correct when the gold has exactly that
bead (strict). Reported: per confidence bin, the number of beads, their mean
confidence and their precision (the reliability diagram's figures); the expected
calibration error (bins weighted by their share of beads); and the share of the wrong
beads found by reviewing the lowest 10 % and 20 % of beads by confidence.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EDGES = (0.0, 0.5, 0.7, 0.9, 0.97, 0.99, 1.0000001)


def predictions(corpus: str, bible: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, correct) of every predicted bead of one corpus."""
    from align.aligner.evaluate import merge_units
    from align.aligner.pipeline import align_segments
    from align.formats.ladder import read_ladder

    units = None
    if corpus == "beijing":
        from align.api import read_segments

        base = ROOT / "corpora" / "beijing-2024"
        src = read_segments(base / "zh.txt", "zh", presplit=False)
        tgt = read_segments(base / "en.raw.txt", "en", presplit=False)
        gold = read_ladder(base / "gold.align")
    else:
        from align.text.segment import segments_from_lines

        base = Path(bible or "")
        src = segments_from_lines((base / "src" / corpus).read_text("utf-8").splitlines(), "en")
        tgt = segments_from_lines((base / "tgt" / corpus).read_text("utf-8").splitlines(), "zh")
        gold = read_ladder(base / "gold" / f"{corpus}.align")
        units = ((base / "src.verse").read_text("utf-8").splitlines(),
                 (base / "tgt.verse").read_text("utf-8").splitlines())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = list(align_segments(src, tgt).beads)
    if units is not None:
        pred = merge_units(pred, *units)
    keys = {b.key for b in gold}
    return (np.array([b.confidence for b in pred]),
            np.array([b.key in keys for b in pred], dtype=bool))


def report(corpus: str, conf: np.ndarray, ok: np.ndarray) -> None:
    n = len(conf)
    print(f"{corpus}: {n} beads, precision {ok.mean():.4f}, mean confidence {conf.mean():.4f}")
    ece = 0.0
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        sel = (conf >= lo) & (conf < hi)
        if not sel.any():
            continue
        ece += sel.sum() / n * abs(ok[sel].mean() - conf[sel].mean())
        print(f"  conf [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}: "
              f"{int(sel.sum()):6d} beads, mean conf {conf[sel].mean():.3f}, "
              f"precision {ok[sel].mean():.3f}")
    order = np.argsort(conf, kind="stable")
    wrong = max(int((~ok).sum()), 1)
    caught = [int((~ok[order[:int(round(share * n))]]).sum()) / wrong for share in (0.1, 0.2)]
    print(f"  ECE {ece:.4f}; errors {int((~ok).sum())}; caught by reviewing the lowest "
          f"10% {caught[0]:.3f}, lowest 20% {caught[1]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="path of the Bible zh-en data (src/, tgt/, gold/, *.verse)")
    ap.add_argument("--docs", nargs="*", default=["001"], help="Bible documents")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    for corpus in ["beijing"] + (list(args.docs) if args.bible else []):
        report(corpus, *predictions(corpus, args.bible))


if __name__ == "__main__":
    main()
