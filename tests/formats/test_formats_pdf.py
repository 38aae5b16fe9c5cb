"""PDF documents (align.formats.documents.pdf, .running): the Beijing report printed
to PDF by Chromium (running title/date header, URL and "1/2" footer on every page,
Kangxi radicals in the text layer) and by LibreOffice segments into exactly the
sentences of the .txt; scanned and broken PDFs are refused in one line.

The PDFs are made by the Debian programs chromium and soffice (LibreOffice) with
fonts-noto-cjk; the tests skip when one is missing, except under CI=true, where they
fail (.ci/run installs them)."""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from align.errors import InputError
from align.formats.documents import read_document
from align.formats.documents.pdf import _join
from align.formats.documents.running import running_lines
from align.text.segment import segment_document


def _program(*names: str) -> str:
    for name in names:
        if exe := shutil.which(name):
            return exe
    if os.environ.get("CI") == "true":
        pytest.fail(f"{names[0]} is not installed; CI must run it")
    pytest.skip(f"needs {names[0]}")


def _chromium_pdf(txt: Path, out: Path) -> Path:
    exe = _program("chromium", "chromium-browser", "google-chrome")
    body = "".join(f"<p>{html.escape(line)}</p>\n"
                   for line in txt.read_text(encoding="utf-8").splitlines() if line.strip())
    page = out.with_suffix(".html")
    page.write_text(f'<!doctype html><html><head><meta charset="utf-8"><title>{out.stem}'
                    f"</title></head><body>{body}</body></html>", encoding="utf-8")
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--print-to-pdf={out}", str(page)], capture_output=True, timeout=180,
                   check=True)
    return out


def _soffice_pdf(txt: Path, folder: Path) -> Path:
    exe = _program("soffice", "libreoffice")
    folder.mkdir(exist_ok=True)
    subprocess.run([exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(txt)],
                   capture_output=True, timeout=300, check=True)
    return folder / (txt.stem + ".pdf")


@pytest.fixture(scope="module")
def beijing_pdfs(beijing_dir: Path, tmp_path_factory: pytest.TempPathFactory
                 ) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("pdf")
    zh, en = beijing_dir / "zh.txt", beijing_dir / "en.raw.txt"
    return {"zh-chromium": _chromium_pdf(zh, tmp / "zh.pdf"),
            "en-chromium": _chromium_pdf(en, tmp / "en.pdf"),
            "zh-soffice": _soffice_pdf(zh, tmp / "lo"),
            "en-soffice": _soffice_pdf(en, tmp / "lo")}


def _sentences(path: Path) -> list[str]:
    return [s.text for s in segment_document(read_document(path))]


@pytest.mark.parametrize("name", ["zh-chromium", "zh-soffice", "en-chromium", "en-soffice"])
def test_beijing_pdf_gives_the_sentences_of_the_text(name: str, beijing_dir: Path,
                                                     beijing_pdfs: dict[str, Path]) -> None:
    txt = beijing_dir / ("zh.txt" if name.startswith("zh") else "en.raw.txt")
    got, want = _sentences(beijing_pdfs[name]), _sentences(txt)
    assert len(got) == len(want) == (56 if name.startswith("zh") else 78)
    assert got == want
    text = "".join(got)
    assert not any(0x2E80 <= ord(c) <= 0x2FDF or 0xF900 <= ord(c) <= 0xFAFF for c in text)
    assert "file://" not in text and "PM" not in text.split()


