"""Tests of glossary reading and writing: TSV, CSV, XLSX, TBX-Basic 2019, martif TBX."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError, InputError
from align.formats.glossary import COLUMNS, SEP, read_glossary, split_cell, write_glossary
from align.types import Glossary, Term

SAMPLE = Glossary((
    Term("新质生产力", "new quality productive forces", id="t1", domain="economy",
         deprecated=("new productive forces of quality", "new-type productive forces"),
         note="Official English since 2023; “quoted” ‘note’ — with dash…"),
    Term("北京证券交易所", "Beijing Stock Exchange (BSE)", zh_variants=("北交所",),
         variants=("Beijing Stock Exchange", "BSE"), id="t2", domain="finance"),
    Term("“一微克”行动", '"One Microgram" Campaign', zh_variants=("一微克行动", "「一微克」行动"),
         id="t3", status="admitted"),
    Term("𠀀𠀁试验区", "Ｆｕｌｌ-width test zone", id="t4", status="deprecated",
         note="CJK Extension B and full-width Latin"),
    Term("雄安新区", "Xiong’an New Area", variants=("Xiong'an New Area",), id="t5"),
), name="sample")


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".xlsx", ".tbx"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"sample{suffix}"
    write_glossary(SAMPLE, path)
    back = read_glossary(path)
    assert back.terms == SAMPLE.terms
    assert back.name == "sample" and back.path == str(path)


def test_round_trip_beijing_all_formats(tmp_path: Path, beijing_glossary: Glossary) -> None:
    g = beijing_glossary
    for suffix in (".tsv", ".csv", ".xlsx", ".tbx"):
        write_glossary(g, tmp_path / f"b{suffix}")
        assert read_glossary(tmp_path / f"b{suffix}").terms == g.terms, suffix


def test_beijing_glossary_shape(beijing_glossary_path: Path) -> None:
    g = read_glossary(beijing_glossary_path)
    assert len(g) >= 40
    assert len({t.id for t in g}) == len(g)
    header = beijing_glossary_path.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert tuple(header) == COLUMNS
    by_zh = {t.zh: t for t in g}
    assert by_zh["新质生产力"].en == "new quality productive forces"
    assert "new productive forces of quality" in by_zh["新质生产力"].deprecated
    assert "Seven haves" in by_zh["七有"].deprecated
    assert "Chinese-style modernization" in by_zh["中国式现代化"].deprecated


def test_beijing_terms_occur_in_corpus(beijing_dir: Path, beijing_glossary: Glossary) -> None:
    """Every approved English term occurs in the published English (case/plural aside)
    and every concept in the Chinese."""
    from align.terms.match import find_terms

    g = beijing_glossary
    en = (beijing_dir / "en.raw.txt").read_text(encoding="utf-8")
    found = {h.term.id for h in find_terms(en, "en", g) if h.kind != "deprecated"}
    assert [t.id for t in g if t.id not in found] == []
    zh = (beijing_dir / "zh.txt").read_text(encoding="utf-8")
    found_zh = {h.term.id for h in find_terms(zh, "zh", g)}
    assert [t.id for t in g if t.id not in found_zh] == []


def test_tsv_is_plain_and_uses_separator(tmp_path: Path) -> None:
    write_glossary(SAMPLE, tmp_path / "s.tsv")
    lines = (tmp_path / "s.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    assert f"Beijing Stock Exchange{SEP}BSE" in lines[2]
    assert '"One Microgram" Campaign' in lines[3]  # unquoted: memoQ reads it as is


@pytest.mark.parametrize(("cell", "parts"), [
    ("a | b", ("a", "b")), ("a|b", ("a", "b")), (" a |  | b ", ("a", "b")), ("", ()),
], ids=["spaced", "tight", "empty-part", "empty"])
def test_split_cell(cell: str, parts: tuple[str, ...]) -> None:
    assert split_cell(cell) == parts


def test_minimal_columns_and_bom_crlf(tmp_path: Path) -> None:
    p = tmp_path / "m.tsv"
    p.write_bytes("\ufeffen\tzh\r\nfintech\t金融科技\r\n\r\ngreen finance\t绿色金融\r\n".encode())
    g = read_glossary(p)
    assert [(t.zh, t.en, t.status) for t in g] == [
        ("金融科技", "fintech", "preferred"), ("绿色金融", "green finance", "preferred")]


HEADER = "\t".join(COLUMNS)


@pytest.mark.parametrize(("name", "content", "match"), [
    ("missing.tsv", "id\tzh\tnote\n1\t中关村\tx\n", r"missing.tsv:1: not a glossary: missing column en"),
    ("comma.tsv", "zh,en\n中关村,Zhongguancun\n", r":1: .*only one column"),
    ("empty-term.tsv", f"{HEADER}\nb1\t中关村\t\tZhongguancun\t\t\t\t\t\nb2\t\t\tfintech\t\t\t\t\t\n",
     r"empty-term.tsv:3: empty term: column zh"),
    ("conflict.tsv", "zh\ten\n中关村\tZhongguancun\n金融科技\tfintech\n中关村\tZ-Park\n",
     r"conflict.tsv:4: duplicate concept '中关村' with conflicting translations.*line 2"),
    ("dupe.tsv", "zh\ten\n中关村\tZhongguancun\n中关村\tZhongguancun\n",
     r"dupe.tsv:3: duplicate concept '中关村' \(also on line 2\)"),
    ("dup-id.tsv", "id\tzh\ten\nx\t中关村\tZhongguancun\nx\t金融科技\tfintech\n",
     r"dup-id.tsv:3: duplicate concept id 'x'"),
    ("status.tsv", "zh\ten\tstatus\n中关村\tZhongguancun\tapproved\n",
     r"status.tsv:2: unknown status 'approved'"),
    ("empty.tsv", "", r"empty.tsv:1: empty file"),
    ("conflict.csv", "zh,en\n中关村,Zhongguancun\n中关村,Z-Park\n",
     r"conflict.csv:3: duplicate concept"),
    ("extra.tsv", "zh\ten\n中关村\tZhongguancun\n金融科技\tfintech\textra\n",
     r"extra.tsv:3: found 3 columns, but the header \(line 1\) names 2"),
], ids=["missing-column", "wrong-separator", "empty-term", "conflicting-duplicate",
        "identical-duplicate", "duplicate-id", "bad-status", "empty-file", "csv-duplicate", "extra-field"])
def test_malformed_tables(tmp_path: Path, name: str, content: str, match: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=match):
        read_glossary(p)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"],
                         ids=["gbk-chinese-excel-csv", "utf16-excel-unicode-text", "utf8-bom"])
def test_glossary_encodings_detected(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "g.tsv"
    p.write_bytes("zh\ten\n中关村\tZhongguancun\n金融科技\tfintech\n".encode(encoding))
    assert [(t.zh, t.en) for t in read_glossary(p).terms] == [
        ("中关村", "Zhongguancun"), ("金融科技", "fintech")]


def test_wrong_encoding_reports_line(tmp_path: Path) -> None:
    p = tmp_path / "latin1.tsv"
    p.write_bytes("zh\ten\n中关村\tZhongguancun\n".encode()
                  + "Zürich\tZürich café\n".encode("latin-1"))
    with pytest.raises(FormatError, match=r"latin1.tsv:3: not a glossary: cannot decode: "
                       r"byte 0xFC .* save the glossary as UTF-8"):
        read_glossary(p)


def test_glossary_folder_is_not_missing(tmp_path: Path) -> None:
    (tmp_path / "g.tsv").mkdir()
    with pytest.raises(InputError, match=r"g.tsv: is a folder, not a glossary file"):
        read_glossary(tmp_path / "g.tsv")


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "bin.csv"
    p.write_bytes(b"\x00\x01\x02zh,en")
    with pytest.raises(FormatError, match=r"bin.csv:1: not a glossary: looks binary"):
        read_glossary(p)


def test_xlsx_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "fake.xlsx"
    p.write_text("zh\ten\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"fake.xlsx:1: not an XLSX workbook"):
        read_glossary(p)


def test_xlsx_errors_use_spreadsheet_rows(tmp_path: Path) -> None:
    import pandas as pd

    p = tmp_path / "bad.xlsx"
    pd.DataFrame({"zh": ["中关村", "金融科技", ""], "en": ["Zhongguancun", "fintech", "x"]}
                 ).to_excel(p, index=False)
    with pytest.raises(FormatError, match=r"bad.xlsx:4: empty term: column zh"):
        read_glossary(p)


@pytest.mark.parametrize(("name", "match"), [
    ("g.doc", "unknown glossary format '.doc'"), ("g", "unknown glossary format"),
], ids=["txt", "no-suffix"])
def test_unknown_suffix(tmp_path: Path, name: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        read_glossary(tmp_path / name)
    with pytest.raises(InputError, match=match):
        write_glossary(SAMPLE, tmp_path / name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such glossary file"):
        read_glossary(tmp_path / "nope.tsv")


def test_tsv_cell_with_tab_refused(tmp_path: Path) -> None:
    g = Glossary((Term("中关村", "Zhong\tguancun"),))
    with pytest.raises(FormatError, match=r"x.tsv:2: cell en .* tab or line break"):
        write_glossary(g, tmp_path / "x.tsv")
    assert not (tmp_path / "x.tsv").exists()


# -- TBX ---------------------------------------------------------------------------

MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>old</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="e1">
   <descrip type="subjectField">finance</descrip>
   <langSet xml:lang="zh-CN"><tig><term>绿色金融</term></tig></langSet>
   <langSet xml:lang="en-US">
    <tig><term>green finance</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>environmental finance</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
   </langSet>
  </termEntry>
  <termEntry id="e2">
   <langSet lang="zh"><tig><term>金融科技</term></tig></langSet>
   <langSet lang="en"><tig><term>financial technology</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    <tig><term>fintech</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
   <descrip type="definition">Technology-enabled financial services.</descrip></langSet>
  </termEntry>
 </body></text>
</martif>
"""


