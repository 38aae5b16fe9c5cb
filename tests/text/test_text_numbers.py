"""Tests of align.text.numbers (the one number reader), with align.text.zh_numerals and
align.text.en_numerals behind it, and of the aligner's number keys."""

from __future__ import annotations

import random

import pytest

from align.text.numbers import Number, number_keys, read_numbers, zh_numeral

Got = tuple[float, str] | tuple[float, str, float]


def got(text: str) -> list[Got]:
    """Every number of ``text`` as (value, kind), a range as (low, "range", high)."""
    return [(n.value, "range", n.upper) if n.kind == "range" else (n.value, n.kind)
            for n in read_numbers(text)]


ZH_CASES: list[tuple[str, str, list[Got]]] = [
    # the examples
    ("year-circle", "二○二四年", [(2024, "year")]),
    ("year-ling-circle", "二〇二四年", [(2024, "year")]),
    ("year-ling", "二零二四年", [(2024, "year")]),
    ("decimal", "三点五", [(3.5, "decimal")]),
    ("wan-yi", "一万亿", [(1e12, "integer")]),
    ("liang-ling", "两千零五十", [(2050, "integer")]),
    ("percent", "百分之六", [(6, "percent")]),
    ("fraction", "三分之一", [(1 / 3, "fraction")]),
    ("range-zhi", "3至5", [(3, "range", 5)]),
    # positional numerals
    ("tens", "七十五", [(75, "integer")]),
    ("ten", "十", [(10, "integer")]),
    ("fifteen", "十五", [(15, "integer")]),
    ("ling-gap", "一百零五", [(105, "integer")]),
    ("wan-qian", "三万五千", [(35000, "integer")]),
    ("yi-wan", "一亿二千万", [(1.2e8, "integer")]),
    ("colloquial-wan", "两万五", [(25000, "integer")]),
    ("colloquial-bai", "一百五", [(150, "integer")]),
    ("numeral-before-word", "二十大", [(20, "integer")]),
    ("two-numerals", "十一五", [(11, "integer"), (5, "integer")]),
    ("digit-by-digit", "二〇二四", [(2024, "integer")]),
    ("digit-by-digit-3", "一二三", [(123, "integer")]),
    ("year-1949", "一九四九年", [(1949, "year")]),
    ("traditional", "兩萬", [(20000, "integer")]),
    ("financial", "壹佰伍拾", [(150, "integer")]),
    # decimals, percentages, fractions, ordinals
    ("ling-dian", "零点五", [(0.5, "decimal")]),
    ("dian-wan", "三点五万", [(35000, "integer")]),
    ("clock-not-decimal", "三点五十分", [(3, "integer"), (50, "integer")]),
    ("a-little-not-decimal", "一点", [(1, "integer")]),
    ("percent-decimal", "百分之三点五", [(3.5, "percent")]),
    ("percent-hundred", "百分之百", [(100, "percent")]),
    ("percent-55", "百分之五十五", [(55, "percent")]),
    ("numeral-percent-sign", "五%", [(5, "percent")]),
    ("permille", "千分之五", [(0.005, "fraction")]),
    ("tenth", "十分之一", [(0.1, "fraction")]),
    ("ordinal", "第二十", [(20, "ordinal")]),
    ("ordinal-digits", "第３", [(3, "ordinal")]),
    ("points-not-percent", "五个百分点", [(5, "integer")]),
    # Arabic digits in Chinese text
    ("arabic-year", "2024年", [(2024, "year")]),
    ("anniversary", "75周年", [(75, "integer")]),
    ("percent-sign", "增长5.2%", [(5.2, "percent")]),
    ("full-width", "ＧＤＰ增长５．２％", [(5.2, "percent")]),
    ("full-width-thousands", "１，２００亿", [(1.2e11, "integer")]),
    ("wan-yi-digits", "3.5万亿元", [(3.5e12, "integer")]),
    ("wan-digits", "120万", [(1.2e6, "integer")]),
    ("more-than", "10余万", [(1e5, "integer")]),
    ("clause-comma", "3，500", [(3, "integer"), (500, "integer")]),
    ("comma-not-thousands", "第１，２０００人", [(1, "ordinal"), (2000, "integer")]),
    ("code", "G20峰会", [(20, "integer")]),
    # ranges and approximate pairs
    ("range-dao", "3到5", [(3, "range", 5)]),
    ("range-tilde", "3～5", [(3, "range", 5)]),
    ("range-percent", "3%至5%", [(3, "range", 5)]),
    ("range-wan", "3至5万人", [(30000, "range", 50000)]),
    ("range-years", "2021—2025年", [(2021, "range", 2025)]),
    ("approx", "三四个", [(3, "range", 4)]),
    ("approx-liang", "两三个", [(2, "range", 3)]),
    ("approx-tens", "五六十", [(50, "range", 60)]),
    ("approx-thousands", "二三千人", [(2000, "range", 3000)]),
    # words, not numerals
    ("idiom", "千方百计", []),
    ("name", "利百加和百姓", []),
    ("by-all-means", "千万", []),
    ("financial-word", "队伍和大陆", []),
    ("wan-yi-just-in-case", "万一", [(1, "integer")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ZH_CASES],
                         ids=[c[0] for c in ZH_CASES])
def test_read_numbers_chinese(text: str, expected: list[Got]) -> None:
    assert got(text) == expected


EN_CASES: list[tuple[str, str, list[Got]]] = [
    # the examples
    ("million", "1.5 million", [(1.5e6, "integer")]),
    ("percent-space", "6 %", [(6, "percent")]),
    ("percent-sign", "6%", [(6, "percent")]),
    ("percent-word", "6 percent", [(6, "percent")]),
    ("per-cent", "6 per cent", [(6, "percent")]),
    ("one-third", "one-third", [(1 / 3, "fraction")]),
    ("thousands", "2,000", [(2000, "integer")]),
    ("ordinal-suffix", "20th", [(20, "ordinal")]),
    # digits
    ("millions-separators", "1,000,000 people", [(1e6, "integer")]),
    ("bad-separator", "1,2000", [(1, "integer"), (2000, "integer")]),
    ("decimal", "0.5", [(0.5, "decimal")]),
    ("decimal-percent", "5.2 percent", [(5.2, "percent")]),
    ("trillion", "3.5 trillion", [(3.5e12, "integer")]),
    ("billion", "120 billion yuan", [(1.2e11, "integer")]),
    ("currency", "$1.2 billion", [(1.2e9, "integer")]),
    ("thousand", "12 thousand", [(12000, "integer")]),
    ("ordinals", "1st, 2nd and 3rd", [(1, "ordinal"), (2, "ordinal"), (3, "ordinal")]),
    ("decade", "the 1990s", [(1990, "integer")]),
    ("code", "COVID-19", [(19, "integer")]),
    # ranges
    ("range-hyphen", "3-5", [(3, "range", 5)]),
    ("range-en-dash-percent", "3–5%", [(3, "range", 5)]),
    ("range-years", "2023-2024", [(2023, "range", 2024)]),
    ("not-a-range", "2024-25", [(2024, "integer"), (25, "integer")]),
    ("range-to-million", "3 to 5 million", [(3e6, "range", 5e6)]),
    ("words-no-to-range", "three to five million", [(3, "integer"), (5e6, "integer")]),
    # number words
    ("word", "seven", [(7, "integer")]),
    ("zero", "zero", [(0, "integer")]),
    ("hyphenated", "seventy-five", [(75, "integer")]),
    ("hundred-and", "seven hundred and eighty-two", [(782, "integer")]),
    ("a-hundred", "a hundred", [(100, "integer")]),
    ("a-million", "a million", [(1e6, "integer")]),
    ("year-words", "two thousand twenty-four", [(2024, "integer")]),
    ("thousand-and", "one thousand and five", [(1005, "integer")]),
    ("word-percent", "six percent", [(6, "percent")]),
    ("ordinal-word", "twentieth", [(20, "ordinal")]),
    ("ordinal-compound", "twenty-first", [(21, "ordinal")]),
    ("first-quarter", "the first quarter", [(1, "ordinal")]),
    ("a-second", "a second", [(2, "ordinal")]),
    ("one-third-space", "one third", [(1 / 3, "fraction")]),
    ("two-thirds", "two thirds", [(2 / 3, "fraction")]),
    ("three-quarters", "three quarters", [(0.75, "fraction")]),
    ("half", "half of them", [(0.5, "fraction")]),
    ("not-a-proper-fraction", "the four quarters", [(4, "integer")]),
    ("comma-separates", "one, two", [(1, "integer"), (2, "integer")]),
    ("two-ones", "one two", [(1, "integer"), (2, "integer")]),
    ("two-groups", "nineteen ninety", [(19, "integer"), (90, "integer")]),
    # the Authorized Version
    ("archaic-inverted", "five and twenty", [(25, "integer")]),
    ("archaic-ordinal", "the three and twentieth year", [(23, "ordinal")]),
    ("archaic-tens-and", "an hundred forty and seven years", [(147, "integer")]),
    ("archaic-score", "threescore and ten", [(70, "integer")]),
    ("archaic-scale-again", "six hundred thousand and three thousand", [(603000, "integer")]),
    ("fifth-part", "the fifth part", [(0.2, "fraction")]),
    ("tenth-deals", "two tenth deals", [(0.2, "fraction")]),
    ("between", "between five and twenty", [(5, "integer"), (20, "integer")]),
    # words, not numbers
    ("plural-scale", "hundreds of them, thousands", []),
    ("inside-word", "someone alone", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EN_CASES],
                         ids=[c[0] for c in EN_CASES])
def test_read_numbers_english(text: str, expected: list[Got]) -> None:
    assert got(text) == expected


def test_enough_cases_per_language() -> None:
    assert len(ZH_CASES) >= 40 and len(EN_CASES) >= 40


# -- the result type -----------------------------------------------------------------

def test_spans_index_the_original_text() -> None:
    text = "ＧＤＰ增长５．２％，达到百分之六，第二十届"
    spans = [text[slice(*n.span)] for n in read_numbers(text)]
    assert spans == ["５．２％", "百分之六", "第二十"]


def test_range_has_typed_ends() -> None:
    (n,) = read_numbers("增长3-5%")
    assert n.kind == "range" and n.span == (2, 6) and n.is_percent
    assert [(p.value, p.kind, p.span) for p in n.parts] == [
        (3, "percent", (2, 3)), (5, "percent", (4, 6))]


def test_scale_and_mantissa() -> None:
    (en,) = read_numbers("1.5 million")
    (zh,) = read_numbers("120万")
    (words,) = read_numbers("five million")
    assert (en.scale, en.mantissa, en.form) == (1e6, 1.5, "digits")
    assert (zh.scale, zh.mantissa) == (1e4, 120)
    assert (words.value, words.scale, words.form) == (5e6, 1e6, "en")


@pytest.mark.parametrize(("text", "denominator"), [
    ("三分之二", 3), ("千分之五", 1000), ("two-thirds", 3), ("the fifth part", 5),
    ("two tenth deals", 10), ("half", 2),
], ids=["zh", "permille", "en", "ordinal-part", "ordinal-deals", "half"])
def test_fraction_denominator(text: str, denominator: float) -> None:
    (n,) = read_numbers(text)
    assert n.kind == "fraction" and n.denominator == denominator
    assert n.value * n.denominator == pytest.approx(round(n.value * n.denominator))


def test_any_text_is_read_without_error() -> None:
    """Random mixes of numeral characters, digits, words and separators: the reader ends,
    spans are in order, inside the text and never overlap."""
    rng = random.Random(8)
    alphabet = list("零〇○一二两三四五六七八九十百千万亿点第年分之%％个周－-～至到 ,，.．０９3") + [
        " one ", " twenty ", "-five ", " hundred ", " and ", " thousand ", " third ", "th",
        " percent", " million ", " a ", " to "]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        found = read_numbers(text)
        ends = [0]
        for n in found:
            assert ends[-1] <= n.span[0] < n.span[1] <= len(text), (text, found)
            ends.append(n.span[1])


def test_forms() -> None:
    assert [n.form for n in read_numbers("3 people, 三个人, three people")] == [
        "digits", "zh", "en"]


def test_number_is_frozen() -> None:
    (n,) = read_numbers("75")
    with pytest.raises(AttributeError):
        n.value = 57  # type: ignore[misc]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"value": 1.0, "kind": "big", "span": (0, 1)}, "unknown number kind"),
    ({"value": 1.0, "kind": "integer", "span": (0, 1), "form": "roman"}, "unknown number form"),
    ({"value": 1.0, "kind": "integer", "span": (2, 2)}, "bad span"),
    ({"value": 1.0, "kind": "integer", "span": (0, 1), "scale": 0.0}, "bad scale"),
    ({"value": 1.0, "kind": "range", "span": (0, 3)}, "two ends"),
    ({"value": 1.0, "kind": "integer", "span": (0, 1), "denominator": 3.0}, "bad denominator"),
    ({"value": 0.5, "kind": "fraction", "span": (0, 1), "denominator": 0.0}, "bad denominator"),
], ids=["kind", "form", "empty-span", "scale", "range-without-ends", "denominator-not-fraction",
        "zero-denominator"])
