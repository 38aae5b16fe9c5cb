"""Free-translation stress set made by rule from a Bible document, and the aligner on it.

Usage:
    python bench/bench_stress.py --bible PATH [--doc 001] [--beads N] [--seed 0] [--neural]
        [--ablation] [--embedding-cache DIR] [--write DIR]

The English side is the document as it is. The Chinese side is rewritten, gold bead
by gold bead (verse-level gold of ``gold/NNN.align``), by rules that imitate a free
translation, with a seeded random generator:

- connectives at the start of a clause (因为, 所以, 但是, 而且, 于是, 并且, 因此,
  然而, 可是, 就) are dropped;
- clauses (cut at ，and ；) are reordered inside a sentence with probability
  ``--reorder`` (the last clause moves to the front);
- a bead is merged with the next one (both sides) with probability ``--merge``;
- the Chinese sentences of a bead are joined into one with probability ``--join``,
  else a sentence of two or more clauses is split in two at a comma with probability
  ``--split``.

The gold of the stress set is the rewritten beads; predicted beads are merged by
gold bead before scoring (as ``align eval --merge-units`` does with verses). Each
method runs in this process, one after the other (use a fresh process per method
for memory figures: ``--methods``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CONNECTIVES = re.compile(r"^(因为|所以|但是|而且|于是|并且|因此|然而|可是|就)")
CLAUSE = re.compile(r"(?<=[，；])")
END = re.compile(r"[。！？”’]+$")
PUNCT = re.compile(r"[\s，。；：！？、“”‘’]+")


def has_text(s: str) -> bool:
    """Whether a piece has anything but punctuation (a sentence is never empty)."""
    return bool(PUNCT.sub("", s))


def rewrite_sentence(text: str, rng: random.Random, reorder: float) -> str:
    """Connectives dropped at clause starts; clauses reordered with ``reorder``."""
    end = END.search(text)
    tail = end.group() if end else ""
    body = text[:len(text) - len(tail)]
    clauses = [CONNECTIVES.sub("", c) or c for c in CLAUSE.split(body) if c]
    if len(clauses) >= 2 and rng.random() < reorder:
        last = clauses.pop().rstrip("，；")
        clauses = [last + "，"] + clauses
        clauses[-1] = clauses[-1].rstrip("，；")
    return "".join(clauses) + tail


def gold_units(beads: list[tuple[list[int], list[int]]], n_en: int, n_zh: int
               ) -> tuple[list[str], list[str]]:
    """Unit labels of the English and Chinese sentences: ``b{k}`` for the sentences of
    gold bead k, so that predicted beads are scored merged by gold bead (``merge_units``)."""
    en_units, zh_units = [""] * n_en, [""] * n_zh
    for k, (en, zh) in enumerate(beads):
        for i in en:
            en_units[i] = f"b{k}"
        for j in zh:
            zh_units[j] = f"b{k}"
    return en_units, zh_units


def build(en_lines: list[str], zh_lines: list[str], gold: list[tuple[list[int], list[int]]],
          seed: int = 0, reorder: float = 0.5, merge: float = 0.15, join: float = 0.3,
          split: float = 0.3) -> tuple[list[str], list[tuple[list[int], list[int]]]]:
    """The rewritten Chinese lines and the gold beads (English ids, new Chinese ids)."""
    rng = random.Random(seed)
    merged: list[tuple[list[int], list[int]]] = []
    k = 0
    while k < len(gold):
        en, zh = list(gold[k][0]), list(gold[k][1])
        if k + 1 < len(gold) and en and zh and all(gold[k + 1]) and rng.random() < merge:
            en += gold[k + 1][0]
            zh += gold[k + 1][1]
            k += 1
        merged.append((en, zh))
        k += 1
    out: list[str] = []
    beads: list[tuple[list[int], list[int]]] = []
    for en, zh in merged:
        texts = [rewrite_sentence(zh_lines[j], rng, reorder) for j in zh]
        texts = [t if has_text(t) else zh_lines[j] for t, j in zip(texts, zh, strict=True)]
        if len(texts) >= 2 and rng.random() < join:
            texts = ["".join(texts)]
        elif texts and rng.random() < split:
            j = rng.randrange(len(texts))
            parts = texts[j].split("，")
            if len(parts) >= 2:
                cut = rng.randrange(1, len(parts))
                left, right = "，".join(parts[:cut]), "，".join(parts[cut:])
                if has_text(left) and has_text(right):
                    texts[j:j + 1] = [left + "。", right]
        beads.append((en, list(range(len(out), len(out) + len(texts)))))
        out += texts
    return out, beads


def main() -> None:
    from bench_align import align_with

    from align.aligner.evaluate import Counts, Scores, count, merge_units
    from align.formats.ladder import read_ladder
    from align.text.segment import segments_from_lines
    from align.types import Bead

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", required=True)
    ap.add_argument("--doc", default="001")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--beads", type=int, help="only the part in the first N gold beads")
    ap.add_argument("--neural", action="store_true")
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument("--methods", nargs="*", help="exactly these methods")
    ap.add_argument("--embedding-cache")
    ap.add_argument("--write", help="write zh.txt, en.txt and gold.align of the set here")
    args = ap.parse_args()
    base = Path(args.bible)
    en_lines = (base / "src" / args.doc).read_text("utf-8").splitlines()
    zh_lines = (base / "tgt" / args.doc).read_text("utf-8").splitlines()
    gold = [(list(b.src), list(b.tgt)) for b in read_ladder(base / "gold" / f"{args.doc}.align")]
    if args.beads:
        gold = gold[:args.beads]
        en_lines = en_lines[:1 + max(i for e, _ in gold for i in e)]
        zh_lines = zh_lines[:1 + max(j for _, z in gold for j in z)]
    zh_new, beads = build(en_lines, zh_lines, gold, seed=args.seed)
    if args.write:
        out = Path(args.write)
        out.mkdir(parents=True, exist_ok=True)
        (out / "zh.txt").write_text("\n".join(zh_new) + "\n", "utf-8")
        (out / "en.txt").write_text("\n".join(en_lines) + "\n", "utf-8")
        (out / "gold.align").write_text("".join(f"{e}:{z}\n".replace(" ", "")
                                                for e, z in beads), "utf-8")
    en_units, zh_units = gold_units(beads, len(en_lines), len(zh_new))
    gold_beads = [Bead(tuple(e), tuple(z), 1.0) for e, z in beads]
    print(f"stress set from {args.doc} (seed {args.seed}): {len(en_lines)} en, "
          f"{len(zh_lines)} -> {len(zh_new)} zh sentences, {len(beads)} gold beads")
    methods = args.methods or (["aligner"] + (["neural"] if args.neural else [])
                               + (["length", "length+neural"] if args.ablation else []))
    src = segments_from_lines(en_lines, "en")
    tgt = segments_from_lines(zh_new, "zh")
    for method in methods:
        t0 = time.perf_counter()
        al, extra = align_with(method, src, tgt, None, args.embedding_cache)
        seconds = time.perf_counter() - t0
        pred = merge_units(list(al.beads), en_units, zh_units)  # type: ignore[attr-defined]
        s = Scores(Counts(**count(pred, gold_beads).__dict__))
        print(f"{method:14} {seconds:7.1f}s  strict P/R/F1 {s.strict_precision:.4f}/"
              f"{s.strict_recall:.4f}/{s.strict_f1:.4f}  lax F1 {s.lax_f1:.4f}  "
              f"{extra.get('scorer', '')}", flush=True)


if __name__ == "__main__":
    main()
