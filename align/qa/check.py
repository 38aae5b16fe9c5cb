"""Consistency QA over an alignment: terms, deprecated renderings, consistency,
repeated sentences, numbers, untranslated and empty targets (``align check``).

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
=====================  ========  =====================================================

Bead indices in findings are 0-based positions in ``Alignment.beads``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from align.qa.numbers import compare_numbers, fmt
from align.terms.match import find_gapped, find_terms
from align.types import Alignment, Glossary

Severity = Literal["error", "warning", "info"]
SEVERITIES = ("error", "warning", "info")


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


_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z]")


def _norm_sentence(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).split()).lower()


def check_alignment(alignment: Alignment, glossary: Glossary, *, numbers: bool = True,
                    consistency: bool = True, max_gap: int = 3) -> list[Finding]:
    """Check an alignment against a glossary.

    Works in either direction (Chinese source/English target or the reverse); terms
    are looked up on the Chinese side and checked on the English side.

    Args:
        alignment: the aligned document.
        glossary: the term base (may be empty: then only the non-term checks run).
        numbers: run the number check.
        consistency: run the document-level consistency checks.
        max_gap: words allowed inside a split English term (reported as info).

    Returns:
        Findings sorted by bead (document-level ones at their first bead).
    """
    zh_is_src = alignment.src_lang == "zh"
    out: list[Finding] = []
    renderings: dict[str, Counter[str]] = defaultdict(Counter)
    first_bead: dict[str, list[int]] = defaultdict(list)
    seen_src: dict[str, tuple[int, str, str]] = {}
    pairs = [(src, tgt) for _, src, tgt in alignment.pairs()]
    for k, (src, tgt) in enumerate(pairs):
        zh, en = (src, tgt) if zh_is_src else (tgt, src)
        if not src.strip():
            out.append(Finding("addition", "info", k, src, tgt, None,
                               "target text without a source sentence (0-n bead)"))
            continue
        if not tgt.strip():
            out.append(Finding("empty-target", "error", k, src, tgt, None,
                               "source sentence without a translation"))
            continue
        if _untranslated(src, tgt, zh_is_src):
            out.append(Finding("untranslated", "error", k, src, tgt, None,
                               "target is the untranslated source text"))
            continue
        out.extend(_term_findings(k, src, tgt, zh, en, glossary, renderings, first_bead,
                                  max_gap))
        if numbers:
            missing, extra = compare_numbers(zh, en)
            if missing or extra:
                parts = []
                if missing:
                    parts.append("missing in English: " + ", ".join(map(fmt, missing)))
                if extra:
                    parts.append("not in Chinese: " + ", ".join(map(fmt, extra)))
                out.append(Finding("number-mismatch", "error", k, src, tgt, None,
                                   "numbers differ (" + "; ".join(parts) + ")",
                                   {"missing": " ".join(map(fmt, missing)),
                                    "extra": " ".join(map(fmt, extra))}))
        if consistency:
            key = _norm_sentence(src)
            if len(key) > 1 and key in seen_src:
                j, _, other = seen_src[key]
                if _norm_sentence(other) != _norm_sentence(tgt):
                    out.append(Finding("sentence-inconsistent", "warning", k, src, tgt, None,
                                       f"same source sentence translated differently in bead {j}",
                                       {"other_bead": str(j), "other_target": other}))
            else:
                seen_src.setdefault(key, (k, src, tgt))
    if consistency:
        for zh_term, counts in renderings.items():
            if len(counts) > 1:
                beads = first_bead[zh_term]
                src, tgt = pairs[beads[0]]
                listing = "; ".join(f"{f!r} x{n}" for f, n in counts.most_common())
                out.append(Finding(
                    "term-inconsistent", "warning", beads[0], src, tgt, zh_term,
                    f"{zh_term} is rendered {len(counts)} ways: {listing}",
                    {"variants": listing, "beads": " ".join(map(str, beads))}))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (f.bead if f.bead is not None else -1, order[f.severity]))


def _untranslated(src: str, tgt: str, zh_is_src: bool) -> bool:
    if _norm_sentence(src) == _norm_sentence(tgt):
        return bool(_CJK.search(src) or _LATIN.search(src))
    cjk, latin = len(_CJK.findall(tgt)), len(_LATIN.findall(tgt))
    if zh_is_src:  # English target that is mostly Chinese characters
        return cjk > 0 and cjk >= latin / 2
    return latin > 0 and cjk == 0  # Chinese target with no Chinese at all


def _term_findings(k: int, src: str, tgt: str, zh: str, en: str, glossary: Glossary,
                   renderings: dict[str, Counter[str]], first_bead: dict[str, list[int]],
                   max_gap: int) -> list[Finding]:
    if not glossary.terms:
        return []
    out: list[Finding] = []
    zh_hits = find_terms(zh, "zh", glossary)
    en_hits = find_terms(en, "en", glossary)
    good: dict[int, set[str]] = defaultdict(set)
    bad: dict[int, list[str]] = defaultdict(list)
    for h in en_hits:
        if h.kind == "deprecated":
            bad[id(h.term)].append(h.form)
        else:
            good[id(h.term)].add(h.form)
    seen_terms: set[int] = set()
    for h in zh_hits:
        t = h.term
        if id(t) in seen_terms:
            continue
        seen_terms.add(id(t))
        if id(t) in good:
            renderings[t.zh].update(good[id(t)])
            first_bead[t.zh].append(k)
        elif id(t) not in bad:
            split = next(((f, span) for f in t.en_forms
                          if (span := find_gapped(en, f, max_gap)) is not None), None)
            expected = " | ".join(t.en_forms)
            if split:
                form, (a, b) = split
                out.append(Finding("term-split", "info", k, src, tgt, t.zh,
                                   f"{t.zh}: {form!r} is split by other words: {en[a:b]!r}",
                                   {"expected": expected, "found": en[a:b]}))
            elif not any(find_gapped(en, f, 0, any_number=True) for f in t.en_forms
                         if any(c.isdigit() for c in f)):
                # (a term whose only difference is a number is the number check's finding)
                out.append(Finding("term-missing", "error", k, src, tgt, t.zh,
                                   f"{t.zh}: expected {expected!r}",
                                   {"expected": expected}))
    zh_ids = {id(h.term) for h in zh_hits}
    for h in en_hits:
        if h.kind != "deprecated":
            continue
        here = id(h.term) in zh_ids
        out.append(Finding(
            "term-deprecated", "error" if here else "warning", k, src, tgt, h.term.zh,
            f"deprecated rendering {h.form!r} of {h.term.zh}; use {h.term.en!r}"
            + ("" if here else f" (the bead's source has no {h.term.zh})"),
            {"deprecated": h.form, "approved": h.term.en, "found": en[h.start:h.end]}))
    return out


def findings_have_errors(findings: Sequence[Finding]) -> bool:
    """True if any finding has severity "error" (what makes ``align check`` exit 1)."""
    return any(f.severity == "error" for f in findings)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What :func:`check_files` produced.

    Attributes:
        alignment: the alignment checked.
        glossary: the glossary used.
        findings: the findings, sorted by bead.
    """

    alignment: Alignment
    glossary: Glossary
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """True if any finding is an error."""
        return findings_have_errors(self.findings)

    def fails(self, level: str = "error") -> bool:
        """Whether the check fails at gate ``level``: "error" (any error), "warning"
        (any warning or error) or "never".

        Raises:
            ConfigError: for an unknown level.
        """
        gates = {"error": ("error",), "warning": ("error", "warning"), "never": ()}
        if level not in gates:
            from align.errors import ConfigError

            raise ConfigError(f"unknown --fail-on level {level!r}; use error, warning or never")
        return any(f.severity in gates[level] for f in self.findings)


def check_files(glossary: str | os.PathLike[str], alignment: str | os.PathLike[str] | None = None,
                src: str | os.PathLike[str] | None = None,
                tgt: str | os.PathLike[str] | None = None, *, src_lang: str = "zh",
                tgt_lang: str = "en", report: str | os.PathLike[str] | None = None,
                numbers: bool = True) -> CheckResult:
    """Load a glossary and an alignment (see :func:`~align.formats.alignment.load_alignment`),
    check it, and write a report (.html/.csv/.xlsx) if ``report`` is given.

    Raises:
        InputError/FormatError: unreadable inputs, with file and line.
    """
    from align.formats.alignment import load_alignment
    from align.formats.files import check_not_input
    from align.formats.glossary import read_glossary
    from align.qa.report import write_report

    if report is not None:
        check_not_input(report, glossary, alignment, src, tgt)
    g = read_glossary(glossary)
    al = load_alignment(alignment, src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, glossary=g)
    findings = check_alignment(al, g, numbers=numbers)
    if report is not None:
        write_report(findings, report, alignment=al, glossary=g)
    return CheckResult(al, g, tuple(findings))
