"""LibreOffice (Debian package ``libreoffice-calc``) opens the workbook ``align pair``
writes, and a copy a translator edited (two rows merged, a typo fixed) and saved
through LibreOffice reads back with the change (issue 9: the XLSX round trip of LF
Aligner users). Runs whenever ``soffice`` is installed; skipped when it is not, except
under CI=true, where a missing LibreOffice fails (``.ci/run`` installs it). Each
conversion gets its own LibreOffice profile, so parallel runs never share one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.formats.alignment import read_alignment

ZH = ["北京是中国的首都。", "上海有两千四百万人口。", "我们在二〇二四年开了三次会。",
      "会议讨论了经济发展。", "大家都同意这个计划。"]
EN = ["Beijing is the capital of China.", "Shanghai has 24 milion people.",
      "We held three meetings in 2024.", "The meeting discussed economic development.",
      "Everyone agreed to this plan."]


@pytest.fixture
def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is not installed; CI must run it "
                        "(apt-get install libreoffice-calc)")
        pytest.skip("needs LibreOffice (apt-get install libreoffice-calc)")
    return exe


def convert(soffice: str, src: Path, to: str, outdir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to TO`` with its own profile; the file written."""
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", to, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=300)
    out = outdir / f"{src.stem}.{to}"
    assert out.is_file(), f"LibreOffice wrote no {out.name}"
    return out


@pytest.fixture
def pair_xlsx(tmp_path: Path) -> Path:
    """The workbook ``align pair`` writes for five sentence pairs."""
    zh, en, out = tmp_path / "zh.txt", tmp_path / "en.txt", tmp_path / "pair.xlsx"
    zh.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["pair", str(zh), str(en), "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_pair_xlsx_converts_to_pdf(tmp_path: Path, soffice: str, pair_xlsx: Path) -> None:
    from pypdf import PdfReader

    pdf = convert(soffice, pair_xlsx, "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    lines = [line.strip() for line in text.splitlines()]
    assert "1 北京是中国的首都。" in lines  # bead 1 beside its Chinese
    assert "Everyone agreed to this plan." in lines
    assert "Shanghai has 24 milion people." in lines


def test_edited_copy_saved_by_libreoffice_reads_back(tmp_path: Path, soffice: str,
                                                      pair_xlsx: Path) -> None:
    """A translator merges rows 4 and 5 (beads 3 and 4 belong together), fixes the
    typo in bead 2 and confirms bead 1, then LibreOffice saves the workbook again."""
    from openpyxl import load_workbook

    wb = load_workbook(pair_xlsx)
    ws = wb.active
    assert [c.value for c in ws[1]][:3] == ["#", "zh", "en"]
    ws["C3"] = "Shanghai has 24 million people."
    ws["B4"] = ws["B4"].value + ws["B5"].value
    ws["C4"] = ws["C4"].value + " " + ws["C5"].value
    ws.delete_rows(5)
    ws["F2"] = "confirmed"
    (tmp_path / "edited").mkdir()
    edited = tmp_path / "edited" / "pair.xlsx"
    wb.save(edited)
    saved = convert(soffice, edited, "xlsx", tmp_path / "saved", tmp_path / "profile")
    assert saved.read_bytes() != edited.read_bytes()  # LibreOffice wrote it anew

    back = read_alignment(saved)
    assert [(b.kind, b.status) for b in back.beads] == [
        ("1-1", "confirmed"), ("1-1", "unreviewed"), ("1-1", "unreviewed"),
        ("1-1", "unreviewed")]
    assert [(s, t) for _, s, t in back.pairs()] == [
        (ZH[0], EN[0]), (ZH[1], "Shanghai has 24 million people."),
        (ZH[2] + ZH[3], EN[2] + " " + EN[3]), (ZH[4], EN[4])]

    glossary = tmp_path / "g.tsv"  # the term is in bead 1 on both sides
    glossary.write_text("zh\ten\n北京\tBeijing\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(saved), "-g", str(glossary)])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == "0 error(s), 0 warning(s), 0 info"
