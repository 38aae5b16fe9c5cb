"""Tests of align.terms.discover and termeval: candidates from aligned text, scores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from align.formats.glossary import read_glossary
from align.terms.candidates import Candidate, candidates_to_glossary
from align.terms.discover import discover_terms
from align.terms.termeval import evaluate_candidates
from align.types import Alignment, Glossary, Term

Make = Callable[..., Alignment]

TARGETS = [("七有", "Seven accesses"), ("五性", "five expectations"),
           ("三大工程", "Three Major Projects"), ("两区", "Two Zones"), ("四平台", "Four Platforms"),
           ("北京服务", "Beijing Service"), ("一微克", "One Microgram")]


def test_beijing_rediscovers_quoted_terms(beijing_gold: Alignment,
                                          beijing_glossary: Glossary) -> None:
    cands = discover_terms(beijing_gold, Glossary(), top=30)
    scores = evaluate_candidates(cands, beijing_glossary, TARGETS, top=30)
    assert (scores.recall, scores.found) == (1.0, tuple(zh for zh, _ in TARGETS))
    assert (scores.n, len(scores.correct), scores.precision) == (24, 16, 16 / 24)
    by_zh = {c.zh: c for c in cands}
    assert by_zh["七有"].en == "Seven accesses" and by_zh["七有"].en_method == "quoted"
    assert by_zh["两区"].source == "slogan" and by_zh["北京服务"].source == "quoted"
    assert all(0.0 <= c.score <= 1.0 for c in cands)
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)


def test_known_terms_are_left_out(beijing_gold: Alignment, beijing_glossary: Glossary) -> None:
    cands = discover_terms(beijing_gold, beijing_glossary)
    zh = {c.zh for c in cands}
    assert not zh & {"七有", "一微克", "新质生产力", "高质量发展"}


def test_quoted_pairs_by_position(make: Make) -> None:
    al = make([("以“七有”要求和“五性”需求为导向。",
                'Let "Seven accesses" and "five expectations" guide us.'),
               ("用好“两区”“四平台”。", 'Harness the "Two Zones" and "Four Platforms".')])
    got = {c.zh: (c.en, c.en_method, c.source) for c in discover_terms(al)}
    assert got == {"七有": ("Seven accesses", "quoted", "slogan"),
                   "五性": ("five expectations", "quoted", "slogan"),
                   "两区": ("Two Zones", "quoted", "slogan"),
                   "四平台": ("Four Platforms", "quoted", "slogan")}


def test_repeated_ngram_gets_english_by_association(make: Make) -> None:
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
    assert "score 1.000" in g.terms[0].note and "bead 25" in g.terms[0].note
    from align.formats.glossary import write_glossary

    write_glossary(g, tmp_path / "c.tsv")
    assert read_glossary(tmp_path / "c.tsv").terms == g.terms


def test_evaluate_counts_partial_terms() -> None:
    ref = Glossary((Term("“一微克”行动", '"One Microgram" Campaign'), Term("七有", "Seven accesses")))
    cands = [Candidate("一微克", "One Microgram", 1, 1, 1, "slogan", "quoted", 1, ()),
             Candidate("七有", "Seven haves", 1, 1, 1, "slogan", "quoted", 1, ())]
    s = evaluate_candidates(cands, ref, [("一微克", "One Microgram"), ("七有", "Seven accesses")])
    assert (s.precision, s.recall, s.found) == (0.5, 0.5, ("一微克",))
