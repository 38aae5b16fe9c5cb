"""Language identification by script: Chinese ("zh") or English ("en").

The toolkit handles exactly two languages written in two different scripts, so
counting letters is enough and needs no model: Han characters mean Chinese,
Latin letters mean English. A Chinese text with Latin names or acronyms in it
(APEC, 5G, Python) is still Chinese; an English text quoting a few Chinese terms
is still English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from os import PathLike

from align.errors import InputError
from align.text.script import HAN_RE, LATIN_RE
from align.types import Lang, check_lang

_LETTER = re.compile(r"[^\W\d_]")  # any letter of any script (ideographs included)

#: ``detect_lang`` says "zh" when at least this share of the letters are Han.
ZH_THRESHOLD = 0.3
#: ``check_lang_matches`` only objects when the script clearly contradicts the
#: declared language: a text declared "en" with at least this Han share, ...
CLEARLY_ZH = 0.5
#: ... or a text declared "zh" with at most this Han share.
CLEARLY_EN = 0.1
#: Texts longer than this are judged on their first part (the script of a
#: document does not change half-way through).
SAMPLE_CHARS = 200_000

_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    """Letters of a text counted by script.

    Attributes:
        han: Han characters (:data:`align.text.script.HAN`: every CJK ideograph block).
        latin: Latin letters (:data:`align.text.script.LATIN`: ASCII and accented).
        other: letters of any other script (kana, Hangul, Cyrillic, ...).
    """

    han: int
    latin: int
    other: int

    @property
    def letters(self) -> int:
        """All letters counted."""
        return self.han + self.latin + self.other

    @property
    def han_share(self) -> float:
        """Share of Han characters among Han and Latin letters (0 when there are none)."""
        n = self.han + self.latin
        return self.han / n if n else 0.0


def count_scripts(text: str) -> ScriptCounts:
    """Count the letters of ``text`` (its first :data:`SAMPLE_CHARS` characters) by script."""
    sample = text[:SAMPLE_CHARS]
    han = len(HAN_RE.findall(sample))
    latin = len(LATIN_RE.findall(sample))
    letters = len(_LETTER.findall(sample))
    # \w does not match every Han ideograph in every Python build; never go negative.
    return ScriptCounts(han, latin, max(letters - han - latin, 0))


def detect_lang(text: str, path: str | PathLike[str] | None = None) -> Lang:
    """Tell whether ``text`` is Chinese or English by its script.

    Args:
        text: the text (a whole document is best; a sentence works).
        path: the file the text came from, for error messages.

    Returns:
        "zh" when at least :data:`ZH_THRESHOLD` of its Han+Latin letters are Han
        characters, else "en".

    Raises:
        InputError: the text has no letters at all, or its letters are mostly of
            another script (Japanese kana, Korean, Cyrillic, ...).
    """
    return _lang_of(count_scripts(text), path)


def _lang_of(c: ScriptCounts, path: str | PathLike[str] | None) -> Lang:
    """:func:`detect_lang` on counted letters (so a caller that needs the counts
    again counts once)."""
    if c.letters == 0:
        raise InputError(
            "no text to detect language from (no letters at all); "
            "give a file with Chinese or English text", path)
    if c.other > c.han + c.latin:
        raise InputError(
            "the text is mostly in a script other than Chinese or English "
            f"({c.other} of {c.letters} letters); zhen-align handles Chinese and English only",
            path)
    return "zh" if c.han_share >= ZH_THRESHOLD else "en"


def check_lang_matches(text: str, lang: str, path: str | PathLike[str] | None = None) -> Lang:
    """Check that ``text`` is written in the script of the declared language.

    Only a clear contradiction is an error (a text declared "en" that is at least
    half Han characters, or declared "zh" with at most a tenth): in between, the
    caller's word wins.

    Args:
        text: the text.
        lang: the declared language, "zh" or "en".
        path: the file the text came from, for error messages.

    Returns:
        ``lang``, checked.

    Raises:
        ConfigError: ``lang`` is not a supported language code.
        InputError: the text has no letters, or it looks like the other language.
    """
    declared = check_lang(lang)
    counts = count_scripts(text)
    _lang_of(counts, path)  # raises on text without letters / of another script
    share = counts.han_share
    if declared == "en" and share >= CLEARLY_ZH:
        found: Lang | None = "zh"
    elif declared == "zh" and share <= CLEARLY_EN:
        found = "en"
    else:
        found = None
    if found is not None:
        raise InputError(
            f"the text looks {_NAMES[found]} ({share:.0%} of its letters are Han characters) "
            f"but its language was given as {declared}; check that this is the right file, or "
            f"give its language as {found}", path)  # the option is --lang, --src-lang, ...
    return declared
