"""Review state in every file an alignment is saved to: the status column (TSV, CSV,
XLSX), keys (JSON lines), the ladder's fourth field and TMX properties; the styled
XLSX sheet and an edited copy of it read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError
from align.formats.alignment import read_alignment, write_alignment
from align.formats.ladder import format_ladder, parse_ladder
from align.review import edits
from align.types import Alignment, Bead


def reviewed(al: Alignment) -> Alignment:
    """Bead 1 confirmed, bead 3's second English sentence corrected."""
    return edits.edit_text(edits.confirm(al, 0), "tgt", 3, "Fuor, corrected.")


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".jsonl", ".xlsx"])
def test_review_state_round_trip(al: Alignment, tmp_path: Path, suffix: str) -> None:
    from align.review.sentences import split_rows

    out = reviewed(al)
    p = tmp_path / f"a{suffix}"
    write_alignment(out, p)
    back = split_rows(read_alignment(p))
    assert [(b.key, b.status) for b in back.beads] == [(b.key, b.status) for b in out.beads]
    assert [(s.text, s.original) for s in back.tgt] == [(s.text, s.original) for s in out.tgt]


def test_tsv_columns_only_once_reviewed(al: Alignment, tmp_path: Path) -> None:
    write_alignment(al, tmp_path / "plain.tsv")
    write_alignment(reviewed(al), tmp_path / "rev.tsv")
    plain = (tmp_path / "plain.tsv").read_text("utf-8").splitlines()
    rev = (tmp_path / "rev.tsv").read_text("utf-8").splitlines()
    assert plain[0] == "source\ttarget\tbead\tconfidence"
    assert rev[0] == "source\ttarget\tbead\tconfidence\tstatus\tsource original\ttarget original"
    assert rev[1].split("\t")[4:] == ["confirmed", "", ""]
    assert rev[3].split("\t")[4:] == ["edited", "", "Three. Four. Five."]


