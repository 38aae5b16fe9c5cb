"""OmegaT (Debian package ``omegat``) loads our TMX in console mode and uses it:
the TMX is put in the project's ``tm/auto`` folder, whose exact matches OmegaT
inserts, and the translated document must equal the TMX targets. Runs whenever OmegaT
is installed (a JVM start, ~2 s); skipped when it is not, except under CI=true, where a
missing OmegaT fails (``.ci/run`` installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from align.formats.tmx.writer import write_tmx
from align.types import TranslationUnit

JARS = (Path("/usr/share/omegat/OmegaT.jar"), Path("/opt/omegat/OmegaT.jar"))


def omegat_command() -> list[str] | None:
    """The command that starts OmegaT: the ``omegat`` launcher, or its jar run by java."""
    if exe := shutil.which("omegat"):
        return [exe]
    java = shutil.which("java")
    jar = next((j for j in JARS if j.is_file()), None)
    return [java, "-jar", str(jar)] if java and jar else None


@pytest.fixture
def omegat() -> list[str]:
    command = omegat_command()
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail("OmegaT is not installed; CI must run it (apt-get install omegat)")
        pytest.skip("needs OmegaT (apt-get install omegat)")
    return command

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

PAIRS = [("我们要坚持改革开放。", "We must stay committed to reform and opening up."),
         ("甲 & 乙 < 丙 > 丁", "A & B < C > D"),
         ("𠀀第三句😀“引号”。", 'Third "sentence" 😀.')]


def test_omegat_console_translate_uses_our_tmx(tmp_path: Path, omegat: list[str]) -> None:
    proj = tmp_path / "proj"
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (proj / d).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (proj / "source" / "new.txt").write_text("\n\n".join(s for s, _ in PAIRS) + "\n",
                                             encoding="utf-8")
    write_tmx(proj / "tm" / "auto" / "zhen.tmx", [TranslationUnit(s, t) for s, t in PAIRS])
    done = subprocess.run([*omegat, str(proj), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Reading of TMX file complete" in done.stdout + done.stderr
    out = (proj / "target" / "new.txt").read_text(encoding="utf-8")
    assert [p.strip() for p in out.split("\n\n") if p.strip()] == [t for _, t in PAIRS]
