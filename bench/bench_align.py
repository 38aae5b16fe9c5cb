"""Benchmark of the sentence aligner (and a plain Gale-Church baseline).

Usage:
    python bench/bench_align.py [--bible PATH] [--docs 001 006] [--skip-gc] [--neural]
        [--ablation] [--embedding-cache DIR] [--by-type] [--wide-beads]

Runs on corpora/beijing-2024 (reader + segmenter + aligner, scored against
gold.align; once without and once with glossary/beijing-2024.tsv) and, given the path of the Bible zh-en data (src/ = English, tgt/ =
Chinese, gold/NNN.align, src.verse/tgt.verse), on the listed Bible documents with
verse merging (``align eval --merge-units``). Each run is a separate process, so
"peak memory" is that process's peak resident set size (resource.getrusage
ru_maxrss), and "time" is wall time from reading the inputs to the alignment (the
CC-CEDICT lexicon is loaded from its pickle cache when present; the cold parse time
is printed once).

With ``--neural`` each corpus is also aligned with sentence-embedding evidence
(method ``neural``; the embedding cache is ``--embedding-cache``, default a fresh
temporary folder per run, so the time includes embedding every sentence; the
embedding step's own time and sentences per second are printed). ``--ablation``
adds ``length`` (lexical and dot terms off, anchors and length only) and
``length+neural``.

``--by-type`` adds a table per scored run: for every bead type (English sentences,
Chinese sentences; after verse merging on the Bible) the gold and predicted counts,
recall and precision, and on the Bible the gold beads that span more than one verse
(the many-to-many beads verse merging cannot make from smaller ones) and how many of
them were found. ``--wide-beads`` aligns with ``wide_beads=True``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


class TimedEmbedder:
    """multilingual-e5-small with the time it spends embedding (bench only)."""

    def __init__(self) -> None:
        from align.aligner.neural import E5Embedder

        self.model = E5Embedder()
        self.seconds = 0.0

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self.model.model_id

    def __call__(self, texts: list[str]) -> object:
        t0 = time.perf_counter()
        out = self.model(texts)
        self.seconds += time.perf_counter() - t0
        return out


def lexical_off() -> None:
    """Ablation: switch the lexical similarity and dot-product terms off in this
    process (the bead cost keeps length, priors, paragraphs and the neural term)."""
    from align.aligner import cost, neural
    from align.aligner.formula import CONSTANTS

    def no_z(dot: object, den: object, *args: object, **kw: object) -> object:
        return 0.0 * dot  # type: ignore[operator]

    kernel = cost.bead_terms

    def length_only(dot: Any, den: Any, sx: Any, sy: Any, lx: Any, ly: Any, consts: Any,
                    knots: Any, values: Any) -> Any:
        # no words on a side (z = 0), nothing shared (dot term 0), no lexical weight
        zero = np.zeros(len(lx))
        consts = consts.copy()
        consts[[CONSTANTS.index("cxy"), CONSTANTS.index("lex_weight")]] = 0.0
        return kernel(zero, zero, zero, zero, lx, ly, consts, knots[:0], values[:0])

    cost.similarity_z = no_z  # type: ignore[assignment]
    neural.similarity_z = no_z  # type: ignore[assignment]  # the term is then unconditional
    cost.bead_terms = length_only  # type: ignore[assignment]


def align_with(method: str, src: list, tgt: list, glossary: object, cache: str | None,
               wide: bool = False) -> tuple[object, dict[str, object]]:
    """Align by ``method`` (aligner, neural, length, length+neural, gale-church);
    returns the alignment and extra figures (embedding time and count)."""
    extra: dict[str, object] = {}
    if method == "gale-church":
        from align.aligner.gale_church import align_gale_church

        return align_gale_church(src, tgt), extra
    from align.aligner.pipeline import align_segments

    if method.startswith("length"):
        lexical_off()
    if not method.endswith("neural"):
        return align_segments(src, tgt, glossary=glossary,  # type: ignore[arg-type]
                              wide_beads=wide), extra
    import tempfile

    from align.aligner.neural import CachedEmbedder
    from align.formats.embeddings import EmbeddingCache

    model = TimedEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        embedder = CachedEmbedder(model, EmbeddingCache(cache or tmp))
        al = align_segments(src, tgt, glossary=glossary, neural=embedder,  # type: ignore[arg-type]
                            wide_beads=wide)
    extra.update(embedded=model.model.sentences, embed_seconds=model.seconds,
                 scorer=al.signature.get("scorer", ""))
    return al, extra


def by_type(pred: list, gold: list, units: tuple | None) -> dict[str, list[int]]:
    """Per bead type "a-b" (a source, b target sentences): [gold, predicted, gold
    found, predicted right, gold spanning > 1 unit, of those found]."""
    gold_keys = {b.key for b in gold}
    pred_keys = {b.key for b in pred}
    out: dict[str, list[int]] = {}

    def row(b: object) -> list[int]:
        return out.setdefault(f"{len(b.src)}-{len(b.tgt)}", [0] * 6)  # type: ignore[attr-defined]

    for b in gold:
        r = row(b)
        found = b.key in pred_keys
        r[0] += 1
        r[2] += found
        if units is not None and len({units[0][i] for i in b.src}
                                     | {units[1][j] for j in b.tgt}) > 1:
            r[4] += 1
            r[5] += found
    for b in pred:
        r = row(b)
        r[1] += 1
        r[3] += b.key in gold_keys
    return out


def type_table(types: dict[str, list[int]]) -> str:
    """The per-type figures of :func:`by_type`, one line per type."""
    lines = [f"  {'type':>5} {'gold':>6} {'pred':>6} {'recall':>7} {'prec':>6}"
             f" {'gold>1unit':>10} {'found':>6}"]
    for t in sorted(types, key=lambda k: tuple(int(x) for x in k.split("-"))):
        g, p, gf, pr, gm, gmf = types[t]
        rec = f"{gf / g:.3f}" if g else "-"
        prec = f"{pr / p:.3f}" if p else "-"
        lines.append(f"  {t:>5} {g:6d} {p:6d} {rec:>7} {prec:>6} {gm:10d} {gmf:6d}")
    return "\n".join(lines)


def _one(corpus: str, method: str, bible: str | None, cache: str | None = None,
         wide: bool = False) -> dict[str, object]:
    """Run one (corpus, method) in this process and return the figures."""
    import resource
    import warnings

    sys.path.insert(0, str(ROOT))
    from align.aligner.evaluate import count, merge_units
    from align.formats.ladder import read_ladder

    t0 = time.perf_counter()
    units = None
    glossary = None
    gold = None
    if corpus.startswith("beijing"):
        from align.api import read_segments

        base = ROOT / "corpora" / "beijing-2024"
        src = read_segments(base / "zh.txt", "zh", presplit=False)
        tgt = read_segments(base / "en.raw.txt", "en", presplit=False)
        gold_path = base / "gold.align"
        if corpus == "beijing+glossary":
            from align.formats.glossary import read_glossary

            glossary = read_glossary(ROOT / "glossary" / "beijing-2024.tsv")
    else:
        from align.text.segment import segments_from_lines

        base = Path(bible or "")
        doc, _, first = corpus.partition(":")  # "001:500": the first 500 gold beads
        en_lines = (base / "src" / doc).read_text("utf-8").splitlines()
        zh_lines = (base / "tgt" / doc).read_text("utf-8").splitlines()
        gold_path = base / "gold" / f"{doc}.align"
        units = ((base / "src.verse").read_text("utf-8").splitlines(),
                 (base / "tgt.verse").read_text("utf-8").splitlines())
        if first:
            gold = read_ladder(gold_path)[:int(first)]
            n_en = 1 + max(i for b in gold for i in b.src)
            n_zh = 1 + max(j for b in gold for j in b.tgt)
            en_lines, zh_lines = en_lines[:n_en], zh_lines[:n_zh]
            units = (units[0][:n_en], units[1][:n_zh])
        src = segments_from_lines(en_lines, "en")
        tgt = segments_from_lines(zh_lines, "zh")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        al, extra = align_with(method, src, tgt, glossary, cache, wide)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out: dict[str, object] = {"corpus": corpus, "method": method, "seconds": seconds,
                              "peak_mb": peak_mb, "n_src": len(src), "n_tgt": len(tgt),
                              "beads": len(al.beads), **extra}  # type: ignore[attr-defined]
    if gold is not None or gold_path.is_file():
        gold = gold if gold is not None else read_ladder(gold_path)
        pred = list(al.beads)  # type: ignore[attr-defined]
        if units is not None:
            pred = merge_units(pred, *units)
        c = count(pred, gold)
        out["counts"] = c.__dict__
        gold_keys = {b.key for b in gold}
        hi = [b for b in pred if b.confidence >= 0.5]
        lo = [b for b in pred if b.confidence < 0.5]
        out["conf_hi"] = (len(hi), sum(b.key in gold_keys for b in hi))
        out["conf_lo"] = (len(lo), sum(b.key in gold_keys for b in lo))
        out["types"] = by_type(pred, gold, units)
    return out


def _run(corpus: str, method: str, bible: str | None, cache: str | None, wide: bool = False
         ) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", corpus, method] + (["--wide-beads"] if wide else [])
    if bible:
        cmd += ["--bible", bible]
    if cache:
        cmd += ["--embedding-cache", cache]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode:
        raise SystemExit(f"{corpus}/{method} failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _row(r: dict[str, object]) -> str:
    from align.aligner.evaluate import Counts, Scores

    line = (f"{r['corpus']:16} {r['method']:12} {r['n_src']:>6}+{r['n_tgt']:<6} "
            f"{r['seconds']:7.2f}s {r['peak_mb']:7.0f}MB "
            f"{(r['n_src'] + r['n_tgt']) / r['seconds']:9.0f}/s")  # type: ignore[operator]
    if "counts" in r:
        s = Scores(Counts(**r["counts"]))  # type: ignore[arg-type]
        hi_n, hi_ok = (int(x) for x in r["conf_hi"])  # type: ignore[attr-defined]
        lo_n, lo_ok = (int(x) for x in r["conf_lo"])  # type: ignore[attr-defined]
        line += (f"  strict P/R/F1 {s.strict_precision:.4f}/{s.strict_recall:.4f}/"
                 f"{s.strict_f1:.4f}  lax P/R/F1 {s.lax_precision:.4f}/{s.lax_recall:.4f}/"
                 f"{s.lax_f1:.4f}  prec(conf>=.5) {hi_ok / max(hi_n, 1):.3f} (n={hi_n})"
                 f"  prec(conf<.5) {lo_ok / max(lo_n, 1):.3f} (n={lo_n})")
    else:
        line += "  (no gold)"
    if r.get("embed_seconds"):
        e, n = float(r["embed_seconds"]), int(r["embedded"])  # type: ignore[arg-type]
        line += (f"  embedded {n} in {e:.1f}s ({n / max(e, 1e-9):.1f} sent/s)"
                 f"  [{r['scorer']}]")
    return line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="path of the Bible zh-en data (src/, tgt/, gold/, *.verse)")
    ap.add_argument("--docs", nargs="*", default=["001", "006"],
                    help="Bible documents; 001:500 is the part of 001 in its first 500 "
                         "gold beads")
    ap.add_argument("--skip-gc", action="store_true", help="skip the Gale-Church baseline")
    ap.add_argument("--neural", action="store_true", help="also align with embeddings")
    ap.add_argument("--ablation", action="store_true",
                    help="also length-only and length+neural (lexical terms off)")
    ap.add_argument("--embedding-cache", help="embedding cache folder (default: a fresh one)")
    ap.add_argument("--corpora", nargs="*", help="only these corpora (e.g. beijing 001)")
    ap.add_argument("--by-type", action="store_true",
                    help="per bead type: gold and predicted counts, recall, precision")
    ap.add_argument("--wide-beads", action="store_true", help="align with wide_beads=True")
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_one(args.one[0], args.one[1], args.bible, args.embedding_cache,
                              args.wide_beads)))
        return
    sys.path.insert(0, str(ROOT))
    import gzip

    from align.text.lexicon import cedict_path, parse_cedict

    with gzip.open(cedict_path(), "rt", encoding="utf-8") as f:
        lex = parse_cedict(f)
    print(f"CC-CEDICT parse (cold, no cache): {lex.parse_seconds:.2f}s, "
          f"{len(lex.zh_en)} headwords")
    corpora = ["beijing", "beijing+glossary"] + ([*args.docs] if args.bible else [])
    corpora = [c for c in corpora if not args.corpora or c in args.corpora]
    methods = (["aligner"] + (["neural"] if args.neural else [])
               + (["length", "length+neural"] if args.ablation else [])
               + ([] if args.skip_gc else ["gale-church"]))
    print("peak memory: ru_maxrss of a separate process per run; time: wall, inputs to beads")
    times = {}
    for corpus in corpora:
        for method in methods:
            if corpus == "beijing+glossary" and method == "gale-church":
                continue
            r = _run(corpus, method, args.bible, args.embedding_cache, args.wide_beads)
            times[corpus, method] = r["seconds"]
            print(_row(r), flush=True)
            if args.by_type and "types" in r:
                print(type_table(r["types"]), flush=True)  # type: ignore[arg-type]
    if ("001", "aligner") in times and ("006", "aligner") in times:
        ratio = times["006", "aligner"] / times["001", "aligner"]  # type: ignore[operator]
        print(f"time 006 / 001: {ratio:.2f}x")


if __name__ == "__main__":
    main()
