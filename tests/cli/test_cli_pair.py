"""CLI tests of ``align pair``: outputs, options and refusals before the work."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.api import align_files
from align.cli import app
from align.formats.ladder import read_ladder
from align.formats.tmx.reader import read_tmx

runner = CliRunner()

ZH = "我们要加快发展新质生产力。北京证券交易所发展壮大。要推动高质量发展。\n"
EN = ("We will accelerate the development of new quality productive forces. "
      "The Beijing Stock Exchange will grow. We must promote high-quality development.\n")


@pytest.fixture()
def texts(tmp_path: Path) -> tuple[Path, Path]:
    zh, en = tmp_path / "speech.zh.txt", tmp_path / "speech.en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return zh, en


def test_several_outputs_from_one_run(texts: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = texts
    outs = [tmp_path / "a.align", tmp_path / "a.tsv", tmp_path / "a.tmx"]
    r = runner.invoke(app, ["pair", str(zh), str(en), *sum((["-o", str(o)] for o in outs), [])])
    assert r.exit_code == 0, r.stderr
    beads = read_ladder(outs[0])
    assert [b.key for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert outs[0].read_text(encoding="utf-8").startswith("# tool:zhen-align|")
    rows = outs[1].read_text(encoding="utf-8").splitlines()
    assert rows[0] == "source\ttarget\tbead\tconfidence" and len(rows) == 4
    units = list(read_tmx(outs[2]))
    assert [u.source for u in units] == ["我们要加快发展新质生产力。", "北京证券交易所发展壮大。",
                                         "要推动高质量发展。"]
    assert {u.prop("x-document") for u in units} == {"speech.zh.txt"}


def test_glossary_short_option(texts: tuple[Path, Path], tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n新质生产力\tnew quality productive forces\n", encoding="utf-8")
    out = tmp_path / "x.align"
    r = runner.invoke(app, ["pair", *map(str, texts), "-g", str(g), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "|glossary:" in out.read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-o", "{tmp}/ok.tsv", "-o", "{tmp}/bad.txt"], 1, "bad.txt: unknown output format '.txt'"),
    (["-o", "{zh}"], 1, "the output is also an input"),
    (["--src-lang", "fr"], 2, "Invalid value for '--src-lang'"),
], ids=["unknown-suffix", "overwrite-input", "bad-language"])
def test_refused_before_any_output(texts: tuple[Path, Path], tmp_path: Path, args: list[str],
                                   code: int, message: str) -> None:
    zh, en = texts
    args = [a.format(tmp=tmp_path, zh=zh) for a in args]
    r = runner.invoke(app, ["pair", str(zh), str(en), *args])
    assert r.exit_code == code
    assert message in r.stderr
    assert not (tmp_path / "ok.tsv").exists()  # nothing written when one output is bad
    assert zh.read_text(encoding="utf-8") == ZH


def test_tmx_low_confidence_policy_and_locales(texts: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = texts
    out = tmp_path / "a.tmx"
    r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(out), "--review-below", "1",
                            "--src-locale", "zh-Hans", "--tgt-locale", "en-GB"])
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert 'xml:lang="zh-Hans"' in text and 'xml:lang="en-GB"' in text
    units = list(read_tmx(out, "zh-Hans", "en-GB"))
    assert len(units) == 3
    confidences = [b.confidence for b in align_files(zh, en).beads]
    # every bead below confidence 1.0 is marked; exactly-1.0 beads are not
    marked = [u.prop("x-review-state") == "needs-review" for u in units]
    assert marked == [c < 1.0 for c in confidences]
    threshold = sorted(confidences)[1]  # leaves out the least confident bead only
    r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(out), "--exclude-below",
                            str(threshold)])
    assert r.exit_code == 0, r.stderr
    kept = [u.source for u in read_tmx(out)]
    assert kept == [u.source for u, c in zip(units, confidences, strict=True) if c >= threshold]
    assert len(kept) == 2 or len(set(confidences)) < 3


def test_pair_files_from_python(texts: tuple[Path, Path], tmp_path: Path) -> None:
    from align.cli.pair import pair_files

    zh, en = texts
    outs = [tmp_path / "p.tsv", tmp_path / "p.jsonl"]
    a = pair_files(en, zh, outs, src_lang="en", tgt_lang="zh")
    assert (a.src_lang, a.tgt_lang, len(a.beads)) == ("en", "zh", 3)
    assert all(o.exists() for o in outs)
    assert outs[0].read_text(encoding="utf-8").splitlines()[1].startswith("We will accelerate")


def test_pair_files_refuses_a_bad_output_before_the_work(texts: tuple[Path, Path],
                                                          tmp_path: Path) -> None:
    from align.cli.pair import pair_files
    from align.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown output format '.docx'"):
        pair_files(*texts, [tmp_path / "ok.tsv", tmp_path / "bad.docx"])
    assert not (tmp_path / "ok.tsv").exists()
