"""Tests of the reports of align check: the terminal table and CSV rows
(align.qa.report), the HTML page (align.qa.html) and the report files
(align.cli.check.write_report)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from align.cli.check import write_report
from align.errors import InputError
from align.qa.check import check_alignment
from align.qa.findings import Finding
from align.qa.html import render_html
from align.qa.report import COLUMNS, finding_rows, format_table, render_csv
from align.types import Alignment, Glossary

PAIRS = [("要发展新质生产力。", "We develop new productive forces of quality."),
         ("增长百分之五。", "It grew by 6%."), ("支持北交所。", "Support the BSE.")]


@pytest.fixture
def al() -> Alignment:
    return Alignment.from_pairs(PAIRS)


@pytest.fixture
def findings(al: Alignment, glossary: Glossary) -> list[Finding]:
    return check_alignment(al, glossary)


def test_table_columns_line_up(findings: list[Finding]) -> None:
    lines = format_table(findings).splitlines()
    assert lines[0].split() == ["bead", "severity", "kind", "term", "message", "source"]
    assert set(lines[1]) == {"-", " "}
    # the last column shows (the start of) each finding's source sentence
    assert [line.rsplit("  ", 1)[-1].strip() for line in lines[2:-1]] == [
        f.src if len(f.src) <= 20 else f.src[:19] + "…" for f in findings]
    col = lines[0].index("kind")
    assert all(line[col - 2:col] == "  " for line in lines[2:4])  # ASCII rows aligned
    assert lines[-1] == "2 error(s), 0 warning(s), 0 info"
    assert format_table([]).startswith("no findings")


def test_table_cuts_long_cells() -> None:
    f = Finding("number-mismatch", "error", None, "甲" * 30, "", None, "m" * 80)
    row = format_table([f]).splitlines()[2]
    assert row.startswith("-     error     number-mismatch")
    assert "m" * 59 + "…" in row and "甲" * 19 + "…" in row


def test_finding_rows_and_csv(findings: list[Finding]) -> None:
    rows = finding_rows(findings)
    assert findings[0].bead == 0  # the index; people read bead 1
    assert rows[0][:3] == (1, "error", "term-deprecated")
    assert rows[1][-1] == "missing=5; extra=6"
    got = list(csv.reader(io.StringIO(render_csv(findings))))
    assert got[0] == list(COLUMNS)
    assert got[1:] == [[str(c) for c in r] for r in rows]


def test_csv_is_spreadsheet_safe() -> None:
    f = Finding("untranslated", "error", 3, "=1+1", "=1+1", None, "m, with comma")
    text = render_csv([f])
    assert text.splitlines()[1] == "4,error,untranslated,,\"m, with comma\",'=1+1,'=1+1,"
    assert text.endswith("\n") and "\r" not in text


def test_html_report(tmp_path: Path, al: Alignment, glossary: Glossary,
                     findings: list[Finding]) -> None:
    from lxml import html

    out = tmp_path / "r.html"
    write_report(findings, out, alignment=al, glossary=glossary)
    doc = html.fromstring(out.read_bytes())
    assert doc.find(".//style") is not None and not doc.findall(".//script")
    marks = [m.text_content() for m in doc.iter("mark")]
    assert "新质生产力" in marks and "new productive forces of quality" in marks
    assert [r.get("class") for r in doc.findall(".//table[@class='findings']/tr")[1:]] == [
        "error", "error"]
    assert doc.get_element_by_id("b1").get("class") == "has-error"
    assert [r.findtext("td") for r in doc.findall(".//table[@class='bitext']/tr")[1:]] == [
        "1 [0]:[0]", "2 [1]:[1]", "3 [2]:[2]"]
    assert [a.text for a in doc.findall(".//table[@class='findings']//a")] == ["1", "2"]
    assert "It grew by 6%." in render_html(findings, alignment=al)


def test_html_without_alignment_has_no_bitext(findings: list[Finding]) -> None:
    from lxml import html

    doc = html.fromstring(render_html(findings, title="QA <x>"))
    assert doc.findtext(".//title") == "QA <x>"
    assert not doc.findall(".//table[@class='bitext']")
    assert doc.find(".//a").get("href") == "#b1"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_table_reports(tmp_path: Path, suffix: str, findings: list[Finding]) -> None:
    import pandas as pd

    out = tmp_path / f"r{suffix}"
    write_report(findings, out)
    df = pd.read_csv(out) if suffix == ".csv" else pd.read_excel(out)
    names = {".csv": COLUMNS, ".xlsx": ("bead", "severity", "kind", "term", "message", "zh",
                                        "en", "details")}
    assert list(df.columns) == list(names[suffix])
    assert list(df["kind"]) == [f.kind for f in findings]
    assert list(df["bead"]) == [1, 2]  # beads 0 and 1, numbered from 1


def test_report_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown report format '.pdf'"):
        write_report([], tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_xlsx_report_holds_text_not_formulas(tmp_path: Path, glossary: Glossary) -> None:
    import openpyxl

    al = Alignment.from_pairs([("=要发展新质生产力。", "=We develop new productive forces of quality.")])
    out = tmp_path / "r.xlsx"
    write_report(check_alignment(al, glossary), out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    cell = ws[2][header.index("en")]
    assert (cell.value, cell.data_type) == ("=We develop new productive forces of quality.", "s")


def test_xlsx_report_is_styled_like_the_alignment_sheet(tmp_path: Path, al: Alignment,
                                                        findings: list[Finding]) -> None:
    """Bold frozen header, filter, widths that fit, wrapped text, severities coloured,
    text columns named by language; the same styler as ``align pair -o x.xlsx``."""
    import openpyxl

    out = tmp_path / "r.xlsx"
    write_report(findings, out, alignment=al)
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["bead", "severity", "kind", "term", "message", "zh",
                                        "en", "details"]
    assert [c.value for c in ws[2]][:3] == [1, "error", "term-deprecated"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:H3"
    # widths fit: "severity" (8) + 2; the Chinese column counts each character twice
    # ("要发展新质生产力。" is 18 wide) + 2; capped at 60
    assert ws.column_dimensions["B"].width == 10
    assert ws.column_dimensions["F"].width == 20
    assert ws.column_dimensions["G"].width == len("We develop new productive forces of quality.") + 2
    assert [ws.cell(2, c).alignment.wrap_text for c in range(1, 9)] == [
        None, None, None, None, True, True, True, True]
    rules = [(str(r.sqref), x.formula, x.dxf.fill.fgColor.rgb)
             for r in ws.conditional_formatting for x in r.rules]
    assert rules == [("B2:B3", ['"error"'], "00FFC7CE"), ("B2:B3", ['"warning"'], "00FFEB9C"),
                     ("B2:B3", ['"info"'], "00DDEBF7")]


def test_fitted_widths_cap_long_text_and_read_lines() -> None:
    from align.formats.xlsx import fitted_widths

    assert fitted_widths(("a", "b"), [("中文", "x" * 100), (None, "")], wide=30) == (6.0, 30.0)
    assert fitted_widths(("n",), [(12345,), ("ab\nabcdefg",)]) == (9.0,)
