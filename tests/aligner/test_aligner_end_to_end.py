"""End to end through the aligner: align_files (align.api), the alignment written in every
format, ``align pair`` and regression floors on the Beijing gold."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from aligner_samples import EN, EN_ZH_GOLD, ZH, segs
from typer.testing import CliRunner

from align.aligner.evaluate import evaluate
from align.aligner.gale_church import align_gale_church
from align.aligner.pipeline import align_segments
from align.api import align_files
from align.cli import app
from align.errors import ConfigError, InputError
from align.formats.alignment import write_alignment
from align.formats.ladder import read_ladder
from align.types import Alignment

runner = CliRunner()


@pytest.fixture(scope="module")
def zh_en() -> Alignment:
    return align_segments(segs(ZH, "zh"), segs(EN, "en"))


def test_same_file_on_both_sides_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "zh.txt"
    f.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="zh.txt"):
        align_files(f, f, presplit=True)


def test_wrong_language_file_is_an_error(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(ZH) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="en.txt"):
        align_files(zh, en)


def test_languages_must_differ(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="both 'en'"):
        align_files(tmp_path / "a", tmp_path / "b", src_lang="en", tgt_lang="en")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.txt"):
        align_files(tmp_path / "nope.txt", tmp_path / "nope2.txt", presplit=True)


# ---------------------------------------------------------------- writers


def test_write_ladder_round_trip(zh_en: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.align"
    write_alignment(zh_en, out)
    back = read_ladder(out)
    assert [b.key for b in back] == [b.key for b in zh_en.beads]
    assert [round(b.confidence, 4) for b in back] == [round(b.confidence, 4)
                                                      for b in zh_en.beads]


def test_write_tsv(zh_en: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.tsv"
    write_alignment(zh_en, out)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["source", "target", "bead", "confidence"]
    assert rows[3][:3] == [ZH[2], f"{EN[2]} {EN[3]}", "1-2"]
    assert len(rows) == len(zh_en.beads) + 1


def test_write_jsonl(zh_en: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    write_alignment(zh_en, out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["signature"]["tool"] == "zhen-align"
    assert [(x["src"], x["tgt"]) for x in lines[1:]] == [
        (list(b.src), list(b.tgt)) for b in zh_en.beads]


def test_write_tmx(zh_en: Alignment, tmp_path: Path) -> None:
    from align.formats.tmx.reader import read_tmx

    out = tmp_path / "a.tmx"
    write_alignment(zh_en, out)
    units = list(read_tmx(out))
    assert [u.source for u in units][:2] == ZH[:2]
    assert len(units) == sum(1 for b in zh_en.beads if b.src and b.tgt)


def test_write_unknown_suffix(zh_en: Alignment, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown output format '.xyz'"):
        write_alignment(zh_en, tmp_path / "a.xyz")
    assert not (tmp_path / "a.xyz").exists()


# ---------------------------------------------------------------- CLI


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return zh, en


def test_cli_pair_stdout(files: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["pair", str(files[0]), str(files[1]), "--presplit"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "source\ttarget\tbead\tconfidence"
    assert lines[3].split("\t")[2] == "1-2"


def test_cli_pair_reverse_to_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.align"
    result = runner.invoke(app, ["pair", str(files[1]), str(files[0]), "--presplit",
                                 "--src-lang", "en", "--tgt-lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [b.ladder() for b in read_ladder(out)] == EN_ZH_GOLD


def test_cli_pair_warning_on_stderr(files: tuple[Path, Path], tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text(ZH[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["pair", str(short), str(files[1]), "--presplit"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: the two sides differ a lot in length")
    assert result.stdout.startswith("source\ttarget")


def test_cli_pair_wrong_language_is_one_line_error(files: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["pair", str(files[0]), str(files[0]), "--presplit"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "zh.txt" in result.stderr


def test_cli_pair_empty_file_is_one_line_error(files: tuple[Path, Path], tmp_path: Path
                                               ) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = runner.invoke(app, ["pair", str(files[0]), str(empty), "--presplit"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "empty.txt" in result.stderr and "no text" in result.stderr


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--max-bead", "1"], 2, "max-bead"),
    (["-o", "out.xyz"], 1, "unknown output format"),
    (["--src-lang", "fr"], 2, "Invalid value for '--src-lang'"),
], ids=["max-bead", "suffix", "lang"])
def test_cli_pair_errors(files: tuple[Path, Path], tmp_path: Path, args: list[str], code: int,
                         message: str) -> None:
    args = [a if a != "out.xyz" else str(tmp_path / a) for a in args]
    result = runner.invoke(app, ["pair", str(files[0]), str(files[1]), "--presplit", *args])
    assert result.exit_code == code
    assert message in result.stderr


# ---------------------------------------------------------------- regression


def test_beijing_gold_floor(beijing_dir: Path) -> None:
    al = align_files(beijing_dir / "zh.txt", beijing_dir / "en.raw.txt")
    scores = evaluate(list(al.beads), read_ladder(beijing_dir / "gold.align"))
    assert (scores.strict_f1, scores.lax_f1) == (1.0, 1.0)  # every bead of the gold
    base = align_gale_church(al.src, al.tgt)
    assert evaluate(list(base.beads), read_ladder(beijing_dir / "gold.align")).strict_f1 < \
        scores.strict_f1


def test_beijing_gold_floor_with_glossary(tmp_path: Path, beijing_dir: Path,
                                          beijing_glossary_path: Path) -> None:
    out = tmp_path / "bj.align"
    result = runner.invoke(app, ["pair", str(beijing_dir / "zh.txt"),
                                 str(beijing_dir / "en.raw.txt"),
                                 "--glossary", str(beijing_glossary_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    scores = evaluate(read_ladder(out), read_ladder(beijing_dir / "gold.align"))
    assert (scores.strict_f1, scores.lax_f1) == (1.0, 1.0)
