"""The cases of the reliability harness (bench/bench_reliability.py), numbered as the
items of issue 12; "classic" for the usual hostile inputs. Each case builds its files
in its own folder, runs the CLI and says what it saw (:class:`Outcome`)."""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import signal
import time
from collections.abc import Callable
from pathlib import Path

from reliability_kit import (
    EN,
    W_STRICT,
    ZH,
    Case,
    Ctx,
    Outcome,
    Proc,
    beijing,
    docx,
    docx_bomb,
    fill,
    full_filesystem,
    para,
    tmx_doc,
    units,
)

CASES: list[Case] = []


def case(item: str, name: str, timeout: float = 60.0, slow: bool = False
         ) -> Callable[[Callable[[Ctx], Outcome]], Callable[[Ctx], Outcome]]:
    """Register a case (in the order of definition)."""
    def register(fn: Callable[[Ctx], Outcome]) -> Callable[[Ctx], Outcome]:
        CASES.append(Case(item, name, fn, timeout, slow))
        return fn
    return register


def refusal(p: Proc, output: str = "absent", note: str = "") -> Outcome:
    """Held when the tool refused cleanly (exit 1 or 2, one line)."""
    return Outcome([p], output, p.refused(), note or _first_line(p.err))


def _first_line(err: str, width: int = 90) -> str:
    """The error line of stderr (else its first line), case folders cut off."""
    err = re.sub(r"\S*/align-reliability-[^/\s]+/case[^/\s]+/", "", err)
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    if not lines:
        return ""
    text = next((line for line in lines if line.lower().startswith(("error", "internal"))),
                lines[0])
    return text if len(text) <= width else text[:width - 1] + "…"


# -- 1, 17: a full disk -------------------------------------------------------------

def _on_dev_full(ctx: Ctx, name: str, args: Callable[[Path], list[str | Path]]) -> Outcome:
    link = ctx.dir / name
    link.symlink_to("/dev/full")
    before = ctx.files()
    p = ctx.run(*args(link))
    left = sorted(ctx.files() - before)
    intact = link.is_symlink() and os.readlink(link) == "/dev/full"
    note = f"left behind: {', '.join(left)}; " if left else ""
    return Outcome([p], "intact (device)" if intact else "replaced", p.refused() and not left
                   and intact, note + _first_line(p.err))


@case("1", "pair -o TMX onto /dev/full")
def full_pair_tmx(ctx: Ctx) -> Outcome:
    z, e = ctx.small_pair()
    return _on_dev_full(ctx, "full.tmx", lambda o: ["pair", z, e, "--presplit", "-o", o])


@case("1", "pair -o TSV onto /dev/full")
def full_pair_tsv(ctx: Ctx) -> Outcome:
    z, e = ctx.small_pair()
    return _on_dev_full(ctx, "full.tsv", lambda o: ["pair", z, e, "--presplit", "-o", o])


@case("1", "tmx merge -o onto /dev/full")
def full_merge(ctx: Ctx) -> Outcome:
    src = ctx.write("in.tmx", tmx_doc(units(50, "a")))
    return _on_dev_full(ctx, "full.tmx", lambda o: ["tmx", "merge", src, "-o", o])


@case("1", "tm export -o onto /dev/full")
def full_export(ctx: Ctx) -> Outcome:
    db = ctx.small_tm()
    return _on_dev_full(ctx, "full.tmx", lambda o: ["tm", "export", "--tm", db, "-o", o])


@case("1", "tm pretranslate -o TMX onto /dev/full")
def full_pretranslate(ctx: Ctx) -> Outcome:
    db = ctx.small_tm()
    z, _ = ctx.small_pair()
    return _on_dev_full(ctx, "full.tmx", lambda o: ["tm", "pretranslate", z, "--tm", db,
                                                    "--presplit", "-o", o])


@case("1", "terms -o TBX onto /dev/full")
def full_terms(ctx: Ctx) -> Outcome:
    z, e = ctx.small_pair()
    return _on_dev_full(ctx, "full.tbx", lambda o: ["terms", z, e, "-o", o])


