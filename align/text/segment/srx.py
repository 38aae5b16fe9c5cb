"""SRX segmentation rules applied to text: the engine (files are read by
:func:`align.formats.srx.read_srx`).

SRX 2.0 (the segmentation exchange format of Okapi, Trados and OmegaT): a language
has an ordered list of rules, each a ``beforebreak`` and an ``afterbreak`` regular
expression and whether a break goes between them (``break="yes"``) or not
(``break="no"``, an exception such as ``Mr.``). At every position between two
characters the first rule whose ``beforebreak`` matches the text ending there and
whose ``afterbreak`` matches the text starting there decides; where no rule
matches, there is no break.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["SrxRule", "SrxRules", "srx_breaks"]


@dataclass(frozen=True, slots=True)
class SrxRule:
    """One SRX rule, its expressions compiled (Python syntax).

    Attributes:
        brk: True for ``break="yes"``, False for an exception.
        pattern: ``beforebreak`` followed by a lookahead of ``afterbreak``; a match
            ending at a position means the rule applies there.
        line: where the rule is in its file (for messages).
    """

    brk: bool
    pattern: re.Pattern[str]
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SrxRules:
    """The SRX rules of each language that has some ("zh", "en").

    Attributes:
        rules: language -> its rules in order (cascaded language rules included).
        source: the file they were read from.
    """

    rules: Mapping[str, tuple[SrxRule, ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    source: str = ""

    def for_lang(self, lang: str) -> tuple[SrxRule, ...] | None:
        """The rules for ``lang``, or None to use the built-in segmenter."""
        return self.rules.get(lang) or None


def srx_breaks(text: str, start: int, end: int, rules: tuple[SrxRule, ...]) -> list[int]:
    """The break positions strictly inside ``text[start:end]``, ascending.

    Matches may overlap: each rule is searched again from one character after the
    start of its previous match, so every position where it applies is found.
    """
    decided: dict[int, bool] = {}
    for rule in rules:
        pos = start
        while pos <= end:
            m = rule.pattern.search(text, pos, end)
            if m is None:
                break
            at = m.end()
            if start < at < end:
                decided.setdefault(at, rule.brk)
            pos = m.start() + 1
    return sorted(p for p, brk in decided.items() if brk)
