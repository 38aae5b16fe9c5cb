"""Benchmark of ``align batch``: the Bible as chapter-sized document pairs.

Usage:
    python bench/bench_batch.py --bible PATH [--chapters 60] [--work DIR]
        [--modes local1,local2,dask2] [--with-pdf] [--with-traditional]

Builds the corpus from the Bible zh-en data (``src/006`` English, ``tgt/006``
Chinese, one sentence per line; ``src.verse``/``tgt.verse`` give each line's verse,
whose first two fields name the chapter; ``gold/006.align`` is cut into chapters and
re-indexed from 0). ``--chapters N`` takes N complete chapters spread evenly over the
1,040 in ``006``. Each chapter is one pair, English source and Chinese target, one
sentence per paragraph, written as a mix of .txt, .docx (built with zipfile) and
.html; ``--with-pdf`` writes every fourth pair as PDF (reportlab, CJK font) and
``--with-traditional`` converts every fifth Chinese document to traditional
characters (OpenCC s2t): both need the PDF and traditional-Chinese readers.

Then, each in a fresh process: ``align batch`` with 1 local worker (this process),
2 local workers and a Dask LocalCluster of 2 worker processes; a re-run with
nothing to do (the CLI, start-up included); and the same chapters aligned one by one
with ``align_files`` in one process. Reported: wall time, pairs per minute,
sentences per second, peak resident memory (the running process; its largest
child, i.e. a pool or Dask worker) and the pooled strict and lax F1 against the
gold, verse-merged as ``align eval --merge-units`` does. Predicted beads are over
the reader's sentences; each sentence is mapped to the gold line of its paragraph
(matched by text, in order) before merging.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = ("txt", "docx", "html")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"/>')


# -- the corpus -----------------------------------------------------------------------

def _chapters(lines: int, verses: Sequence[str]) -> dict[str, tuple[int, int]]:
    """chapter -> (first line, end line) of the complete chapters of a text."""
    spans: dict[str, list[int]] = {}
    for i in range(lines):
        ch = ":".join(verses[i].split(":")[:2])
        spans.setdefault(ch, [i, i + 1])[1] = i + 1
    last = ":".join(verses[lines - 1].split(":")[:2])
    if len(verses) > lines and ":".join(verses[lines].split(":")[:2]) == last:
        del spans[last]  # runs past the end of the text
    return {k: (a, b) for k, (a, b) in spans.items()}


def _write(path: Path, sentences: Sequence[str], fmt: str, title: str) -> Path:
    path = path.with_suffix("." + fmt)
    if fmt == "txt":
        path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    elif fmt == "html":
        body = "".join(f"<p>{html.escape(s)}</p>\n" for s in sentences)
        path.write_text(f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
                        f"{html.escape(title)}</title></head><body>\n{body}</body></html>\n",
                        encoding="utf-8")
    elif fmt == "docx":
        paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{html.escape(s)}</w:t></w:r></w:p>'
                        for s in sentences)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", CONTENT_TYPES)
            zf.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                        f'<w:document xmlns:w="{W_NS}"><w:body>{paras}</w:body></w:document>')
    else:  # pdf: a hook for the PDF reader (see --with-pdf)
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        style = ParagraphStyle("p", fontName="STSong-Light", fontSize=11, leading=16,
                               wordWrap="CJK", spaceAfter=8)
        SimpleDocTemplate(str(path), title=title).build(
            [Paragraph(html.escape(s), style) for s in sentences])
    return path


def build_corpus(bible: Path, work: Path, n: int, with_pdf: bool,
                 with_traditional: bool) -> list[dict[str, object]]:
    """Write n chapter pairs into work/en, work/zh and their gold and verse ids into
    work/chapters.json; return the chapters' records."""
    from align.formats.ladder import read_ladder

    en = (bible / "src" / "006").read_text("utf-8").splitlines()
    zh = (bible / "tgt" / "006").read_text("utf-8").splitlines()
    en_v = (bible / "src.verse").read_text("utf-8").splitlines()
    zh_v = (bible / "tgt.verse").read_text("utf-8").splitlines()
    en_ch, zh_ch = _chapters(len(en), en_v), _chapters(len(zh), zh_v)
    names = [c for c in en_ch if c in zh_ch]
    picked = names[:: max(1, len(names) // n)][:n]
    gold = read_ladder(bible / "gold" / "006.align")
    s2t = None
    if with_traditional:
        import opencc

        s2t = opencc.OpenCC("s2t")
    for side in ("en", "zh"):
        (work / side).mkdir(parents=True, exist_ok=True)
    records = []
    for k, ch in enumerate(picked):
        (ea, eb), (za, zb) = en_ch[ch], zh_ch[ch]
        pid = f"{k:04d}-{ch.replace(':', '-')}"
        beads = [f"{[i - ea for i in b.src]}:{[j - za for j in b.tgt]}".replace(" ", "")
                 for b in gold if (b.src and ea <= b.src[0] < eb) or (
                     not b.src and b.tgt and za <= b.tgt[0] < zb)]
        zh_text = [s2t.convert(s) if s2t and k % 5 == 4 else s for s in zh[za:zb]]
        pdf = with_pdf and k % 4 == 3
        _write(work / "en" / pid, en[ea:eb], "pdf" if pdf else FORMATS[k % 3], ch)
        _write(work / "zh" / pid, zh_text, "pdf" if pdf else FORMATS[(k + 1) % 3], ch)
        records.append({"id": pid, "en": en[ea:eb], "zh": zh[za:zb], "gold": beads,
                        "en_verses": en_v[ea:eb], "zh_verses": zh_v[za:zb]})
    (work / "chapters.json").write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    return records


# -- one measured run, in its own process ---------------------------------------------

def run_one(mode: str, work: Path) -> dict[str, object]:
    """Align the corpus in this process with ``mode`` and return the figures."""
    import warnings

    t0 = time.perf_counter()
    n_pairs = n_sent = failed = 0
    if mode == "serial":
        from align.api import align_files
        from align.formats.ladder import write_ladder

        out = work / "out-serial"
        out.mkdir(exist_ok=True)
        for src in sorted((work / "en").iterdir()):
            tgt = next((work / "zh").glob(src.stem + ".*"))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                al = align_files(src, tgt, src_lang="en", tgt_lang="zh")
            write_ladder(out / f"{src.stem}.align", al.beads)
            n_pairs += 1
            n_sent += len(al.src) + len(al.tgt)
    else:
        from align.api import batch_files
        from align.batch.pairing import pair_folders

        workers = 1 if mode == "local1" else 2
        rep = batch_files(pair_folders(work / "en", work / "zh", src_lang="en", tgt_lang="zh"),
                          work / f"out-{mode}", formats=("align", "tsv"), src_lang="en",
                          tgt_lang="zh", workers=workers,
                          engine="dask" if mode.startswith("dask") else "local")
        n_pairs, failed = len(rep.rows), rep.failed
        n_sent = sum(r.stats.src_sentences + r.stats.tgt_sentences for r in rep.rows if r.stats)
    seconds = time.perf_counter() - t0
    return {"mode": mode, "seconds": seconds, "pairs": n_pairs, "failed": failed,
            "sentences": n_sent,
            "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


# -- scoring ---------------------------------------------------------------------------

def _line_of_segments(path: Path, lang: str, lines: Sequence[str]) -> list[int]:
    """The gold line (verse) where each sentence the reader makes of ``path`` starts,
    found by its text in order in the gold lines joined without spaces. By text, not
    by paragraph: a PDF rebuilds paragraphs across line breaks, so one of its
    paragraphs may hold several verses; a traditional-Chinese document is compared
    through its simplified view."""
    from bisect import bisect_right

    from align.api import read_segments
    from align.text.variants import to_simplified

    def squash(text: str) -> str:
        return "".join(to_simplified(text).split()) if lang == "zh" else "".join(text.split())

    starts, joined = [], ""
    for line in lines:
        starts.append(len(joined))
        joined += squash(line)
    out, cur = [], 0
    for seg in read_segments(path, lang, presplit=False):
        text = squash(seg.text)
        k = joined.find(text[:12], cur)
        k = cur if k < 0 else k  # a sentence changed by the reader: keep the position
        out.append(max(bisect_right(starts, k) - 1, 0))
        cur = k + len(text) if k >= cur else cur
    return out


def _span(lines: set[int]) -> tuple[int, ...]:
    return tuple(range(min(lines), max(lines) + 1)) if lines else ()


def pooled_f1(work: Path, out: Path, records: Sequence[dict[str, object]]) -> dict[str, float]:
    """Pooled strict/lax P, R, F1 of the ladders in ``out`` (verse-merged)."""
    from align.aligner.evaluate import Counts, Scores, count, merge_units
    from align.formats.ladder import parse_ladder, read_ladder
    from align.types import Bead

    total = Counts()
    for rec in records:
        pid = str(rec["id"])
        path = out / f"{pid}.align"
        gold = parse_ladder("\n".join(rec["gold"]))  # type: ignore[arg-type]
        pred: list[Bead] = []
        if path.is_file():
            src = next((work / "en").glob(pid + ".*"))
            tgt = next((work / "zh").glob(pid + ".*"))
            sl = _line_of_segments(src, "en", rec["en"])  # type: ignore[arg-type]
            tl = _line_of_segments(tgt, "zh", rec["zh"])  # type: ignore[arg-type]
            for b in read_ladder(path):  # a bead covers the verses its sentences start in
                pred.append(Bead(_span({sl[i] for i in b.src}), _span({tl[j] for j in b.tgt}),
                                 b.confidence))
            pred = merge_units(pred, rec["en_verses"], rec["zh_verses"])  # type: ignore[arg-type]
        c = count(pred, gold)
        total = total + c
    s = Scores(total)
    return {"strict_f1": s.strict_f1, "lax_f1": s.lax_f1, "strict_p": s.strict_precision,
            "strict_r": s.strict_recall}


def _sub(args: list[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         env=env, check=False)
    if res.returncode:
        raise SystemExit(f"{args} failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", help="the Bible zh-en data folder (required to build)")
    ap.add_argument("--chapters", type=int, default=60, help="chapter pairs to use")
    ap.add_argument("--work", default="/tmp/bench-batch", help="working folder (emptied)")
    ap.add_argument("--modes", default="local1,local2,dask2")
    ap.add_argument("--with-pdf", action="store_true", help="every 4th pair as PDF")
    ap.add_argument("--with-traditional", action="store_true",
                    help="every 5th Chinese document in traditional characters")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    work = Path(args.work)
    if args.one:
        print(json.dumps(run_one(args.one, work)))
        return
    if not args.bible:
        ap.error("--bible is required")
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    records = build_corpus(Path(args.bible), work, args.chapters, args.with_pdf,
                           args.with_traditional)
    kinds = sorted({p.suffix for side in ("en", "zh") for p in (work / side).iterdir()})
    print(f"{len(records)} chapter pairs ({', '.join(kinds)}), "
          f"{sum(len(r['en']) + len(r['zh']) for r in records)} gold sentences")  # type: ignore[arg-type]
    results = {}
    for mode in [*args.modes.split(","), "serial"]:
        r = _sub(["--one", mode, "--work", str(work)])
        results[mode] = r
        f1 = pooled_f1(work, work / f"out-{mode}", records)
        print(f"{mode:8} {r['seconds']:7.1f}s  {60 * r['pairs'] / r['seconds']:6.1f} pairs/min  "
              f"{r['sentences'] / r['seconds']:6.0f} sentences/s  failed {r['failed']}  "
              f"peak RSS self {r['self_mb']:.0f} MB, largest child {r['child_mb']:.0f} MB  "
              f"strict F1 {f1['strict_f1']:.4f} (P {f1['strict_p']:.4f} R {f1['strict_r']:.4f})"
              f"  lax F1 {f1['lax_f1']:.4f}", flush=True)
    if "local1" in results and "local2" in results:
        print(f"scaling local2/local1: "
              f"{results['local1']['seconds'] / results['local2']['seconds']:.2f}x")  # type: ignore[operator]
    if "local2" in results:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "align", "batch", str(work / "en"),
                        str(work / "zh"), "-o", str(work / "out-local2"), "--src-lang", "en",
                        "--tgt-lang", "zh", "--format", "align,tsv", "--workers", "2", "-q"],
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
        print(f"re-run with nothing to do (CLI, start-up included): "
              f"{time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
