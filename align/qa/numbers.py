"""Numbers in Chinese and English sentences, for the number check of ``align check``.

Each side yields two sets of values:

* *strict* numbers, which a translation must carry over: Arabic numerals (with
  ``,`` thousands separators, decimals, 万/亿 or million/billion multipliers,
  percentages and ordinals such as ``75th``), and in Chinese also numerals in
  explicitly numeric patterns (百分之五, 五个百分点, 七十五周年, 二〇二四年).
* *lenient* values, everything that may legitimately render a number: the strict
  ones plus every Chinese numeral run (二十大 -> 20, 一季度 -> 1), English number
  words and ordinal words (seven, twentieth, first) and month names (February -> 2).

A sentence pair is consistent when every strict value of one side is among the
lenient values of the other side.
"""

from __future__ import annotations

import re

_ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_NUM = "零〇○一二两三四五六七八九十百千万亿"

_ARABIC_ZH = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|万|亿)?\s*(%|％)?")
_ZH_STRICT = re.compile(
    rf"百分之([{_ZH_NUM}点]+)|([{_ZH_NUM}]+)(?=个百分点|周年|%|％)|([零〇○一二三四五六七八九]{{4}})(?=年)")
_ZH_RUN = re.compile(rf"[{_ZH_NUM}]+")
# full-width digits, decimal point and percent sign; a full-width comma only as a
# thousands separator between full-width digits (elsewhere it separates clauses)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_FULLWIDTH_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")

_EN_NUM = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th)?(?:\s*(%|percent|per cent))?"
                     r"(?:\s+(thousand|million|billion|trillion))?", re.I)
_EN_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                  "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                  "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12,
                  "single": 1, "double": 2, "twice": 2, "half": 0.5, "both": 2})
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
           "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
           "twelfth": 12, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
           "hundredth": 100}
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split(), 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_EN_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def zh_numeral(s: str) -> float | None:
    """Value of a Chinese numeral (七十五, 二〇二四, 一万二千, 三点五); None if not one."""
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = zh_numeral(whole) if whole else 0
        if w is None or not frac or any(c not in _ZH_DIGITS for c in frac):
            return None
        return float(f"{int(w)}.{''.join(str(_ZH_DIGITS[c]) for c in frac)}")
    if all(c in _ZH_DIGITS for c in s) and len(s) > 1:  # digit by digit: 二〇二四
        return float("".join(str(_ZH_DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        elif c in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[c]
            digit = None
        elif c in _ZH_BIG:
            section += digit or 0
            total += max(section, 1) * _ZH_BIG[c]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def _arabic(s: str) -> float:
    return float(s.replace(",", ""))


def zh_numbers(text: str) -> tuple[set[float], set[float]]:
    """(strict, lenient) number values of a Chinese sentence."""
    strict: set[float] = set()
    text = _FULLWIDTH_THOUSANDS.sub(",", text).translate(_FULLWIDTH)
    for m in _ARABIC_ZH.finditer(text):
        v = _arabic(m.group(1))
        if m.group(2):
            v *= 1e12 if m.group(2) == "万亿" else _ZH_BIG[m.group(2)]
        strict.add(v)
    for m in _ZH_STRICT.finditer(text):
        z = zh_numeral(m.group(1) or m.group(2) or m.group(3))
        if z is not None:
            strict.add(z)
    lenient = set(strict)
    for m in _ZH_RUN.finditer(text):
        z = zh_numeral(m.group())
        if z is not None:
            lenient.add(z)
            lenient.update(_ZH_DIGITS[c] for c in m.group() if c in _ZH_DIGITS)
    return strict, lenient


def en_numbers(text: str) -> tuple[set[float], set[float]]:
    """(strict, lenient) number values of an English sentence."""
    strict: set[float] = set()
    for m in _EN_NUM.finditer(text):
        v = _arabic(m.group(1))
        if m.group(3):
            strict.add(v)  # "1.2 billion" may be 12亿 (1.2e9) or written 1.2 in a table
            v *= _EN_MULT[m.group(3).lower()]
        strict.add(v)
    lenient = set(strict)
    for w in re.findall(r"[A-Za-z]+", text):
        lw = w.lower()
        for table in (_EN_WORDS, _EN_ORD, _MONTHS):
            if lw in table and (table is not _MONTHS or w[0].isupper()):
                lenient.add(float(table[lw]))
    return strict, lenient


def compare_numbers(zh: str, en: str) -> tuple[list[float], list[float]]:
    """Numbers of the Chinese side missing from the English, and the reverse."""
    zs, zl = zh_numbers(zh)
    es, el = en_numbers(en)
    missing = sorted(v for v in zs if v not in el)
    extra = sorted(v for v in es if v not in zl and not _multiplied(v, zl))
    return missing, extra


def _multiplied(v: float, values: set[float]) -> bool:
    # "1.2 million" = 120万: the English value times its multiplier may equal a
    # Chinese value written with 万/亿
    return any(abs(v * m - x) < 1e-6 * max(1.0, abs(x)) for m in _EN_MULT.values()
               for x in values)


def fmt(v: float) -> str:
    """A number for messages: 75 not 75.0."""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
