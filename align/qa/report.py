"""QA reports as text: a plain-text table for the terminal and the rows of the CSV
and XLSX reports (one row per finding, :data:`COLUMNS`). The HTML page is
:mod:`align.qa.html`; files are written by :mod:`align.cli.check`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from align.formats.tsv import format_rows
from align.qa.findings import Finding
from align.text.script import display_width

#: the columns of the CSV and XLSX reports
COLUMNS = ("bead", "severity", "kind", "term", "message", "source", "target", "details")
#: the columns of the terminal table (the source sentence lets a translator find the
#: bead without the report)
TABLE_COLUMNS = ("bead", "severity", "kind", "term", "message", "source")


def _cell(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - display_width(s))


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
        rows.append(("-" if f.bead is None else str(f.bead), f.severity, f.kind,
                     _cell(f.term or "", 16), _cell(f.message, width), _cell(f.src or "", 20)))
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n" + summary + "\n"


def finding_rows(findings: Sequence[Finding]) -> list[tuple[int | str, ...]]:
    """One row per finding, in the order of :data:`COLUMNS` (bead "" when None;
    details as ``key=value`` pairs joined by "; ")."""
    return [("" if f.bead is None else f.bead, f.severity, f.kind, f.term or "", f.message,
             f.src, f.tgt, "; ".join(f"{k}={v}" for k, v in f.details.items()))
            for f in findings]


def render_csv(findings: Sequence[Finding]) -> str:
    """The CSV report: a header row of :data:`COLUMNS`, one row per finding, quoted
    where needed, ``\\n`` line ends, spreadsheet-safe cells (a sentence starting with
    "=" is shown as text, never run as a formula; see :func:`align.formats.tsv.escape_cell`)."""
    rows = [[str(c) for c in row] for row in finding_rows(findings)]
    return format_rows([COLUMNS, *rows], delimiter=",")
