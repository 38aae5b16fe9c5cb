"""The ignore list of ``align check --ignore FILE``: findings a project has accepted,
kept as Xbench keeps one per project.

A UTF-8 text file (TSV), one rule a line: the finding kind, a tab, and the term or the
bead text (source or target sentence) the finding is about. Blank lines and lines
starting with ``#`` are comments::

    # kind            term or bead text
    term-missing      七有
    doubled-word      He said that that was fine.

A malformed line is a :class:`~align.errors.FormatError` naming the file and line.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass

from align.errors import FormatError
from align.formats.decode import FileKind, read_data_file
from align.formats.tsv import read_rows

_KIND = FileKind("an ignore list", "ignore list", "save the ignore list as UTF-8 text",
                 None)


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    """One accepted finding.

    Attributes:
        kind: the finding kind (``term-missing``, ``doubled-word``, ...).
        text: the term, or the source or target text of the bead.
        line: the line of the ignore list it comes from.
    """

    kind: str
    text: str
    line: int


def read_ignore_list(path: str | os.PathLike[str], kinds: Collection[str]
                     ) -> tuple[IgnoreRule, ...]:
    """The rules of the ignore list at ``path``.

    Args:
        path: the file.
        kinds: the finding kinds a rule may name.

    Raises:
        InputError: missing or unreadable file.
        FormatError: a line without exactly two tab-separated cells, an unknown
            kind or an empty text; with the line.
    """
    text, _ = read_data_file(path, kind=_KIND)
    rules = []
    for row in read_rows(text, quoting="none", path=path):
        cells = [c.strip() for c in row.cells]
        if cells[0].startswith("#"):
            continue
        if len(cells) != 2 or not cells[1]:
            found = f"{len(cells)}" if len(cells) != 2 else "an empty text"
            raise FormatError(f"expected 2 tab-separated cells (finding kind, term or bead "
                              f"text), found {found}: {' | '.join(cells)[:80]!r}",
                              path=path, line=row.line)
        if cells[0] not in kinds:
            raise FormatError(f"unknown finding kind {cells[0]!r}; use one of: "
                              + ", ".join(sorted(kinds)), path=path, line=row.line)
        rules.append(IgnoreRule(cells[0], cells[1], row.line))
    return tuple(rules)
