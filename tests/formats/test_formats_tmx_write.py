"""TMX writer: TMX 1.4b validity (DTD written from the spec + semantic checks),
escaping, forbidden characters, props, low-confidence policy, and read-back by our
reader and by translate-toolkit's independent reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from tmx_schema import tmx_problems

from align.errors import ConfigError, FormatError
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import alignment_to_units, clean_xml_text, write_tmx
from align.types import Alignment, Bead, Segment, TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")


def seg(text: str, lang: str, index: int, paragraph: int = 0) -> Segment:
    return Segment(text, lang, index, paragraph)  # type: ignore[arg-type]


@pytest.fixture
def alignment() -> Alignment:
    src = [seg("我们要坚持改革开放。", "zh", 0), seg("这是第一句。", "zh", 1),
           seg("这是第二句。", "zh", 2, 1), seg("多余的一句。", "zh", 3, 1)]
    tgt = [seg("We must stay committed to reform and opening up.", "en", 0),
           seg("These are the first and second sentences.", "en", 1, 1)]
    beads = [Bead((0,), (0,), 0.93), Bead((1, 2), (1,), 0.31), Bead((3,), (), 0.2)]
    return Alignment(src, tgt, beads, signature={"tool": "zhen-align", "scorer": "length+lex",
                                                 "glossary": "abc123"})


TRICKY = [
    ("amp-lt-gt", "A & B < C > D", "甲 & 乙 < 丙 > 丁"),
    ("quotes", "He said \"yes\" and 'no'.", "他说“是”和‘不’。"),
    ("markup-lookalike", "<b>bold</b> &amp; &#x41;", "<seg>标记</seg>&lt;"),
    ("emoji", "Good 👍🏽 news 🇨🇳", "好消息👍🏽"),
    ("cjk-ext-b", "The character 𠀀 and 𪚥", "𠀀𪚥字"),
    ("fullwidth", "Ｆｕｌｌ－width，punctuation！", "全角：“引号”——破折号……"),
    ("tab-nbsp", "tab\there\u00a0nbsp", "制表\t符"),
    ("cdata-end", "]]> stays text", "]]>照样"),
]


@pytest.mark.parametrize(("name", "en", "zh"), TRICKY, ids=[t[0] for t in TRICKY])
def test_tricky_text_round_trips_through_both_readers(tmp_path: Path, name: str, en: str,
                                                      zh: str) -> None:
    from translate.storage import tmx

    out = tmp_path / f"{name}.tmx"
    n = write_tmx(out, [TranslationUnit(zh, en)])
    assert (int(n), n.removed_chars) == (1, 0)
    assert tmx_problems(out) == []
    (ours,) = list(read_tmx(out))
    assert (ours.source, ours.target) == (zh, en)
    store = tmx.tmxfile.parsestring(out.read_bytes())
    assert [(u.source, u.target) for u in store.units] == [(zh, en)]


def test_forbidden_characters_are_removed_and_counted(tmp_path: Path) -> None:
    from translate.storage import tmx

    units = [TranslationUnit("控制\x01字符\x1f", "bell\x07 and \ufffe\uffff end"),
             TranslationUnit("孤立\ud800代理", "lone\udfff surrogate")]
    out = tmp_path / "ctl.tmx"
    n = write_tmx(out, units, header_props={"note": "bad\x0bprop"})
    assert (int(n), n.removed_chars) == (2, 8)
    assert tmx_problems(out) == []
    got = [(u.source, u.target) for u in read_tmx(out)]
    assert got == [("控制字符", "bell and  end"), ("孤立代理", "lone surrogate")]
    store = tmx.tmxfile.parsestring(out.read_bytes())
    assert [(u.source, u.target) for u in store.units] == got


@pytest.mark.parametrize(("where", "units", "header_props"), [
    ("document-name", [TranslationUnit("一。", "One.", origin="speech\x01-2024.txt")], None),
    ("unit-prop", [TranslationUnit("一。", "One.", props=(("x-document", "speech\x01-2024.txt"),))],
     None),
    ("header-prop", [TranslationUnit("一。", "One.", origin="speech-2024.txt")],
     {"document": "speech\x01-2024.txt"}),
], ids=["document-name", "unit-prop", "header-prop"])
def test_forbidden_characters_are_removed_from_props(
        tmp_path: Path, where: str, units: list[TranslationUnit],
        header_props: dict[str, str] | None) -> None:
    """A document name with a control character (a file name may hold one) is written
    without it, wherever it lands: a unit's x-document prop or a header prop."""
    out = tmp_path / "p.tmx"
    n = write_tmx(out, units, header_props=header_props)
    assert (int(n), n.removed_chars) == (1, 1)
    assert tmx_problems(out) == []
    (u,) = read_tmx(out)
    root = etree.parse(str(out)).getroot()
    hprops = {p.get("type"): p.text for p in root.find("header").iter("prop")}
    if where == "header-prop":
        assert hprops["x-document"] == "speech-2024.txt"
    else:
        assert dict(u.props)["x-document"] == "speech-2024.txt"
        assert u.origin == "speech-2024.txt"


