"""memoQ term-base CSV, the layout memoQ exports and maps by column name on import::

    Entry_ID,Entry_Subject,Entry_Domain,Entry_Note,
    Chinese_PRC_Def,Chinese_PRC,Term_Info,Term_Example,[Chinese_PRC,Term_Info,Term_Example ...]
    English_Def,English,Term_Info,Term_Example,[English,Term_Info,Term_Example ...]

One row per concept; each language has a definition column and one group of columns
(term, Term_Info, Term_Example) per synonym, the main term first. Writing puts the
domain in ``Entry_Domain``, the note in ``Entry_Note``, the Chinese variants and the
admitted English variants as further synonyms. Deprecated renderings are left out
(a synonym column would offer them as translations); :func:`align.formats.glossary_formats.losses`
warns about them. Reading takes any language-coded term column (``Chinese_PRC``,
``English_United_States``, ``zh-CN``...), and a synonym whose ``Term_Info`` says
``forbidden`` as a deprecated rendering.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from align.errors import FormatError
from align.formats.concepts import Entries
from align.formats.glossary_header import language_of
from align.formats.tsv import Row, unescape_cell, write_rows
from align.types import Glossary, Term

ENTRY = ("Entry_ID", "Entry_Subject", "Entry_Domain", "Entry_Note")
LANGUAGES = {"zh": "Chinese_PRC", "en": "English"}
TERM_GROUP = ("Term_Info", "Term_Example")


def is_memoq_header(cells: Sequence[str]) -> bool:
    """True for a memoQ export header: an ``Entry_ID`` column or a language ``_Def`` one."""
    names = [c.strip() for c in cells]
    return "Entry_ID" in names or any(n.endswith("_Def") and language_of(n[:-4]) for n in names)


def write_memoq(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write a memoQ term-base CSV atomically (UTF-8, comma-separated, header row).

    Raises:
        InputError: the file cannot be written.
    """
    nz = max((len(t.zh_forms) for t in glossary.terms), default=1)
    ne = max((len(t.en_forms) for t in glossary.terms), default=1)
    header = [*ENTRY]
    for lang, n in (("zh", nz), ("en", ne)):
        name = LANGUAGES[lang]
        header.append(f"{name}_Def")
        for _ in range(n):
            header += [name, *TERM_GROUP]
    rows = [header]
    for t in glossary.terms:
        row = [t.id, "", t.domain, t.note]
        for forms, n in ((t.zh_forms, nz), (t.en_forms, ne)):
            row.append("")
            for k in range(n):
                row += [forms[k] if k < len(forms) else "", "", ""]
        rows.append(row)
    write_rows(path, rows, delimiter=",")


def memoq_entries(header: Row, body: Sequence[Row], path: Path) -> Entries:
    """The concepts of a memoQ CSV, read as rows.

    Raises:
        FormatError: no Chinese or no English term column, or a row without a Chinese
            or English term; with the line.
    """
    names = [c.strip() for c in header.cells]
    col = {n: names.index(n) for n in ENTRY if n in names}
    term_cols: dict[str, list[int]] = {"zh": [], "en": []}
    for i, n in enumerate(names):
        lang = language_of(n)
        if lang is not None and not n.endswith("_Def"):
            term_cols[lang].append(i)
    for lang, label in (("zh", "Chinese"), ("en", "English")):
        if not term_cols[lang]:
            raise FormatError(f"memoQ CSV without a {label} term column (e.g. "
                              f"{LANGUAGES[lang]}); found: {', '.join(names)[:120]}",
                              path=path, line=header.line)
    terms, lines = [], []
    for r in body:
        cells = [unescape_cell(c).strip() for c in r.cells] + [""] * len(names)
        side = {lang: _synonyms(cells, names, cols) for lang, cols in term_cols.items()}
        if not any(cells):
            continue
        for lang, label in (("zh", "Chinese"), ("en", "English")):
            if not side[lang][0]:
                raise FormatError(f"empty term: no {label} term in this row", path=path,
                                  line=r.line)
        zh, en = side["zh"][0], side["en"][0]

        def get(name: str, cells: list[str] = cells) -> str:
            return cells[col[name]] if name in col else ""

        terms.append(Term(zh=zh[0], en=en[0], zh_variants=tuple(zh[1:]), variants=tuple(en[1:]),
                          deprecated=tuple(side["en"][1]), id=get("Entry_ID"),
                          domain=get("Entry_Domain") or get("Entry_Subject"),
                          note=get("Entry_Note")))
        lines.append(r.line)
    return Entries(tuple(terms), tuple(lines), path)


def _synonyms(cells: list[str], names: list[str], cols: list[int]
              ) -> tuple[list[str], list[str]]:
    """The accepted and the forbidden terms of one language in a row."""
    ok: list[str] = []
    forbidden: list[str] = []
    for i in cols:
        info = cells[i + 1] if i + 1 < len(names) and names[i + 1] == "Term_Info" else ""
        if cells[i]:
            (forbidden if "forbidden" in info.lower() else ok).append(cells[i])
    return ok, forbidden
