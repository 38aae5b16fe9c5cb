"""Benchmark of the review workbench in a real browser: time to the first screen and
time per edit, on Bible 001 (~5,000 beads), Bible 006 (~30,000 sentences) and a
synthetic book of 30,000 1-1 beads; optionally the README screenshot (Beijing, a few
beads confirmed, one with a finding).

The alignments are made once with ``align pair`` and kept in ``--cache``; each is
then served by ``align review ALIGNMENT.tsv --no-browser`` (its own process, as a
translator runs it) and opened in Debian's Chromium (``/usr/bin/chromium``) driven
by Playwright. *Start* is from the command's start to the address it prints (reading
the file, cutting rows into sentences, making the first payload).

*First screen* is the page's own clock (``performance.now()``, 0 = navigation start)
when the first page of rows is in the DOM, in a browser that has opened the page once
before (its own start-up is not counted); *edit* is from the key press to the redrawn
list (request, server work, answer, splice and redraw), for confirm (Enter), merge (m),
undo (Ctrl+Z) and split (s Enter), measured while the whole-document check still runs
in its own process and again after it finished.

Usage:
    .venv/bin/python bench/bench_review.py [--bible ../shared/data/bible-zh-en]
        [--cache /tmp/zhen-align-bench] [--only 001,006,synthetic]
        [--screenshot docs/review.png]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def aligned(cache: Path, bible: Path, name: str) -> Path:
    """The Bible book ``name`` aligned with ``align pair`` (English source), cached."""
    out = cache / f"bible-{name}.tsv"
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        align = Path(sys.executable).parent / "align"
        subprocess.run([str(align), "pair", str(bible / "src" / name), str(bible / "tgt" / name),
                        "--src-lang", "en", "--tgt-lang", "zh", "--presplit", "-o", str(out)],
                       check=True)
    return out


def synthetic(cache: Path, n: int = 30_000) -> Path:
    """A book of ``n`` 1-1 beads with varied confidences, as a TSV."""
    from align.formats.alignment import write_alignment
    from align.types import Alignment, Bead, Segment

    out = cache / f"synthetic-{n}.tsv"
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        src = tuple(Segment(f"第{i}条：我们要坚持高质量发展，推动新质生产力。", "zh", i)
                    for i in range(n))
        tgt = tuple(Segment(f"Item {i}: we must pursue high-quality development.", "en", i)
                    for i in range(n))
        beads = tuple(Bead((i,), (i,), round(0.3 + 0.7 * ((i * 7919) % 100) / 100, 3))
                      for i in range(n))
        write_alignment(Alignment(src, tgt, beads), out)
    return out


def measure(browser: Any, path: Path) -> dict[str, Any]:
    """Serve ``path`` with ``align review --no-browser`` (its own process, as a
    translator runs it) and time the first screen and some edits in the browser."""
    align = Path(sys.executable).parent / "align"
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(align), "review", str(path), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = (proc.stdout.readline() if proc.stdout else "").strip()
        load_s = time.perf_counter() - t0
        warm = browser.new_page()  # the browser's own start is not the workbench's
        warm.goto(url)
        warm.wait_for_selector(".row[data-bead]")
        warm.close()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t = time.perf_counter()
        page.goto(url)
        page.wait_for_function("() => window.reviewState.timings.firstScreenMs !== null")
        wall_ms = (time.perf_counter() - t) * 1000
        first = page.evaluate("window.reviewState.timings.firstScreenMs")
        n = page.evaluate("window.reviewState.beads.length")
        during = edits(page, 0)
        page.wait_for_function("() => !window.reviewState.checking", timeout=600_000)
        after = edits(page, 40)
        page.close()
        return {"beads": n, "load_s": load_s, "first_ms": first, "wall_ms": wall_ms,
                "during": during, "after": after}
    finally:
        proc.terminate()
        proc.wait(30)


def edits(page: Any, start: int) -> dict[str, tuple[float, float, float]]:
    """Median ms per edit kind (3 rounds of confirm, merge, undo, split) from bead
    ``start`` (0-based) on."""
    page.click(f'.row[data-bead="{start}"] .side.src')
    page.evaluate("window.reviewState.timings.edits = []")
    for _ in range(3):
        for combo in ("Enter", "m", "Control+z", "s+Enter"):
            v = page.evaluate("window.reviewState.version")
            if combo == "s+Enter":
                page.keyboard.press("s")
                page.keyboard.press("Enter")
            else:
                page.keyboard.press(combo)
            page.wait_for_function("v => window.reviewState.version > v", arg=v)
            page.keyboard.press("j")
            if combo == "s+Enter":  # past the two edited halves, to an unreviewed bead
                page.keyboard.press("j")
    got: dict[str, list[tuple[float, float, float]]] = {}
    for e in page.evaluate("window.reviewState.timings.edits"):
        got.setdefault(e["op"], []).append((e["ms"], e["requestMs"], e["drawMs"]))
    return {k: tuple(statistics.median(x[i] for x in v) for i in range(3))  # type: ignore[misc]
            for k, v in got.items()}


def screenshot(browser: Any, out: Path) -> None:
    """Beijing under review: the four beads before the first bead with an error
    confirmed, that bead (the sentence the published English leaves out) on screen."""
    import tempfile

    from align.api import align_files
    from align.cli.review import review_session
    from align.formats.alignment import write_alignment
    from align.review.server import ReviewServer

    corpus = ROOT / "corpora" / "beijing-2024"
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "beijing-2024.tsv"
        write_alignment(align_files(corpus / "zh.txt", corpus / "en.raw.txt"), tsv)
        session = review_session(tsv, glossary=ROOT / "glossary" / "beijing-2024.tsv",
                                 outputs=[Path(tmp) / "beijing-2024.tmx"])
        flagged = min(int(k) for k, v in session.findings_payload()["findings"].items()
                      if any(f["severity"] == "error" for f in v))
        for k in range(flagged - 4, flagged):
            session.apply({"op": "confirm", "bead": k})
        session.save()
        server = ReviewServer(session)
        server.start()
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        try:
            page.goto(server.url)
            page.wait_for_selector(".row[data-bead]")
            page.click(f'.row[data-bead="{flagged - 4}"] .side.src')
            for _ in range(4):
                page.keyboard.press("j")
            page.evaluate(f"document.querySelector('.row[data-bead=\"{flagged - 5}\"]')"
                          ".scrollIntoView({block: 'start'})")
            page.wait_for_timeout(500)
            page.screenshot(path=str(out))
        finally:
            page.close()
            server.stop()
    print(f"wrote {out} (error finding on bead {flagged + 1})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", type=Path, default=ROOT.parent / "shared" / "data" / "bible-zh-en")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/zhen-align-bench"))
    ap.add_argument("--only", default="001,006,synthetic")
    ap.add_argument("--screenshot", type=Path)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        if args.screenshot:
            screenshot(browser, args.screenshot)
            return
        print("| Alignment | Beads | Start (command → address) | First screen (page clock) | "
              "First screen (goto→rows) | Edit during check: confirm / merge / undo / split "
              "| Edit after check |")
        print("|---|---|---|---|---|---|---|")
        for name in args.only.split(","):
            path = synthetic(args.cache) if name == "synthetic" else aligned(
                args.cache, args.bible, name)
            r = measure(browser, path)

            def fmt(d: dict[str, tuple[float, float, float]]) -> str:
                ops = ("confirm", "merge", "/api/undo", "split")
                total = " / ".join(f"{d[k][0]:.0f}" for k in ops)
                return f"{total} ms (request {d['confirm'][1]:.0f}, redraw {d['confirm'][2]:.0f})"

            label = f"Bible {name}" if name != "synthetic" else "synthetic 1-1"
            print(f"| {label} | {r['beads']:,} | {r['load_s']:.2f} s | {r['first_ms']:.0f} ms "
                  f"| {r['wall_ms']:.0f} ms | {fmt(r['during'])} | {fmt(r['after'])} |",
                  flush=True)
        browser.close()


if __name__ == "__main__":
    main()
