"""Tests for align.text.langid: language by script."""

from __future__ import annotations

import pytest

from align.errors import ConfigError, InputError
from align.text.langid import check_lang_matches, count_scripts, detect_lang

DETECT_CASES = [
    ("zh", "北京市推动经济社会高质量发展大会召开。"),
    ("en", "The 2024 Beijing High-Quality Development Conference opened on Monday."),
    ("zh", "尹力在APEC会议上介绍了北京推进5G和AI+行动的情况。"),
    ("zh", "使用Python的pandas库读取CSV文件很方便。"),
    ("en", "The term 新质生产力 is rendered as new quality productive forces in English."),
    ("zh", "𠮷野家和𩸽鱼"),  # Extension B characters are Han
    ("zh", "“三大工程”“两区”“四平台”——北京。"),
    ("en", "Café naïve résumé déjà vu."),
    ("en", "Yin Li 尹力"),  # two Han against five Latin letters: below the 30% threshold
    ("zh", "尹力 Yin Li 尹力书记"),
    ("en", "AI"),
    ("zh", "北"),
]


@pytest.mark.parametrize(("expected", "text"), DETECT_CASES,
                         ids=[f"{i}-{e}" for i, (e, _) in enumerate(DETECT_CASES)])
def test_detect_lang(expected: str, text: str) -> None:
    assert detect_lang(text) == expected


NO_LANG_CASES = [
    ("", "no text to detect language from"),
    ("2024 — 2025, 100%。", "no text to detect language from"),
    ("   \n\t", "no text to detect language from"),
    ("これはひらがなとカタカナのテキストです", "other than Chinese or English"),
    ("Привет, как дела? Это русский текст.", "other than Chinese or English"),
    ("안녕하세요 한국어 문장입니다", "other than Chinese or English"),
]


@pytest.mark.parametrize(("text", "message"), NO_LANG_CASES,
                         ids=["empty", "digits-punct", "whitespace", "japanese", "russian",
                              "korean"])
def test_detect_lang_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        detect_lang(text, "doc.txt")


def test_detect_lang_error_names_path() -> None:
    with pytest.raises(InputError, match=r"^doc\.txt: no text"):
        detect_lang("123", "doc.txt")


def test_count_scripts() -> None:
    c = count_scripts("北京Beijing𠮷ф")
    assert (c.han, c.latin, c.other) == (3, 7, 1)
    assert c.han_share == pytest.approx(0.3)


MATCH_OK = [
    ("zh", "北京市推动高质量发展。"),
    ("en", "Beijing promotes high-quality development."),
    # mixed text in the ambiguous zone: the declared language wins either way
    ("zh", "AI+行动 and the Zhongguancun pilot 中关村先行先试"),
    ("en", "AI+行动 and the Zhongguancun pilot 中关村先行先试"),
]


@pytest.mark.parametrize(("lang", "text"), MATCH_OK, ids=["zh", "en", "mixed-zh", "mixed-en"])
def test_check_lang_matches_ok(lang: str, text: str) -> None:
    assert check_lang_matches(text, lang, "x.txt") == lang


MATCH_BAD = [
    ("en", "北京市推动高质量发展大会召开。", r"x\.txt: the text looks Chinese .* but its language "
     r"was given as en; check that this is the right file, or give its language as zh"),
    ("zh", "Beijing promotes high-quality development.", r"looks English .* but its language was "
     r"given as zh; .* give its language as en"),
]


@pytest.mark.parametrize(("lang", "text", "message"), MATCH_BAD, ids=["zh-as-en", "en-as-zh"])
def test_check_lang_matches_wrong(lang: str, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_lang_matches(text, lang, "x.txt")


def test_check_lang_matches_unknown_code() -> None:
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        check_lang_matches("Bonjour", "fr")


def test_check_lang_matches_no_letters() -> None:
    with pytest.raises(InputError, match="no text to detect language from"):
        check_lang_matches("12345", "en", "x.txt")
