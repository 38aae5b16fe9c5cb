"""Omission test set built by rule, and the precision/recall of predicted 0-1/1-0 beads.

Usage:
    python bench/bench_omissions.py [--bible PATH] [--seed 0] [--undamaged 006]

From a document pair with a gold alignment (corpora/beijing-2024; Bible 001 given the
path of the Bible zh-en data), the English side is damaged by rule, with a seeded
random generator: about 1 % of its sentences are deleted one by one (at least 2), two
whole paragraphs are deleted (a paragraph of 2-8 sentences of the document where it has
some, else a run of 2-4 consecutive sentences: the Bible's verses are one paragraph
each), and one translator's note per 1,000 sentences (at least one) is inserted at a
random place. The gold omissions follow: every Chinese sentence whose gold bead lost all
its English, and every inserted note, and the gold's own omissions. The aligner runs on
the damaged pair; a sentence in a predicted bead with an empty side is a predicted
omission. Reported: precision and recall of the predicted omissions, recall by kind
(single deletions, paragraphs, notes, the gold's own), and the predicted omissions on
the undamaged pair (``--undamaged`` adds Bible documents aligned undamaged only).
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
    """(damaged English segments, gold omitted zh indices by kind, gold omitted en
    indices by kind); kinds: "single", "paragraph", "note", "own" (the gold's own)."""
    rng = np.random.default_rng(seed)
    n = len(en)
    single: set[int] = set(rng.choice(n, size=max(2, n // 100), replace=False).tolist())
    paras: dict[int, list[int]] = {}
    for i, seg in enumerate(en):
        paras.setdefault(seg.paragraph, []).append(i)
    whole = [p for p in paras.values() if 2 <= len(p) <= 8]
    para: set[int] = set()
    for _ in range(2):
        if whole:  # a real paragraph of the document
            para.update(whole.pop(int(rng.integers(0, len(whole)))))
        else:  # one sentence per paragraph: a run of 2-4 of them
            k = int(rng.integers(2, 5))
            s = int(rng.integers(0, n - k))
            para.update(range(s, s + k))
    single -= para
    gone = single | para
    notes = sorted(rng.choice(n, size=max(1, n // 1000), replace=False).tolist())
    out, new_index = [], {}
    en_kind: dict[str, set[int]] = {"note": set(), "own": set()}
    for i, seg in enumerate(en):
        if i in notes:
            en_kind["note"].add(len(out))
            out.append(dataclasses.replace(seg, text=NOTE))
        if i not in gone:
            new_index[i] = len(out)
            out.append(seg)
    out = [dataclasses.replace(s, index=k) for k, s in enumerate(out)]
    # a Chinese sentence is omitted when all of its gold bead's English is gone; its
    # kind is that of the deletion (a paragraph if any of them went with a paragraph)
    zh_kind: dict[str, set[int]] = {"single": set(), "paragraph": set(), "own": set()}
    for zs, es in gold:
        if zs and es and all(e in gone for e in es):
            zh_kind["paragraph" if any(e in para for e in es) else "single"].update(zs)
        elif zs and not es:
            zh_kind["own"].update(zs)
    # the gold's own omissions stay omissions (an English one under its new index)
    en_kind["own"] = {new_index[e] for zs, es in gold if not zs for e in es if e in new_index}
    return out, zh_kind, en_kind


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


def _report(corpus: str, al, zh_kind: dict, en_kind: dict, zh_is_src: bool,  # type: ignore[no-untyped-def,type-arg]
            label: str) -> None:
    """Print precision, recall and recall by kind of the predicted omissions of ``al``."""
    pz, pe = omissions(al, zh_is_src)
    zh_gone, en_added = set().union(*zh_kind.values()), set().union(*en_kind.values())
    hit = len(pz & zh_gone) + len(pe & en_added)
    pred, true = len(pz) + len(pe), len(zh_gone) + len(en_added)
    kinds = []
    for kind, side, got in [(k, v, pz) for k, v in zh_kind.items()] + [
            (k, v, pe) for k, v in en_kind.items()]:
        if side:
            kinds.append(f"{kind} {len(side & got)}/{len(side)}")
    print(f"{corpus:8} {label}: gold omissions {true}; predicted {pred}; "
          f"precision {hit / max(pred, 1):.3f} recall {hit / max(true, 1):.3f} "
          f"({', '.join(kinds) or 'none'})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="path of the Bible zh-en data (src/, tgt/, gold/)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--undamaged", nargs="*", default=[],
                    help="Bible documents aligned undamaged only (e.g. 006)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from align.aligner.pipeline import align_segments

    corpora = ["beijing"] + (["001"] if args.bible else [])
    corpora += [d for d in args.undamaged if args.bible and d not in corpora]
    for corpus in corpora:
        zh, en, gold = _load(corpus, args.bible)
        zh_is_src = corpus == "beijing"  # as the corpora are published
        own_zh = {"own": {z for zs, es in gold if not es for z in zs}}
        own_en = {"own": {e for zs, es in gold if not zs for e in es}}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clean = align_segments(zh, en) if zh_is_src else align_segments(en, zh)
        _report(corpus, clean, own_zh, own_en, zh_is_src, "undamaged")
        if corpus in args.undamaged:
            continue
        bad_en, zh_kind, en_kind = damage(en, gold, args.seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            al = align_segments(zh, bad_en) if zh_is_src else align_segments(bad_en, zh)
        _report(corpus, al, zh_kind, en_kind, zh_is_src,
                f"damaged ({len(en)} -> {len(bad_en)} English sentences)")


if __name__ == "__main__":
    main()
