"""The one alignment-file contract: every format reads to the same Alignment through
the Python API, and ``align check``, ``align terms`` and ``align tm add`` accept it
with that result, or all refuse it with the same one-line message."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.errors import AlignError, ConfigError, FormatError, InputError
from align.formats.alignment import read_alignment, write_alignment
from align.types import Alignment, Bead, Segment

runner = CliRunner()

ZH = ["要发展新质生产力。", "安全是发展的前提。", "他说“是的”。"]
EN = ["We develop new quality productive forces.", "An added sentence.", 'He said "yes".']
# (source, target, bead type, confidence): a 1-1, an omission, an addition, a 1-1
ROWS = [(ZH[0], EN[0], "1-1", "0.9"), (ZH[1], "", "1-0", "0.5"), ("", EN[1], "0-1", "0.75"),
        (ZH[2], EN[2], "1-1", "0.25")]
KEYS = [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]
CONFIDENCES = [0.9, 0.5, 0.75, 0.25]
LADDER = "[0]:[0]:0.9\n[1]:[]:0.5\n[]:[1]:0.75\n[2]:[2]:0.25\n"


def _plain(rows: Sequence[tuple[str, ...]], sep: str = "\t") -> str:
    return "".join(sep.join(r) + "\n" for r in rows)


def _csv(rows: Sequence[tuple[str, ...]], sep: str,
         quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL, end: str = "\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, quoting=quoting, lineterminator=end).writerows(rows)
    return buf.getvalue()


def _jsonl() -> str:
    lines: list[dict[str, object]] = [{"signature": {"tool": "zhen-align", "src": "zh.txt"}}]
    lines += [{"src": [], "tgt": [], "bead": k, "confidence": float(c), "source": s,
               "target": t} for s, t, k, c in ROWS]
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


def _xlsx(path: Path, rows: Sequence[tuple[object, ...]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)


def _xlf(path: Path) -> None:
    """The rows as ``align pair -o x.xlf`` writes them (write_alignment is its writer)."""
    al = Alignment.from_pairs([(s, t) for s, t, _, _ in ROWS], "zh", "en")
    beads = tuple(dataclasses.replace(b, confidence=c) for b, c in zip(al.beads, CONFIDENCES,
                                                                       strict=True))
    write_alignment(dataclasses.replace(al, beads=beads), path)


# an XLIFF from a CAT tool, English source first: no zhen-align attributes, a unit
# without a target, an empty source, a placeholder (needs-translation) target
CAT_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en-US" target-language="zh-CN" datatype="plaintext">
  <body>
   <trans-unit id="a"><source>{e0}</source><target state="final">{z0}</target></trans-unit>
   <trans-unit id="b"><source></source><target>{z1}</target></trans-unit>
   <trans-unit id="c"><source>{e1}</source><target state="needs-translation">{e1}</target>
   </trans-unit>
   <trans-unit id="d"><source>{e2}</source><target>{z2}</target></trans-unit>
  </body>
 </file>
</xliff>
""".format(e0=EN[0], e1=EN[1], e2=EN[2].replace('"', "&quot;"), z0=ZH[0], z1=ZH[1], z2=ZH[2])

HEADER4 = ("source", "target", "bead", "confidence")
TWO = [(s, t) for s, t, _, _ in ROWS]
THREE = [(s, t, k) for s, t, k, _ in ROWS]

