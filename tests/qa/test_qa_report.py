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
    assert rows[0][:3] == (0, "error", "term-deprecated")
    assert rows[1][-1] == "missing=5; extra=6"
    got = list(csv.reader(io.StringIO(render_csv(findings))))
    assert got[0] == list(COLUMNS)
    assert got[1:] == [[str(c) for c in r] for r in rows]


def test_csv_is_spreadsheet_safe() -> None:
    f = Finding("untranslated", "error", 3, "=1+1", "=1+1", None, "m, with comma")
    text = render_csv([f])
    assert text.splitlines()[1] == "3,error,untranslated,,\"m, with comma\",'=1+1,'=1+1,"
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
    assert doc.get_element_by_id("b0").get("class") == "has-error"
    assert "It grew by 6%." in render_html(findings, alignment=al)


def test_html_without_alignment_has_no_bitext(findings: list[Finding]) -> None:
    from lxml import html

    doc = html.fromstring(render_html(findings, title="QA <x>"))
    assert doc.findtext(".//title") == "QA <x>"
    assert not doc.findall(".//table[@class='bitext']")
    assert doc.find(".//a").get("href") == "#b0"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_table_reports(tmp_path: Path, suffix: str, findings: list[Finding]) -> None:
    import pandas as pd

    out = tmp_path / f"r{suffix}"
    write_report(findings, out)
    df = pd.read_csv(out) if suffix == ".csv" else pd.read_excel(out)
    assert list(df.columns) == list(COLUMNS)
    assert list(df["kind"]) == [f.kind for f in findings]
    assert list(df["bead"]) == [f.bead for f in findings]


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
    cell = ws[2][header.index("target")]
    assert (cell.value, cell.data_type) == ("=We develop new productive forces of quality.", "s")