def test_number_validates(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Number(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "没有数字。", "No numbers here.", "\u3000\n", "𠀀𠀁"],
                         ids=["empty", "zh", "en", "spaces", "ext-b"])
def test_no_numbers(text: str) -> None:
    assert read_numbers(text) == ()


# -- zh_numeral ----------------------------------------------------------------------

@pytest.mark.parametrize(("s", "v"), [
    ("七十五", 75), ("二〇二四", 2024), ("二○二四", 2024), ("一万二千", 12000), ("两", 2),
    ("十", 10), ("三点五", 3.5), ("一百零五", 105), ("一万亿", 1e12), ("两千零五十", 2050),
    ("x", None), ("", None), ("十一五", None), ("三四", None), ("百", None),
], ids=["75", "year", "year-circle", "wan", "liang", "ten", "decimal", "ling", "wan-yi",
        "liang-ling", "not-numeral", "empty", "two-numerals", "approximate", "lone-unit"])
def test_zh_numeral(s: str, v: float | None) -> None:
    assert zh_numeral(s) == v


# -- number keys (the aligner's features) ----------------------------------------------

@pytest.mark.parametrize(("text", "keys"), [
    ("2024年是新中国成立75周年", ["#2024", "#75"]),
    ("增长百分之五", ["#5%"]),
    ("七十五", ["#75"]),
    ("二〇二四年", ["#2024"]),
    ("三万五千人", ["#35000"]),
    ("ＧＤＰ增长５．２％", ["#5.2%"]),
    ("统一两岸，第一", []),
    ("两三个人", ["#2", "#3"]),
    ("In 2024, the 75th anniversary", ["#2024", "#75"]),
    ("grew 5%", ["#5%"]),
    ("seven hundred and eighty two years", ["#782"]),
    ("five percent", ["#5%"]),
    ("1,000,000 people", ["#1000000"]),
    ("one man, the first, half of it", []),
    ("3-5%", ["#3%", "#5%"]),
    ("十分之一", ["#0.1", "#10"]),
], ids=["arabic", "percent", "numeral", "digit-by-digit", "wan", "fullwidth", "zh-fillers",
        "zh-range-ends", "en-year-ordinal", "en-percent", "en-words", "en-word-percent",
        "en-thousands", "en-fillers", "range", "fraction-and-denominator"])
