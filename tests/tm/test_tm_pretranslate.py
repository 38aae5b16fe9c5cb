"""Pre-translation engine: best match per sentence, context (101 %) matches, repetitions,
number substitution and flags, bands and analysis, glossary terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.tm.pretranslate import Pretranslation, pretranslate_segments
from align.tm.store import TMStore
from align.types import Glossary, Segment, Term, TranslationUnit


def zh(text: str, i: int) -> Segment:
    return Segment(text, "zh", i, i // 2)


def run(db: Path, texts: list[str], **kw: object) -> Pretranslation:
    with TMStore(db, readonly=True) as store:
        return pretranslate_segments([zh(t, i) for i, t in enumerate(texts)], store,
                                     name="new.txt", **kw)  # type: ignore[arg-type]


@pytest.fixture
def pre(db: Path) -> Pretranslation:
    return run(db, ["我们要坚持改革开放。", "2025年，我们要坚持改革开放，推动高质量发展。",
                    "我们要坚持改革开放。", "今年是中华人民共和国成立76周年。", "天气晴朗。"])


def test_bands_per_sentence(pre: Pretranslation) -> None:
    # 0: in the TM, but the TM's previous sentence is unit 0, not the text's start
    # 1, 3: only the year/anniversary differ: substituted, 100 - 1
    # 2: the second occurrence of sentence 0
    assert [(r.band, r.percent, r.context, r.repetition_of) for r in pre.rows] == [
        ("100%", 100, False, None), ("95-99%", 99, False, None),
        ("repetitions", 100, False, 0), ("95-99%", 99, False, None),
        ("no match", None, False, None)]


def test_numbers_substituted_into_the_target(pre: Pretranslation, units: list[TranslationUnit]
                                             ) -> None:
    r = pre.rows[1]
    assert r.match is not None and r.match.percent == 99 and r.substituted
    assert r.target == units[0].target.replace("2024", "2025")
    assert r.note == "numbers substituted (2024 -> 2025); check them" and not r.flagged
    assert pre.rows[3].target == ("This year marks the 76th anniversary of the founding of "
                                  "the PRC.")


def test_context_match_needs_the_same_previous_sentence(db: Path) -> None:
    # unit 0 opens document a.txt and unit 1 follows it: both context matches here
    got = run(db, ["2024年，我们要坚持改革开放，推动高质量发展。", "我们要坚持改革开放。"])
    assert [(r.band, r.context) for r in got.rows] == [("101%", True), ("101%", True)]
    # the same two sentences after another one: the first is no longer at the start
    got = run(db, ["天气晴朗。", "2024年，我们要坚持改革开放，推动高质量发展。",
                   "我们要坚持改革开放。"])
    assert [r.band for r in got.rows] == ["no match", "100%", "101%"]


def test_a_context_match_wins_over_repetition(db: Path) -> None:
    texts = ["2024年，我们要坚持改革开放，推动高质量发展。", "我们要坚持改革开放。"]
    got = run(db, texts * 2)
    assert [r.band for r in got.rows] == ["101%", "101%", "repetitions", "101%"]
    assert [r.repetition_of for r in got.rows] == [None, None, 0, 1]


def test_unsafe_substitution_is_flagged(tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    with TMStore(db, create=True) as store:
        store.add([TranslationUnit("增长3%，达到3亿元。", "grew by three percent to 300 million yuan.")],
                  name="api")
    r = run(db, ["增长2%，达到2亿元。"]).rows[0]
    assert (r.percent, r.band, r.flagged, r.substituted) == (98, "95-99%", True, False)
    assert r.target == "grew by three percent to 300 million yuan."
    assert r.note == ("numbers differ from the TM (3% -> 2%, 3亿 -> 2亿) and were not "
                      "substituted: 3% is written in words in the TM target")


def test_analysis_counts(pre: Pretranslation) -> None:
    a = pre.analysis()
    # 我们要坚持改革开放 = 9 characters; 年 + 9 + 推动高质量发展 (7) = 17 and the word 2025;
    # 今年是 中华人民共和国 成立 周年 = 3 + 7 + 2 + 2 = 14 and the word 76; 天气晴朗 = 4
    assert [(b.band, b.segments, b.han, b.words) for b in a.bands] == [
        ("101%", 0, 0, 0), ("100%", 1, 9, 0), ("repetitions", 1, 9, 0),
        ("95-99%", 2, 31, 2), ("85-94%", 0, 0, 0), ("75-84%", 0, 0, 0), ("50-74%", 0, 0, 0),
        ("no match", 1, 4, 0)]
    assert (a.total.segments, a.total.han, a.total.words) == (5, 53, 2)
    assert a.name == "new.txt"


def test_each_sentence_is_looked_up_once(db: Path) -> None:
    got = run(db, ["我们要坚持改革开放。"] * 3)
    assert got.rows[0].match is got.rows[2].match


def test_glossary_terms_per_sentence(db: Path) -> None:
    gl = Glossary((Term("改革开放", "reform and opening up"),
                   Term("高质量发展", "high-quality development")))
    got = run(db, ["坚持改革开放，推动高质量发展。"], glossary=gl)
    assert got.rows[0].terms == (("改革开放", "reform and opening up"),
                                 ("高质量发展", "high-quality development"))


def test_english_text(db: Path) -> None:
    seg = Segment("We must stay committed to reform!", "en", 0)
    with TMStore(db, readonly=True) as store:
        got = pretranslate_segments([seg], store)
    # only the punctuation differs: 99, nothing to substitute
    assert (got.rows[0].band, got.rows[0].target, got.rows[0].note) == (
        "95-99%", "我们要坚持改革。", "")
    assert got.analysis()["95-99%"].words == 6


def test_repetitions_refer_to_positions_not_segment_indices(db: Path) -> None:
    # segments of a longer document: indices 10, 11, 12
    segs = [Segment(t, "zh", 10 + i) for i, t in enumerate(["天气晴朗。", "你好。", "天气晴朗。"])]
    with TMStore(db, readonly=True) as store:
        got = pretranslate_segments(segs, store)
    assert [(r.band, r.repetition_of) for r in got.rows] == [
        ("no match", None), ("no match", None), ("repetitions", 0)]
