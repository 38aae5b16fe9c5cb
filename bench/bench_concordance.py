"""Benchmark of concordance search (``align tm concordance``): latency on a TM of
100,000 units, and what the text index costs at import.

Units are made by rule from the sentences of the Beijing corpus (the gold alignment of
corpora/beijing-2024): every Chinese sentence is cut into clauses at ，；：、 and every
English sentence at , ; : and each unit joins 2-4 clauses drawn at random (seeded) from
each pool, so the TM holds the corpus's wording in new combinations (duplicates are
dropped; generation stops at the requested count).

Queries (seeded, drawn from the same clauses): Chinese clauses as they stand (found
verbatim), two Chinese clauses swapped, two-character Chinese words (no trigram: the
scan path), and English clauses. Each query runs once after one warm-up pass over a
few queries; latency is wall time of :meth:`TMStore.concordance` in this process.

Usage:
    python bench/bench_concordance.py [--units 100000] [--queries 400] [--seed 11]
        [--workdir DIR] [--reuse]

``--reuse`` keeps the TM of an earlier run in DIR (same --units and --seed) instead of
importing again.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.formats.alignment import read_alignment  # noqa: E402
from align.tm.store import TMStore  # noqa: E402
from align.types import TranslationUnit  # noqa: E402

ZH_CUT = re.compile(r"[，；：、。！？]")
EN_CUT = re.compile(r"[,;:.!?]\s+|[.!?]$")


def clause_pools() -> tuple[list[str], list[str]]:
    """Chinese and English clauses (at least 4 and 3 characters) of the Beijing corpus."""
    base = ROOT / "corpora" / "beijing-2024"
    al = read_alignment(base / "gold.align", src=base / "zh.txt", tgt=base / "en.raw.txt")
    zh, en = [], []
    for _, src, tgt in al.pairs():
        zh += [c for c in ZH_CUT.split(src) if len(c) >= 4]
        en += [" ".join(c.split()) for c in EN_CUT.split(tgt) if len(c) >= 12]
    return sorted(set(zh)), sorted(set(en))


def make_units(n: int, zh: list[str], en: list[str], rng: random.Random
               ) -> list[TranslationUnit]:
    """``n`` distinct units joining 2-4 random clauses per side."""
    seen: set[str] = set()
    out = []
    while len(out) < n:
        zs = "，".join(rng.sample(zh, rng.randint(2, 4))) + "。"
        if zs in seen:
            continue
        seen.add(zs)
        es = ", ".join(rng.sample(en, rng.randint(2, 4))) + "."
        out.append(TranslationUnit(zs, es[0].upper() + es[1:], origin="bench"))
    return out


def make_queries(k: int, zh: list[str], en: list[str], rng: random.Random
                 ) -> list[tuple[str, str]]:
    """``k`` (kind, query) pairs, a quarter of each kind."""
    out = []
    for i in range(k):
        kind = ("zh-clause", "zh-swapped", "zh-2char", "en-clause")[i % 4]
        if kind == "zh-clause":
            q = rng.choice(zh)
        elif kind == "zh-swapped":
            a, b = rng.sample(zh, 2)
            q = f"{b}，{a}"
        elif kind == "zh-2char":
            c = rng.choice(zh)
            s = rng.randrange(len(c) - 1)
            q = c[s:s + 2]
        else:
            q = rng.choice(en)
        out.append((kind, q))
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="keep the TM of an earlier run")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    zh, en = clause_pools()
    units = make_units(args.units, zh, en, rng)
    queries = make_queries(args.queries, zh, en, rng)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-conc-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "conc.db"
    if not (args.reuse and db.exists()):
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        with TMStore(db, create=True) as store:
            store.add(units, name="bench")
        print(f"{len(units)} units imported in {time.perf_counter() - t0:.1f} s "
              "(text index included)")
    print(f"{len(zh)} zh / {len(en)} en clauses; TM {db.stat().st_size / 1e6:.0f} MB")
    times: dict[str, list[float]] = {}
    found = 0
    with TMStore(db, readonly=True) as store:
        for _, q in queries[:20]:
            store.concordance(q)
        for kind, q in queries:
            t = time.perf_counter()
            hits = store.concordance(q, top=10)
            times.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
            found += bool(hits) and hits[0].percent == 100
    every = [x for xs in times.values() for x in xs]
    print(f"{len(every)} queries, {found} with a 100 % hit first")
    for kind, xs in [("all", every), *times.items()]:
        print(f"  {kind:11} p50 {statistics.median(xs):6.1f} ms   p95 {pct(xs, 0.95):6.1f} ms"
              f"   max {max(xs):6.1f} ms")


if __name__ == "__main__":
    main()
