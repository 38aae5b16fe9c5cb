"""More document inputs (align.formats.documents): bilingual files refused by suffix and
by their root element, Word notes/headers kept or dropped, ODT and RTF through
LibreOffice (skipped without soffice, except under CI=true), CJK radicals folded."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.errors import InputError
from align.formats.documents import read_document, read_lines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"

TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
       '<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>你好。'
       "</seg></tuv></tu></body></tmx>")
XLIFF = ('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:'
         'document:1.2"><file source-language="zh"><body/></file></xliff>')
SDLXLIFF = ('<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/'
            'SdlXliff/1.0" version="1.2"><file/></xliff>')
MQXLIFF = ('<?xml version="1.0" encoding="utf-8"?>\n<!-- memoQ -->\n<xliff xmlns="urn:oasis:'
           'names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2"><file/></xliff>')

BILINGUAL = [
    ("tmx", "memory.tmx", TMX, r"memory\.tmx: is a translation memory \(TMX\), not a document; "
                               r"import it with `align tm add \S*memory\.tmx --tm DB`"),
    ("xlf", "draft.xlf", XLIFF, r"draft\.xlf: is an XLIFF bilingual file, not a document"),
    ("xliff", "draft.xliff", XLIFF, r"is an XLIFF bilingual file"),
    ("sdlxliff", "job.sdlxliff", SDLXLIFF, r"job\.sdlxliff: is a Trados SDLXLIFF bilingual"),
    ("mqxliff", "job.mqxliff", MQXLIFF, r"job\.mqxliff: is a memoQ MQXLIFF bilingual file"),
    ("tmx-renamed", "memory.txt", TMX, r"memory\.txt: is a translation memory \(TMX\)"),
    ("sdlxliff-renamed", "job.xml", SDLXLIFF, r"job\.xml: is a Trados SDLXLIFF"),
    ("mqxliff-renamed-utf16", "job.txt", MQXLIFF, r"job\.txt: is a memoQ MQXLIFF"),
    ("xliff-renamed-html", "page.html", XLIFF, r"page\.html: is an XLIFF bilingual file"),
]


@pytest.mark.parametrize(("name", "text", "message"), [c[1:] for c in BILINGUAL],
                         ids=[c[0] for c in BILINGUAL])
def test_bilingual_files_are_refused(tmp_path: Path, name: str, text: str, message: str
                                     ) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-16") if "utf16" in message or name == "job.txt"
                     else text.encode("utf-8"))
    with pytest.raises(InputError, match=message):
        read_document(path)
    with pytest.raises(InputError, match=message):
        read_lines(path)


def test_cli_refuses_tmx_as_document(tmp_path: Path) -> None:
    tmx = tmp_path / "x.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("Hello.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["pair", str(tmx), str(en)])
    assert r.exit_code == 1
    assert r.output.strip().endswith(f"x.tmx: is a translation memory (TMX), not a document; "
                                     f"import it with `align tm add {tmx} --tm DB`")
    assert len(r.output.strip().splitlines()) == 1


def test_kangxi_radicals_folded_in_any_document(tmp_path: Path) -> None:
    path = tmp_path / "pdf-copy.txt"
    path.write_text("推动⾼质量发展⼤会在2⽉召开，⺠⽣改善。\n", encoding="utf-8")
    assert read_document(path).paragraphs[0].text == "推动高质量发展大会在2月召开，民生改善。"


def _docx_with_notes(path: Path) -> Path:
    ns = f'xmlns:w="{W}" xmlns:r="{R}"'

    def para(text: str, extra: str = "") -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r>{extra}</w:p>"

    body = (para("正文第一段。", '<w:r><w:footnoteReference w:id="2"/></w:r>')
            + para("正文第二段。", '<w:r><w:endnoteReference w:id="1"/></w:r>')
            + '<w:sectPr><w:headerReference w:type="default" r:id="rH"/>'
            '<w:footerReference w:type="default" r:id="rF"/></w:sectPr>')
    notes = (f'<w:footnotes {ns}><w:footnote w:type="separator" w:id="0">{para("—")}'
             f'</w:footnote><w:footnote w:id="2">{para("脚注的文字。")}</w:footnote>'
             "</w:footnotes>")
    endnotes = f'<w:endnotes {ns}><w:endnote w:id="1">{para("尾注的文字。")}</w:endnote></w:endnotes>'
    rels = (f'<Relationships xmlns="{PR}">'
            f'<Relationship Id="rN" Type="{R}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rE" Type="{R}/endnotes" Target="endnotes.xml"/>'
            f'<Relationship Id="rH" Type="{R}/header" Target="header1.xml"/>'
            f'<Relationship Id="rF" Type="{R}/footer" Target="footer1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
        z.writestr("word/_rels/document.xml.rels", rels)
        z.writestr("word/footnotes.xml", notes)
        z.writestr("word/endnotes.xml", endnotes)
        z.writestr("word/header1.xml", f"<w:hdr {ns}>{para('北京市人民政府公报。')}</w:hdr>")
        z.writestr("word/footer1.xml", f"<w:ftr {ns}>{para('第一页，共三页。')}</w:ftr>")
    return path


def test_docx_notes_kept_after_the_body_and_marked(tmp_path: Path) -> None:
    doc = read_document(_docx_with_notes(tmp_path / "notes.docx"))
    assert [p.text for p in doc.paragraphs] == [
        "正文第一段。", "正文第二段。", "脚注的文字。", "尾注的文字。", "北京市人民政府公报。",
        "第一页，共三页。"]
    assert doc.metadata["notes_from"] == "2"
    assert doc.metadata["notes"] == "footnotes 1, endnotes 1, headers/footers 2"


def test_docx_notes_dropped(tmp_path: Path) -> None:
    doc = read_document(_docx_with_notes(tmp_path / "notes.docx"), notes="drop")
    assert [p.text for p in doc.paragraphs] == ["正文第一段。", "正文第二段。"]
    assert "notes" not in doc.metadata and "notes_from" not in doc.metadata


def test_cli_segment_docx_notes_drop(tmp_path: Path) -> None:
    path = _docx_with_notes(tmp_path / "notes.docx")
    r = CliRunner().invoke(app, ["segment", str(path), "--docx-notes", "drop"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["正文第一段。", "正文第二段。"]


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is not installed; CI must run it")
        pytest.skip("needs LibreOffice (soffice)")
    return exe


def test_odt_read_through_libreoffice(tmp_path: Path) -> None:
    exe = _soffice()
    txt = tmp_path / "speech.txt"
    txt.write_text("推动高质量发展。\n\n要加快发展新质生产力，扎实推进。\n", encoding="utf-8")
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(txt)],
                   capture_output=True, timeout=300, check=True)
    doc = read_document(tmp_path / "speech.odt")
    assert [p.text for p in doc.paragraphs] == ["推动高质量发展。", "要加快发展新质生产力，扎实推进。"]
    assert doc.metadata["format"] == "odt"


RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}"
       "\n" r"\f0 The plan was approved on Monday.\par" "\n"
       r"Officials said it has twelve steps.\par" "\n"
       r"\u39640?\u36136?\u37327?\u21457?\u23637?\u12290?\par}")


@pytest.mark.parametrize("name", ["plan.rtf", "plan-rtf.txt"])
def test_rtf_read_through_libreoffice(tmp_path: Path, name: str) -> None:
    _soffice()
    path = tmp_path / name
    path.write_text(RTF, encoding="ascii")
    doc = read_document(path, "en")
    assert [p.text for p in doc.paragraphs] == [
        "The plan was approved on Monday.", "Officials said it has twelve steps.", "高质量发展。"]
    assert doc.metadata["format"] == "rtf"


def test_odt_without_libreoffice_is_one_line(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.odt"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    with pytest.raises(InputError, match=r"a\.odt: reading ODT files needs LibreOffice \(the "
                                         r"program soffice\), which is not installed") as e:
        read_document(path)
    assert "\n" not in str(e.value)
