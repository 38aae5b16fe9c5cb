"""Fuzzing every reader (issue 12): random bytes, truncated files and mutated valid
files of every input format go to the reader of that format.

The property: a reader returns, or raises an :class:`~align.errors.AlignError`
(one line for the CLI); never another exception. A file with a defined end (XML:
TMX, TBX; zip: DOCX, XLSX) cut short must be refused, never read in part.

A seeded generator (no extra dependency): every case is reproducible from its id,
``<sample>-<kind>-<n>``; ``FUZZ_SEED``/``FUZZ_CASES`` in the environment change the
seed and the number of cases per sample (default: about 1,500 cases in all).
"""

from __future__ import annotations

import io
import os
import random
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from align.errors import AlignError
from align.formats.alignment import read_alignment
from align.formats.documents import read_document
from align.formats.glossary import read_glossary
from align.formats.ladder import read_ladder
from align.formats.tmx.reader import read_tmx
from align.formats.units import units_from_file

SEED = int(os.environ.get("FUZZ_SEED", "20241212"))
CASES = int(os.environ.get("FUZZ_CASES", "100"))  # per sample and kind of mutation

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZH = "北京市推动高质量发展。加快发展新质生产力，“七有”要求得到落实。\n\n二〇二四年增长5.2%。\n"
EN = ("Beijing promoted high-quality development. It accelerated new quality productive "
      "forces.\n\nGrowth was 5.2% in 2024.\n")
_TOKENS = (b"<", b">", b"&", b"&amp;", b"&foo;", b"\x00", b"\xff", b"\xfe\xff", b"\t", b"\n",
           b"\r", b'"', b"'", b"]]>", b"<!ENTITY x 'y'>", b"<!DOCTYPE x>", "\u2028".encode(),
           "中".encode(), "中".encode("gb18030"), b"=HYPERLINK(", b"{", b"}", b"[", b"]", b":",
           b",", b"|", b"</", b"/>", b"<w:p>", b"<tu>", b"<tuv>", b"\\", b"\x1a")


@dataclass(frozen=True)
class Sample:
    """A valid file of one input format and how to read it."""

    name: str
    suffix: str
    data: bytes
    read: Callable[[Path], object]
    ends: bool = False  # XML or zip: a cut file is incomplete and must be refused


def _zip(members: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _docx() -> bytes:
    p = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>".format
    body = (p("北京市推动高质量发展。") + '<w:p><w:r><w:t>加快发展。</w:t></w:r><w:r>'
            '<w:footnoteReference w:id="1"/></w:r></w:p><w:tbl><w:tr><w:tc>'
            + p("表格里的字。") + '</w:tc></w:tr></w:tbl><w:sectPr><w:headerReference '
            'w:type="default" r:id="h"/></w:sectPr>')
    return _zip({
        "word/document.xml": f'<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                             f"<w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="n" Type="{R}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="h" Type="{R}/header" Target="header1.xml"/></Relationships>'),
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1">'
                              f'{p("脚注。")}</w:footnote></w:footnotes>',
        "word/header1.xml": f'<w:hdr xmlns:w="{W}">{p("页眉。")}</w:hdr>',
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/'
                             'elements/1.1/"><dc:title>报告</dc:title></cp:coreProperties>',
    })


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GLOSSARY_ROWS = [["zh", "en", "en_deprecated", "status"],
                 ["新质生产力", "new quality productive forces", "new productive forces", ""],
                 ["七有", "Seven accesses", "Seven haves", "preferred"]]
PAIRS = [["北京市推动高质量发展。", "Beijing promoted high-quality development."],
         ["增长5.2%。", "Growth was 5.2%."]]
TMX = (b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
       b'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
       b'creationtoolversion="1"><prop type="x-a">b</prop></header><body>\n'
       + "".join(f'<tu><prop type="x-document">d</prop><tuv xml:lang="zh-CN"><seg>{z}</seg></tuv>'
                 f'<tuv xml:lang="en-US"><seg>{e} <ph x="1">&lt;b&gt;</ph><hi>x</hi></seg>'
                 "</tuv></tu>\n" for z, e in PAIRS).encode() + b"</body></tmx>\n")
TBX = ('<?xml version="1.0" encoding="UTF-8"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" '
       'type="TBX-Basic" style="dca" xml:lang="en"><tbxHeader/><text><body>'
       '<conceptEntry id="c1"><descrip type="subjectField">经济</descrip><langSec xml:lang="zh">'
       "<termSec><term>新质生产力</term></termSec></langSec><langSec xml:lang=\"en\"><termSec>"
       "<term>new quality productive forces</term></termSec><termSec><term>new productive "
       "forces</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"
       "</termSec></langSec></conceptEntry></body></text></tbx>\n").encode()
HTML = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title>'
        '<meta name="pubdate" content="2024-01-21"></head><body><nav>首页 | 新闻</nav>'
        "<article><h1>政府工作报告</h1><p>北京市推动<b>高质量</b>发展。<span>加快发展新质生产力。"
        "<br>“七有”要求得到落实。</span></p><div><p>二〇二四年增长5.2%。</p></div></article>"
        "<footer>版权所有</footer></body></html>").encode()


