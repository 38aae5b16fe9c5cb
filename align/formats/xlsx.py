"""Excel workbooks (.xlsx, through openpyxl): rows of the first sheet in, one sheet out.

Reading gives the same :class:`~align.formats.tsv.Row` objects as the TSV/CSV
reader, with the spreadsheet row as the line, so a table means the same whether it
was saved as .tsv, .csv or .xlsx. Writing stores values, never formulas.
"""

from __future__ import annotations

import datetime
import gc
import io
import os
import sys
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from align.errors import FormatError, InputError
from align.formats import decode
from align.formats.decode import FileKind, check_file, size_error
from align.formats.files import atomic_write
from align.formats.tsv import Row
from align.text.script import display_width


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
    try:
        with zipfile.ZipFile(p) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as e:  # damaged
        raise FormatError(f"cannot read the workbook ({e}); save it again as .xlsx", path=p,
                          line=1) from None
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
    except Exception as e:  # the sheet is parsed lazily: a damaged one fails here
        raise FormatError(f"cannot read the workbook ({type(e).__name__}: {e}); save it "
                          "again as .xlsx", path=p, line=1) from None
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


@dataclass(frozen=True, slots=True)
class Marked:
    """Text with marked parts, written as a rich-text cell whose marked parts are bold
    and dark red (e.g. the words of a TM source that differ from the new sentence).

    Attributes:
        text: the cell's text.
        spans: (start, end) offsets of the marked parts, in order, not overlapping.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of a workbook: its name, header, rows and look (None: plain).

    A cell value is text, a number, None (empty) or :class:`Marked` text.
    """

    name: str
    columns: Sequence[str]
    rows: Iterable[Sequence[object]]
    style: SheetStyle | None = None


def write_xlsx(path: str | os.PathLike[str], columns: Sequence[str],
               rows: Iterable[Sequence[object]], *, sheet: str,
               style: SheetStyle | None = None) -> int:
    """Write a one-sheet workbook (header row, then ``rows``) atomically; see
    :func:`write_workbook`."""
    return write_workbook(path, [Sheet(sheet, columns, rows, style)])


def write_workbook(path: str | os.PathLike[str], sheets: Sequence[Sheet]) -> int:
    """Write a workbook of ``sheets`` (each a header row, then its rows) atomically.

    Cells hold values, never formulas: text starting with "=" stays text (a
    sentence or term from outside must not run as a formula when the file is
    opened, and must read back unchanged). Characters XML forbids (control
    characters) cannot be stored in XLSX and are removed. With a ``style`` the
    header is bold and frozen and has a filter (see :class:`SheetStyle`).

    openpyxl builds the workbook in memory (its own sheet buffer aside), so it
    never opens the output; the bytes then go through the atomic writer
    (:func:`align.formats.files.atomic_write`). A failure inside openpyxl (its
    temporary sheet file on a full disk) is one error, without the tracebacks its
    half-written objects would print when collected.

    Returns:
        The number of characters removed.

    Raises:
        InputError: the workbook cannot be built or written (no folder, disk full).
    """
    buf = io.BytesIO()
    with _quiet_cleanup():
        result = _build(buf, sheets)
        if isinstance(result, str):
            gc.collect()  # openpyxl's half-written objects go now, while quiet
    if isinstance(result, str):
        raise InputError(f"cannot write the workbook ({result}); free some space, or "
                         "choose another place", path=path)
    with atomic_write(path, "wb") as f:
        f.write(buf.getbuffer())
    return result


def _build(out: IO[bytes], sheets: Sequence[Sheet]) -> int | str:
    """Save the workbook into ``out``; the characters removed, or the reason of an
    I/O failure (returned, not raised, so the traceback and the objects it holds
    are freed inside :func:`_quiet_cleanup`)."""
    from openpyxl import Workbook

    try:
        wb = Workbook(write_only=True)
        removed = sum(_fill(wb.create_sheet(s.name), s) for s in sheets)
        wb.save(out)
    except OSError as e:
        return str(e.strerror or e)
    return removed


def _fill(ws: Any, sheet: Sheet) -> int:
    """Write the header and rows of ``sheet`` into ``ws``; the characters removed."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    style = sheet.style
    wrap = Alignment(wrap_text=True, vertical="top")
    if style is None:
        ws.append(list(sheet.columns))
    else:
        _start_styled(ws, style, sheet.columns)
    removed = n_rows = 0
    for row in sheet.rows:
        n_rows += 1
        cells = []
        for col, value in enumerate(row):
            value, n = _cell_value(value)
            removed += n
            cell = WriteOnlyCell(ws, value=value)
            if cell.data_type == "f":
                cell.data_type = "s"
            if style is not None and col in style.wrap:
                cell.alignment = wrap
            cells.append(cell)
        ws.append(cells)
    if style is not None:
        _finish_styled(ws, style, len(sheet.columns), n_rows)
    return removed


def _cell_value(value: object) -> tuple[object, int]:
    """What a cell stores for ``value`` and the characters removed from it: NaN is
    an empty cell, :class:`Marked` text a rich-text value."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return None, 0
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.subn("", value)
    if isinstance(value, Marked):
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont

        mark = InlineFont(b=True, color="C00000")
        parts: list[str | TextBlock] = []
        last = removed = 0
        for i, j in (*value.spans, (len(value.text), len(value.text))):
            plain, n1 = ILLEGAL_CHARACTERS_RE.subn("", value.text[last:i])
            marked, n2 = ILLEGAL_CHARACTERS_RE.subn("", value.text[i:j])
            parts += [p for p in (plain, TextBlock(mark, marked) if marked else "") if p]
            removed, last = removed + n1 + n2, j
        return (CellRichText(parts) if any(isinstance(p, TextBlock) for p in parts)
                else "".join(str(p) for p in parts)), removed
    return value, 0


