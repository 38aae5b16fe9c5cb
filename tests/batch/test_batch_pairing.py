"""Pairing of a batch: two folders by file name stem (with the unmatched files) and
manifests (with their errors on the right line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.batch.pairing import PairSpec, Unmatched, pair_folders, read_manifest
from align.errors import FormatError, InputError


def _touch(folder: Path, *names: str) -> None:
    folder.mkdir(exist_ok=True)
    for n in names:
        (folder / n).write_text("x\n", encoding="utf-8")


def test_folders_pair_by_stem_and_report_the_rest(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh", tmp_path / "en"
    _touch(zh, "a.txt", "b.docx", "only-zh.txt", "two.txt", "two.html", ".hidden.txt")
    _touch(en, "a.html", "b.txt", "only-en.pdf", "two.txt")
    (zh / "sub").mkdir()
    p = pair_folders(zh, en, src_lang="zh", tgt_lang="en")
    assert p.pairs == (PairSpec("a", str(zh / "a.txt"), str(en / "a.html"), "zh", "en"),
                       PairSpec("b", str(zh / "b.docx"), str(en / "b.txt"), "zh", "en"))
    assert p.unmatched == (
        Unmatched(str(en / "only-en.pdf"), "no source file with the stem 'only-en'"),
        Unmatched(str(zh / "only-zh.txt"), "no target file with the stem 'only-zh'"),
        Unmatched(str(zh / "two.html"), "2 source files have the stem 'two'; keep one"),
        Unmatched(str(zh / "two.txt"), "2 source files have the stem 'two'; keep one"),
    )


def test_a_folder_that_is_not_one(tmp_path: Path) -> None:
    _touch(tmp_path / "zh", "a.txt")
    with pytest.raises(InputError, match="en: is not a folder; give two folders"):
        pair_folders(tmp_path / "zh", tmp_path / "en")


def test_manifest_columns_defaults_and_relative_paths(tmp_path: Path) -> None:
    m = tmp_path / "jobs" / "MANIFEST.csv"
    m.parent.mkdir()
    m.write_text("Target,src,id,src_lang,tgt_lang\n"
                 "en/a.txt,zh/a.txt,,,\n"
                 "\n"
                 "/abs/zh.txt,/abs/en.txt,report 2024,en,zh\n", encoding="utf-8")
    p = read_manifest(m)
    base = m.parent
    assert p.pairs == (
        PairSpec("a", str(base / "zh/a.txt"), str(base / "en/a.txt"), "zh", "en"),
        PairSpec("report 2024", "/abs/en.txt", "/abs/zh.txt", "en", "zh"),
    )
    assert p.unmatched == ()


@pytest.mark.parametrize(("text", "message"), [
    ("source_file,target_file\na,b\n",
     r"MANIFEST.csv:1: expected a header row with the columns src and tgt"),
    ("src,tgt\na.txt,b.txt\nc.txt,\n", r"MANIFEST.csv:3: the tgt cell is empty"),
    ("src,tgt,src_lang\na.txt,b.txt,zh\nc.txt,d.txt,fr\n",
     r"MANIFEST.csv:3: unknown language 'fr'; use one of: zh, zh-Hant, en"),
    ("src,tgt,tgt_lang\na.txt,b.txt,zh\n", r"MANIFEST.csv:2: src_lang and tgt_lang are both zh"),
    ("src,tgt,src_lang,tgt_lang\na.txt,b.txt,zh-Hant,zh\n",
     r"MANIFEST.csv:2: src_lang and tgt_lang are both Chinese \(zh-Hant, zh\)"),
    ("src,tgt\nx/a.txt,b.txt\n\ny/a.txt,c.txt\n",
     r"MANIFEST.csv:4: the id 'a' is also on line 2; give each pair its own id"),
    ("src,tgt,id\na.txt,b.txt,../up\n", r"MANIFEST.csv:2: the id '../up' cannot name output"),
    ("", r"MANIFEST.csv:1: the manifest is empty"),
    ('src,tgt\n"a.txt,b.txt\n', r"MANIFEST.csv:2: the tgt cell is empty"),
], ids=["no-header", "empty-cell", "bad-lang", "same-lang", "same-chinese", "repeated-id", "unsafe-id",
        "empty", "open-quote"])
def test_manifest_errors_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    m = tmp_path / "MANIFEST.csv"
    m.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        read_manifest(m)


def test_manifest_takes_traditional_chinese(tmp_path: Path) -> None:
    m = tmp_path / "m.csv"
    m.write_text("src,tgt,src_lang,tgt_lang\na.txt,b.txt,zh-hant,en\nc.txt,d.txt,,\n",
                 encoding="utf-8")
    p = read_manifest(m, src_lang="en", tgt_lang="zh-Hant")
    assert [(s.id, s.src_lang, s.tgt_lang) for s in p.pairs] == [
        ("a", "zh-Hant", "en"), ("c", "en", "zh-Hant")]
