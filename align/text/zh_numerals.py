"""Chinese numerals: the grammar of a run of numeral characters.

A run such as ``十一五`` or ``二○二四`` is split into numerals and each is valued:
positional numerals with 十百千 and 万/亿 groups (``两千零五十`` = 2050, ``一万亿`` =
10^12, colloquial ``两万五`` = 25000, ``一百五`` = 150), digit-by-digit readings
(``二○二四`` = 2024), 点 decimals (``三点五``, ``三点五万`` = 35000) and approximate
pairs (``三四`` = 3-4, ``五六十`` = 50-60, ``七八万``). Financial (壹贰叁) and
traditional (兩萬億) characters are read too (a lone 伍, 陆, 拾 or 肆 is a word: 队伍, 收拾).
A run may hold several numerals (``十一五`` = 11, 5); characters that cannot start one
(a lone 百/千/万, 点) are skipped.

Context (第, 年, 分之, %) is read by :func:`align.text.numbers.read_numbers`, the only
caller besides :func:`zh_numeral`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: multipliers written after a figure (120万, 3.5万亿, 5千), longest first
SCALES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7,
              "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3,
              "萬億": 1e12, "億": 1e8, "萬": 1e4}
DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "兩": 2, "壹": 1, "贰": 2, "貳": 2, "叁": 3,
             "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
BIG = {"万": 10_000, "亿": 100_000_000, "萬": 10_000, "億": 100_000_000}
#: financial numerals (壹佰伍拾), read only in runs of two or more
FINANCIAL = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
#: every character of a numeral run (点 apart)
CHARS = "".join([*DIGITS, *UNITS, *BIG])
#: a run of numeral characters, 点 included
RUN = re.compile(rf"[{CHARS}点]+")
#: digits of a digit-by-digit reading (二○二四); 两 never is one
PLAIN = "零〇○一二三四五六七八九"
_APPROX = re.compile(rf"([一二两三四五六七八])([二三四五六七八九])([{CHARS}]*)")


def zh_numeral(s: str) -> float | None:
    """Value of a whole Chinese numeral (七十五, 二〇二四, 两千零五十, 三点五, 一万亿).

    Returns:
        The value, or None when ``s`` is not exactly one numeral (``x``, ``十一五``).
    """
    pieces = parse_run(s) if RUN.fullmatch(s) else []
    if len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (0, len(s)) \
            and pieces[0].kind != "range":
        return pieces[0].value
    return None


class Piece(NamedTuple):
    """One numeral of a run: offsets in the run, value and kind.

    kind is integer, decimal or range (an approximate pair: value is the low end,
    high the high end); scale is the multiplier the numeral ends with (1e4 for 五万).
    """

    start: int
    end: int
    value: float
    kind: str
    scale: float
    high: float


def parse_run(run: str) -> list[Piece]:
    """Split a run of numeral characters (a match of :data:`RUN`) into numerals.

    Returns:
        The numerals of ``run`` in order; characters that start none are skipped.
    """
    out: list[Piece] = []
    i = 0
    while i < len(run):
        c = run[i]
        if c == "点" or (c in UNITS and c not in "十拾") or c in BIG:
            i += 1  # cannot start a numeral: 百姓, 千万 (= by all means), 重点
            continue
        a = _APPROX.match(run, i)
        if a and DIGITS[a[2]] == DIGITS[a[1]] + 1 and not any(d in DIGITS for d in a[3]):
            mult = _positional("一" + a[3], 0)
            if mult[0] == len(a[3]) + 1:  # 三四 = 3-4, 五六十 = 50-60, 七八万
                lo, hi = DIGITS[a[1]] * mult[1], DIGITS[a[2]] * mult[1]
                out.append(Piece(i, a.end(), float(lo), "range", float(mult[1]), float(hi)))
                i = a.end()
                continue
        j = i
        while j < len(run) and run[j] in PLAIN:
            j += 1
        if j - i >= 2 and (j == len(run) or run[j] not in UNITS):
            end, value = j, float("".join(str(DIGITS[d]) for d in run[i:j]))
        else:
            end, ival = _positional(run, i)
            value = float(ival)
        if end == i:  # not a numeral character at all
            i += 1
            continue
        end, value, kind, scale = _decimal(run, end, value)
        if kind == "integer":
            scale = _trailing_scale(run[i:end])
        if end - i > 1 or run[i] not in FINANCIAL:  # alone, 伍 陆 拾 肆 are words: 队伍 收拾
            out.append(Piece(i, end, value, kind, scale, value))
        i = end
    return out


def _positional(run: str, i: int) -> tuple[int, int]:
    """The longest valid positional numeral of ``run`` from ``i``: (end, value)."""
    total = group = section = 0
    digit: int | None = None
    last_unit, prev_unit, wan = 100_000, 0, False
    end, value, j = i, 0, i
    for j in range(i, len(run)):
        c = run[j]
        if c in DIGITS:
            if digit:  # two digits in a row (零 only marks a gap): 十一五 -> 十一, 五
                break
            digit, prev_unit = DIGITS[c], prev_unit if c not in "零〇○" else 0
        elif c in UNITS:
            u = UNITS[c]
            if u >= last_unit or digit == 0 or (digit is None and (section or c not in "十拾")):
                break
            section += (1 if digit is None else digit) * u
            digit, last_unit, prev_unit = None, u, u
        elif c in BIG:
            if BIG[c] == 10_000:
                if wan or not (section or digit):
                    break
                group, wan = (section + (digit or 0)) * 10_000, True
            else:
                if not (group or section or digit) and not total:
                    break
                total, group, wan = (total + group + section + (digit or 0)) * 10**8, 0, False
            section, digit, last_unit, prev_unit = 0, None, 100_000, BIG[c]
        else:
            break
        end = j + 1
        # colloquial: 两万五 = 25000, 一百五 = 150 (a last digit right after a unit)
        tail = (digit or 0) * (prev_unit // 10 if prev_unit >= 100 and digit else 1)
        value = total + group + section + tail
    return end, value


def scaled(figure: float, scale: float) -> float:
    """``figure`` times the multiplier ``scale``, rounded to 12 significant digits, so
    1.1亿 and 110 million are one number (in binary floating point 1.1 * 1e8 is
    110000000.00000001)."""
    return float(f"{figure * scale:.12g}")


def _decimal(run: str, end: int, value: float) -> tuple[int, float, str, float]:
    """Read 点 decimals (三点五) and a multiplier after them (三点五万): (end, value,
    kind, scale); a time such as 三点五十分 is not a decimal."""
    k = end
    if end < len(run) and run[end] == "点":
        k = end + 1
        while k < len(run) and run[k] in PLAIN:
            k += 1
    if k == end + 1 or k == end or (k < len(run) and run[k] in UNITS):
        return end, value, "integer" if value == int(value) else "decimal", 1.0
    figure = float(f"{int(value)}.{''.join(str(DIGITS[d]) for d in run[end + 1:k])}")
    for word, scale in SCALES.items():
        if run.startswith(word, k) and word[0] in BIG:
            value = scaled(figure, scale)
            return k + len(word), value, "integer" if value % 1 == 0 else "decimal", scale
    return k, figure, "decimal", 1.0


def _trailing_scale(numeral: str) -> float:
    """The multiplier a positional numeral ends with: 1e4 for 五万, 1e12 for 一万亿."""
    scale = 1.0
    for c in reversed(numeral):
        if c not in BIG:
            break
        scale *= BIG[c]
    return scale

