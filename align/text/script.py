"""What a character is: the one definition of Han, CJK, Latin and full-width, and display width.

Every module that asks "is this Chinese?" asks here, so a new Unicode block (or a fix to
one) is made once. Ranges are written as regex character-class bodies so callers can embed
them in their own patterns (``rf"[{HAN}]+"``).
"""

from __future__ import annotations

import re
import unicodedata

#: Han ideographs: URO, Extension A, compatibility ideographs and Extensions B-I (planes 2
#: and 3: B-F and I are contiguous up to U+2EE5F; compatibility supplement; G and H).
HAN = ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
       "\U00020000-\U0002ee5f\U0002f800-\U0002fa1f\U00030000-\U000323af")
#: Latin letters: ASCII, Latin-1 Supplement, Extended-A/B and Extended Additional.
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
#: Full-width ASCII variants (！ to ～): each is its ASCII character plus FULLWIDTH_OFFSET.
FULLWIDTH = "\uff01-\uff5e"
#: ``ord(full-width form) - FULLWIDTH_OFFSET`` is the ASCII character (Ａ -> A, ０ -> 0).
FULLWIDTH_OFFSET = 0xFEE0
#: Spaces other than the ASCII space that separate words or pad text: no-break, the
#: ideographic space, the typographic spaces U+2000-U+200A, narrow no-break, medium
#: mathematical. (Tab is listed too: a horizontal space in running text.)
ODD_SPACES = ("\t\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
              "\u2009\u200a\u202f\u205f")
#: Invisible characters that copy-paste and web pages leave inside text: zero-width space,
#: and the byte-order mark used as a zero-width no-break space.
INVISIBLE_SPACES = "\u200b\ufeff"
#: Every horizontal space a sentence is trimmed of: ASCII space, odd and invisible spaces.
SPACES = " " + ODD_SPACES + INVISIBLE_SPACES

HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")
LATIN_RE = re.compile(f"[{LATIN}]")


def is_han(ch: str) -> bool:
    """True for one Han ideograph (any CJK Unified Ideographs block, compatibility included)."""
    return HAN_RE.fullmatch(ch) is not None


def has_han(text: str) -> bool:
    """True when ``text`` contains at least one Han ideograph."""
    return HAN_RE.search(text) is not None


def count_han(text: str) -> int:
    """Number of Han ideographs in ``text``."""
    return len(HAN_RE.findall(text))


def is_wide(ch: str) -> bool:
    """True when ``ch`` takes two columns in a terminal (East Asian Wide or Full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters count two.

    Used for aligned terminal tables and for length limits that should suit both
    languages (a Chinese heading of 20 characters is as long on the page as 40 letters).
    """
    return sum(2 if is_wide(c) else 1 for c in text)
