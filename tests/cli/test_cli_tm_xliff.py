"""``align tm add x.xlf``: an aligned bilingual XLIFF (as ``align pair -o x.xlf`` writes
it) adds its beads with both sides, with confidence and review state."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from typer.testing import CliRunner

from align.cli import app
from align.formats.alignment import write_alignment
from align.tm.store import TMStore
from align.types import Alignment

runner = CliRunner()

PAIRS = [("我们要坚持改革开放。", "We must stay committed to reform and opening up."),
         ("北京是首都。", ""),  # an omission: the unit has no <target>
         ("2024年经济增长5%。", "The economy grew by 5% in 2024."),
         ("安全是发展的前提。", "Security is the precondition of development.")]


def test_tm_add_xliff_adds_the_units_with_both_sides(tmp_path: Path) -> None:
    al = Alignment.from_pairs(PAIRS, "zh", "en")
    beads = (dataclasses.replace(al.beads[0], confidence=0.9, status="confirmed"),
             dataclasses.replace(al.beads[1], confidence=0.6),
             dataclasses.replace(al.beads[2], confidence=0.25),
             dataclasses.replace(al.beads[3], confidence=0.75))
    xlf = tmp_path / "speech.xlf"
    write_alignment(dataclasses.replace(al, beads=beads), xlf)
    assert xlf.read_text(encoding="utf-8").count("<target") == 3
    db = tmp_path / "tm.db"
    r = runner.invoke(app, ["tm", "add", str(xlf), "--tm", str(db)])
    assert r.exit_code == 0, r.output
    assert "3 units added, 0 already there (3 read from speech.xlf)" in r.output
    with TMStore(db) as tm:
        got = [(u.source, u.target, u.source_lang, u.target_lang, dict(u.props)) for u in tm.units()]
    assert got == [
        (PAIRS[0][0], PAIRS[0][1], "zh-CN", "en-US",
         {"x-document": "speech", "x-confidence": "0.900", "x-review-state": "confirmed"}),
        (PAIRS[2][0], PAIRS[2][1], "zh-CN", "en-US",
         {"x-document": "speech", "x-confidence": "0.250", "x-review-state": "needs-review"}),
        (PAIRS[3][0], PAIRS[3][1], "zh-CN", "en-US",
         {"x-document": "speech", "x-confidence": "0.750", "x-review-state": "unreviewed"})]


def test_pair_then_tm_add(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n\n".join(s for s, t in PAIRS if t) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(t for _, t in PAIRS if t) + "\n", encoding="utf-8")
    xlf, db = tmp_path / "x.xlf", tmp_path / "tm.db"
    r = runner.invoke(app, ["pair", str(zh), str(en), "-o", str(xlf)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["tm", "add", str(xlf), "--tm", str(db)])
    assert r.exit_code == 0, r.output
    with TMStore(db) as tm:
        assert [(u.source, u.target) for u in tm.units()] == [p for p in PAIRS if p[1]]
