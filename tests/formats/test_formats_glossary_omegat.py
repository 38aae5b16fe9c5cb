"""OmegaT (Debian package ``omegat``) reads our glossaries with its own readers.

OmegaT's console mode does not load glossaries (they feed the GUI's glossary pane), so
the test runs OmegaT's glossary readers themselves (``GlossaryReaderTSV`` for the
OmegaT tab-separated glossary, ``GlossaryReaderTBX`` for TBX, which needs a project
for its languages) through a small Java program on OmegaT's class path, and checks
that every term, variant and comment arrives. A console-translate run of a project
whose ``glossary/`` folder holds our files must also finish cleanly. Skipped when
OmegaT or a JDK is missing, except under CI=true, where that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from align.formats.glossary import write_glossary
from align.formats.glossary_omegat import omegat_lines
from align.types import Glossary, Term

JAR = Path("/usr/share/omegat/OmegaT.jar")

READER = """
import java.io.File;
import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.*;
public class ReadGlossary {
    public static void main(String[] a) throws Exception {
        File f = new File(a[1]);
        ProjectProperties props = new ProjectProperties(f.getAbsoluteFile().getParentFile());
        props.setSourceLanguage("zh-CN");
        props.setTargetLanguage("en-US");
        Core.setProject(new NotLoadedProject() {
            @Override public ProjectProperties getProjectProperties() { return props; }
        });
        java.util.List<GlossaryEntry> es = a[0].equals("tbx") ? GlossaryReaderTBX.read(f, false)
                                                             : GlossaryReaderTSV.read(f, false);
        for (GlossaryEntry e : es)
            System.out.println(e.getSrcText() + "\\t" + e.getLocText() + "\\t"
                               + e.getCommentText().replace("\\n", " / "));
    }
}
"""

GLOSSARY = Glossary((
    Term("新质生产力", "new quality productive forces", variants=("new productive forces",),
         deprecated=("new-type productive forces",), note="Official English since 2023",
         id="bj-001"),
    Term("七有", "Seven accesses", zh_variants=("“七有”",),
         variants=("social services in seven aspects",), id="bj-005"),
    Term("𠀀字", "A & B <C>", id="x"),
))


@pytest.fixture
def java() -> str:
    exe = shutil.which("java")
    if exe is None or not JAR.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("OmegaT and a JDK are not installed; CI must run them "
                        "(apt-get install omegat)")
        pytest.skip("needs OmegaT and a JDK (apt-get install omegat)")
    return exe


def _omegat_read(java: str, kind: str, path: Path) -> list[tuple[str, ...]]:
    src = path.parent / "ReadGlossary.java"
    src.write_text(READER, encoding="utf-8")
    done = subprocess.run([java, "-Djava.awt.headless=true", "-cp", str(JAR), str(src), kind,
                           str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return [tuple(line.split("\t")) for line in done.stdout.splitlines()]


def test_omegat_reads_our_omegat_glossary(tmp_path: Path, java: str) -> None:
    p = tmp_path / "g" / "glossary.txt"
    p.parent.mkdir()
    write_glossary(GLOSSARY, p)
    want = [tuple((line + [""])[:3]) for t in GLOSSARY.terms for line in omegat_lines(t)]
    assert _omegat_read(java, "tsv", p) == want
    assert ("新质生产力", "new quality productive forces",
            "Official English since 2023; Do not use: new-type productive forces") in want


def test_omegat_reads_our_tbx_v2(tmp_path: Path, java: str) -> None:
    p = tmp_path / "g" / "glossary.tbx"
    p.parent.mkdir()
    write_glossary(GLOSSARY, p)
    got = {(src, tgt) for src, tgt, _ in _omegat_read(java, "tbx", p)}
    want = {(z, e) for t in GLOSSARY.terms for z in t.zh_forms
            for e in (*t.en_forms, *t.deprecated)}
    assert got == want


def test_omegat_refuses_tbx_v3(tmp_path: Path, java: str) -> None:
    """Why v2 is the default: OmegaT 3.6 cannot read TBX-Basic 2019 (issue 11)."""
    p = tmp_path / "g" / "glossary.tbx"
    p.parent.mkdir()
    write_glossary(GLOSSARY, p, tbx_flavour="v3")
    src = p.parent / "ReadGlossary.java"
    src.write_text(READER, encoding="utf-8")
    done = subprocess.run([java, "-Djava.awt.headless=true", "-cp", str(JAR), str(src), "tbx",
                           str(p)], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 or done.stdout.strip() == ""


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


def test_omegat_project_with_our_glossaries_translates(tmp_path: Path, java: str) -> None:
    proj = tmp_path / "proj"
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (proj / d).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (proj / "source" / "new.txt").write_text("要加快发展新质生产力。\n", encoding="utf-8")
    write_glossary(GLOSSARY, proj / "glossary" / "glossary.txt")
    write_glossary(GLOSSARY, proj / "glossary" / "beijing.tbx")
    done = subprocess.run([java, "-Djava.awt.headless=true", "-jar", str(JAR), str(proj),
                           "--mode=console-translate"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (proj / "target" / "new.txt").read_text(encoding="utf-8") == "要加快发展新质生产力。\n"