@case("1", "tmx merge onto an old TMX, file system full")
def full_filesystem_merge(ctx: Ctx) -> Outcome:
    big = ctx.write("big.tmx", tmx_doc(units(2000, "b")))
    mnt = full_filesystem(ctx)
    limits = None
    if mnt is None:  # no tmpfs: a file-size limit makes every write past 64 KB fail
        mnt, limits = ctx.dir / "fs", {resource.RLIMIT_FSIZE: 64 * 1024}
        mnt.mkdir()
    old = mnt / "old.tmx"
    old.write_text(tmx_doc(units(20, "old")), encoding="utf-8")
    good = old.read_bytes()
    if limits is None:
        fill(mnt)
    before = ctx.files(mnt)
    p = ctx.run("tmx", "merge", big, "-o", old, limits=limits)
    left = sorted(ctx.files(mnt) - before)
    state = "intact" if old.exists() and old.read_bytes() == good else (
        f"replaced ({old.stat().st_size} bytes)" if old.exists() else "deleted")
    how = "tmpfs" if limits is None else "RLIMIT_FSIZE 64 KB"
    note = f"{how}; " + (f"left behind: {', '.join(left)}; " if left else "")
    return Outcome([p], state, p.refused() and state == "intact" and not left,
                   note + _first_line(p.err))


@case("17", "pair -o XLSX onto /dev/full")
def full_xlsx(ctx: Ctx) -> Outcome:
    z, e = ctx.small_pair()
    return _on_dev_full(ctx, "full.xlsx", lambda o: ["pair", z, e, "--presplit", "-o", o])


# -- 2: concurrent imports ----------------------------------------------------------

def _race(ctx: Ctx, n_units: int, trials: int) -> Outcome:
    files = [ctx.write(f"small_{k}.tmx", tmx_doc(units(n_units, f"{k}"))) for k in range(4)]
    procs: list[Proc] = []
    bad = []
    for trial in range(trials):
        db = ctx.dir / f"race{trial}.db"
        running = [ctx.start("tm", "add", f, "--tm", db) for f in files]
        done = [r.finish() for r in running]
        procs += done
        want = n_units * sum(p.code == 0 for p in done)
        have = ctx.tm_units(db)
        if have != want:
            bad.append(f"trial {trial}: {have} units, {want} reported added")
        if not any(p.code == 0 for p in done):
            bad.append(f"trial {trial}: every import failed")
    ok = sum(p.code == 0 for p in procs)
    clean = all(p.code == 0 or p.refused() for p in procs)
    failed = next((p.err for p in procs if p.code != 0), "")
    note = f"{ok}/{len(procs)} imports succeeded; " + ("; ".join(bad[:2]) or "no unit lost")
    lost = sum("units" in b for b in bad)
    return Outcome(procs, f"lost in {lost}/{trials}" if lost else "complete",
                   clean and not bad, note + (f"; {_first_line(failed, 60)}" if failed else ""))


@case("2", "4 x tm add at once into a new TM (300 units each)", timeout=120)
def race_small(ctx: Ctx) -> Outcome:
    return _race(ctx, 300, ctx.trials)


@case("2", "4 x tm add at once into a new TM (20,000 units each)", timeout=900, slow=True)
def race_big(ctx: Ctx) -> Outcome:
    return _race(ctx, 20000, 1)


# -- 3, 9, 11, 12, 20: documents ----------------------------------------------------

@case("3", "HTML nested 300 levels deep")
def deep_html(ctx: Ctx) -> Outcome:
    body = "".join(f"<span>这是第{i}句。<br>" for i in range(300))
    page = ctx.write("s.html", f"<html><body>{body}</body></html>\n")
    p = ctx.run("segment", page)
    n = len([line for line in p.text.splitlines() if line.strip()])
    if p.code == 0:
        return Outcome([p], "complete" if n == 300 else f"partial ({n}/300 lines)", n == 300)
    return refusal(p)


