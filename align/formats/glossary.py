"""Reading and writing glossaries: our table layout (TSV, CSV, XLSX) and the dispatch to
every other format (TBX v2/v3, OmegaT, memoQ CSV; see
:mod:`align.formats.glossary_formats`).

Column layout (one concept per row, a header row; memoQ and Trados MultiTerm import it
with a column-to-field mapping)::

    id  zh  zh_variants  en  en_variants  en_deprecated  status  domain  note

Only ``zh`` and ``en`` are required; the other columns may be missing or empty, and
language-coded names or no header at all are read too
(:mod:`align.formats.glossary_header`). Empty fields without a column name (a tab at
the end of every line) are ignored; text under no column name, and a column name a
letter off a known one (``en_deprecatd``), are refused, since either would shift or
drop terms silently. Cells holding several synonyms separate them with :data:`SEP`
(``" | "``: space, vertical bar, space). ``status`` is ``preferred`` (default),
``admitted`` or ``deprecated``. :func:`read_glossary` and :func:`write_glossary`
dispatch on the file suffix, or on a format name.

Line numbers in errors are file lines: the header is line 1, the first concept
line 2 (for XLSX: the spreadsheet row).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from align.errors import FormatError
from align.formats.concepts import Entries, check_duplicates
from align.formats.decode import FileKind, check_file, read_data_file
from align.formats.glossary_formats import SUFFIXES, check_flavour, glossary_format
from align.formats.glossary_header import (
    COLUMNS,
    SEP,
    canonical_column,
    headerless_columns,
    is_headerless,
    join_cell,
    split_cell,
)
from align.formats.glossary_memoq import is_memoq_header, memoq_entries, write_memoq
from align.formats.glossary_omegat import read_omegat_entries, write_omegat
from align.formats.tbx import read_tbx_entries, write_tbx
from align.formats.tbx_martif import write_martif
from align.formats.tsv import Row, read_rows, unescape_cell, write_rows
from align.formats.xlsx import read_xlsx_rows, write_xlsx
from align.types import TERM_STATUSES, Glossary, Term

__all__ = ["COLUMNS", "SEP", "SUFFIXES", "join_cell", "read_glossary", "read_glossary_entries",
           "split_cell", "write_glossary"]

REQUIRED = ("zh", "en")
#: A glossary file, for the messages of the file checks.
GLOSSARY_FILE = FileKind("a glossary", "glossary file", "save the glossary as UTF-8 text",
                         empty="empty file; a glossary needs a header row with zh and en")
#: suffixes read as tab-separated
_TAB_SUFFIXES = (".tsv", ".txt", ".tab", ".utf8")


def check_suffix(path: str | os.PathLike[str]) -> str:
    """The glossary format of ``path``: its suffix in lower case (one of :data:`SUFFIXES`)."""
    from align.formats.files import known_suffix

    return known_suffix(path, SUFFIXES, "glossary")


def read_glossary(path: str | os.PathLike[str], fmt: str | None = None) -> Glossary:
    """Read a glossary; the format follows the suffix (.tsv, .csv, .xlsx, .tbx, and
    .txt/.utf8/.tab for OmegaT) unless ``fmt`` names it. A .csv or .tsv with a memoQ
    export header is read as memoQ CSV; tables may be headerless or have
    language-coded headers (:mod:`align.formats.glossary_header`).

    Raises:
        InputError: missing file or unknown suffix or format.
        FormatError: malformed file or a concept listed twice, with the file and line.
    """
    e = read_glossary_entries(path, fmt)
    check_duplicates(e.terms, path, e.lines)
    return Glossary(e.terms, name=Path(path).stem, path=str(path))


def read_glossary_entries(path: str | os.PathLike[str], fmt: str | None = None) -> Entries:
    """The concepts of a glossary file with their lines, a concept listed twice
    included (``align glossary check`` reports those; :func:`read_glossary` refuses
    them).

    Raises:
        InputError: missing file or unknown suffix or format.
        FormatError: malformed file, with the file and line.
    """
    kind = glossary_format(path, fmt)
    p = Path(path)
    check_file(p, kind=GLOSSARY_FILE)
    if kind == "tbx":
        return read_tbx_entries(p)
    found = _read_table(p)
    # a table with a header row saved as .txt is read as the table it is
    if kind == "omegat" and not {"zh", "en"} <= {canonical_column(c) for c in found[0].cells}:
        return read_omegat_entries(p)
    if is_memoq_header(found[0].cells):
        return memoq_entries(found[0], found[1:], p)
    return _table_entries(found, p)


def write_glossary(glossary: Glossary, path: str | os.PathLike[str], *,
                   fmt: str | None = None, tbx_flavour: str = "v2") -> None:
    """Write a glossary atomically; the format follows the suffix unless ``fmt`` names
    it (see :mod:`align.formats.glossary_formats`; :func:`~align.formats.glossary_formats.losses`
    says what a format leaves out).

    TSV is written unquoted (what memoQ and MultiTerm read); TSV and CSV cells are
    spreadsheet-safe (a term starting with ``=``, ``+``, ``-`` or ``@`` gets a leading
    apostrophe, see :func:`align.formats.tsv.escape_cell`). TBX is v2 "martif" (what
    OmegaT, translate-toolkit, MultiTerm and memoQ read) unless ``tbx_flavour="v3"``
    (TBX-Basic 2019).

    Raises:
        InputError: unknown suffix, format or TBX flavour, or the file cannot be written.
        FormatError: a TSV or OmegaT cell holding a tab or line break.
    """
    kind = glossary_format(path, fmt)
    if kind == "tbx":
        (write_martif if check_flavour(tbx_flavour) == "v2" else write_tbx)(glossary, path)
        return
    if kind == "omegat":
        write_omegat(glossary, path)
        return
    if kind == "memoq":
        write_memoq(glossary, path)
        return
    rows = [[term_to_row(t)[c] for c in COLUMNS] for t in glossary.terms]
    if kind == "xlsx":
        write_xlsx(path, COLUMNS, rows, sheet="glossary")
    elif kind == "tsv":
        _check_tsv_cells(rows, path)
        write_rows(path, [COLUMNS, *rows], delimiter="\t", quoting="none")
    else:
        write_rows(path, [COLUMNS, *rows], delimiter=",")


def _check_tsv_cells(rows: Sequence[Sequence[str]], path: str | os.PathLike[str]) -> None:
    # TSV is written unquoted (what memoQ and MultiTerm expect), so a cell must not
    # contain a tab or a line break.
    for i, row in enumerate(rows):
        for k, v in zip(COLUMNS, row, strict=True):
            if any(c in v for c in "\t\r\n"):
                raise FormatError(f"cell {k} of concept {i + 1} contains a tab or line break, "
                                  "which TSV cannot hold; remove it or write .csv/.xlsx",
                                  path=path, line=i + 2)


def term_to_row(t: Term) -> dict[str, str]:
    """One glossary row (column name -> cell) for a term."""
    return {"id": t.id, "zh": t.zh, "zh_variants": join_cell(t.zh_variants), "en": t.en,
            "en_variants": join_cell(t.variants), "en_deprecated": join_cell(t.deprecated),
            "status": t.status, "domain": t.domain, "note": t.note}


# -- reading -----------------------------------------------------------------------


def _read_table(p: Path) -> list[Row]:
    """The non-blank rows of a .tsv (plain lines, quotes are text, as memoQ and
    MultiTerm write it), .csv (csv quoting) or .xlsx glossary, each with its line
    (for XLSX: its spreadsheet row); cells written spreadsheet-safe ('=...) read back
    as written.

    Raises:
        FormatError: an empty file.
    """
    suf = p.suffix.lower()
    if suf == ".xlsx":
        found = read_xlsx_rows(p, kind=GLOSSARY_FILE)
    else:
        # Excel's "Unicode Text" is UTF-16 with a byte-order mark; Chinese Excel saves
        # CSV as GBK: both are detected like any text file of the toolkit.
        tab = suf in _TAB_SUFFIXES
        text, _ = read_data_file(p, kind=GLOSSARY_FILE)
        found = [Row(r.line, tuple(unescape_cell(c) for c in r.cells))
                 for r in read_rows(text, delimiter="\t" if tab else ",",
                                    quoting="none" if tab else "csv", path=p)]
    if not found:
        raise FormatError(GLOSSARY_FILE.empty or "", path=p, line=1)
    return found


def _table_entries(found: list[Row], p: Path) -> Entries:
    """The concepts of a table with our columns, language-coded columns or none."""
    head = found[0]
    sep = None if p.suffix.lower() == ".xlsx" else "\t" if p.suffix.lower() != ".csv" else ","
    if is_headerless(head.cells):
        header, head_line, body = headerless_columns(head.cells), None, found
    else:
        header, head_line, body = [canonical_column(h) for h in head.cells], head.line, found[1:]
        _check_header([h.strip() for h in head.cells], header, p, sep)
    terms, lines = [], []
    for row in body:
        cells = list(row.cells)
        _check_unnamed(cells, header, head_line, p, row.line)
        cells += [""] * (len(header) - len(cells))
        rec = {k: c.strip() for k, c in zip(header, cells, strict=False)}
        if not any(rec.values()):
            continue  # blank line
        terms.append(_make_term({k: rec.get(k, "") for k in COLUMNS}, p, row.line))
        lines.append(row.line)
    return Entries(tuple(terms), tuple(lines), p)


def _check_unnamed(cells: list[str], header: list[str], head_line: int | None, p: Path,
                   line: int) -> None:
    """Refuse text under no column name (past the header, or under an empty name):
    empty trailing fields (a tab at the end of every line) are fine, a shifted or
    unnamed column is not."""
    stray = [k for k, c in enumerate(cells) if c.strip() and (k >= len(header) or not header[k])]
    if stray and head_line is None:
        raise FormatError(f"a glossary without a header row has up to {len(header)} columns "
                          f"({', '.join(header)}); this line has {len(cells)}: remove the "
                          "extra cells, or add a header row (zh, en, note, ...)",
                          path=p, line=line)
    if stray:
        named = [h for h in header if h]
        width = max(k for k, c in enumerate(cells) if c.strip()) + 1
        raise FormatError(
            f"found {width} columns, but the header (line {head_line}) names {len(named)} "
            f"({', '.join(named)}); column {stray[0] + 1} ({cells[stray[0]].strip()[:40]!r}) "
            "has no name: remove the extra cells or name their column; check tabs and quotes",
            path=p, line=line)


def _check_header(raw: list[str], header: list[str], p: Path, sep: str | None) -> None:
    """Refuse a header row a glossary cannot be read by: a misspelt column name, no
    zh or en column (``raw``: the cells as written; ``header``: our names for them)."""
    import difflib

    for h, name in zip(raw, header, strict=True):  # a misspelt column would be ignored
        near = difflib.get_close_matches(h.lower(), COLUMNS, n=1, cutoff=0.8)
        if h and name not in COLUMNS and near:
            raise FormatError(f"unknown column {h!r} in the header row: did you mean "
                              f"{near[0]}? (columns: {', '.join(COLUMNS)})", path=p, line=1)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        hint = ""
        if sep is not None and len(header) == 1:
            hint = " (only one column: is the separator right? .tsv uses tabs, .csv commas)"
        raise FormatError(
            f"not a glossary: missing column {', '.join(missing)}{hint}; the header row "
            f"needs {', '.join(REQUIRED)} (optional: {', '.join(c for c in COLUMNS if c not in REQUIRED)}) "
            "or language-coded names (zh-CN, en-US, ...); a file may also have no header; "
            f"found: {', '.join(raw)[:120]}", path=p, line=1)
    dup = sorted({h for h in header if header.count(h) > 1 and h})
    if dup:
        raise FormatError(f"duplicate column {', '.join(dup)} in the header row", path=p, line=1)


def _make_term(cells: dict[str, str], p: Path, line: int) -> Term:
    for c in REQUIRED:
        if not cells[c]:
            raise FormatError(f"empty term: column {c} is empty; every concept needs a Chinese "
                              "and an English term", path=p, line=line)
    status = cells["status"].lower() or "preferred"
    if status not in TERM_STATUSES:
        raise FormatError(f"unknown status {cells['status']!r}; use one of "
                          f"{', '.join(TERM_STATUSES)}", path=p, line=line)
    return Term(zh=cells["zh"], en=cells["en"], zh_variants=split_cell(cells["zh_variants"]),
                variants=split_cell(cells["en_variants"]),
                deprecated=split_cell(cells["en_deprecated"]), status=status,  # type: ignore[arg-type]
                note=cells["note"], domain=cells["domain"], id=cells["id"])
