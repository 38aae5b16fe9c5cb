"""OmegaT (Debian package ``omegat``) loads our TMX in console mode and uses it:
the TMX is put in the project's ``tm/auto`` folder, whose exact matches OmegaT
inserts, and the translated document must equal the TMX targets. Runs whenever OmegaT
is installed (a JVM start, ~2 s); skipped when it is not, except under CI=true, where a
missing OmegaT fails (see tests/omegat_kit.py)."""

from __future__ import annotations

from pathlib import Path

from omegat_kit import make_project, need_omegat

from align.formats.tmx.writer import write_tmx
from align.types import TranslationUnit

PAIRS = [("我们要坚持改革开放。", "We must stay committed to reform and opening up."),
         ("甲 & 乙 < 丙 > 丁", "A & B < C > D"),
         ("𠀀第三句😀“引号”。", 'Third "sentence" 😀.')]


def test_omegat_console_translate_uses_our_tmx(tmp_path: Path) -> None:
    omegat = need_omegat()
    proj = make_project(tmp_path)
    (proj / "source" / "new.txt").write_text("\n\n".join(s for s, _ in PAIRS) + "\n",
                                             encoding="utf-8")
    write_tmx(proj / "tm" / "auto" / "zhen.tmx", [TranslationUnit(s, t) for s, t in PAIRS])
    assert "Reading of TMX file complete" in omegat.console_translate(proj)
    out = (proj / "target" / "new.txt").read_text(encoding="utf-8")
    assert [p.strip() for p in out.split("\n\n") if p.strip()] == [t for _, t in PAIRS]
