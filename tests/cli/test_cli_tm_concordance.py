"""``align tm concordance``: hits with plain ``**`` markers when stdout is not a terminal,
the other side's sentence, usage errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from align.cli import app
from align.cli.tm_concordance import excerpt, format_hit
from align.tm.concordance import ConcordanceHit
from align.tm.store import TMStore
from align.types import TranslationUnit

runner = CliRunner()


def make_tm(path: Path) -> Path:
    with TMStore(path, create=True) as store:
        store.add([TranslationUnit("要加快发展新质生产力，扎实推动高质量发展。",
                                   "We must develop new quality productive forces.",
                                   origin="a.txt")], name="a")
    return path


def test_concordance_command(tmp_path: Path) -> None:
    db = make_tm(tmp_path / "tm.db")
    r = runner.invoke(app, ["tm", "concordance", "新质生产力", "--tm", str(db)])
    assert r.exit_code == 0, r.output
    assert r.output == ("100%  要加快发展**新质生产力**，扎实推动高质量发展。\n"
                        "      -> We must develop new quality productive forces.  [a.txt]\n")
    r = runner.invoke(app, ["tm", "concordance", "productive forces", "--tm", str(db),
                            "--lang", "en"])
    assert r.output.splitlines()[0] == ("100%  We must develop new quality **productive "
                                        "forces**.")
    r = runner.invoke(app, ["tm", "concordance", "量子通信", "--tm", str(db)])
    assert r.exit_code == 0 and r.output == f"'量子通信' does not occur in {db.name}\n"


def test_usage_errors(tmp_path: Path) -> None:
    db = make_tm(tmp_path / "tm.db")
    r = runner.invoke(app, ["tm", "concordance", "  ", "--tm", str(db)])
    assert r.exit_code == 2 and "TEXT is empty" in r.output
    r = runner.invoke(app, ["tm", "concordance", "%", "--tm", str(db)])  # not "does not occur"
    assert r.exit_code == 2
    assert r.output == ("error: TEXT '%' has no letter, digit or Chinese character; "
                        "punctuation alone is not searched, give a word or clause\n")
    r = runner.invoke(app, ["tm", "concordance", "x", "--tm", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and "no such TM" in r.output


def test_bold_in_a_terminal_and_long_sentences_cut() -> None:
    text = "甲" * 100 + "新质生产力" + "乙" * 100
    hit = ConcordanceHit(text, "x", "zh-CN", "en-US", ((100, 105),), 1.0, True, None)
    body, spans = excerpt(text, hit.spans)
    assert body == "…" + "甲" * 60 + "新质生产力" + "乙" * 60 + "…" and spans == ((61, 66),)
    assert "\x1b[1m新质生产力\x1b[0m" in format_hit(hit, color=True)
