"""Reading and writing glossaries as TSV, CSV and XLSX.

Column layout (one concept per row, a header row; memoQ and Trados MultiTerm import it
with a column-to-field mapping)::

    id  zh  zh_variants  en  en_variants  en_deprecated  status  domain  note

Only ``zh`` and ``en`` are required; the other columns may be missing or empty.
Empty fields without a column name (a tab at the end of every line) are ignored;
text under no column name, and a column name a letter off a known one
(``en_deprecatd``), are refused, since either would shift or drop terms silently.
Cells holding several synonyms separate them with :data:`SEP` (``" | "``: space,
vertical bar, space). ``status`` is ``preferred`` (default), ``admitted`` or
``deprecated``. TBX is handled by :mod:`align.formats.tbx`; :func:`read_glossary`
and :func:`write_glossary` dispatch on the file suffix.

Line numbers in errors are file lines: the header is line 1, the first concept
line 2 (for XLSX: the spreadsheet row).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from align.errors import FormatError
from align.formats.concepts import Seen, check_duplicate
from align.formats.decode import FileKind, check_file, read_data_file
from align.formats.files import known_suffix
from align.formats.tbx import read_tbx, write_tbx
from align.formats.tsv import read_rows, unescape_cell, write_rows
from align.formats.xlsx import read_xlsx_rows, write_xlsx
from align.types import TERM_STATUSES, Glossary, Term

SEP = " | "
COLUMNS = ("id", "zh", "zh_variants", "en", "en_variants", "en_deprecated", "status",
           "domain", "note")
REQUIRED = ("zh", "en")
SUFFIXES = (".tsv", ".csv", ".xlsx", ".tbx")
#: A glossary file, for the messages of the file checks.
GLOSSARY_FILE = FileKind("a glossary", "glossary file", "save the glossary as UTF-8 text",
                         empty="empty file; a glossary needs a header row with zh and en")


def split_cell(cell: str) -> tuple[str, ...]:
    """Split a synonym cell on ``|`` and strip each part; empty parts are dropped."""
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def join_cell(values: Sequence[str]) -> str:
    """Join synonyms into one cell with :data:`SEP`."""
    return SEP.join(values)


def check_suffix(path: str | os.PathLike[str]) -> str:
    """The glossary format of ``path``: its suffix in lower case (one of :data:`SUFFIXES`)."""
    return known_suffix(path, SUFFIXES, "glossary")


def read_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read a glossary; the format follows the suffix (.tsv, .csv, .xlsx, .tbx).

    Raises:
        InputError: missing file or unknown suffix.
        FormatError: malformed file, with the file and line.
    """
    suf = check_suffix(path)
    p = Path(path)
    check_file(p, kind=GLOSSARY_FILE)
    if suf == ".tbx":
        return read_tbx(p)
    return _rows_to_glossary(_read_table(p, suf), p)