# name -> (file name, writer of its content, whether the file carries confidences)
VARIANTS: dict[str, tuple[str, Callable[[Path], object], bool]] = {
    "tsv-header-4": ("a.tsv", lambda p: p.write_text(_plain([HEADER4, *ROWS]), "utf-8"), True),
    "tsv-4": ("a.tsv", lambda p: p.write_text(_plain(ROWS), "utf-8"), True),
    "tsv-3": ("a.tsv", lambda p: p.write_text(_plain(THREE), "utf-8"), False),
    "tsv-2": ("a.tsv", lambda p: p.write_text(_plain(TWO), "utf-8"), False),
    "tsv-header-zh-en": ("a.tsv", lambda p: p.write_text(_plain([("zh", "en"), *TWO]), "utf-8"),
                         False),
    "tsv-header-by-name": ("a.tsv", lambda p: p.write_text(_plain(
        [("Confidence", "note", "Target", "Source"),
         *[(c, "x", t, s) for s, t, _, c in ROWS]]), "utf-8"), True),
    "tsv-quoted-bom-crlf": ("a.tsv", lambda p: p.write_text(
        "\ufeff" + _csv([HEADER4, *ROWS], "\t", csv.QUOTE_ALL, "\r\n"), "utf-8"), True),
    "tsv-utf16": ("a.tsv", lambda p: p.write_bytes(_plain([HEADER4, *ROWS]).encode("utf-16")),
                  True),
    "csv-header-4": ("a.csv", lambda p: p.write_text(_csv([HEADER4, *ROWS], ","), "utf-8"),
                     True),
    "jsonl": ("a.jsonl", lambda p: p.write_text(_jsonl(), "utf-8"), True),
    "xlsx-header-4": ("a.xlsx", lambda p: _xlsx(p, [HEADER4, *[(s, t, k, float(c))
                                                                for s, t, k, c in ROWS]]), True),
    "xlsx-2": ("a.xlsx", lambda p: _xlsx(p, TWO), False),
    "align": ("a.align", lambda p: p.write_text(LADDER, "utf-8"), True),
    "xlf": ("a.xlf", _xlf, True),
    "xliff-cat-en-zh": ("a.xliff", lambda p: p.write_text(CAT_XLIFF, "utf-8"), False),
}


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(EN) + "\n", encoding="utf-8")
    return zh, en


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n新质生产力\tnew quality productive forces\n安全\tsecurity\n",
                 encoding="utf-8")
    return g


def view(al: Alignment) -> tuple[list[str], list[str], list[object], list[float]]:
    """What every format must agree on: the texts, the beads, the confidences."""
    return ([s.text for s in al.src], [t.text for t in al.tgt], [b.key for b in al.beads],
            [b.confidence for b in al.beads])


def _make(tmp_path: Path, name: str, texts: tuple[Path, Path]) -> tuple[Path, list[str]]:
    fname, write, _ = VARIANTS[name]
    path = tmp_path / fname
    write(path)
    extra = ["--src", str(texts[0]), "--tgt", str(texts[1])] if fname.endswith(".align") else []
    return path, extra


def _read(path: Path, extra: list[str]) -> Alignment:
    if extra:
        return read_alignment(path, src=extra[1], tgt=extra[3])
    return read_alignment(path)


@pytest.mark.parametrize("name", VARIANTS)
def test_every_format_reads_to_the_same_alignment(tmp_path: Path, texts: tuple[Path, Path],
                                                  name: str) -> None:
    path, extra = _make(tmp_path, name, texts)
    al = _read(path, extra)
    confidences = CONFIDENCES if VARIANTS[name][2] else [1.0] * 4
    assert view(al) == (ZH, EN, KEYS, confidences)
    assert {s.lang for s in al.src} == {"zh"} and {t.lang for t in al.tgt} == {"en"}


@pytest.mark.parametrize("name", VARIANTS)
def test_every_command_accepts_it_with_the_same_result(
        tmp_path: Path, texts: tuple[Path, Path], glossary: Path, name: str) -> None:
    from align.formats.glossary import read_glossary
    from align.formats.units import units_from_alignment
    from align.qa.check import check_alignment
    from align.qa.report import format_table
    from align.terms.discover import discover_terms
    from align.tm.store import TMStore

    path, extra = _make(tmp_path, name, texts)
    al = _read(path, extra)
    r = runner.invoke(app, ["check", str(path), "-g", str(glossary), "--fail-on", "never",
                            *extra])
    assert r.exit_code == 0, r.output
    assert r.stdout == format_table(check_alignment(al, read_glossary(glossary)))
    r = runner.invoke(app, ["terms", str(path), *extra])
    assert r.exit_code == 0, r.output
    found = [tuple(line.split("\t")[1:3]) for line in r.stdout.splitlines()]
    assert found == [(c.zh, c.en) for c in discover_terms(al)] == [("是的", "yes")]
    db = tmp_path / "tm.db"
    r = runner.invoke(app, ["tm", "add", str(path), "--tm", str(db), *extra])
    assert r.exit_code == 0, r.output
    expected = [(u.source, u.target, u.prop("x-confidence"), u.prop("x-review-state"))
                for u in units_from_alignment(al, origin=path.stem, src_locale="zh-CN",
                                              tgt_locale="en-US")]
    with TMStore(db) as store:
        got = [(u.source, u.target, u.prop("x-confidence"), u.prop("x-review-state"))
               for u in store.units()]
    assert got == expected and [u[:2] for u in got] == [(ZH[0], EN[0]), (ZH[2], EN[2])]