def test_chromium_pdf_sample_sentences_and_furniture(beijing_pdfs: dict[str, Path]) -> None:
    doc = read_document(beijing_pdfs["zh-chromium"])
    sents = [s.text for s in segment_document(doc)]
    assert sents[0] == ("2月19日上午，2024年全市推动高质量发展大会召开，进一步动员全市各级干部，"
                        "部署推动各方面工作。")
    assert sents[-1] == ("市委、市政府领导，市人大常委会、市政府、市政协秘书长，各有关部门、单位、"
                         "人民团体、国有企业和金融机构主要负责同志，各区、北京经济技术开发区、"
                         "各街道（乡镇）负责同志参加会议。")
    assert doc.metadata["running"] == "4"  # date/title header and URL "n/2" footer, 2 pages
    assert doc.metadata["title"] == "全市推动高质量发展大会召开"
    en = [s.text for s in segment_document(read_document(beijing_pdfs["en-chromium"]))]
    assert "new-type infrastructure and power batteries" in " ".join(en)


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    Image.new("L", (40, 20), 128).save(buf, "PNG")
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 50, 500, 400, 200)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match=r"scan\.pdf: it has no text layer \(a scanned "
                                         r"document\?\); run OCR on it first") as e:
        read_document(path)
    assert "\n" not in str(e.value)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage that is no PDF at all \n")
    with pytest.raises(InputError, match=r"x\.pdf: is not a readable PDF"):
        read_document(path)


def test_encrypted_pdf_says_so(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from reportlab.pdfgen import canvas

    plain = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(plain))
    c.drawString(100, 750, "Beijing is the capital.")
    c.save()
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(InputError) as e:
        read_document(path)
    assert str(e.value) == ("locked.pdf: the PDF is encrypted; save an unprotected copy "
                            "(or its text)").replace("locked.pdf", str(path))


def test_empty_pdf_says_empty(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError) as e:
        read_document(path)
    assert str(e.value) == f"{path}: the file is empty (0 bytes); give a PDF with text in it"


PAGES = [
    ["12/1/26, 11:20 PM Annual report", "First body line of page one.", "Body two.",
     "file:///tmp/report.html 1/3"],
    ["12/1/26, 11:20 PM Annual report", "Page two starts here.", "More text.",
     "file:///tmp/report.html 2/3"],
    ["12/1/26, 11:20 PM Annual report", "Third page text.", "Page 3 of 3"],
]


def test_running_lines_by_repetition() -> None:
    # header on all pages; footer "n/3" on two of three pages (40 % is enough);
    # "Page 3 of 3" stands alone: not repeated, and has letters, so it stays
    assert running_lines(PAGES) == {(0, 0), (1, 0), (2, 0), (0, 3), (1, 3)}


def test_running_lines_page_numbers_and_body() -> None:
    pages = [["- 1 -", "Unique text.", "Same line."], ["Other text.", "Same line.", "2"],
             ["Third.", "Middle.", "End."]]
    # "Same line." repeats but not at the same place from the edge on most pages
    assert running_lines(pages) == {(0, 0), (1, 2)}
    assert running_lines([["Only one page.", "7"]]) == {(0, 1)}


@pytest.mark.parametrize(("lines", "expected"), [
    (["高质量发展是新时代", "的硬道理。"], "高质量发展是新时代的硬道理。"),
    (["2024年", "全市推动"], "2024年全市推动"),
    (["the 2024", "conference"], "the 2024 conference"),
    (["economic develop-", "ment is key"], "economic development is key"),
    (["small and medium-", "sized firms"], "small and medium-sized firms"),
    (["the Beijing-Tianjin-", "Hebei region"], "the Beijing-Tianjin-Hebei region"),
    (["a well-", "known fact"], "a well-known fact"),
], ids=["zh", "zh-digit", "en", "hyphenation", "compound", "capital", "known-compound"])
def test_join_lines(lines: list[str], expected: str) -> None:
    assert _join(lines, {"well", "known"}) == expected


def test_running_page_of_pages_footer() -> None:
    pages = [[body, more, f"Page {k} of 3"] for k, (body, more) in enumerate(
        (("First page.", "Alpha."), ("Second page.", "Beta."), ("Third page.", "Gamma.")), 1)]
    assert running_lines(pages) == {(0, 2), (1, 2), (2, 2)}
