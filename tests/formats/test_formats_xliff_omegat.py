"""OmegaT (Debian package ``omegat``) opens our XLIFF 1.2 as the source file of a
project and writes the target file in console mode. OmegaT 3.x's XLIFF filter
translates the text of the ``<target>`` elements (a unit without one is not a segment),
so the draft is written as ``pretranslate --copy-source`` writes it; a TMX in
``tm/auto`` holds a translation of the unmatched sentence, which OmegaT must put in
that unit's target, leaving every other unit as we wrote it. Skipped when OmegaT is
missing, except under CI=true, where a missing OmegaT fails (see tests/omegat_kit.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from omegat_kit import make_project, need_omegat

from align.formats.tmx.writer import write_tmx
from align.formats.xliff import AltTrans, XliffDocument, XliffUnit, read_xliff, write_xliff
from align.types import TranslationUnit

NEW = "今年是“十四五”规划收官之年。"
DOC = XliffDocument("speech.txt", "zh-CN", "en-US", (
    XliffUnit("1", "2月20日上午，大会召开。", "On the morning of February 20, the meeting was held.",
              "needs-review-translation", "leveraged-tm",
              (AltTrans("2月19日上午，大会召开。", "On the morning of February 19, the meeting was held.",
                        98, "beijing.txt"),), (("zhen-align", "numbers substituted"),),
              (("band", "95-99%"),)),
    XliffUnit("2", NEW, NEW, "needs-translation", notes=(("glossary", "十四五 = 14th Five-Year Plan"),),
              extra=(("band", "no match"),)),
    XliffUnit("3", "我们要坚持改革开放。", "We must stay committed to reform & opening up.", "final",
              "exact-match", (AltTrans("我们要坚持改革开放。",
                                       "We must stay committed to reform & opening up.", 101),),
              approved=True),
))


def test_omegat_console_translate_our_xliff(tmp_path: Path) -> None:
    omegat = need_omegat()
    proj = make_project(tmp_path)
    write_xliff(proj / "source" / "draft.xlf", DOC)
    write_tmx(proj / "tm" / "auto" / "tm.tmx",
              [TranslationUnit(NEW, "This year concludes the 14th Five-Year Plan.")])
    omegat.console_translate(proj)
    got = read_xliff(proj / "target" / "draft.xlf")
    assert got.units == (DOC.units[0],
                         replace(DOC.units[1], target="This year concludes the 14th Five-Year Plan."),
                         DOC.units[2])
    assert (got.original, got.source_language, got.target_language) == (
        "speech.txt", "zh-CN", "en-US")
    stats = (proj / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    assert stats.splitlines()[4].split()[:2] == ["Total:", "3"]  # three segments
