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
from align.qa.term_checks import TermUsage, term_findings, term_inconsistent
from align.types import Alignment, Glossary


def check_alignment(alignment: Alignment, glossary: Glossary, *, numbers: bool = True,
                    consistency: bool = True, max_gap: int = 3) -> list[Finding]:
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
        out.extend(term_findings(b, glossary, usage, max_gap))
        found = [number_mismatch(b) if numbers else None,
                 sentence_inconsistent(b, first) if consistency else None]
        out.extend(f for f in found if f is not None)
    if consistency:
        out.extend(term_inconsistent(usage, beads))
    return sort_findings(out)
