"""Quoted expressions: official Chinese marks slogans and brands with quotes (“七有”,
“北京服务”) and the English usually quotes their rendering ("Seven accesses"), which
makes quotes the strongest evidence term discovery has.

The Chinese functions work on text already passed through
:func:`align.text.normalize.fold` (curly quotes folded to ``"``).
"""

from __future__ import annotations

import re

#: a quoted Chinese expression (after fold): “…” 「…」 『…』
ZH_QUOTE = re.compile(r'"([^"\n]{1,16})"|「([^」\n]{1,16})」|『([^』\n]{1,16})』')
#: a quoted English expression, straight or curly quotes
EN_QUOTE = re.compile(r'["“]([^"“”\n]{1,80})["”]')


def zh_quoted(text: str) -> list[str]:
    """The quoted expressions of a normalised Chinese text, without their quote marks,
    stripped, in text order."""
    return [(m.group(1) or m.group(2) or m.group(3)).strip() for m in ZH_QUOTE.finditer(text)]


def en_quoted(text: str) -> list[str]:
    """The quoted expressions of an English text, without their quote marks, stripped,
    in text order."""
    return [m.group(1).strip() for m in EN_QUOTE.finditer(text)]


def strip_quotes(s: str) -> str:
    """``s`` without quote marks (after :func:`~align.text.normalize.fold`)."""
    return s.replace('"', "").replace("'", "").strip()
