"""Checks of the target's typography, one function per finding kind: doubled-word
("the the"), doubled-space, and unpaired-mark (a quote or bracket left open or closed
on one side while the other side's marks all pair up).

Pairs: “” ‘’ () （） 《》 「」 [] ; a full-width and a half-width parenthesis pair
with each other (（…) is a typo, not a missing bracket). ’ inside a word or with no ‘
open is an apostrophe (Beijing’s, citizens’), never a closing quote.
"""

from __future__ import annotations

import re

from align.qa.checks import BeadText
from align.qa.findings import Finding
from align.text.script import ODD_SPACES

#: opening mark -> the closing marks that close it
PAIRS = {"“": "”", "‘": "’", "(": ")）", "（": ")）", "《": "》", "「": "」", "[": "]"}
_CLOSERS = frozenset("”’)）》」]")
_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_]+)\s+(\1)(?![\w'’-])", re.IGNORECASE)
#: words that English doubles by grammar ("he had had", "said that that was")
_GRAMMATICAL = frozenset({"had", "that"})
_SPACES = re.compile(f"[ {ODD_SPACES}]{{2,}}")


def doubled_word(b: BeadText) -> Finding | None:
    """doubled-word (warning): a word written twice in a row in the target ("the
    the"), except the doubles English grammar makes ("had had", "that that")."""
    found = [m for m in _DOUBLED.finditer(b.tgt) if m.group(1).lower() not in _GRAMMATICAL]
    if not found:
        return None
    listing = ", ".join(repr(m.group()) for m in found)
    return b.finding("doubled-word", "warning", None, f"doubled word in the target: {listing}",
                     {"found": " | ".join(m.group() for m in found),
                      "offsets": " ".join(str(m.start()) for m in found)})


def doubled_space(b: BeadText) -> Finding | None:
    """doubled-space (info): two or more spaces in a row inside the target (no-break
    and other odd spaces count as spaces)."""
    pad = " " + ODD_SPACES
    start, end = len(b.tgt) - len(b.tgt.lstrip(pad)), len(b.tgt.rstrip(pad))
    found = list(_SPACES.finditer(b.tgt, start, max(start, end)))
    if not found:
        return None
    return b.finding("doubled-space", "info", None,
                     f"{len(found)} doubled space(s) in the target",
                     {"offsets": " ".join(str(m.start()) for m in found)})


def unpaired(text: str) -> list[tuple[int, str]]:
    """The quotes and brackets of ``text`` (see :data:`PAIRS`) that do not pair up, as
    ``(offset, mark)``: closers without an opener, and openers left open."""
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str]] = []
    for i, c in enumerate(text):
        if c in PAIRS:
            stack.append((i, c))
        elif c in _CLOSERS:
            k = next((k for k in range(len(stack) - 1, -1, -1)
                      if c in PAIRS[stack[k][1]]), None)
            if k is not None:
                out.extend(stack[k + 1:])
                del stack[k:]
            elif c != "’":  # a lone ’ is an apostrophe
                out.append((i, c))
    out.extend(stack)
    return sorted(out)


def unpaired_mark(b: BeadText) -> Finding | None:
    """unpaired-mark (warning): a quote or bracket that does not pair up on one side of
    the bead, while every mark on the other side pairs up (a quotation running over
    two sentences leaves both sides unpaired, and is not reported)."""
    src, tgt = unpaired(_no_apostrophes(b.src)), unpaired(_no_apostrophes(b.tgt))
    if bool(src) == bool(tgt):
        return None
    side, marks = ("source", src) if src else ("target", tgt)
    listing = " ".join(m for _, m in marks)
    return b.finding("unpaired-mark", "warning", None,
                     f"unpaired {listing} in the {side}; the {'target' if src else 'source'} "
                     "pairs its marks", {"side": side, "marks": listing,
                                         "offsets": " ".join(str(i) for i, _ in marks)})


def _no_apostrophes(text: str) -> str:
    """``text`` with each ’ between two letters (Beijing’s, don’t) made a plain
    apostrophe, so it is not read as a closing quote."""
    return re.sub(r"(?<=[^\W\d_])’(?=[^\W\d_])", "'", text)
