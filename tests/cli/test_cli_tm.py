"""``align tm add|stats|export|lookup|pretranslate``: the typed functions of
:mod:`align.cli.tm` and the commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.formats.tsv import MAX_CELL
from align.types import TranslationUnit

runner = CliRunner()


@pytest.fixture
def tmx(tmp_path: Path) -> Path:
    p = tmp_path / "old.tmx"
    write_tmx(p, [TranslationUnit("我们要坚持改革开放。", "We must stay committed to reform and opening up."),
                  TranslationUnit("2024年经济增长5%。", "The economy grew by 5% in 2024.")])
    return p


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def test_tm_add_stats_lookup_export(tmp_path: Path, tmx: Path) -> None:
    db = tmp_path / "tm.db"
    r = run("tm", "add", tmx, "--tm", db)
    assert r.exit_code == 0, r.output
    assert "2 units added, 0 already there (2 read from old.tmx)" in r.output
    assert "0 units added, 2 already there" in run("tm", "add", tmx, "--tm", db).output
    r = run("tm", "stats", "--tm", db)
    assert "2 units from 0 documents, 2 imports" in r.output and "zh-CN -> en-US: 2" in r.output
    r = run("tm", "lookup", "2023年经济增长6%。", "--tm", db, "--min", "70")
    assert r.exit_code == 0
    assert r.output.splitlines()[0].startswith(" 98%") and "grew by 5%" in r.output
    r = run("tm", "lookup", "完全不同的话", "--tm", db)
    assert r.output.strip() == "no match of 70% or more"
    out = tmp_path / "out.tmx"
    r = run("tm", "export", "--tm", db, "-o", out)
    assert r.output.strip() == f"{out}: 2 units written"
    assert [u.source for u in read_tmx(out)] == ["我们要坚持改革开放。", "2024年经济增长5%。"]


def test_tm_add_skip_invalid(tmp_path: Path, tmx: Path) -> None:
    text = tmx.read_text(encoding="utf-8").replace("<seg>我们要坚持改革开放。</seg>", "<seg/>")
    tmx.write_text(text, encoding="utf-8")
    db = tmp_path / "tm.db"
    r = run("tm", "add", tmx, "--tm", db)
    assert r.exit_code == 1 and "invalid <tu>: empty <seg>" in r.output
    r = run("tm", "add", tmx, "--tm", db, "--skip-invalid")
    assert r.exit_code == 0
    assert "1 units added" in r.output and "skipped 1 invalid units: 1 empty <seg>" in r.output


@pytest.mark.parametrize(("args", "message"), [
    (("tm", "stats", "--tm", "{tmp}/none.db"), "no such TM"),
    (("tm", "lookup", "我们", "--tm", "{tmp}/none.db"), "no such TM"),
    (("tm", "add", "{tmp}/none.tmx", "--tm", "{tmp}/tm.db"), "no such TMX file"),
    (("tm", "lookup", "我们", "--tm", "{tmx}", "--min", "5"), "not a SQLite database"),
], ids=["stats-missing", "lookup-missing", "add-missing", "not-a-db"])
def test_errors_are_one_line(tmp_path: Path, tmx: Path, args: tuple[str, ...],
                             message: str) -> None:
    r = run(*(a.format(tmp=tmp_path, tmx=tmx) for a in args))
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_tm_pretranslate(tmp_path: Path, tmx: Path) -> None:
    pytest.importorskip("align.formats.documents")
    pytest.importorskip("align.text.segment")
    db = tmp_path / "tm.db"
    run("tm", "add", tmx, "--tm", db)
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。\n2025年经济增长5%。\n今天天气很好。\n", encoding="utf-8")
    out = tmp_path / "draft.tsv"
    r = run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit")
    assert r.exit_code == 0, r.output
    assert "Analysis of new.txt: 3 segments" in r.output
    # the first sentence opens the text as its TM unit opens the import: a context match
    assert [line.split()[:2] for line in r.output.splitlines()[2:6]] == [
        ["101%", "1"], ["100%", "0"], ["repetitions", "0"], ["95-99%", "1"]]
    assert "numbers substituted in 1 matches; 0 matches flagged" in r.output
    rows = [row.split("\t") for row in out.read_text(encoding="utf-8").splitlines()]
    assert [row[3:6] for row in rows[1:]] == [
        ["We must stay committed to reform and opening up.", "101", "101%"],
        ["The economy grew by 5% in 2025.", "99", "95-99%"], ["", "", "no match"]]


ALIGNED_TSV = ("source\ttarget\tbead\tconfidence\n"
               "我们要坚持改革开放。\tWe must stay committed to reform and opening up.\t1-1\t0.9\n"
               "2024年经济增长5%。\tThe economy grew by 5% in 2024.\t1-1\t0.8\n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"],
                         ids=["utf8-bom", "utf16-excel-unicode-text", "gb18030"])
def test_tm_add_alignment_tsv_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "pair.tsv"
    src.write_bytes(ALIGNED_TSV.encode(encoding))
    db = tmp_path / "tm.db"
    r = run("tm", "add", src, "--tm", db)
    assert r.exit_code == 0, r.output
    assert "2 units added" in r.output
    out = tmp_path / "out.tmx"
    assert run("tm", "export", "--tm", db, "-o", out).exit_code == 0
    assert [u.source for u in read_tmx(out)] == ["我们要坚持改革开放。", "2024年经济增长5%。"]


def test_tm_add_jsonl_keeps_line_separator_inside_text(tmp_path: Path) -> None:
    src = tmp_path / "pair.jsonl"
    src.write_text('{"source": "第一行\u2028第二行。", "target": "One\u2028two."}\n',
                   encoding="utf-8")
    db = tmp_path / "tm.db"
    r = run("tm", "add", src, "--tm", db)
    assert r.exit_code == 0, r.output
    out = tmp_path / "out.tmx"
    run("tm", "export", "--tm", db, "-o", out)
    assert [u.target for u in read_tmx(out)] == ["One\u2028two."]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("long.tsv", "source\ttarget\n" + "长" * (MAX_CELL + 1) + "\tlong\n",
     r"long.tsv:2: cannot read the row \(field larger than field limit"),
    ("folder.tsv", None, "folder.tsv: is a folder, not an alignment file"),
    ("empty.jsonl", "", "empty.jsonl:1: no rows"),
    ("nul.tsv", "\x00" * 64, "nul.tsv:1: not an alignment file: looks binary"),
], ids=["cell-over-csv-limit", "folder", "empty", "nul-bytes"])
def test_tm_add_bad_alignment_file(tmp_path: Path, name: str, content: str | None,
                                   message: str) -> None:
    src = tmp_path / name
    if content is None:
        src.mkdir()
    else:
        src.write_text(content, encoding="utf-8")
    db = tmp_path / "tm.db"
    r = run("tm", "add", src, "--tm", db)
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.output
    assert re.search(message, lines[0]), lines[0]


@pytest.mark.parametrize("args", [
    ("tm", "lookup", "我们", "--tm", "{db}", "--min", "150"),
    ("tm", "lookup", "我们", "--tm", "{db}", "--top", "0"),
    ("tm", "pretranslate", "{new}", "--tm", "{db}", "-o", "{tmp}/d.tsv", "--min", "-1"),
    ("tm", "pretranslate", "{new}", "--tm", "{db}", "-o", "{tmp}/d.tsv", "--src-lang", "fr"),
    ("tm", "lookup", "我们", "--tm", "{db}", "--src-lang", "zh-CN"),
    ("tm", "export", "--tm", "{db}", "-o", "{tmp}/d.tsv", "--src-lang", "zh-CN"),
], ids=["lookup-min", "lookup-top", "pretranslate-min", "pretranslate-lang", "lookup-lang",
        "export-lang-is-not-a-locale"])
def test_bad_option_values_are_usage_errors(tmp_path: Path, tmx: Path,
                                            args: tuple[str, ...]) -> None:
    db = tmp_path / "tm.db"
    run("tm", "add", tmx, "--tm", db)
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。\n", encoding="utf-8")
    r = run(*(a.format(db=db, new=new, tmp=tmp_path) for a in args))
    assert r.exit_code == 2, r.output
    assert "Invalid value for" in r.output
    assert not (tmp_path / "d.tsv").exists()


def test_pretranslate_checks_draft_format_first(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。\n", encoding="utf-8")
    r = run("tm", "pretranslate", new, "--tm", tmp_path / "none.db", "-o", tmp_path / "d.docx")
    assert r.exit_code == 1
    assert r.output.strip() == (f"error: {tmp_path / 'd.docx'}: unknown draft format .docx; "
                                "use .xlsx, .tsv, .xlf or .tmx")


def test_pretranslate_presplit_auto_language(tmp_path: Path, tmx: Path) -> None:
    db = tmp_path / "tm.db"
    run("tm", "add", tmx, "--tm", db)
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。\n今天天气很好。\n", encoding="utf-8")
    out = tmp_path / "d.tsv"
    r = run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit", "--src-lang",
            "auto")
    assert r.exit_code == 0, r.output
    assert [row.split("\t")[5] for row in out.read_text(encoding="utf-8").splitlines()[1:]] == [
        "101%", "no match"]


def test_tm_export_onto_the_tm_is_refused(tmp_path: Path, tmx: Path) -> None:
    db = tmp_path / "tm.db"
    run("tm", "add", tmx, "--tm", db)
    before = db.read_bytes()
    r = run("tm", "export", "--tm", db, "-o", db)
    assert r.exit_code == 1 and "the output is also an input" in r.output
    assert db.read_bytes() == before  # the TM is still there
    assert "2 units from" in run("tm", "stats", "--tm", db).output


def test_tm_export_reports_what_xml_cannot_hold(tmp_path: Path) -> None:
    from align.tm.store import TMStore

    db = tmp_path / "tm.db"
    with TMStore(db, create=True) as store:
        store.add([TranslationUnit("第一\x01句。", "First\x02 sentence."),
                   TranslationUnit("第二句。", "\x0b"),
                   TranslationUnit("第三句。", "Third sentence.")], name="api")
    out = tmp_path / "out.tmx"
    r = run("tm", "export", "--tm", db, "-o", out)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{out}: 2 units written", "3 characters not allowed in XML removed",
        "1 units left out: a side was empty once those were removed"]
    assert [u.target for u in read_tmx(out)] == ["First sentence.", "Third sentence."]


@pytest.mark.parametrize(("name", "content"), [
    ("trunc.tmx", '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body><tu>'),
    ("bad.tsv", "source\ttarget\tbead\tconfidence\n我们\tWe\t1-1\thigh\n"),
], ids=["truncated-tmx", "bad-confidence"])
def test_failed_first_add_leaves_no_tm(tmp_path: Path, name: str, content: str) -> None:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    r = run("tm", "add", src, "--tm", tmp_path / "new.db")
    assert r.exit_code == 1 and r.output.startswith("error: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_pretranslate_xlsx_holds_text_not_formulas(tmp_path: Path) -> None:
    import openpyxl

    from align.tm.store import TMStore

    db = tmp_path / "tm.db"
    with TMStore(db, create=True) as store:
        store.add([TranslationUnit("我们要坚持改革开放。", '=HYPERLINK("http://example.com","x")\x01')],
                  name="api")
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。\n", encoding="utf-8")
    out = tmp_path / "draft.xlsx"
    r = run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit")
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    cell = ws[2][header.index("TM en")]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com","x")', "s")
