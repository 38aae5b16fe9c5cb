"""Tests of align.text.normalize: offset-preserving folding."""

from __future__ import annotations

import pytest

from align.text.normalize import QUOTES, fold, fold_char, folding_to

CASES = [
    ("full-width-letters-digits", "ＡＢＣ１２３ｘｙｚ", "ABC123xyz"),
    ("full-width-brackets", "（ＢＳＥ）", "(BSE)"),
    ("full-width-percent", "５．２％", "5.2%"),
    ("curly-double", "“新质生产力”", '"新质生产力"'),
    ("corner", "「两区」『三城』", '"两区""三城"'),
    ("low-and-guillemets", "„a‟ «b»", '"a" "b"'),
    ("full-width-quote", "＂x＂", '"x"'),
    ("single-quotes", "‘x’ ‛y′ ＇z＇ `w`", "'x' 'y' 'z' 'w'"),
    ("curly-apostrophe", "Xiong’an", "Xiong'an"),
    ("no-break-space", "Beijing\u00a0Stock", "Beijing Stock"),
    ("ideographic-space", "北京\u3000上海", "北京 上海"),
    ("thin-and-narrow", "5\u2009000\u202fyuan", "5 000 yuan"),
    ("zero-width-and-bom", "\ufeff新\u200b质", " 新 质"),
    ("tab", "a\tb", "a b"),
    ("full-width-clause-punctuation", "一是，二是；三是：好！吗？", "一是,二是;三是:好!吗?"),
    ("no-ascii-twin-kept", "。、《》——…", "。、《》——…"),
    ("line-breaks-kept", "a\r\nb\n", "a\r\nb\n"),
    ("ext-b-kept", "𠮷野家", "𠮷野家"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_keeps_every_offset() -> None:
    text = "他说：“加快发展ＡＩ＋　新质生产力”，\u00a0the ‘Two Zones’ \U00020000 end"
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(folded[i] == fold_char(c) for i, c in enumerate(text))
    k = folded.index("新质生产力")
    assert text[k:k + 5] == "新质生产力"


def test_fold_char_is_one_character() -> None:
    sample = [chr(o) for o in range(0x20, 0x3100)] + [chr(o) for o in range(0xFF00, 0xFFF0)]
    assert all(len(fold_char(c)) == 1 for c in sample)
    assert set(QUOTES.values()) == {'"', "'"}


def test_folding_to_is_every_character_folding_into_the_set() -> None:
    assert sorted(folding_to("1")) == ["1", "１"]
    assert set(folding_to("一")) == {"一", "⼀"}  # the Kangxi radical one
    assert '"' in folding_to('"') and "“" in folding_to('"') and "＂" in folding_to('"')
    assert "＂" not in folding_to("＂")  # fold changes it: folded text never has it
    sample = [chr(o) for o in range(0x20, 0x3100)] + [chr(o) for o in range(0xFF00, 0xFFF0)]
    assert {c for c in sample if fold_char(c) in "7a"} == set(folding_to("7a")) & set(sample)
