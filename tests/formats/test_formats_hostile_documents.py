"""Hostile and unlucky documents (issue 12, items 3, 6, 9, 11, 12, 20): deep HTML,
parser safety limits, DOCX decompression bombs, mojibake pages, UTF-16 without a
byte-order mark, Strict Open XML, footnotes, headers, text boxes and entities."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.errors import FormatError, InputError
from align.formats.documents import docx as docx_module
from align.formats.documents import read_document
from align.formats.documents.docx import read_docx
from align.formats.documents.html import read_html
from align.formats.glossary import read_glossary
from align.formats.tmx.reader import read_tmx

runner = CliRunner()

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx(path: Path, body: str, *, w: str = W, r: str = R,
          parts: dict[str, str] | None = None, rels: dict[str, tuple[str, str]] | None = None,
          prolog: str = "") -> Path:
    """A .docx with ``body`` inside <w:body>; ``parts`` name -> XML; ``rels`` id ->
    (relationship type's last word, target)."""
    doc = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{w}" '
           f'xmlns:r="{r}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
           f'2006"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", doc)
        for name, xml in (parts or {}).items():
            z.writestr(name, xml)
        if rels:
            z.writestr("word/_rels/document.xml.rels",
                       '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       'relationships">' + "".join(
                           f'<Relationship Id="{i}" Type="{r}/{kind}" Target="{target}"/>'
                           for i, (kind, target) in rels.items()) + "</Relationships>")
    return path


def _texts(path: Path) -> list[str]:
    return [ln.text for ln in read_docx(path, max_bytes=10**8)[0]]


# -- item 3: deep HTML, and every parser's safety limits ---------------------------

def _deep_page(n: int) -> str:
    return ("<html><body>" + "".join(f"<span>这是第{i}句。<br>" for i in range(n))
            + "</body></html>")


