"""TMX reader: files from other tools (TMX 1.1-1.4, locale spellings, multilingual
units, inline tags, UTF-16) and bad input (truncated, wrong root, XML bombs, invalid
units)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from align.errors import ConfigError, FormatError, InputError
from align.formats.tmx.lang import match_tier, normalize_locale, pick_variant
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.types import TranslationUnit

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{v}">\n'
        '<header creationtool="T" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="{src}" datatype="plaintext"/>\n<body>\n')
TAIL = "</body>\n</tmx>\n"


def tmx_file(tmp_path: Path, body: str, *, version: str = "1.4", src: str = "zh-CN",
             name: str = "in.tmx", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    text = HEAD.format(v=version, src=src) + body + TAIL
    if encoding == "utf-16":
        p.write_bytes(codecs.BOM_UTF16_LE + text.replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"))
    else:
        p.write_text(text, encoding="utf-8")
    return p


def tu(*variants: tuple[str, str], attr: str = "xml:lang", props: str = "") -> str:
    tuvs = "".join(f'<tuv {attr}="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    return f"<tu>{props}{tuvs}</tu>\n"


@pytest.mark.parametrize(("code", "norm"), [
    ("zh_cn", "zh-CN"), ("ZH-CN", "zh-CN"), ("zh-hans", "zh-Hans"), ("EN_gb", "en-GB"),
    ("es-419", "es-419"), ("*ALL*", "*all*"), ("zh-Hant-TW", "zh-Hant-TW")],
    ids=["underscore", "upper", "script", "en-gb", "numeric-region", "all", "three-part"])
def test_normalize_locale(code: str, norm: str) -> None:
    assert normalize_locale(code) == norm


@pytest.mark.parametrize("code", ["", "zh CN", "中文", "z"], ids=["empty", "space", "cjk", "short"])
def test_normalize_locale_rejects(code: str) -> None:
    with pytest.raises(ConfigError, match="not a language code"):
        normalize_locale(code)


@pytest.mark.parametrize(("req", "cand", "tier"), [
    ("zh-CN", "zh_cn", 1), ("zh-CN", "zh-Hans", 2), ("zh-Hans", "zh-SG", 2),
    ("zh-CN", "zh-TW", 3), ("zh", "zh-TW", 3), ("en-US", "en-GB", 3), ("zh-CN", "en-US", None),
    ("zh-Hant", "zh-HK", 2)],
    ids=["exact", "hans-cn", "hans-sg", "tw-for-cn", "bare-zh", "en-gb", "other", "hant-hk"])
def test_match_tier(req: str, cand: str, tier: int | None) -> None:
    assert match_tier(req, cand) == tier


def test_pick_variant_prefers_closer_locale() -> None:
    assert pick_variant("zh-CN", ["en-US", "zh-TW", "zh-Hans", "ZH_CN"]) == 3
    assert pick_variant("zh-CN", ["zh-TW", "zh-Hans"]) == 1
    assert pick_variant("zh-CN", ["zh-TW", "zh-HK"]) == 0
    assert pick_variant("fr", ["zh-TW"]) is None


@pytest.mark.parametrize(("version", "attr", "src", "zh", "en"), [
    ("1.4", "xml:lang", "zh-CN", "zh-CN", "en-US"),
    ("1.1", "lang", "ZH-CN", "ZH-CN", "EN-US"),
    ("1.2", "lang", "zh_CN", "zh_CN", "en_US"),
    ("1.4", "xml:lang", "*all*", "zh-Hans", "en-GB"),
    ("1.4", "xml:lang", "en", "zh", "en"),
], ids=["1.4", "1.1-lang-upper", "1.2-underscore", "all-hans-gb", "bare-codes"])
def test_other_tools_files(tmp_path: Path, version: str, attr: str, src: str, zh: str,
                           en: str) -> None:
    body = tu((zh, "你好"), (en, "Hello"), attr=attr)
    reader = read_tmx(tmx_file(tmp_path, body, version=version, src=src))
    units = list(reader)
    assert [(u.source, u.target) for u in units] == [("你好", "Hello")]
    assert (units[0].source_lang, units[0].target_lang) == (normalize_locale(zh),
                                                            normalize_locale(en))
    assert reader.version == version and reader.header["srclang"] == src


def test_multilingual_units_pick_the_pair(tmp_path: Path) -> None:
    body = (tu(("en-US", "Hello"), ("fr-FR", "Bonjour"), ("zh-TW", "妳好"), ("zh-CN", "你好"))
            + tu(("en-US", "Only English"), ("fr-FR", "Seulement"))
            + tu(("en-GB", "Colour"), ("zh-TW", "顏色")))
    reader = read_tmx(tmx_file(tmp_path, body, src="*all*"))
    assert [(u.source, u.target, u.source_lang) for u in reader] == [
        ("你好", "Hello", "zh-CN"), ("顏色", "Colour", "zh-TW")]
    assert reader.filtered == 1 and reader.units == 2
    assert "1 units without zh-CN and en-US variants left out" in reader.summary()
    fr = read_tmx(tmp_path / "in.tmx", "fr-FR", "en-US")
    assert [(u.source, u.target) for u in fr] == [("Bonjour", "Hello"), ("Seulement", "Only English")]


def test_same_language_twice_is_not_a_pair(tmp_path: Path) -> None:
    reader = read_tmx(tmx_file(tmp_path, tu(("zh-CN", "你好"), ("zh-TW", "妳好"))), "zh-CN", "zh-TW")
    assert [(u.source, u.target) for u in reader] == [("你好", "妳好")]
    reader = read_tmx(tmp_path / "in.tmx", "zh-CN", "en-US")
    assert list(reader) == [] and reader.filtered == 1


INLINE = ('点击<bpt i="1" type="bold">&lt;b&gt;</bpt>这里<ept i="1">&lt;/b&gt;</ept>'
          '<ph x="2">&lt;br/&gt;</ph><hi type="em">强调</hi><it pos="begin">&lt;i&gt;</it>尾'
          '<ph>&lt;img alt="<sub>图</sub>"&gt;</ph>')


def test_inline_tags_flattened(tmp_path: Path) -> None:
    (u,) = read_tmx(tmx_file(tmp_path, tu(("zh-CN", INLINE), ("en-US", "Click <ph/>here"))))
    assert (u.source, u.target) == ("点击这里强调尾", "Click here")


def test_inline_tags_kept_raw(tmp_path: Path) -> None:
    (u,) = read_tmx(tmx_file(tmp_path, tu(("zh-CN", INLINE), ("en-US", "a &amp; b"))),
                    inline="raw")
    assert u.source == INLINE
    assert u.target == "a &amp; b"


def test_props_dates_and_origin(tmp_path: Path) -> None:
    props = '<prop type="x-document">old.docx</prop><note>n</note><prop type="client">C</prop>'
    body = (f'<tu creationdate="20200102T030405Z" tuid="7">{props}'
            '<tuv xml:lang="zh-CN"><prop type="x-tuv">ignored</prop><seg>一</seg></tuv>'
            '<tuv xml:lang="en-US"><seg>one</seg></tuv></tu>')
    (u,) = read_tmx(tmx_file(tmp_path, body))
    assert u.props == (("x-document", "old.docx"), ("client", "C"))
    assert (u.created, u.origin) == ("20200102T030405Z", "old.docx")


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    p = tmx_file(tmp_path, tu(("zh-CN", "你好𠀀"), ("en-US", "Hello")), encoding="utf-16")
    assert [(u.source, u.target) for u in read_tmx(p)] == [("你好𠀀", "Hello")]


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    p = tmp_path / "dtd.tmx"
    text = HEAD.format(v="1.4", src="zh-CN") + tu(("zh-CN", "一"), ("en-US", "one")) + TAIL
    text = text.replace("<tmx", '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n<tmx', 1)
    p.write_text(text, encoding="utf-8")
    assert [u.target for u in read_tmx(p)] == ["one"]


def test_streaming_does_not_keep_units(tmp_path: Path) -> None:
    p = tmp_path / "many.tmx"
    write_tmx(p, (TranslationUnit(f"句子{i}", f"Sentence {i}") for i in range(300)))
    reader = read_tmx(p)
    first = next(reader)
    assert first.source == "句子0"
    assert sum(1 for _ in reader) == 299 and reader.units == 300


# -- bad input ---------------------------------------------------------------------

BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n <!ENTITY a "aaaaaaaaaa">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="zh-CN"><seg>&c;</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>x</seg></tuv></tu></body></tmx>')
HIDDEN = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [ <!-- <tmx --> <!ENTITY a "aaaa"> ]>\n'
          '<tmx version="1.4"><header/><body/></tmx>')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       '<tmx version="1.4"><header/><body><tu><tuv xml:lang="zh-CN"><seg>&x;</seg></tuv>'
       '</tu></body></tmx>')


@pytest.mark.parametrize(("content", "error", "match"), [
    (HEAD.format(v="1.4", src="zh-CN") + '<tu><tuv xml:lang="zh-CN"><seg>一</seg></tuv>\n<tu>',
     FormatError, r"in\.tmx:\d+: malformed TMX: .*truncated"),
    ('<?xml version="1.0"?>\n<html><body/></html>', FormatError,
     r"in\.tmx:2: root element is <html>, expected <tmx>"),
    (BOMB, FormatError, r"declares XML entities .*refused for safety"),
    (XXE, FormatError, r"declares XML entities"),
    (HIDDEN, FormatError, r"in\.tmx:3: the file declares XML entities"),
    (HEAD.format(v="1.4", src="zh-CN") + '<tu><tuv xml:lang="zh-CN"><seg>a & b</seg></tuv></tu>',
     FormatError, r"in\.tmx:5: malformed TMX: .*fix the XML"),
    (HEAD.format(v="1.4", src="zh-CN") + "<tu><tuv xml:lang='zh-CN'><seg>&nbsp;</seg></tuv></tu>"
     + TAIL, FormatError, r"in\.tmx:5: malformed TMX: Entity 'nbsp' not defined"),
    ("", FormatError, "empty file"),
    ("just text", FormatError, r"malformed TMX"),
], ids=["truncated", "wrong-root", "bomb", "xxe", "entity-behind-comment", "bare-ampersand", "undefined-entity", "empty",
        "not-xml"])
def test_bad_files(tmp_path: Path, content: str, error: type[Exception], match: str) -> None:
    p = tmp_path / "in.tmx"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=match):
        list(read_tmx(p))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such TMX file"):
        list(read_tmx(tmp_path / "nope.tmx"))
    with pytest.raises(InputError, match="is a folder, not a TMX file"):
        list(read_tmx(tmp_path))


def test_bad_reader_options(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="inline must be 'text' or 'raw'"):
        read_tmx(tmp_path / "x.tmx", inline="html")
    with pytest.raises(ConfigError, match="not \\*all\\*"):
        read_tmx(tmp_path / "x.tmx", "*all*", "en-US")


INVALID = (
    tu(("zh-CN", "好的一"), ("en-US", "good one"))
    + '<tu><tuv xml:lang="zh-CN"><seg>无译文</seg></tuv><tuv xml:lang="en-US"></tuv></tu>\n'
    + tu(("zh-CN", "  "), ("en-US", "blank source"))
    + '<tu><tuv><seg>无语言</seg></tuv><tuv xml:lang="en-US"><seg>no lang</seg></tuv></tu>\n'
    + tu(("zh-CN", "好的二"), ("en-US", "good two"))
    + tu(("zh-CN", "<ph>&lt;br&gt;</ph>"), ("en-US", "only a tag")))


@pytest.mark.parametrize(("line", "match"), [
    (6, r"in\.tmx:6: invalid <tu>: no <seg> in a <tuv>; .*--skip-invalid"),
], ids=["first-invalid"])
def test_invalid_unit_fails_with_line(tmp_path: Path, line: int, match: str) -> None:
    reader = read_tmx(tmx_file(tmp_path, INVALID))
    with pytest.raises(FormatError, match=match):
        list(reader)
    assert reader.units == 1


def test_skip_invalid_counts_reasons(tmp_path: Path) -> None:
    reader = read_tmx(tmx_file(tmp_path, INVALID), skip_invalid=True)
    assert [u.source for u in reader] == ["好的一", "好的二"]
    assert dict(reader.skipped) == {"no <seg> in a <tuv>": 1, "empty <seg>": 2,
                                    "<tuv> without xml:lang/lang": 1}
    assert reader.skipped_total == 4
    assert "4 invalid units skipped (2 empty <seg>" in reader.summary()


def test_entity_text_in_cdata_is_not_a_declaration(tmp_path: Path) -> None:
    p = tmx_file(tmp_path, '<tu><tuv xml:lang="zh-CN"><seg><![CDATA[<!ENTITY 是文字>]]></seg></tuv>'
                 '<tuv xml:lang="en-US"><seg>text</seg></tuv></tu>')
    assert [u.source for u in read_tmx(p)] == ["<!ENTITY 是文字>"]