def test_alignment_from_a_document_name_with_a_control_character(
        tmp_path: Path, alignment: Alignment) -> None:
    out = tmp_path / "a.tmx"
    n = write_tmx(out, alignment_to_units(alignment, origin="zh\x01.txt"))
    assert (int(n), n.removed_chars) == (2, 2)
    assert [u.origin for u in read_tmx(out)] == ["zh.txt", "zh.txt"]


@pytest.mark.parametrize(("text", "clean", "removed"), [
    ("plain", "plain", 0), ("a\tb\nc\rd", "a\tb\nc\rd", 0), ("\x00\x08x\x0c", "x", 3),
    ("\ud83d", "", 1), ("\U0001f600", "\U0001f600", 0), ("\x85\x9f", "\x85\x9f", 0),
], ids=["plain", "tab-nl-cr-kept", "c0", "lone-surrogate", "emoji", "c1-kept"])
def test_clean_xml_text(text: str, clean: str, removed: int) -> None:
    assert clean_xml_text(text) == (clean, removed)


def test_carriage_return_survives(tmp_path: Path) -> None:
    out = tmp_path / "cr.tmx"
    write_tmx(out, [TranslationUnit("一\r\n二", "one\r\ntwo")])
    (u,) = read_tmx(out)
    assert (u.source, u.target) == ("一\r\n二", "one\r\ntwo")


def test_alignment_export_has_header_and_unit_props(tmp_path: Path, alignment: Alignment) -> None:
    out = tmp_path / "a.tmx"
    n = write_tmx(out, alignment_to_units(alignment, origin="speech-2024.txt",
                                          created="20240101T120000Z"),
                  header_props=alignment.signature)
    assert int(n) == 2  # the 1-0 bead is not a unit
    assert tmx_problems(out) == []
    root = etree.parse(str(out)).getroot()
    header = root.find("header")
    assert {k: header.get(k) for k in ("creationtool", "segtype", "o-tmf", "adminlang",
                                       "srclang", "datatype")} == {
        "creationtool": "zhen-align", "segtype": "sentence", "o-tmf": "zhen-align",
        "adminlang": "en-US", "srclang": "zh-CN", "datatype": "plaintext"}
    assert TMX_DATE.match(header.get("creationdate"))
    hprops = {p.get("type"): p.text for p in header.iter("prop")}
    assert hprops["x-scorer"] == "length+lex" and hprops["x-glossary"] == "abc123"
    assert hprops["x-tool-version"].startswith("zhen-align ")
    units = list(read_tmx(out))
    assert [u.source for u in units] == ["我们要坚持改革开放。", "这是第一句。这是第二句。"]
    assert [dict(u.props) for u in units] == [
        {"x-document": "speech-2024.txt", "x-paragraph": "0", "x-bead": "1-1",
         "x-sentences": "[0]:[0]", "x-confidence": "0.930", "x-review-state": "unreviewed"},
        {"x-document": "speech-2024.txt", "x-paragraph": "0", "x-bead": "2-1",
         "x-sentences": "[1, 2]:[1]", "x-confidence": "0.310",
         "x-review-state": "needs-review"}]
    assert {u.created for u in units} == {"20240101T120000Z"}
    assert {u.origin for u in units} == {"speech-2024.txt"}


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, [("1-1", "unreviewed"), ("2-1", "needs-review")]),
    ({"min_confidence": 0.5}, [("1-1", "unreviewed")]),
    ({"review_below": 0.95}, [("1-1", "needs-review"), ("2-1", "needs-review")]),
    ({"review_below": 0.0}, [("1-1", "unreviewed"), ("2-1", "unreviewed")]),
], ids=["mark-default", "exclude", "mark-stricter", "mark-none"])
def test_low_confidence_policy(alignment: Alignment, kwargs: dict[str, float],
                               expected: list[tuple[str, str]]) -> None:
    units = alignment_to_units(alignment, origin="d", **kwargs)  # type: ignore[arg-type]
    assert [(u.prop("x-bead"), u.prop("x-review-state")) for u in units] == expected


