"""Offset-preserving normalisation: one character in, one character out.

:func:`fold` makes the spellings of the same text compare equal without moving any
character, so a span found in the folded text is the span in the original:

* full-width ASCII (``ＡＢＣ``, ``１２３``, ``（）``, ``＂``, and so also the Chinese
  comma, colon, semicolon, ``！`` and ``？``) becomes ASCII (the NFKC mapping of these
  characters);
* double quotes of every style (“”„‟「」『』＂″〝〞«») become ``"``, single quotes and
  apostrophes (‘’‛′＇`) become ``'``;
* odd and invisible spaces (no-break, ideographic, typographic, zero-width, BOM, tab;
  see :data:`align.text.script.SPACES`) become a plain space.

The ideographic full stop and comma (。、), title marks (《》), dashes and ellipses
are left alone: they have no ASCII twin.
"""

from __future__ import annotations

from types import MappingProxyType

from align.text.script import FULLWIDTH_OFFSET, INVISIBLE_SPACES, ODD_SPACES

__all__ = ["QUOTES", "fold", "fold_char"]

_DOUBLE = "“”„‟「」『』＂″〝〞«»"
_SINGLE = "‘’‛′＇`"

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
    return table


_TABLE = _table()


def fold_char(c: str) -> str:
    """The folded form of one character (see the module docstring); always one character.

    Args:
        c: a single character.

    Returns:
        ``c`` itself, its ASCII form, ``'"'``/``"'"`` for a quote, or ``" "`` for an odd space.
    """
    return _TABLE.get(ord(c), c)


def fold(text: str) -> str:
    """``text`` with full-width ASCII, quote styles and odd spaces folded.

    Returns:
        A string of the same length as ``text``: ``fold(text)[i] == fold_char(text[i])``,
        so offsets found in the result index into ``text``.
    """
    return text.translate(_TABLE)