def test_number_keys(text: str, keys: list[str]) -> None:
    assert number_keys(text) == keys


@pytest.mark.parametrize(("text", "keys"), [
    ("⼀千人", ["#1000"]),  # a Kangxi radical folds to the numeral 一
    ("ＯＮＥ hundred", ["#100"]),  # full-width letters fold to ASCII
    ("naïve: one hundred", ["#100"]),  # not ASCII: the looser word test
    ("Someone has often gone", []),  # number words inside other words
    ("twenty-one", ["#21"]),
    ("TWENTY ONE", ["#21"]),
    ("约二十三人。", ["#23"]),
    ("他们来了。", []),
], ids=["radical", "fullwidth-letters", "non-ascii", "inside-words", "hyphen", "upper-case",
        "zh", "none"])
def test_number_keys_of_folded_forms_and_whole_words(text: str, keys: list[str]) -> None:
    """The cheap tests that skip most text (no digit, numeral or letter; no number word)
    look at the folded text and at whole words only."""
    assert number_keys(text) == keys


@pytest.mark.parametrize(("zh", "en"), [
    ("百分之五", "5 percent"), ("120万", "1.2 million"), ("三分之一", "one-third"),
    ("二○二四年", "2024"), ("一万亿", "1 trillion"), ("3.5万亿元", "3.5 trillion yuan"),
    ("第二十届", "20th"), ("七十五", "seventy-five"), ("3至5%", "3-5 percent"),
    ("伊法十分之一", "the tenth part of an ephah"),
], ids=["percent", "wan-million", "fraction", "year", "wan-yi", "trillion", "ordinal",
        "words", "range", "tenth-part"])
