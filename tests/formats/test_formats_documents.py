"""Tests for align.formats.documents: decoding, text/HTML/docx documents, page furniture, errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from align.errors import ConfigError, InputError
from align.formats.decode import decode_bytes, read_text_file
from align.formats.documents import (
    Line,
    clean_lines,
    join_lines,
    read_document,
    read_lines,
    read_numbered_lines,
    text_to_lines,
)
from align.formats.documents.furniture import (
    is_font_widget,
    is_image_name,
    is_label,
    is_ui_line,
    normalise_date,
    parse_metadata_line,
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8", newline="")
    else:
        p.write_bytes(data)
    return p


# ---------------------------------------------------------------- the real corpus files

def test_beijing_english_raw_file(beijing_dir: Path) -> None:
    doc = read_document(beijing_dir / "en.raw.txt")
    texts = [p.text for p in doc.paragraphs]
    assert len(texts) == 8
    assert texts[0].startswith("On the morning of February 19")
    assert texts[-1].startswith("Officials attending")
    assert doc.lang == "en"
    assert doc.encoding == "utf-8"
    assert doc.metadata["title"] == (
        "Beijing High-Quality Economic and Social Development Conference Opens")
    assert doc.metadata["date"] == "2024-02-20"
    assert doc.metadata["source"] == "Official WeChat Account of Beijing Daily"
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["removed"] == "7"
    for junk in ("1.png", "Topics:", "fontSize", "\xa0", "  "):
        assert not any(junk in t for t in texts), junk
    for word in ("Chinese", "none"):  # "Chinese modernization" in the body is content
        assert not any(t == word or t.startswith(word + " ") for t in texts), word
    assert [p.line for p in doc.paragraphs] == [8, 12, 14, 16, 18, 20, 22, 24]


def test_beijing_english_removed_lines_are_accounted_for(beijing_dir: Path) -> None:
    text, _ = read_text_file(beijing_dir / "en.raw.txt")
    cleaned = clean_lines(text_to_lines(text))
    assert [(r.line, r.reason) for r in cleaned.removed] == [
        (1, "ui"), (2, "ui"), (3, "title"), (4, "metadata:date"), (5, "metadata:source"),
        (6, "font-size"), (10, "image")]


def test_beijing_chinese_file(beijing_dir: Path) -> None:
    path = beijing_dir / "zh.txt"
    doc = read_document(path)
    assert doc.lang == "zh"
    assert len(doc.paragraphs) == 8
    assert doc.metadata["date"] == "2024-02-20"
    assert doc.metadata["source"] == "北京日报客户端"
    title = doc.metadata["title"]
    assert title and path.read_text(encoding="utf-8").splitlines()[0].strip() == title
    assert not any(title == p.text for p in doc.paragraphs)
    assert not any("日期" in p.text[:3] or "来源：" in p.text for p in doc.paragraphs)


# ---------------------------------------------------------------- encodings

SAMPLE = "北京市推动高质量发展，加快发展新质生产力——“三大工程”。\nBeijing 2024: new quality productive forces.\n"
SAMPLE_GB2312 = "北京市推动高质量发展，加快发展新质生产力、“三大工程”。\nBeijing 2024.\n"
EXT_B = "𠮷野家的𩸽鱼，北京市推动高质量发展。\n"

ENCODINGS = [
    ("utf-8", SAMPLE.encode("utf-8"), SAMPLE, "utf-8"),
    ("utf-8-sig", SAMPLE.encode("utf-8-sig"), SAMPLE, "utf-8-sig"),
    ("utf-16-le-bom", b"\xff\xfe" + SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16"),
    ("utf-16-be-bom", b"\xfe\xff" + SAMPLE.encode("utf-16-be"), SAMPLE, "utf-16"),
    ("utf-32-bom", SAMPLE.encode("utf-32"), SAMPLE, "utf-32"),
    ("gb18030", SAMPLE.encode("gb18030"), SAMPLE, "gb18030"),
    ("gbk", SAMPLE.encode("gbk"), SAMPLE, "gb18030"),
    ("gb2312", SAMPLE_GB2312.encode("gb2312"), SAMPLE_GB2312, "gb18030"),
    ("gb18030-ext-b", EXT_B.encode("gb18030"), EXT_B, "gb18030"),
    ("utf-8-ext-b", EXT_B.encode("utf-8"), EXT_B, "utf-8"),
    ("crlf", SAMPLE.replace("\n", "\r\n").encode("utf-8"), SAMPLE, "utf-8"),
    ("cr", SAMPLE.replace("\n", "\r").encode("utf-8"), SAMPLE, "utf-8"),
    ("utf-16-crlf", SAMPLE.replace("\n", "\r\n").encode("utf-16"), SAMPLE, "utf-16"),
    ("stray-bom", ("\ufeff" + SAMPLE + "\ufeff第二份。\n").encode("utf-8-sig"),
     SAMPLE + "第二份。\n", "utf-8-sig"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), [c[1:] for c in ENCODINGS],
                         ids=[c[0] for c in ENCODINGS])
def test_encodings(tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data, "x.txt") == (text, encoding)
    path = write(tmp_path, "doc.txt", data)
    assert read_text_file(path) == (text, encoding)
    doc = read_document(path)
    assert doc.encoding == encoding and doc.metadata["encoding"] == encoding
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert [p.text for p in doc.paragraphs] == [s for s in text.split("\n") if s]


def test_extension_b_characters_survive(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "b.txt", EXT_B.encode("gb18030")))
    assert doc.lang == "zh"
    assert doc.paragraphs[0].text == "𠮷野家的𩸽鱼，北京市推动高质量发展。"


# ---------------------------------------------------------------- errors

def zip_bytes(tmp_path: Path, files: dict[str, str]) -> bytes:
    z = tmp_path / "tmp.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    data = z.read_bytes()
    z.unlink()
    return data


DECODE_ERRORS = [
    ("empty", b"", r"x\.txt: the file is empty \(0 bytes\)"),
    ("whitespace", " \n\t\r\n\u3000 ".encode(), "no text, only whitespace"),
    ("bom-only", b"\xef\xbb\xbf", "no text, only whitespace or a byte-order mark"),
    ("nul", b"hello\x00world", r"x\.txt: byte 5: looks binary \(it contains NUL bytes\)"),
    ("nul-short", b"abc\x00def", r"byte 3: looks binary \(it contains NUL bytes\)"),
    ("utf-16be-no-bom-damaged", "hello world".encode("utf-16-be") + b"!",
     "looks like UTF-16BE without a byte-order mark, but does not decode"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary: it is a PNG image"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks binary: it is a PDF document"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "looks binary: it is a JPEG image"),
    ("old-word", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, r"\.doc/\.xls\); save it"),
    ("controls", b"\x01\x02\x03abc\x04\x05\x06", r"looks binary \(6 control characters"),
    ("utf-16-no-bom-damaged", "hello world, 北京".encode("utf-16-le")[:-1],
     "looks like UTF-16LE without a byte-order mark, but does not decode as such; the file "
     "is damaged or truncated, or convert it to UTF-8: iconv -f UTF-16LE"),
    ("undecodable", b"Caf\xe9 au lait\n",
     r"x\.txt: byte 3: cannot decode: byte 0xE9 \(line 1\) is not valid UTF-8.*iconv -f"),
    ("undecodable-line-2", b"fine line\nna\xefve  \xff\n",
     r"x\.txt: byte 12: cannot decode: byte 0xEF \(line 2\)"),
    # Latin-1 bytes that GB18030 would accept, but only as rare characters: refused.
    ("latin1-mojibake", "Caféine délicieuse.".encode("cp1252"), r"byte 3: cannot decode"),
    ("big5-mojibake", "北京推動高品質發展，加快發展新質生產力。".encode("big5"),
     r"byte 0: cannot decode: byte 0xA5"),
    ("utf-16-truncated", b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00",
     r"byte 6: invalid UTF-16 \(truncated data\).*iconv -f UTF-16-LE"),
    ("utf-8-bom-bad", b"\xef\xbb\xbfok \xff", r"byte 6: invalid UTF-8-SIG"),
]


@pytest.mark.parametrize(("data", "message"), [c[1:] for c in DECODE_ERRORS],
                         ids=[c[0] for c in DECODE_ERRORS])
def test_decode_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data, "x.txt")


def test_zip_given_as_txt(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", zip_bytes(tmp_path, {"a.txt": "hello"}))
    with pytest.raises(InputError, match=r"a\.txt: looks binary: it is a zip archive"):
        read_document(path)


def test_undecodable_error_has_offset_attribute() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"abc\n\xff", "x.txt")
    assert (info.value.path, info.value.offset) == ("x.txt", 4)


def test_missing_file(tmp_path: Path) -> None:
    for fn in (read_document, read_text_file, read_lines):
        with pytest.raises(InputError, match=r"nope\.txt: no such file; check the path"):
            fn(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.docx")


def test_directory(tmp_path: Path) -> None:
    for fn in (read_document, read_text_file, read_lines):
        with pytest.raises(InputError, match="is a directory, not a file"):
            fn(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Twenty bytes, no more")
    with pytest.raises(InputError, match=r"big\.txt: the file is 21 bytes, over the limit of "
                                         r"10 bytes for one document"):
        read_text_file(path, max_bytes=10)
    with pytest.raises(InputError, match="over the limit"):
        read_document(path, max_bytes=10)
    with pytest.raises(InputError, match="over the limit"):
        read_lines(path, max_bytes=10)
    with pytest.raises(InputError, match="over the limit"):
        decode_bytes(b"x" * 11, "x.txt", max_bytes=10)
    from align.formats.decode import size_error

    assert str(size_error("x.txt", 300_000_000, 200 * 1024 * 1024)).startswith(
        "x.txt: the file is 300.0 MB, over the limit of 209.7 MB for one document")
    assert read_text_file(path, max_bytes=21)[0] == "Twenty bytes, no more"


def test_empty_and_whitespace_documents(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"e\.txt: the file is empty"):
        read_document(write(tmp_path, "e.txt", b""))
    with pytest.raises(InputError, match=r"w\.txt: the file has no text"):
        read_document(write(tmp_path, "w.txt", "  \r\n\n\t "))
    with pytest.raises(InputError, match=r"e\.html: the file is empty"):
        read_document(write(tmp_path, "e.html", b""))


def test_only_furniture_is_no_body(tmp_path: Path) -> None:
    path = write(tmp_path, "f.txt", "Chinese\nTopics:\n1.png\nfontSize: big middle small\n")
    with pytest.raises(InputError, match=r"no body text found \(4 lines looked like page"):
        read_document(path)


WRONG_LANG = [
    ("zh-as-en", "北京市推动高质量发展大会召开。\n\n会议强调，要加快发展新质生产力。\n", "en",
     r"z\.txt: the text looks Chinese .* but its language was given as en; .* as zh"),
    ("en-as-zh", "The conference opened on Monday.\n\nIt closed on Tuesday.\n", "zh",
     r"looks English .* but its language was given as zh; .* as en"),
]


@pytest.mark.parametrize(("text", "lang", "message"), [c[1:] for c in WRONG_LANG],
                         ids=[c[0] for c in WRONG_LANG])
def test_wrong_language(tmp_path: Path, text: str, lang: str, message: str) -> None:
    path = write(tmp_path, "z.txt", text)
    with pytest.raises(InputError, match=message):
        read_document(path, lang)


def test_language_auto_and_explicit(tmp_path: Path) -> None:
    path = write(tmp_path, "z.txt", "北京市推动高质量发展大会召开，Yin Li 出席。\n")
    assert read_document(path).lang == "zh"
    assert read_document(path, "auto").lang == "zh"
    assert read_document(path, "zh").lang == "zh"
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        read_document(path, "fr")


def test_no_letters(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"n\.txt: no text to detect language from"):
        read_document(write(tmp_path, "n.txt", "2024-02-20\n\n100%\n"))


# ---------------------------------------------------------------- text paragraphs

TEXT_CASES = [
    ("zh-wrapped",
     "北京市推动高质量发展，\n加快发展新质生产力。\n\n第二段。\n",
     ["北京市推动高质量发展，加快发展新质生产力。", "第二段。"], [1, 4]),
    ("zh-no-blank-lines", "会议于2024年2月19日召开。\n会议部署全年工作。\n",
     ["会议于2024年2月19日召开。", "会议部署全年工作。"], [1, 2]),  # one paragraph per line
    ("zh-digit-join-block",
     "会议于2024年2月19日上午在北京召开，部署2024\n年全年工作，加快发展新质生产力。\n\n完。\n",
     ["会议于2024年2月19日上午在北京召开，部署2024年全年工作，加快发展新质生产力。", "完。"],
     [1, 4]),
    ("en-wrapped",
     "The conference was held\nin Beijing on Monday.\n\nIt ended on Tuesday.\n",
     ["The conference was held in Beijing on Monday.", "It ended on Tuesday."], [1, 4]),
    ("one-per-line", "First sentence here.\nSecond sentence here.\nThird one.\n",
     ["First sentence here.", "Second sentence here.", "Third one."], [1, 2, 3]),
    ("headings-in-blocks",
     "一、总体要求\n坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。\n\n"
     "二、主要任务\n加快发展新质生产力，推进“三大工程”建设，持续优化营商环境。\n",
     ["一、总体要求", "坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。",
      "二、主要任务", "加快发展新质生产力，推进“三大工程”建设，持续优化营商环境。"], [1, 2, 4, 5]),
    ("leading-blank-lines", "\n\n\n  Only one paragraph, indented.  \n\n\n",
     ["Only one paragraph, indented."], [4]),
    ("single-short-line", "Hello world", ["Hello world"], [1]),
    ("ideographic-indent", "\u3000\u3000北京市推动高质量发展。\n\u3000\u3000会议强调加快发展。\n",
     ["北京市推动高质量发展。", "会议强调加快发展。"], [1, 2]),
]


@pytest.mark.parametrize(("text", "paragraphs", "lines"), [c[1:] for c in TEXT_CASES],
                         ids=[c[0] for c in TEXT_CASES])
def test_text_paragraphs(tmp_path: Path, text: str, paragraphs: list[str],
                         lines: list[int]) -> None:
    doc = read_document(write(tmp_path, "t.txt", text))
    assert [p.text for p in doc.paragraphs] == paragraphs
    assert [p.line for p in doc.paragraphs] == lines
    assert "title" not in doc.metadata


def test_header_footer_and_body_zones(tmp_path: Path) -> None:
    text = ("简体 | 繁體 | English\n全市推动高质量发展大会召开\n日期：2024年2月20日 来源：北京日报\n"
            "【字号 大 中 小】【打印】【关闭】\n\n"
            "2月19日上午，全市推动高质量发展大会召开，部署全年工作。\n\n主要任务：\n\n"
            "会议强调，要加快发展新质生产力，持续优化营商环境。\n\n2.jpg\n\n"
            "分享\n责任编辑：王五\n")
    doc = read_document(write(tmp_path, "z.txt", text))
    assert [p.text for p in doc.paragraphs] == [
        "2月19日上午，全市推动高质量发展大会召开，部署全年工作。",
        "主要任务：",  # a label inside the body is content
        "会议强调，要加快发展新质生产力，持续优化营商环境。",
    ]
    assert dict(doc.metadata) == {
        "title": "全市推动高质量发展大会召开", "date": "2024-02-20", "source": "北京日报",
        "editor": "王五", "encoding": "utf-8", "format": "text", "removed": "7"}


def test_title_without_metadata_lines(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "t.txt",
                              "Spring Festival Travel Rush Begins\n\nMillions of people set off "
                              "for home on Friday.\n"))
    assert doc.metadata["title"] == "Spring Festival Travel Rush Begins"
    assert [p.text for p in doc.paragraphs] == ["Millions of people set off for home on Friday."]


def test_long_sentence_is_never_removed(tmp_path: Path) -> None:
    long = ("Source: the National Bureau of Statistics reported that the economy grew by 5.2 "
            "percent last year, beating most forecasts.")
    doc = read_document(write(tmp_path, "t.txt", f"Chinese\n{long}\n"))
    assert [p.text for p in doc.paragraphs] == [long]
    assert "source" not in doc.metadata and doc.metadata["removed"] == "1"


def test_join_lines() -> None:
    assert join_lines(["北京市", "推动发展。"], "zh") == "北京市推动发展。"
    assert join_lines(["北京市", "推动发展。"], "en") == "北京市推动发展。"
    assert join_lines(["使用AI", "技术"], "zh") == "使用AI技术"
    assert join_lines(["使用AI", "技术"], "en") == "使用AI 技术"
    assert join_lines(["high-quality", "development"], "en") == "high-quality development"


def test_read_lines(tmp_path: Path) -> None:
    data = "  第一句。 \n\n第二句。\r\n   \nThird   line\u3000here\n".encode("gbk")
    path = write(tmp_path, "l.txt", data)
    assert read_lines(path) == ["第一句。", "第二句。", "Third line here"]
    assert read_numbered_lines(path) == [(1, "第一句。"), (3, "第二句。"), (5, "Third line here")]
    with pytest.raises(InputError, match="is empty"):
        read_lines(write(tmp_path, "e.txt", b""))


# ---------------------------------------------------------------- furniture rules

LINE_RULES = [
    (is_image_name, "1.png", True), (is_image_name, "photo_2024-02-19.JPEG", True),
    (is_image_name, "banner.webp", True), (is_image_name, "see 1.png", False),
    (is_image_name, "version 2.0", False),
    (is_font_widget, "fontSize: big middle small", True), (is_font_widget, "字号：大 中 小", True),
    (is_font_widget, "【字号 大 中 小】", True), (is_font_widget, "Font size: A+ A A-", True),
    (is_font_widget, "Font size matters here", False),
    (is_ui_line, "Chinese", True), (is_ui_line, "中文 | English", True),
    (is_ui_line, "简体 繁體", True), (is_ui_line, "Print", True), (is_ui_line, "none", True),
    (is_ui_line, "【打印】【关闭】", True), (is_ui_line, "Topics:", True),
    (is_ui_line, "Print | Share | Close", True), (is_ui_line, "Chinese medicine", False),
    (is_ui_line, "Print media matters.", False), (is_ui_line, "无人机", False),
    (is_label, "Topics:", True), (is_label, "专题：", True), (is_label, "Related links:", True),
    (is_label, "The following measures were announced:", False),
    (is_label, "Date: 2024-02-20", False),
]


@pytest.mark.parametrize(("rule", "line", "expected"), LINE_RULES,
                         ids=[f"{r.__name__}-{i}" for i, (r, _, _) in enumerate(LINE_RULES)])
def test_line_rules(rule: object, line: str, expected: bool) -> None:
    assert rule(line) is expected  # type: ignore[operator]


META_LINES = [
    ("Date: 2024-02-20", [("date", "2024-02-20")]),
    ("日期：2024-02-20", [("date", "2024-02-20")]),
    ("来源：北京日报客户端", [("source", "北京日报客户端")]),
    ("发布时间：2024年02月20日 09:30 来源：北京日报", [("date", "2024年02月20日 09:30"),
                                           ("source", "北京日报")]),
    ("作者：张三 编辑：李四", [("author", "张三"), ("editor", "李四")]),
    ("【责任编辑：王五】", [("editor", "王五")]),
    ("Editor:", [("editor", "")]),
    ("Time: morning", None),
    ("Sources said the talks went well.", None),
    ("The date: 2024-02-20", None),
]


@pytest.mark.parametrize(("line", "expected"), META_LINES,
                         ids=[f"meta-{i}" for i in range(len(META_LINES))])
def test_parse_metadata_line(line: str, expected: list[tuple[str, str]] | None) -> None:
    assert parse_metadata_line(line) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-02-20", "2024-02-20"), ("2024年2月20日", "2024-02-20"),
    ("2024/02/20 09:30", "2024-02-20"), ("2024.2.5", "2024-02-05"),
    ("February 20, 2024", "2024-02-20"), ("20 Feb 2024", "2024-02-20"),
    ("2024-02-20T08:00:00+08:00", "2024-02-20"), ("last Monday", "last Monday"),
], ids=["iso", "zh", "slash-time", "dots", "mdy", "dmy", "iso-datetime", "unparsed"])
def test_normalise_date(value: str, expected: str) -> None:
    assert normalise_date(value) == expected


def test_clean_lines_title_hint() -> None:
    lines = [Line("Site Name", 1, 0), Line("Budget Approved", 2, 1),
             Line("The city council approved the budget on Monday.", 3, 2)]
    cleaned = clean_lines(lines, title_hint="Budget Approved - Site Name")
    assert [ln.text for ln in cleaned.lines] == [
        "Site Name", "The city council approved the budget on Monday."]
    assert cleaned.metadata == {"title": "Budget Approved"}
    assert [(r.line, r.reason) for r in cleaned.removed] == [(2, "title")]


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Green Transition Plan Released - City News</title>
  <meta property="og:title" content="Green Transition Plan Released">
  <meta property="og:site_name" content="City News Online">
  <meta property="article:published_time" content="2024-03-04T10:00:00Z">
  <style>p { color: red; }</style>
  <script>var tracking = "Share this";</script>
</head>
<body>
  <header class="site-header"><div class="logo">City News</div>
    <ul class="lang-switch"><li><a href="/zh">中文</a></li><li>English</li></ul></header>
  <nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/p">Politics</a></li>
    <li><a href="/e">Economy</a></li></ul></nav>
  <div class="breadcrumb">Home &gt; News &gt; Economy</div>
  <article>
    <h1>Green Transition Plan Released</h1>
    <div class="info">Date: 2024-03-05&nbsp;&nbsp;Source: City Press Office</div>
    <div class="tools">fontSize: big middle small</div>
    <p>The city government released a plan on Tuesday to speed up the green
       transition of&nbsp;industry.</p>
    <p><img src="/img/plan.png" alt="plan"></p>
    <p>plan.png</p>
    <p>The plan sets targets for 2030<br>and lists <b>twelve</b> measures.</p>
    <ul><li>Cleaner buses will replace old ones by 2026.</li>
        <li>Rooftop solar panels will be installed on public buildings.</li></ul>
    <div class="share-buttons"><button>Share</button><a href="#">WeChat</a></div>
    <div class="note">Officials said the measures &amp; targets would be reviewed.</div>
    <p style="display:none">Hidden text that a reader never sees.</p>
    <noscript>Please enable JavaScript.</noscript>
    <script>document.write("injected text");</script>
  </article>
  <aside class="sidebar"><h3>Most read</h3><p>Another story, not this article.</p></aside>
  <footer><p>Copyright 2024 City News. All rights reserved.</p></footer>
</body>
</html>
"""


