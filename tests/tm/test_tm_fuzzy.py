"""Fuzzy match percentages: definition, edit distance, and rankings as a translator
would rank them."""

from __future__ import annotations

import random

import pytest

from align.tm.fuzzy import analyse, band, levenshtein, match_percent, score_match


def dp_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def test_levenshtein_matches_textbook_dp() -> None:
    rng = random.Random(5)
    for _ in range(400):
        a = "".join(rng.choice("abc中文") for _ in range(rng.randint(0, 90)))
        b = "".join(rng.choice("abc中文") for _ in range(rng.randint(0, 90)))
        assert levenshtein(a, b) == dp_distance(a, b), (a, b)


@pytest.mark.parametrize(("a", "b", "d"), [
    ((), (), 0), (("x",), (), 1), (("we", "must"), ("we", "should"), 1),
    (tuple("abcdef"), tuple("azcdefg"), 2)], ids=["empty", "one-side", "word", "chars"])
def test_levenshtein_tokens(a: tuple[str, ...], b: tuple[str, ...], d: int) -> None:
    assert levenshtein(a, b) == d


def test_tokens_chinese_chars_english_words_numbers_punct() -> None:
    a = analyse("2024年，我们要推动GDP增长5.2%。We’ll win G20 5G!")
    assert a.text == ("\x00N", "年", "我", "们", "要", "推", "动", "gdp", "增", "长", "\x00N",
                      "we’ll", "win", "g20", "5g")
    assert a.placeables == ("2024", ",", "5.2%", "。", "!")


ZH = "2024年，我们要坚持改革开放，推动高质量发展。"
EN = "In 2024, we must stay committed to reform and opening up and promote high-quality development."

# (case id, stored source, expected percentage)
ZH_CASES = [
    ("identical", ZH, 100),
    ("date-changed", "2023年，我们要坚持改革开放，推动高质量发展。", 99),
    ("comma-halfwidth", "2024年,我们要坚持改革开放,推动高质量发展。", 99),
    ("date-and-stop", "2023年，我们要坚持改革开放，推动高质量发展！", 98),
    ("two-chars-added", "2024年，我们要坚持改革开放，推动经济高质量发展。", 90),
    ("clause-reordered", "2024年，我们要推动高质量发展，坚持改革开放。", 33),
    ("unrelated", "今天天气很好。", 0),
]


@pytest.mark.parametrize(("case", "stored", "percent"), ZH_CASES, ids=[c[0] for c in ZH_CASES])
def test_chinese_percentages(case: str, stored: str, percent: int) -> None:
    assert match_percent(ZH, stored) == percent


EN_CASES = [
    ("identical", EN, 100),
    ("year-changed", EN.replace("2024", "2025"), 99),
    ("case-only", EN.replace("In", "in"), 99),
    ("word-added", EN.replace("promote", "vigorously promote"), 93),
    ("word-replaced", EN.replace("must", "should"), 93),
    ("clause-reordered",
     "In 2024, we must promote high-quality development and stay committed to reform and "
     "opening up.", 46),
]


@pytest.mark.parametrize(("case", "stored", "percent"), EN_CASES, ids=[c[0] for c in EN_CASES])
def test_english_percentages_count_words(case: str, stored: str, percent: int) -> None:
    assert match_percent(EN, stored) == percent


def test_translator_ranking() -> None:
    """A translator prefers: identical > date changed > punctuation changed > a word
    added > clause reordered > unrelated; ties broken by chrF."""
    stored = {
        "unrelated": "今天天气很好，我们去公园。",
        "reordered": "2024年，我们要推动高质量发展，坚持改革开放。",
        "word-added": "2024年，我们要继续坚持改革开放，推动高质量发展。",
        "punct": "2024年，我们要坚持改革开放、推动高质量发展！",
        "date": "2025年，我们要坚持改革开放，推动高质量发展。",
        "identical": ZH,
    }
    ranked = sorted(stored, key=lambda k: score_match(ZH, stored[k]).rank_key, reverse=True)
    assert ranked == ["identical", "date", "punct", "word-added", "reordered", "unrelated"]


def test_placeables_only_ranks_above_equal_percentage_text_change() -> None:
    long_en = " ".join(f"w{i}" for i in range(99)) + " 7."
    number = score_match(long_en, long_en.replace(" 7.", " 8."))
    word = score_match(long_en, long_en.replace("w5 ", ""))
    assert (number.percent, word.percent) == (99, 99)
    assert number.placeables_only and not word.placeables_only
    assert number.rank_key > word.rank_key


def test_100_only_for_identical() -> None:
    assert match_percent("我们。", "我们。") == 100
    for near in ("我们.", "我们 。", "我們。", "我们"):
        assert match_percent("我们。", near) < 100


def test_chrf_is_second_signal() -> None:
    a = score_match("推动经济高质量发展。", "推动经济高质量发展。")
    b = score_match("推动经济高质量发展。", "推动经济高质量的发展。")
    assert a.chrf == 100.0 and 0 < b.chrf < 100


@pytest.mark.parametrize(("percent", "name"), [
    (100, "100"), (99, "95-99"), (95, "95-99"), (94, "85-94"), (85, "85-94"), (84, "75-84"),
    (75, "75-84"), (74, "50-74"), (50, "50-74"), (49, "no match"), (None, "no match")],
    ids=lambda v: str(v))
def test_bands(percent: int | None, name: str) -> None:
    assert band(percent) == name
