"""The checks of ``align check`` that need no glossary, one function per finding kind:
addition, empty-target, untranslated, number-mismatch and sentence-inconsistent.

Each check looks at one :class:`BeadText` and returns a :class:`~align.qa.findings.Finding`
or None; the glossary checks are in :mod:`align.qa.term_checks`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from align.qa.findings import Finding, Severity
from align.qa.numbers import compare_numbers, fmt
from align.text.script import LATIN_RE, count_han, has_han
from align.types import Alignment, number_shown


@dataclass(frozen=True, slots=True)
class BeadText:
    """One bead as the checks see it: its texts in both orders.

    Attributes:
        index: 0-based position in ``Alignment.beads``.
        src: the joined source text.
        tgt: the joined target text.
        zh: the Chinese side (``src`` or ``tgt``).
        en: the English side.
        zh_is_src: whether Chinese is the source language.
    """

    index: int
    src: str
    tgt: str
    zh: str
    en: str
    zh_is_src: bool

    def finding(self, kind: str, severity: Severity, term: str | None, message: str,
                details: Mapping[str, str] | None = None) -> Finding:
        """A finding about this bead."""
        return Finding(kind, severity, self.index, self.src, self.tgt, term, message,
                       details or {})


def bead_texts(alignment: Alignment) -> list[BeadText]:
    """Every bead of ``alignment`` as a :class:`BeadText`, in order (list index = bead)."""
    zh_is_src = alignment.src_lang == "zh"
    out = []
    for k, (_, src, tgt) in enumerate(alignment.pairs()):
        zh, en = (src, tgt) if zh_is_src else (tgt, src)
        out.append(BeadText(k, src, tgt, zh, en, zh_is_src))
    return out


def normalize_sentence(s: str) -> str:
    """A sentence folded for comparison: NFKC, white space collapsed, lower case."""
    return " ".join(unicodedata.normalize("NFKC", s).split()).lower()


def addition(b: BeadText) -> Finding | None:
    """addition (info): target text without a source sentence (a 0-n bead)."""
    if b.src.strip():
        return None
    return b.finding("addition", "info", None,
                     "target text without a source sentence (0-n bead)")


def empty_target(b: BeadText) -> Finding | None:
    """empty-target (error): a source sentence without a translation (an n-0 bead)."""
    if b.tgt.strip():
        return None
    return b.finding("empty-target", "error", None, "source sentence without a translation")


def untranslated(b: BeadText) -> Finding | None:
    """untranslated (error): the target is the source again, an English target is
    mostly Chinese characters, or a Chinese target has no Chinese at all."""
    if normalize_sentence(b.src) == normalize_sentence(b.tgt):
        copied = has_han(b.src) or LATIN_RE.search(b.src) is not None
    else:
        han, latin = count_han(b.tgt), len(LATIN_RE.findall(b.tgt))
        if b.zh_is_src:
            copied = han > 0 and han >= latin / 2
        else:
            copied = latin > 0 and han == 0
    if not copied:
        return None
    return b.finding("untranslated", "error", None, "target is the untranslated source text")


def number_mismatch(b: BeadText) -> Finding | None:
    """number-mismatch (error): a number of one side is missing on the other
    (see :mod:`align.qa.numbers` for what counts as the same number)."""
    missing, extra = compare_numbers(b.zh, b.en)
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append("missing in English: " + ", ".join(map(fmt, missing)))
    if extra:
        parts.append("not in Chinese: " + ", ".join(map(fmt, extra)))
    return b.finding("number-mismatch", "error", None,
                     "numbers differ (" + "; ".join(parts) + ")",
                     {"missing": " ".join(map(fmt, missing)),
                      "extra": " ".join(map(fmt, extra))})


def sentence_inconsistent(b: BeadText, first: dict[str, BeadText]) -> Finding | None:
    """sentence-inconsistent (warning): the source sentence was seen before with
    another translation.

    Args:
        b: the bead.
        first: the first bead of each (normalised) source sentence so far; ``b`` is
            recorded there when its sentence is new.
    """
    key = normalize_sentence(b.src)
    earlier = first.get(key) if len(key) > 1 else None
    if earlier is None:
        first.setdefault(key, b)
        return None
    if normalize_sentence(earlier.tgt) == normalize_sentence(b.tgt):
        return None
    other = str(number_shown(earlier.index))
    return b.finding("sentence-inconsistent", "warning", None,
                     f"same source sentence translated differently in bead {other}",
                     {"other_bead": other, "other_target": earlier.tgt})
