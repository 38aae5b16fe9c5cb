"""The number check of ``align check``: do both sides of a sentence pair carry the same
numbers?

The numbers are read by :func:`align.text.numbers.read_numbers`; this module only decides
which of them a translation must carry over. Each side yields two sets of values:

* *strict* numbers, which a translation must carry over: numbers in Arabic digits
  (``75``, ``2,000``, ``5.2%``, ``120万``, ``1.2 billion``, ``75th``, ``G20``) and, in
  Chinese, numerals in explicitly numeric patterns: percentages (百分之五, 五%), years
  digit by digit (二〇二四年) and numerals before 个百分点 or 周年.
* *lenient* values, everything that may legitimately render a number: the strict
  ones plus every other Chinese numeral and each of its digits (二十大 -> 20 and 2,
  一季度 -> 1), English number words, ordinal words and fractions (seven, twentieth,
  first, one-third), a few words that imply a number (both, twice, dozen) and month
  names (February -> 2).

A sentence pair is consistent when every strict value of one side is among the
lenient values of the other side. An English number with a multiplier also counts
by its figure (``1.2 billion`` may be written 12亿 or 1.2 in a table).
"""

from __future__ import annotations

import re

from align.text.numbers import Number, read_numbers
from align.text.zh_numerals import DIGITS, scaled

# a Chinese numeral before these is a figure (before % it is already a percentage: the
# number reader reads 五% as one)
_STRICT_AFTER = ("个百分点", "周年")
_EN_IMPLIED = {"both": 2.0, "twice": 2.0, "double": 2.0, "single": 1.0, "dozen": 12.0}
_MONTHS = {m: float(i) for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split(), 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_MULTIPLIERS = (1e3, 1e6, 1e9, 1e12)  # thousand, million, billion, trillion
_WORD = re.compile(r"[A-Za-z]+")


def zh_numbers(text: str) -> tuple[set[float], set[float]]:
    """(strict, lenient) number values of a Chinese sentence."""
    strict: set[float] = set()
    lenient: set[float] = set()
    for n in read_numbers(text):
        values = {p.value for p in n.parts}
        lenient |= values
        if _zh_strict(n, text):
            strict |= values
        if n.form == "zh":  # 二十大 may be "the 20th" or "the Twentieth": its digits too
            lenient.update(float(DIGITS[c]) for c in text[n.span[0]:n.span[1]] if c in DIGITS)
    return strict, lenient | strict


def _zh_strict(n: Number, text: str) -> bool:
    """True when a number of a Chinese sentence must be carried over."""
    if n.form != "zh":
        return True
    if any(p.kind in ("percent", "year") for p in n.parts):
        return True
    return text.startswith(_STRICT_AFTER, n.span[1])


def en_numbers(text: str) -> tuple[set[float], set[float]]:
    """(strict, lenient) number values of an English sentence."""
    strict: set[float] = set()
    lenient: set[float] = set()
    for n in read_numbers(text):
        for p in n.parts:
            if p.form == "digits":
                strict.add(p.value)
                if p.scale > 1:
                    strict.add(p.mantissa)  # "1.2 billion" may be 1.2 in a table
            else:
                lenient.add(p.value)
    for w in _WORD.findall(text):
        lw = w.lower()
        if lw in _EN_IMPLIED:
            lenient.add(_EN_IMPLIED[lw])
        elif lw in _MONTHS and w[0].isupper():
            lenient.add(_MONTHS[lw])
    return strict, lenient | strict


def compare_numbers(zh: str, en: str) -> tuple[list[float], list[float]]:
    """Numbers of the Chinese side missing from the English, and the reverse.

    Returns:
        (missing, extra): strict Chinese values that no English value renders, and
        strict English values that no Chinese value renders, each sorted.
    """
    zs, zl = zh_numbers(zh)
    es, el = en_numbers(en)
    missing = sorted(v for v in zs if v not in el)
    extra = sorted(v for v in es if v not in zl and not _multiplied(v, zl))
    return missing, extra


def _multiplied(v: float, values: set[float]) -> bool:
    """True when ``v`` times thousand/million/billion/trillion is one of ``values``:
    the figure of "1.2 million" renders 120万 (multiplied as the number reader does,
    so the products are exact: :func:`align.text.zh_numerals.scaled`)."""
    return any(scaled(v, m) in values for m in _MULTIPLIERS)


def fmt(v: float) -> str:
    """A number for messages: 75 not 75.0."""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
