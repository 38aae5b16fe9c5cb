"""English number words: cardinals, ordinals, fractions and percentages in words.

``seven hundred and eighty-two`` = 782, ``twenty-first`` = 21st, ``a million``,
``one-third`` and ``two thirds`` (fractions below one), ``the fifth part`` and ``two
tenth deals`` (fractions of the Authorized Version), ``five and twenty`` = 25 and
``threescore`` = 60 (archaic), ``six percent`` / ``six per cent``. Words may be joined by
spaces or hyphens; any other punctuation ends a number (``one, two`` are two).
``half`` alone is 1/2. Numbers in digits are read by :mod:`align.text.numbers`, which
is the caller.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class WordNumber(NamedTuple):
    """A number written in words: offsets, value, kind (integer, ordinal, fraction,
    percent), the scale word it ends with (1e6 for ``five million``, else 1.0) and the
    denominator of a fraction (3 for ``two thirds``, else 1.0)."""

    start: int
    end: int
    value: float
    kind: str
    scale: float = 1.0
    denominator: float = 1.0


#: scale words and their multipliers
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ONES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCORES = {"twoscore": 40, "threescore": 60, "fourscore": 80}  # the Authorized Version
_TENS.update(_SCORES)
_ORD_ONES = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(), 1)}
_ORD_TENS = {w: 10 * i for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), 2)}
_ORD_SCALES = {"hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9}
_HALVES = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
_WORD = re.compile(r"[A-Za-z]+")
_LETTER = re.compile(r"[A-Za-z]")  # a text without one has no word (Chinese text)
_JOIN = re.compile(r"[ \t\u00a0]*-[ \t\u00a0]*|[ \t\u00a0]+|\n")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b)", re.I)


#: the words a number phrase can start with (:func:`_en_phrase` reads nothing from any
#: other word), and ``half``
_STARTS = frozenset((*_ONES, *_TENS, *_ORD_ONES, *_ORD_TENS, "a", "an", "half"))
_NEEDED = {*_STARTS, "hundred", *SCALES} - {"a", "an"}  # a/an start only before these
#: a text whose lower case contains none of these strings has none of the words above
#: (each contains one of them): most sentences have no number in words, and telling
#: them apart this way is much cheaper than splitting them into words
_GATE = re.compile("|".join(sorted(w for w in _NEEDED
                                   if not any(o != w and o in w for o in _NEEDED))))
#: one of the words above as a whole word of a lower-case ASCII text (the words of
#: _WORD there are the runs of a-z): a sharper test than _GATE where it applies
_WORD_GATE = re.compile(
    "(?<![a-z])(?:" + "|".join(sorted(_NEEDED, key=lambda w: (-len(w), w))) + ")(?![a-z])")


def read_words(t: str) -> list[WordNumber]:
    """The numbers written in words in ``t``, in order."""
    if _LETTER.search(t) is None:
        return []
    low = t.lower()
    if (_WORD_GATE if t.isascii() else _GATE).search(low) is None:
        return []
    toks = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(t)]
    out, k = [], 0
    while k < len(toks):
        got = _en_phrase(t, toks, k) if toks[k][2] in _STARTS else None
        if got is None:
            if toks[k][2] == "half":
                out.append(WordNumber(*toks[k][:2], 0.5, "fraction", 1.0, 2.0))
            k += 1
            continue
        n, k = got
        out.append(n)
    return out


def _en_phrase(t: str, toks: list[tuple[int, int, str]], k: int) -> tuple[WordNumber, int] | None:
    """The number-word phrase starting at token ``k``: (number, next token) or None."""
    total = group = 0
    last, top = "", 10**15  # class of the last word; smallest scale used so far
    end, j = -1, k
    kind = "integer"
    if toks[k][2] in ("a", "an") and k + 1 < len(toks) and _joined(t, toks[k], toks[k + 1]) \
            and (toks[k + 1][2] in SCALES or toks[k + 1][2] == "hundred"):
        group, last, j = 1, "ones", k + 1  # a hundred, an hundred, a million
    between = k > 0 and toks[k - 1][2] == "between"
    again = False  # "six hundred thousand and three thousand": a scale may repeat after and
    while j < len(toks) and (j == k or _joined(t, toks[j - 1], toks[j])):
        w = toks[j][2]
        small = last in ("", "hundred", "scale", "and")
        ones = last in ("tens", "and-tens", "and-score")  # twenty-five, thirty and two
        if w in _ONES and (small or (ones and 0 < _ONES[w] < 10)
                           or (last == "and-score" and _ONES[w] < 20)):
            group, last = group + _ONES[w], "teens" if _ONES[w] >= 10 else "ones"
        elif w in _TENS and (small or last == "and-ones"):
            group, last = group + _TENS[w], "tens"
        elif w == "hundred" and last in ("ones", "teens") and group < 100:
            group, last = group * 100, "hundred"
        elif w in SCALES and group and (SCALES[w] < top or again and SCALES[w] == top):
            top = int(SCALES[w])
            total, group, last, again = total + group * top, 0, "scale", False
        elif w == "and" and j + 1 < len(toks):
            again = again or last == "scale"
            last = _after_and(last, group, toks[j + 1][2], between, toks[j - 1][2])
            if last.startswith("and"):
                j += 1
                continue
            break
        elif (w in _ORD_ONES and (small or (ones and _ORD_ONES[w] < 10))) or (
                w in _ORD_TENS and (small or last == "and-ones")):
            group += _ORD_ONES.get(w, 0) + _ORD_TENS.get(w, 0)
            kind, end, j = "ordinal", toks[j][1], j + 1
            break
        elif w in _ORD_SCALES and group and _ORD_SCALES[w] < top:
            # one thousand five hundredth = 1000 + 5 * 100, as in the cardinal
            total, group = total + group * _ORD_SCALES[w], 0
            kind, end, j = "ordinal", toks[j][1], j + 1
            break
        else:
            break
        end, j = toks[j][1], j + 1
    if end < 0:
        return None
    scale = float(top) if top < 10**15 and not group and kind == "integer" else 1.0
    return _en_suffix(t, toks, j, WordNumber(toks[k][0], end, float(total + group), kind,
                                             scale))


def _after_and(last: str, group: int, nxt: str, between: bool, prev: str) -> str:
    """The state after ``and`` inside a number phrase, or ``stop`` when ``and`` ends it.

    Modern (a hundred and five, a thousand and twenty) and archaic English (five and
    twenty = 25, thirty and two = 32, three and twentieth = 23rd, threescore and ten =
    70) both join; but ``between five and twenty`` is two numbers. ``prev`` is the word
    before ``and``, ``nxt`` the word after it.
    """
    if last == "tens" and prev in _SCORES and 0 < _ONES.get(nxt, 0) < 20:
        return "and-score"
    if last in ("hundred", "scale") and (nxt in _ONES or nxt in _TENS):
        return "and"
    if last == "tens" and 0 < _ONES.get(nxt, 0) < 10:
        return "and-tens"
    if last == "ones" and group % 100 < 10 and not between and (
            nxt in _TENS or nxt in _ORD_TENS):
        return "and-ones"
    return "stop"


def _en_suffix(t: str, toks: list[tuple[int, int, str]], j: int, n: WordNumber
               ) -> tuple[WordNumber, int]:
    """What follows a phrase: a denominator (one-third, two tenth deals) or ``part``
    after an ordinal (the fifth part) makes a fraction; percent / per cent / % a
    percentage. Returns the number and the next token."""
    nxt = toks[j][2] if j < len(toks) and _joined(t, toks[j - 1], toks[j]) else ""
    den = _HALVES.get(nxt) or _denominator(nxt)
    if n.kind == "integer" and 0 < n.value < den:
        return WordNumber(n.start, toks[j][1], n.value / den, "fraction", 1.0, float(den)), j + 1
    if n.kind == "ordinal" and n.value >= 3 and nxt in ("part", "parts", "deal", "deals"):
        return WordNumber(n.start, toks[j][1], 1 / n.value, "fraction", 1.0, n.value), j + 1
    p = _PERCENT_AFTER.match(t, n.end)
    if p and n.kind == "integer":
        n = n._replace(kind="percent", end=p.end())
        while j < len(toks) and toks[j][0] < p.end():
            j += 1
    return n, j


def _denominator(word: str) -> int:
    """3 for third/thirds, 20 for twentieth; 0 for any other word (first, second)."""
    w = word[:-1] if word.endswith("s") else word
    v = _ORD_ONES.get(w) or _ORD_TENS.get(w) or _ORD_SCALES.get(w) or 0
    return v if v >= 3 else 0


def _joined(t: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """True when two words are one phrase: only spaces or a hyphen between them."""
    return _JOIN.fullmatch(t, a[1], b[0]) is not None
