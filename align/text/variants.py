"""Traditional and simplified Chinese: detection, and a simplified view for matching.

Chinese from Hong Kong, Taiwan and Macao is written in traditional characters; the
dictionary, the glossaries and most translation memories are simplified. The toolkit
keeps every text as written and compares through a *simplified view*: the same
text converted by OpenCC's ``t2s`` (traditional to simplified, phrase-aware), one
character for one, so offsets found in the view index into the original.

A language code ``zh-Hant`` means Chinese in traditional characters wherever a
language is given; ``zh`` means Chinese, with the script detected.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from align.errors import ConfigError
from align.text.script import HAN_RE, count_han
from align.types import Lang, Segment, check_lang

__all__ = ["HANT", "base_lang", "check_language", "is_traditional", "simplified_segments", "to_simplified",
           "traditional_share"]

#: The language code of Chinese written in traditional characters.
HANT = "zh-Hant"
#: A text is traditional when t2s changes at least this share of its Han characters.
#: Simplified text changes by well under 1 % (a few characters such as 乾 in names);
#: traditional running text by 15-30 % (most common words have a simplified form).
MIN_SHARE = 0.05
#: ... and at least this many of them (a short heading proves nothing).
MIN_CHANGED = 3

_LOCK = threading.Lock()


def base_lang(lang: str) -> Lang:
    """The library's language code for a language option: ``zh-Hant`` -> ``zh``.

    Raises:
        ConfigError: an unknown code.
    """
    if lang.casefold() == HANT.casefold():
        return "zh"
    if lang not in ("zh", "en"):
        raise ConfigError(f"unknown language {lang!r}; use one of: zh, {HANT}, en")
    return check_lang(lang)


def check_language(lang: str) -> str:
    """A language option spelled canonically: "zh", "zh-Hant" (in any letter case) or
    "en", so that ``lang == HANT`` finds traditional Chinese.

    Raises:
        ConfigError: an unknown code.
    """
    base = base_lang(lang)
    return HANT if base != lang else base


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _convert(text: str) -> str:
    with _LOCK:  # one converter per process; OpenCC objects are not documented thread-safe
        return str(_converter().convert(text))


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones (OpenCC t2s),
    one character for one: ``len(to_simplified(t)) == len(t)``, so a span found in the
    result is the span in ``text``.

    Where a phrase conversion changes the length, the characters of the text are
    converted one by one instead (each kept if its own conversion is not one character).
    """
    if not HAN_RE.search(text):
        return text
    out = _convert(text)
    if len(out) == len(text):
        return out
    chars = _convert("\n".join(text)).split("\n")
    if len(chars) != len(text):  # a line break inside the text: convert it in pieces
        chars = [_convert(c) for c in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text, strict=True))


def traditional_share(text: str) -> tuple[int, int]:
    """(Han characters that t2s changes, Han characters) in ``text``."""
    simple = to_simplified(text)  # one character for one
    changed = sum(1 for a, b in zip(text, simple, strict=True) if a != b and HAN_RE.match(a))
    return changed, count_han(text)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is Chinese written in traditional characters: OpenCC's t2s
    changes a meaningful share of its Han characters (:data:`MIN_SHARE`, and at
    least :data:`MIN_CHANGED` of them)."""
    changed, han = traditional_share(text)
    return changed >= MIN_CHANGED and changed >= MIN_SHARE * han


def simplified_segments(segments: Sequence[Segment], *, force: bool | None = None
                        ) -> list[Segment]:
    """The simplified view of a Chinese side, for features and matching only.

    Args:
        segments: Chinese sentences.
        force: True to convert, False not to, None to convert when the side as a
            whole :func:`is_traditional`.

    Returns:
        The segments with their text converted (indices, spans, paragraphs kept);
        the same segments when nothing is to be converted.
    """
    convert = is_traditional("".join(s.text for s in segments)) if force is None else force
    if not convert:
        return list(segments)
    return [s if (t := to_simplified(s.text)) == s.text else replace(s, text=t)
            for s in segments]
