"""Tests of ``align eval``'s file-level work (align.cli.evaluate: ladder files and folders,
unit id files) and of the command, on hand-computed examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.evaluate import evaluate_paths, read_units
from align.errors import FormatError, InputError
from align.formats.ladder import format_ladder, parse_ladder

runner = CliRunner()

GOLD = parse_ladder("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3]\n")
PRED = parse_ladder("[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[3]:[3]\n")


@pytest.mark.parametrize(("data", "expected"), [
    (b"a\nb\n\nc\n", ["a", "b", "", "c"]),
    ("\ufeffGEN 1:1\r\nGEN 1:2\r\n".encode(), ["GEN 1:1", "GEN 1:2"]),
    ("\ufeff创 1:1\n创 1:2\n".encode("utf-16-le"), ["创 1:1", "创 1:2"]),
], ids=["blank-kept", "utf8-bom-crlf", "utf16-bom"])
def test_read_units(tmp_path: Path, data: bytes, expected: list[str]) -> None:
    p = tmp_path / "units.txt"
    p.write_bytes(data)
    assert read_units(p) == expected


@pytest.mark.parametrize(("data", "match"), [
    (None, "no such file"),
    (b"", "empty"),
], ids=["missing", "empty"])
def test_read_units_errors(tmp_path: Path, data: bytes | None, match: str) -> None:
    p = tmp_path / "units.txt"
    if data is not None:
        p.write_bytes(data)
    with pytest.raises(InputError, match=match):
        read_units(p)


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    pred, gold = tmp_path / "pred", tmp_path / "gold"
    pred.mkdir()
    gold.mkdir()
    for name, p, g in (("001.align", PRED, GOLD), ("002.align", GOLD, GOLD)):
        (pred / name).write_text(format_ladder(p), encoding="utf-8")
        (gold / name).write_text(format_ladder(g), encoding="utf-8")
    return pred, gold


def test_evaluate_paths_folders(folders: tuple[Path, Path]) -> None:
    s = evaluate_paths(*folders)
    assert (s.documents, s.counts.n_pred, s.counts.strict_p) == (2, 9, 7)


def test_evaluate_paths_folders_ignore_non_ladder_files(folders: tuple[Path, Path]) -> None:
    pred, gold = folders
    (gold / "README.md").write_text("# not a ladder\nsome text\n", encoding="utf-8")
    (gold / "zh.txt").write_text("一句话。\n", encoding="utf-8")
    s = evaluate_paths(pred, gold)
    assert (s.documents, s.counts.n_pred) == (2, 9)
    for f in gold.glob("*.align"):
        f.unlink()
    with pytest.raises(InputError, match="no \\*.align ladder files"):
        evaluate_paths(pred, gold)


@pytest.mark.parametrize(("setup", "match"), [
    ("missing-pred", "no such file or folder"),
    ("file-vs-folder", "both be files or both be folders"),
    ("missing-name", "no prediction for gold file"),
], ids=["missing", "file-vs-folder", "missing-name"])
def test_evaluate_paths_errors(folders: tuple[Path, Path], setup: str, match: str) -> None:
    pred, gold = folders
    if setup == "missing-pred":
        pred = pred / "nope"
    elif setup == "file-vs-folder":
        pred = pred / "001.align"
    else:
        (pred / "002.align").unlink()
    with pytest.raises(InputError, match=match):
        evaluate_paths(pred, gold)


def test_evaluate_paths_bad_ladder(tmp_path: Path) -> None:
    bad = tmp_path / "bad.align"
    bad.write_text("[0]:[0]\nnot a bead\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad.align:2: not a ladder bead"):
        evaluate_paths(bad, bad)


def test_cli_eval(folders: tuple[Path, Path], tmp_path: Path) -> None:
    pred, gold = folders
    result = runner.invoke(app, ["eval", str(pred / "001.align"), str(gold / "001.align")])
    assert result.exit_code == 0, result.output
    assert "strict  P=0.6000  R=0.6667  F1=0.6316" in result.stdout
    su, tu = tmp_path / "su.txt", tmp_path / "tu.txt"
    su.write_text("a\nb\nb\nc\n", encoding="utf-8")
    tu.write_text("a\nb\nx\nc\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(pred / "001.align"), str(gold / "001.align"),
                                 "--merge-units", str(su), str(tu)])
    assert result.exit_code == 0, result.output
    assert "strict  P=1.0000  R=1.0000  F1=1.0000" in result.stdout


def test_cli_eval_error_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "a.align"), str(tmp_path / "b.align")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "no such file or folder" in result.stderr
