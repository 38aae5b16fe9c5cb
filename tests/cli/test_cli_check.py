"""Tests of align.cli.check (`align check`): the alignment inputs it accepts, exit codes,
reports, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.check import alignment_from_inputs
from align.errors import FormatError, InputError
from align.formats.alignment import read_alignment
from align.qa.check import check_alignment
from align.qa.findings import Finding
from align.types import Glossary

runner = CliRunner()


def kinds(findings: list[Finding]) -> list[tuple[int | None, str, str]]:
    return [(f.bead, f.kind, f.severity) for f in findings]


# -- inputs ------------------------------------------------------------------------

def test_tsv_from_align_pair_writer(tmp_path: Path, glossary: Glossary) -> None:
    """The quoted TSV that `align pair -o x.tsv` writes (csv quoting, header 'bead')."""
    import csv

    p = tmp_path / "pair.tsv"
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "target", "bead", "confidence"])
        w.writerow(["以“七有”要求为导向。", '"Seven haves" should guide.', "1-1", "0.900"])
    al = read_alignment(p)
    assert al.tgt[0].text == '"Seven haves" should guide.'
    assert kinds(check_alignment(al, glossary)) == [(0, "term-deprecated", "error")]


def test_tsv_alignment(tmp_path: Path, glossary: Glossary) -> None:
    p = tmp_path / "pair.tsv"
    p.write_text('source\ttarget\ttype\tconfidence\n要发展新质生产力。\t"We" develop new forces.\t1-1\t0.9\n'
                 "安全是发展的前提。\t\t1-0\t0.5\n", encoding="utf-8")
    al = read_alignment(p)
    assert [b.key for b in al.beads] == [((0,), (0,)), ((1,), ())]
    assert al.tgt[0].text == '"We" develop new forces.'
    assert kinds(check_alignment(al, glossary)) == [(0, "term-missing", "error"),
                                                    (1, "empty-target", "error")]


@pytest.mark.parametrize(("content", "match"), [
    ("a\n", r"bad.tsv:1: expected 2 to 4 columns"),
    ("a\tb\tone\t0.5\n", r"bad.tsv:1: bad bead type 'one'"),
    ("a\tb\t1-1\thigh\n", r"bad.tsv:1: bad confidence 'high'"),
    ("a\tb\t1-1\t0.5\n\tx\t0-1\t1.5\n", r"bad.tsv:2: confidence 1.5 outside"),
    ("", r"bad.tsv:1: no rows"),
], ids=["columns", "type", "confidence", "range", "empty"])
def test_bad_tsv(tmp_path: Path, content: str, match: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=match):
        read_alignment(p)


@pytest.mark.parametrize(("args", "match"), [
    (("x.align", None, None), "needs its two texts"),
    (("x.json", None, None), "unknown alignment format '.json'"),
    ((None, None, None), "nothing to check"),
], ids=["ladder-without-texts", "unknown-suffix", "nothing"])
def test_alignment_from_inputs_errors(args: tuple[str | None, ...], match: str) -> None:
    with pytest.raises(InputError, match=match):
        alignment_from_inputs(*args)


# -- CLI ---------------------------------------------------------------------------

def _write_glossary_and_tsv(tmp_path: Path, target: str) -> tuple[Path, Path]:
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\ten_deprecated\n新质生产力\tnew quality productive forces\t"
                 "new productive forces of quality\n", encoding="utf-8")
    a = tmp_path / "a.tsv"
    a.write_text(f"要发展新质生产力。\t{target}\t1-1\t0.9\n", encoding="utf-8")
    return g, a


def test_cli_clean_exits_0(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "We develop new quality productive forces.")
    r = runner.invoke(app, ["check", str(a), "--glossary", str(g)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("no findings")


def test_cli_errors_exit_1_and_report(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "We develop new productive forces of quality.")
    rep = tmp_path / "r.html"
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--report", str(rep)])
    assert r.exit_code == 1
    assert "term-deprecated" in r.stdout and "1 error(s)" in r.stdout
    assert "<mark" in rep.read_text(encoding="utf-8")


@pytest.mark.parametrize(("target", "fail_on", "code"), [
    ("We develop new productive forces of quality.", "never", 0),
    ("We develop new productive forces of quality.", "warning", 1),
    ("We develop new quality productive forces. We develop it.", "error", 0),
], ids=["error-never", "error-warning", "clean-error"])
def test_cli_fail_on_gate(tmp_path: Path, target: str, fail_on: str, code: int) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, target)
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--fail-on", fail_on])
    assert r.exit_code == code, r.output
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--fail-on", "sometimes"])
    assert r.exit_code == 2


def test_cli_fail_on_warning_only(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "x")
    # the deprecated rendering without the Chinese term in the bead is a warning
    a.write_text("要发展生产力。\tWe develop new productive forces of quality.\t1-1\t0.9\n",
                 encoding="utf-8")
    r = runner.invoke(app, ["check", str(a), "-g", str(g)])
    assert r.exit_code == 0 and "0 error(s), 1 warning(s)" in r.stdout, r.stdout
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--fail-on", "warning"])
    assert r.exit_code == 1


def test_cli_bad_input_one_line(tmp_path: Path) -> None:
    g, _ = _write_glossary_and_tsv(tmp_path, "x")
    r = runner.invoke(app, ["check", str(tmp_path / "x.align"), "-g", str(g)])
    assert r.exit_code == 1
    assert "needs its two texts" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cli_beijing_gold(tmp_path: Path, beijing_dir: Path, beijing_glossary_path: Path) -> None:
    out = tmp_path / "b.csv"
    r = runner.invoke(app, ["check", str(beijing_dir / "gold.align"), "--src", str(beijing_dir / "zh.txt"),
                            "--tgt", str(beijing_dir / "en.raw.txt"), "-g", str(beijing_glossary_path),
                            "--report", str(out)])
    assert r.exit_code == 1  # the English omits one Chinese sentence (bead 40)
    assert "40    error     empty-target" in r.stdout
    assert out.is_file()


def test_ladder_that_does_not_fit_the_texts(tmp_path: Path, beijing_dir: Path) -> None:
    lad = tmp_path / "short.align"
    lad.write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"short.align: beads cover 1 source .* default "
                                         "segmentation"):
        read_alignment(lad, src=beijing_dir / "zh.txt", tgt=beijing_dir / "en.raw.txt")


BEIJING_TABLE_END = [  # the findings on the Beijing report, gold or aligned on the fly
    "40    error     empty-target        source sentence without a translation             "
    "安全是发展的前提，发展是安全的保障。",
    "46    info      addition            target text without a source sentence (0-n bead)",
    "1 error(s), 0 warning(s), 1 info",
]


def test_cli_aligns_on_the_fly(beijing_dir: Path, beijing_glossary_path: Path) -> None:
    r = runner.invoke(app, ["check", "--src", str(beijing_dir / "zh.txt"), "--tgt",
                            str(beijing_dir / "en.raw.txt"), "-g", str(beijing_glossary_path)])
    assert r.exit_code == 1, r.output  # the English omits one Chinese sentence (bead 40)
    lines = r.stdout.splitlines()
    assert lines[-3:] == BEIJING_TABLE_END
    # no term-split: high-quality (economic and social | population) development is
    # the term with modifiers inside it (issue 11)
    assert [line.split()[:3] for line in lines[2:-1]] == [
        ["40", "error", "empty-target"], ["46", "info", "addition"]]


def test_readme_demo(tmp_path: Path, beijing_dir: Path, beijing_glossary_path: Path) -> None:
    """The README's first command: align pair to TSV and TMX, then align check with an HTML
    report; --fail-on never exits 0, the default gate exits 1 on the one omission."""
    tsv, tmx, html = tmp_path / "b.tsv", tmp_path / "b.tmx", tmp_path / "b-check.html"
    r = runner.invoke(app, ["pair", str(beijing_dir / "zh.txt"), str(beijing_dir / "en.raw.txt"),
                            "-g", str(beijing_glossary_path), "-o", str(tsv), "-o", str(tmx)])
    assert r.exit_code == 0, r.output
    args = ["check", str(tsv), "-g", str(beijing_glossary_path), "--report", str(html)]
    r = runner.invoke(app, [*args, "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == "1 error(s), 0 warning(s), 1 info"
    assert "安全是发展的前提" in html.read_text(encoding="utf-8")
    r = runner.invoke(app, args)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[-3:] == BEIJING_TABLE_END


def test_cli_bad_language_is_a_usage_error(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "x")
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--src-lang", "fr"])
    assert r.exit_code == 2
    assert "Invalid value for '--src-lang'" in r.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"], ids=["utf16", "gb18030"])
def test_tsv_alignment_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "pair.tsv"
    p.write_bytes("要发展新质生产力。\tWe develop new quality productive forces.\t1-1\t0.9\n"
                  .encode(encoding))
    al = read_alignment(p)
    assert [s.text for s in al.src] == ["要发展新质生产力。"]
    assert [t.text for t in al.tgt] == ["We develop new quality productive forces."]


def test_swapped_texts_message_names_no_foreign_option(tmp_path: Path, beijing_dir: Path,
                                                        beijing_glossary_path: Path) -> None:
    lad = tmp_path / "x.align"
    lad.write_text("[0]:[0]\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(lad), "--src", str(beijing_dir / "en.raw.txt"),
                            "--tgt", str(beijing_dir / "zh.txt"), "-g", str(beijing_glossary_path)])
    assert r.exit_code == 1
    assert "looks English" in r.stderr and "given as zh" in r.stderr
    assert "--lang" not in r.stderr  # align check has --src-lang/--tgt-lang, not --lang


def test_cli_report_onto_the_glossary_is_refused(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "We develop new quality productive forces.")
    before = g.read_bytes()
    csv_g = tmp_path / "g.csv"
    csv_g.write_text("zh,en\n新质生产力,new quality productive forces\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(a), "-g", str(csv_g), "-r", str(csv_g)])
    assert r.exit_code == 1 and "g.csv: the output is also an input" in r.stderr
    assert csv_g.read_text(encoding="utf-8").startswith("zh,en\n")
    assert g.read_bytes() == before


def test_plain_tsv_cell_with_line_separator(tmp_path: Path) -> None:
    p = tmp_path / "pair.tsv"  # a cell starting with a quote: plain, not csv-quoted, TSV
    p.write_text('“七有”\u2028要求。\t"Seven accesses"\u2028are required.\t1-1\t0.9\n',
                 encoding="utf-8")
    al = read_alignment(p)
    assert [t.text for t in al.tgt] == ['"Seven accesses"\u2028are required.']