@case("9", "HTML declaring iso-8859-1, bytes UTF-8 (mojibake)")
def mojibake(ctx: Ctx) -> Outcome:
    page = ctx.write("m.html", '<html><head><meta charset="iso-8859-1"></head><body>'
                     f"<p>{ZH[0]}</p><p>{ZH[2]}</p></body></html>\n")
    p = ctx.run("segment", page)
    if p.code == 0:
        right = ZH[0] in p.text and ZH[2] in p.text
        return Outcome([p], "complete" if right else "mojibake", right)
    return refusal(p)


@case("11", "Chinese UTF-16 without a BOM")
def utf16_no_bom(ctx: Ctx) -> Outcome:
    f = ctx.write("u16.txt", "".join(s + "\n" for s in ZH).encode("utf-16-le"))
    p = ctx.run("segment", f)
    if p.code == 0:
        right = all(s in p.text for s in ZH)
        return Outcome([p], "complete" if right else "garbled", right)
    return Outcome([p], "absent", p.refused() and "16" in p.err, _first_line(p.err))


@case("12", "Strict Open XML .docx")
def strict_docx(ctx: Ctx) -> Outcome:
    f = docx(ctx.dir / "strict.docx", para(ZH[0]) + para(ZH[1]), ns=W_STRICT)
    p = ctx.run("segment", f)
    right = p.code == 0 and ZH[0] in p.text and ZH[1] in p.text
    return Outcome([p], "complete" if right else "absent", right, _first_line(p.err))


NOTES = {"body": "正文里的一句话。", "footnote": "脚注里的一句话。", "endnote": "尾注里的一句话。",
         "header": "页眉里的一句话。", "text box": "文本框里的一句话。"}


@case("20", "DOCX footnotes, endnotes, header, text box")
def docx_notes(ctx: Ctx) -> Outcome:
    t = NOTES
    box = ('<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
           f'{para(t["text box"])}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    body = (f'<w:p><w:r><w:t>{t["body"]}</w:t></w:r><w:r><w:footnoteReference w:id="1"/>'
            f'</w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>{box}')
    parts = {
        "footnotes": ("footnotes", "footnotes", '<w:footnotes xmlns:w="NS"><w:footnote '
                      f'w:id="1">{para(t["footnote"])}</w:footnote></w:footnotes>'),
        "endnotes": ("endnotes", "endnotes", '<w:endnotes xmlns:w="NS"><w:endnote w:id="1">'
                     f'{para(t["endnote"])}</w:endnote></w:endnotes>'),
        "header1": ("header", "header", f'<w:hdr xmlns:w="NS">{para(t["header"])}</w:hdr>'),
    }
    p = ctx.run("segment", docx(ctx.dir / "notes.docx", body, parts))
    found = [k for k, s in t.items() if s in p.text]
    missing = [k for k in t if k not in found]
    state = "complete" if not missing else f"partial ({len(found)}/{len(t)})"
    return Outcome([p], state, p.code == 0 and not missing,
                   f"missing: {', '.join(missing)}" if missing else "")


@case("20", "DOCX run with an unresolved entity")
def docx_entity(ctx: Ctx) -> Outcome:
    prolog = '<!DOCTYPE w:document [<!ENTITY co "北京市">]>'
    body = "<w:p><w:r><w:t>前文&co;后文的句子。</w:t></w:r></w:p>"
    p = ctx.run("segment", docx(ctx.dir / "ent.docx", body, prolog=prolog))
    if p.code == 0:
        return Outcome([p], "complete" if "后文" in p.text else "partial", "后文" in p.text,
                       "" if "后文" in p.text else "text after the entity dropped")
    return refusal(p)


# -- 4, 5: glossaries and spreadsheet cells -----------------------------------------

GLOSSARY = ("zh\ten\ten_deprecated\n"
            "新质生产力\tnew quality productive forces\tnew productive forces of quality\n")


