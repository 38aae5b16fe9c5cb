"""OmegaT glossaries (``.txt``, ``.utf8``, ``.tab``): tab-separated lines of source
term, target term and an optional comment; no header; ``#`` starts a comment line.

OmegaT shows one glossary entry per line and groups lines with the same source, so a
concept is written as several lines:

* ``zh <TAB> en <TAB> note``: the approved pair; when the concept has deprecated
  renderings the comment ends with ``Do not use: a | b`` (OmegaT has no forbidden
  terms, so they are never offered as targets);
* ``zh <TAB> variant <TAB> variant``: one line per admitted English variant;
* ``zh-variant <TAB> en <TAB> variant of zh``: one line per other Chinese form.

Reading undoes this: lines with one source term make one concept (the first target is
the approved English, the others its variants), ``Do not use:`` restores the
deprecated renderings and ``variant of X`` lines join concept X. The concept id,
domain and status are not carried (see :mod:`align.formats.glossary_formats`).
The Chinese side is the column with Han characters, so an en->zh project's glossary
reads too. Files are written as UTF-8 (OmegaT reads ``.tab`` in the system encoding).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import FormatError
from align.formats.concepts import Entries
from align.formats.decode import FileKind, read_data_file
from align.formats.glossary_header import join_cell, split_cell
from align.formats.tsv import read_rows, write_rows
from align.text.script import has_han
from align.types import Glossary, Term

SUFFIXES = (".txt", ".utf8", ".tab")
VARIANT = "variant"
VARIANT_OF = "variant of "
DO_NOT_USE = "Do not use: "
_DO_NOT_USE = re.compile(r"(?:^|; )" + re.escape(DO_NOT_USE) + r"(.+)$")
OMEGAT_FILE = FileKind("an OmegaT glossary", "glossary file", "save the glossary as UTF-8 text",
                       empty="empty file; an OmegaT glossary has one term per line: "
                       "source, tab, target, tab, comment")


def omegat_lines(t: Term) -> list[list[str]]:
    """The OmegaT lines of one concept (source, target, comment)."""
    comment = t.note
    if t.deprecated:
        comment = (comment + "; " if comment else "") + DO_NOT_USE + join_cell(t.deprecated)
    lines = [[t.zh, t.en, comment]]
    lines += [[t.zh, v, VARIANT] for v in t.variants]
    lines += [[z, t.en, VARIANT_OF + t.zh] for z in t.zh_variants]
    return lines


def write_omegat(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write an OmegaT glossary atomically (UTF-8, no header, no quoting).

    Raises:
        FormatError: a term or note holding a tab or line break.
        InputError: the file cannot be written.
    """
    rows = [line if line[2] else line[:2] for t in glossary.terms for line in omegat_lines(t)]
    # OmegaT reads cells as they are: no spreadsheet escaping, no quotes
    write_rows(path, rows, delimiter="\t", safe=False, quoting="none")


@dataclass
class _Concept:
    zh: str
    en: str
    line: int
    note: str = ""
    variants: list[str] = field(default_factory=list)
    zh_variants: list[str] = field(default_factory=list)
    deprecated: tuple[str, ...] = ()


def read_omegat_entries(path: Path) -> Entries:
    """The concepts of an OmegaT glossary, with their first lines.

    Raises:
        FormatError: a line without a target term, or an empty file; with the line.
    """
    text, _ = read_data_file(path, kind=OMEGAT_FILE)
    rows = [r for r in read_rows(text, delimiter="\t", quoting="none", path=path)
            if not r.cells[0].lstrip().startswith("#")]
    if not rows:
        raise FormatError(OMEGAT_FILE.empty or "", path=path, line=1)
    # the Chinese column: the first, unless only the second has Han characters
    zh_first = has_han(rows[0].cells[0]) or not has_han("".join(rows[0].cells[1:2]))
    concepts: dict[str, _Concept] = {}
    for r in rows:
        cells = [c.strip() for c in r.cells] + ["", ""]
        src, tgt, comment = cells[0], cells[1], cells[2]
        if not src or not tgt:
            raise FormatError("an OmegaT glossary line needs a source and a target term "
                              "separated by a tab", path=path, line=r.line)
        zh, en = (src, tgt) if zh_first else (tgt, src)
        if comment.startswith(VARIANT_OF) and comment[len(VARIANT_OF):] in concepts:
            concepts[comment[len(VARIANT_OF):]].zh_variants.append(zh)
            continue
        c = concepts.get(zh)
        if c is None:
            m = _DO_NOT_USE.search(comment)
            note = comment[:m.start()] if m else comment
            concepts[zh] = _Concept(zh, en, r.line, note,
                                    deprecated=split_cell(m.group(1)) if m else ())
        elif en != c.en and en not in c.variants:
            c.variants.append(en)
            if comment and comment != VARIANT and comment != c.note:
                c.note = f"{c.note}; {comment}" if c.note else comment
    terms = [Term(zh=c.zh, en=c.en, zh_variants=tuple(c.zh_variants), variants=tuple(c.variants),
                  deprecated=c.deprecated, note=c.note) for c in concepts.values()]
    return Entries(tuple(terms), tuple(c.line for c in concepts.values()), path)

