"""Tests of align.qa.checks: the checks that need no glossary, one function each."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from align.qa.checks import (
    BeadText,
    addition,
    bead_texts,
    empty_target,
    normalize_sentence,
    number_mismatch,
    sentence_inconsistent,
    untranslated,
)
from align.qa.findings import Finding
from align.types import Alignment


def bead(src: str, tgt: str, k: int = 0, zh_is_src: bool = True) -> BeadText:
    zh, en = (src, tgt) if zh_is_src else (tgt, src)
    return BeadText(k, src, tgt, zh, en, zh_is_src)


def test_bead_texts_both_directions(make: Callable[..., Alignment]) -> None:
    (b,) = bead_texts(make([("要发展。", "Develop.")]))
    assert (b.index, b.zh, b.en, b.zh_is_src) == (0, "要发展。", "Develop.", True)
    (b,) = bead_texts(make([("Develop.", "要发展。")], "en", "zh"))
    assert (b.src, b.zh, b.en, b.zh_is_src) == ("Develop.", "要发展。", "Develop.", False)


def test_bead_finding_carries_the_bead() -> None:
    got = bead("甲", "A", k=7).finding("x", "warning", "甲", "msg", {"k": "v"})
    assert got == Finding("x", "warning", 7, "甲", "A", "甲", "msg", {"k": "v"})


@pytest.mark.parametrize(("s", "expected"), [
    ("The  Mayor\tchaired.", "the mayor chaired."),
    ("ＡＢＣ　１２", "abc 12"),
    ("", ""),
], ids=["spaces-case", "full-width", "empty"])
def test_normalize_sentence(s: str, expected: str) -> None:
    assert normalize_sentence(s) == expected


@pytest.mark.parametrize(("check", "src", "tgt", "kind"), [
    (addition, "", "Well begun is half done.", "addition"),
    (addition, " ", "x", "addition"),
    (addition, "好。", "Good.", None),
    (empty_target, "安全是发展的前提。", "", "empty-target"),
    (empty_target, "安全是发展的前提。", "  ", "empty-target"),
    (empty_target, "好。", "Good.", None),
    (untranslated, "要撸起袖子加油干。", "要撸起袖子加油干。", "untranslated"),
    (untranslated, "要撸起袖子加油干。", "We should 撸起袖子加油干。", "untranslated"),
    (untranslated, "要撸起袖子加油干。", "Roll up our sleeves (撸起袖子).", None),
    (untranslated, "2024", "2024", None),
    (untranslated, "北京", "Beijing", None),
    (number_mismatch, "增长百分之五。", "It grew by 6%.", "number-mismatch"),
    (number_mismatch, "增长百分之五。", "It grew by 5%.", None),
], ids=["addition", "addition-blank", "not-addition", "empty", "empty-blank", "not-empty",
        "copy", "mostly-cjk", "some-cjk", "number-copy", "translated", "wrong-number",
        "same-number"])
def test_bead_check(check: Callable[[BeadText], Finding | None], src: str, tgt: str,
                    kind: str | None) -> None:
    got = check(bead(src, tgt))
    assert (got.kind if got else None) == kind


def test_untranslated_chinese_target_without_chinese() -> None:
    # en -> zh: a "Chinese" target with Latin letters only is the English left in
    assert untranslated(bead("Good.", "Good job.", zh_is_src=False)) is not None
    assert untranslated(bead("Good.", "好 (good)。", zh_is_src=False)) is None


def test_number_mismatch_details() -> None:
    got = number_mismatch(bead("增长百分之七十五。", "It grew by 57%."))
    assert got is not None and got.severity == "error"
    assert got.details == {"missing": "75", "extra": "57"}
    assert got.message == "numbers differ (missing in English: 75; not in Chinese: 57)"


def test_number_mismatch_reverse_direction_names_languages() -> None:
    got = number_mismatch(bead("It grew by 6%.", "增长百分之五。", zh_is_src=False))
    assert got is not None and got.details == {"missing": "5", "extra": "6"}


def test_sentence_inconsistent_records_first_translation() -> None:
    first: dict[str, BeadText] = {}
    b0, b1 = bead("市长主持会议。", "The mayor chaired.", 0), bead("市长主持会议。", "He chaired.", 1)
    b2 = bead("市长主持会议。", "The  Mayor chaired.", 2)
    assert sentence_inconsistent(b0, first) is None and first == {"市长主持会议。": b0}
    got = sentence_inconsistent(b1, first)
    assert got is not None and (got.bead, got.severity) == (1, "warning")
    assert got.details == {"other_bead": "1", "other_target": "The mayor chaired."}
    assert sentence_inconsistent(b2, first) is None  # same after normalising
    assert first == {"市长主持会议。": b0}


def test_sentence_inconsistent_ignores_one_character_sentences() -> None:
    first: dict[str, BeadText] = {}
    assert sentence_inconsistent(bead("好", "Good", 0), first) is None
    assert sentence_inconsistent(bead("好", "Fine", 1), first) is None
