"""Hostile and unlucky tables and memories (issue 12, items 4, 16, 19): glossaries
with trailing or unnamed fields, alignment files with unknown headers or keys, TMX
files of another version or with a second variant in one language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.errors import FormatError
from align.formats.alignment import read_alignment
from align.formats.glossary import read_glossary
from align.formats.tmx.reader import read_tmx

runner = CliRunner()

PAIR = "我们推进一带一路建设。\tWe advance the One Belt, One Road construction.\n"
SECOND = "这是第二句。\tThis is the second.\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- item 4: trailing and unnamed glossary fields ----------------------------------

@pytest.mark.parametrize("glossary", [
    "zh\ten\ten_deprecated\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\t\n",
    "zh\ten\ten_deprecated\t\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\t\n",
    "zh\ten\ten_deprecated\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\t\t\n",
    "zh\ten\ten_deprecated\t\t\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\n",
    "zh,en,en_deprecated,\n一带一路,Belt and Road Initiative,\"One Belt, One Road\",\n",
], ids=["trailing-tab-every-row", "trailing-tab-header-too", "two-extra-empty-fields",
        "header-only", "csv-trailing-comma"])
def test_trailing_empty_fields_keep_the_deprecated_term(tmp_path: Path, glossary: str) -> None:
    # pandas read a tab at the end of every row (not the header) as an index column:
    # every column shifted, and `check` said "no findings"
    suffix = ".csv" if glossary.startswith("zh,") else ".tsv"
    g = _write(tmp_path / f"g{suffix}", glossary)
    al = _write(tmp_path / "al.tsv", PAIR)
    r = runner.invoke(app, ["check", str(al), "--glossary", str(g)])
    assert r.exit_code == 1, r.output
    assert "term-deprecated" in r.stdout and "One Belt, One Road" in r.stdout
    assert read_glossary(g).terms[0].deprecated == ("One Belt, One Road",)


@pytest.mark.parametrize(("glossary", "message"), [
    ("zh\ten\ten_deprecated\t\t\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\tx\ty\n",
     r"g\.tsv:2: found 5 columns, but the header \(line 1\) names 3 \(zh, en, en_deprecated\); "
     r"column 4 \('x'\) has no name"),
    ("zh\ten\ten_deprecated\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\tx\t\n",
     r"g\.tsv:2: found 4 columns, but the header \(line 1\) names 3"),
    ("zh\t\ten\n一带一路\tshifted\tBelt and Road Initiative\n",
     r"g\.tsv:2: found 3 columns, but the header \(line 1\) names 2 \(zh, en\); column 2 "
     r"\('shifted'\) has no name"),
    ("zh\ten\ten_deprecatd\n一带一路\tBelt and Road Initiative\tOne Belt, One Road\n",
     r"g\.tsv:1: unknown column 'en_deprecatd' in the header row: did you mean en_deprecated\?"),
], ids=["two-extra-fields", "one-extra-field", "unnamed-middle", "misspelt-column"])
def test_unnamed_or_misspelt_columns_are_refused(tmp_path: Path, glossary: str,
                                                 message: str) -> None:
    g = _write(tmp_path / "g.tsv", glossary)
    al = _write(tmp_path / "al.tsv", PAIR)
    r = runner.invoke(app, ["check", str(al), "--glossary", str(g)])
    assert r.exit_code == 1 and "no findings" not in r.stdout
    with pytest.raises(FormatError, match=message):
        read_glossary(g)


# -- item 16: alignment files that name nothing the reader knows -----------------

@pytest.mark.parametrize(("name", "text", "message"), [
    ("o.jsonl", '{"zh": "你好。", "en": "Hello."}\n',
     r'o\.jsonl:1: expected text in "source" and "target" .*; found keys: zh, en'),
    ("h.tsv", "ZH-CN\tEN-US\n" + PAIR + SECOND,
     r"h\.tsv:1: this row looks like a header but names no known column \(found: ZH-CN, "
     r"EN-US\); name the columns source and target"),
    ("h.tsv", "中文原文\t英文译文\n" + PAIR + SECOND, r"h\.tsv:1: this row looks like a header"),
    ("h.csv", "Chinese text,English text\n" + PAIR.replace("\t", ",", 1).replace(
        "One Belt, One Road", "OBOR"), r"h\.csv:1: this row looks like a header"),
], ids=["jsonl-other-keys", "tsv-locale-header", "tsv-chinese-header", "csv-header"])
def test_unknown_keys_and_headers_are_refused(tmp_path: Path, name: str, text: str,
                                              message: str) -> None:
    path = _write(tmp_path / name, text)
    with pytest.raises(FormatError, match=message):
        read_alignment(path)
    r = runner.invoke(app, ["tm", "add", str(path), "--tm", str(tmp_path / "tm.db")])
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1, r.output
    assert not (tmp_path / "tm.db").exists()


@pytest.mark.parametrize("first", [
    "第一章\tChapter One\n", "2024年\t2024\n", "一、总体要求\tI. General Requirements\n",
], ids=["title", "numbers", "numbered-heading"])
def test_a_first_pair_that_looks_short_is_still_a_pair(tmp_path: Path, first: str) -> None:
    al = read_alignment(_write(tmp_path / "a.tsv", first + PAIR + SECOND))
    assert al.src[0].text == first.split("\t")[0]


# -- item 19: TMX version and a second variant in one language -------------------

def _tmx(path: Path, version: str, tu: str) -> Path:
    return _write(path, f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{version}">'
                        '<header srclang="zh-CN" datatype="plaintext" segtype="sentence" '
                        'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
                        f"<body>{tu}</body></tmx>")


TU = ('<tu><tuv xml:lang="zh-CN"><seg>你好。</seg></tuv><tuv xml:lang="en-US"><seg>Hello.'
      "</seg></tuv></tu>")
TWO_TARGETS = TU.replace("</tu>", '<tuv xml:lang="en-US"><seg>Hi.</seg></tuv></tu>')


@pytest.mark.parametrize("version", ["99", "2.0", "x"])
def test_tmx_of_another_version_is_refused(tmp_path: Path, version: str) -> None:
    path = _tmx(tmp_path / "v.tmx", version, TU)
    with pytest.raises(FormatError, match=rf"v\.tmx:2: TMX version '{version}' is not "
                                          r"supported \(this reader reads TMX 1\.1 to 1\.4b\)"):
        list(read_tmx(path))
    r = runner.invoke(app, ["tm", "add", str(path), "--tm", str(tmp_path / "tm.db")])
    assert r.exit_code == 1 and "not supported" in r.stderr


@pytest.mark.parametrize("version", ["1.1", "1.2", "1.3", "1.4", "1.4b", ""])
def test_tmx_1x_versions_are_read(tmp_path: Path, version: str) -> None:
    assert len(list(read_tmx(_tmx(tmp_path / "v.tmx", version, TU)))) == 1


def test_second_target_variant_keeps_the_first_and_warns(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "two.tmx", "1.4", TWO_TARGETS + TU)
    reader = read_tmx(path)
    assert [u.target for u in reader] == ["Hello.", "Hello."]
    assert reader.extra_variants == {"en-US": 1}
    assert reader.warnings() == ["1 unit with more than one en-US variant: the first was "
                                 "read, the others ignored"]
    assert reader.summary().endswith("the others ignored")
    r = runner.invoke(app, ["tm", "add", str(path), "--tm", str(tmp_path / "tm.db")])
    assert r.exit_code == 0, r.output
    assert "warning: 1 unit with more than one en-US variant" in r.stderr
    r = runner.invoke(app, ["tmx", "merge", str(path), "-o", str(tmp_path / "m.tmx")])
    assert r.exit_code == 0, r.output
    assert "warning: two.tmx: 1 unit with more than one en-US variant" in r.stderr