def test_html_page(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", PAGE))
    assert [p.text for p in doc.paragraphs] == [
        "The city government released a plan on Tuesday to speed up the green transition "
        "of industry.",
        "The plan sets targets for 2030 and lists twelve measures.",
        "Cleaner buses will replace old ones by 2026.",
        "Rooftop solar panels will be installed on public buildings.",
        "Officials said the measures & targets would be reviewed.",
    ]
    assert dict(doc.metadata) == {
        "title": "Green Transition Plan Released", "date": "2024-03-05",
        "source": "City Press Office", "encoding": "utf-8", "format": "html", "removed": "4"}
    assert doc.lang == "en"
    source = PAGE.splitlines()
    starts = ("<p>The city", "<p>The plan sets", "<ul><li>Cleaner", "<li>Rooftop", "<div class=\"note")
    assert [p.line for p in doc.paragraphs] == [
        next(k for k, s in enumerate(source, 1) if s.strip().startswith(st)) for st in starts]


def test_html_in_txt_file_is_read_as_html(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.txt", PAGE))
    assert doc.metadata["format"] == "html"
    assert len(doc.paragraphs) == 5


ZH_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>北京推动高质量发展_新闻中心</title></head>
<body><div id="menu"><a href="/">首页</a> | <a href="/n">新闻</a></div>
<div class="content"><h2>北京推动高质量发展</h2>
<p>发布时间：2024年02月20日 09:30\u3000来源：北京日报</p>
<p>【字号 大 中 小】【打印】【关闭】</p>
<p>\u3000\u30002月19日上午，全市推动高质量发展大会召开。</p>
<p>\u3000\u3000会议强调，要因地制宜发展新质生产力，<br>
持续优化营商环境。</p>
</div><div class="footer">版权所有 北京日报</div></body></html>
"""


def test_html_chinese_gb2312_page(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "zh.htm", ZH_PAGE.encode("gb2312")))
    assert [p.text for p in doc.paragraphs] == [
        "2月19日上午，全市推动高质量发展大会召开。",
        "会议强调，要因地制宜发展新质生产力，持续优化营商环境。",
    ]
    assert dict(doc.metadata) == {
        "title": "北京推动高质量发展", "date": "2024-02-20", "source": "北京日报",
        "encoding": "gb18030", "format": "html", "removed": "3"}
    assert doc.lang == "zh"


def test_html_declared_big5(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="big5"></head><body>'
            "<p>北京推動高品質發展，加快發展新質生產力。</p></body></html>")
    doc = read_document(write(tmp_path, "tw.html", page.encode("big5")))
    assert doc.encoding == "big5"
    assert doc.paragraphs[0].text == "北京推動高品質發展，加快發展新質生產力。"


def test_html_declared_charset_wrong(tmp_path: Path) -> None:
    page = b'<html><head><meta charset="ascii"></head><body><p>caf\xe9</p></body></html>'
    offset = page.index(b"\xe9")
    with pytest.raises(InputError, match=rf"byte {offset}: the page declares charset ascii"):
        read_document(write(tmp_path, "bad.html", page))


def test_html_without_article_text(tmp_path: Path) -> None:
    page = "<html><body><nav><a>Home</a> <a>News</a></nav><script>x()</script></body></html>"
    with pytest.raises(InputError, match="no body text found"):
        read_document(write(tmp_path, "n.html", page))


def test_html_text_density_picks_content(tmp_path: Path) -> None:
    page = ("<html><body><div><p>Short teaser.</p></div><div id='c'>"
            "<p>The first paragraph of the real story is long enough to win.</p>"
            "<p>The second paragraph of the story adds more words to it.</p></div>"
            "<div><p>Another teaser.</p></div></body></html>")
    doc = read_document(write(tmp_path, "d.html", page))
    assert [p.text for p in doc.paragraphs] == [
        "The first paragraph of the real story is long enough to win.",
        "The second paragraph of the story adds more words to it."]


# ---------------------------------------------------------------- docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"/>')


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def textbox(text: str) -> str:
    return f"<w:txbxContent>{p(r(text))}</w:txbxContent>"


DOCX_BODY = "".join([
    p(r("全市推动高质量发展大会召开")),
    p(r("日期：2024-02-20")),
    p(r("2月19日上午，"), r("全市推动高质量发展大会召开。"),
      "<w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del>",
      "<w:r><w:instrText> PAGE </w:instrText></w:r>"),
    p(r("第一行"), "<w:r><w:br/></w:r>", r("第二行。")),
    p(r("项目"), "<w:r><w:tab/></w:r>", r("说明。")),
    "<w:tbl><w:tr><w:tc>" + p(r("表格中的文字。")) + "</w:tc></w:tr></w:tbl>",
    p("<w:r><mc:AlternateContent><mc:Choice Requires='wps'>" + textbox("文本框里的文字。")
      + "</mc:Choice><mc:Fallback>" + textbox("文本框里的文字。")
      + "</mc:Fallback></mc:AlternateContent></w:r>", r("正文段落。")),
    p(),
    "<w:sectPr/>",
])


def make_docx(path: Path, body: str, core_title: str | None = None) -> Path:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}"><w:body>{body}</w:body>'
                "</w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", document)
        if core_title is not None:
            zf.writestr("docProps/core.xml", (
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{core_title}</dc:title></cp:coreProperties>"))
    return path


def test_docx(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "report.docx", DOCX_BODY))
    assert [p.text for p in doc.paragraphs] == [
        "2月19日上午，全市推动高质量发展大会召开。",
        "第一行第二行。",
        "项目 说明。",
        "表格中的文字。",
        "正文段落。",
        "文本框里的文字。",
    ]
    assert dict(doc.metadata) == {"title": "全市推动高质量发展大会召开", "date": "2024-02-20",
                                  "encoding": "utf-8", "format": "docx", "removed": "2"}
    assert doc.lang == "zh" and doc.encoding == "utf-8"


def test_docx_core_title(tmp_path: Path) -> None:
    body = p(r("The plan was released on Tuesday, officials said.")) + p(r("It has 12 steps."))
    doc = read_document(make_docx(tmp_path / "a.docx", body, core_title="Plan Released"))
    assert doc.metadata["title"] == "Plan Released"
    assert len(doc.paragraphs) == 2


DOCX_ERRORS = [
    ("not-zip", b"just some text",
     r"x\.docx: is not a valid \.docx file \(not a zip archive, or damaged\)"),
    ("zip-without-document", None,
     r"is a zip archive but not a Word document \(no word/document.xml\)"),
    ("bad-xml", "<w:p><w:r><w:t>unclosed</w:r></w:p>", "word/document.xml: malformed XML"),
    ("entities", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "declares XML entities"),
    ("entities-after-long-comment", "<!--" + " " * 10_000 + "--><!DOCTYPE x [<!ENTITY a 'b'>]>",
     "declares XML entities"),
]


def _bad_docx(tmp_path: Path, case: object) -> Path:
    path = tmp_path / "x.docx"
    if isinstance(case, bytes):
        path.write_bytes(case)
        return path
    if case is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("word/other.xml", "<a/>")
        return path
    assert isinstance(case, str)
    if "<!DOCTYPE" in case:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("word/document.xml", f'<?xml version="1.0"?>{case}<w:document '
                        f'xmlns:w="{W_NS}"><w:body/></w:document>')
        return path
    return make_docx(path, case)


@pytest.mark.parametrize(("case", "message"), [c[1:] for c in DOCX_ERRORS],
                         ids=[c[0] for c in DOCX_ERRORS])
def test_docx_errors(tmp_path: Path, case: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_document(_bad_docx(tmp_path, case))


def test_docx_truncated(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", DOCX_BODY)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(InputError, match=r"t\.docx: is (not a valid|a damaged) \.docx file"):
        read_document(path)


def test_docx_uncompressed_size_limit(tmp_path: Path) -> None:
    body = p(r("北京市推动高质量发展。" * 2000))
    path = make_docx(tmp_path / "big.docx", body)
    size = path.stat().st_size
    with pytest.raises(InputError, match="over the limit"):
        read_document(path, max_bytes=size + 10)


def test_docx_metadata_part_size_limit(tmp_path: Path) -> None:
    # docProps/core.xml is unpacked too: a zip bomb there must be refused like one
    # in word/document.xml, before it is decompressed.
    path = make_docx(tmp_path / "bomb.docx", DOCX_BODY, core_title="x" * 200_000)
    with pytest.raises(InputError, match=r"bomb\.docx: docProps/core\.xml unpacks to 0\.2 MB, "
                                         r"over the limit of 0\.1 MB"):
        read_document(path, max_bytes=150_000)


def test_html_with_entity_declarations_refused(tmp_path: Path) -> None:
    page = ('<?xml version="1.0"?>\n<!DOCTYPE html [\n <!ENTITY a "aaaaaaaaaa">\n'
            ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
            "<html><body><p>北京市推动高质量发展。&b;</p></body></html>")
    for pad in ("", "<!--" + "x" * 10_000 + "-->\n"):  # a long comment before the DOCTYPE
        path = write(tmp_path, "bomb.html", page.replace("\n<!DOCTYPE", "\n" + pad + "<!DOCTYPE"))
        with pytest.raises(InputError, match=r"bomb\.html: the file declares XML entities "
                                             r"\(<!ENTITY>\), which are refused for safety"):
            read_document(path)