@pytest.mark.parametrize(("src", "tgt"), [("zh-Hans", "en-GB"), ("zh-TW", "en-US"),
                                          ("zh_cn", "EN-us")], ids=["hans-gb", "tw", "messy"])
def test_locales_are_configurable(tmp_path: Path, alignment: Alignment, src: str,
                                  tgt: str) -> None:
    from align.formats.tmx.lang import normalize_locale

    out = tmp_path / "loc.tmx"
    write_tmx(out, alignment_to_units(alignment, origin="d", src_locale=src, tgt_locale=tgt))
    assert tmx_problems(out) == []
    langs = {tuv.get(XML_LANG) for tuv in etree.parse(str(out)).iter("tuv")}
    assert langs == {normalize_locale(src), normalize_locale(tgt)}
    assert len(list(read_tmx(out, src, tgt))) == 2


def test_en_to_zh_alignment(tmp_path: Path) -> None:
    a = Alignment([seg("Hello.", "en", 0)], [seg("你好。", "zh", 0)], [Bead((0,), (0,))])
    out = tmp_path / "enzh.tmx"
    write_tmx(out, alignment_to_units(a, origin="d"))
    assert etree.parse(str(out)).find("header").get("srclang") == "en-US"
    assert [(u.source, u.target) for u in read_tmx(out, "en-US", "zh-CN")] == [("Hello.", "你好。")]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"min_confidence": 1.5}, "min_confidence must be in"),
    ({"review_below": -0.1}, "review_below must be in"),
    ({"src_locale": "en-US"}, "does not fit the source language"),
    ({"tgt_locale": "not a code"}, "not a language code"),
], ids=["min-conf", "review", "wrong-lang", "bad-code"])
def test_alignment_to_units_errors(alignment: Alignment, kwargs: dict[str, object],
                                   match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        list(alignment_to_units(alignment, origin="d", **kwargs))  # type: ignore[arg-type]


def test_mixed_source_locales_need_all(tmp_path: Path) -> None:
    units = [TranslationUnit("一", "one"), TranslationUnit("two", "二", "en-US", "zh-CN")]
    with pytest.raises(ConfigError, match=r"^unit 2 has source language en-US but the TMX "
                                          r"header says zh-CN; pass src_lang='en-US' or "
                                          r"'\*all\*'$"):
        write_tmx(tmp_path / "x.tmx", units)
    assert not (tmp_path / "x.tmx").exists()  # atomic: nothing left behind
    assert list(tmp_path.iterdir()) == []
    n = write_tmx(tmp_path / "all.tmx", units, src_lang="*all*")
    assert int(n) == 2 and tmx_problems(tmp_path / "all.tmx") == []


def test_failed_write_keeps_old_file(tmp_path: Path) -> None:
    out = tmp_path / "keep.tmx"
    out.write_text("old")

    def units():  # type: ignore[no-untyped-def]
        yield TranslationUnit("一", "one")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_tmx(out, units())
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tmx"]


def test_empty_sides_are_skipped_and_counted(tmp_path: Path) -> None:
    out = tmp_path / "e.tmx"
    n = write_tmx(out, [TranslationUnit("一", "one"), TranslationUnit("\x01", "x"),
                        TranslationUnit("二", "  ")])
    assert (int(n), n.skipped_empty, n.removed_chars) == (1, 2, 1)
    assert tmx_problems(out) == []


def test_empty_memory_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "empty.tmx"
    assert int(write_tmx(out, [])) == 0
    assert tmx_problems(out) == []
    assert list(read_tmx(out)) == []


def test_raw_inline_markup_round_trip(tmp_path: Path) -> None:
    src = 'Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> &amp; go<ph x="2"/>'
    out = tmp_path / "raw.tmx"
    write_tmx(out, [TranslationUnit("点击<hi>这里</hi>", src, "zh-CN", "en-US")], inline="raw")
    assert tmx_problems(out) == []
    (u,) = read_tmx(out, inline="raw")
    assert (u.source, u.target) == ("点击<hi>这里</hi>", src)
    (flat,) = read_tmx(out)
    assert (flat.source, flat.target) == ("点击这里", "Click here & go")


@pytest.mark.parametrize(("text", "match"), [
    ("a <b>bold</b>", "<b> is not a TMX inline element"),
    ("a <bpt i='1'>x", "not well-formed TMX inline markup"),
], ids=["foreign-tag", "unclosed"])
def test_raw_inline_markup_errors(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(FormatError, match=match):
        write_tmx(tmp_path / "bad.tmx", [TranslationUnit("一", text)], inline="raw")


def test_unknown_inline_mode(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="^inline must be 'escape' or 'raw', got 'html'$"):
        write_tmx(tmp_path / "x.tmx", [], inline="html")


def test_dtd_check_catches_broken_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.3"><header creationtool="x" segtype="line"/><body>'
                   '<tu creationdate="2024-01-01"><tuv xml:lang="zh CN"><seg>a<bpt i="1"/>'
                   '</seg></tuv></tu></body></tmx>', encoding="utf-8")
    problems = " | ".join(tmx_problems(bad))
    for expected in ("creationtoolversion", "segtype", "version '1.3'", "bad xml:lang",
                     "not YYYYMMDDThhmmssZ", "unpaired bpt/ept", "not a language tag"):
        assert expected in problems


def test_foreign_dates_and_prop_types(tmp_path: Path) -> None:
    out = tmp_path / "f.tmx"
    unit = TranslationUnit("一", "one", props=(("client", "ACME"), ("x-bead", "1-1")),
                           created="2020-01-02 03:04")
    write_tmx(out, [unit, TranslationUnit("二", "two", created="20200102T030405Z")],
              created="20240101T000000Z")
    a, b = read_tmx(out)
    assert a.created == "20240101T000000Z" and b.created == "20200102T030405Z"
    assert a.props == (("client", "ACME"), ("x-bead", "1-1"),
                       ("x-original-creationdate", "2020-01-02 03:04"))
    assert etree.parse(str(out)).find("header").get("creationdate") == "20240101T000000Z"
    assert [p for p in tmx_problems(out) if "lacks x-" not in p] == []


def test_write_failure_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import etree

    from align.errors import InputError

    class FullDisk:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> FullDisk:
            raise etree.SerialisationError("IO_ENOSPC")

        def __exit__(self, *exc: object) -> None:
            pass

    monkeypatch.setattr(etree, "xmlfile", FullDisk)
    out = tmp_path / "out.tmx"
    with pytest.raises(InputError, match=r"out\.tmx: cannot write it \(IO_ENOSPC\)"):
        write_tmx(out, [TranslationUnit("你好。", "Hello.")])
    assert list(tmp_path.iterdir()) == []