def test_read_martif(tmp_path: Path) -> None:
    p = tmp_path / "old.tbx"
    p.write_text(MARTIF, encoding="utf-8")
    g = read_glossary(p)
    assert g.terms == (
        Term("绿色金融", "green finance", deprecated=("environmental finance",), domain="finance",
             id="e1"),
        Term("金融科技", "fintech", variants=("financial technology",), id="e2",
             note="Technology-enabled financial services."),
    )


def test_tbx_basic_2019_structure(tmp_path: Path) -> None:
    from lxml import etree

    p = tmp_path / "s.tbx"
    write_glossary(SAMPLE, p, tbx_flavour="v3")
    root = etree.parse(str(p)).getroot()
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    ce = root.find(".//t:conceptEntry[@id='t1']", ns)
    assert ce.find("t:descrip[@type='subjectField']", ns).text == "economy"
    statuses = [n.text for n in ce.findall(".//t:termNote[@type='administrativeStatus']", ns)]
    assert statuses == ["preferredTerm-admn-sts", "preferredTerm-admn-sts",
                        "deprecatedTerm-admn-sts", "deprecatedTerm-admn-sts"]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>&lol2;</body></text></tbx>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="a">
<langSec xml:lang="zh"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry>
</body></text></tbx>
"""
NO_EN = """<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="a"><langSec xml:lang="zh"><termSec><term>中关村</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>Zhongguancun</term></termSec></langSec></conceptEntry>
<conceptEntry id="b"><langSec xml:lang="zh"><termSec><term>金融科技</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
DUP = NO_EN.replace("<term>金融科技</term></termSec></langSec>",
                    "<term>中关村</term></termSec></langSec><langSec xml:lang='en'>"
                    "<termSec><term>Z-Park</term></termSec></langSec>")


