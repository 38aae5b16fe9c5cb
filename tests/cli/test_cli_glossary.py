"""Tests of align.cli.glossary (`align glossary convert`, `align glossary check`) and the
issue 11 acceptance: official alternatives in the Beijing English give no error, a
deprecated rendering gives its error at the right bead."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.glossary import check_glossary, convert_glossary
from align.errors import FormatError, InputError
from align.formats.glossary import read_glossary
from align.formats.glossary_formats import carried
from align.qa.check import check_alignment
from align.types import Alignment, Glossary

runner = CliRunner()


def test_convert_tsv_to_tbx_to_omegat(tmp_path: Path, beijing_glossary_path: Path,
                                      beijing_glossary: Glossary) -> None:
    tbx, om = tmp_path / "b.tbx", tmp_path / "b.txt"
    r = runner.invoke(app, ["glossary", "convert", str(beijing_glossary_path), str(tbx)])
    assert r.exit_code == 0, r.output
    assert r.stderr == f"{len(beijing_glossary)} concepts written to {tbx} (tbx)\n"
    assert b"<martif" in tbx.read_bytes()
    assert read_glossary(tbx).terms == beijing_glossary.terms
    r = runner.invoke(app, ["glossary", "convert", str(tbx), str(om)])
    assert r.exit_code == 0, r.output
    assert r.stderr.count("warning: omegat cannot carry") == 3
    assert read_glossary(om).terms == tuple(carried(t, "omegat") for t in beijing_glossary.terms)


def test_convert_to_named_formats(tmp_path: Path, beijing_glossary_path: Path,
                                  beijing_glossary: Glossary) -> None:
    v3, mq = tmp_path / "b.tbx", tmp_path / "b.csv"
    res = convert_glossary(beijing_glossary_path, v3, tbx_flavour="v3")
    assert (res.concepts, res.fmt, res.warnings) == (len(beijing_glossary), "tbx", ())
    assert b"urn:iso:std:iso:30042:ed-2" in v3.read_bytes()
    res = convert_glossary(v3, mq, to_fmt="memoq")
    assert res.fmt == "memoq" and res.warnings[0].startswith("memoq cannot carry deprecated")
    assert mq.read_text(encoding="utf-8").startswith("Entry_ID,Entry_Subject,Entry_Domain,")
    assert read_glossary(mq).terms == tuple(carried(t, "memoq") for t in beijing_glossary.terms)


@pytest.mark.parametrize(("args", "message"), [
    (["g.tsv", "out.doc"], "unknown glossary format '.doc'"),
    (["g.tsv", "out.csv", "--to", "sdltb"], "unknown glossary format 'sdltb'"),
    (["g.tsv", "out.tbx", "--tbx-flavour", "v9"], "unknown TBX flavour 'v9'"),
    (["g.tsv", "g.tsv", "--to", "csv"], "g.tsv"),
    (["missing.tsv", "out.tbx"], "missing.tsv: no such glossary file"),
], ids=["suffix", "format", "flavour", "same-file", "missing"])
def test_convert_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "g.tsv").write_text("zh\ten\n七有\tSeven accesses\n", encoding="utf-8")
    r = runner.invoke(app, ["glossary", "convert", *(str(tmp_path / a) if "." in a and
                                                      not a.startswith("v") else a for a in args)])
    assert r.exit_code == 1
    assert message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert not (tmp_path / "out.tbx").exists() and not (tmp_path / "out.csv").exists()


def test_convert_malformed_input_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "g.tsv"
    bad.write_text("zh\ten\n七有\tSeven accesses\n七有\tSeven haves\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"g\.tsv:3: duplicate concept '七有' with conflicting"):
        convert_glossary(bad, tmp_path / "g.tbx")
    assert not (tmp_path / "g.tbx").exists()


GLOSSARY_WITH_ISSUES = (
    "id\tzh\ten\ten_variants\ten_deprecated\n"
    "1\t七有\tSeven accesses\t\tSeven haves\n"
    "2\t七有\tSeven haves\t\t\n"
    "3\t五性\tfive expectations\t\t\n"
    "3\t绿色金融\tgreen finance\t\t\n"
    "5\t量子信息\tquantum information\t\t\n"
)


def test_check_lists_every_issue(tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text(GLOSSARY_WITH_ISSUES, encoding="utf-8")
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("要落实“七有”要求，发展绿色金融。", encoding="utf-8")
    en.write_text('We will meet the "Seven haves" and develop environmental finance.',
                  encoding="utf-8")
    rep = check_glossary(g, corpus=(zh, en))
    assert rep.issues == (
        (2, "conflict", "'Seven haves' is deprecated for 七有 but accepted for 七有; a rendering "
                        "should have one status"),
        (3, "conflict", "duplicate concept '七有' with conflicting translations: 'Seven haves' "
                        "here, 'Seven accesses' on line 2; keep one row per concept and put "
                        "other renderings in en_variants"),
        (5, "duplicate", "duplicate concept id '3' (first on line 4); ids must be unique"),
        (2, "unrendered", "七有 occurs once but no accepted English form (Seven accesses) does; "
                          "deprecated renderings found once"),
        (4, "unused", "五性 (five expectations) never occurs in the Chinese"),
        (5, "unrendered", "绿色金融 occurs once but no accepted English form (green finance) "
                          "does"),
        (6, "unused", "量子信息 (quantum information) never occurs in the Chinese"),
    )
    assert rep.errors == 3
    r = runner.invoke(app, ["glossary", "check", str(g), "--corpus", str(zh), str(en)])
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == (f"{g}:2\tconflict\t'Seven haves' is deprecated for 七有 "
                                        "but accepted for 七有; a rendering should have one status")
    assert r.stderr == "5 concepts, 7 issues (3 duplicates or conflicts)\n"


def test_check_beijing_is_clean(beijing_glossary_path: Path, beijing_dir: Path) -> None:
    r = runner.invoke(app, ["glossary", "check", str(beijing_glossary_path), "--corpus",
                            str(beijing_dir / "zh.txt"), str(beijing_dir / "en.raw.txt")])
    assert (r.exit_code, r.stdout) == (0, "")
    n = len(read_glossary(beijing_glossary_path))
    assert r.stderr == f"{n} concepts, 0 issues (0 duplicates or conflicts)\n"


def test_check_with_alignment(tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n七有\tSeven accesses\n五性\tfive expectations\n", encoding="utf-8")
    al = tmp_path / "a.tsv"
    al.write_text('以“七有”要求为导向。\t"Seven accesses" should guide.\n', encoding="utf-8")
    rep = check_glossary(g, alignment=al)
    assert rep.issues == ((3, "unused", "五性 (five expectations) never occurs in the Chinese"),)
    with pytest.raises(InputError, match="not both"):
        check_glossary(g, alignment=al, corpus=(al, al))


# -- issue 11: official alternatives are accepted ---------------------------------------

ALTERNATIVES = {  # preferred rendering in the Beijing English -> official alternative
    "core technologies in key areas": "core technologies in key fields",
    '"Seven accesses"': '"social services in seven aspects"',
    "High-Tech Agricultural Z-Park": "Agricultural Zhongguancun",
    "future-oriented industries": "industries of the future",
}


def _edit(al: Alignment, old: str, new: str, count: int = -1) -> tuple[Alignment, list[int]]:
    """``al`` with ``old`` replaced by ``new`` in the English, and the beads changed."""
    tgt, changed = [], []
    for s in al.tgt:
        if old in s.text and count != 0:
            s = replace(s, text=s.text.replace(old, new, 1 if count > 0 else -1))
            count -= 1
            changed.append(s.index)
        tgt.append(s)
    beads = [k for k, b in enumerate(al.beads) if set(b.tgt) & set(changed)]
    return replace(al, tgt=tuple(tgt)), beads


def _errors(al: Alignment, g: Glossary) -> list[tuple[int, str, str]]:
    return [(f.bead, f.kind, f.term) for f in check_alignment(al, g) if f.severity == "error"]


def test_official_alternatives_give_no_error(beijing_gold: Alignment,
                                             beijing_glossary: Glossary) -> None:
    baseline = _errors(beijing_gold, beijing_glossary)
    al, touched = beijing_gold, []
    for old, new in ALTERNATIVES.items():
        al, beads = _edit(al, old, new)
        touched += beads
    assert len(touched) == 5  # "core technologies in key areas" is in two beads
    findings = [f for f in check_alignment(al, beijing_glossary) if f.bead in touched]
    assert [(f.bead, f.kind) for f in findings if f.severity != "info"] == []
    assert _errors(al, beijing_glossary) == baseline


def test_deprecated_rendering_gives_its_error(beijing_gold: Alignment,
                                              beijing_glossary: Glossary) -> None:
    baseline = _errors(beijing_gold, beijing_glossary)
    al, beads = _edit(beijing_gold, "new quality productive forces",
                      "new-type productive forces", count=1)
    got = [e for e in _errors(al, beijing_glossary) if e not in baseline]
    assert got == [(beads[0], "term-deprecated", "新质生产力")]


def test_five_expectations_written_with_a_gap_gives_no_finding(
        tmp_path: Path, beijing_dir: Path, beijing_gold: Alignment,
        beijing_glossary_path: Path, beijing_glossary: Glossary) -> None:
    # issue 11: 五性 is "expectations … in five areas" in the official English of the
    # 2024 Government Work Report; the term base holds that variant with a gap
    old, new = "five expectations", "people's expectations for a better life in five areas"
    text = (beijing_dir / "en.raw.txt").read_text(encoding="utf-8")
    assert text.count(old) == 1
    en = tmp_path / "en.txt"
    en.write_text(text.replace(old, new), encoding="utf-8")
    r = runner.invoke(app, ["check", str(beijing_dir / "gold.align"), "--src",
                            str(beijing_dir / "zh.txt"), "--tgt", str(en), "-g",
                            str(beijing_glossary_path), "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    assert "五性" not in r.stdout
    al, beads = _edit(beijing_gold, old, new)
    assert len(beads) == 1
    assert [f for f in check_alignment(al, beijing_glossary) if f.term == "五性"] == []
    # the same text without the variant: the error the variant prevents
    g = replace(beijing_glossary, terms=tuple(replace(t, variants=()) if t.zh == "五性" else t
                                              for t in beijing_glossary.terms))
    assert [(f.bead, f.kind) for f in check_alignment(al, g) if f.term == "五性"] == [
        (beads[0], "term-missing")]
