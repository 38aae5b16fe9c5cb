"""Delimited files (TSV, CSV): the one row reader and writer of the toolkit.

Reading gives :class:`Row` objects that know the 1-based line they start on (a
quoted cell may span lines), so every error can say ``file:line``. Three quoting
conventions are read:

* ``"csv"``: cells quoted csv-style where needed (``"a ""b"" c"``, a quoted cell
  may hold the delimiter or line breaks), as Excel and :func:`format_rows` write;
* ``"none"``: every line is a row split at the delimiter, quotes are text (the
  plain TSV that memoQ and Trados MultiTerm read and write);
* ``"auto"`` (TSV only): csv-style when the whole text reads that way strictly and
  gives rows of one width (or plain lines do not either); else plain lines. A
  hand-made TSV whose cell starts with a quote (``"We" develop ...``) is thereby
  read as written, and a TSV from :func:`format_rows` as written too.

Blank rows are skipped. A cell may hold at most :data:`MAX_CELL` characters.

Spreadsheet-safe cells: a cell that starts with ``=``, ``+``, ``-`` or ``@`` would
run as a formula when the file is opened in a spreadsheet (CSV injection). With
``safe=True`` :func:`format_rows` writes it with a leading apostrophe (``'=1+1``),
which spreadsheets show as text, and :func:`unescape_cell` takes it off again when
reading; a cell that already starts with apostrophes before such a character gets
one more, so the round trip is exact for every text. Every CSV/TSV output meant for
a spreadsheet is written this way (alignments, QA reports, drafts, glossaries).

:func:`write_rows` streams rows into a file through the atomic writer
(:func:`align.formats.files.atomic_write`).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Literal

from align.errors import FormatError
from align.formats.files import atomic_write

Quoting = Literal["auto", "csv", "none"]
#: How :func:`format_rows` and :func:`write_rows` write cells.
WriteQuoting = Literal["csv", "none"]

#: Longest cell read (characters), for quoted and plain lines alike. Our own writers put no
#: limit on a cell (a whole paragraph bead can pass csv's default of 131,072), so reading
#: must take what we write; 16 Mi characters still stops a runaway unclosed quote.
MAX_CELL = 16 * 1024 * 1024
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = "=+-@"


@dataclass(frozen=True, slots=True)
class Row:
    """One non-blank row of a delimited file.

    Attributes:
        line: the 1-based line of the file the row starts on.
        cells: the cells, as in the file (not stripped).
    """

    line: int
    cells: tuple[str, ...]


def read_rows(text: str, *, delimiter: str = "\t", quoting: Quoting = "auto",
              path: str | os.PathLike[str] | None = None) -> list[Row]:
    """The non-blank rows of a delimited text (see the module doc for ``quoting``).

    Args:
        text: the decoded file (line ends as in the file).
        delimiter: ``"\\t"`` or ``","``.
        quoting: ``"auto"``, ``"csv"`` or ``"none"``.
        path: the file, for error messages.

    Raises:
        FormatError: a cell over :data:`MAX_CELL` characters, or (``quoting="csv"``)
            a row whose quotes do not close; with the line.
    """
    if quoting == "none":
        return _plain_rows(text, delimiter, path)
    if quoting == "csv":
        return _csv_rows(text, delimiter, path, strict=False)
    try:
        quoted = _csv_rows(text, delimiter, path, strict=True)
    except _NotStrict:
        return _plain_rows(text, delimiter, path)
    try:
        plain = _plain_rows(text, delimiter, path)
    except FormatError:  # a line too long to be a row: the quotes were right
        return quoted
    if quoted != plain and not _uniform(quoted) and _uniform(plain):
        return plain
    return quoted


class _NotStrict(Exception):
    """The text is not strictly csv-quoted."""


def _csv_rows(text: str, delimiter: str, path: str | os.PathLike[str] | None, *,
              strict: bool) -> list[Row]:
    if csv.field_size_limit() < MAX_CELL:  # raise csv's process-wide limit, never lower it
        csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            # the row started on the line after the previous row ended
            n, start = start, reader.line_num + 1
            if any(c.strip() for c in cells):
                rows.append(Row(n, tuple(cells)))
    except csv.Error as e:
        if strict and "field larger" not in str(e):
            raise _NotStrict from None
        raise FormatError(f"cannot read the row ({e}); check its quotes, or split very long "
                          "cells", path=path, line=start) from None
    return rows


def _plain_rows(text: str, delimiter: str, path: str | os.PathLike[str] | None) -> list[Row]:
    # Only \n ends a row: str.splitlines() would also split at U+2028, \x0b, \x1c... in a cell.
    rows = []
    for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip():
            continue
        cells = tuple(line.split(delimiter))
        if any(len(c) > MAX_CELL for c in cells):
            raise FormatError(f"cannot read the row (field larger than field limit "
                              f"({MAX_CELL})); check its quotes, or split very long cells",
                              path=path, line=n)
        rows.append(Row(n, cells))
    return rows


def _uniform(rows: Sequence[Row]) -> bool:
    return len({len(r.cells) for r in rows}) <= 1


def header_columns(cells: Sequence[str],
                   names: Mapping[str, Collection[str]]) -> dict[str, int]:
    """Look the columns of a header row up by name.

    Args:
        cells: the header row.
        names: field -> the header names that mean it, in lower case
            (``{"source": {"source", "src"}, ...}``).

    Returns:
        field -> 0-based column, for the fields found (the first column wins);
        cells are compared stripped and in lower case.
    """
    low = [c.strip().lower() for c in cells]
    found: dict[str, int] = {}
    for field_name, aliases in names.items():
        for i, c in enumerate(low):
            if c in aliases:
                found[field_name] = i
                break
    return found


def escape_cell(cell: str) -> str:
    """The spreadsheet-safe form of ``cell``: an apostrophe before a cell that starts
    (after any apostrophes) with one of :data:`FORMULA_START`."""
    return "'" + cell if cell.lstrip("'")[:1] in tuple(FORMULA_START) else cell


def unescape_cell(cell: str) -> str:
    """Undo :func:`escape_cell`."""
    if cell.startswith("'") and cell.lstrip("'")[:1] in tuple(FORMULA_START):
        return cell[1:]
    return cell


def format_rows(rows: Iterable[Sequence[str]], *, delimiter: str = "\t", safe: bool = True,
                quoting: WriteQuoting = "csv") -> str:
    """Delimited text: one line per row, ``\\n`` line ends; with ``safe``, cells are
    written spreadsheet-safe (:func:`escape_cell`).

    Args:
        rows: the rows.
        delimiter: ``"\\t"`` or ``","``.
        safe: escape cells a spreadsheet would run as formulas.
        quoting: ``"csv"`` quotes cells where needed; ``"none"`` writes cells as
            they are (plain TSV), which then must not hold the delimiter or a line
            break.

    Raises:
        FormatError: (``quoting="none"``) a cell holding the delimiter or a line break.
    """
    buf = io.StringIO()
    _write_rows(buf, rows, delimiter, safe, quoting, None)
    return buf.getvalue()


def write_rows(path: str | os.PathLike[str], rows: Iterable[Sequence[str]], *,
               delimiter: str = "\t", safe: bool = True, quoting: WriteQuoting = "csv") -> int:
    """Write rows as :func:`format_rows` formats them, streaming, through the atomic
    writer (:func:`align.formats.files.atomic_write`).

    Returns:
        The number of rows written.

    Raises:
        FormatError: see :func:`format_rows`.
        InputError: the file cannot be written (no folder, disk full, ...).
    """
    with atomic_write(path) as f:
        return _write_rows(f, rows, delimiter, safe, quoting, path)


def _write_rows(f: IO[str], rows: Iterable[Sequence[str]], delimiter: str, safe: bool,
                quoting: WriteQuoting, path: str | os.PathLike[str] | None) -> int:
    if quoting not in ("csv", "none"):
        raise ValueError(f"quoting must be 'csv' or 'none', not {quoting!r}")
    w = csv.writer(f, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    n = 0
    for n, row in enumerate(rows, 1):
        cells = [escape_cell(c) for c in row] if safe else list(row)
        if quoting == "csv":
            w.writerow(cells)
            continue
        if any(delimiter in c or "\n" in c or "\r" in c for c in cells):
            raise FormatError("a cell holds the delimiter or a line break, which plain "
                              "TSV cannot hold; remove it, or write CSV", path=path, line=n)
        f.write(delimiter.join(cells) + "\n")
    return n
