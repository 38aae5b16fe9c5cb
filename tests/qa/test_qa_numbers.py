"""Tests of align.qa.numbers: which numbers a translation must carry over (strict) and
which renderings count (lenient). Reading numbers is tested in tests/text."""

from __future__ import annotations

import pytest

from align.qa.numbers import compare_numbers, en_numbers, fmt, zh_numbers

Compared = tuple[list[float], list[float]]


@pytest.mark.parametrize(("zh", "en", "expected"), [
    ("增长３．５％。", "It grew by 3.5%.", ([], [])),
    ("投资１，２００亿元。", "An investment of 120 billion yuan.", ([], [])),
    ("共１，２００，０００人。", "1,200,000 people in all.", ([], [])),
    ("增长３．５％。", "It grew by 3.6%.", ([3.5], [3.6])),
    ("第１，２０００人。", "Person 1 and 2000.", ([], [])),
], ids=["decimal", "thousands", "two-separators", "wrong-decimal", "comma-not-thousands"])
def test_compare_numbers_full_width(zh: str, en: str, expected: Compared) -> None:
    assert compare_numbers(zh, en) == expected


def test_compare_numbers_chinese_set_phrases_are_lenient() -> None:
    # 一季度 = first quarter; “七有” = Seven accesses: no strict number on either side
    assert compare_numbers("确保一季度开好局，以“七有”要求为导向", "a good start in the first quarter; "
                           '"Seven accesses"') == ([], [])


@pytest.mark.parametrize(("zh", "en", "expected"), [
    ("二○二四年是关键之年。", "2024 is a crucial year.", ([], [])),
    ("二○二四年是关键之年。", "2025 is a crucial year.", ([2024], [2025])),
    ("增长百分之三点五。", "It grew by 3.5 percent.", ([], [])),
    ("增长百分之六。", "It grew by 6 %.", ([], [])),
    ("增长百分之六。", "It grew by six percent.", ([], [])),
    ("增长百分之六。", "It grew by 7%.", ([6], [7])),
    ("投资一万亿元。", "An investment of 1 trillion yuan.", ([], [])),
    ("投资1.2万亿元。", "An investment of 1.2 trillion yuan.", ([], [])),
    ("投资120万元。", "An investment of 1.2 million yuan.", ([], [])),
    ("减少三分之一。", "It fell by one-third.", ([], [])),
    ("减少三分之一。", "It fell by 33%.", ([], [33])),
    ("提高五个百分点。", "Up 5 percentage points.", ([], [])),
    ("提高五个百分点。", "Up 4 percentage points.", ([5], [4])),
    ("迎接75周年。", "Celebrate the seventy-fifth anniversary.", ([], [])),
    ("迎接七十五周年。", "Celebrate the 75th anniversary.", ([], [])),
    ("增长3至5%。", "Growth of 3-5%.", ([], [])),
    ("增长3至5%。", "Growth of 3-6%.", ([5], [6])),
    ("2月19日召开。", "Held on February 19.", ([], [])),
    ("两岸同胞", "compatriots on both sides", ([], [])),
    ("召开G20峰会。", "The G20 summit was held.", ([], [])),
    ("投资1200元。", "An investment of 1.2 thousand yuan.", ([], [])),
    ("投资120万元。", "An investment of 1.3 million yuan.", ([1.2e6], [1.3, 1.3e6])),
    ("投资1.1亿元。", "An investment of 110 million yuan.", ([], [])),
    ("投资110万元。", "An investment of 1.1 million yuan.", ([], [])),
    ("投资1.1亿元。", "An investment of 1.1 billion yuan.", ([1.1e8], [1.1, 1.1e9])),
    ("投资三点三万元。", "An investment of 33,000 yuan.", ([], [])),
], ids=["year-digit-by-digit", "wrong-year", "percent-decimal", "percent-space",
        "percent-words", "wrong-percent", "wan-yi", "decimal-wan-yi", "wan-million", "fraction",
        "fraction-as-percent", "points", "wrong-points", "anniversary-digits-vs-words",
        "anniversary-numeral", "range", "wrong-range-end", "month-name", "both", "code",
        "thousand-figure", "near-figure-is-another", "yi-decimal-as-million", "million-figure-inexact",
        "yi-is-not-billion", "zh-decimal-wan"])
