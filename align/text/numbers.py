"""The one number reader for Chinese and English text.

:func:`read_numbers` finds every number in a text, whatever script writes it, and
returns small frozen :class:`Number` records (value, kind, span):

* Arabic digits, also full-width (``５．２％``), with thousands separators (``2,000``),
  decimals, ordinal suffixes (``20th``) and multipliers (``120万``, ``3.5万亿``,
  ``1.5 million``);
* Chinese numerals with 〇/○/零 and 两: positional (``两千零五十`` = 2050,
  ``一万亿`` = 10^12, colloquial ``两万五`` = 25000), digit by digit (``二○二四年`` =
  2024, a year), decimals with 点 (``三点五``), approximate pairs (``三四个`` = 3-4),
  percentages and fractions with 分之 (``百分之六`` = 6 %, ``三分之一`` = 1/3),
  ordinals with 第;
* English number words (``seven hundred and eighty-two``, ``twenty-first``),
  fractions (``one-third``, ``two thirds``, ``half``) and percentages (``6 %``,
  ``6 percent``, ``six per cent``);
* ranges of two numbers joined by 至/到/~/a dash (``3至5``, ``3-5%``) or, between
  digits, ``to`` (``3 to 5 million``); the low end takes the high end's percent sign or
  multiplier when it has none (``3至5万`` = 30000-50000).

The reader is language-blind: a Chinese sentence may quote ``G20`` and an English one
``2024``, and both languages are read everywhere. It reports every numeral, including
those that are words more than quantities (``统一``, ``a second``); what counts is the
caller's policy (:func:`number_keys` for the aligner, :mod:`align.qa.numbers` for
``align check``).

The grammar of a run of Chinese numeral characters lives in :mod:`.zh_numerals`, that
of English number words in :mod:`.en_numerals`; this module reads the digits, the
context (第, 年, 分之, %, ranges) and builds the results. Known limits: negative numbers
are read without their sign; a bare 百/千/万 is not a numeral (百姓, 千万 = must, 千方百计
are words, so 千人 is not read as 1000 either); 二十三四 (23-24) is read as 23 and 4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal, cast

from align.text.en_numerals import SCALES as EN_SCALES
from align.text.en_numerals import read_words
from align.text.normalize import fold, folding_to
from align.text.zh_numerals import CHARS, PLAIN, RUN, SCALES, parse_run, scaled, zh_numeral

__all__ = ["FORMS", "KINDS", "Number", "NumberForm", "NumberKind", "number_key", "number_keys",
           "read_numbers", "zh_numeral"]

NumberKind = Literal["integer", "decimal", "percent", "fraction", "ordinal", "year", "range"]
NumberForm = Literal["digits", "zh", "en"]
KINDS: tuple[str, ...] = ("integer", "decimal", "percent", "fraction", "ordinal", "year",
                          "range")
FORMS: tuple[str, ...] = ("digits", "zh", "en")


@dataclass(frozen=True, slots=True)
class Number:
    """One number found in a text.

    Attributes:
        value: the quantity: 2050 for 两千零五十, 6 for 6 % (percentages keep their
            figure), 1/3 for 三分之一, the low end for a range.
        kind: integer, decimal, percent, fraction, ordinal, year or range.
        span: (start, end) character offsets in the text that was read.
        form: how the figure is written: ``digits`` (Arabic, possibly with 万/million),
            ``zh`` (Chinese numeral) or ``en`` (English words).
        scale: the multiplier written after the figure (1e4 for 120万, 1e6 for
            1.5 million, 1e12 for 一万亿); 1.0 when none. ``value / scale`` is the figure.
        ends: for a range, its low and high end (each a Number); None otherwise.
        denominator: for a fraction, its denominator (3 for 三分之二 and two-thirds,
            1000 for 千分之五); 1.0 otherwise.
    """

    value: float
    kind: NumberKind
    span: tuple[int, int]
    form: NumberForm = "digits"
    scale: float = 1.0
    ends: tuple[Number, Number] | None = None
    denominator: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown number kind {self.kind!r}; expected one of {KINDS}")
        if self.form not in FORMS:
            raise ValueError(f"unknown number form {self.form!r}; expected one of {FORMS}")
        if not 0 <= self.span[0] < self.span[1]:
            raise ValueError(f"bad span {self.span}: expected 0 <= start < end")
        if self.scale <= 0:
            raise ValueError(f"bad scale {self.scale}: expected a positive multiplier")
        if self.denominator <= 0 or (self.denominator != 1 and self.kind != "fraction"):
            raise ValueError(f"bad denominator {self.denominator}: only a fraction has one")
        if (self.kind == "range") != (self.ends is not None):
            raise ValueError("a range, and only a range, has two ends")

    @property
    def parts(self) -> tuple[Number, ...]:
        """The two ends of a range, or the number itself."""
        return self.ends if self.ends is not None else (self,)

    @property
    def upper(self) -> float:
        """The high end of a range; the value of any other number."""
        return self.ends[1].value if self.ends is not None else self.value

    @property
    def mantissa(self) -> float:
        """The figure before the multiplier: 1.5 for 1.5 million, 120 for 120万."""
        return self.value / self.scale

    @property
    def is_percent(self) -> bool:
        """True for a percentage (or a range of percentages)."""
        return any(p.kind == "percent" for p in self.parts)


def read_numbers(text: str) -> tuple[Number, ...]:
    """Every number in ``text`` (Chinese or English), in reading order.

    Args:
        text: any text; offsets of the results refer to it unchanged.

    Returns:
        The numbers, ordered by start offset; a range is one Number whose ``ends``
        hold its two ends.
    """
    if _MAYBE.search(text) is None:  # most text: no digit, numeral or Latin letter
        return ()
    t = _fold(text)
    found = _digit_numbers(t) if _DIGIT.search(t) else []
    masked = t
    for n in found:  # the digits read, blanked out for the word readers
        masked = masked[:n.span[0]] + "\0" * (n.span[1] - n.span[0]) + masked[n.span[1]:]
    found += _zh_numbers(masked) + _en_numbers(masked)
    return tuple(_join_ranges(t, sorted(found, key=lambda n: n.span)))


def number_keys(text: str) -> list[str]:
    """Matching keys of the numbers of ``text`` for the aligner's lexical features.

    A number becomes ``#<value>`` (``#<value>%`` for a percentage), so the same
    quantity gives the same key in either language (``2024年`` and ``2024``, ``七十五``
    and ``seventy-five``, ``百分之五`` and ``5 percent``); each end of a range gives one.
    A fraction also gives the key of its denominator, because English often names a
    fraction by the ordinal alone (十分之一 = "the tenth" = a tithe; 五分之一 = "the
    fifth part"). Words that are seldom quantities are left out: a lone 一/两/零/〇
    (``统一``, ``两岸``) and English one/first words and half.
    """
    keys = []
    for n in read_numbers(text):
        if n.ends is not None or not _filler(n, text):
            keys += [number_key(p) for p in n.parts]
            if n.kind == "fraction":
                keys.append(number_key(Number(n.denominator, "integer", n.span)))
    return keys


def number_key(n: Number) -> str:
    """The matching key of one number: ``#75``, ``#5.2%``, ``#0.3333333333333333``."""
    v = n.value
    s = str(int(v)) if v == int(v) else str(v)
    return f"#{s}%" if n.kind == "percent" else f"#{s}"


def _filler(n: Number, text: str) -> bool:
    """True for a numeral that is mostly a word (一 in 统一, 两 in 两岸, one, first, half);
    the ends of a range (两三个, one or two) are always numbers."""
    if n.form == "zh":
        return text[n.span[0]:n.span[1]].lstrip("第") in ("一", "两", "兩", "零", "〇", "○")
    return n.form == "en" and n.value in (1, 0.5)


# -- Arabic digits ----------------------------------------------------------------

# a full-width comma is a thousands separator only between full-width digits; elsewhere
# it separates clauses (3，500 is two numbers), so it is kept out of the folding
_FULLWIDTH_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")
_DIGIT = re.compile(r"\d")  # every number of _DIGITS has one: a cheap test first
_ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: a character of a text whose folded form has a digit (_DIGIT), a Chinese numeral
#: character (zh_numerals.RUN) or a Latin letter (what English number words need): a
#: text without one has no number
_MAYBE = re.compile(f"[\\d{re.escape(folding_to(CHARS + '点' + _ASCII_ALNUM))}]")
_DIGITS = re.compile(r"""
    (?P<pre>百分之|第)?
    (?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<dec>\.\d+)?
    (?:(?P<ord>st|nd|rd|th)\b|s\b)?
    (?:\s*[余多]?(?P<zh>万亿|[十百千]亿|[十百千]万|[萬万亿億]|千(?![米克瓦卡焦帕赫]))
       |\s+(?P<en>thousand|million|billion|trillion)\b)?
    (?P<pct>\s*(?:%|percent\b|per\s+cent\b))?
    (?P<year>(?<=\d)(?=年))?
""", re.X | re.I)


def _fold(text: str) -> str:
    """``text`` folded by :func:`align.text.normalize.fold` (full-width digits, point,
    percent sign and dashes as ASCII), one character for one; a clause comma ，
    becomes a NUL so that it never reads as a thousands separator."""
    if "，" not in text:
        return fold(text)
    return fold(_FULLWIDTH_THOUSANDS.sub(",", text).replace("，", "\0"))


def _digit_numbers(t: str) -> list[Number]:
    """Numbers written with Arabic digits (with their suffixes and multipliers)."""
    out = []
    for m in _DIGITS.finditer(t):
        num = m["num"].replace(",", "")
        scale_word = m["zh"] or m["en"]
        scale = (SCALES.get(scale_word) or EN_SCALES[scale_word.lower()]
                 if scale_word else 1.0)
        value = scaled(float(num + (m["dec"] or "")), scale)
        if m["pre"] == "百分之" or m["pct"]:
            kind: NumberKind = "percent"
        elif m["pre"] == "第" or m["ord"]:
            kind = "ordinal"
        elif m["year"] is not None and len(num) == 4 and not m["dec"]:
            kind = "year"
        else:
            kind = "integer" if value == int(value) else "decimal"
        out.append(Number(value, kind, m.span(), "digits", scale))
    return out


# -- Chinese numerals in context ---------------------------------------------------

_DENOMINATOR = {"百": 100.0, "千": 1000.0, "万": 10_000.0}


def _before(t: str, i: int, s: str) -> bool:
    """True when ``s`` ends right before offset ``i`` of ``t``."""
    return i >= len(s) and t.startswith(s, i - len(s))


def _zh_numbers(t: str) -> list[Number]:
    """Chinese numerals of ``t`` with their 第/年/分之/% context."""
    if RUN.search(t) is None:  # most English and many Chinese sentences: nothing to do
        return []
    out: list[Number] = []
    for m in RUN.finditer(t):
        for p in parse_run(m.group()):
            i, j = p.start + m.start(), p.end + m.start()
            if p.kind == "range":
                out.append(Number(p.value, "range", (i, j), "zh", 1.0, (
                    Number(p.value, "integer", (i, i + 1), "zh", p.scale),
                    Number(p.high, "integer", (i + 1, j), "zh", p.scale))))
                continue
            kind: NumberKind = "integer" if p.kind == "integer" else "decimal"
            if t.startswith("年", j) and j - i == 4 and all(c in PLAIN for c in t[i:j]):
                kind = "year"
            if _before(t, i, "第"):
                i, kind = i - 1, "ordinal"
            if t.startswith("%", j):
                j, kind = j + 1, "percent"
            out.append(Number(p.value, kind, (i, j), "zh", p.scale))
    return _zh_fractions(t, out)


def _zh_fractions(t: str, nums: list[Number]) -> list[Number]:
    """Join ``<denominator>分之<numerator>``: 百分之六 (percent), 三分之一 (fraction)."""
    out: list[Number] = []
    for n in nums:
        i = n.span[0]
        if not _before(t, i, "分之") or n.kind == "range":
            out.append(n)
            continue
        if out and out[-1].span[1] == i - 2 and out[-1].form == "zh":
            den = out.pop()
            out.append(Number(n.value / den.value, "fraction", (den.span[0], n.span[1]), "zh",
                              denominator=den.value) if den.value else n)
        elif _before(t, i - 2, "百"):
            out.append(replace(n, kind="percent", span=(i - 3, n.span[1])))
        elif i >= 3 and t[i - 3] in _DENOMINATOR:
            den_value = _DENOMINATOR[t[i - 3]]
            out.append(Number(n.value / den_value, "fraction", (i - 3, n.span[1]), "zh",
                              denominator=den_value))
        else:
            out.append(n)
    if t.count("百分之百"):  # 百分之百 = 100 %: its lone 百 is no numeral of its own
        out += [Number(100.0, "percent", (m.start(), m.end()), "zh")
                for m in re.finditer("百分之百(?![零一二两三四五六七八九十])", t)]
    return out


# -- English words ----------------------------------------------------------------


def _en_numbers(t: str) -> list[Number]:
    """Numbers written in English words (see :mod:`align.text.en_numerals`)."""
    return [Number(w.value, cast(NumberKind, w.kind), (w.start, w.end), "en", w.scale,
                   denominator=w.denominator) for w in read_words(t)]


# -- ranges -----------------------------------------------------------------------

_RANGE_SEP = re.compile(r"\s*(?:至|到|~|～|〜|-|‐|‑|–|—|－)\s*")
_RANGE_TO = re.compile(r"\s+to\s+", re.I)


def _join_ranges(t: str, nums: list[Number]) -> list[Number]:
    """Join two numbers separated by 至/到/~/a dash (or ``to`` between digits)."""
    out: list[Number] = []
    for n in nums:
        prev = out[-1] if out else None
        if prev is None or prev.kind in ("range", "fraction") or n.kind in ("range", "fraction"):
            out.append(n)
            continue
        gap = (prev.span[1], n.span[0])
        sep = _RANGE_SEP.fullmatch(t, *gap) if gap[0] < gap[1] else None
        if sep is None and prev.form == n.form == "digits":
            sep = _RANGE_TO.fullmatch(t, *gap) if gap[0] < gap[1] else None
        lo = _inherit(prev, n)
        if sep is None or lo.value > n.value:
            out.append(n)
            continue
        out[-1] = Number(lo.value, "range", (prev.span[0], n.span[1]), prev.form, 1.0, (lo, n))
    return out


def _inherit(lo: Number, hi: Number) -> Number:
    """The low end of a range with the high end's percent, multiplier or year kind."""
    if lo.scale == 1 and hi.scale > 1 and lo.kind in ("integer", "decimal"):
        v = scaled(lo.value, hi.scale)
        lo = replace(lo, value=v, scale=hi.scale, kind="integer" if v % 1 == 0 else "decimal")
    if hi.kind in ("percent", "year") and lo.kind in ("integer", "decimal"):
        if hi.kind == "percent" or (lo.value % 1 == 0 and 1000 <= lo.value <= 9999):
            lo = replace(lo, kind=hi.kind)
    return lo
