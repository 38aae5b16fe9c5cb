"""When a split English term is still the term: ``high-quality economic and social
development`` renders 高质量发展 ("high-quality development") with modifiers inside
it, as English puts them; ``high-quality products and the development`` does not.

The rule (:func:`modified_only`): the term's words occur in order inside the bead, and
every gap between two of them holds only modifiers: content words (no article,
preposition, pronoun, auxiliary or other stop word), joined at most by ``and``/``or``
or a comma between two of them, and no other punctuation (no clause or sentence break,
quote or bracket). Then the term is rendered and nothing is reported; any other split
is a ``term-split`` finding.
"""

from __future__ import annotations

import re

from align.terms.match import en_key, find_gapped
from align.text.english import STOP_WORDS, term_tokens

_COORDINATORS = frozenset({"and", "or"})
_GLUE = re.compile(r"[\s,\-‐‑–]*")  # what may stand between two modifier words


def modified_only(text: str, form: str, max_gap: int) -> bool:
    """Whether the English ``form`` occurs in ``text`` with at most ``max_gap`` words
    inside each gap, and only modifiers there (see the module docstring)."""
    span = find_gapped(text, form, max_gap)
    if span is None:
        return False
    key = en_key(form)
    piece = text[span[0]:span[1]]
    # the term's words, taken in order as find_gapped takes them: the first fitting token
    k, at = 0, []
    for n, tok in enumerate(term_tokens(piece)):
        if k < len(key) and tok[0] == key[k]:
            at.append(n)
            k += 1
    if k < len(key):
        return False
    toks = term_tokens(piece)
    return all(_modifiers(piece, toks[a][2], toks[b][1], toks[a + 1:b])
               for a, b in zip(at, at[1:], strict=False))


def _modifiers(text: str, start: int, end: int, gap: list[tuple[str, int, int]]) -> bool:
    """Whether ``text[start:end]``, between two words of a term, holds only modifier
    words (``gap``, its tokens) joined by spaces, hyphens, commas and an inner and/or."""
    words = [text[s:e].lower() for _, s, e in gap]
    for n, w in enumerate(words):
        if w in _COORDINATORS:
            if not 0 < n < len(words) - 1:
                return False
        elif w in STOP_WORDS or any(c.isdigit() for c in w):
            return False
    pos = start
    for _, s, e in gap:
        if not _GLUE.fullmatch(text[pos:s]):
            return False
        pos = e
    return _GLUE.fullmatch(text[pos:end]) is not None
