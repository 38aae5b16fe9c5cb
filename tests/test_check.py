"""Tests of consistency QA (align check): findings, numbers, inputs, reports, CLI."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.check import alignment_from_inputs
from align.errors import FormatError, InputError
from align.formats.alignment import read_alignment
from align.formats.glossary import read_glossary
from align.qa.check import check_alignment
from align.qa.findings import Finding
from align.types import Alignment, Bead, Glossary, Segment, Term

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "beijing-2024"
GLOSSARY = ROOT / "glossary" / "beijing-2024.tsv"
runner = CliRunner()

G = Glossary((
    Term("新质生产力", "new quality productive forces",
         deprecated=("new productive forces of quality",)),
    Term("北京证券交易所", "Beijing Stock Exchange (BSE)", zh_variants=("北交所",),
         variants=("Beijing Stock Exchange", "BSE")),
    Term("高质量发展", "high-quality development"),
    Term("七有", "Seven accesses", deprecated=("Seven haves",)),
    Term("新中国成立75周年", "75th anniversary of the founding of the People's Republic of China"),
))


def make(pairs: list[tuple[str, str]]) -> Alignment:
    """A 1-1 alignment (an empty side makes a 1-0 or 0-1 bead)."""
    src: list[Segment] = []
    tgt: list[Segment] = []
    beads = []
    for s, t in pairs:
        bs = (len(src),) if s else ()
        bt = (len(tgt),) if t else ()
        if s:
            src.append(Segment(s, "zh", len(src)))
        if t:
            tgt.append(Segment(t, "en", len(tgt)))
        beads.append(Bead(bs, bt))
    return Alignment(tuple(src), tuple(tgt), tuple(beads))


def kinds(findings: list[Finding]) -> list[tuple[int | None, str, str]]:
    return [(f.bead, f.kind, f.severity) for f in findings]


# -- the Beijing corpus ------------------------------------------------------------

@pytest.fixture(scope="module")
def beijing() -> tuple[Glossary, list[Finding]]:
    pytest.importorskip("align.text.segment")
    g = read_glossary(GLOSSARY)
    al = read_alignment(CORPUS / "gold.align", src=CORPUS / "zh.txt", tgt=CORPUS / "en.raw.txt")
    return g, check_alignment(al, g)


def test_beijing_real_text(beijing: tuple[Glossary, list[Finding]]) -> None:
    """The published English passes except for genuine findings (see the report)."""
    _, findings = beijing
    errors = [(f.bead, f.kind) for f in findings if f.severity == "error"]
    assert errors == [(39, "empty-target")]  # 安全是发展的前提… omitted by the English
    assert not [f for f in findings if f.severity == "warning"]
    assert Counter(f.kind for f in findings if f.severity == "info") == {
        "term-split": 3, "addition": 1}


def _inject(tmp_path: Path, old: str, new: str) -> tuple[Alignment, list[Finding]]:
    """Replace the first literal occurrence in the raw English (earlier occurrences
    may hold a no-break space, so the first hit is not always the first sentence)."""
    en = (CORPUS / "en.raw.txt").read_text(encoding="utf-8")
    assert old in en
    p = tmp_path / "en.raw.txt"
    p.write_text(en.replace(old, new, 1), encoding="utf-8")
    g = read_glossary(GLOSSARY)
    al = read_alignment(CORPUS / "gold.align", src=CORPUS / "zh.txt", tgt=p)
    return al, check_alignment(al, g)


@pytest.mark.parametrize(("old", "new", "marker", "kind", "bead"), [
    ("new quality productive forces", "new productive forces of quality",
     "new productive forces of quality", "term-deprecated", 5),
    ('"Seven accesses" and "five expectations" should', '"Five expectations" should',
     '"Five expectations" should guide', "term-missing", 24),
    ("75th anniversary", "57th anniversary", "57th", "number-mismatch", 2),
], ids=["deprecated-rendering", "dropped-term", "wrong-ordinal"])
def test_beijing_injected_violation_found_once(
        tmp_path: Path, beijing: tuple[Glossary, list[Finding]], old: str, new: str,
        marker: str, kind: str, bead: int) -> None:
    _, base = beijing
    al, findings = _inject(tmp_path, old, new)
    key = lambda f: (f.bead, f.kind, f.severity, f.term, f.message)  # noqa: E731
    new_findings = Counter(map(key, findings)) - Counter(map(key, base))
    assert len(list(new_findings.elements())) == 1
    (got,) = new_findings.elements()
    where = [k for k, (_, _, t) in enumerate(al.pairs()) if marker in t]
    assert got[0] == where[0] == bead and got[1] == kind and got[2] == "error"


# -- inputs ------------------------------------------------------------------------

def test_tsv_from_align_pair_writer(tmp_path: Path) -> None:
    """The quoted TSV that `align pair -o x.tsv` writes (csv quoting, header 'bead')."""
    import csv

    p = tmp_path / "pair.tsv"
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "target", "bead", "confidence"])
        w.writerow(["以“七有”要求为导向。", '"Seven haves" should guide.', "1-1", "0.900"])
    al = read_alignment(p)
    assert al.tgt[0].text == '"Seven haves" should guide.'
    assert kinds(check_alignment(al, G)) == [(0, "term-deprecated", "error")]


def test_tsv_alignment(tmp_path: Path) -> None:
    p = tmp_path / "pair.tsv"
    p.write_text('source\ttarget\ttype\tconfidence\n要发展新质生产力。\t"We" develop new forces.\t1-1\t0.9\n'
                 "安全是发展的前提。\t\t1-0\t0.5\n", encoding="utf-8")
    al = read_alignment(p)
    assert [b.key for b in al.beads] == [((0,), (0,)), ((1,), ())]
    assert al.tgt[0].text == '"We" develop new forces.'
    assert kinds(check_alignment(al, G)) == [(0, "term-missing", "error"),
                                             (1, "empty-target", "error")]


@pytest.mark.parametrize(("content", "match"), [
    ("a\n", r"bad.tsv:1: expected 2 to 4 columns"),
    ("a\tb\tone\t0.5\n", r"bad.tsv:1: bad bead type 'one'"),
    ("a\tb\t1-1\thigh\n", r"bad.tsv:1: bad confidence 'high'"),
    ("a\tb\t1-1\t0.5\n\tx\t0-1\t1.5\n", r"bad.tsv:2: confidence 1.5 outside"),
    ("", r"bad.tsv:1: no rows"),
], ids=["columns", "type", "confidence", "range", "empty"])
def test_bad_tsv(tmp_path: Path, content: str, match: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=match):
        read_alignment(p)


@pytest.mark.parametrize(("args", "match"), [
    (("x.align", None, None), "needs its two texts"),
    (("x.json", None, None), "unknown alignment format '.json'"),
    ((None, None, None), "nothing to check"),
], ids=["ladder-without-texts", "unknown-suffix", "nothing"])
def test_alignment_from_inputs_errors(args: tuple[str | None, ...], match: str) -> None:
    with pytest.raises(InputError, match=match):
        alignment_from_inputs(*args)


# -- reports -----------------------------------------------------------------------

# -- CLI ---------------------------------------------------------------------------

def _write_glossary_and_tsv(tmp_path: Path, target: str) -> tuple[Path, Path]:
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\ten_deprecated\n新质生产力\tnew quality productive forces\t"
                 "new productive forces of quality\n", encoding="utf-8")
    a = tmp_path / "a.tsv"
    a.write_text(f"要发展新质生产力。\t{target}\t1-1\t0.9\n", encoding="utf-8")
    return g, a


def test_cli_clean_exits_0(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "We develop new quality productive forces.")
    r = runner.invoke(app, ["check", str(a), "--glossary", str(g)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("no findings")


def test_cli_errors_exit_1_and_report(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "We develop new productive forces of quality.")
    rep = tmp_path / "r.html"
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--report", str(rep)])
    assert r.exit_code == 1
    assert "term-deprecated" in r.stdout and "1 error(s)" in r.stdout
    assert "<mark" in rep.read_text(encoding="utf-8")


@pytest.mark.parametrize(("target", "fail_on", "code"), [
    ("We develop new productive forces of quality.", "never", 0),
    ("We develop new productive forces of quality.", "warning", 1),
    ("We develop new quality productive forces. We develop it.", "error", 0),
], ids=["error-never", "error-warning", "clean-error"])
def test_cli_fail_on_gate(tmp_path: Path, target: str, fail_on: str, code: int) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, target)
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--fail-on", fail_on])
    assert r.exit_code == code, r.output
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--fail-on", "sometimes"])
    assert r.exit_code == 2


def test_cli_fail_on_warning_only(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "x")
    # the deprecated rendering without the Chinese term in the bead is a warning
    a.write_text("要发展生产力。\tWe develop new productive forces of quality.\t1-1\t0.9\n",
                 encoding="utf-8")
    r = runner.invoke(app, ["check", str(a), "-g", str(g)])
    assert r.exit_code == 0 and "0 error(s), 1 warning(s)" in r.stdout, r.stdout
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--fail-on", "warning"])
    assert r.exit_code == 1


def test_cli_bad_input_one_line(tmp_path: Path) -> None:
    g, _ = _write_glossary_and_tsv(tmp_path, "x")
    r = runner.invoke(app, ["check", str(tmp_path / "x.align"), "-g", str(g)])
    assert r.exit_code == 1
    assert "needs its two texts" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cli_beijing_gold(tmp_path: Path) -> None:
    pytest.importorskip("align.text.segment")
    out = tmp_path / "b.csv"
    r = runner.invoke(app, ["check", str(CORPUS / "gold.align"), "--src", str(CORPUS / "zh.txt"),
                            "--tgt", str(CORPUS / "en.raw.txt"), "-g", str(GLOSSARY),
                            "--report", str(out)])
    assert r.exit_code == 1  # the English omits one Chinese sentence (bead 39)
    assert "39    error     empty-target" in r.stdout
    assert out.is_file()


def test_ladder_that_does_not_fit_the_texts(tmp_path: Path) -> None:
    pytest.importorskip("align.text.segment")
    lad = tmp_path / "short.align"
    lad.write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"short.align: beads cover 1 source .* default "
                                         "segmentation"):
        read_alignment(lad, src=CORPUS / "zh.txt", tgt=CORPUS / "en.raw.txt")


def test_cli_aligns_on_the_fly() -> None:
    pytest.importorskip("align.aligner")
    r = runner.invoke(app, ["check", "--src", str(CORPUS / "zh.txt"), "--tgt",
                            str(CORPUS / "en.raw.txt"), "-g", str(GLOSSARY)])
    assert r.exit_code in (0, 1), r.output
    assert "error(s)" in r.stdout.splitlines()[-1]
    assert "term-missing" not in r.stdout and "term-deprecated" not in r.stdout


def test_cli_bad_language_is_a_usage_error(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "x")
    r = runner.invoke(app, ["check", str(a), "-g", str(g), "--src-lang", "fr"])
    assert r.exit_code == 2
    assert "Invalid value for '--src-lang'" in r.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"], ids=["utf16", "gb18030"])
def test_tsv_alignment_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "pair.tsv"
    p.write_bytes("要发展新质生产力。\tWe develop new quality productive forces.\t1-1\t0.9\n"
                  .encode(encoding))
    al = read_alignment(p)
    assert [s.text for s in al.src] == ["要发展新质生产力。"]
    assert [t.text for t in al.tgt] == ["We develop new quality productive forces."]


def test_swapped_texts_message_names_no_foreign_option(tmp_path: Path) -> None:
    pytest.importorskip("align.text.segment")
    lad = tmp_path / "x.align"
    lad.write_text("[0]:[0]\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(lad), "--src", str(CORPUS / "en.raw.txt"),
                            "--tgt", str(CORPUS / "zh.txt"), "-g", str(GLOSSARY)])
    assert r.exit_code == 1
    assert "looks English" in r.stderr and "given as zh" in r.stderr
    assert "--lang" not in r.stderr  # align check has --src-lang/--tgt-lang, not --lang


def test_cli_report_onto_the_glossary_is_refused(tmp_path: Path) -> None:
    g, a = _write_glossary_and_tsv(tmp_path, "We develop new quality productive forces.")
    before = g.read_bytes()
    csv_g = tmp_path / "g.csv"
    csv_g.write_text("zh,en\n新质生产力,new quality productive forces\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(a), "-g", str(csv_g), "-r", str(csv_g)])
    assert r.exit_code == 1 and "g.csv: the output is also an input" in r.stderr
    assert csv_g.read_text(encoding="utf-8").startswith("zh,en\n")
    assert g.read_bytes() == before


def test_plain_tsv_cell_with_line_separator(tmp_path: Path) -> None:
    p = tmp_path / "pair.tsv"  # a cell starting with a quote: plain, not csv-quoted, TSV
    p.write_text('“七有”\u2028要求。\t"Seven accesses"\u2028are required.\t1-1\t0.9\n',
                 encoding="utf-8")
    al = read_alignment(p)
    assert [t.text for t in al.tgt] == ['"Seven accesses"\u2028are required.']
