"""Which glossary terms a corpus never uses (for ``align glossary check``).

A term is *unused* when none of its Chinese forms occurs in the Chinese text, and
*unrendered* when its Chinese occurs but none of its accepted English forms (approved
or variant) occurs in the English text. Matching is :func:`align.terms.match.find_terms`,
the same as ``align check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from align.terms.match import find_terms
from align.types import Glossary, Term


@dataclass(frozen=True, slots=True)
class TermUse:
    """How often a corpus uses one concept.

    Attributes:
        term: the concept.
        zh: occurrences of its Chinese forms in the Chinese text.
        en: occurrences of its accepted English forms in the English text.
        deprecated: occurrences of its deprecated renderings in the English text.
    """

    term: Term
    zh: int
    en: int
    deprecated: int


def term_uses(glossary: Glossary, zh_texts: Iterable[str], en_texts: Iterable[str]
              ) -> list[TermUse]:
    """Count each concept's occurrences in a corpus, in glossary order.

    Args:
        glossary: the term base.
        zh_texts: the Chinese text (sentences or whole documents).
        en_texts: the English text.
    """
    zh: dict[int, int] = {}
    en: dict[int, int] = {}
    dep: dict[int, int] = {}
    for text in zh_texts:
        for h in find_terms(text, "zh", glossary):
            zh[id(h.term)] = zh.get(id(h.term), 0) + 1
    for text in en_texts:
        for h in find_terms(text, "en", glossary):
            into = dep if h.kind == "deprecated" else en
            into[id(h.term)] = into.get(id(h.term), 0) + 1
    return [TermUse(t, zh.get(id(t), 0), en.get(id(t), 0), dep.get(id(t), 0))
            for t in glossary.terms]
