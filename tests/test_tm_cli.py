"""CLI: ``align tmx merge`` and ``align tm add|stats|export|lookup|pretranslate``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.tmx import read_tmx, write_tmx
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
    (("tmx", "merge", "{tmx}", "-o", "{tmx}"), "the output is also an input"),
], ids=["stats-missing", "lookup-missing", "add-missing", "not-a-db", "merge-onto-input"])
def test_errors_are_one_line(tmp_path: Path, tmx: Path, args: tuple[str, ...],
                             message: str) -> None:
    r = run(*(a.format(tmp=tmp_path, tmx=tmx) for a in args))
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_tmx_merge(tmp_path: Path, tmx: Path) -> None:
    other = tmp_path / "new.tmx"
    write_tmx(other, [TranslationUnit("我们要坚持改革开放。", "We will keep to reform and opening up."),
                      TranslationUnit("2024年经济增长5%。", "The economy grew by 5% in 2024.")])
    out = tmp_path / "merged.tmx"
    r = run("tmx", "merge", tmx, other, "-o", out, "--src-lang", "zh", "--tgt-lang", "en")
    assert r.exit_code == 0, r.output
    assert "3 units written from 4 read; 1 duplicates removed; 1 conflicting sources" in r.output
    assert "conflict: 我们要坚持改革开放。" in r.output
    assert "    -> We will keep to reform and opening up." in r.output
    assert len(list(read_tmx(out))) == 3


def test_tm_pretranslate(tmp_path: Path, tmx: Path) -> None:
    pytest.importorskip("align.readers")
    pytest.importorskip("align.segment")
    db = tmp_path / "tm.db"
    run("tm", "add", tmx, "--tm", db)
    new = tmp_path / "new.txt"
    new.write_text("我们要坚持改革开放。\n2025年经济增长5%。\n今天天气很好。\n", encoding="utf-8")
    out = tmp_path / "draft.tsv"
    r = run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit")
    assert r.exit_code == 0, r.output
    assert "Analysis of new.txt: 3 segments" in r.output
    assert [line.split()[:2] for line in r.output.splitlines()[2:5]] == [
        ["100", "1"], ["95-99", "1"], ["85-94", "0"]]
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[4] for row in rows[1:]] == ["100", "95-99", "no match"]
