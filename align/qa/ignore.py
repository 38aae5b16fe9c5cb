"""Leaving out the findings a project has accepted (``align check --ignore FILE``; the
file is read by :func:`align.formats.ignore_list.read_ignore_list`).

A rule ignores a finding of its kind whose term is the rule's text, or whose bead's
source or target sentence is the rule's text (compared as
:func:`align.qa.checks.normalize_sentence` folds them: width, spaces, case).
"""

from __future__ import annotations

from collections.abc import Sequence

from align.formats.ignore_list import IgnoreRule
from align.qa.checks import normalize_sentence
from align.qa.findings import Finding


def is_ignored(finding: Finding, rules: Sequence[IgnoreRule]) -> bool:
    """Whether a rule of ``rules`` ignores ``finding``."""
    texts = {normalize_sentence(finding.src), normalize_sentence(finding.tgt)}
    return any(r.kind == finding.kind and (r.text == finding.term
                                           or normalize_sentence(r.text) in texts)
               for r in rules)


def apply_ignores(findings: Sequence[Finding], rules: Sequence[IgnoreRule]
                  ) -> tuple[list[Finding], int]:
    """The findings no rule ignores, in order, and how many were ignored."""
    kept = [f for f in findings if not is_ignored(f, rules)]
    return kept, len(findings) - len(kept)
