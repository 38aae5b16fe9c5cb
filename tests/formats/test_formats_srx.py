"""SRX 2.0 segmentation rules: align.formats.srx (file, Java regex translation) and
align.text.segment.srx (the engine), through split_sentences, `align segment` and
`align pair`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.errors import FormatError
from align.formats.srx import java_regex, read_srx
from align.text.segment import split_sentences

SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="{cascade}"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Chinese">
        <rule break="yes"><beforebreak>。</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="English">
        <rule break="no"><beforebreak>\\bMr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s+\\p{{Lu}}</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="yes"><beforebreak>[;；]</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="ZH.*" languagerulename="Chinese"/>
      <languagemap languagepattern="EN.*" languagerulename="English"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>
"""

ZH = "一是加快发展；二是扩大开放。三是深化改革！四是创新驱动。"
EN = "Mr. Smith arrived. He said: go. then Dr. Li left; all agreed. End."


@pytest.fixture
def rules_path(tmp_path: Path) -> Path:
    path = tmp_path / "rules.srx"
    path.write_text(SRX.format(cascade="no"), encoding="utf-8")
    return path


def _split(text: str, lang: str, path: Path) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang, srx=read_srx(path))]


def test_srx_chinese_breaks_only_at_full_stop(rules_path: Path) -> None:
    assert _split(ZH, "zh", rules_path) == ["一是加快发展；二是扩大开放。", "三是深化改革！四是创新驱动。"]
    # the built-in rules break at ！ too
    assert len(split_sentences(ZH, "zh")) == 3


def test_srx_english_not_after_mr(rules_path: Path) -> None:
    assert _split(EN, "en", rules_path) == [
        "Mr. Smith arrived.", "He said: go. then Dr.", "Li left; all agreed.", "End."]


def test_srx_cascade_adds_the_default_rules(tmp_path: Path) -> None:
    path = tmp_path / "cascade.srx"
    path.write_text(SRX.format(cascade="yes"), encoding="utf-8")
    assert _split(ZH, "zh", path) == ["一是加快发展；", "二是扩大开放。", "三是深化改革！四是创新驱动。"]
    assert _split(EN, "en", path) == [
        "Mr. Smith arrived.", "He said: go. then Dr.", "Li left;", "all agreed.", "End."]


def test_srx_language_without_rules_keeps_built_in(tmp_path: Path) -> None:
    path = tmp_path / "zh-only.srx"
    path.write_text(SRX.format(cascade="no").replace('languagepattern="EN.*"',
                                                     'languagepattern="FR.*"')
                    .replace('languagepattern=".*"', 'languagepattern="DE.*"'),
                    encoding="utf-8")
    rules = read_srx(path)
    assert set(rules.rules) == {"zh"}
    assert split_sentences(EN, "en", srx=rules) == split_sentences(EN, "en")


def test_malformed_srx_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.srx"
    path.write_text('<?xml version="1.0"?>\n<srx version="2.0">\n<body>\n<languagerules>\n'
                    "</body>\n</srx>\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.srx:5: ") as e:
        read_srx(path)
    assert "\n" not in str(e.value)


def test_srx_bad_regex_names_the_rule_line(tmp_path: Path) -> None:
    path = tmp_path / "regex.srx"
    path.write_text(SRX.format(cascade="no").replace("\\bMr\\.", "(Mr"), encoding="utf-8")
    with pytest.raises(FormatError, match=r"regex\.srx:10: bad regular expression"):
        read_srx(path)


@pytest.mark.parametrize("body", [
    "<maprules/>",  # no language rules at all
    '<languagerules><languagerule languagerulename="fr"><rule><beforebreak>\\.</beforebreak>'
    '</rule></languagerule></languagerules><maprules><languagemap languagepattern="fr.*" '
    'languagerulename="fr"/></maprules>',  # rules, but for no language of ours
])
def test_srx_without_rules_for_zh_or_en_is_refused(tmp_path: Path, body: str) -> None:
    path = tmp_path / "none.srx"
    path.write_text('<?xml version="1.0"?>\n<srx version="2.0" xmlns="http://www.lisa.org/srx20">'
                    f"<header/><body>{body}</body></srx>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"none\.srx:2: no <languagemap> applies rules to "
                                          r"Chinese \(zh\) or English \(en\); "):
        read_srx(path)


def test_srx_not_srx_root(tmp_path: Path) -> None:
    path = tmp_path / "x.srx"
    path.write_text("<tmx version='1.4'/>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"x\.srx:1: not an SRX file: the root element is "
                                          r"<tmx>"):
        read_srx(path)


@pytest.mark.parametrize(("java", "python"), [
    (r"\Qa.b\E\.", r"a\.b\."),
    (r"\x{3002}", r"\U00003002"),
    (r"(?<name>x)(?<=y)(?<!z)", r"(?P<name>x)(?<=y)(?<!z)"),
    (r"[\p{Punct}]", r"[!-/:-@\[-`{-~]"),
    (r"\p{IsDigit}+\z", r"[0-9]+\Z"),
], ids=["quote", "code-point", "named-group", "posix-in-class", "is-digit-end"])
def test_java_regex(java: str, python: str) -> None:
    assert java_regex(java) == python


def test_java_regex_unicode_categories() -> None:
    import re

    upper = re.compile(java_regex(r"\p{Lu}\P{Lu}"))
    assert upper.fullmatch("Éa") and upper.fullmatch("Ab") and not upper.fullmatch("aB")
    assert re.fullmatch(java_regex(r"\p{IsHan}+"), "高质量𠮷")


@pytest.mark.parametrize("java", [r"[a-z&&[^aeiou]]", r"\Gx", r"\p{InArabicPresentation}"])
def test_java_regex_untranslatable(java: str) -> None:
    with pytest.raises(FormatError, match=r"rules\.srx:3: .*(no Python equivalent|cannot be "
                                          r"translated)"):
        java_regex(java, "rules.srx", 3)


def test_cli_segment_and_pair_take_srx(tmp_path: Path, rules_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    zh.write_text(ZH + "\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("First, speed up development; second, open up. Third, deepen reform! "
                  "Fourth, innovate.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["segment", str(zh), "--srx", str(rules_path)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["一是加快发展；二是扩大开放。", "三是深化改革！四是创新驱动。"]
    out = tmp_path / "out.tsv"
    r = CliRunner().invoke(app, ["pair", str(zh), str(en), "--srx", str(rules_path),
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[0] for row in rows[1:]] == [
        "一是加快发展；二是扩大开放。", "三是深化改革！四是创新驱动。"]
