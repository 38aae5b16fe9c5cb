"""Tests of ``align segment`` (in-process, typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app

runner = CliRunner()

ZH_TEXT = "他说：“今天下雨了。”然后他走了。\n\n一是加强领导；二是完善制度。\n"
EN_TEXT = "Mr. Li arrived at 9 a.m. Beijing time. He left.\n\nIt ended in the U.S. The end.\n"


@pytest.fixture()
def zh_file(tmp_path: Path) -> Path:
    p = tmp_path / "zh.txt"
    p.write_text(ZH_TEXT, encoding="utf-8")
    return p


@pytest.fixture()
def en_file(tmp_path: Path) -> Path:
    p = tmp_path / "en.txt"
    p.write_text(EN_TEXT, encoding="utf-8")
    return p


@pytest.mark.parametrize(("lang", "extra", "expected"), [
    ("auto", [], ["他说：“今天下雨了。”", "然后他走了。", "一是加强领导；二是完善制度。"]),
    ("zh", [], ["他说：“今天下雨了。”", "然后他走了。", "一是加强领导；二是完善制度。"]),
    ("zh", ["--semicolon"], ["他说：“今天下雨了。”", "然后他走了。", "一是加强领导；", "二是完善制度。"]),
], ids=["auto", "zh", "zh-semicolon"])
def test_lines_zh(zh_file: Path, lang: str, extra: list[str], expected: list[str]) -> None:
    r = runner.invoke(app, ["segment", str(zh_file), "--lang", lang, *extra])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == expected


def test_lines_en(en_file: Path) -> None:
    r = runner.invoke(app, ["segment", str(en_file), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "Mr. Li arrived at 9 a.m. Beijing time.", "He left.", "It ended in the U.S.", "The end."]


def test_jsonl(zh_file: Path) -> None:
    r = runner.invoke(app, ["segment", str(zh_file), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    assert "今天下雨" in r.stdout  # UTF-8, not \u escapes
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["index"], x["paragraph"]) for x in rows] == [(0, 0), (1, 0), (2, 1)]
    assert set(rows[0]) == {"index", "paragraph", "start", "end", "text"}
    doc_text = "他说：“今天下雨了。”然后他走了。\n\n一是加强领导；二是完善制度。"
    assert all(doc_text[x["start"]:x["end"]] == x["text"] for x in rows)


@pytest.mark.parametrize("fmt", ["lines", "jsonl"])
def test_output_file(en_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    r = runner.invoke(app, ["segment", str(en_file), "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    if fmt == "jsonl":
        assert json.loads(lines[3])["text"] == "The end."
    else:
        assert lines[3] == "The end."


def _one_error_line(r: object) -> str:
    err = r.stderr  # type: ignore[attr-defined]
    assert r.exit_code == 1, r.output  # type: ignore[attr-defined]
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return str(err)


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    err = _one_error_line(runner.invoke(app, ["segment", str(missing)]))
    assert "missing.txt" in err and "no such file" in err


def test_directory(tmp_path: Path) -> None:
    err = _one_error_line(runner.invoke(app, ["segment", str(tmp_path)]))
    assert "directory" in err


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    err = _one_error_line(runner.invoke(app, ["segment", str(p)]))
    assert "empty.txt" in err and "empty" in err


def test_chinese_file_declared_english(zh_file: Path) -> None:
    err = _one_error_line(runner.invoke(app, ["segment", str(zh_file), "--lang", "en"]))
    assert "zh.txt" in err and "given as en" in err and "give its language as zh" in err


def test_output_folder_missing(en_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "out.txt"
    err = _one_error_line(runner.invoke(app, ["segment", str(en_file), "-o", str(out)]))
    assert "does not exist" in err
    assert not out.parent.exists()


@pytest.mark.parametrize("args", [
    ["--lang", "fr"], ["--format", "xml"], ["--no-such-option"],
], ids=["bad-lang", "bad-format", "unknown-option"])
def test_usage_errors(en_file: Path, args: list[str]) -> None:
    r = runner.invoke(app, ["segment", str(en_file), *args])
    assert r.exit_code == 2
    assert r.stdout == ""


def test_no_file_is_usage_error() -> None:
    r = runner.invoke(app, ["segment"])
    assert r.exit_code == 2


def test_output_onto_the_input_is_refused(zh_file: Path) -> None:
    before = zh_file.read_bytes()
    err = _one_error_line(runner.invoke(app, ["segment", str(zh_file), "-o", str(zh_file)]))
    assert "zh.txt: the output is also an input" in err
    assert zh_file.read_bytes() == before


def test_segment_path_from_python(zh_file: Path, tmp_path: Path) -> None:
    from align.cli.segment import segment_path

    out = tmp_path / "s.jsonl"
    segs = segment_path(zh_file, out, lang="zh", fmt="jsonl")
    assert [s.text for s in segs] == ["他说：“今天下雨了。”", "然后他走了。", "一是加强领导；二是完善制度。"]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["index"], r["paragraph"], r["text"]) for r in rows] == [
        (s.index, s.paragraph, s.text) for s in segs]
    assert segment_path(zh_file) == segs  # no output: nothing written, same sentences
