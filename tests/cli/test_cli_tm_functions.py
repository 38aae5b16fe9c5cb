"""The typed functions behind ``align tm``: add a file (all or nothing), export, look up,
write drafts and pre-translate a file, called from Python."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tmx_schema import tmx_problems

from align.cli.tm import (
    add_file,
    export_tm,
    lookup_tm,
    pretranslate_file,
    read_text_segments,
    tm_stats,
    write_draft,
)
from align.errors import ConfigError, FormatError, InputError
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.formats.units import units_from_file
from align.tm.pretranslate import Pretranslation, pretranslate_segments
from align.tm.store import TMStore
from align.types import Segment, TranslationUnit

UNITS = [
    TranslationUnit("2024年，我们要坚持改革开放，推动高质量发展。",
                    "In 2024, we must stay committed to reform and opening up and promote "
                    "high-quality development.", props=(("x-document", "a.txt"),),
                    created="20240301T080000Z", origin="a.txt"),
    TranslationUnit("我们要坚持改革开放。", "We must stay committed to reform and opening up.",
                    origin="a.txt"),
    TranslationUnit("We must stay committed to reform.", "我们要坚持改革。", "en-GB", "zh-CN"),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tm.db"
    with TMStore(path, create=True) as store:
        store.add(UNITS, name="units")
    return path


def rows(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM units ORDER BY 1").fetchall()
    finally:
        con.close()


# -- add ------------------------------------------------------------------------------

def test_failed_import_changes_nothing(db: Path, tmp_path: Path) -> None:
    before = rows(db)
    bad = tmp_path / "bad.tmx"
    write_tmx(bad, [TranslationUnit(f"新句子{i}", f"New sentence {i}") for i in range(50)])
    data = bad.read_bytes()
    bad.write_bytes(data[:data.rfind(b"</tu>", 0, len(data) - 400) + 6])  # cut after a unit
    with pytest.raises(FormatError, match="truncated"):
        add_file(db, bad)
    assert rows(db) == before


def _make_read_only(path: Path) -> Callable[[], None]:
    """Make ``path`` unwritable, for root too, and return the undo: file mode 0444, and
    as root (who ignores modes) the immutable attribute. Fails under CI=true, else
    skips, when neither can be done here."""
    path.chmod(0o444)
    if not os.access(path, os.W_OK):
        return lambda: path.chmod(0o644)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode == 0 and not _writable(path):
        return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)
    why = f"cannot make a file read-only for root here (chattr: {done.stderr.strip()})"
    if os.environ.get("CI") == "true":
        pytest.fail(why)
    pytest.skip(why)


def _writable(path: Path) -> bool:
    try:
        with path.open("r+b"):
            return True
    except PermissionError:
        return False


def test_read_only_file(tmp_path: Path, db: Path) -> None:
    """A TM the user may not write: the add fails with a message that says so and the
    TM is unchanged (root included: the file is made immutable)."""
    tsv = tmp_path / "new.tsv"
    tsv.write_text("新句子。\tA new sentence.\t1-1\t0.9\n", encoding="utf-8")
    before = rows(db)
    undo = _make_read_only(db)
    try:
        with pytest.raises(InputError, match=r"tm\.db: cannot add to the TM: the TM is read-only"):
            add_file(db, tsv)
    finally:
        undo()
    assert rows(db) == before


def test_add_alignment_tsv_and_jsonl(tmp_path: Path) -> None:
    tsv = tmp_path / "pair.tsv"
    tsv.write_text("source\ttarget\tbead\tconfidence\n我们。\tWe.\t1-1\t0.9\n"
                   "省略。\t\t1-0\t0.8\n两句。\tTwo.\t2-1\t0.2\n", encoding="utf-8")
    jsonl = tmp_path / "pair.jsonl"
    jsonl.write_text('{"source": "第三。", "target": "Third.", "bead": "1-1", '
                     '"confidence": 0.7}\n\n', encoding="utf-8")
    db = tmp_path / "tm.db"
    assert add_file(db, tsv).added.added == 2
    assert add_file(db, jsonl, src_locale="zh-TW", tgt_locale="en-GB").added.added == 1
    with TMStore(db) as store:
        units = list(store.units())
    assert [(u.source, u.prop("x-confidence"), u.prop("x-review-state"), u.origin)
            for u in units] == [("我们。", "0.900", "unreviewed", "pair"),
                                ("两句。", "0.200", "needs-review", "pair"),
                                ("第三。", "0.700", "unreviewed", "pair")]
    assert [(u.source_lang, u.target_lang) for u in units] == [
        ("zh-CN", "en-US"), ("zh-CN", "en-US"), ("zh-TW", "en-GB")]


def test_add_tmx_reads_the_requested_locales(tmp_path: Path) -> None:
    tmx = tmp_path / "gb.tmx"
    write_tmx(tmx, [TranslationUnit("我们。", "We.", "zh-CN", "en-GB"),
                    TranslationUnit("他们。", "They.", "zh-CN", "fr-FR")])
    db = tmp_path / "tm.db"
    r = add_file(db, tmx, tgt_locale="en-GB")
    assert (r.added.added, r.filtered) == (1, 1)
    assert tm_stats(db).pairs == {("zh-CN", "en-GB"): 1}


@pytest.mark.parametrize(("name", "content", "error", "match"), [
    ("x.tsv", "只有一列\n", FormatError, r"x\.tsv:1: expected 2 to 4 columns"),
    ("x.tsv", "一\tone\t1-1\thigh\n", FormatError, r"x\.tsv:1: bad confidence 'high'"),
    ("x.tsv", '一\t"one\nline two"\t1-1\t0.5\n二\ttwo\t1-1\thigh\n', FormatError,
     r"x\.tsv:3: bad confidence 'high'"),
    ("x.jsonl", "{bad\n", FormatError, r"x\.jsonl:1: not JSON"),
    ("x.jsonl", "[1, 2]\n", FormatError, "one JSON object per line"),
    ("x.align", "[0]:[0]\n", InputError, "a ladder alignment needs its two texts"),
], ids=["one-column", "bad-confidence", "bad-line-after-quoted-line-break", "bad-json",
        "json-list", "ladder"])
def test_alignment_file_errors(tmp_path: Path, name: str, content: str,
                               error: type[Exception], match: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    db = tmp_path / "tm.db"
    with pytest.raises(error, match=match):
        add_file(db, p)
    assert not db.exists()  # a failed first import leaves no TM behind


def test_units_from_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such alignment file"):
        units_from_file(tmp_path / "none.tsv")


@pytest.mark.parametrize("suffix", [".tsv", ".jsonl", ".tmx"])
def test_add_files_written_by_align_pair(tmp_path: Path, suffix: str) -> None:
    import align
    from align.types import Alignment, Bead

    src = [Segment('他说："是的"。', "zh", 0), Segment("省略的一句。", "zh", 1),
           Segment("第三\t句。", "zh", 2)]
    tgt = [Segment('He said "yes".', "en", 0), Segment("Third, with a tab.", "en", 1)]
    a = Alignment(src, tgt, [Bead((0,), (0,), 0.9), Bead((1,), (), 0.5), Bead((2,), (1,), 0.3)])
    path = tmp_path / f"pair{suffix}"
    align.write_alignment(a, path)
    db = tmp_path / "tm.db"
    assert add_file(db, path).added.added == 2
    with TMStore(db) as store:
        got = [(u.source, u.target, u.prop("x-review-state")) for u in store.units()]
    assert got[0] == ('他说："是的"。', 'He said "yes".', "unreviewed")
    assert got[1][1:] == ("Third, with a tab.", "needs-review")


# -- export and lookup ----------------------------------------------------------------

def test_export_round_trip(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    n = export_tm(db, out, src_lang="zh", tgt_lang="en")
    assert int(n) == 2
    units = list(read_tmx(out))
    assert [(u.source, u.target) for u in units] == [(u.source, u.target) for u in UNITS[:2]]
    assert units[0].props == UNITS[0].props and units[0].created == UNITS[0].created
    assert tmx_problems(out) == []
    every = tmp_path / "all.tmx"
    assert int(export_tm(db, every)) == 3
    assert tmx_problems(every) == []
    assert 'srclang="*all*"' in every.read_text(encoding="utf-8")


def test_lookup_language_of_the_query(db: Path) -> None:
    # "We" has no Chinese characters: English by default; declared Chinese, no match
    assert [m.target for m in lookup_tm(db, "We must stay committed to reform!")] == [
        "我们要坚持改革。"]
    assert lookup_tm(db, "We must stay committed to reform!", src_lang="zh") == []


# -- pre-translation ------------------------------------------------------------------

def pre_of(db: Path) -> Pretranslation:
    segs = [Segment("我们要坚持改革开放。", "zh", 0), Segment("天气晴朗。", "zh", 1)]
    with TMStore(db, readonly=True) as store:
        return pretranslate_segments(segs, store, name="new.txt")


def test_write_draft_by_suffix(db: Path, tmp_path: Path) -> None:
    pre = pre_of(db)
    tsv = tmp_path / "d.tsv"
    assert write_draft(pre, tsv) == 2
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:6] == ["#", "paragraph", "zh", "translation", "match %",
                                         "band"]
    assert lines[1].split("\t")[3:8] == [UNITS[1].target, "100", "100%", "我们要坚持改革开放。",
                                         UNITS[1].target]
    tmx = tmp_path / "d.tmx"
    assert write_draft(pre, tmx, src_locale="zh-TW") == 1
    assert [(u.source_lang, u.prop("x-match")) for u in read_tmx(tmx, "zh-TW")] == [
        ("zh-TW", "100")]
    assert tmx_problems(tmx) == []
    xlsx = tmp_path / "d.xlsx"
    write_draft(pre, xlsx)
    import openpyxl

    ws = openpyxl.load_workbook(xlsx).active
    assert ws.cell(2, 3).value == "我们要坚持改革开放。" and ws.cell(3, 6).value == "no match"
    with pytest.raises(ConfigError, match="unknown draft format .docx"):
        write_draft(pre, tmp_path / "d.docx")


def test_pretranslate_file_without_output(db: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。今天天气很好。\n", encoding="utf-8")
    pre = pretranslate_file(db, new)
    assert [r.band for r in pre.rows] == ["100%", "no match"] and pre.name == "new.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt", "tm.db"]


@pytest.mark.parametrize("presplit", [False, True], ids=["document", "presplit"])
def test_read_text_segments_auto_language(tmp_path: Path, presplit: bool) -> None:
    new = tmp_path / "new.txt"
    new.write_text("We must stay committed to reform.\nWe will grow.\n", encoding="utf-8")
    segs = read_text_segments(new, "auto", presplit)
    assert [s.lang for s in segs] == ["en", "en"]
    with pytest.raises(InputError, match="English"):
        read_text_segments(new, "zh", presplit)
