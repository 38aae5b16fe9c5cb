"""English forms with a gap, and the English matching key.

A term base may let a rendering hold a gap (Xbench, memoQ): ``expectations … in five
areas`` is found in "expectations for a better life in five areas". The gap is an
ellipsis (``…`` or ``...``) between spaces; the parts match in order, with at most
:data:`GAP_WORDS` words between consecutive parts, within one sentence (see
:func:`place` and :func:`token_sentences`; :mod:`align.terms.match` finds them).
"""

from __future__ import annotations

import re

from align.text.english import term_tokens
from align.text.segment import split_sentences

#: The gap of a discontinuous English form: an ellipsis ("…" or "...") between spaces.
GAP = re.compile(r"\s+(?:…|\.\.\.)\s+")
#: The most words a gap may hold between two parts of a discontinuous form. A gap
#: stands for a modifier or a short phrase of the sentence ("expectations [for a
#: better life] in five areas"); eight words hold such a phrase, while parts further
#: apart are more likely two unrelated uses of the same words.
GAP_WORDS = 8
#: A gap in the key of an English form; no word of a text is this, so the contiguous
#: matcher never matches a form with a gap.
GAP_MARK = "…"


def en_key(form: str) -> tuple[str, ...]:
    """The matching key of an English form: its stem sequence, each gap
    :data:`GAP_MARK`."""
    key: list[str] = []
    for k, part in enumerate(GAP.split(form)):
        key += [GAP_MARK] * (k > 0) + [s for s, _, _ in term_tokens(part)]
    return tuple(key)


def gap_parts(form: str) -> tuple[tuple[str, ...], ...]:
    """The keys of the parts of an English form around its gaps (see :data:`GAP`);
    one part for a form without a gap, none when a part has no word."""
    keys = tuple(tuple(s for s, _, _ in term_tokens(part)) for part in GAP.split(form))
    return keys if all(keys) else ()


def place(toks: list[tuple[str, int, int]], parts: tuple[tuple[str, ...], ...], j: int,
          k: int) -> int | None:
    """The index of the last token of ``parts[k:]`` placed in order from token ``j``
    (``parts[k]`` starting exactly there, each later part after at most
    :data:`GAP_WORDS` words), trying nearer placements first; None if none fits."""
    part = parts[k]
    if tuple(st for st, _, _ in toks[j:j + len(part)]) != part:
        return None
    end = j + len(part)
    if k + 1 == len(parts):
        return end - 1
    for i in range(end, min(len(toks), end + GAP_WORDS + 1)):
        last = place(toks, parts, i, k + 1)
        if last is not None:
            return last
    return None


def token_sentences(text: str, toks: list[tuple[str, int, int]]) -> list[int]:
    """The number of the sentence (:func:`align.text.segment.split_sentences`) each
    token starts in."""
    ends = [e for _, e in split_sentences(text, "en")]
    out, k = [], 0
    for _, s, _ in toks:
        while k < len(ends) and ends[k] <= s:
            k += 1
        out.append(k)
    return out