#: Packages whose objects, collected after a failed save, report errors from
#: their destructors (a ZipFile closing onto a failed file, suspended writers).
_NOISY = ("zipfile", "openpyxl", "et_xmlfile", "lxml")


@contextmanager
def _quiet_cleanup() -> Iterator[None]:
    """Silence errors raised by destructors of openpyxl's, zipfile's and lxml's
    objects (only theirs); the failure itself is reported once by the caller."""
    previous = sys.unraisablehook

    def hook(u: Any) -> None:
        if not _from_noisy(u.object):
            previous(u)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _from_noisy(obj: object) -> bool:
    """Whether ``obj`` (a function, method or generator whose destructor failed) is
    code of one of :data:`_NOISY`."""
    code = getattr(obj, "gi_code", None) or getattr(obj, "__code__", None)
    where = code.co_filename if code is not None else getattr(obj, "__module__", "") or ""
    parts = set(Path(where).with_suffix("").parts) | set(str(where).split("."))
    return any(name in parts for name in _NOISY)


@dataclass(frozen=True, slots=True)
class SheetStyle:
    """How a sheet written by :func:`write_xlsx` looks, besides its bold, frozen
    header with a filter.

    Attributes:
        widths: column widths in characters, from the first column.
        wrap: 0-based columns whose text wraps (top-aligned).
        colour_scale: 0-based column of numbers in ``colour_range``, coloured red
            (low), yellow (middle), green (high).
        colour_range: the low and high end of the colour scale.
        choices: 0-based column -> the values a drop-down offers for it.
        fills: 0-based column -> cell value -> background colour (``"FFC7CE"``) of
            cells holding that value (a severity, a review state); conditional, so
            a value changed by hand changes its colour.
        freeze: the top-left cell that scrolls (``"A2"`` freezes the header row).
    """

    widths: Sequence[float] = ()
    wrap: Sequence[int] = ()
    colour_scale: int | None = None
    colour_range: tuple[float, float] = (0.0, 1.0)
    choices: Mapping[int, Sequence[str]] = field(default_factory=dict)
    fills: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    freeze: str = "A2"


def fitted_widths(columns: Sequence[str], rows: Iterable[Sequence[object]], *,
                  wide: float = 60) -> tuple[float, ...]:
    """Column widths (in characters) that fit the header and the cells: the widest
    line of each column (Chinese characters count double, as a spreadsheet shows
    them) plus a margin, at most ``wide`` (longer text wraps)."""
    most = [display_width(c) for c in columns]
    for row in rows:
        for i, v in enumerate(row[:len(most)]):
            if v is not None and v != "":
                text = v if isinstance(v, str) else str(v)
                most[i] = max(most[i], max(map(display_width, text.split("\n"))))
    return tuple(min(float(w + 2), wide) for w in most)


def _start_styled(ws: Any, style: SheetStyle, columns: Sequence[str]) -> None:
    """Panes and widths (a write-only sheet needs them before its first row), then
    the bold header."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = style.freeze
    for i, width in enumerate(style.widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    ws.append(header)


def _finish_styled(ws: Any, style: SheetStyle, n_cols: int, n_rows: int) -> None:
    """Filter, colour scale, value fills and drop-downs over the ``n_rows`` rows
    below the header."""
    from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(n_rows + 1, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(n_cols, 1))}{last}"
    if style.colour_scale is not None:
        col = get_column_letter(style.colour_scale + 1)
        low, high = style.colour_range
        ws.conditional_formatting.add(f"{col}2:{col}{last}", ColorScaleRule(
            start_type="num", start_value=low, start_color="F8696B", mid_type="num",
            mid_value=(low + high) / 2, mid_color="FFEB84", end_type="num", end_value=high,
            end_color="63BE7B"))
    for i, fills in style.fills.items():
        col = get_column_letter(i + 1)
        for value, colour in fills.items():
            ws.conditional_formatting.add(f"{col}2:{col}{last}", CellIsRule(
                operator="equal", formula=[f'"{value}"'],
                fill=PatternFill("solid", start_color=colour, end_color=colour)))
    for i, values in style.choices.items():
        col = get_column_letter(i + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                            allow_blank=True)
        dv.add(f"{col}2:{col}{last}")
        ws.data_validations.append(dv)