_XLF = """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
 xmlns:za="urn:zhen-align"><file source-language="zh-CN" target-language="en-US"
 original="x" datatype="plaintext"><body>
{}
</body></file></xliff>
"""

# name -> (file name, content, expected message): every reader refuses these alike
MALFORMED: dict[str, tuple[str, str | bytes, str]] = {
    "both-empty": ("x.tsv", "a\tb\t1-1\n\t\t0-0\n", r"x\.tsv:2: both source and target are empty"),
    "one-column": ("x.tsv", "只有一列\n", r"x\.tsv:1: expected 2 to 4 columns"),
    "five-columns": ("x.tsv", "a\tb\t1-1\t0.5\tz\n", r"x\.tsv:1: expected 2 to 4 columns"),
    "ragged": ("x.tsv", "a\tb\t1-1\t0.5\nc\td\t1-1\n",
               r"x\.tsv:2: found 3 columns, but line 1 has 4"),
    "extra-cell-after-header": ("x.tsv", "source\ttarget\na\tb\tc\n",
                                r"x\.tsv:2: found 3 columns, but the header \(line 1\) names 2"),
    "bad-type": ("x.tsv", "a\tb\tone\t0.5\n", r"x\.tsv:1: bad bead type 'one'"),
    "type-does-not-fit": ("x.tsv", "a\t\t1-1\t0.5\n",
                          r"x\.tsv:1: bead type 1-1 does not fit the row: the target is empty"),
    "bad-confidence": ("x.tsv", "一\tone\t1-1\thigh\n", r"x\.tsv:1: bad confidence 'high'"),
    "confidence-range": ("x.tsv", "a\tb\t1-1\t0.5\n\tx\t0-1\t1.5\n",
                         r"x\.tsv:2: confidence 1.5 outside \[0, 1\]"),
    "after-quoted-line-break": ("x.tsv", '一\t"one\nline two"\t1-1\t0.5\n二\ttwo\t1-1\thigh\n',
                                r"x\.tsv:3: bad confidence 'high'"),
    "no-rows": ("x.tsv", "source\ttarget\tbead\tconfidence\n", r"x\.tsv:1: no rows"),
    "empty": ("x.jsonl", "", r"x\.jsonl:1: no rows"),
    "binary": ("x.tsv", b"\x00" * 64, r"x\.tsv:1: not an alignment file: looks binary"),
    "latin1": ("x.csv", "source,target\nZürich,Zürich\n".encode("latin-1"),
               r"x\.csv:2: not an alignment file: cannot decode: byte 0xFC"),
    "not-json": ("x.jsonl", "{bad\n", r"x\.jsonl:1: not JSON"),
    "json-list": ("x.jsonl", "[1, 2]\n", r"x\.jsonl:1: expected one JSON object per line"),
    "json-no-target": ("x.jsonl", '{"source": "a"}\n', r"x\.jsonl:1: expected text in"),
    "fake-xlsx": ("x.xlsx", "source\ttarget\n", r"x\.xlsx:1: not an XLSX workbook"),
    "unknown-suffix": ("x.json", "{}", r"x\.json: unknown alignment format '\.json'"),
    "ladder-without-texts": ("x.align", "[0]:[0]\n", r"x\.align: a ladder alignment needs its "
                                                     "two texts"),
    "xliff-untranslated": ("x.xlf", _XLF.format('<trans-unit id="1"><source>一</source>'
                                                "</trans-unit>"),
                           r"x\.xlf:4: no unit has a target: an untranslated XLIFF is not an "
                           "alignment"),
    "xliff-both-empty": ("x.xlf", _XLF.format('<trans-unit id="1"><source>一</source><target>'
                                              'one</target></trans-unit>\n<trans-unit id="2">'
                                              "<source/><target/></trans-unit>"),
                         r"x\.xlf:5: both source and target are empty"),
    "xliff-bad-confidence": ("x.xlf", _XLF.format(
        '<trans-unit id="1" za:confidence="high"><source>一</source><target>one</target>'
        "</trans-unit>"), r"x\.xlf:4: bad confidence 'high'"),
    "xliff-draft-fuzzy": ("x.xlf", _XLF.format(
        '<trans-unit id="7"><source>一</source><target state="needs-review-translation" '
        'state-qualifier="fuzzy-match">two</target></trans-unit>'),
        r"x\.xlf:4: unit '7' holds a fuzzy-match proposal not yet reviewed"),
    "xliff-not-xliff": ("x.xlf", "<tmx version='1.4'/>\n", r"x\.xlf:1: not an XLIFF 1\.x file"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_are_refused_by_all_alike(tmp_path: Path, glossary: Path,
                                                  name: str) -> None:
    fname, content, match = MALFORMED[name]
    path = tmp_path / fname
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(path.parent))}/{match}") as e:
        read_alignment(path)
    expected = f"error: {e.value}\n"
    db = tmp_path / "tm.db"
    for args in (["check", str(path), "-g", str(glossary)], ["terms", str(path)],
                 ["tm", "add", str(path), "--tm", str(db)]):
        r = runner.invoke(app, args)
        assert (r.exit_code, r.stderr) == (1, expected), args
    assert not db.exists()  # a refused file leaves no TM behind


