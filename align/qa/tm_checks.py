"""The check against a translation memory (``align check --tm DB``): tm-inconsistent,
the same source sentence translated differently in the TM, across every document it
holds, not only within the document checked.

The engine does not open the TM: the caller looks up the bead sources
(:meth:`align.tm.store.TMStore.translations`) and passes what it found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from align.qa.checks import BeadText, normalize_sentence
from align.qa.findings import Finding

#: source sentence -> its translations in the TM, as (target, document or None)
Known = Mapping[str, Sequence[tuple[str, str | None]]]


def tm_inconsistent(b: BeadText, known: Known) -> Finding | None:
    """tm-inconsistent (warning): the TM holds the bead's source sentence with another
    translation (white space, width and case aside); details name the other
    translations and their documents."""
    mine = normalize_sentence(b.tgt)
    others: dict[str, str | None] = {}
    for target, document in known.get(b.src.strip(), ()):
        if normalize_sentence(target) != mine:
            others.setdefault(target, document)
    if not others:
        return None
    first, doc = next(iter(others.items()))
    return b.finding("tm-inconsistent", "warning", None,
                     f"the TM translates this sentence differently ({len(others)} other "
                     f"translation(s), e.g. in {doc or 'an unnamed document'})",
                     {"other_target": first, "other_document": doc or "",
                      "others": str(len(others))})
