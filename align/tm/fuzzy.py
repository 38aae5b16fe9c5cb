"""CAT-style fuzzy match percentages.

Score convention: a match *percentage* is an int in [0, 100], higher is better;
100 means the stored source is identical to the query, nothing else gets 100.

Text is split into tokens after NFKC normalisation: one token per Chinese
character (so Chinese is compared character by character), one per Latin word
(English word by word; letters with digits such as G20 or 5G are words), one per number (``2024``, ``1,000.5``, ``5%``) and one per
punctuation mark. Then, as CAT tools do:

* *text distance* ``d`` = Levenshtein distance over the word/character tokens, with
  every number replaced by a placeholder and punctuation left out, compared case-
  insensitively; ``L`` = the longer of the two token sequences;
* *placeable distance* ``p`` = Levenshtein distance over the sequence of numbers
  and punctuation marks;
* percentage = ``floor(100 * (1 - d / L)) - p``, clamped to [0, 99]; when ``d = 0``
  (only numbers, punctuation, case, width or spacing differ) the percentage is
  ``100 - max(p, 1)``, so a changed date gives 99 and two changed numbers 98.

So a difference only in numbers or punctuation scores 95-99 for up to five such
differences and ranks above a text difference of the same percentage (ranking
key: percentage, then "placeables only", then chrF). chrF (sacrebleu, character
6-grams, in [0, 100]) is the second signal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from align.text.script import HAN

_ALNUM = rf"[^\W_{HAN}]"
_TOKEN = re.compile(
    rf"(?P<w>\d*[^\W\d_{HAN}]{_ALNUM}*(?:['’-]{_ALNUM}+)*)"  # words, G20, 5G
    rf"|(?P<n>\d+(?:[.,:/]\d+)*%?)"
    rf"|(?P<c>[{HAN}])"
    rf"|(?P<p>[^\w\s])"
)
NUM = "\x00N"


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text split for matching.

    Attributes:
        text: word/character tokens, lower case, numbers as a placeholder.
        placeables: numbers and punctuation marks, in order.
    """

    text: tuple[str, ...]
    placeables: tuple[str, ...]


@lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Split ``text`` into text tokens and placeables (see module docstring)."""
    words: list[str] = []
    places: list[str] = []
    for m in _TOKEN.finditer(unicodedata.normalize("NFKC", text)):
        kind = m.lastgroup
        tok = m.group()
        if kind == "n":
            words.append(NUM)
            places.append(tok)
        elif kind == "p":
            places.append(tok)
        else:
            words.append(tok.lower())
    return Analysis(tuple(words), tuple(places))


def levenshtein(a: tuple[str, ...] | list[str] | str, b: tuple[str, ...] | list[str] | str) -> int:
    """Levenshtein distance between two token sequences (bit-parallel, Myers/Hyyrö).

    Runs in O(len(a) * len(b) / word size) with Python big ints as bit vectors.
    """
    if len(a) > len(b):
        a, b = b, a
    m = len(a)
    if m == 0:
        return len(b)
    peq: dict[Any, int] = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    vp, vn, score = full, 0, m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | vn
        xh = (((eq & vp) + vp) ^ vp) | eq
        hp = vn | (~(xh | vp) & full)
        hn = vp & xh
        if hp & top:
            score += 1
        elif hn & top:
            score -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        vp = hn | (~(xv | hp) & full)
        vn = hp & xv
    return score


@dataclass(frozen=True, slots=True)
class MatchScore:
    """How well a stored source matches a query.

    Attributes:
        percent: CAT match percentage in [0, 100] (100 = identical).
        placeables_only: only numbers/punctuation/case/spacing differ.
        chrf: chrF of the stored source against the query, in [0, 100].
    """

    percent: int
    placeables_only: bool
    chrf: float

    @property
    def rank_key(self) -> tuple[int, bool, float]:
        """Sort key, higher is better: percentage, placeables only, chrF."""
        return (self.percent, self.placeables_only, self.chrf)


def match_percent(query: str, candidate: str) -> int:
    """The CAT match percentage of ``candidate`` for ``query`` (module docstring)."""
    return percent_and_kind(query, candidate)[0]


def percent_and_kind(query: str, candidate: str) -> tuple[int, bool]:
    """(match percentage, True if only placeables/case/spacing differ)."""
    if query == candidate:
        return 100, True
    qa, ca = analyse(query), analyse(candidate)
    d = levenshtein(qa.text, ca.text)
    p = levenshtein(qa.placeables, ca.placeables)
    if d == 0:
        return max(0, 100 - max(p, 1)), True
    longer = max(len(qa.text), len(ca.text))
    return max(0, min(99, int(100 * (1 - d / longer)) - p)), False


_CHRF: Any = None


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu sentence chrF (character 6-grams, beta 2) in [0, 100]."""
    global _CHRF
    if _CHRF is None:
        from sacrebleu.metrics import CHRF

        _CHRF = CHRF()
    return float(_CHRF.sentence_score(hypothesis, [reference]).score)


def score_match(query: str, candidate: str) -> MatchScore:
    """Percentage, placeables-only flag and chrF of ``candidate`` for ``query``."""
    percent, only = percent_and_kind(query, candidate)
    return MatchScore(percent, only, 100.0 if percent == 100 else chrf(candidate, query))


def band(percent: int | None) -> str:
    """The analysis band of a percentage: "100", "95-99", "85-94", "75-84",
    "50-74" or "no match" (None or below 50)."""
    if percent is None or percent < 50:
        return "no match"
    if percent == 100:
        return "100"
    for low, name in ((95, "95-99"), (85, "85-94"), (75, "75-84")):
        if percent >= low:
            return name
    return "50-74"


BANDS = ("100", "95-99", "85-94", "75-84", "50-74", "no match")