def test_same_quantity_same_keys(zh: str, en: str) -> None:
    assert number_keys(zh) == number_keys(en) != []


@pytest.mark.parametrize(("text", "value"), [
    ("1.1亿", 110_000_000.0), ("三点三万", 33_000.0), ("0.7 million", 700_000.0),
    ("1.1-2.3亿", 110_000_000.0), ("4.6万亿", 4_600_000_000_000.0),
], ids=["digits-yi", "numeral-wan", "en-million", "range-low-end", "wan-yi"])
def test_figure_times_multiplier_is_the_exact_number(text: str, value: float) -> None:
    """1.1 x 1e8 is 110000000.00000001 in binary floating point; the reader gives
    110000000.0, the number "110 million" is, so the check compares like with like."""
    assert read_numbers(text)[0].value == value


# -- zh_numerals details the cases above leave open (found by mutation testing) ---------

@pytest.mark.parametrize(("s", "v"), [
    ("壹拾", 10), ("贰拾", 20), ("貳拾", 20), ("叁拾", 30), ("參拾", 30), ("肆拾", 40),
    ("伍拾", 50), ("陆拾", 60), ("陸拾", 60), ("柒拾", 70), ("捌拾", 80), ("玖拾", 90),
    ("兩百", 200), ("肆佰", 400), ("叁仟", 3000),
])
def test_financial_and_traditional_digits(s: str, v: float) -> None:
    """Every financial (大写) and traditional digit has its value: a cheque's 陆拾 is 60."""
    assert zh_numeral(s) == v


