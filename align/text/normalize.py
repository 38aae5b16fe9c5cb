"""Offset-preserving normalisation: one character in, one character out.

:func:`fold` makes the spellings of the same text compare equal without moving any
character, so a span found in the folded text is the span in the original:

* full-width ASCII (``ＡＢＣ``, ``１２３``, ``（）``, ``＂``, and so also the Chinese
  comma, colon, semicolon, ``！`` and ``？``) becomes ASCII (the NFKC mapping of these
  characters);
* double quotes of every style (“”„‟「」『』＂″〝〞«») become ``"``, single quotes and
  apostrophes (‘’‛′＇`) become ``'``;
* odd and invisible spaces (no-break, ideographic, typographic, zero-width, BOM, tab;
  see :data:`align.text.script.SPACES`) become a plain space;
* CJK compatibility characters become the ideograph they stand for (see
  :func:`fold_cjk_compat`).

The ideographic full stop and comma (。、), title marks (《》), dashes and ellipses
are left alone: they have no ASCII twin.
"""

from __future__ import annotations

import unicodedata
from types import MappingProxyType

from align.text.script import FULLWIDTH_OFFSET, INVISIBLE_SPACES, ODD_SPACES

__all__ = ["QUOTES", "fold", "fold_char", "fold_cjk_compat", "folding_to"]

_DOUBLE = "“”„‟「」『』＂″〝〞«»"
_SINGLE = "‘’‛′＇`"

# CJK Radicals Supplement -> the unified ideograph each one stands for (Unicode's
# Equivalent_Unified_Ideograph property, EquivalentUnifiedIdeograph.txt), in pairs by
# position. The Kangxi radicals (U+2F00-U+2FD5) and the compatibility ideographs get
# theirs from Unicode's own decompositions (see _cjk_compat_table).
_RADICALS = "⺁⺂⺃⺄⺅⺆⺇⺈⺉⺊⺋⺌⺍⺎⺏⺐⺑⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺱⺲⺳⺴⺵⺶⺷⺸⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳"
_RADICAL_IDEOGRAPHS = "厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑彐忄心扌攵旡日月歺母民氵氺灬爫爫丬牛犭王𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟"

#: quote mark -> its ASCII form (``"`` or ``'``).
QUOTES = MappingProxyType({**dict.fromkeys(_DOUBLE, '"'), **dict.fromkeys(_SINGLE, "'")})


def _table() -> dict[int, str]:
    """The translation table behind :func:`fold` (code point -> one character)."""
    table: dict[int, str] = {}
    for o in range(0xFF01, 0xFF5F):  # script.FULLWIDTH; ＂ ＇ ｀ then fold as quotes
        ascii_ = chr(o - FULLWIDTH_OFFSET)
        table[o] = QUOTES.get(ascii_, ascii_)
    table.update((ord(q), a) for q, a in QUOTES.items())
    table.update((ord(c), " ") for c in ODD_SPACES + INVISIBLE_SPACES)
    table.update(_CJK_COMPAT)
    return table


def _cjk_compat_table() -> dict[int, str]:
    """Code point -> ideograph for the characters PDF text layers and old encodings
    carry in place of ideographs: CJK radicals (⽉ U+2F49 for 月, ⻓ U+2ED3 for 长) and
    CJK compatibility ideographs (U+F900-U+FAFF, U+2F800-U+2FA1F; U+F9B5 for 例)."""
    table = {ord(r): i for r, i in zip(_RADICALS, _RADICAL_IDEOGRAPHS, strict=True)}
    for lo, hi, form in ((0x2F00, 0x2FD5, "NFKC"), (0xF900, 0xFAFF, "NFC"),
                         (0x2F800, 0x2FA1F, "NFC")):
        for o in range(lo, hi + 1):
            to = unicodedata.normalize(form, chr(o))  # type: ignore[arg-type]
            if len(to) == 1 and to != chr(o):
                table[o] = to
    return table


_CJK_COMPAT = _cjk_compat_table()
_TABLE = _table()


def fold_char(c: str) -> str:
    """The folded form of one character (see the module docstring); always one character.

    Args:
        c: a single character.

    Returns:
        ``c`` itself, its ASCII form, ``'"'``/``"'"`` for a quote, or ``" "`` for an odd space.
    """
    return _TABLE.get(ord(c), c)


def fold_cjk_compat(text: str) -> str:
    """``text`` with CJK radicals and compatibility ideographs replaced by the unified
    ideographs they stand for (``⾼⽔平`` -> ``高水平``), one character for one, and
    nothing else changed.

    Text extracted from PDFs often carries them: a font maps one glyph to both the
    radical and the ideograph, and the extractor picks the radical. They look the same
    but match nothing (dictionary, glossary, translation memory).
    """
    return text.translate(_CJK_COMPAT)


def fold(text: str) -> str:
    """``text`` with full-width ASCII, quote styles and odd spaces folded.

    Returns:
        A string of the same length as ``text``: ``fold(text)[i] == fold_char(text[i])``,
        so offsets found in the result index into ``text``.
    """
    return text.translate(_TABLE)


def folding_to(chars: str) -> str:
    """Every character that :func:`fold` turns into one of ``chars`` (``chars``
    themselves included, unless fold changes them): a text has none of them exactly
    when its folded form has none of ``chars``, which is cheaper to ask of the text."""
    kept = "".join(c for c in chars if ord(c) not in _TABLE)
    return kept + "".join(chr(o) for o, c in _TABLE.items() if c in chars)
