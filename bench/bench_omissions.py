"""Omission test set built by rule, and the precision/recall of predicted 0-1/1-0 beads.

Usage:
    python bench/bench_omissions.py [--bible PATH] [--seed 0]

From a document pair with a gold alignment (corpora/beijing-2024; Bible 001 given the
path of the Bible zh-en data), the English side is damaged by rule, with a seeded
random generator: about 1 % of its sentences are deleted one by one (at least 2),
two runs of 2-4 consecutive sentences (a paragraph) are deleted, and one translator's
note per 1,000 sentences (at least one) is inserted at a random place. The gold
omissions follow: every Chinese sentence whose gold bead lost all its English, and
every inserted note, and the gold's own omissions. The aligner runs on the damaged pair; a sentence in a predicted
bead with an empty side is a predicted omission. Reported: precision and recall of
the predicted omissions, and the spurious omissions on the undamaged pair.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
NOTE = ("(Translator's note: the wording of this passage follows the printed edition; "
        "readers may consult the commentary for details.)")


def _load(corpus: str, bible: str | None):  # type: ignore[no-untyped-def]
    """(zh segments, en segments, gold beads as (zh indices, en indices))."""
    from align.formats.ladder import read_ladder

    if corpus == "beijing":
        from align.api import read_segments

        base = ROOT / "corpora" / "beijing-2024"
        zh = read_segments(base / "zh.txt", "zh", presplit=False)
        en = read_segments(base / "en.raw.txt", "en", presplit=False)
        gold = [(b.src, b.tgt) for b in read_ladder(base / "gold.align")]
    else:
        from align.text.segment import segments_from_lines

        base = Path(bible or "")
        en = segments_from_lines((base / "src" / corpus).read_text("utf-8").splitlines(), "en")
        zh = segments_from_lines((base / "tgt" / corpus).read_text("utf-8").splitlines(), "zh")
        gold = [(b.tgt, b.src) for b in read_ladder(base / "gold" / f"{corpus}.align")]
    return zh, en, gold


def damage(en: list, gold: list, seed: int):  # type: ignore[no-untyped-def,type-arg]
    """(damaged English segments, gold omitted zh indices, gold omitted en indices)."""
    rng = np.random.default_rng(seed)
    n = len(en)
    gone: set[int] = set(rng.choice(n, size=max(2, n // 100), replace=False).tolist())
    for _ in range(2):
        k = int(rng.integers(2, 5))
        s = int(rng.integers(0, n - k))
        gone.update(range(s, s + k))
    notes = sorted(rng.choice(n, size=max(1, n // 1000), replace=False).tolist())
    out, new_index, added = [], {}, set()
    for i, seg in enumerate(en):
        if i in notes:
            added.add(len(out))
            out.append(dataclasses.replace(seg, text=NOTE))
        if i not in gone:
            new_index[i] = len(out)
            out.append(seg)
    out = [dataclasses.replace(s, index=k) for k, s in enumerate(out)]
    # the gold's own omissions stay omissions (an English one under its new index)
    zh_gone = {z for zs, es in gold if all(e in gone for e in es) for z in zs}
    added |= {new_index[e] for zs, es in gold if not zs for e in es if e in new_index}
    return out, zh_gone, added


def omissions(al, zh_is_src: bool) -> tuple[set[int], set[int]]:  # type: ignore[no-untyped-def]
    """(zh sentences, en sentences) in predicted beads with an empty side."""
    zh, en = set(), set()
    for b in al.beads:
        z, e = (b.src, b.tgt) if zh_is_src else (b.tgt, b.src)
        if not e:
            zh.update(z)
        if not z:
            en.update(e)
    return zh, en


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="path of the Bible zh-en data (src/, tgt/, gold/)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from align.aligner.pipeline import align_segments

    corpora = ["beijing"] + (["001"] if args.bible else [])
    for corpus in corpora:
        zh, en, gold = _load(corpus, args.bible)
        zh_is_src = corpus == "beijing"  # as the corpora are published
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clean = align_segments(zh, en) if zh_is_src else align_segments(en, zh)
            bad_en, zh_gone, en_added = damage(en, gold, args.seed)
            al = align_segments(zh, bad_en) if zh_is_src else align_segments(bad_en, zh)
        pz, pe = omissions(clean, zh_is_src)
        print(f"{corpus:8} undamaged: {len(pz) + len(pe)} predicted omissions "
              f"(gold has {sum(1 for z, e in gold if not z or not e)} empty-side beads)")
        pz, pe = omissions(al, zh_is_src)
        hit = len(pz & zh_gone) + len(pe & en_added)
        pred, true = len(pz) + len(pe), len(zh_gone) + len(en_added)
        print(f"{corpus:8} damaged: {len(en)} -> {len(bad_en)} English sentences; "
              f"gold omissions {true} ({len(zh_gone)} zh, {len(en_added)} notes); "
              f"predicted {pred}; precision {hit / max(pred, 1):.3f} "
              f"recall {hit / max(true, 1):.3f}")


if __name__ == "__main__":
    main()
