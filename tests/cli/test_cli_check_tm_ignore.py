"""``align check --tm DB`` (the same source translated differently anywhere in the TM)
and ``align check --ignore FILE`` (accepted findings left out and counted)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from align.cli import app
from align.cli.check import check_files
from align.tm.store import TMStore
from align.types import TranslationUnit

runner = CliRunner()


def inputs(tmp_path: Path) -> tuple[Path, Path]:
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n新质生产力\tnew quality productive forces\n", encoding="utf-8")
    a = tmp_path / "a.tsv"
    a.write_text("要发展新质生产力。\tWe develop new quality productive forces.\t1-1\t0.9\n"
                 "市委副书记刘伟主持会议。\tLiu Wei presided over the the meeting.\t1-1\t0.9\n",
                 encoding="utf-8")
    return g, a


def make_tm(path: Path) -> Path:
    with TMStore(path, create=True) as store:
        store.add([TranslationUnit("市委副书记刘伟主持会议。", "Liu Wei chaired the meeting.",
                                   origin="2023.docx"),
                   TranslationUnit("要发展新质生产力。", "We develop new quality productive "
                                   "forces.", origin="2023.docx"),
                   TranslationUnit("市委副书记刘伟主持会议。", "刘伟主持。", "zh-CN", "ja-JP")],
                  name="old")
    return path


def test_check_against_a_tm(tmp_path: Path) -> None:
    g, a = inputs(tmp_path)
    db = make_tm(tmp_path / "office.db")
    before = db.read_bytes()
    r = check_files(g, a, tm=db)
    assert [(f.bead, f.kind) for f in r.findings] == [(1, "doubled-word"),
                                                      (1, "tm-inconsistent")]
    tm_f = r.findings[1]
    assert tm_f.details == {"other_target": "Liu Wei chaired the meeting.",
                            "other_document": "2023.docx", "others": "1"}  # not the ja unit
    assert db.read_bytes() == before  # read-only
    r2 = runner.invoke(app, ["check", str(a), "-g", str(g), "--tm", str(db)])
    assert r2.exit_code == 0, r2.output
    assert r2.stdout.splitlines()[-1] == "0 error(s), 2 warning(s), 0 info"
    r3 = runner.invoke(app, ["check", str(a), "-g", str(g), "--tm", str(tmp_path / "no.db")])
    assert r3.exit_code == 1 and "no such TM" in r3.output


def test_ignore_list(tmp_path: Path) -> None:
    g, a = inputs(tmp_path)
    ignore = tmp_path / "ignore.tsv"
    ignore.write_text("# project: accepted\ndoubled-word\tLiu Wei presided over the the "
                      "meeting.\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--ignore", str(ignore)])
    assert r.exit_code == 0, r.output
    assert r.stdout == "no findings\n0 error(s), 0 warning(s), 0 info, 1 ignored\n"
    ignore.write_text("doubled-word Liu Wei\n", encoding="utf-8")  # spaces, not a tab
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--ignore", str(ignore)])
    assert r.exit_code == 1
    assert r.output.strip().endswith("ignore.tsv:1: expected 2 tab-separated cells (finding "
                                     "kind, term or bead text), found 1: 'doubled-word Liu Wei'")
