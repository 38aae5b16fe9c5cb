"""Reading and writing glossaries as TSV, CSV and XLSX (through pandas).

Column layout (one concept per row, a header row; memoQ and Trados MultiTerm import it
with a column-to-field mapping)::

    id  zh  zh_variants  en  en_variants  en_deprecated  status  domain  note

Only ``zh`` and ``en`` are required; the other columns may be missing or empty.
Cells holding several synonyms separate them with :data:`SEP` (``" | "``: space,
vertical bar, space). ``status`` is ``preferred`` (default), ``admitted`` or
``deprecated``. TBX is handled by :mod:`align.formats.tbx`; :func:`read_glossary`
and :func:`write_glossary` dispatch on the file suffix.

Line numbers in errors are file lines: the header is line 1, the first concept
line 2 (for XLSX: the spreadsheet row).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from align.errors import FormatError, InputError
from align.formats.files import atomic_path, write_xlsx
from align.types import TERM_STATUSES, Glossary, Term

SEP = " | "
COLUMNS = ("id", "zh", "zh_variants", "en", "en_variants", "en_deprecated", "status",
           "domain", "note")
REQUIRED = ("zh", "en")
SUFFIXES = (".tsv", ".csv", ".xlsx", ".tbx")


def split_cell(cell: str) -> tuple[str, ...]:
    """Split a synonym cell on ``|`` and strip each part; empty parts are dropped."""
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def join_cell(values: Sequence[str]) -> str:
    """Join synonyms into one cell with :data:`SEP`."""
    return SEP.join(values)


def check_suffix(path: str | os.PathLike[str]) -> str:
    """The glossary format of ``path``: its suffix in lower case.

    Raises:
        InputError: not one of :data:`SUFFIXES`.
    """
    suf = Path(path).suffix.lower()
    if suf not in SUFFIXES:
        raise InputError(f"unknown glossary format {suf or '(no suffix)'!r}; use one of "
                         f"{', '.join(SUFFIXES)}", path=path)
    return suf


def read_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read a glossary; the format follows the suffix (.tsv, .csv, .xlsx, .tbx).

    Raises:
        InputError: missing file or unknown suffix.
        FormatError: malformed file, with the file and line.
    """
    suf = check_suffix(path)
    p = Path(path)
    if p.is_dir():
        raise InputError(f"is a folder, not a glossary file; give the path of a "
                         f"{', '.join(SUFFIXES)} file", path=p)
    if not p.is_file():
        raise InputError("no such glossary file; check the path", path=p)
    if suf == ".tbx":
        from align.formats.tbx import read_tbx

        return read_tbx(p)
    if suf == ".xlsx":
        return _rows_to_glossary(_read_xlsx(p), p)
    return _rows_to_glossary(_read_delimited(p, "\t" if suf == ".tsv" else ","), p)


