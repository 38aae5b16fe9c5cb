"""Number-aware matches (align.tm.numsub): the numbers and dates of the new sentence
written into the TM target in the target's own form, or a reason not to."""

from __future__ import annotations

import pytest

from align.tm.numsub import NumberFix, placeables, substitute_numbers

TARGET_0219 = "On the morning of February 19, the 2024 Beijing conference was held."


@pytest.mark.parametrize(("new", "old", "target", "expected"), [
    ("2月20日上午，2025年全市大会召开。", "2月19日上午，2024年全市大会召开。", TARGET_0219,
     "On the morning of February 20, the 2025 Beijing conference was held."),
    ("3月19日上午，2024年全市大会召开。", "2月19日上午，2024年全市大会召开。", TARGET_0219,
     "On the morning of March 19, the 2024 Beijing conference was held."),
    ("迎接新中国成立76周年。", "迎接新中国成立75周年。", "celebrate the 75th anniversary",
     "celebrate the 76th anniversary"),
    ("迎接新中国成立七十二周年。", "迎接新中国成立七十五周年。", "celebrate the 75th anniversary",
     "celebrate the 72nd anniversary"),
    ("二〇二五年", "二〇二四年", "in 2024", "in 2025"),
    ("达到4.5万亿元，增长5.5%。", "达到4.3万亿元，增长5.2%。", "reached 4.3 trillion yuan, up 5.2%.",
     "reached 4.5 trillion yuan, up 5.5%."),
    ("达到8000亿元。", "达到4.3万亿元。", "reached 4.3 trillion yuan.",
     "reached 800 billion yuan."),
    ("新增就业160万人。", "新增就业150万人。", "1.5 million new jobs", "1.6 million new jobs"),
    ("新增就业150万人。", "新增就业120万人。", "1,200,000 new jobs", "1,500,000 new jobs"),
    ("3月1日", "2月1日", "Feb. 1", "Mar. 1"),
    ("9月1日", "2月1日", "Feb. 1", "Sept. 1"),
    ("增长2%，达到2亿", "增长3%，达到3亿", "grew 3% to 300 million", "grew 2% to 200 million"),
    ("It grew by 6% in 2025.", "It grew by 5% in 2024.", "2024年增长5%。", "2025年增长6%。"),
    ("On February 20, 2025", "On February 19, 2024", "2024年2月19日", "2025年2月20日"),
    ("It reached 2 billion yuan.", "It reached 3 billion yuan.", "达到30亿元。", "达到20亿元。"),
    ("3112年4月，取得进展。", "2001年3月，取得进展。", "In 3/2001, progress was made.",
     "In 4/3112, progress was made."),
], ids=["date-year", "month", "ordinal", "zh-numeral-ordinal", "zh-year", "wan-yi-trillion",
        "rescale-down", "wan-million", "thousands-separators", "month-abbreviation",
        "sept", "range-parts", "en-zh", "en-date-zh", "billion-yi", "month-as-number"])
def test_substituted(new: str, old: str, target: str, expected: str) -> None:
    fix = substitute_numbers(new, old, target)
    assert fix is not None and fix.reason == ""
    assert fix.target == expected


@pytest.mark.parametrize(("new", "old", "target", "reason"), [
    ("第2次和第2次", "第3次和第4次", "the next and the last",
     "第3 is in the TM target 0 times, in its source 1 times"),
    ("增长2%", "增长3%", "grew by three percent", "3% is written in words in the TM target"),
    ("3年和4年", "3年和3年", "3 and 3 years", "3 of the TM becomes different numbers"),
    ("增长2%，3%", "增长3%，4%", "grew by 3%", "4% is in the TM target 0 times, in its source 1 times"),
], ids=["ordinal-not-in-target", "in-words", "one-becomes-two", "missing"])
def test_flagged(new: str, old: str, target: str, reason: str) -> None:
    fix = substitute_numbers(new, old, target)
    assert fix is not None and fix.target is None and fix.reason == reason
    assert fix.message.endswith(f"and were not substituted: {reason}")


@pytest.mark.parametrize(("new", "old"), [
    ("2025年全市大会召开。", "2024年全市大会召开，会议很好。"),  # text differs too
    ("2024年全市大会召开！", "2024年全市大会召开。"),  # no number differs
    ("2024年和2025年", "2024年"),  # a number more
], ids=["text-differs", "punctuation-only", "count-differs"])
def test_not_a_number_difference(new: str, old: str) -> None:
    assert substitute_numbers(new, old, "x") is None


def test_message_names_the_changes() -> None:
    fix = substitute_numbers("2月20日", "2月19日", "February 19")
    assert fix == NumberFix("February 20", (("19", "20"),))
    assert fix.message == "numbers substituted (19 -> 20); check them"


def test_placeables_read_months_and_range_ends() -> None:
    got = placeables("Feb. 3 to 5 million, 2月")
    assert [(p.value, p.month, p.span) for p in got] == [
        (2.0, True, (0, 4)), (3e6, False, (5, 6)), (5e6, False, (10, 19)), (2.0, True, (21, 22))]