def test_blank_rows_are_skipped(tmp_path: Path) -> None:
    p = tmp_path / "x.tsv"
    p.write_text("a\tb\n\t \t\n\nc\td\n", encoding="utf-8")
    al = read_alignment(p)
    assert view(al) == (["a", "c"], ["b", "d"], [((0,), (0,)), ((1,), (1,))], [1.0, 1.0])


def test_bad_ladder_is_refused_by_all_alike(tmp_path: Path, texts: tuple[Path, Path],
                                            glossary: Path) -> None:
    p = tmp_path / "x.align"
    p.write_text("[0]:[0]\n[1]-[1]\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"x\.align:2: not a ladder bead") as e:
        read_alignment(p, src=texts[0], tgt=texts[1])
    extra = ["--src", str(texts[0]), "--tgt", str(texts[1])]
    for args in (["check", str(p), "-g", str(glossary)], ["terms", str(p)],
                 ["tm", "add", str(p), "--tm", str(tmp_path / "tm.db")]):
        r = runner.invoke(app, [*args, *extra])
        assert (r.exit_code, r.stderr) == (1, f"error: {e.value}\n"), args


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"src": "zh.txt"}, InputError, r"a\.tsv: --src/--tgt are the texts of a \.align ladder"),
    ({"src_lang": "zh", "tgt_lang": "zh"}, ConfigError, "both 'zh'"),
    ({"src_lang": "fr"}, ConfigError, "unknown language 'fr'"),
], ids=["texts-with-a-table", "same-languages", "unknown-language"])
def test_wrong_arguments(tmp_path: Path, kwargs: dict[str, str], error: type[AlignError],
                         match: str) -> None:
    p = tmp_path / "a.tsv"
    p.write_text(_plain(TWO), encoding="utf-8")
    with pytest.raises(error, match=match):
        read_alignment(p, **kwargs)  # type: ignore[arg-type]


def test_languages_name_the_columns_and_the_sides(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text(_plain([("en", "zh"), *[(t, s) for s, t in TWO]]), encoding="utf-8")
    al = read_alignment(p)  # zh -> en: the zh column is the source, wherever it is
    assert view(al)[:3] == (ZH, EN, KEYS)
    back = read_alignment(p, src_lang="en", tgt_lang="zh")
    assert [s.text for s in back.src] == EN and back.src[0].lang == "en"


# -- writing: write -> read -> equal -----------------------------------------------

def _table_alignment() -> Alignment:
    """An alignment of the shape a table holds (one segment per side and bead, as
    :meth:`Alignment.from_pairs` makes it), with cells a spreadsheet would run as
    formulas, quotes, CJK Extension B, full-width punctuation."""
    pairs = [("=SUM(A1:A3)", "-5 % growth in 2024."),
             ("“七有”要求：𠀀字。", '"Seven haves" — required…'),
             ("'-已有撇号", ""), ("@北京", "+86 10 1234")]
    al = Alignment.from_pairs(pairs, signature={"tool": "zhen-align", "src": "zh.txt"})
    confidences = (0.875, 0.5, 0.125, 1.0)
    return dataclasses.replace(al, beads=tuple(Bead(b.src, b.tgt, c)
                                               for b, c in zip(al.beads, confidences, strict=True)))


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".jsonl", ".xlsx"])
def test_round_trip_tables(tmp_path: Path, suffix: str) -> None:
    al = _table_alignment()
    p = tmp_path / f"out{suffix}"
    write_alignment(al, p)
    back = read_alignment(p)
    assert (back.src, back.tgt, back.beads) == (al.src, al.tgt, al.beads)
    if suffix == ".jsonl":
        assert dict(back.signature) == dict(al.signature)


