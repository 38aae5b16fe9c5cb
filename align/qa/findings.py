"""What ``align check`` reports: the :class:`Finding` type, its severities, the
order findings are listed in and the ``--fail-on`` gate.

Finding kinds and severities:

=====================  ========  =====================================================
kind                   severity  meaning
=====================  ========  =====================================================
term-missing           error     a Chinese term is in the bead, but neither its
                                 approved English nor an allowed variant
term-deprecated        error     a deprecated English rendering of a Chinese term of
                                 the bead is used (warning when the bead's Chinese
                                 does not contain the term)
term-split             info      the English term is there but split by other words
                                 ("high-quality population development")
term-inconsistent      warning   one Chinese term rendered several (allowed) ways
                                 across the document; details list the counts
sentence-inconsistent  warning   the same Chinese sentence translated differently
number-mismatch        error     numbers differ between source and target
untranslated           error     target equals the source or is mostly Chinese
empty-target           error     a source sentence has no translation (1-0 bead)
addition               info      target text with no source (0-1 bead)
chinese-in-target      error     Chinese characters in an English target (a sentence
                                 left in Chinese, a fragment inside an English one)
untranslated-term      error     a Latin-script source term copied into the target
                                 where the glossary translates it
unpaired-mark          warning   a quote or bracket unpaired on one side only
doubled-word           warning   a word written twice in a row in the target
doubled-space          info      two or more spaces in a row in the target
tm-inconsistent        warning   the TM (``--tm``) translates the source differently
=====================  ========  =====================================================

Bead indices in findings are 0-based positions in ``Alignment.beads``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from align.errors import ConfigError

#: every finding kind (what an ignore list may name)
KINDS = ("term-missing", "term-deprecated", "term-split", "term-inconsistent",
         "sentence-inconsistent", "number-mismatch", "untranslated", "empty-target",
         "addition", "chinese-in-target", "untranslated-term", "unpaired-mark",
         "doubled-word", "doubled-space", "tm-inconsistent")
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: the ``--fail-on`` levels and the severities that make each one fail
GATES: Mapping[str, tuple[Severity, ...]] = MappingProxyType(
    {"error": ("error",), "warning": ("error", "warning"), "never": ()})


@dataclass(frozen=True, slots=True)
class Finding:
    """One QA finding.

    Attributes:
        kind: what was found (see the module table), e.g. "term-missing".
        severity: "error", "warning" or "info".
        bead: 0-based bead index in the alignment (None for document-level findings).
        src: the bead's source text.
        tgt: the bead's target text.
        term: the Chinese term concerned, if any.
        message: one line for a human.
        details: extra facts (expected forms, variant counts, numbers, other bead...).
    """

    kind: str
    severity: Severity
    bead: int | None
    src: str
    tgt: str
    term: str | None
    message: str
    details: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by bead (document-level ones first), then severity (errors first);
    the sort is stable, so findings of one bead and severity keep the order the
    checks produced them in."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings,
                  key=lambda f: (f.bead if f.bead is not None else -1, order[f.severity]))


def fails(findings: Sequence[Finding], level: str = "error") -> bool:
    """Whether a check fails at gate ``level`` (``align check --fail-on``).

    Args:
        findings: the findings of the check.
        level: "error" (any error), "warning" (any warning or error) or "never".

    Raises:
        ConfigError: for an unknown level.
    """
    if level not in GATES:
        raise ConfigError(f"unknown --fail-on level {level!r}; use error, warning or never")
    return any(f.severity in GATES[level] for f in findings)
