"""CAT analysis (align.tm.analysis): bands, sizes in Chinese characters and English
words, the table and its text form."""

from __future__ import annotations

import pytest

from align.tm.analysis import (
    BANDS,
    analyse_job,
    analysis_table,
    format_job_analysis,
    match_band,
    text_size,
)


@pytest.mark.parametrize(("percent", "context", "repetition", "band"), [
    (100, True, False, "101%"), (100, True, True, "101%"), (100, False, True, "repetitions"),
    (100, False, False, "100%"), (99, False, False, "95-99%"), (95, False, False, "95-99%"),
    (94, False, False, "85-94%"), (85, False, False, "85-94%"), (84, False, False, "75-84%"),
    (75, False, False, "75-84%"), (74, False, False, "50-74%"), (50, False, False, "50-74%"),
    (49, False, False, "no match"), (None, False, False, "no match"),
    (None, False, True, "repetitions"), (80, False, True, "repetitions"),
    (99, True, False, "95-99%"),  # context counts only for a 100 % match
])
def test_match_band(percent: int | None, context: bool, repetition: bool, band: str) -> None:
    assert match_band(percent, context=context, repetition=repetition) == band


@pytest.mark.parametrize(("text", "size"), [
    ("我们要坚持改革开放。", (9, 0)),
    ("2024年G20峰会在北京举行。", (8, 2)),  # 年峰会在北京举行; 2024, G20
    ("We must stay committed to reform!", (0, 6)),
    ("It's 5.2% of 1,000 units.", (0, 7)),  # It's, 5, 2, of, 1, 000, units
    ("𠀀字", (2, 0)),  # CJK extension B counts
])
def test_text_size(text: str, size: tuple[int, int]) -> None:
    assert text_size(text) == size


def test_analyse_job_and_table() -> None:
    a = analyse_job([("100%", "我们要坚持改革开放。"), ("repetitions", "我们要坚持改革开放。"),
                     ("95-99%", "2025年经济增长5%。"), ("no match", "Hello world.")], "x.txt")
    assert [b.band for b in a.bands] == list(BANDS)
    assert (a["100%"].segments, a["100%"].han, a["95-99%"].han, a["95-99%"].words,
            a["no match"].words) == (1, 9, 5, 2, 2)
    assert (a.total.segments, a.total.han, a.total.words) == (4, 23, 4)
    table = analysis_table(a)
    assert table[0] == ("101%", 0, 0, 0, 0.0) and table[1] == ("100%", 1, 9, 0, 25.0)
    assert table[-1] == ("total", 4, 23, 4, 100.0)
    lines = format_job_analysis(a).splitlines()
    assert lines[0] == "Analysis of x.txt: 4 segments"
    assert lines[1].split() == ["Match", "Segments", "Chinese", "chars", "English", "words",
                                "Segments", "%"]
    assert lines[3].split() == ["100%", "1", "9", "0", "25.0%"]
    assert lines[-1].split() == ["Total", "4", "23", "4", "100.0%"]


def test_empty_job_and_unknown_band() -> None:
    a = analyse_job([])
    assert analysis_table(a)[-1] == ("total", 0, 0, 0, 0.0)
    assert format_job_analysis(a).splitlines()[0] == "Analysis of text: 0 segments"
    with pytest.raises(ValueError, match="unknown band '100'"):
        analyse_job([("100", "x")])
