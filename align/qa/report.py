"""QA reports as text: a plain-text table for the terminal and the rows of the CSV
and XLSX reports (one row per finding, :data:`COLUMNS`). Beads are numbered from 1
here, as on every surface a person reads (:func:`align.types.number_shown`);
:attr:`~align.qa.findings.Finding.bead` stays the 0-based index. The HTML page is
:mod:`align.qa.html`; files are written by :mod:`align.cli.check`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from align.formats.tsv import format_rows
from align.formats.xlsx import SheetStyle, fitted_widths
from align.qa.findings import Finding
from align.text.script import display_width
from align.types import number_shown

#: the columns of the CSV and XLSX reports
COLUMNS = ("bead", "severity", "kind", "term", "message", "source", "target", "details")
#: the columns of the terminal table (the source sentence lets a translator find the
#: bead without the report)
TABLE_COLUMNS = ("bead", "severity", "kind", "term", "message", "source")
#: background of each severity in the XLSX report
SEVERITY_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def _cell(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - display_width(s))


def bead_label(f: Finding) -> str:
    """The bead of a finding as people read it: its number from 1, "-" for a
    document-level finding."""
    return "-" if f.bead is None else str(number_shown(f.bead))


def summary_line(findings: Sequence[Finding], ignored: int = 0) -> str:
    """"N error(s), N warning(s), N info" (", N ignored" when an ignore list left some
    out): the last line of the table."""
    counts = Counter(f.severity for f in findings)
    return (f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
            + (f", {ignored} ignored" if ignored else ""))


def format_table(findings: Sequence[Finding], *, width: int = 60, ignored: int = 0) -> str:
    """Findings as a plain-text table with aligned columns and a summary line."""
    summary = summary_line(findings, ignored)
    if not findings:
        return "no findings\n" + summary + "\n"
    rows = [TABLE_COLUMNS]
    for f in findings:
        rows.append((bead_label(f), f.severity, f.kind,
                     _cell(f.term or "", 16), _cell(f.message, width), _cell(f.src or "", 20)))
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n" + summary + "\n"


def finding_rows(findings: Sequence[Finding]) -> list[tuple[int | str, ...]]:
    """One row per finding, in the order of :data:`COLUMNS` (the bead numbered from
    1, "" when None; details as ``key=value`` pairs joined by "; ")."""
    return [("" if f.bead is None else number_shown(f.bead), f.severity, f.kind, f.term or "", f.message,
             f.src, f.tgt, "; ".join(f"{k}={v}" for k, v in f.details.items()))
            for f in findings]


def render_csv(findings: Sequence[Finding]) -> str:
    """The CSV report: a header row of :data:`COLUMNS`, one row per finding, quoted
    where needed, ``\\n`` line ends, spreadsheet-safe cells (a sentence starting with
    "=" is shown as text, never run as a formula; see :func:`align.formats.tsv.escape_cell`)."""
    rows = [[str(c) for c in row] for row in finding_rows(findings)]
    return format_rows([COLUMNS, *rows], delimiter=",")


def sheet_columns(src_lang: str = "zh", tgt_lang: str = "en") -> tuple[str, ...]:
    """Header of the XLSX report: :data:`COLUMNS` with the source and target columns
    named by language (``zh``, ``en``), as in the alignment sheet."""
    names = {"source": src_lang, "target": tgt_lang}
    return tuple(names.get(c, c) for c in COLUMNS)


def report_sheet(findings: Sequence[Finding], src_lang: str = "zh", tgt_lang: str = "en"
                 ) -> tuple[tuple[str, ...], list[tuple[int | str, ...]], SheetStyle]:
    """Columns, rows and style of the XLSX report, styled like the alignment sheet
    (:func:`align.formats.alignment_out.sheet_style`): bold frozen header and bead
    column, a filter, widths that fit the cells, wrapped message, text and details,
    each severity coloured."""
    columns, rows = sheet_columns(src_lang, tgt_lang), finding_rows(findings)
    wrap = tuple(columns.index(c) for c in ("message", src_lang, tgt_lang, "details"))
    style = SheetStyle(widths=fitted_widths(columns, rows), wrap=wrap,
                       fills={COLUMNS.index("severity"): SEVERITY_FILLS}, freeze="B2")
    return columns, rows, style
