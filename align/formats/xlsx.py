"""Excel workbooks (.xlsx, through openpyxl): rows of the first sheet in, one sheet out.

Reading gives the same :class:`~align.formats.tsv.Row` objects as the TSV/CSV
reader, with the spreadsheet row as the line, so a table means the same whether it
was saved as .tsv, .csv or .xlsx. Writing stores values, never formulas.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from align.errors import FormatError
from align.formats import decode
from align.formats.decode import FileKind, check_file, size_error
from align.formats.files import atomic_path
from align.formats.tsv import Row


def read_xlsx_rows(path: str | os.PathLike[str], *, kind: FileKind | None = None,
                   max_bytes: int | None = None) -> list[Row]:
    """The non-blank rows of the first sheet of a workbook, cells as text.

    Numbers become their usual text (``0.9``, ``12``), dates ISO text, empty cells
    "". Rows are cut to the widest row's last non-empty cell. A workbook is refused
    before it is unpacked if its content is larger than ``max_bytes`` (a zip bomb).

    Args:
        path: the workbook.
        kind: what the file should be, to name it when it is missing or a folder.
        max_bytes: the size limit, packed and unpacked (default
            :data:`align.formats.decode.DEFAULT_MAX_BYTES`).

    Returns:
        The rows; ``Row.line`` is the spreadsheet row (1-based).

    Raises:
        InputError: missing, a folder, too large.
        FormatError: not a workbook, or a damaged one.
    """
    from openpyxl import load_workbook

    if max_bytes is None:
        max_bytes = decode.DEFAULT_MAX_BYTES
    # Only the unpacked size is limited below: a workbook is never smaller unpacked.
    check_file(path, max_bytes=None, kind=kind)
    p = Path(path)
    if not zipfile.is_zipfile(p):
        raise FormatError("not an XLSX workbook (not a zip file); save it as .xlsx", path=p,
                          line=1)
    with zipfile.ZipFile(p) as zf:
        unpacked = sum(i.file_size for i in zf.infolist())
    if unpacked > max_bytes:
        raise size_error(p, unpacked, max_bytes, what="the workbook unpacks to")
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for broken workbooks
        raise FormatError(f"cannot read the workbook ({e}); save it again as .xlsx", path=p,
                          line=1) from None
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # some writers record a wrong sheet size
        found = [(n, [_text(v) for v in values])
                 for n, values in enumerate(ws.iter_rows(values_only=True), 1)]
    finally:
        wb.close()
    width = max((max(i + 1 for i, c in enumerate(cells) if c.strip())
                 for _, cells in found if any(c.strip() for c in cells)), default=0)
    return [Row(n, tuple((cells + [""] * width)[:width])) for n, cells in found
            if any(c.strip() for c in cells)]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def write_xlsx(path: str | os.PathLike[str], columns: Sequence[str],
               rows: Iterable[Sequence[object]], *, sheet: str) -> int:
    """Write a one-sheet workbook (header row, then ``rows``) atomically.

    Cells hold values, never formulas: text starting with "=" stays text (a
    sentence or term from outside must not run as a formula when the file is
    opened, and must read back unchanged). Characters XML forbids (control
    characters) cannot be stored in XLSX and are removed.

    Returns:
        The number of characters removed.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(list(columns))
    removed = 0
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, float) and value != value:  # NaN: an empty cell
                value = None
            elif isinstance(value, str):
                value, n = ILLEGAL_CHARACTERS_RE.subn("", value)
                removed += n
            cell = WriteOnlyCell(ws, value=value)
            if cell.data_type == "f":
                cell.data_type = "s"
            cells.append(cell)
        ws.append(cells)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return removed
