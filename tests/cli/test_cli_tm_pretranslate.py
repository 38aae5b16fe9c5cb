"""``align tm pretranslate`` drafts: XLIFF read by translate-toolkit, the styled XLSX
with the differing parts of the TM source marked and an analysis sheet, a TMX of exact
matches only, and the README workflow on the Beijing corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.types import TranslationUnit

runner = CliRunner()

PAIRS = [("我们要坚持改革开放。", "We must stay committed to reform and opening up."),
         ("2024年经济增长5%。", "The economy grew by 5% in 2024."),
         ("要加快建设全球数字经济标杆城市。", "We will build a global pacesetter in the digital economy.")]
NEW = ("我们要坚持改革开放。\n2025年经济增长5%。\n要加快建设全球数字经济中心城市。\n今天天气很好。\n"
       "我们要坚持改革开放。\n")


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def job(tmp_path: Path) -> tuple[Path, Path]:
    """(TM, new text): three TM units; the text has a context match, a changed year, a
    fuzzy match, a new sentence and a repetition."""
    tmx = tmp_path / "old.tmx"
    write_tmx(tmx, [TranslationUnit(s, t) for s, t in PAIRS])
    db = tmp_path / "tm.db"
    assert run("tm", "add", tmx, "--tm", db).exit_code == 0
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    return db, new


def test_xliff_draft_read_by_translate_toolkit(job: tuple[Path, Path], tmp_path: Path,
                                               beijing_glossary_path: Path) -> None:
    from translate.storage import factory

    db, new = job
    out = tmp_path / "draft.xlf"
    r = run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit", "-g",
            beijing_glossary_path)
    assert r.exit_code == 0, r.output
    store = factory.getobject(str(out))
    units = store.units
    assert [u.source for u in units] == NEW.splitlines()
    assert [u.target for u in units] == [PAIRS[0][1], "The economy grew by 5% in 2025.",
                                         PAIRS[2][1], None, PAIRS[0][1]]
    states = [u.xmlelement.find("{urn:oasis:names:tc:xliff:document:1.2}target") for u in units]
    assert [None if s is None else s.get("state") for s in states] == [
        "final", "needs-review-translation", "needs-review-translation", None, "translated"]
    assert [[a.xmlelement.get("match-quality") for a in u.getalttrans()] for u in units] == [
        ["101"], ["99"], ["86"], [], ["100"]]  # 86 = floor(100 * (1 - 2 / 15))
    assert [u.xmlelement.get("{urn:zhen-align}band") for u in units] == [
        "101%", "95-99%", "85-94%", "no match", "repetitions"]
    assert [u.getnotes() for u in units] == [
        "", "numbers substituted (2024 -> 2025); check them", "数字经济 = digital economy", "",
        "repetition of unit 1"]
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("zh-CN", "en-US")
    assert units[0].xmlelement.getparent().getparent().get("original") == "new.txt"


def test_xlsx_draft(job: tuple[Path, Path], tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    db, new = job
    out = tmp_path / "draft.xlsx"
    assert run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit").exit_code == 0
    wb = openpyxl.load_workbook(out, rich_text=True)
    assert wb.sheetnames == ["draft", "analysis"]
    ws = wb["draft"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["#", "paragraph", "zh", "translation", "match %", "band", "TM zh", "TM en",
                       "TM document", "notes", "terms"]
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, 5]
    # the translation is filled where the TM's stands: not for the fuzzy match
    assert [r[3] for r in rows[1:]] == [PAIRS[0][1], "The economy grew by 5% in 2025.", None,
                                        None, PAIRS[0][1]]
    assert [r[4] for r in rows[1:]] == [101, 99, 86, None, 100]
    marked = [[b.text for b in r[6] if isinstance(b, TextBlock)]
              if isinstance(r[6], CellRichText) else r[6] for r in rows[1:]]
    assert marked == [PAIRS[0][0], ["2024"], ["标杆"], None, PAIRS[0][0]]
    block = next(b for b in rows[3][6] if isinstance(b, TextBlock))
    assert (block.font.b, block.font.color.rgb) == (True, "00C00000")
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == "A1:K6"
    assert ws["A1"].font.b
    summary = [[c.value for c in row] for row in wb["analysis"].iter_rows()]
    assert summary[0] == ["band", "segments", "Chinese characters", "English words",
                          "% of segments"]
    assert summary[1:10] == [["101%", 1, 9, 0, 20], ["100%", 0, 0, 0, 0],
                             ["repetitions", 1, 9, 0, 20], ["95-99%", 1, 5, 2, 20],
                             ["85-94%", 1, 15, 0, 20], ["75-84%", 0, 0, 0, 0],
                             ["50-74%", 0, 0, 0, 0], ["no match", 1, 6, 0, 20],
                             ["total", 5, 44, 2, 100]]
    assert summary[10][0] == "signature" and "tm:tm.db|min_percent:50" in summary[10][1]


def test_tmx_draft_holds_exact_matches_only(job: tuple[Path, Path], tmp_path: Path) -> None:
    db, new = job
    out = tmp_path / "draft.tmx"
    assert run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit").exit_code == 0
    assert [(u.source, u.target, u.prop("x-match")) for u in read_tmx(out)] == [
        (PAIRS[0][0], PAIRS[0][1], "101")]


def test_help_says_a_fuzzy_never_becomes_a_unit() -> None:
    r = run("tm", "pretranslate", "--help")
    assert "a fuzzy match never becomes a TM unit" in " ".join(r.output.split())


def test_readme_workflow_on_beijing(root: Path, beijing_dir: Path, tmp_path: Path) -> None:
    tmx, db, out = tmp_path / "beijing.tmx", tmp_path / "tm.db", tmp_path / "draft.xlf"
    r = run("pair", beijing_dir / "zh.txt", beijing_dir / "en.raw.txt", "-o", tmx)
    assert r.exit_code == 0, r.output
    assert run("tm", "add", tmx, "--tm", db).exit_code == 0
    r = run("tm", "pretranslate", root / "corpora" / "new-speech-2025" / "zh.txt", "--tm", db,
            "-o", out)
    assert r.exit_code == 0, r.output
    table = [line.split() for line in r.output.splitlines()[2:11]]
    assert [row[:2] for row in table] == [
        ["101%", "1"], ["100%", "2"], ["repetitions", "1"], ["95-99%", "2"], ["85-94%", "0"],
        ["75-84%", "2"], ["50-74%", "0"], ["no", "match"], ["Total", "10"]]
    from align.formats.xliff import read_xliff

    units = read_xliff(out).units
    assert units[0].target is not None and "On the morning of February 20, the 2025" in (
        units[0].target)
    assert units[1].target is not None and units[1].target.endswith("development in 2025.")
    assert [dict(u.extra)["band"] for u in units] == [
        "95-99%", "95-99%", "no match", "100%", "101%", "75-84%", "75-84%", "100%", "no match",
        "repetitions"]


def test_copy_source_is_for_xliff_only(job: tuple[Path, Path], tmp_path: Path) -> None:
    db, new = job
    r = run("tm", "pretranslate", new, "--tm", db, "-o", tmp_path / "d.tsv", "--copy-source")
    assert (r.exit_code, r.output) == (
        1, "error: --copy-source is for an XLIFF draft; write a .xlf, or leave it out\n")
    assert not (tmp_path / "d.tsv").exists()
    out = tmp_path / "d.xlf"
    r = run("tm", "pretranslate", new, "--tm", db, "-o", out, "--presplit", "--copy-source")
    assert r.exit_code == 0, r.output
    from align.formats.xliff import read_xliff

    assert [(u.target, u.state) for u in read_xliff(out).units][3] == (
        "今天天气很好。", "needs-translation")
