"""Pre-translation engine: best match per sentence, bands and analysis, glossary terms,
the draft as table rows and as translation units."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.tm.pretranslate import (
    COLUMNS,
    Pretranslation,
    draft_rows,
    draft_units,
    format_analysis,
    pretranslate_segments,
)
from align.tm.store import TMStore
from align.types import Glossary, Segment, Term, TranslationUnit


def zh(text: str, i: int) -> Segment:
    return Segment(text, "zh", i, i // 2)


@pytest.fixture
def pre(db: Path) -> Pretranslation:
    segs = [zh("我们要坚持改革开放。", 0), zh("2023年，我们要坚持改革开放，推动高质量发展。", 1),
            zh("今年是中华人民共和国成立76周年。", 2), zh("天气晴朗。", 3)]
    with TMStore(db, readonly=True) as store:
        return pretranslate_segments(segs, store, name="new.txt")


def test_best_match_and_band_per_sentence(pre: Pretranslation) -> None:
    assert [(r.band, r.match.percent if r.match else None) for r in pre.rows] == [
        ("100", 100), ("95-99", 99), ("95-99", 99), ("no match", None)]
    assert pre.bands()["95-99"] == (2, 24 + 17)  # characters, punctuation included


def test_analysis(pre: Pretranslation) -> None:
    report = format_analysis(pre)
    assert "Analysis of new.txt: 4 segments" in report
    assert [line.split()[:2] for line in report.splitlines()[2:]] == [
        ["100", "1"], ["95-99", "2"], ["85-94", "0"], ["75-84", "0"], ["50-74", "0"],
        ["no", "match"], ["Total", "4"]]


def test_draft_rows(pre: Pretranslation, units: list[TranslationUnit]) -> None:
    rows = draft_rows(pre)
    assert len(rows) == 4 and all(len(r) == len(COLUMNS) for r in rows)
    assert rows[1][:8] == ["2", "1", "2023年，我们要坚持改革开放，推动高质量发展。", "99", "95-99",
                           units[0].source, units[0].target, "a.txt"]
    assert rows[3][3:8] == ["", "no match", "", "", ""]


@pytest.mark.parametrize(("locale", "expected"), [(None, "zh-CN"), ("zh-TW", "zh-TW")],
                         ids=["default", "given"])
def test_draft_units_are_the_matched_sentences(pre: Pretranslation, locale: str | None,
                                               expected: str) -> None:
    got = draft_units(pre, locale)
    assert [u.source for u in got] == [r.segment.text for r in pre.rows[:3]]
    assert {u.source_lang for u in got} == {expected}
    assert [u.prop("x-match") for u in got] == ["100", "99", "99"]
    assert {u.prop("x-review-state") for u in got} == {"needs-review"}
    assert got[1].prop("x-tm-source") == "2024年，我们要坚持改革开放，推动高质量发展。"


def test_glossary_terms_per_sentence(db: Path) -> None:
    gl = Glossary((Term("改革开放", "reform and opening up"),
                   Term("高质量发展", "high-quality development")))
    with TMStore(db, readonly=True) as store:
        pre = pretranslate_segments([zh("坚持改革开放，推动高质量发展。", 0)], store, glossary=gl)
    assert pre.rows[0].terms == (("改革开放", "reform and opening up"),
                                 ("高质量发展", "high-quality development"))
    assert draft_rows(pre)[0][-1] == "改革开放 = reform and opening up; 高质量发展 = high-quality development"


def test_english_text_counts_words(db: Path) -> None:
    seg = Segment("We must stay committed to reform!", "en", 0)
    with TMStore(db, readonly=True) as store:
        pre = pretranslate_segments([seg], store)
    assert pre.rows[0].band == "95-99" and pre.bands()["95-99"] == (1, 6)
    assert "Words" in format_analysis(pre).splitlines()[1]
