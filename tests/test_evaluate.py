"""Tests of align.aligner.evaluate and ``align eval`` on hand-computed examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.aligner.evaluate import (
    evaluate,
    evaluate_documents,
    evaluate_paths,
    merge_units,
    read_units,
)
from align.cli import app
from align.errors import FormatError, InputError
from align.formats.ladder import format_ladder, parse_ladder
from align.types import Bead

runner = CliRunner()

GOLD = parse_ladder("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3]\n")
PRED = parse_ladder("[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[3]:[3]\n")


def test_strict_and_lax_by_hand() -> None:
    s = evaluate(PRED, GOLD)
    # precision over 5 predicted beads: strict [0]:[0], []:[2], [3]:[3];
    # lax adds [1]:[1] (shares src 1 and tgt 1 with gold [1, 2]:[1]); [2]:[] never
    assert (s.counts.n_pred, s.counts.strict_p, s.counts.lax_p) == (5, 3, 4)
    # recall over the 3 gold beads with both sides: strict 2, lax 3
    assert (s.counts.n_gold, s.counts.strict_r, s.counts.lax_r) == (3, 2, 3)
    assert s.strict_precision == pytest.approx(0.6)
    assert s.strict_recall == pytest.approx(2 / 3)
    assert s.strict_f1 == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    assert s.lax_f1 == pytest.approx(2 * 0.8 * 1.0 / 1.8)


@pytest.mark.parametrize(("pred", "gold", "strict_p", "lax_p", "strict_r", "lax_r"), [
    ("[0]:[0]\n[1]:[1]\n", "[0]:[0]\n[1]:[1]\n", 2, 2, 2, 2),
    ("[0, 1]:[0, 1]\n", "[0]:[0]\n[1]:[1]\n", 0, 1, 0, 2),
    ("[0]:[]\n[]:[0]\n", "[0]:[0]\n", 0, 0, 0, 0),
    ("[0]:[1]\n[1]:[0]\n", "[0, 1]:[0, 1]\n", 0, 2, 0, 1),
    ("[0]:[0]\n", "[0]:[]\n[]:[0]\n", 0, 0, 0, 0),
], ids=["identical", "merged", "empty-sides-vs-pair", "crossed", "gold-only-empty"])
def test_counts_table(pred: str, gold: str, strict_p: int, lax_p: int, strict_r: int,
                      lax_r: int) -> None:
    c = evaluate(parse_ladder(pred), parse_ladder(gold)).counts
    assert (c.strict_p, c.lax_p, c.strict_r, c.lax_r) == (strict_p, lax_p, strict_r, lax_r)


def test_merge_units() -> None:
    src_units = ["a", "b", "b", "c"]
    tgt_units = ["a", "b", "x", "c"]
    merged = merge_units(PRED, src_units, tgt_units)
    assert [b.key for b in merged] == [b.key for b in GOLD]
    scores = evaluate_documents([(PRED, GOLD)], (src_units, tgt_units))
    assert scores.strict_f1 == pytest.approx(1.0)


def test_merge_units_keeps_beads_across_units_apart() -> None:
    beads = parse_ladder("[0]:[0]\n[1]:[1, 2]\n[2]:[3]\n")
    merged = merge_units(beads, ["a", "a", "b"], ["a", "b", "b", "b"])
    assert [b.ladder() for b in merged] == ["[0]:[0]", "[1]:[1, 2]", "[2]:[3]"]
    merged = merge_units(beads, ["a", "b", "b"], ["a", "b", "b", "b"])
    assert [b.ladder() for b in merged] == ["[0]:[0]", "[1, 2]:[1, 2, 3]"]


def test_merge_units_keeps_lowest_confidence() -> None:
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.3)]
    assert merge_units(beads, ["a", "a"], ["a", "a"])[0].confidence == pytest.approx(0.3)


def test_merge_units_short_unit_file() -> None:
    with pytest.raises(InputError, match="beyond the unit files"):
        merge_units(PRED, ["a"], ["a"])


def test_pooled_over_documents() -> None:
    s = evaluate_documents([(PRED, GOLD), (GOLD, GOLD)])
    assert s.documents == 2
    assert s.counts.n_pred == 5 + 4
    assert s.counts.strict_p == 3 + 4


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
