"""Tests of align.terms.candidates: candidates as a glossary."""

from __future__ import annotations

from align.terms.candidates import Candidate, candidates_to_glossary


def test_note_holds_score_and_short_evidence() -> None:
    long_en = "word " * 40
    c = Candidate("七有", "Seven accesses", 0.9, 1.0, 0.8, "slogan", "quoted", 2,
                  ((3, "以“七有”\n要求为导向", long_en),))
    (t,) = candidates_to_glossary([c], name="cands").terms
    assert (t.zh, t.en, t.status, t.id) == ("七有", "Seven accesses", "admitted", "cand-001")
    assert t.note.startswith("candidate; score 0.900 (termhood 1.00, English 0.80 by quoted); "
                             "slogan; 2 bead(s); bead 4: 以“七有” 要求为导向 = word")
    assert t.note.endswith("…") and len(t.note.split(" = ")[1]) == 100


def test_candidates_without_english_are_left_out_but_counted() -> None:
    cands = [Candidate("一老", "", 0.5, 1.0, 0.0, "slogan", "", 1, ()),
             Candidate("七有", "Seven accesses", 1, 1, 1, "slogan", "quoted", 1, ())]
    g = candidates_to_glossary(cands)
    assert g.name == "candidates"
    assert [(t.zh, t.id) for t in g] == [("七有", "cand-002")]
