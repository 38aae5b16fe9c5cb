"""Consistency QA over an alignment (``align check``): runs the checks of
:mod:`align.qa.checks` and :mod:`align.qa.term_checks` over every bead and returns
the findings (the kinds and severities are listed in :mod:`align.qa.findings`).

The engine takes an :class:`~align.types.Alignment` and a :class:`~align.types.Glossary`
and returns findings; reading inputs and writing reports is :mod:`align.cli.check`'s work.
"""

from __future__ import annotations

from align.qa.checks import (
    BeadText,
    addition,
    bead_texts,
    empty_target,
    number_mismatch,
    sentence_inconsistent,
    untranslated,
)
from align.qa.findings import Finding, sort_findings
from align.qa.leftovers import chinese_in_target, untranslated_terms
from align.qa.term_checks import TermUsage, term_findings, term_inconsistent
from align.qa.tm_checks import Known, tm_inconsistent
from align.qa.typography import doubled_space, doubled_word, unpaired_mark
from align.types import Alignment, Glossary


def check_alignment(alignment: Alignment, glossary: Glossary, *, numbers: bool = True,
                    consistency: bool = True, max_gap: int = 3,
                    tm: Known | None = None) -> list[Finding]:
    """Check an alignment against a glossary.

    Works in either direction (Chinese source/English target or the reverse); terms
    are looked up on the Chinese side and checked on the English side. A bead that is
    an addition, has an empty target or is untranslated gets only that finding.

    Args:
        alignment: the aligned document.
        glossary: the term base (may be empty: then only the non-term checks run).
        numbers: run the number check.
        consistency: run the document-level consistency checks.
        max_gap: words allowed inside a split English term (reported as info).
        tm: the translations a TM holds of the bead sources (source -> (target,
            document) list, see :meth:`align.tm.store.TMStore.translations`): the
            tm-inconsistent check runs when given.

    Returns:
        Findings sorted by bead (document-level ones at their first bead), then
        severity.
    """
    beads = bead_texts(alignment)
    usage = TermUsage()
    first: dict[str, BeadText] = {}
    out: list[Finding] = []
    for b in beads:
        alone = addition(b) or empty_target(b) or untranslated(b)
        if alone is not None:
            out.append(alone)
            continue
        out.extend(bead_findings(b, glossary, usage, max_gap))
        found = [number_mismatch(b) if numbers else None,
                 sentence_inconsistent(b, first) if consistency else None,
                 tm_inconsistent(b, tm) if tm is not None else None]
        out.extend(f for f in found if f is not None)
    if consistency:
        out.extend(term_inconsistent(usage, beads))
    return sort_findings(out)


def bead_findings(b: BeadText, glossary: Glossary, usage: TermUsage,
                  max_gap: int) -> list[Finding]:
    """The term, leftover and typography findings of one translated bead; a term
    copied untranslated is reported as untranslated-term, not also as term-missing."""
    copied = untranslated_terms(b, glossary)
    terms = {f.term for f in copied}
    out = [f for f in term_findings(b, glossary, usage, max_gap)
           if not (f.kind == "term-missing" and f.term in terms)]
    found = [chinese_in_target(b), unpaired_mark(b), doubled_word(b), doubled_space(b)]
    return [*out, *copied, *(f for f in found if f is not None)]
