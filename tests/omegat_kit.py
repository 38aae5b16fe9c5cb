"""Test-only kit for the tests that run OmegaT (Debian package ``omegat``) on our
files: finding it (skipped when it is missing, except under CI=true, where a missing
OmegaT fails: ``.ci/run`` installs it), a zh-CN -> en-US project, and OmegaT's
console-translate run and its Java classes."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Where Debian (and a manual install) put OmegaT.
JARS = (Path("/usr/share/omegat/OmegaT.jar"), Path("/opt/omegat/OmegaT.jar"))
#: OmegaT needs no display in console mode, nor do its classes.
HEADLESS = "-Djava.awt.headless=true"

#: A project zh-CN -> en-US in the default folders, one segment per paragraph.
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
#: The folders of a project.
FOLDERS = ("source", "target", "tm/auto", "glossary", "dictionary", "omegat")


@dataclass(frozen=True)
class OmegaT:
    """An installed OmegaT: the ``java`` to run it with and its jar."""

    java: str
    jar: Path

    def console_translate(self, project: Path) -> str:
        """Run ``--mode=console-translate`` on ``project`` (the target files go to
        its ``target/``); asserts it succeeds and returns its stdout and stderr."""
        done = subprocess.run([self.java, HEADLESS, "-jar", str(self.jar), str(project),
                               "--mode=console-translate"], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def run_java(self, source: Path, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the single-file Java program ``source`` with OmegaT's classes."""
        return subprocess.run([self.java, HEADLESS, "-cp", str(self.jar), str(source), *args],
                              capture_output=True, text=True, timeout=300)


def need_omegat() -> OmegaT:
    """The installed OmegaT; skips the test when it (or java) is missing, fails it
    under CI=true."""
    java = shutil.which("java")
    jar = next((j for j in JARS if j.is_file()), None)
    if java is None or jar is None:
        if os.environ.get("CI") == "true":
            pytest.fail("OmegaT and a JDK are not installed; CI must run them "
                        "(apt-get install omegat)")
        pytest.skip("needs OmegaT and a JDK (apt-get install omegat)")
    return OmegaT(java, jar)


def make_project(base: Path) -> Path:
    """An empty OmegaT project (:data:`PROJECT`, its :data:`FOLDERS`) in ``base/proj``."""
    proj = base / "proj"
    for d in FOLDERS:
        (proj / d).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT, encoding="utf-8")
    return proj
