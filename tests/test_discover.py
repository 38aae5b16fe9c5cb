"""Tests of term discovery (align terms)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.terms import discover_files
from align.errors import InputError
from align.formats.alignment import read_alignment
from align.formats.glossary import read_glossary
from align.terms.candidates import Candidate, candidates_to_glossary
from align.terms.discover import discover_terms
from align.terms.termeval import evaluate_candidates
from align.types import Alignment, Bead, Glossary, Segment, Term

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "beijing-2024"
GLOSSARY = ROOT / "glossary" / "beijing-2024.tsv"
TARGETS = [("七有", "Seven accesses"), ("五性", "five expectations"),
           ("三大工程", "Three Major Projects"), ("两区", "Two Zones"), ("四平台", "Four Platforms"),
           ("北京服务", "Beijing Service"), ("一微克", "One Microgram")]
runner = CliRunner()


def make(pairs: list[tuple[str, str]]) -> Alignment:
    src = tuple(Segment(s, "zh", i) for i, (s, _) in enumerate(pairs))
    tgt = tuple(Segment(t, "en", i) for i, (_, t) in enumerate(pairs))
    return Alignment(src, tgt, tuple(Bead((i,), (i,)) for i in range(len(pairs))))


@pytest.fixture(scope="module")
def beijing() -> Alignment:
    pytest.importorskip("align.text.segment")
    return read_alignment(CORPUS / "gold.align", src=CORPUS / "zh.txt", tgt=CORPUS / "en.raw.txt")


def test_beijing_rediscovers_quoted_terms(beijing: Alignment) -> None:
    cands = discover_terms(beijing, Glossary(), top=30)
    scores = evaluate_candidates(cands, read_glossary(GLOSSARY), TARGETS, top=30)
    assert scores.recall >= 6 / 7, scores.found
    assert scores.precision >= 0.5, scores.correct
    by_zh = {c.zh: c for c in cands}
    assert by_zh["七有"].en == "Seven accesses" and by_zh["七有"].en_method == "quoted"
    assert by_zh["两区"].source == "slogan" and by_zh["北京服务"].source == "quoted"
    assert all(0.0 <= c.score <= 1.0 for c in cands)
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)


def test_known_terms_are_left_out(beijing: Alignment) -> None:
    g = read_glossary(GLOSSARY)
    cands = discover_terms(beijing, g)
    zh = {c.zh for c in cands}
    assert not zh & {"七有", "一微克", "新质生产力", "高质量发展"}


def test_quoted_pairs_by_position() -> None:
    al = make([("以“七有”要求和“五性”需求为导向。",
                'Let "Seven accesses" and "five expectations" guide us.'),
               ("用好“两区”“四平台”。", 'Harness the "Two Zones" and "Four Platforms".')])
    got = {c.zh: (c.en, c.en_method, c.source) for c in discover_terms(al)}
    assert got == {"七有": ("Seven accesses", "quoted", "slogan"),
                   "五性": ("five expectations", "quoted", "slogan"),
                   "两区": ("Two Zones", "quoted", "slogan"),
                   "四平台": ("Four Platforms", "quoted", "slogan")}


def test_repeated_ngram_gets_english_by_association() -> None:
    al = make([("要加快发展数字孪生城市。", "We will speed up the digital twin city."),
               ("数字孪生城市建设成效明显。", "The digital twin city has made progress."),
               ("推进城市更新。", "Promote urban renewal.")])
    cands = discover_terms(al, min_freq=2)
    twin = [c for c in cands if c.zh == "数字孪生城市"]
    assert twin and twin[0].en == "digital twin city" and twin[0].en_method == "dice"
    assert twin[0].freq == 2 and [k for k, _, _ in twin[0].evidence] == [0, 1]


def test_candidates_round_trip_as_glossary(tmp_path: Path) -> None:
    cands = [Candidate("七有", "Seven accesses", 1.0, 1.0, 1.0, "slogan", "quoted", 1,
                       ((24, "以“七有”要求为导向", '"Seven accesses" should guide'),)),
             Candidate("一老", "", 0.5, 1.0, 0.0, "slogan", "", 1, ())]
    g = candidates_to_glossary(cands)
    assert [(t.zh, t.en, t.status) for t in g] == [("七有", "Seven accesses", "admitted")]
    assert "score 1.000" in g.terms[0].note and "bead 24" in g.terms[0].note
    from align.formats.glossary import write_glossary

    write_glossary(g, tmp_path / "c.tsv")
    assert read_glossary(tmp_path / "c.tsv").terms == g.terms


def test_evaluate_counts_partial_terms() -> None:
    ref = Glossary((Term("“一微克”行动", '"One Microgram" Campaign'), Term("七有", "Seven accesses")))
    cands = [Candidate("一微克", "One Microgram", 1, 1, 1, "slogan", "quoted", 1, ()),
             Candidate("七有", "Seven haves", 1, 1, 1, "slogan", "quoted", 1, ())]
    s = evaluate_candidates(cands, ref, [("一微克", "One Microgram"), ("七有", "Seven accesses")])
    assert (s.precision, s.recall, s.found) == (0.5, 0.5, ("一微克",))


def test_cli_reference_scores(tmp_path: Path) -> None:
    pytest.importorskip("align.text.segment")
    r = runner.invoke(app, ["terms", str(CORPUS / "gold.align"), "--src", str(CORPUS / "zh.txt"),
                            "--tgt", str(CORPUS / "en.raw.txt"), "--top", "30",
                            "--reference", str(GLOSSARY)])
    assert r.exit_code == 0, r.output
    res = discover_files([CORPUS / "gold.align"], src=CORPUS / "zh.txt", tgt=CORPUS / "en.raw.txt",
                         top=30, reference=GLOSSARY)
    assert res.scores is not None and res.scores.recall >= 0.75
    assert {z for z, _ in res.targets} >= {"七有", "五性", "三大工程", "两区", "四平台", "北京服务",
                                           "一微克"}
    assert f"precision {res.scores.precision:.3f}" in r.stderr


def test_discover_files_input_count() -> None:
    with pytest.raises(InputError, match="not 3 paths"):
        discover_files(["a", "b", "c"])


def test_cli_terms(tmp_path: Path) -> None:
    tsv = tmp_path / "pair.tsv"
    tsv.write_text('以“七有”要求为导向。\t"Seven accesses" should guide.\t1-1\t0.9\n'
                   '打响“北京服务”品牌。\tRaise the "Beijing Service" brand.\t1-1\t0.8\n',
                   encoding="utf-8")
    out = tmp_path / "cands.tsv"
    r = runner.invoke(app, ["terms", str(tsv), "-o", str(out), "--top", "5"])
    assert r.exit_code == 0, r.output
    assert "七有\tSeven accesses" in r.stdout
    assert {t.zh for t in read_glossary(out)} == {"七有", "北京服务"}


def test_cli_bad_language_is_a_usage_error(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("要发展“七有”。\tWe pursue the \"Seven accesses\".\t1-1\t0.9\n", encoding="utf-8")
    r = runner.invoke(app, ["terms", str(tsv), "--tgt-lang", "english"])
    assert r.exit_code == 2
    assert "Invalid value for '--tgt-lang'" in r.stderr


def test_cli_output_and_reference_checked_before_writing(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("要发展“七有”。\tWe pursue the \"Seven accesses\".\t1-1\t0.9\n", encoding="utf-8")
    r = runner.invoke(app, ["terms", str(tmp_path / "missing.tsv"), "-o", str(tmp_path / "c.txt")])
    assert r.exit_code == 1 and "unknown glossary format '.txt'" in r.stderr
    bad = tmp_path / "ref.tsv"
    bad.write_text("zh\tnote\n七有\tx\n", encoding="utf-8")
    out = tmp_path / "c.tsv"
    r = runner.invoke(app, ["terms", str(tsv), "-o", str(out), "--reference", str(bad)])
    assert r.exit_code == 1 and "ref.tsv:1: not a glossary: missing column en" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tsv", "ref.tsv"]  # no output


def test_cli_output_onto_the_glossary_is_refused(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("要发展“七有”。\tWe pursue the \"Seven accesses\".\t1-1\t0.9\n", encoding="utf-8")
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n新质生产力\tnew quality productive forces\n", encoding="utf-8")
    before = g.read_bytes()
    r = runner.invoke(app, ["terms", str(tsv), "-g", str(g), "-o", str(g)])
    assert r.exit_code == 1 and "the output is also an input" in r.stderr
    assert g.read_bytes() == before