@pytest.mark.parametrize(("content", "match"), [
    (BOMB, r"bomb.tbx:3: .*declares XML entities"),
    (XXE, r"bomb.tbx:2: .*declares XML entities"),
    ("<tbx><text><body>\n<conceptEntry>\n</body></tbx>", r"bomb.tbx:3: malformed XML"),
    ("<html><body>hello</body></html>", r"bomb.tbx:1: not a TBX glossary: root element <html>"),
    ("<tbx xmlns='urn:iso:std:iso:30042:ed-2'><text><body/></text></tbx>",
     r"not a TBX glossary: no conceptEntry"),
    (NO_EN, r"bomb.tbx:4: empty term: entry b has no English term"),
    (DUP, r"bomb.tbx:4: duplicate concept '中关村' with conflicting translations"),
], ids=["billion-laughs", "external-entity", "malformed", "not-tbx", "no-entries",
        "entry-without-english", "duplicate-concept"])
def test_hostile_or_malformed_tbx(tmp_path: Path, content: str, match: str) -> None:
    p = tmp_path / "bomb.tbx"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=match):
        read_glossary(p)


def test_xlsx_zip_bomb_refused_before_unpacking(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "big.xlsx"
    write_glossary(SAMPLE, p)
    monkeypatch.setattr("align.formats.decode.DEFAULT_MAX_BYTES", 1000)  # stands for 200 MB
    with pytest.raises(InputError, match=r"big\.xlsx: the workbook unpacks to [\d,]+ bytes, "
                                         r"over the limit of 1,000 bytes"):
        read_glossary(p)


def test_xlsx_text_starting_with_equals_stays_text(tmp_path: Path) -> None:
    import openpyxl

    g = Glossary((Term("等号", "=equal sign", note='=HYPERLINK("http://example.com","x")'),
                  Term("中关村", "Zhongguancun")))
    p = tmp_path / "eq.xlsx"
    write_glossary(g, p)
    row = list(openpyxl.load_workbook(p).active.iter_rows(min_row=2, max_row=2))[0]
    assert "f" not in {c.data_type for c in row}  # no formula cell
    assert read_glossary(p).terms == g.terms
