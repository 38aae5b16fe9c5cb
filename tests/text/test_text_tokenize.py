"""Tests of the tokenizer registry and the zh (jieba) / en (regex) tokenizers."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import ConfigError
from align.text import tokenize
from align.text.tokenize import (
    EnglishTokenizer,
    JiebaTokenizer,
    Tokenizer,
    get_tokenizer,
    new_tokenizer,
)

EN_CASES = [
    ("plain", "The city grew fast.", ["The", "city", "grew", "fast", "."]),
    ("hyphen", "high-quality development", ["high-quality", "development"]),
    ("multi-hyphen", "the Beijing-Tianjin-Hebei region", ["the", "Beijing-Tianjin-Hebei", "region"]),
    ("apostrophe-name", "Xiong'an New Area", ["Xiong'an", "New", "Area"]),
    ("possessive", "people's well-being", ["people's", "well-being"]),
    ("curly-possessive", "the capital’s functions", ["the", "capital’s", "functions"]),
    ("contraction", "don't stop", ["don't", "stop"]),
    ("plural-possessive", "countries' plans", ["countries", "'", "plans"]),
    ("decimal", "pi is 3.14", ["pi", "is", "3.14"]),
    ("percent", "grew 5.2% in 2024", ["grew", "5.2%", "in", "2024"]),
    ("thousands", "1,000,000.5 yuan", ["1,000,000.5", "yuan"]),
    ("version", "v2.0.1 released", ["v2.0.1", "released"]),
    ("alnum", "COVID-19 and 5G", ["COVID-19", "and", "5G"]),
    ("acronym", "the U.S. and e.g. a.m.", ["the", "U.S.", "and", "e.g.", "a.m."]),
    ("brackets", "(BSE), then", ["(", "BSE", ")", ",", "then"]),
    ("quotes", '"Two Zones"', ['"', "Two", "Zones", '"']),
    ("trailing-hyphen", "pre- and post-war", ["pre", "-", "and", "post-war"]),
    ("comma-list", "1, 2, 3", ["1", ",", "2", ",", "3"]),
    ("sentence-end-number", "It was 3.5.", ["It", "was", "3.5", "."]),
    ("whitespace", "  a\t\nb  ", ["a", "b"]),
    ("empty", "", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EN_CASES],
                         ids=[c[0] for c in EN_CASES])
def test_english(text: str, expected: list[str]) -> None:
    assert get_tokenizer("en").tokenize(text) == expected


ZH_CASES = [
    ("dictionary-words", "推动高质量发展", ["推动", "高质量", "发展"]),
    ("percent", "增长5.2%，", ["增长", "5.2%", "，"]),
    ("thousands", "1,000元", ["1,000", "元"]),
    ("version", "版本v2.0.1发布", ["版本", "v2.0.1", "发布"]),
    ("latin-word", "GDP增长", ["GDP", "增长"]),
    ("latin-hyphen", "COVID-19疫情", ["COVID-19", "疫情"]),
    ("latin-apostrophe", "Xiong'an新区", ["Xiong'an", "新区"]),
    ("spaces-dropped", "北京 Beijing\u3000上海", ["北京", "Beijing", "上海"]),
    ("quotes", "“两区”", ["“", "两区", "”"]),
    ("year", "2024年", ["2024", "年"]),
]


@pytest.fixture(scope="module")
def zh() -> Tokenizer:
    return new_tokenizer("zh", ["两区"])


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ZH_CASES],
                         ids=[c[0] for c in ZH_CASES])
def test_chinese(zh: Tokenizer, text: str, expected: list[str]) -> None:
    assert zh.tokenize(text) == expected


@pytest.fixture(scope="module")
def fresh_zh() -> JiebaTokenizer:
    """A private jieba tokenizer, so registering words does not depend on test order."""
    return JiebaTokenizer()


def test_registered_term_stays_one_token(fresh_zh: JiebaTokenizer) -> None:
    text = "加快发展新质生产力，推进“三大工程”建设"
    before = fresh_zh.tokenize(text)
    assert "新质生产力" not in before and "三大工程" not in before
    fresh_zh.add_words(["新质生产力", "三大工程", "  ", "with space"])
    after = fresh_zh.tokenize(text)
    assert after == ["加快", "发展", "新质生产力", "，", "推进", "“", "三大工程", "”", "建设"]
    assert "".join(after) == text.replace(" ", "")


def test_registered_term_does_not_break_longer_word(fresh_zh: JiebaTokenizer) -> None:
    fresh_zh.add_words(["北京服务"])
    assert fresh_zh.tokenize("打响“北京服务”品牌") == ["打响", "“", "北京服务", "”", "品牌"]
    assert fresh_zh.tokenize("北京服务业发展") == ["北京", "服务业", "发展"]


def test_deterministic(zh: Tokenizer) -> None:
    text = "尹力指出，推动高质量发展，必须牢牢抓住发展新质生产力这一重要着力点。"
    first = zh.tokenize(text)
    assert all(zh.tokenize(text) == first for _ in range(3))
    assert "".join(first) == text
    # HMM off: a name missing from the dictionary falls apart into characters
    assert first[:7] == ["尹", "力", "指出", "，", "推动", "高质量", "发展"]


def test_one_tokenizer_per_process() -> None:
    assert get_tokenizer("zh") is get_tokenizer("zh")
    assert get_tokenizer("en") is get_tokenizer("en")
    assert isinstance(get_tokenizer("zh"), Tokenizer)
    assert isinstance(get_tokenizer("en"), EnglishTokenizer)


def test_shared_tokenizer_is_read_only() -> None:
    shared = get_tokenizer("zh")
    with pytest.raises(RuntimeError, match="read-only.*new_tokenizer"):
        shared.add_words(["新质生产力"])
    assert "新质生产力" not in shared.tokenize("发展新质生产力")


def test_private_tokenizers_do_not_share_words() -> None:
    text = "发展新质生产力，北京服务业"
    a = new_tokenizer("zh", ["新质生产力"])
    b = new_tokenizer("zh", ["北京服务"])
    assert a.tokenize(text) == ["发展", "新质生产力", "，", "北京", "服务业"]
    assert b.tokenize("打响北京服务品牌") == ["打响", "北京服务", "品牌"]
    assert "北京服务" not in a.tokenize("打响北京服务品牌")
    assert get_tokenizer("zh").tokenize(text) == ["发展", "新", "质", "生产力", "，", "北京",
                                                  "服务业"]


def test_private_copy_cuts_like_a_freshly_loaded_dictionary() -> None:
    # new_tokenizer copies the loaded frequency table instead of loading jieba again
    words = ["新质生产力", "三大工程", "北京服务"]
    copy = new_tokenizer("zh", words)
    fresh = JiebaTokenizer()
    fresh._jieba = tokenize._new_jieba()  # noqa: SLF001 - the slow path, for comparison
    fresh.add_words(words)
    text = "加快发展新质生产力，推进“三大工程”建设，打响“北京服务”品牌，北京服务业发展"
    assert copy.tokenize(text) == fresh.tokenize(text)
    assert copy._jieba.FREQ == fresh._jieba.FREQ  # noqa: SLF001
    assert copy._jieba.total == fresh._jieba.total  # noqa: SLF001


def test_new_english_tokenizer() -> None:
    en = new_tokenizer("en", ["ignored"])
    assert isinstance(en, EnglishTokenizer) and en is not get_tokenizer("en")
    with pytest.raises(ConfigError, match="unknown language 'ja'"):
        new_tokenizer("ja")


def test_english_add_words_is_noop() -> None:
    en = get_tokenizer("en")
    en.add_words(["new quality productive forces"])
    assert en.tokenize("new quality") == ["new", "quality"]


def test_unknown_language() -> None:
    with pytest.raises(ConfigError, match="unknown language 'ja'"):
        get_tokenizer("ja")


BIBLE_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "bible-zh-sample.txt"


@pytest.mark.parametrize("name", ["beijing", "bible"])
def test_rjieba_cuts_like_jieba(beijing_dir: Path, name: str) -> None:
    """The fast backend gives jieba's tokens, line by line, on real text of two kinds."""
    path = beijing_dir / "zh.txt" if name == "beijing" else BIBLE_SAMPLE
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    reference = JiebaTokenizer(read_only=True)
    fast = JiebaTokenizer(read_only=True, backend="rjieba")
    got = [fast.tokenize(ln) for ln in lines]
    assert got == [reference.tokenize(ln) for ln in lines]
    assert sum(map(len, got)) > 1000  # enough text to mean something


def test_rjieba_backend_is_read_only() -> None:
    with pytest.raises(ValueError, match="rjieba"):
        JiebaTokenizer(backend="rjieba")