def test_round_trip_ladder_with_texts(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    p = tmp_path / "a.align"
    p.write_text(LADDER, encoding="utf-8")
    al = read_alignment(p, src=texts[0], tgt=texts[1])
    out = tmp_path / "out.align"
    write_alignment(al, out)
    back = read_alignment(out, src=texts[0], tgt=texts[1])
    assert (back.src, back.tgt, back.beads) == (al.src, al.tgt, al.beads)


def test_tsv_cells_are_spreadsheet_safe_on_disk(tmp_path: Path) -> None:
    p = tmp_path / "out.tsv"
    write_alignment(_table_alignment(), p)
    lines = p.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "source\ttarget\tbead\tconfidence"
    assert lines[1] == "'=SUM(A1:A3)\t'-5 % growth in 2024.\t1-1\t0.875"
    assert lines[3].startswith("''-已有撇号\t\t1-0")


def test_joined_sentences_read_back_as_one_row(tmp_path: Path) -> None:
    src = (Segment("第一句。", "zh", 0), Segment("第二句。", "zh", 1))
    al = Alignment(src, (Segment("One and two.", "en", 0),), (Bead((0, 1), (0,), 0.5),))
    p = tmp_path / "a.tsv"
    write_alignment(al, p)
    back = read_alignment(p)
    assert view(back) == (["第一句。第二句。"], ["One and two."], [((0,), (0,))], [0.5])


def test_xlsx_keeps_line_breaks_and_formulas_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    al = Alignment((Segment("=1+1", "zh", 0),), (Segment("two\nlines", "en", 0),),
                   (Bead((0,), (0,), 0.5),))
    p = tmp_path / "a.xlsx"
    write_alignment(al, p)
    ws = load_workbook(p).active
    # the sheet is for people: beads numbered from 1, then zh, en, ... (see alignment_out)
    assert [c.value for c in ws[2]] == [1, "=1+1", "two\nlines", "1-1", 0.5, "unreviewed"]
    assert ws["B2"].data_type == "s"
    assert view(read_alignment(p))[:2] == (["=1+1"], ["two\nlines"])


def test_xliff_review_state_and_approval(tmp_path: Path) -> None:
    p = tmp_path / "a.xlf"
    p.write_text(_XLF.format(
        '<trans-unit id="1" approved="yes"><source>一</source><target>one</target></trans-unit>'
        '<trans-unit id="2"><source>二</source><target state="signed-off">two</target>'
        '</trans-unit><trans-unit id="3"><source>三</source><target state="final">three'
        '</target></trans-unit><trans-unit id="4" approved="yes" za:status="edited" '
        'za:confidence="0.4" za:bead="1-1"><source>四</source><target>four</target>'
        "</trans-unit>"), encoding="utf-8")
    al = read_alignment(p)
    assert [(b.status, b.confidence) for b in al.beads] == [
        ("confirmed", 1.0), ("confirmed", 1.0), ("unreviewed", 1.0), ("edited", 0.4)]
    assert al.signature == {"format": "xliff", "file": str(p)}


def test_review_reads_and_saves_back_an_xliff(tmp_path: Path) -> None:
    from align.cli.review import review_session

    p = tmp_path / "a.xlf"
    _xlf(p)
    s = review_session(p)
    assert view(s.alignment) == (ZH, EN, KEYS, CONFIDENCES)
    s.apply({"op": "confirm", "bead": 3})
    assert s.save() == [str(p)]
    back = read_alignment(p)
    assert view(back) == (ZH, EN, KEYS, CONFIDENCES)
    assert [b.status for b in back.beads] == ["unreviewed"] * 3 + ["confirmed"]
