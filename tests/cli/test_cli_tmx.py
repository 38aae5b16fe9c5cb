"""``align tmx merge``: the file-level merge (:func:`align.cli.tmx.merge_tmx`) and the
command."""

from __future__ import annotations

from pathlib import Path

import pytest
from tmx_schema import tmx_problems
from typer.testing import CliRunner

from align.cli import app
from align.cli.tmx import merge_tmx
from align.errors import FormatError, InputError
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.types import TranslationUnit

runner = CliRunner()
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header creationtool="T" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n')


def tmx_file(tmp_path: Path, body: str, name: str) -> Path:
    p = tmp_path / name
    p.write_text(HEAD + body + "</body>\n</tmx>\n", encoding="utf-8")
    return p


def tu(*variants: tuple[str, str]) -> str:
    return "<tu>" + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'
                            for lang, text in variants) + "</tu>\n"


def test_merge_dedupes_reports_conflicts_and_filters(tmp_path: Path) -> None:
    a = tmx_file(tmp_path, tu(("zh-CN", "一"), ("en-US", "one"))
                 + tu(("zh-CN", "二"), ("en-US", "two"))
                 + tu(("zh-CN", "<hi>三</hi>"), ("en-US", "three")), name="a.tmx")
    b = tmx_file(tmp_path, tu(("zh_cn", "一"), ("en_us", "one"))
                 + tu(("zh-CN", "二"), ("en-US", "second"))
                 + tu(("zh-CN", "二"), ("en-US", "2"))
                 + tu(("fr-FR", "deux"), ("en-US", "two")), name="b.tmx")
    out = tmp_path / "m.tmx"
    r = merge_tmx([a, b], out)
    assert (r.read, r.written, r.duplicates, r.filtered) == (6, 5, 1, 1)
    assert [(c.source, c.targets) for c in r.conflicts] == [("二", ("two", "second", "2"))]
    assert tmx_problems(out) == []
    units = list(read_tmx(out, inline="raw"))
    assert [(u.source, u.target) for u in units] == [
        ("一", "one"), ("二", "two"), ("<hi>三</hi>", "three"), ("二", "second"), ("二", "2")]


def test_merge_mixed_source_locales_uses_all(tmp_path: Path) -> None:
    from lxml import etree

    a = tmx_file(tmp_path, tu(("zh-CN", "一"), ("en-US", "one")), name="a.tmx")
    b = tmx_file(tmp_path, tu(("zh-TW", "壹"), ("en-US", "one")), name="b.tmx")
    r = merge_tmx([a, b], tmp_path / "m.tmx", src_locale="zh", tgt_locale="en")
    assert r.written == 2
    assert etree.parse(str(tmp_path / "m.tmx")).find("header").get("srclang") == "*all*"


def test_merge_errors(tmp_path: Path) -> None:
    a = tmx_file(tmp_path, tu(("zh-CN", "一"), ("en-US", "one")), name="a.tmx")
    with pytest.raises(InputError, match="the output is also an input"):
        merge_tmx([a], a)
    with pytest.raises(InputError, match="at least one TMX file"):
        merge_tmx([], tmp_path / "o.tmx")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx version='1.4'><body><tu>", encoding="utf-8")
    with pytest.raises(FormatError, match="truncated"):
        merge_tmx([a, bad], tmp_path / "o.tmx")
    assert not (tmp_path / "o.tmx").exists()


def test_merge_skip_invalid_counts_reasons(tmp_path: Path) -> None:
    a = tmx_file(tmp_path, tu(("zh-CN", "一"), ("en-US", "one"))
                 + '<tu><tuv xml:lang="zh-CN"><seg/></tuv><tuv xml:lang="en-US"><seg>x</seg>'
                   "</tuv></tu>\n", name="a.tmx")
    with pytest.raises(FormatError, match="empty <seg>"):
        merge_tmx([a], tmp_path / "m.tmx")
    r = merge_tmx([a], tmp_path / "m.tmx", skip_invalid=True)
    assert (r.written, r.skipped) == (1, {"empty <seg>": 1})


def test_command(tmp_path: Path) -> None:
    old, new = tmp_path / "old.tmx", tmp_path / "new.tmx"
    write_tmx(old, [TranslationUnit("我们要坚持改革开放。", "We must stay committed to reform."),
                    TranslationUnit("2024年经济增长5%。", "The economy grew by 5% in 2024.")])
    write_tmx(new, [TranslationUnit("我们要坚持改革开放。", "We will keep to reform."),
                    TranslationUnit("2024年经济增长5%。", "The economy grew by 5% in 2024.")])
    out = tmp_path / "merged.tmx"
    r = runner.invoke(app, ["tmx", "merge", str(old), str(new), "-o", str(out),
                            "--src-locale", "zh", "--tgt-locale", "en"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{out}: 3 units written from 4 read; 1 duplicates removed; 1 conflicting sources",
        "conflict: 我们要坚持改革开放。", "    -> We must stay committed to reform.",
        "    -> We will keep to reform."]
    assert len(list(read_tmx(out))) == 3


@pytest.mark.parametrize(("args", "message"), [
    (["--show", "-1"], "Invalid value for '--show'"),
    (["--src-lang", "zh"], "No such option: --src-lang"),
], ids=["negative-show", "lang-is-not-a-locale-option"])
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    a = tmx_file(tmp_path, tu(("zh-CN", "一"), ("en-US", "one")), name="a.tmx")
    r = runner.invoke(app, ["tmx", "merge", str(a), "-o", str(tmp_path / "m.tmx"), *args])
    assert r.exit_code == 2 and message in r.output
    assert not (tmp_path / "m.tmx").exists()


def test_merge_onto_an_input_is_one_line(tmp_path: Path) -> None:
    a = tmx_file(tmp_path, tu(("zh-CN", "一"), ("en-US", "one")), name="a.tmx")
    r = runner.invoke(app, ["tmx", "merge", str(a), "-o", str(a)])
    assert r.exit_code == 1
    assert r.output.count("\n") == 1 and "error: " in r.output
    assert "the output is also an input" in r.output
