"""How honest the aligner's confidence is: reliability diagram, calibration error and
how many errors a reviewer finds by reading the least confident beads first.

Usage:
    python bench/bench_calibration.py [--bible PATH] [--docs 001] [--stress 0 1]
        [--stress-doc 001] [--corpora beijing 001 stress0]

Per corpus (corpora/beijing-2024; the listed Bible documents with verse merging, as
in bench_align.py; the free-translation stress sets of bench_stress.py, built from
``--stress-doc`` with the listed seeds, merged by gold bead, and the same sets
made looser by :func:`loosen`, named ``stresslooseN``), every predicted bead is
correct when the gold has exactly that bead (strict). Reported: per confidence bin,
the number of beads, their mean confidence and their precision (the reliability
diagram's figures); the expected calibration error (bins weighted by their share of
beads); the mean confidence against the precision; the share of the wrong beads at
confidence 0.99 or above; the share found by reviewing the lowest 10 % and 20 % of
beads by confidence, and by reviewing the beads below 0.5 (the default
``needs-review`` threshold of TMX and XLIFF output).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
EDGES = (0.0, 0.5, 0.7, 0.9, 0.97, 0.99, 1.0000001)

Inputs = tuple[list, list, list, tuple[list[str], list[str]] | None]


def inputs(corpus: str, bible: str | None, stress_doc: str) -> Inputs:
    """(source segments, target segments, gold beads, unit ids or None) of a corpus:
    ``beijing``, a Bible document number, or ``stressN`` (the stress set of seed N)."""
    from align.formats.ladder import read_ladder
    from align.text.segment import segments_from_lines

    if corpus == "beijing":
        from align.api import read_segments

        base = ROOT / "corpora" / "beijing-2024"
        return (read_segments(base / "zh.txt", "zh", presplit=False),
                read_segments(base / "en.raw.txt", "en", presplit=False),
                list(read_ladder(base / "gold.align")), None)
    base = Path(bible or "")
    doc = stress_doc if corpus.startswith("stress") else corpus
    en = (base / "src" / doc).read_text("utf-8").splitlines()
    zh = (base / "tgt" / doc).read_text("utf-8").splitlines()
    gold = list(read_ladder(base / "gold" / f"{doc}.align"))
    if not corpus.startswith("stress"):
        units = ((base / "src.verse").read_text("utf-8").splitlines(),
                 (base / "tgt.verse").read_text("utf-8").splitlines())
        return segments_from_lines(en, "en"), segments_from_lines(zh, "zh"), gold, units
    from bench_stress import build, gold_units

    from align.types import Bead

    seed = int(corpus.removeprefix("stress").removeprefix("loose"))
    zh_new, beads = build(en, zh, [(list(b.src), list(b.tgt)) for b in gold], seed=seed)
    if corpus.startswith("stressloose"):
        zh_new = loosen(zh_new, seed)
    units = gold_units(beads, len(en), len(zh_new))
    return (segments_from_lines(en, "en"), segments_from_lines(zh_new, "zh"),
            [Bead(tuple(e), tuple(z), 1.0) for e, z in beads], units)


def loosen(lines: list[str], seed: int, drop: float = 0.3) -> list[str]:
    """A looser translation: every clause (cut at ，and ；) of a Chinese sentence is
    left out with probability ``drop``, keeping at least one (free translations
    leave out and paraphrase; the clause dropped takes its words and length)."""
    import random
    import re

    rng = random.Random(seed + 1000)
    out = []
    for line in lines:
        clauses = [c for c in re.split(r"(?<=[，；])", line) if c]
        kept = [c for c in clauses if rng.random() >= drop] or [rng.choice(clauses)]
        out.append("".join(kept))
    return out


def predictions(corpus: str, bible: str | None, stress_doc: str = "001"
                ) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, correct) of every predicted bead of one corpus."""
    from align.aligner.evaluate import merge_units
    from align.aligner.pipeline import align_segments

    src, tgt, gold, units = inputs(corpus, bible, stress_doc)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = list(align_segments(src, tgt).beads)
    if units is not None:
        pred = merge_units(pred, *units)
    keys = {b.key for b in gold}
    return (np.array([b.confidence for b in pred]),
            np.array([b.key in keys for b in pred], dtype=bool))


def figures(conf: np.ndarray, ok: np.ndarray) -> dict[str, float]:
    """The summary figures of one corpus (see the module docstring)."""
    n = len(conf)
    ece = 0.0
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            ece += sel.sum() / n * abs(ok[sel].mean() - conf[sel].mean())
    order = np.argsort(conf, kind="stable")
    errors = int((~ok).sum())
    wrong = max(errors, 1)
    return {"beads": n, "precision": float(ok.mean()), "mean_conf": float(conf.mean()),
            "ece": ece, "errors": errors,
            "caught10": int((~ok[order[:int(round(0.1 * n))]]).sum()) / wrong,
            "caught20": int((~ok[order[:int(round(0.2 * n))]]).sum()) / wrong,
            "below05": int((~ok & (conf < 0.5)).sum()) / wrong,
            "wrong99": int((~ok & (conf >= 0.99)).sum()) / wrong}


def report(corpus: str, conf: np.ndarray, ok: np.ndarray) -> None:
    f = figures(conf, ok)
    print(f"{corpus}: {f['beads']} beads, precision {f['precision']:.4f}, "
          f"mean confidence {f['mean_conf']:.4f}")
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            print(f"  conf [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}: "
                  f"{int(sel.sum()):6d} beads, mean conf {conf[sel].mean():.3f}, "
                  f"precision {ok[sel].mean():.3f}")
    print(f"  ECE {f['ece']:.4f}; errors {f['errors']}; caught by reviewing the lowest "
          f"10% {f['caught10']:.3f}, lowest 20% {f['caught20']:.3f}, below 0.5 "
          f"{f['below05']:.3f}; wrong beads at >= 0.99: {f['wrong99']:.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="path of the Bible zh-en data (src/, tgt/, gold/, *.verse)")
    ap.add_argument("--docs", nargs="*", default=["001"], help="Bible documents")
    ap.add_argument("--stress", nargs="*", type=int, default=[0, 1],
                    help="seeds of the stress sets (needs --bible)")
    ap.add_argument("--stress-doc", default="001", help="Bible document of the stress sets")
    ap.add_argument("--corpora", nargs="*", help="exactly these corpora (beijing, 001, stress0, stressloose0)")
    args = ap.parse_args()
    corpora = args.corpora or (["beijing"] + (list(args.docs) + [f"stress{s}" for s in
                                                                  args.stress]
                                              + [f"stressloose{s}" for s in args.stress]
                                              if args.bible else []))
    for corpus in corpora:
        report(corpus, *predictions(corpus, args.bible, args.stress_doc))


if __name__ == "__main__":
    main()