def _aligned(ctx: Ctx, zh: list[str], en: list[str]) -> Proc:
    """al.tsv: the alignment of the two sides, made by ``align pair``."""
    z = ctx.write("z.txt", "".join(s + "\n" for s in zh))
    e = ctx.write("e.txt", "".join(s + "\n" for s in en))
    p = ctx.run("pair", z, e, "--presplit", "-o", "al.tsv")
    if p.code != 0:
        raise RuntimeError(f"align pair failed: {p.err.strip()}")
    return p


def _deprecated_check(ctx: Ctx, tail: str) -> Outcome:
    _aligned(ctx, [ZH[0]], ["We will develop new productive forces of quality."])
    header, row = GLOSSARY.splitlines()
    ctx.write("g.tsv", f"{header}\n{row}{tail}\n")  # the rows only: a spreadsheet's export
    p = ctx.run("check", "al.tsv", "-g", "g.tsv")
    if "deprecated" in p.text:
        return Outcome([p], "n/a", True, "deprecated term reported")
    if p.code == 0:
        return Outcome([p], "n/a", False, "no findings")
    return Outcome([p], "n/a", p.refused() and "g.tsv" in p.err, _first_line(p.err))


@case("4", "glossary TSV, trailing tab on every row")
def glossary_tab(ctx: Ctx) -> Outcome:
    return _deprecated_check(ctx, "\t")


@case("4", "glossary TSV, two trailing tabs on every row")
def glossary_two_tabs(ctx: Ctx) -> Outcome:
    return _deprecated_check(ctx, "\t\t")


FORMULAS = ('=HYPERLINK("http://example.invalid","new productive forces of quality")',
            "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0")