@pytest.mark.parametrize(("s", "v"), [("九五", 95), ("二〇", 20), ("一亿亿", 1e16)],
                         ids=["two-digits", "two-digits-zero", "yi-yi"])
def test_short_digit_runs_and_yi_yi(s: str, v: float) -> None:
    """Two plain digits are read digit by digit (九五之尊, 二〇 = 20), not as 9 and 5;
    亿亿 (10^16, supercomputer speeds) multiplies twice."""
    assert zh_numeral(s) == v


def test_scale_of_chinese_numerals() -> None:
    """A numeral ending in 万 has the scale 1e4, and so have both ends of 七八万; 五六十
    ends in 十 (scale 10); the scale feeds the check's "1.2 million = 120万" rule."""
    (wan,) = read_numbers("五万")
    (approx,) = read_numbers("七八万")
    (tens,) = read_numbers("五六十")
    assert (wan.value, wan.scale, wan.mantissa) == (50000, 1e4, 5)
    assert [(p.value, p.scale) for p in approx.parts] == [(70000, 1e4), (80000, 1e4)]
    assert [(p.value, p.scale) for p in tens.parts] == [(50, 10), (60, 10)]


# -- en_numerals details the cases above leave open (found by mutation testing) ---------

@pytest.mark.parametrize(("text", "expected"), [
    ("one thousand five hundredth", [(1500, "ordinal")]),
    ("the one million two thousandth", [(1_002_000, "ordinal")]),
    ("two hundred thousandth", [(200_000, "ordinal")]),
    ("the one millionth visitor", [(1e6, "ordinal")]),
    ("fifteen hundred", [(1500, "integer")]),
    ("twenty ten", [(20, "integer"), (10, "integer")]),
    ("the fourth parts", [(0.25, "fraction")]),
], ids=["hundredth-after-thousand", "thousandth-after-million", "hundred-thousandth",
        "millionth", "teens-hundred", "tens-then-ten", "ordinal-parts"])
def test_english_word_details(text: str, expected: list[Got]) -> None:
    """An ordinal scale word adds its group to what came before (one thousand five
    hundredth is 1500th, not 100500th); 'fifteen hundred' is 1500; 'twenty ten' (a year
    said aloud) is two numbers, as no ones word above nine follows a tens word."""
    assert got(text) == expected


@pytest.mark.parametrize(("text", "scale"), [
    ("seven", 1.0), ("five million", 1e6), ("five million and three", 1.0),
    ("the two thousandth", 1.0),
], ids=["no-scale-word", "scale-word-last", "scale-word-inside", "ordinal"])
def test_english_word_scale(text: str, scale: float) -> None:
    """The scale is the multiplier a number in words *ends* with; an ordinal has none."""
    (n,) = read_numbers(text)
    assert n.scale == scale
