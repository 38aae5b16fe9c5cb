"""Tests of align.qa.term_checks: the glossary checks, one function each."""

from __future__ import annotations

import pytest

from align.qa.checks import BeadText
from align.qa.term_checks import (
    TermUsage,
    bead_terms,
    term_deprecated,
    term_findings,
    term_inconsistent,
    term_missing,
    term_split,
)
from align.terms.match import find_terms
from align.types import Glossary, Term


def bead(zh: str, en: str, k: int = 0) -> BeadText:
    return BeadText(k, zh, en, zh, en, True)


def term(g: Glossary, zh: str) -> Term:
    return next(t for t in g if t.zh == zh)


def test_bead_terms(glossary: Glossary) -> None:
    bt = bead_terms(bead("支持北交所和北京证券交易所发展新质生产力。",
                         "Support the BSE with new productive forces of quality."), glossary)
    assert [t.zh for t in bt.zh_terms] == ["北京证券交易所", "新质生产力"]  # each term once
    bse, nqpf = term(glossary, "北京证券交易所"), term(glossary, "新质生产力")
    assert bt.rendered == {id(bse): {"BSE"}}
    assert bt.deprecated == {id(nqpf)}


def test_term_split(glossary: Glossary) -> None:
    b = bead("以人口高质量发展支撑民生改善。", "Align high-quality population development.")
    got = term_split(b, term(glossary, "高质量发展"), 3)
    assert got is not None and (got.kind, got.severity, got.term) == ("term-split", "info",
                                                                      "高质量发展")
    assert got.details == {"expected": "high-quality development",
                           "found": "high-quality population development"}
    assert term_split(b, term(glossary, "高质量发展"), 0) is None


def test_term_missing(glossary: Glossary) -> None:
    got = term_missing(bead("要发展新质生产力。", "We develop new forces."),
                       term(glossary, "新质生产力"))
    assert got is not None and got.severity == "error"
    assert got.message == "新质生产力: expected 'new quality productive forces'"


def test_term_missing_leaves_a_wrong_number_to_the_number_check(glossary: Glossary) -> None:
    t = term(glossary, "新中国成立75周年")
    b = bead("迎接新中国成立75周年。",
             "The 57th anniversary of the founding of the People's Republic of China.")
    assert term_missing(b, t) is None


@pytest.mark.parametrize(("zh", "severity", "suffix"), [
    ("要以“七有”为导向。", "error", ""),
    ("要加强治理。", "warning", " (the bead's source has no 七有)"),
], ids=["term-in-source", "term-not-in-source"])
def test_term_deprecated(glossary: Glossary, zh: str, severity: str, suffix: str) -> None:
    b = bead(zh, 'The "Seven haves" matter.')
    (hit,) = find_terms(b.en, "en", glossary)
    got = term_deprecated(b, hit, severity == "error")
    assert (got.kind, got.severity) == ("term-deprecated", severity)
    assert got.message == "deprecated rendering 'Seven haves' of 七有; use 'Seven accesses'" + suffix
    assert got.details == {"deprecated": "Seven haves", "approved": "Seven accesses",
                           "found": "Seven haves"}


def test_term_findings_records_renderings(glossary: Glossary) -> None:
    usage = TermUsage()
    b = bead("支持北交所，发展新质生产力。", "Support the BSE and new forces.", 4)
    got = term_findings(b, glossary, usage, 3)
    assert [(f.kind, f.term) for f in got] == [("term-missing", "新质生产力")]
    assert usage.renderings == {"北京证券交易所": {"BSE": 1}}
    assert usage.beads == {"北京证券交易所": [4]}


def test_term_findings_empty_glossary() -> None:
    assert term_findings(bead("要发展新质生产力。", "x"), Glossary(), TermUsage(), 3) == []


def test_term_inconsistent() -> None:
    beads = [bead(f"句{k}", f"s{k}", k) for k in range(3)]
    usage = TermUsage()
    usage.record("北京证券交易所", {"BSE"}, 0)
    usage.record("北京证券交易所", {"Beijing Stock Exchange"}, 1)
    usage.record("北京证券交易所", {"BSE"}, 2)
    usage.record("七有", {"Seven accesses"}, 1)
    (got,) = term_inconsistent(usage, beads)
    assert (got.bead, got.kind, got.severity, got.src) == (0, "term-inconsistent", "warning", "句0")
    assert got.details == {"variants": "'BSE' x2; 'Beijing Stock Exchange' x1", "beads": "1 2 3"}
