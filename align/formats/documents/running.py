"""Running headers, footers and page numbers of a paged document, found by repetition.

Word processors and browsers print the same lines on every page: the title, the
date and time of printing, the URL, "2/3", "Page 2 of 3", "- 2 -". None of them is
named here. A line is *running* when, with every run of digits read as one number
sign, the same line stands at the same place (the k-th line from the top, or from
the bottom) on enough pages; a line made only of digits and punctuation at the very
top or bottom of a page is a page number even in a one-page document.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["EDGE_LINES", "running_lines"]

#: How many lines at the top and at the bottom of a page can be running lines.
EDGE_LINES = 3
#: A line is running when it repeats on at least this share of the pages (and on two).
MIN_SHARE = 0.4

_DIGITS = re.compile(r"\d+")
_NUMBER_ONLY = re.compile(r"[#\s\-–—/|·.,:()（）\[\]]*#[#\s\-–—/|·.,:()（）\[\]]*")


def _key(line: str) -> str:
    """The line with every number as ``#``, case and spacing folded."""
    return " ".join(_DIGITS.sub("#", line).casefold().split())


def running_lines(pages: Sequence[Sequence[str]]) -> set[tuple[int, int]]:
    """Find the running headers, footers and page numbers of a paged document.

    Args:
        pages: the lines of each page, top to bottom.

    Returns:
        (page index, line index) of every running line.
    """
    places: Counter[tuple[str, int, str]] = Counter()
    for lines in pages:
        seen = set()
        for side, k in _edges(len(lines)):
            seen.add((side, k if side == "top" else len(lines) - 1 - k, _key(lines[k])))
        places.update(seen)
    need = max(2, math.ceil(MIN_SHARE * len(pages)))
    found: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for side, k in _edges(len(lines)):
            key = _key(lines[k])
            pos = k if side == "top" else len(lines) - 1 - k
            if places[(side, pos, key)] >= need:
                found.add((p, k))
            elif pos == 0 and _NUMBER_ONLY.fullmatch(key):
                found.add((p, k))
    return _edge_runs(pages, found)


def _edges(n: int) -> list[tuple[str, int]]:
    """(side, line index) of the lines at the top and bottom edges of a page of ``n``
    lines; a short page's lines are looked at from both sides."""
    top = [("top", k) for k in range(min(EDGE_LINES, n))]
    return top + [("bottom", k) for k in range(max(0, n - EDGE_LINES), n)]


def _edge_runs(pages: Sequence[Sequence[str]], found: set[tuple[int, int]]
               ) -> set[tuple[int, int]]:
    """Keep only running lines that touch the page edge, directly or through other
    running lines: a body line between two of them is never furniture."""
    kept: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        k = 0
        while k < len(lines) and (p, k) in found:
            kept.add((p, k))
            k += 1
        k = len(lines) - 1
        while k >= 0 and (p, k) in found:
            kept.add((p, k))
            k -= 1
    return kept
