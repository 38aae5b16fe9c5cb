"""The rules every glossary file obeys, whatever its format (TSV, CSV, XLSX, TBX,
OmegaT, memoQ CSV): one entry per concept, one status per English form.

:func:`concept_issues` lists every breach (``align glossary check`` shows them all);
:func:`check_duplicates` refuses the first duplicate or conflict when a glossary is
read for use, so every reader refuses a repeated concept with the same message.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from align.errors import FormatError
from align.types import Term

#: issue kinds: a concept listed twice with the same renderings; a source form with
#: different renderings (or one form both accepted and deprecated)
ISSUE_KINDS = ("duplicate", "conflict")


@dataclass(frozen=True, slots=True)
class Entries:
    """The concepts of a glossary file as read, before the one-entry-per-concept rule.

    Attributes:
        terms: the concepts, in file order.
        lines: the file line of each concept (None where unknown).
        path: the file.
    """

    terms: tuple[Term, ...]
    lines: tuple[int | None, ...]
    path: str | os.PathLike[str] | None = None


@dataclass(frozen=True, slots=True)
class ConceptIssue:
    """One breach of the glossary rules.

    Attributes:
        kind: one of :data:`ISSUE_KINDS`.
        line: the file line of the later entry (None where unknown).
        message: what is wrong and how to fix it.
        refused: True when reading the glossary for use refuses it (a repeated
            concept); False for a form accepted in one concept and deprecated in
            another, which matching resolves by the longest form.
    """

    kind: str
    line: int | None
    message: str
    refused: bool = True


def concept_issues(terms: Sequence[Term],
                   lines: Sequence[int | None] | None = None) -> list[ConceptIssue]:
    """Every duplicate id, repeated Chinese form and English form with two statuses.

    Args:
        terms: the terms in file order.
        lines: the file line of each term (None where unknown).

    Returns:
        The issues in file order of the later entry.
    """
    out: list[ConceptIssue] = []
    seen: dict[str, tuple[int, Term]] = {}
    ids: dict[str, int] = {}
    accepted: dict[str, Term] = {}
    for k, t in enumerate(terms):
        line = None if lines is None else lines[k]
        if t.id and t.id in ids:
            out.append(ConceptIssue("duplicate", line, f"duplicate concept id {t.id!r} (first "
                                    f"on line {ids[t.id]}); ids must be unique"))
        elif t.id:
            ids[t.id] = line or 0
        out.extend(_repeated_forms(t, line, seen))
        for form in t.en_forms:
            accepted.setdefault(form.lower(), t)
    for k, t in enumerate(terms):
        for form in t.deprecated:
            other = accepted.get(form.lower())
            if other is not None:
                out.append(ConceptIssue(
                    "conflict", None if lines is None else lines[k],
                    f"{form!r} is deprecated for {t.zh} but accepted for {other.zh}; "
                    "a rendering should have one status", refused=False))
    return sorted(out, key=lambda i: i.line or 0)


def _repeated_forms(t: Term, line: int | None,
                    seen: dict[str, tuple[int, Term]]) -> list[ConceptIssue]:
    out = []
    for form in t.zh_forms:
        if form not in seen:
            seen[form] = (line or 0, t)
            continue
        first_line, first = seen[form]
        if first.en != t.en or first.variants != t.variants:
            out.append(ConceptIssue(
                "conflict", line,
                f"duplicate concept {form!r} with conflicting translations: {t.en!r} "
                f"here, {first.en!r} on line {first_line}; keep one row per concept and "
                "put other renderings in en_variants"))
        else:
            out.append(ConceptIssue("duplicate", line, f"duplicate concept {form!r} (also on "
                                    f"line {first_line}); remove one of the rows"))
        break  # one issue per entry: the others repeat it
    return out


def check_duplicates(terms: Sequence[Term], path: str | os.PathLike[str] | None = None,
                     lines: Sequence[int | None] | None = None) -> None:
    """Refuse a concept listed twice (same id, or same Chinese form).

    Args:
        terms: the terms in file order.
        path: the file, for the error message.
        lines: the file line of each term (None where unknown).

    Raises:
        FormatError: the first repeated concept, with the line of the first listing
            (``align glossary check`` lists them all).
    """
    for issue in concept_issues(terms, lines):
        if issue.refused:
            raise FormatError(issue.message + " (`align glossary check` lists every issue)",
                              path=path, line=issue.line)
