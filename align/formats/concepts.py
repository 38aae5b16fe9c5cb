"""The rule every glossary file obeys, whatever its format (TSV, CSV, XLSX, TBX):
one entry per concept. Shared by :mod:`align.formats.glossary` and
:mod:`align.formats.tbx`, so both refuse a repeated concept with the same message."""

from __future__ import annotations

import os
from collections.abc import Sequence

from align.errors import FormatError
from align.types import Term

#: first line and term of each Chinese form seen so far
Seen = dict[str, tuple[int, Term]]


def check_duplicates(terms: Sequence[Term], path: str | os.PathLike[str] | None = None,
                     lines: Sequence[int | None] | None = None) -> None:
    """Refuse a concept listed twice (same id, or same Chinese form).

    Args:
        terms: the terms in file order.
        path: the file, for the error message.
        lines: the file line of each term (None where unknown).

    Raises:
        FormatError: the second listing, with the line of the first.
    """
    seen: Seen = {}
    ids: dict[str, int] = {}
    for k, t in enumerate(terms):
        check_duplicate(t, seen, ids, path, None if lines is None else lines[k])


def check_duplicate(term: Term, seen: Seen, ids: dict[str, int],
                    path: str | os.PathLike[str] | None, line: int | None) -> None:
    """Refuse ``term`` if its id or a Chinese form was seen before; else record it.

    Args:
        term: the term read at ``line``.
        seen: Chinese forms seen so far (updated).
        ids: concept ids seen so far, with their lines (updated).
        path: the file, for the error message.
        line: the file line of ``term``.

    Raises:
        FormatError: a repeated id, or a repeated Chinese form (with conflicting
            translations or not).
    """
    if term.id:
        if term.id in ids:
            raise FormatError(f"duplicate concept id {term.id!r} (first on line {ids[term.id]}); "
                              "ids must be unique", path=path, line=line)
        ids[term.id] = line or 0
    for form in term.zh_forms:
        if form in seen:
            first_line, first = seen[form]
            if first.en != term.en or first.variants != term.variants:
                raise FormatError(
                    f"duplicate concept {form!r} with conflicting translations: {term.en!r} "
                    f"here, {first.en!r} on line {first_line}; keep one row per concept and "
                    "put other renderings in en_variants", path=path, line=line)
            raise FormatError(f"duplicate concept {form!r} (also on line {first_line}); "
                              "remove one of the rows", path=path, line=line)
        seen[form] = (line or 0, term)
