"""The SQLite TM store: adding (idempotent, origin kept, all-or-nothing), bad
databases, lookups from the index, export, alignment files, pre-translation."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from tmx_schema import tmx_problems

from align.cli.tm_ops import add_file, export_tm, lookup, tm_stats
from align.errors import ConfigError, FormatError, InputError
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.formats.units import units_from_file
from align.tm.pretranslate import format_analysis, pretranslate_segments, write_draft
from align.tm.store import TMStore
from align.types import Segment, TranslationUnit

UNITS = [
    TranslationUnit("2024年，我们要坚持改革开放，推动高质量发展。",
                    "In 2024, we must stay committed to reform and opening up and promote "
                    "high-quality development.", props=(("x-document", "a.txt"),
                                                        ("x-confidence", "0.910"),
                                                        ("x-review-state", "unreviewed")),
                    created="20240301T080000Z", origin="a.txt"),
    TranslationUnit("我们要坚持改革开放。", "We must stay committed to reform and opening up.",
                    origin="a.txt"),
    TranslationUnit("今年是中华人民共和国成立75周年。",
                    "This year marks the 75th anniversary of the founding of the PRC.",
                    origin="b.txt"),
    TranslationUnit("We must stay committed to reform.", "我们要坚持改革。", "en-GB", "zh-CN"),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tm.db"
    with TMStore(path, create=True) as store:
        store.add(UNITS, name="units")
    return path


def snapshot(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("units", "grams", "postings", "imports")]
    finally:
        con.close()


def test_adding_twice_adds_nothing_and_keeps_first_origin(db: Path) -> None:
    with TMStore(db) as store:
        again = [TranslationUnit(u.source, u.target, u.source_lang, u.target_lang,
                                 (("x-document", "later.txt"),), "20250101T000000Z", "later.txt")
                 for u in UNITS]
        r = store.add([*again, again[0]], name="again")
        assert (r.read, r.added, r.duplicates) == (5, 0, 5)
        assert len(store) == 4
        first = next(store.units())
    assert (first.origin, first.created, first.prop("x-confidence")) == (
        "a.txt", "20240301T080000Z", "0.910")


def test_same_source_other_locale_is_another_unit(db: Path) -> None:
    with TMStore(db) as store:
        r = store.add([TranslationUnit(UNITS[1].source, UNITS[1].target, "zh-CN", "en-GB")],
                      name="gb")
        assert r.added == 1 and len(store) == 5


def test_stats(db: Path) -> None:
    s = tm_stats(db)
    assert s.units == 4 and s.documents == 2 and s.imports == 1
    assert s.pairs == {("zh-CN", "en-US"): 3, ("en-GB", "zh-CN"): 1}
    assert s.review_states == {"(none)": 3, "unreviewed": 1}
    assert s.grams > 0 and s.file_bytes > 0


def test_failed_import_changes_nothing(db: Path, tmp_path: Path) -> None:
    before = snapshot(db)
    bad = tmp_path / "bad.tmx"
    write_tmx(bad, [TranslationUnit(f"新句子{i}", f"New sentence {i}") for i in range(50)])
    data = bad.read_bytes()
    bad.write_bytes(data[:data.rfind(b"</tu>", 0, len(data) - 400) + 6])  # cut after a unit
    with pytest.raises(FormatError, match="truncated"):
        add_file(db, bad)
    assert snapshot(db) == before


def test_failed_import_from_a_generator_changes_nothing(db: Path) -> None:
    before = snapshot(db)

    def units():  # type: ignore[no-untyped-def]
        yield TranslationUnit("新的一句。", "A new sentence.")
        raise InputError("reading stopped", path="x.tsv", line=2)

    with TMStore(db) as store, pytest.raises(InputError, match="x.tsv:2: reading stopped"):
        store.add(units(), name="x")
    assert snapshot(db) == before


def test_not_a_tm_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(InputError, match=r"other\.db: this SQLite database is not a zhen-align TM"):
        TMStore(other)
    text = tmp_path / "notes.db"
    text.write_text("not sqlite at all " * 100)
    with pytest.raises(InputError, match=r"notes\.db: cannot open the TM: the file is not a SQLite"):
        TMStore(text)


def test_newer_schema_is_refused(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(InputError, match="schema version 99, newer than this"):
        TMStore(db)


def test_missing_tm_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such TM; create it with `align tm add"):
        tm_stats(tmp_path / "none.db")
    with pytest.raises(InputError, match="the TM's folder does not exist"):
        TMStore(tmp_path / "no" / "tm.db", create=True)
    with pytest.raises(InputError, match="the TM path is a folder"):
        TMStore(tmp_path)


def test_read_only_database(db: Path) -> None:
    before = snapshot(db)
    with TMStore(db, readonly=True) as store, pytest.raises(
            InputError, match=r"tm\.db: cannot add to the TM: the TM is read-only"):
        store.add(UNITS[:1] + [TranslationUnit("新", "new")], name="x")
    assert snapshot(db) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_read_only_file(db: Path) -> None:  # pragma: no cover - not as root
    db.chmod(0o444)
    try:
        with pytest.raises(InputError, match="read-only"):
            add_file(db, db)
    finally:
        db.chmod(0o644)


@pytest.mark.parametrize(("lock", "doing"), [("IMMEDIATE", "add to"), ("EXCLUSIVE", "open")],
                         ids=["writer-busy", "exclusive"])
def test_locked_database(db: Path, lock: str, doing: str) -> None:
    before = snapshot(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute(f"BEGIN {lock}")
    try:
        with pytest.raises(InputError, match=f"cannot {doing} the TM: the TM is locked by "
                           "another program; try again"):
            with TMStore(db, timeout=0.05) as store:
                store.add([TranslationUnit("新", "new")], name="x")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(db) == before


def test_lookup_ranks_and_filters(db: Path) -> None:
    got = lookup(db, "2025年，我们要坚持改革开放，推动高质量发展。", min_percent=50)
    assert [(m.percent, m.source) for m in got] == [
        (99, "2024年，我们要坚持改革开放，推动高质量发展。")]
    assert got[0].document == "a.txt" and got[0].confidence == pytest.approx(0.91)
    got = lookup(db, "我们要坚持改革开放。", min_percent=30)
    assert [m.percent for m in got] == [100, 47]
    assert lookup(db, "我们要坚持改革开放。", min_percent=30, top=1)[0].target == (
        "We must stay committed to reform and opening up.")


def test_lookup_english_source_units(db: Path) -> None:
    got = lookup(db, "We must stay committed to reform!", min_percent=70)
    assert [(m.percent, m.target, m.source_lang) for m in got] == [(99, "我们要坚持改革。", "en-GB")]


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh_cn"], ids=["primary", "locale", "underscore"])
def test_lookup_lang_given_as_locale(db: Path, lang: str) -> None:
    got = lookup(db, "我们要坚持改革开放。", min_percent=30, lang=lang)
    assert [m.percent for m in got] == [100, 47]
    assert lookup(db, "We must stay committed to reform!", min_percent=70, lang=lang) == []


def test_candidates_come_from_the_index(db: Path) -> None:
    # min 0 would accept any unit, but a unit sharing no bigram is never a candidate
    assert lookup(db, "天气晴朗。", min_percent=0) == []
    assert lookup(db, "   ", min_percent=0) == []


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"min_percent": 101}, r"--min must be in \[0, 100\]"), ({"top": 0}, "--top must be at least 1")],
    ids=["min", "top"])
def test_lookup_bad_options(db: Path, kwargs: dict[str, int], match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        lookup(db, "我们", **kwargs)  # type: ignore[arg-type]


def test_export_round_trip(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    n = export_tm(db, out, src_lang="zh", tgt_lang="en")
    assert int(n) == 3
    units = list(read_tmx(out))
    assert [(u.source, u.target) for u in units] == [(u.source, u.target) for u in UNITS[:3]]
    assert units[0].props == UNITS[0].props and units[0].created == UNITS[0].created
    assert tmx_problems(out) == []
    every = tmp_path / "all.tmx"
    assert int(export_tm(db, every)) == 4
    assert tmx_problems(every) == []
    assert 'srclang="*all*"' in every.read_text(encoding="utf-8")


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, {"zh-CN", "en-GB"}), ({"src_lang": "zh", "tgt_lang": "en"}, {"zh-CN"}),
    ({"tgt_lang": "zh-TW"}, {"en-GB"}), ({"src_lang": "fr"}, set())],
    ids=["all", "zh-en", "to-zh", "none"])
def test_source_locales(db: Path, filters: dict[str, str], expected: set[str]) -> None:
    with TMStore(db, readonly=True) as store:
        assert store.source_locales(**filters) == expected
        assert store.source_locales(**filters) == {u.source_lang for u in store.units(**filters)}


def test_add_alignment_tsv_and_jsonl(tmp_path: Path) -> None:
    tsv = tmp_path / "pair.tsv"
    tsv.write_text("source\ttarget\tbead\tconfidence\n我们。\tWe.\t1-1\t0.9\n"
                   "省略。\t\t1-0\t0.8\n两句。\tTwo.\t2-1\t0.2\n", encoding="utf-8")
    jsonl = tmp_path / "pair.jsonl"
    jsonl.write_text('{"source": "第三。", "target": "Third.", "bead": "1-1", '
                     '"confidence": 0.7}\n\n', encoding="utf-8")
    db = tmp_path / "tm.db"
    assert add_file(db, tsv).added.added == 2
    assert add_file(db, jsonl).added.added == 1
    with TMStore(db) as store:
        units = list(store.units())
    assert [(u.source, u.prop("x-bead"), u.prop("x-review-state"), u.origin) for u in units] == [
        ("我们。", "1-1", "unreviewed", "pair"), ("两句。", "2-1", "needs-review", "pair"),
        ("第三。", "1-1", "unreviewed", "pair")]


@pytest.mark.parametrize(("name", "content", "error", "match"), [
    ("x.tsv", "只有一列\n", FormatError, r"x\.tsv:1: expected source<TAB>target"),
    ("x.tsv", "一\tone\t1-1\thigh\n", FormatError, r"x\.tsv:1: confidence 'high' is not a number"),
    ("x.tsv", '一\t"one\nline two"\t1-1\t0.5\n二\ttwo\t1-1\thigh\n', FormatError,
     r"x\.tsv:3: confidence 'high' is not a number"),
    ("x.jsonl", "{bad\n", FormatError, r"x\.jsonl:1: not JSON"),
    ("x.jsonl", "[1, 2]\n", FormatError, "one JSON object per line"),
    ("x.align", "[0]:[0]\n", InputError, "cannot add .align to a TM"),
], ids=["one-column", "bad-confidence", "bad-line-after-quoted-line-break", "bad-json",
        "json-list", "ladder"])
def test_alignment_file_errors(tmp_path: Path, name: str, content: str,
                               error: type[Exception], match: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    db = tmp_path / "tm.db"
    with pytest.raises(error, match=match):
        add_file(db, p)
    assert not db.exists() or tm_stats(db).units == 0


def test_units_from_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        units_from_file(tmp_path / "none.tsv")


def zh(text: str, i: int) -> Segment:
    return Segment(text, "zh", i, i // 2)


def test_pretranslate_segments_and_drafts(db: Path, tmp_path: Path) -> None:
    segs = [zh("我们要坚持改革开放。", 0), zh("2023年，我们要坚持改革开放，推动高质量发展。", 1),
            zh("今年是中华人民共和国成立76周年。", 2), zh("天气晴朗。", 3)]
    with TMStore(db, readonly=True) as store:
        pre = pretranslate_segments(segs, store, name="new.txt")
    assert [(r.band, r.match.percent if r.match else None) for r in pre.rows] == [
        ("100", 100), ("95-99", 99), ("95-99", 99), ("no match", None)]
    assert pre.bands()["95-99"] == (2, 24 + 17)  # characters, punctuation included
    report = format_analysis(pre)
    assert "Analysis of new.txt: 4 segments" in report
    assert [line.split()[:2] for line in report.splitlines()[2:]] == [
        ["100", "1"], ["95-99", "2"], ["85-94", "0"], ["75-84", "0"], ["50-74", "0"],
        ["no", "match"], ["Total", "4"]]
    tsv = tmp_path / "d.tsv"
    assert write_draft(pre, tsv) == 4
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:5] == ["sentence", "paragraph", "source", "match", "band"]
    assert lines[2].split("\t")[3:7] == ["99", "95-99", "2024年，我们要坚持改革开放，推动高质量发展。",
                                         UNITS[0].target]
    tmx_out = tmp_path / "d.tmx"
    assert write_draft(pre, tmx_out) == 3
    assert [u.prop("x-match") for u in read_tmx(tmx_out)] == ["100", "99", "99"]
    assert tmx_problems(tmx_out) == []
    xlsx = tmp_path / "d.xlsx"
    write_draft(pre, xlsx)
    import openpyxl

    ws = openpyxl.load_workbook(xlsx).active
    assert ws.cell(2, 3).value == "我们要坚持改革开放。" and ws.cell(3, 4).value == "99"
    with pytest.raises(ConfigError, match="unknown draft format .docx"):
        write_draft(pre, tmp_path / "d.docx")


def test_pretranslate_with_glossary(db: Path) -> None:
    pytest.importorskip("align.terms.match")
    from align.types import Glossary, Term

    gl = Glossary((Term("改革开放", "reform and opening up"), Term("高质量发展",
                                                              "high-quality development")))
    with TMStore(db, readonly=True) as store:
        pre = pretranslate_segments([zh("坚持改革开放，推动高质量发展。", 0)], store, glossary=gl)
    assert pre.rows[0].terms == (("改革开放", "reform and opening up"),
                                 ("高质量发展", "high-quality development"))


@pytest.mark.parametrize("suffix", [".tsv", ".jsonl", ".tmx"])
def test_add_files_written_by_align_pair(tmp_path: Path, suffix: str) -> None:
    writers = pytest.importorskip("align.formats.alignment_out")
    from align.types import Alignment, Bead

    src = [Segment('他说："是的"。', "zh", 0), Segment("省略的一句。", "zh", 1),
           Segment("第三\t句。", "zh", 2)]
    tgt = [Segment('He said "yes".', "en", 0), Segment("Third, with a tab.", "en", 1)]
    a = Alignment(src, tgt, [Bead((0,), (0,), 0.9), Bead((1,), (), 0.5), Bead((2,), (1,), 0.3)])
    path = tmp_path / f"pair{suffix}"
    writers.write_alignment(a, path)
    db = tmp_path / "tm.db"
    assert add_file(db, path).added.added == 2
    with TMStore(db) as store:
        got = [(u.source, u.target, u.prop("x-review-state")) for u in store.units()]
    assert got[0] == ('他说："是的"。', 'He said "yes".', "unreviewed")
    assert got[1][1:] == ("Third, with a tab.", "needs-review")