def write_glossary(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write a glossary atomically; the format follows the suffix (.tsv, .csv, .xlsx, .tbx)."""
    suf = check_suffix(path)
    if suf == ".tbx":
        from align.formats.tbx import write_tbx

        write_tbx(glossary, path)
        return
    if suf == ".xlsx":
        rows = [term_to_row(t) for t in glossary.terms]
        write_xlsx(path, COLUMNS, [[r[c] for c in COLUMNS] for r in rows], sheet="glossary")
        return
    import pandas as pd

    df = pd.DataFrame([term_to_row(t) for t in glossary.terms], columns=list(COLUMNS))
    with atomic_path(path) as tmp:
        if suf == ".tsv":
            _check_tsv_cells(df, path)
            df.to_csv(tmp, sep="\t", index=False, encoding="utf-8", lineterminator="\n",
                      quoting=csv.QUOTE_NONE)
        else:
            df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")


def _check_tsv_cells(df: Any, path: str | os.PathLike[str]) -> None:
    # TSV is written unquoted (what memoQ and MultiTerm expect), so a cell must not
    # contain a tab or a line break.
    for i, rec in enumerate(df.to_dict("records")):
        for k, v in rec.items():
            if any(c in str(v) for c in "\t\r\n"):
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


def _decode(p: Path) -> str:
    from align.formats.documents import decode_data, read_bytes

    data = read_bytes(p)  # refuses absurd sizes
    if not data.strip():
        raise FormatError("empty file; a glossary needs a header row with zh and en",
                          path=p, line=1)
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark; Chinese Excel saves
    # CSV as GBK: both are detected like any text file of the toolkit.
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("not a glossary: binary data (a TSV/CSV glossary is text; save "
                          "it as UTF-8)", path=p, line=1)
    try:
        return decode_data(data, p)[0]
    except InputError as e:
        line = None if e.offset is None else data[:e.offset].count(b"\n") + 1
        reason = e.message.split(";")[0]  # what is wrong, without the text-file advice
        raise FormatError(f"not a glossary: {reason}; save the glossary as UTF-8 text",
                          path=p, line=line or 1) from None


def _read_delimited(p: Path, sep: str) -> Rows:
    import io

    import pandas as pd

    text = _decode(p)
    if not text.strip():
        raise FormatError("empty file; a glossary needs a header row with zh and en",
                          path=p, line=1)
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL
    header = next(csv.reader(io.StringIO(text.splitlines()[0]), delimiter=sep,
                             quoting=quoting))
    header = [h.strip() for h in header]
    _check_header(header, p, sep)
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                         skip_blank_lines=False, on_bad_lines="error", engine="python",
                         quoting=quoting)
    except (pd.errors.ParserError, csv.Error) as e:
        m = re.search(r"line (\d+)", str(e))
        raise FormatError(f"cannot parse the table: {e}; check tabs and quotes", path=p,
                          line=int(m.group(1)) if m else None) from e
    df.columns = [str(c).strip() for c in df.columns]
    df = df.fillna("")  # blank lines come back as NaN rows; kept so row + 2 = line
    rows = []
    for i, rec in enumerate(df.to_dict("records")):
        rows.append((i + 2, {k: str(v) for k, v in rec.items()}))
    return header, rows


def _read_xlsx(p: Path) -> Rows:
    import zipfile

    import pandas as pd

    if not zipfile.is_zipfile(p):
        raise FormatError("not an XLSX workbook (not a zip file); save it as .xlsx",
                          path=p, line=1)
    from align.formats.decode import size_error
    from align.formats.documents import DEFAULT_MAX_BYTES

    with zipfile.ZipFile(p) as zf:  # a zip bomb is refused before it is unpacked
        unpacked = sum(i.file_size for i in zf.infolist())
    if unpacked > DEFAULT_MAX_BYTES:
        raise size_error(p, unpacked, DEFAULT_MAX_BYTES, what="the workbook unpacks to")
    try:
        df = pd.read_excel(p, dtype=str, engine="openpyxl", keep_default_na=False)
    except Exception as e:  # openpyxl raises many types for broken workbooks
        raise FormatError(f"cannot read the workbook: {e}", path=p, line=1) from e
    header = [str(c).strip() for c in df.columns]
    _check_header(header, p, None)
    df.columns = header
    df = df.fillna("")
    return header, [(i + 2, {k: str(v) for k, v in rec.items()})
                    for i, rec in enumerate(df.to_dict("records"))]


def _check_header(header: list[str], p: Path, sep: str | None) -> None:
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
    seen: dict[str, tuple[int, Term]] = {}
    ids: dict[str, int] = {}
    for line, rec in records:
        cells = {k: (rec.get(k) or "").strip() for k in COLUMNS}
        if not any(cells.values()) and not any(str(v).strip() for v in rec.values()):
            continue  # blank line
        term = _make_term(cells, p, line)
        _check_duplicate(term, seen, ids, p, line)
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


def check_duplicates(terms: Sequence[Term], path: str | os.PathLike[str] | None = None,
                     lines: Sequence[int | None] | None = None) -> None:
    """Raise FormatError for a concept listed twice (same id, or same Chinese term)."""
    seen: dict[str, tuple[int, Term]] = {}
    ids: dict[str, int] = {}
    for k, t in enumerate(terms):
        line = None if lines is None else lines[k]
        _check_duplicate(t, seen, ids, path, line)


def _check_duplicate(term: Term, seen: dict[str, tuple[int, Term]], ids: dict[str, int],
                     p: Any, line: int | None) -> None:
    if term.id:
        if term.id in ids:
            raise FormatError(f"duplicate concept id {term.id!r} (first on line {ids[term.id]}); "
                              "ids must be unique", path=p, line=line)
        ids[term.id] = line or 0
    for form in term.zh_forms:
        if form in seen:
            first_line, first = seen[form]
            if first.en != term.en or first.variants != term.variants:
                raise FormatError(
                    f"duplicate concept {form!r} with conflicting translations: {term.en!r} "
                    f"here, {first.en!r} on line {first_line}; keep one row per concept and "
                    "put other renderings in en_variants", path=p, line=line)
            raise FormatError(f"duplicate concept {form!r} (also on line {first_line}); "
                              "remove one of the rows", path=p, line=line)
        seen[form] = (line or 0, term)