def test_compare_numbers(zh: str, en: str, expected: Compared) -> None:
    assert compare_numbers(zh, en) == expected


@pytest.mark.parametrize(("zh", "expected"), [
    ("迎接七十五周年。", [75.0]),
    ("提高五个百分点。", [5.0]),
    ("增长五%。", [5.0]),
    ("增长五％。", [5.0]),
    ("增长百分之五。", [5.0]),
    ("二○二四年是关键之年。", [2024.0]),
    ("迎接75周年。", [75.0]),
    ("迎接七十五年。", []),  # a numeral before 年 alone is not a strict context
    ("二十大召开。", []),
], ids=["anniversary", "points", "percent-sign", "percent-sign-fullwidth", "baifenzhi",
        "year-digit-by-digit", "anniversary-digits", "nian-lenient", "congress-lenient"])
def test_chinese_number_in_strict_context_left_out_is_flagged(zh: str,
                                                               expected: list[float]) -> None:
    """A Chinese numeral before 周年, 个百分点 or %, a percentage or a year read digit by
    digit must appear in the English: an English sentence without it is flagged."""
    assert compare_numbers(zh, "It was celebrated.") == (expected, [])


@pytest.mark.parametrize(("text", "strict", "lenient"), [
    ("二十大", set(), {20.0, 2.0}),
    ("七十五周年", {75.0}, {75.0, 7.0, 5.0}),
    ("百分之五", {5.0}, {5.0}),
    ("120万人", {1.2e6}, {1.2e6}),
    ("一季度", set(), {1.0}),
], ids=["numeral-lenient", "anniversary-strict", "percent-strict", "wan-strict", "quarter"])
def test_zh_numbers(text: str, strict: set[float], lenient: set[float]) -> None:
    assert zh_numbers(text) == (strict, lenient)


@pytest.mark.parametrize(("text", "strict", "lenient"), [
    ("1.2 billion", {1.2e9, 1.2}, {1.2e9, 1.2}),
    ("the 75th", {75.0}, {75.0}),
    ("seven and twice", set(), {7.0, 2.0}),
    ("In March, may", set(), {3.0}),
    ("Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec", set(),
     {1.0, 2.0, 3.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0}),
    ("From 3 Sept", {3.0}, {3.0, 9.0}),
    ("From 3 Sep", {3.0}, {3.0, 9.0}),
    ("January February April May June July August September October November December", set(),
     {1.0, 2.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0}),
    ("a single plan", set(), {1.0}),
    ("both sides", set(), {2.0}),
    ("double the output", set(), {2.0}),
    ("twice as fast", set(), {2.0}),
    ("a dozen", set(), {12.0}),
    ("1.2 trillion", {1.2e12, 1.2}, {1.2e12, 1.2}),
    ("1.2 thousand", {1.2e3, 1.2}, {1.2e3, 1.2}),
], ids=["multiplier-figure-too", "ordinal-digits", "words-lenient", "capitalised-month",
        "month-abbreviations", "sept", "sep", "month-names", "single", "both", "double", "twice", "dozen", "trillion",
        "thousand"])
def test_en_numbers(text: str, strict: set[float], lenient: set[float]) -> None:
    assert en_numbers(text) == (strict, lenient)


@pytest.mark.parametrize(("v", "s"), [(75.0, "75"), (3.5, "3.5"), (1.2e12, "1200000000000")],
                         ids=["integer", "decimal", "large"])
def test_fmt(v: float, s: str) -> None:
    assert fmt(v) == s