def write_glossary(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write a glossary atomically; the format follows the suffix (.tsv, .csv, .xlsx, .tbx).

    TSV is written unquoted (what memoQ and MultiTerm read); TSV and CSV cells are
    spreadsheet-safe (a term starting with ``=``, ``+``, ``-`` or ``@`` gets a leading
    apostrophe, see :func:`align.formats.tsv.escape_cell`).

    Raises:
        InputError: unknown suffix, or the file cannot be written.
        FormatError: a TSV cell holding a tab or line break.
    """
    suf = check_suffix(path)
    if suf == ".tbx":
        write_tbx(glossary, path)
        return
    rows = [[term_to_row(t)[c] for c in COLUMNS] for t in glossary.terms]
    if suf == ".xlsx":
        write_xlsx(path, COLUMNS, rows, sheet="glossary")
    elif suf == ".tsv":
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

Rows = tuple[list[str], list[tuple[int, dict[str, str]]]]


def _read_table(p: Path, suf: str) -> Rows:
    """The header and the rows of a .tsv (plain lines, quotes are text, as memoQ and
    MultiTerm write it), .csv (csv quoting) or .xlsx glossary; each row with its
    line (for XLSX: its spreadsheet row)."""
    if suf == ".xlsx":
        found = read_xlsx_rows(p, kind=GLOSSARY_FILE)
    else:
        # Excel's "Unicode Text" is UTF-16 with a byte-order mark; Chinese Excel saves
        # CSV as GBK: both are detected like any text file of the toolkit.
        text, _ = read_data_file(p, kind=GLOSSARY_FILE)
        found = read_rows(text, delimiter="\t" if suf == ".tsv" else ",",
                          quoting="none" if suf == ".tsv" else "csv", path=p)
    if not found:
        raise FormatError(GLOSSARY_FILE.empty or "", path=p, line=1)
    head, body = found[0], found[1:]
    header = [h.strip() for h in head.cells]
    _check_header(header, p, None if suf == ".xlsx" else "\t" if suf == ".tsv" else ",")
    rows = []
    for row in body:
        # cells written spreadsheet-safe ('=...) read back as written
        cells = list(row.cells) if suf == ".xlsx" else [unescape_cell(c) for c in row.cells]
        _check_unnamed(cells, header, head.line, p, row.line)
        cells += [""] * (len(header) - len(cells))
        rows.append((row.line, dict(zip(header, cells, strict=False))))
    return header, rows


def _check_unnamed(cells: list[str], header: list[str], head_line: int, p: Path,
                   line: int) -> None:
    """Refuse text under no column name (past the header, or under an empty name):
    empty trailing fields (a tab at the end of every line) are fine, a shifted or
    unnamed column is not."""
    stray = [k for k, c in enumerate(cells) if c.strip() and (k >= len(header) or not header[k])]
    if stray:
        named = [h for h in header if h]
        width = max(k for k, c in enumerate(cells) if c.strip()) + 1
        raise FormatError(
            f"found {width} columns, but the header (line {head_line}) names {len(named)} "
            f"({', '.join(named)}); column {stray[0] + 1} ({cells[stray[0]].strip()[:40]!r}) "
            "has no name: remove the extra cells or name their column; check tabs and quotes",
            path=p, line=line)


def _check_header(header: list[str], p: Path, sep: str | None) -> None:
    import difflib

    for h in header:  # a misspelt column would be ignored, and its terms with it
        near = difflib.get_close_matches(h.lower(), COLUMNS, n=1, cutoff=0.8)
        if h and h not in COLUMNS and near:
            raise FormatError(f"unknown column {h!r} in the header row: did you mean "
                              f"{near[0]}? (columns: {', '.join(COLUMNS)})", path=p, line=1)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        hint = ""
        if sep is not None and len(header) == 1:
            hint = " (only one column: is the separator right? .tsv uses tabs, .csv commas)"
        raise FormatError(
            f"not a glossary: missing column {', '.join(missing)}{hint}; the header row "
            f"needs {', '.join(REQUIRED)} (optional: {', '.join(c for c in COLUMNS if c not in REQUIRED)}); "
            f"found: {', '.join(header)[:120]}", path=p, line=1)
    dup = sorted({h for h in header if header.count(h) > 1 and h})
    if dup:
        raise FormatError(f"duplicate column {', '.join(dup)} in the header row", path=p, line=1)


def _rows_to_glossary(rows: Rows, p: Path) -> Glossary:
    _, records = rows
    terms: list[Term] = []
    seen: Seen = {}
    ids: dict[str, int] = {}
    for line, rec in records:
        cells = {k: (rec.get(k) or "").strip() for k in COLUMNS}
        if not any(cells.values()) and not any(str(v).strip() for v in rec.values()):
            continue  # blank line
        term = _make_term(cells, p, line)
        check_duplicate(term, seen, ids, p, line)
        terms.append(term)
    return Glossary(tuple(terms), name=p.stem, path=str(p))


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
