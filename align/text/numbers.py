"""Numbers across scripts: Arabic digits, Chinese numerals and English number words.

Every number found becomes a matching key ``#<value>`` (``2024年`` -> ``#2024``,
``七十五`` -> ``#75``, ``75th`` -> ``#75``, ``seven`` -> ``#7``, ``百分之五`` and ``5%``
-> ``#5%``), so the same quantity written in either language yields the same key.
"""

from __future__ import annotations

import re

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ZH_NUM = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿]+)")
_ARABIC = re.compile(r"(\d+(?:[.,]\d+)*)\s*(%|％)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

_EN_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19, "first": 1, "second": 2, "third": 3,
            "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "twelfth": 12, "twice": 2, "once": 1, "half": 0.5}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90, "twentieth": 20, "thirtieth": 30,
            "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000,
              "billion": 1_000_000_000, "hundredth": 100, "thousandth": 1000}
_EN_WORDS = re.compile(r"[A-Za-z]+")


def zh_numeral_value(s: str) -> int | None:
    """Value of a Chinese numeral string such as 七十五, 二〇二四, 三万五千 (None if invalid)."""
    if not s:
        return None
    if all(c in _ZH_DIGITS for c in s):  # digit by digit: 二〇二四
        v = 0
        for c in s:
            v = v * 10 + _ZH_DIGITS[c]
        return v
    total, section, digit = 0, 0, None
    for c in s:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        else:
            unit = _ZH_UNITS[c]
            if unit >= 10_000:
                section = (section + (digit or 0)) * unit
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def zh_number_keys(text: str) -> list[str]:
    """Number keys in a Chinese text (Arabic digits and Chinese numerals)."""
    text = text.translate(_FULLWIDTH)
    keys = []
    for m in _ARABIC.finditer(text):
        keys.append(_num_key(m.group(1), bool(m.group(2))))
    for m in _ZH_NUM.finditer(text):
        s = m.group(2)
        if len(s) == 1 and s in "两零〇" or s in ("一",):
            continue  # 一 and 两 are mostly "a"/"both" in running text
        v = zh_numeral_value(s)
        if v is not None:
            keys.append(f"#{v}%" if m.group(1) else f"#{v}")
    return keys


def en_number_keys(text: str) -> list[str]:
    """Number keys in an English text (digits, ordinals like 75th, number words)."""
    keys = [_num_key(m.group(1), bool(m.group(2))) for m in _ARABIC.finditer(text)]
    words = [w.lower() for w in _EN_WORDS.findall(text)]
    cur: float | None = None
    total = 0.0
    for w in [*words, "."]:
        if w in _EN_ONES:
            cur = (cur or 0) + _EN_ONES[w]
        elif w in _EN_TENS:
            cur = (cur or 0) + _EN_TENS[w]
        elif w in _EN_SCALES and (cur is not None or total):
            scale = _EN_SCALES[w]
            if scale >= 1000:
                total += (cur or 1) * scale
                cur = None
            else:
                cur = (cur or 1) * scale
        elif w == "and" and (cur is not None or total):
            continue
        else:
            if cur is not None or total:
                v = total + (cur or 0)
                if v != 1 and v != 0.5:  # "one"/"half" are mostly not quantities
                    keys.append(f"#{int(v)}" if v == int(v) else f"#{v}")
                if w in ("percent", "per") and keys:
                    keys[-1] += "%"
            cur, total = None, 0.0
    return keys


def _num_key(digits: str, percent: bool) -> str:
    d = digits.replace(",", "")
    if d.count(".") > 1:
        d = d.replace(".", "")
    try:
        v = float(d)
    except ValueError:
        return "#" + d
    s = str(int(v)) if v == int(v) else str(v)
    return f"#{s}%" if percent else f"#{s}"
