"""Glossaries between tools: every format pair round-trips what both formats carry;
headerless and language-coded tables, memoQ exports and OmegaT files read; translate-
toolkit reads our TBX v2 and OmegaT files and we read what it writes; what a format
cannot carry is named in a warning."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from align.errors import FormatError, InputError
from align.formats.concepts import concept_issues
from align.formats.glossary import read_glossary, read_glossary_entries, write_glossary
from align.formats.glossary_formats import carried, losses
from align.types import Glossary, Term

RICH = Glossary((
    Term("新质生产力", "new quality productive forces", variants=("new productive forces",),
         deprecated=("new-type productive forces", "new qualitative productive forces"),
         domain="economy", note="Official English since 2023; “quoted” — dash", id="a1"),
    Term("七有", "Seven accesses", zh_variants=("“七有”",),
         variants=("social services in seven aspects",), status="admitted",
         domain="social policy", id="a2"),
    Term("𠀀字（试）", "“One Microgram” Campaign", id="a3"),
    Term("先行先试", "preliminary trials", deprecated=("first try first",), status="deprecated",
         note="wording varies", id="a4"),
), name="rich")

#: (format name for the test, file name, write keywords)
FORMATS = {
    "tsv": ("g.tsv", {}), "csv": ("g.csv", {}), "xlsx": ("g.xlsx", {}),
    "tbx-v2": ("g.tbx", {"tbx_flavour": "v2"}), "tbx-v3": ("g.tbx", {"tbx_flavour": "v3"}),
    "omegat": ("g.txt", {}), "memoq": ("g.csv", {"fmt": "memoq"}),
}


def _kind(name: str) -> str:
    return name.split("-")[0]


def _write(g: Glossary, folder: Path, name: str) -> Path:
    file, kw = FORMATS[name]
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / file
    write_glossary(g, p, **kw)  # type: ignore[arg-type]
    return p


@pytest.mark.parametrize(("a", "b"), list(itertools.product(FORMATS, FORMATS)),
                         ids=lambda x: x)
def test_every_pair_round_trips_what_it_carries(tmp_path: Path, a: str, b: str) -> None:
    first = read_glossary(_write(RICH, tmp_path / "a", a))
    assert first.terms == tuple(carried(t, _kind(a)) for t in RICH.terms)
    second = read_glossary(_write(first, tmp_path / "b", b))
    want = [carried(carried(t, _kind(a)), _kind(b)) for t in RICH.terms]
    if _kind(b) == "tbx":  # TBX entries need ids: c1, c2... where the terms have none
        want = [t if t.id else replace(t, id=f"c{k}") for k, t in enumerate(want, 1)]
    assert second.terms == tuple(want)


@pytest.mark.parametrize("name", list(FORMATS))
def test_beijing_round_trips(tmp_path: Path, beijing_glossary: Glossary, name: str) -> None:
    back = read_glossary(_write(beijing_glossary, tmp_path, name))
    assert back.terms == tuple(carried(t, _kind(name)) for t in beijing_glossary.terms)


def test_losses_name_what_is_left_out(beijing_glossary: Glossary) -> None:
    assert losses(RICH, "tsv") == losses(RICH, "tbx") == []
    om = losses(RICH, "omegat", "x.tab")
    assert [w.split(":")[0] for w in om] == [
        "omegat cannot carry concept ids", "omegat cannot carry domains",
        "omegat cannot carry statuses (admitted/deprecated concepts)",
        "OmegaT reads .tab glossaries in the system encoding and this file is UTF-8; name it "
        ".txt or .utf8 unless the system encoding is UTF-8"]
    assert "left out for 2 of 4 concepts (七有, 先行先试)" in om[2]
    mq = losses(beijing_glossary, "memoq")
    n_dep = sum(1 for t in beijing_glossary.terms if t.deprecated)
    assert mq[0].startswith("memoq cannot carry deprecated renderings")
    assert f"left out for {n_dep} of {len(beijing_glossary)} concepts" in mq[0]


# -- tables from other tools ------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [
    ("zh-en.tsv", "新质生产力\tnew quality productive forces\n七有\tSeven accesses\tnote\n"),
    ("en-zh.csv", "new quality productive forces,新质生产力\nSeven accesses,七有,note\n"),
    ("codes.csv", "zh-CN,en-US,Comment\n新质生产力,new quality productive forces,\n"
                  "七有,Seven accesses,note\n"),
    ("hans.tsv", "zh-Hans\ten-GB\n新质生产力\tnew quality productive forces\n"
                 "七有\tSeven accesses\n"),
    ("xbench.tsv", "English (United States)\tChinese (PRC)\tNote\n"
                   "new quality productive forces\t新质生产力\t\nSeven accesses\t七有\tnote\n"),
], ids=["headerless-tsv", "headerless-en-first-csv", "zh-CN-en-US", "zh-Hans-en-GB", "names"])
def test_foreign_tables(tmp_path: Path, name: str, content: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    got = [(t.zh, t.en, t.note) for t in read_glossary(p).terms]
    note = "" if name == "hans.tsv" else "note"
    assert got == [("新质生产力", "new quality productive forces", ""), ("七有", "Seven accesses", note)]


def test_headerless_extra_column_refused(tmp_path: Path) -> None:
    p = tmp_path / "g.tsv"
    p.write_text("七有\tSeven accesses\n五性\tfive expectations\tnote\tstray\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"g\.tsv:2: a glossary without a header row has up to 3 "
                       r"columns \(zh, en, note\); this line has 4"):
        read_glossary(p)


def test_memoq_export_read(tmp_path: Path) -> None:
    p = tmp_path / "mq.csv"
    p.write_text(
        "Entry_ID,Entry_Subject,Entry_Domain,Entry_Note,Chinese_PRC_Def,Chinese_PRC,Term_Info,"
        "Term_Example,English_United_States_Def,English_United_States,Term_Info,Term_Example,"
        "English_United_States,Term_Info,Term_Example,English_United_States,Term_Info,Term_Example\n"
        "7,Politics,,a note,,七有,,,,Seven accesses,CasePermissive,,"
        "social services in seven aspects,,,Seven haves,Forbidden,\n", encoding="utf-8")
    assert read_glossary(p).terms == (
        Term("七有", "Seven accesses", variants=("social services in seven aspects",),
             deprecated=("Seven haves",), domain="Politics", note="a note", id="7"),)


def test_omegat_lines(tmp_path: Path) -> None:
    p = tmp_path / "g.txt"
    write_glossary(RICH, p)
    lines = p.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == [
        "新质生产力\tnew quality productive forces\tOfficial English since 2023; “quoted” — dash; "
        "Do not use: new-type productive forces | new qualitative productive forces",
        "新质生产力\tnew productive forces\tvariant",
        "七有\tSeven accesses",
    ]
    assert lines[4] == "“七有”\tSeven accesses\tvariant of 七有"


def test_omegat_foreign_file_groups_lines(tmp_path: Path) -> None:
    p = tmp_path / "g.utf8"
    p.write_text("# exported\nSeven accesses\t七有\nSeven accesses\t“七有”\tquoted\n"
                 "five expectations\t五性\n", encoding="utf-8")
    assert read_glossary(p).terms == (
        Term("七有", "Seven accesses"), Term("“七有”", "Seven accesses", note="quoted"),
        Term("五性", "five expectations"))
    p.write_text("七有\tSeven accesses\n七有\tsocial services in seven aspects\tofficial\n",
                 encoding="utf-8")
    assert read_glossary(p).terms == (
        Term("七有", "Seven accesses", variants=("social services in seven aspects",),
             note="official"),)
    p.write_text("七有\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"g\.utf8:1: an OmegaT glossary line needs a source "
                       "and a target"):
        read_glossary(p)


def test_table_saved_as_txt_is_read_as_a_table(tmp_path: Path) -> None:
    p = tmp_path / "g.txt"
    p.write_text("id\tzh\ten\ten_variants\n7\t七有\tSeven accesses\tsocial services in seven "
                 "aspects\n", encoding="utf-8")
    assert read_glossary(p).terms == (
        Term("七有", "Seven accesses", variants=("social services in seven aspects",), id="7"),)


def test_unknown_format_and_flavour(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown glossary format 'sdltb'; use one of tsv, csv"):
        write_glossary(RICH, tmp_path / "g.csv", fmt="sdltb")
    with pytest.raises(InputError, match="unknown TBX flavour 'v4'; use v2"):
        write_glossary(RICH, tmp_path / "g.tbx", tbx_flavour="v4")


def test_entries_keep_duplicates_for_the_check(tmp_path: Path) -> None:
    p = tmp_path / "g.tsv"
    p.write_text("zh\ten\ten_deprecated\n七有\tSeven accesses\t\n七有\tSeven haves\t\n"
                 "五性\tfive expectations\tSeven accesses\n五性\tfive expectations\t"
                 "Seven accesses\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"g\.tsv:3: duplicate concept '七有' with conflicting"):
        read_glossary(p)
    e = read_glossary_entries(p)
    assert [(i.line, i.kind, i.refused) for i in concept_issues(e.terms, e.lines)] == [
        (3, "conflict", True), (4, "conflict", False), (5, "duplicate", True),
        (5, "conflict", False)]


# -- translate-toolkit ---------------------------------------------------------------

def test_translate_toolkit_reads_our_tbx_v2(tmp_path: Path, beijing_glossary: Glossary) -> None:
    from translate.storage import tbx

    p = tmp_path / "b.tbx"
    write_glossary(beijing_glossary, p)
    store = tbx.tbxfile(p.read_bytes(), sourcelanguage="zh", targetlanguage="en")
    units = [u for u in store.units if u.source]
    assert len(units) == len(beijing_glossary)
    status = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
              "deprecated": "deprecatedTerm-admn-sts"}
    for u, t in zip(units, beijing_glossary.terms, strict=True):
        assert u.getid() == t.id
        assert [(x.text, x.administrative_status) for x in u.get_source_terms()] == (
            [(t.zh, status[t.status])] + [(z, status["admitted"]) for z in t.zh_variants])
        got = [(x.text, x.administrative_status) for x in u.get_target_terms("en")]
        assert got == ([(t.en, status[t.status])] + [(v, status["admitted"]) for v in t.variants]
                       + [(d, status["deprecated"]) for d in t.deprecated])


def test_we_read_translate_toolkit_tbx(tmp_path: Path) -> None:
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage="zh", targetlanguage="en")
    u = store.addsourceunit("七有")
    u.settarget("Seven accesses")
    p = tmp_path / "tt.tbx"
    p.write_bytes(bytes(store))
    assert read_glossary(p).terms == (Term("七有", "Seven accesses"),)


def test_translate_toolkit_reads_our_omegat(tmp_path: Path) -> None:
    from translate.storage import omegat

    p = tmp_path / "g.utf8"
    write_glossary(RICH, p)
    store = omegat.OmegaTFile(p.read_bytes())
    got = [(u.source, u.target) for u in store.units]
    want = [(t.zh, t.en) for t in RICH.terms for _ in [0]]
    assert [g for g in got if g in want] == want
    assert len(got) == sum(1 + len(t.variants) + len(t.zh_variants) for t in RICH.terms)