def test_status_column_by_hand(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text("zh\ten\tStatus\n我们。\tWe.\tConfirmed\n他们。\tThey.\t\n", "utf-8")
    assert [b.status for b in read_alignment(p).beads] == ["confirmed", "unreviewed"]


def test_bad_status(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text("source\ttarget\tstatus\n我们。\tWe.\tdone\n", "utf-8")
    with pytest.raises(FormatError, match=r"a\.tsv:2: bad status 'done'; use one of "
                                          r"unreviewed, confirmed, edited"):
        read_alignment(p)


def test_ladder_carries_the_status() -> None:
    beads = [Bead((0,), (0,), 0.5, "confirmed"), Bead((1,), (), 1.0)]
    text = format_ladder(beads, with_confidence=True)
    assert text == "[0]:[0]:0.5000:confirmed\n[1]:[]:1.0000\n"
    assert parse_ladder(text) == beads
    assert parse_ladder("[0]:[0]:edited\n") == [Bead((0,), (0,), 1.0, "edited")]


def test_tmx_review_state_and_originals(al: Alignment, tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    p = tmp_path / "a.tmx"
    write_alignment(reviewed(al), p, min_confidence=0.8)
    units = tmxfile(p.read_bytes()).units
    props = [{e.get("type"): e.text for e in u.xmlelement.iter("prop")} for u in units]
    # bead 1 (0.9, confirmed) and bead 3 (0.7, edited: kept although below 0.8)
    assert [u.source for u in units] == ["第一句。", "第四句。"]
    assert units[1].target == "Three. Fuor, corrected. Five."
    assert [x["x-review-state"] for x in props] == ["confirmed", "edited"]
    assert props[1]["x-original-target"] == "Three. Four. Five."
    assert "x-original-source" not in props[1]


def test_tmx_unreviewed_low_confidence_is_marked(al: Alignment, tmp_path: Path) -> None:
    from align.formats.tmx.writer import alignment_to_units

    units = list(alignment_to_units(edits.confirm(al, 1), origin="a"))
    assert [u.prop("x-review-state") for u in units] == ["unreviewed", "confirmed",
                                                         "unreviewed"]
    units = list(alignment_to_units(al, origin="a"))
    assert units[1].prop("x-review-state") == "needs-review"


def test_xlsx_is_styled_for_people(al: Alignment, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    p = tmp_path / "a.xlsx"
    write_alignment(al, p)
    ws = load_workbook(p).active
    assert [c.value for c in ws[1]] == ["#", "zh", "en", "sentences", "confidence", "status"]
    assert [c.value for c in ws[3]] == [2, "第二句。第三句。", "Two.", "2-1", 0.4, "unreviewed"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:F6"
    assert ws.column_dimensions["B"].width == 50 and ws["B3"].alignment.wrap_text
    rules = [(str(r.sqref), x.type, x.formula, x.dxf.fill.fgColor.rgb if x.dxf else None)
             for r in ws.conditional_formatting for x in r.rules]
    assert rules == [("E2:E6", "colorScale", [], None),
                     ("F2:F6", "cellIs", ['"confirmed"'], "00C6EFCE"),
                     ("F2:F6", "cellIs", ['"edited"'], "00DDEBF7")]
    [dv] = ws.data_validations.dataValidation
    assert dv.formula1 == '"unreviewed,confirmed,edited"' and str(dv.sqref) == "F2:F6"


def test_xlsx_edited_by_hand_reads_back(al: Alignment, tmp_path: Path) -> None:
    """A translator merges rows 3 and 4 (moving row 4's text up and deleting the row),
    fixes a typo and confirms a row in Excel, leaving the type column as it was."""
    from openpyxl import load_workbook

    p = tmp_path / "a.xlsx"
    write_alignment(al, p)
    wb = load_workbook(p)
    ws = wb.active
    ws["B4"] = ws["B4"].value + ""  # row 4 is bead 3: 第四句。 / Three. Four. Five.
    ws["C4"] = "Three. Four. Five. Six!"  # bead 4's English, with a fixed typo
    ws.delete_rows(5)  # bead 4 (0-1) is now part of row 4
    ws["F2"] = "confirmed"
    wb.save(p)
    back = read_alignment(p)
    assert len(back.beads) == 4
    assert [b.status for b in back.beads] == ["confirmed", "unreviewed", "unreviewed",
                                              "unreviewed"]
    assert back.tgt[2].text == "Three. Four. Five. Six!"
    assert back.beads[2].confidence == 0.7


def test_pair_writes_the_styled_sheet(tmp_path: Path, beijing_dir: Path) -> None:
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from align.cli import app

    out = tmp_path / "b.xlsx"
    result = CliRunner().invoke(app, ["pair", str(beijing_dir / "zh.txt"),
                                      str(beijing_dir / "en.raw.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][:3] == ["#", "zh", "en"] and ws.max_row == 54
    assert [ws.cell(r, 1).value for r in (2, 54)] == [1, 53]
    assert len(read_alignment(out).beads) == 53


def test_reviewed_xlsx_feeds_check_and_the_tm(al: Alignment, tmp_path: Path) -> None:
    """The sheet a translator fixed is read by ``align check`` and ``align tm add``;
    the TM keeps each unit's review state."""
    import sqlite3

    from typer.testing import CliRunner

    from align.cli import app

    p = tmp_path / "a.xlsx"
    write_alignment(edits.confirm(al, 0), p)
    glossary = tmp_path / "g.tsv"
    glossary.write_text("zh\ten\n第一句\tOne\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(p), "-g", str(glossary), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "empty-target" in result.stdout
    db = tmp_path / "tm.db"
    result = runner.invoke(app, ["tm", "add", str(p), "--tm", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        states = dict(conn.execute("SELECT source, review_state FROM units").fetchall())
    assert states == {"第一句。": "confirmed", "第二句。第三句。": "needs-review",
                      "第四句。": "unreviewed"}
