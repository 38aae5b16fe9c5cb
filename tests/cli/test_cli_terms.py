"""Tests of align.cli.terms (`align terms`): discover_files, reference scores, output checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.terms import discover_files
from align.errors import InputError
from align.formats.glossary import read_glossary

runner = CliRunner()


def test_cli_reference_scores(beijing_dir: Path, beijing_glossary_path: Path) -> None:
    gold, zh, en = (beijing_dir / n for n in ("gold.align", "zh.txt", "en.raw.txt"))
    r = runner.invoke(app, ["terms", str(gold), "--src", str(zh), "--tgt", str(en), "--top", "30",
                            "--reference", str(beijing_glossary_path)])
    assert r.exit_code == 0, r.output
    res = discover_files([gold], src=zh, tgt=en, top=30, reference=beijing_glossary_path)
    assert res.scores is not None
    # the targets: the quoted slogans of the reference glossary
    assert [z for z, _ in res.targets] == ["七有", "五性", "三大工程", "两区", "四平台", "一微克",
                                           "北京服务", "每月一题"]
    assert (res.scores.recall, len(res.scores.found)) == (1.0, 8)  # 8 of 8 found
    assert (res.scores.n, len(res.scores.correct), res.scores.precision) == (24, 16, 16 / 24)
    assert f"precision {res.scores.precision:.3f}" in r.stderr


def test_discover_files_input_count() -> None:
    with pytest.raises(InputError, match="not 3 paths"):
        discover_files(["a", "b", "c"])


def test_cli_terms(tmp_path: Path) -> None:
    tsv = tmp_path / "pair.tsv"
    tsv.write_text('以“七有”要求为导向。\t"Seven accesses" should guide.\t1-1\t0.9\n'
                   '打响“北京服务”品牌。\tRaise the "Beijing Service" brand.\t1-1\t0.8\n',
                   encoding="utf-8")
    out = tmp_path / "cands.tsv"
    r = runner.invoke(app, ["terms", str(tsv), "-o", str(out), "--top", "5"])
    assert r.exit_code == 0, r.output
    assert "七有\tSeven accesses" in r.stdout
    assert {t.zh for t in read_glossary(out)} == {"七有", "北京服务"}


def test_cli_bad_language_is_a_usage_error(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("要发展“七有”。\tWe pursue the \"Seven accesses\".\t1-1\t0.9\n", encoding="utf-8")
    r = runner.invoke(app, ["terms", str(tsv), "--tgt-lang", "english"])
    assert r.exit_code == 2
    assert "Invalid value for '--tgt-lang'" in r.stderr


def test_cli_output_and_reference_checked_before_writing(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("要发展“七有”。\tWe pursue the \"Seven accesses\".\t1-1\t0.9\n", encoding="utf-8")
    r = runner.invoke(app, ["terms", str(tmp_path / "missing.tsv"), "-o", str(tmp_path / "c.doc")])
    assert r.exit_code == 1 and "unknown glossary format '.doc'" in r.stderr
    bad = tmp_path / "ref.tsv"
    bad.write_text("zh\tnote\n七有\tx\n", encoding="utf-8")
    out = tmp_path / "c.tsv"
    r = runner.invoke(app, ["terms", str(tsv), "-o", str(out), "--reference", str(bad)])
    assert r.exit_code == 1 and "ref.tsv:1: not a glossary: missing column en" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tsv", "ref.tsv"]  # no output


def test_cli_output_onto_the_glossary_is_refused(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("要发展“七有”。\tWe pursue the \"Seven accesses\".\t1-1\t0.9\n", encoding="utf-8")
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n新质生产力\tnew quality productive forces\n", encoding="utf-8")
    before = g.read_bytes()
    r = runner.invoke(app, ["terms", str(tsv), "-g", str(g), "-o", str(g)])
    assert r.exit_code == 1 and "the output is also an input" in r.stderr
    assert g.read_bytes() == before