def _texts(tmp: Path) -> tuple[Path, Path]:
    src, tgt = tmp / "zh.txt", tmp / "en.txt"
    src.write_text(ZH, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    return src, tgt


def _samples(tmp: Path) -> list[Sample]:
    src, tgt = _texts(tmp)
    document, glossary = read_document, read_glossary

    def alignment(p: Path) -> object:
        return read_alignment(p)

    def ladder(p: Path) -> object:
        read_ladder(p)
        return read_alignment(p, src=src, tgt=tgt)

    def tmx(p: Path) -> object:
        return list(read_tmx(p)), list(read_tmx(p, inline="raw", skip_invalid=True))

    def units(p: Path) -> object:
        return list(units_from_file(p))

    tsv = "".join("\t".join(r) + "\n" for r in GLOSSARY_ROWS).encode()
    return [
        Sample("txt-utf8", ".txt", ZH.encode(), document),
        Sample("txt-utf8-bom", ".txt", b"\xef\xbb\xbf" + EN.encode(), document),
        Sample("txt-gb18030", ".txt", ZH.encode("gb18030"), document),
        Sample("txt-utf16-bom", ".txt", ZH.encode("utf-16"), document),
        Sample("txt-utf16le-nobom", ".txt", ZH.encode("utf-16-le"), document),
        Sample("html", ".html", HTML, document),
        Sample("docx", ".docx", _docx(), document, ends=True),
        Sample("glossary-tsv", ".tsv", tsv, glossary),
        Sample("glossary-csv", ".csv", tsv.replace(b"\t", b","), glossary),
        Sample("glossary-xlsx", ".xlsx", _xlsx(GLOSSARY_ROWS), glossary, ends=True),
        Sample("glossary-tbx", ".tbx", TBX, glossary, ends=True),
        Sample("tmx", ".tmx", TMX, tmx, ends=True),
        Sample("ladder", ".align", b"# made by hand\n[0]:[0]:0.9\n[1]:[1]\n[2]:[2]:1.0\n",
               ladder),
        Sample("alignment-tsv", ".tsv", ("source\ttarget\tbead\tconfidence\n" + "".join(
            f"{z}\t{e}\t1-1\t0.9\n" for z, e in PAIRS)).encode(), alignment),
        Sample("alignment-csv", ".csv", "".join(f'"{z}","{e}"\n' for z, e in PAIRS).encode(),
               alignment),
        Sample("alignment-jsonl", ".jsonl", ('{"signature": {"tool": "x"}}\n' + "".join(
            f'{{"source": "{z}", "target": "{e}", "bead": "1-1", "confidence": 0.5}}\n'
            for z, e in PAIRS)).encode(), units),
        Sample("alignment-xlsx", ".xlsx", _xlsx([["source", "target"], *PAIRS]), alignment,
               ends=True),
    ]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four edits: flip, insert a token or random bytes, delete, duplicate."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(buf) + 1)
        op = rng.randrange(5)
        if op == 0 and buf:
            buf[min(k, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[k:k] = rng.choice(_TOKENS)
        elif op == 2:
            buf[k:k] = rng.randbytes(rng.randint(1, 8))
        elif op == 3:
            del buf[k:k + rng.randint(1, 16)]
        else:
            buf[k:k] = buf[k:k + rng.randint(1, 64)] * rng.randint(1, 3)
    return bytes(buf)


def _mutate_member(data: bytes, rng: random.Random) -> bytes:
    """A zip file (DOCX, XLSX) with one member mutated, or removed."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    name = rng.choice(sorted(members))
    if rng.random() < 0.1:
        del members[name]
    else:
        members[name] = _mutate(members[name], rng)
    return _zip(dict(members))


def _cases(sample: Sample, rng: random.Random) -> Iterator[tuple[str, bytes, bool]]:
    """(case id, bytes, whether the reader must refuse them)."""
    data = sample.data
    end = data.rstrip().rfind(b"</") if data.lstrip().startswith(b"<") else len(data)
    for n in range(CASES):
        yield f"random-{n}", rng.randbytes(rng.choice((0, 1, 2, 7, 64, 512, 4096))), False
        cut = rng.randrange(max(end, 1))
        yield f"cut-{n}", data[:cut], sample.ends
        yield f"mutated-{n}", _mutate(data, rng), False
        if data.startswith(b"PK"):
            yield f"member-{n}", _mutate_member(data, rng), False


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    return _samples(tmp_path_factory.mktemp("fuzz-samples"))


SAMPLE_NAMES = ["txt-utf8", "txt-utf8-bom", "txt-gb18030", "txt-utf16-bom", "txt-utf16le-nobom",
                "html", "docx", "glossary-tsv", "glossary-csv", "glossary-xlsx", "glossary-tbx",
                "tmx", "ladder", "alignment-tsv", "alignment-csv", "alignment-jsonl",
                "alignment-xlsx"]


def test_every_sample_is_valid(samples: list[Sample], tmp_path: Path) -> None:
    assert [s.name for s in samples] == SAMPLE_NAMES
    for s in samples:  # the mutations start from files the readers accept
        path = tmp_path / f"{s.name}{s.suffix}"
        path.write_bytes(s.data)
        assert s.read(path)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_reader_survives_fuzzing(samples: list[Sample], tmp_path: Path, name: str) -> None:
    sample = next(s for s in samples if s.name == name)
    rng = random.Random(f"{SEED}-{name}")
    failures: list[str] = []
    for case, data, must_refuse in _cases(sample, rng):
        path = tmp_path / f"{name}-{case}{sample.suffix}"
        path.write_bytes(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a library's warning is not a traceback
                sample.read(path)
        except AlignError as e:
            assert "\n" not in str(e), f"{case}: a multi-line message: {e!r}"
        except Exception as e:  # noqa: BLE001 - the property under test
            failures.append(f"{case}: {type(e).__name__}: {e}"[:300])
        else:
            if must_refuse:
                failures.append(f"{case}: a file cut at byte {len(data)} was read in part")
        path.unlink()
    assert not failures, f"seed {SEED}: " + "\n".join(failures[:10])
