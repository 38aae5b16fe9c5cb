"""Drafts of a pre-translation (align.tm.draft): the table, the marked differences,
the XLIFF units and the TMX units (exact matches only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.formats.xlsx import Marked
from align.tm.draft import (
    diff_spans,
    draft_columns,
    draft_rows,
    draft_sheets,
    draft_units,
    xliff_document,
)
from align.tm.pretranslate import Pretranslation, pretranslate_segments
from align.tm.store import TMStore
from align.types import Segment, TranslationUnit


@pytest.fixture
def pre(db: Path) -> Pretranslation:
    texts = ["2024年，我们要坚持改革开放，推动高质量发展。", "我们要坚持改革开放。",
             "今年是中华人民共和国成立76周年。", "天气晴朗。", "我们要坚持改革开放。"]
    with TMStore(db, readonly=True) as store:
        return pretranslate_segments([Segment(t, "zh", i, i // 2) for i, t in enumerate(texts)],
                                     store, name="new.txt")


@pytest.mark.parametrize(("new", "old", "marked"), [
    ("2月20日上午，2025年大会召开。", "2月19日上午，2024年大会召开。", ["19", "2024"]),
    ("要加快建设全球数字经济中心城市。", "要加快建设全球数字经济标杆城市。", ["标杆"]),
    ("我们要坚持改革。", "我们要坚持改革开放。", ["开放"]),  # in the TM, not in the text
    ("我们要坚持改革开放。", "我们坚持改革开放。", []),  # in the text, not in the TM: nothing to mark
    ("We must stay committed to reform.", "we must stay firmly committed to Reform!",
     ["firmly ", "!"]),
    ("same", "same", []),
], ids=["numbers", "words", "deleted", "inserted", "english-case-blind", "same"])
def test_diff_spans(new: str, old: str, marked: list[str]) -> None:
    assert [old[i:j] for i, j in diff_spans(new, old)] == marked


def test_table(pre: Pretranslation, units: list[TranslationUnit]) -> None:
    assert draft_columns(pre) == ("#", "paragraph", "zh", "translation", "match %", "band",
                                  "TM zh", "TM en", "TM document", "notes", "terms")
    rows = draft_rows(pre)
    assert [r[:2] for r in rows] == [[1, 1], [2, 1], [3, 2], [4, 2], [5, 3]]
    assert [r[3:6] for r in rows] == [
        [units[0].target, 101, "101%"], [units[1].target, 101, "101%"],
        ["This year marks the 76th anniversary of the founding of the PRC.", 99, "95-99%"],
        ["", "", "no match"], [units[1].target, 100, "repetitions"]]
    assert [r[9] for r in rows] == ["", "", "numbers substituted (75 -> 76); check them", "",
                                    "repetition of #2"]
    assert rows[2][6:9] == [units[2].source, units[2].target, "b.txt"]


def test_sheets(pre: Pretranslation) -> None:
    draft, summary = draft_sheets(pre, {"tool": "zhen-align", "tm": "tm.db"})
    rows = list(draft.rows)
    assert rows[2][6] == Marked("今年是中华人民共和国成立75周年。", ((12, 14),))
    assert rows[3][6] == ""
    table = list(summary.rows)
    assert table[0] == ("101%", 2, 17 + 9, 1, 40.0)
    assert table[-1] == ("signature", "tool:zhen-align|tm:tm.db")


def test_xliff_units(pre: Pretranslation, units: list[TranslationUnit]) -> None:
    doc = xliff_document(pre, settings={"tm": "tm.db"})
    assert (doc.original, doc.source_language, doc.target_language) == (
        "new.txt", "zh-CN", "en-US")
    got = [(u.id, u.target, u.state, u.state_qualifier, u.approved,
            [(a.match_quality, a.origin) for a in u.alt]) for u in doc.units]
    assert got == [
        ("1", units[0].target, "final", "exact-match", True, [(101, "a.txt")]),
        ("2", units[1].target, "final", "exact-match", True, [(101, "a.txt")]),
        ("3", "This year marks the 76th anniversary of the founding of the PRC.",
         "needs-review-translation", "leveraged-tm", False, [(99, "b.txt")]),
        ("4", None, None, None, False, []),
        ("5", units[1].target, "translated", "exact-match", False, [(100, "a.txt")])]
    assert doc.units[4].notes == (("zhen-align", "repetition of unit 2"),)
    assert dict(doc.units[4].extra) == {"band": "repetitions", "paragraph": "3",
                                        "repetition-of": "2"}
    copied = xliff_document(pre, copy_source=True).units[3]
    assert (copied.target, copied.state) == ("天气晴朗。", "needs-translation")


def test_tmx_units_are_the_exact_matches(pre: Pretranslation,
                                         units: list[TranslationUnit]) -> None:
    got = draft_units(pre, "zh-TW")
    assert [(u.source, u.target, u.source_lang, u.prop("x-match")) for u in got] == [
        (units[0].source, units[0].target, "zh-TW", "101"),
        (units[1].source, units[1].target, "zh-TW", "101")]  # the repetition is not repeated
