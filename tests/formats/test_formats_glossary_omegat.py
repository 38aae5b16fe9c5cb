"""OmegaT (Debian package ``omegat``) reads our glossaries with its own readers.

OmegaT's console mode does not load glossaries (they feed the GUI's glossary pane), so
the test runs OmegaT's glossary readers themselves (``GlossaryReaderTSV`` for the
OmegaT tab-separated glossary, ``GlossaryReaderTBX`` for TBX, which needs a project
for its languages) through a small Java program on OmegaT's class path, and checks
that every term, variant and comment arrives. A console-translate run of a project
whose ``glossary/`` folder holds our files must also finish cleanly. Skipped when
OmegaT or a JDK is missing, except under CI=true, where that fails (see
tests/omegat_kit.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from omegat_kit import OmegaT, make_project, need_omegat

from align.formats.glossary import write_glossary
from align.formats.glossary_omegat import omegat_lines
from align.types import Glossary, Term

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


def _run_reader(omegat: OmegaT, kind: str, path: Path) -> subprocess.CompletedProcess[str]:
    """OmegaT's ``kind`` glossary reader ("tsv", "tbx") run on ``path``."""
    src = path.parent / "ReadGlossary.java"
    src.write_text(READER, encoding="utf-8")
    return omegat.run_java(src, kind, str(path))


def _omegat_read(omegat: OmegaT, kind: str, path: Path) -> list[tuple[str, ...]]:
    done = _run_reader(omegat, kind, path)
    assert done.returncode == 0, done.stdout + done.stderr
    return [tuple(line.split("\t")) for line in done.stdout.splitlines()]


def test_omegat_reads_our_omegat_glossary(tmp_path: Path) -> None:
    omegat = need_omegat()
    p = tmp_path / "g" / "glossary.txt"
    p.parent.mkdir()
    write_glossary(GLOSSARY, p)
    want = [tuple((line + [""])[:3]) for t in GLOSSARY.terms for line in omegat_lines(t)]
    assert _omegat_read(omegat, "tsv", p) == want
    assert ("新质生产力", "new quality productive forces",
            "Official English since 2023; Do not use: new-type productive forces") in want


def test_omegat_reads_our_tbx_v2(tmp_path: Path) -> None:
    omegat = need_omegat()
    p = tmp_path / "g" / "glossary.tbx"
    p.parent.mkdir()
    write_glossary(GLOSSARY, p)
    got = {(src, tgt) for src, tgt, _ in _omegat_read(omegat, "tbx", p)}
    want = {(z, e) for t in GLOSSARY.terms for z in t.zh_forms
            for e in (*t.en_forms, *t.deprecated)}
    assert got == want


def test_omegat_refuses_tbx_v3(tmp_path: Path) -> None:
    """Why v2 is the default: OmegaT 3.6 cannot read TBX-Basic 2019 (issue 11)."""
    omegat = need_omegat()
    p = tmp_path / "g" / "glossary.tbx"
    p.parent.mkdir()
    write_glossary(GLOSSARY, p, tbx_flavour="v3")
    done = _run_reader(omegat, "tbx", p)
    assert done.returncode != 0 or done.stdout.strip() == ""


def test_omegat_project_with_our_glossaries_translates(tmp_path: Path) -> None:
    omegat = need_omegat()
    proj = make_project(tmp_path)
    (proj / "source" / "new.txt").write_text("要加快发展新质生产力。\n", encoding="utf-8")
    write_glossary(GLOSSARY, proj / "glossary" / "glossary.txt")
    write_glossary(GLOSSARY, proj / "glossary" / "beijing.tbx")
    omegat.console_translate(proj)
    assert (proj / "target" / "new.txt").read_text(encoding="utf-8") == "要加快发展新质生产力。\n"
