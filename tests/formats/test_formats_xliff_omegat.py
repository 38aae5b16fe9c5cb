"""OmegaT (Debian package ``omegat``) opens our XLIFF 1.2 as the source file of a
project and writes the target file in console mode. OmegaT 3.x's XLIFF filter
translates the text of the ``<target>`` elements (a unit without one is not a segment),
so the draft is written as ``pretranslate --copy-source`` writes it; a TMX in
``tm/auto`` holds a translation of the unmatched sentence, which OmegaT must put in
that unit's target, leaving every other unit as we wrote it. Skipped when OmegaT is
missing, except under CI=true, where a missing OmegaT fails (as in
test_formats_tmx_omegat.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from align.formats.tmx.writer import write_tmx
from align.formats.xliff import AltTrans, XliffDocument, XliffUnit, read_xliff, write_xliff
from align.types import TranslationUnit

JAR = Path("/usr/share/omegat/OmegaT.jar")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
<tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>zh-CN</source_lang><target_lang>en-US</target_lang>
<source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
</project></omegat>
"""

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


@pytest.fixture
def omegat() -> list[str]:
    java = shutil.which("java")
    if not (java and JAR.is_file()):
        if os.environ.get("CI") == "true":
            pytest.fail("OmegaT is not installed; CI must run it (apt-get install omegat)")
        pytest.skip("needs OmegaT (apt-get install omegat)")
    return [java, "-Djava.awt.headless=true", "-jar", str(JAR)]


def test_omegat_console_translate_our_xliff(tmp_path: Path, omegat: list[str]) -> None:
    proj = tmp_path / "proj"
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (proj / d).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT, encoding="utf-8")
    write_xliff(proj / "source" / "draft.xlf", DOC)
    write_tmx(proj / "tm" / "auto" / "tm.tmx",
              [TranslationUnit(NEW, "This year concludes the 14th Five-Year Plan.")])
    done = subprocess.run([*omegat, str(proj), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    got = read_xliff(proj / "target" / "draft.xlf")
    assert got.units == (DOC.units[0],
                         replace(DOC.units[1], target="This year concludes the 14th Five-Year Plan."),
                         DOC.units[2])
    assert (got.original, got.source_language, got.target_language) == (
        "speech.txt", "zh-CN", "en-US")
    stats = (proj / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    assert stats.splitlines()[4].split()[:2] == ["Total:", "3"]  # three segments