def test_html_nested_300_deep_is_read_completely(tmp_path: Path) -> None:
    page = tmp_path / "s.html"
    page.write_text(_deep_page(300), encoding="utf-8")
    r = runner.invoke(app, ["segment", str(page)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert len(lines) == 300
    assert (lines[0], lines[-1]) == ("这是第0句。", "这是第299句。")


def test_html_beyond_the_depth_limit_is_refused_not_cut(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep_page(2100), encoding="utf-8")
    with pytest.raises(FormatError, match=r"deep\.html:1: cannot be read completely: the "
                                          r"parser stopped at a safety limit \(Excessive depth"):
        read_document(page)


def test_html_text_node_over_10_mb_is_read() -> None:
    # libxml2 without huge_tree returned an empty page for a text node over 10 MB
    words = "word " * 2_100_000
    content = read_html(f"<html><body><p>{words}</p><p>The last one.</p></body></html>")
    assert [len(ln.text) for ln in content.lines] == [len(words) - 1, len("The last one.")]


@pytest.mark.parametrize(("name", "xml", "read"), [
    ("deep.tbx", "<tbx>" + "<x>" * 300 + "</x>" * 300 + "</tbx>", read_glossary),
    ("deep.tmx", '<tmx version="1.4"><header/><body>' + "<x>" * 300 + "</x>" * 300
     + "</body></tmx>", lambda p: list(read_tmx(p))),
], ids=["tbx", "tmx"])
def test_xml_readers_name_the_safety_limit(tmp_path: Path, name: str, xml: str,
                                           read: object) -> None:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(FormatError, match=rf"{name}:1: cannot be read completely: the parser "
                                          r"stopped at a safety limit \(Excessive depth"):
        read(path)  # type: ignore[operator]


def test_docx_over_the_depth_limit_is_refused(tmp_path: Path) -> None:
    path = _docx(tmp_path / "deep.docx", "<w:p>" + "<w:r>" * 300 + "</w:r>" * 300 + "</w:p>")
    with pytest.raises(FormatError, match=r"word/document\.xml: cannot be read completely.*"
                                          r"Excessive depth"):
        read_docx(path, max_bytes=10**8)


# -- item 6: DOCX decompression bombs ---------------------------------------------

def _bomb(path: Path, empty: int, *, unit: bytes = b"<w:p/>") -> Path:
    head = f'<w:document xmlns:w="{W}"><w:body>{_p("这是正文。")}'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w") as f:
            f.write(head)
            for _ in range(empty // 10_000):
                f.write(unit * 10_000)
            f.write(f"{_p('结束。')}</w:body></w:document>".encode())
    return path


_UNDER_LIMIT = textwrap.dedent("""
    import resource, sys
    limit = int(sys.argv[2]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from align.formats.documents.docx import read_docx
    lines, _ = read_docx(sys.argv[1], max_bytes=200 * 2**20)
    print([ln.text for ln in lines])
""")


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_docx_bomb_streams_in_bounded_memory(tmp_path: Path) -> None:
    # 1,000,000 empty paragraphs (6 MB of XML in a 9 KB zip): the whole tree took
    # 156 MB of address space; streamed, the reader stays near 30 MB.
    path = _bomb(tmp_path / "bomb.docx", 1_000_000)
    assert path.stat().st_size < 100_000
    r = subprocess.run([sys.executable, "-c", _UNDER_LIMIT, str(path), "120"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "['这是正文。', '结束。']"


def test_docx_bomb_over_the_paragraph_limit_is_refused(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_module, "MAX_PARAGRAPHS", 5_000)
    path = _bomb(tmp_path / "bomb.docx", 20_000)
    with pytest.raises(InputError, match=r"bomb\.docx: the document holds more than 5,000 "
                                         r"paragraphs; .*decompression bomb"):
        read_document(path)


def test_docx_junk_without_paragraph_ends_is_refused(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_module, "WINDOW_TAGS", 5_000)
    path = _bomb(tmp_path / "junk.docx", 50_000, unit=b'<w:bookmarkEnd w:id="0"/>')
    with pytest.raises(InputError, match=r"word/document\.xml holds more than 5,000 XML "
                                         r"elements without a paragraph end"):
        read_document(path)


def test_docx_many_paragraphs_read_in_order(tmp_path: Path) -> None:
    # more than one round of freeing finished elements, inside a table too
    cells = "".join(f"<w:tr><w:tc>{_p(f'第{i}格。')}</w:tc></w:tr>" for i in range(600))
    body = "".join(_p(f"第{i}段。") for i in range(700)) + f"<w:tbl>{cells}</w:tbl>"
    texts = _texts(_docx(tmp_path / "many.docx", body))
    assert texts == [f"第{i}段。" for i in range(700)] + [f"第{i}格。" for i in range(600)]


def test_docx_text_boxes_with_tables_read_once_in_place(tmp_path: Path) -> None:
    # a text box holding an empty paragraph and a table, in each of 300 paragraphs:
    # freeing finished elements must never reach into a paragraph still being read
    box = (f"<w:txbxContent><w:p/><w:tbl><w:tr><w:tc>{_p('框{i}。')}</w:tc></w:tr></w:tbl>"
           "</w:txbxContent>")
    body = "".join(f"<w:p><w:r><w:t>前{i}，</w:t></w:r><w:r><w:pict>{box.format(i=i)}</w:pict>"
                   f"</w:r><w:r><w:t>后{i}。</w:t></w:r></w:p>" for i in range(300))
    texts = _texts(_docx(tmp_path / "boxes.docx", body))
    assert texts == [t for i in range(300) for t in (f"前{i}，后{i}。", f"框{i}。")]


# -- item 9: a page whose <meta charset> is wrong -----------------------------------

def test_utf8_page_declaring_latin1_is_read_as_utf8(tmp_path: Path) -> None:
    page = tmp_path / "moj.html"
    page.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>这是第一句话。'
                     "这是第二句话。</p></body></html>".encode())
    doc = read_document(page)
    assert [p.text for p in doc.paragraphs] == ["这是第一句话。这是第二句话。"]
    assert (doc.lang, doc.metadata["encoding"]) == ("zh", "utf-8")


def test_gbk_page_declaring_latin1_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "gbk.html"
    page.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>北京市推动高质量'
                     "发展，加快发展新质生产力。</p></body></html>".encode("gbk"))
    with pytest.raises(InputError, match=r"gbk\.html: the page declares charset iso8859-1, "
                                         r"but its bytes read as Chinese in GB18030/GBK"):
        read_document(page)


def test_latin1_page_declaring_latin1_stays_latin1(tmp_path: Path) -> None:
    page = tmp_path / "fr.html"
    page.write_bytes(b'<html><head><meta charset="iso-8859-1"></head><body><p>Le caf\xe9 '
                     b"est tr\xe8s bon. C'est la v\xe9rit\xe9.</p></body></html>")
    doc = read_document(page, "en")
    assert [p.text for p in doc.paragraphs] == ["Le café est très bon. C'est la vérité."]


# -- item 11: UTF-16 without a byte-order mark ------------------------------------

@pytest.mark.parametrize(("codec", "text"), [
    ("utf-16-le", "这是第一句话。\n这是第二句话。\n"),
    ("utf-16-be", "这是第一句话。\n这是第二句话。\n"),
    ("utf-16-le", "一是加强领导；二是完善制度。"),  # no line end: 一 (U+4E00) holds the NUL
    ("utf-16-le", "The first sentence. The second one.\n"),
], ids=["zh-le", "zh-be", "zh-le-one-line", "en-le"])
def test_utf16_without_bom_is_detected(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(text.encode(codec))
    doc = read_document(path)
    assert doc.metadata["encoding"] == codec
    assert [p.text for p in doc.paragraphs] == [t for t in text.split("\n") if t]


def test_binary_with_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="looks binary"):
        read_document(path)


# -- item 12: Strict Open XML -----------------------------------------------------

def test_strict_open_xml_docx_is_read(tmp_path: Path) -> None:
    path = _docx(tmp_path / "strict.docx", _p("严格格式的正文。") + _p("第二段。"),
                 w=W_STRICT, r=R_STRICT)
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == ["严格格式的正文。", "第二段。"]


# -- item 20: notes, headers, footers, text boxes, entities ------------------------

_NOTES = ('<w:{k}s xmlns:w="{w}"><w:{k} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
          '</w:r></w:p></w:{k}><w:{k} w:id="1">{one}</w:{k}><w:{k} w:id="2">{two}</w:{k}>'
          "</w:{k}s>")


@pytest.mark.parametrize(("w", "r"), [(W, R), (W_STRICT, R_STRICT)], ids=["transitional",
                                                                            "strict"])
def test_docx_notes_headers_and_text_boxes(tmp_path: Path, w: str, r: str) -> None:
    box = f"<w:txbxContent>{_p('文本框里的字。')}</w:txbxContent>"
    body = (
        '<w:p><w:r><w:t>第一段。</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
        "<w:p><w:r><w:t>第二段，</w:t></w:r><w:r><mc:AlternateContent><mc:Choice "
        f'Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>锚点之后。</w:t></w:r>"
        '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r>'
        f"</w:p><w:tbl><w:tr><w:tc>{_p('表格。')}</w:tc></w:tr></w:tbl>"
        '<w:sectPr><w:headerReference w:type="default" r:id="h"/><w:footerReference '
        'w:type="default" r:id="f"/></w:sectPr>')
    parts = {
        "word/footnotes.xml": _NOTES.format(k="footnote", w=w, one=_p("脚注一。"),
                                            two=_p("脚注二。")),
        "word/endnotes.xml": _NOTES.format(k="endnote", w=w, one=_p("尾注一。"),
                                           two=_p("尾注二。")),
        "word/header1.xml": f'<w:hdr xmlns:w="{w}">{_p("页眉。")}</w:hdr>',
        "word/footer1.xml": f'<w:ftr xmlns:w="{w}">{_p("页脚。")}</w:ftr>',
    }
    rels = {"n": ("footnotes", "footnotes.xml"), "e": ("endnotes", "endnotes.xml"),
            "h": ("header", "header1.xml"), "f": ("footer", "footer1.xml")}
    texts = _texts(_docx(tmp_path / "x.docx", body, w=w, r=r, parts=parts, rels=rels))
    assert texts == ["第一段。", "第二段，锚点之后。", "文本框里的字。", "表格。",
                     "脚注二。", "脚注一。",  # in the order the body refers to them
                     "尾注一。", "尾注二。", "页眉。", "页脚。"]


def test_docx_text_after_an_undefined_entity_is_kept(tmp_path: Path) -> None:
    path = _docx(tmp_path / "ent.docx",
                 "<w:p><w:r><w:t>前面&amp;&foo;后面&nbsp;结尾。</w:t></w:r></w:p>",
                 prolog='<!DOCTYPE w:document SYSTEM "word.dtd">')
    assert _texts(path) == ["前面&&foo;后面\u00a0结尾。".replace("\u00a0", " ")]


def test_docx_entity_declarations_still_refused(tmp_path: Path) -> None:
    path = _docx(tmp_path / "xxe.docx", _p("&x;"),
                 prolog='<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    with pytest.raises(FormatError, match=r"word/document\.xml: the file declares XML "
                                          r"entities"):
        read_docx(path, max_bytes=10**8)