def _formula_cells(data: bytes, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter)
    return [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@case("5", "check --report x.csv with formula cells")
def formula_report(ctx: Ctx) -> Outcome:
    zh = [f"第{i}条：我们要加快发展新质生产力。" for i in range(len(FORMULAS))]
    _aligned(ctx, zh, [f"{f} new productive forces of quality" for f in FORMULAS])
    ctx.write("g.tsv", GLOSSARY)
    p = ctx.run("check", "al.tsv", "-g", "g.tsv", "--report", "x.csv")
    out = ctx.dir / "x.csv"
    if not out.exists():
        return Outcome([p], "absent", False, _first_line(p.err))
    bad = _formula_cells(out.read_bytes(), ",")
    return Outcome([p], "complete", not bad and p.code in (0, 1),
                   f"{len(bad)} formula cells" if bad else "no formula cell")


@case("5", "tm pretranslate -o x.tsv from a TM with formula cells")
def formula_pretranslate(ctx: Ctx) -> Outcome:
    pairs = [(f"第{i}条：我们要加快发展新质生产力。", f) for i, f in enumerate(FORMULAS)]
    tmx = ctx.write("evil.tmx", tmx_doc(pairs))
    add = ctx.run("tm", "add", tmx, "--tm", "tm.db")
    text = ctx.write("new.txt", "".join(z + "\n" for z, _ in pairs))
    p = ctx.run("tm", "pretranslate", text, "--tm", "tm.db", "--presplit", "-o", "x.tsv")
    out = ctx.dir / "x.tsv"
    if add.code != 0 or not out.exists():
        return Outcome([add, p], "absent", False, _first_line(add.err + p.err))
    bad = _formula_cells(out.read_bytes(), "\t")
    return Outcome([add, p], "complete", not bad and p.code == 0,
                   f"{len(bad)} formula cells" if bad else "no formula cell")


# -- 6: DOCX bomb -------------------------------------------------------------------

@case("6", "DOCX bomb (190 MB of <w:p/>) under a memory limit", timeout=300)
def docx_bomb_case(ctx: Ctx) -> Outcome:
    limit = {resource.RLIMIT_AS: ctx.mem_limit * (1 << 20)}
    control = ctx.run("segment", docx(ctx.dir / "ok.docx", para(ZH[0])), limits=limit)
    if control.code != 0:
        return Outcome([control], "n/a", None,
                       f"{ctx.mem_limit} MB is too little for the CLI itself")
    bomb = docx_bomb(ctx.dir / "bomb.docx", 190)
    p = ctx.run("segment", bomb, limits=limit)
    size = f"{bomb.stat().st_size // 1024} KB file"
    figures = f"{size}, {p.secs:.0f} s, peak {p.peak_mb:.0f} MB (limit {ctx.mem_limit} MB)"
    bounded = p.peak_mb < 0.9 * ctx.mem_limit  # not stopped by the limit itself
    if p.code == 0:
        right = "炸弹之前" in p.text and "炸弹之后" in p.text
        return Outcome([p], "complete" if right else "partial", right and bounded, figures)
    return Outcome([p], "absent", p.refused() and bounded and "MemoryError" not in p.err,
                   f"{figures}; {_first_line(p.err, 50)}")


# -- 7: interrupted imports and broken TMs ------------------------------------------

def _kill_mid_write(ctx: Ctx, db: Path, big: Path) -> tuple[Proc, str]:
    """Start ``tm add big`` and kill -9 it once its journal holds pages (or the database
    file grew, or a journal has existed for 1 s); returns the process and what was left."""
    run = ctx.start("tm", "add", big, "--tm", db)
    size0, first, seen = db.stat().st_size, 0.0, ""
    while not run.poll():
        journal = next((j for j in (Path(f"{db}-journal"), Path(f"{db}-wal")) if j.exists()),
                       None)
        try:
            js, ds = (journal.stat().st_size, db.stat().st_size) if journal else (0, size0)
        except OSError:
            continue
        if journal:
            first = first or time.monotonic()
            if js >= 32768 or ds != size0 or time.monotonic() - first > 1.0:
                run.signal(signal.SIGKILL)
                seen = f"{journal.name[len(db.name):]} of {js // 1024} KB"
                break
        time.sleep(0.001)
    return run.finish(), seen


@case("7", "TM after kill -9 during tm add (hot journal)", timeout=180)
def hot_journal(ctx: Ctx) -> Outcome:
    db = ctx.small_tm()
    big = ctx.write("big.tmx", tmx_doc(units(60000, "hot")))
    killed, seen = _kill_mid_write(ctx, db, big)
    if not seen or killed.code != -signal.SIGKILL:
        return Outcome([killed], "n/a", None, "the import ended before it could be killed")
    stats = ctx.run("tm", "stats", "--tm", db)
    lookup = ctx.run("tm", "lookup", ZH[0], "--tm", db)
    n = ctx.tm_units(db)
    # all or nothing: the 3 units before, or all 60,003 if the commit beat the kill
    right = stats.code == 0 and lookup.code == 0 and n in (3, 60003) and EN[0] in lookup.text
    return Outcome([stats, lookup], "intact" if n in (3, 60003) else f"{n} units", right,
                   f"killed with {seen}; " + (_first_line(stats.err + lookup.err)
                                              or f"{n} units, lookup works"))


@case("7", "malformed TM database")
def malformed_tm(ctx: Ctx) -> Outcome:
    db = ctx.small_tm()
    data = bytearray(db.read_bytes())
    data[1024:len(data)] = os.urandom(len(data) - 1024)  # header kept, pages garbled
    db.write_bytes(bytes(data))
    p = ctx.run("tm", "stats", "--tm", db)
    return refusal(p, "n/a")


# -- 8: long single-paragraph inputs ------------------------------------------------

@case("8", "pair: Beijing x300 vs x180, each on one line", timeout=1200, slow=True)
def long_paragraph(ctx: Ctx) -> Outcome:
    texts = beijing(300, 180, " ", " ")
    if texts is None:
        return Outcome([], "n/a", None, "corpora/beijing-2024 not found")
    z = ctx.write("zh.txt", texts[0] + "\n")
    e = ctx.write("en.txt", texts[1] + "\n")
    p = ctx.run("pair", z, e, "-o", "out.tsv")
    out = ctx.dir / "out.tsv"
    rows = len(out.read_text("utf-8").splitlines()) - 1 if out.exists() else 0
    state = f"complete ({rows} beads)" if p.code == 0 and rows > 1000 else (
        "absent" if not out.exists() else "partial")
    return Outcome([p], state, p.code == 0 and rows > 1000,
                   f"{p.secs:.0f} s, peak {p.peak_mb:.0f} MB; " + _first_line(p.err, 60))


# -- 10: signals during a write ------------------------------------------------------

def _signal_during_write(ctx: Ctx, sig: int) -> Outcome:
    texts = beijing(10, 10)
    if texts is None:
        return Outcome([], "n/a", None, "corpora/beijing-2024 not found")
    z, e = ctx.write("zh.txt", texts[0]), ctx.write("en.txt", texts[1])
    before = ctx.files()
    run = ctx.start("pair", z, e, "-o", "out.xlsx")
    caught = False
    while not run.poll():
        if ctx.files() - before:
            run.signal(sig)
            caught = True
            break
        time.sleep(0.001)
    p = run.finish()
    left = sorted(ctx.files() - before)
    if not caught:
        return Outcome([p], "n/a", None, "the write ended before the signal could be sent")
    state = "absent" if "out.xlsx" not in left else "written"
    left = [f for f in left if f != "out.xlsx"]
    return Outcome([p], state, not left and p.code != 0,
                   f"left behind: {', '.join(left)}" if left else "nothing left behind")


@case("10", "SIGTERM while pair writes its output", timeout=300)
def sigterm_write(ctx: Ctx) -> Outcome:
    return _signal_during_write(ctx, signal.SIGTERM)


@case("10", "SIGINT while pair writes its output", timeout=300)
def sigint_write(ctx: Ctx) -> Outcome:
    return _signal_during_write(ctx, signal.SIGINT)


# -- 13, 14, 18, 19: the command line ----------------------------------------------

@case("13", "pair --src-lang zh --tgt-lang zh")
def same_language(ctx: Ctx) -> Outcome:
    z, _ = ctx.small_pair()
    p = ctx.run("pair", z, z, "--src-lang", "zh", "--tgt-lang", "zh", "--presplit")
    # a usage error: exit 2 (click prints the usage line and a framed message)
    return Outcome([p], "n/a", p.code == 2, _first_line(p.err))


@case("14", "tm lookup with a non-UTF-8 byte in the argument")
def non_utf8_argv(ctx: Ctx) -> Outcome:
    db = ctx.small_tm()
    p = ctx.run("tm", "lookup", b"\xff\xfe\xe5\x8c", "--tm", str(db).encode())
    ok = p.refused() or (p.code == 0 and not p.err.strip())
    return Outcome([p], "n/a", ok, _first_line(p.err))


def _broken_pipe(ctx: Ctx, *args: str) -> Outcome:
    texts = beijing(40)
    if texts is None:
        return Outcome([], "n/a", None, "corpora/beijing-2024 not found")
    ctx.write("zh.txt", texts[0])
    p = ctx.start("segment", "zh.txt", *args, first_line_only=True).finish()
    quiet = not p.err.strip() and p.code in (0, 141, -signal.SIGPIPE)
    return Outcome([p], "n/a", quiet, _first_line(p.err) or "quiet")


@case("18", "segment | head -1 (broken pipe)")
def broken_pipe(ctx: Ctx) -> Outcome:
    return _broken_pipe(ctx)


@case("18", "segment -o /dev/stdout | head -1 (broken pipe)")
def broken_pipe_device(ctx: Ctx) -> Outcome:
    return _broken_pipe(ctx, "-o", "/dev/stdout")


@case("19", "TMX version 99")
def tmx_version(ctx: Ctx) -> Outcome:
    f = ctx.write("v99.tmx", tmx_doc(list(zip(ZH, EN, strict=True)), version="99"))
    p = ctx.run("tm", "add", f, "--tm", "tm.db")
    said = "version" in p.err.lower() or "99" in p.err
    return Outcome([p], "n/a", said and (p.code == 0 or p.refused()),
                   _first_line(p.err) if said else "accepted silently")


@case("19", "TMX unit with a second target <tuv> in the same language")
def tmx_second_tuv(ctx: Ctx) -> Outcome:
    extra = '<tuv xml:lang="en-US"><seg>A second English translation.</seg></tuv>'
    f = ctx.write("two.tmx", tmx_doc([(ZH[0], EN[0])], extra_tuv=extra))
    p = ctx.run("tm", "add", f, "--tm", "tm.db")
    n = ctx.tm_units(ctx.dir / "tm.db")
    said = any(w in p.err.lower() for w in ("second", "more than one", "several", "tuv"))
    return Outcome([p], f"{n} units", (said or n == 2) and (p.code == 0 or p.refused()),
                   _first_line(p.err) if said else f"{n} unit(s), nothing said")


@case("19", "tm lookup of an empty sentence")
def empty_lookup(ctx: Ctx) -> Outcome:
    db = ctx.small_tm()
    p = ctx.run("tm", "lookup", "", "--tm", db)
    return Outcome([p], "n/a", p.refused(), _first_line(p.err) or p.text.strip()[:60])


@case("19", "pair -o into a missing folder (refused before the work?)", timeout=300)
def missing_out_folder(ctx: Ctx) -> Outcome:
    texts = beijing(10, 10)
    if texts is None:
        return Outcome([], "n/a", None, "corpora/beijing-2024 not found")
    z, e = ctx.write("zh.txt", texts[0]), ctx.write("en.txt", texts[1])
    ok = ctx.run("pair", z, e, "-o", "out.tsv")
    p = ctx.run("pair", z, e, "-o", "nofolder/out.tsv")
    early = p.secs < 0.5 * ok.secs
    return Outcome([p], "absent", p.refused() and early,
                   f"{p.secs:.1f} s vs {ok.secs:.1f} s for the whole run; "
                   + _first_line(p.err, 50))


# -- 15, 16: alignment files into the TM --------------------------------------------

@case("15", "tm add of its own TSV with a 140,000-character cell", timeout=300)
def huge_cell(ctx: Ctx) -> Outcome:
    zh = "我们要加快发展新质生产力" * 11700  # 140,400 characters, no sentence end
    en = "we will accelerate new quality productive forces " * 2800
    z, e = ctx.write("z.txt", zh + "。\n"), ctx.write("e.txt", en + ".\n")
    pair = ctx.run("pair", z, e, "--presplit", "-o", "huge.tsv")
    if pair.code != 0:
        return Outcome([pair], "absent", False, "pair failed: " + _first_line(pair.err))
    p = ctx.run("tm", "add", "huge.tsv", "--tm", "tm.db")
    n = ctx.tm_units(ctx.dir / "tm.db")
    return Outcome([pair, p], f"{n} units", p.code == 0 and n == 1, _first_line(p.err))


@case("16", "tm add of JSONL with other keys")
def jsonl_keys(ctx: Ctx) -> Outcome:
    f = ctx.write("other.jsonl", "".join(f'{{"zh": "{z}", "en": "{e}"}}\n'
                                         for z, e in zip(ZH, EN, strict=True)))
    p = ctx.run("tm", "add", f, "--tm", "tm.db")
    n = ctx.tm_units(ctx.dir / "tm.db")
    return Outcome([p], f"{n} units", p.refused() or (p.code == 0 and n == 3),
                   _first_line(p.err))


@case("16", "tm add of TSV with an unknown header row")
def tsv_header(ctx: Ctx) -> Outcome:
    rows = "".join(f"{z}\t{e}\n" for z, e in zip(ZH, EN, strict=True))
    f = ctx.write("odd.tsv", "chinese text\tenglish text\n" + rows)
    p = ctx.run("tm", "add", f, "--tm", "tm.db")
    n = ctx.tm_units(ctx.dir / "tm.db")
    return Outcome([p], f"{n} units", p.refused() or (p.code == 0 and n == 3),
                   _first_line(p.err) if n != 4 else "the header row became a unit")


# -- classics -----------------------------------------------------------------------

LOL = ('<!DOCTYPE tmx [<!ENTITY lol "lol">'
       + "".join(f'<!ENTITY lol{k} "{("&lol" + (str(k - 1) if k > 1 else "") + ";") * 10}">'
                 for k in range(1, 10)) + "]>\n")


@case("classic", "billion laughs in a TMX (tm add)")
def laughs_tmx(ctx: Ctx) -> Outcome:
    f = ctx.write("lol.tmx", tmx_doc([("&lol9;", "&lol9;")], doctype=LOL, raw=True))
    p = ctx.run("tm", "add", f, "--tm", "tm.db")
    return refusal(p, "absent" if not (ctx.dir / "tm.db").exists() else "created")


@case("classic", "billion laughs in a DOCX (segment)")
def laughs_docx(ctx: Ctx) -> Outcome:
    prolog = LOL.replace("tmx", "w:document")
    p = ctx.run("segment", docx(ctx.dir / "lol.docx", para("&lol9;"), prolog=prolog))
    return refusal(p, "n/a")


@case("classic", "XXE in a TMX (tmx merge)")
def xxe(ctx: Ctx) -> Outcome:
    secret = ctx.write("secret.txt", "SECRET-XXE-4711")
    doctype = f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    f = ctx.write("xxe.tmx", tmx_doc([(ZH[0], "&xxe;")], doctype=doctype, raw=True))
    p = ctx.run("tmx", "merge", f, "-o", "out.tmx")
    out = ctx.dir / "out.tmx"
    leaked = "SECRET" in p.text + p.err or (out.exists() and b"SECRET" in out.read_bytes())
    return Outcome([p], "leaked" if leaked else ("written" if out.exists() else "absent"),
                   not leaked and (p.code == 0 or p.refused()), _first_line(p.err))


@case("classic", "binary file as text (segment)")
def binary(ctx: Ctx) -> Outcome:
    f = ctx.write("bin.txt", bytes(range(256)) * 64)
    return refusal(ctx.run("segment", f))


@case("classic", "empty source file (pair)")
def empty_file(ctx: Ctx) -> Outcome:
    _, e = ctx.small_pair()
    p = ctx.run("pair", ctx.write("empty.txt", ""), e, "-o", "out.tsv")
    if p.code == 0:
        return Outcome([p], "complete", "empty" in p.err, _first_line(p.err))
    return refusal(p)


@case("classic", "wrong language: English text as the Chinese source")
def wrong_language(ctx: Ctx) -> Outcome:
    z, e = ctx.small_pair()
    p = ctx.run("pair", e, e, "--presplit", "-o", "out.tsv")
    if p.code == 0:
        return Outcome([p], "complete", "chinese" in p.err.lower(), _first_line(p.err))
    return refusal(p)


@case("classic", "missing input file")
def missing_file(ctx: Ctx) -> Outcome:
    _, e = ctx.small_pair()
    return refusal(ctx.run("pair", "nope.txt", e, "-o", "out.tsv"))


@case("classic", "a folder as input")
def folder_input(ctx: Ctx) -> Outcome:
    _, e = ctx.small_pair()
    (ctx.dir / "folder").mkdir()
    return refusal(ctx.run("pair", "folder", e, "-o", "out.tsv"))


@case("classic", "output = input (pair -o TGT)")
def output_is_input(ctx: Ctx) -> Outcome:
    z, e = ctx.small_pair()
    good = e.read_bytes()
    p = ctx.run("pair", z, e, "--presplit", "-o", e)
    intact = e.read_bytes() == good
    return Outcome([p], "intact" if intact else "overwritten", intact and p.refused(),
                   _first_line(p.err))
