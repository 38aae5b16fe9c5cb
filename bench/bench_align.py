"""Benchmark of the sentence aligner (and a plain Gale-Church baseline).

Usage:
    python bench/bench_align.py [--bible PATH] [--docs 001 006] [--skip-gc]

Runs on corpora/beijing-2024 (reader + segmenter + aligner, scored against
gold.align; once without and once with glossary/beijing-2024.tsv) and, given the path of the Bible zh-en data (src/ = English, tgt/ =
Chinese, gold/NNN.align, src.verse/tgt.verse), on the listed Bible documents with
verse merging (``align eval --merge-units``). Each run is a separate process, so
"peak memory" is that process's peak resident set size (resource.getrusage
ru_maxrss), and "time" is wall time from reading the inputs to the alignment (the
CC-CEDICT lexicon is loaded from its pickle cache when present; the cold parse time
is printed once).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _one(corpus: str, method: str, bible: str | None) -> dict[str, object]:
    """Run one (corpus, method) in this process and return the figures."""
    import resource
    import warnings

    sys.path.insert(0, str(ROOT))
    from align.aligner.evaluate import count, merge_units
    from align.formats.ladder import read_ladder

    t0 = time.perf_counter()
    units = None
    glossary = None
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
        src = segments_from_lines((base / "src" / corpus).read_text("utf-8").splitlines(), "en")
        tgt = segments_from_lines((base / "tgt" / corpus).read_text("utf-8").splitlines(), "zh")
        gold_path = base / "gold" / f"{corpus}.align"
        units = ((base / "src.verse").read_text("utf-8").splitlines(),
                 (base / "tgt.verse").read_text("utf-8").splitlines())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "gale-church":
            from align.aligner.gale_church import align_gale_church

            al = align_gale_church(src, tgt)
        else:
            from align.aligner.pipeline import align_segments

            al = align_segments(src, tgt, glossary=glossary)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out: dict[str, object] = {"corpus": corpus, "method": method, "seconds": seconds,
                              "peak_mb": peak_mb, "n_src": len(src), "n_tgt": len(tgt),
                              "beads": len(al.beads)}
    if gold_path.is_file():
        gold = read_ladder(gold_path)
        pred = list(al.beads)
        if units is not None:
            pred = merge_units(pred, *units)
        c = count(pred, gold)
        out["counts"] = c.__dict__
        gold_keys = {b.key for b in gold}
        hi = [b for b in pred if b.confidence >= 0.5]
        lo = [b for b in pred if b.confidence < 0.5]
        out["conf_hi"] = (len(hi), sum(b.key in gold_keys for b in hi))
        out["conf_lo"] = (len(lo), sum(b.key in gold_keys for b in lo))
    return out


def _run(corpus: str, method: str, bible: str | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", corpus, method]
    if bible:
        cmd += ["--bible", bible]
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
    return line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="path of the Bible zh-en data (src/, tgt/, gold/, *.verse)")
    ap.add_argument("--docs", nargs="*", default=["001", "006"], help="Bible documents")
    ap.add_argument("--skip-gc", action="store_true", help="skip the Gale-Church baseline")
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_one(args.one[0], args.one[1], args.bible)))
        return
    sys.path.insert(0, str(ROOT))
    import gzip

    from align.text.lexicon import cedict_path, parse_cedict

    with gzip.open(cedict_path(), "rt", encoding="utf-8") as f:
        lex = parse_cedict(f)
    print(f"CC-CEDICT parse (cold, no cache): {lex.parse_seconds:.2f}s, "
          f"{len(lex.zh_en)} headwords")
    corpora = ["beijing", "beijing+glossary"] + ([*args.docs] if args.bible else [])
    methods = ["aligner"] + ([] if args.skip_gc else ["gale-church"])
    print("peak memory: ru_maxrss of a separate process per run; time: wall, inputs to beads")
    times = {}
    for corpus in corpora:
        for method in methods:
            if corpus == "beijing+glossary" and method == "gale-church":
                continue
            r = _run(corpus, method, args.bible)
            times[corpus, method] = r["seconds"]
            print(_row(r), flush=True)
    if ("001", "aligner") in times and ("006", "aligner") in times:
        ratio = times["006", "aligner"] / times["001", "aligner"]  # type: ignore[operator]
        print(f"time 006 / 001: {ratio:.2f}x")


if __name__ == "__main__":
    main()
