"""Tests of the two sides of term discovery: align.terms.zh_candidates (which Chinese
may be a term) and align.terms.en_candidates (its English)."""

from __future__ import annotations

import pytest

from align.terms.discover import bead_index
from align.terms.en_candidates import (
    BeadIndex,
    associated_english,
    en_ngram_beads,
    en_ngrams,
    english_for,
    quoted_english,
)
from align.terms.zh_candidates import chinese_candidates, general_frequencies, ngram_candidates
from align.types import Alignment


def test_general_frequencies_are_jiebas() -> None:
    freqs, total = general_frequencies()
    assert freqs["发展"] > 1000 and total > sum(list(freqs.values())[:10])


def test_chinese_candidates_sources() -> None:
    beads = [(0, '以"七有"要求和"北京服务"为导向，建设四个中心。'), (1, "建设四个中心。"),
             (2, '"七有"')]
    got = chinese_candidates(beads, min_freq=2)
    assert got["七有"] == ("slogan", 1.0, {0, 2})
    assert got["北京服务"] == ("quoted", 1.0, {0})
    assert got["四个中心"] == ("slogan", 0.9, {0, 1})


def test_unquoted_slogan_needs_min_freq() -> None:
    assert "四个中心" not in chinese_candidates([(0, "建设四个中心。")], min_freq=2)


def test_ngram_candidates_repeated_rare_words() -> None:
    beads = [(0, "要加快发展数字孪生城市。"), (1, "数字孪生城市建设成效明显。"), (2, "推进城市更新。")]
    got = ngram_candidates(beads, min_freq=2)
    assert set(got) == {"数字孪生城市"}
    termhood, where = got["数字孪生城市"]
    assert where == {0, 1} and 0.0 < termhood <= 1.0
    assert ngram_candidates(beads, min_freq=3) == {}


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("We will speed up the digital twin city.", {"digital twin city", "speed up"},
     {"the digital twin city", "will speed", "city."}),
    ("In 2024, GDP grew 5.2%.", {"GDP grew 5", "GDP"}, {"2024", "In 2024"}),
], ids=["stop-words-at-edges", "numbers-and-chunks"])
def test_en_ngrams(text: str, present: set[str], absent: set[str]) -> None:
    grams = en_ngrams(text)
    assert present <= grams and not absent & grams


def _index(pairs: list[tuple[str, str]]) -> BeadIndex:
    return bead_index(Alignment.from_pairs(pairs))


def test_bead_index_skips_one_sided_beads_and_reads_zh_side() -> None:
    idx = bead_index(Alignment.from_pairs([("Support the BSE.", "支持“北交所”。"), ("Extra.", "")],
                                          "en", "zh"))
    assert dict(idx.texts) == {0: ("支持“北交所”。", "Support the BSE.")}
    assert dict(idx.zh_quotes) == {0: ["北交所"]}
    assert idx.en_beads == en_ngram_beads(idx.texts)


def test_quoted_english_by_position() -> None:
    idx = _index([("以“七有”要求和“五性”需求为导向。",
                   'Let "Seven accesses" and "five expectations" guide us.')])
    assert quoted_english("五性", {0}, idx) == ("five expectations", 1.0)
    assert quoted_english("不在", {0}, idx) is None


def test_english_by_association() -> None:
    idx = _index([("要加快发展数字孪生城市。", "We will speed up the digital twin city."),
                  ("数字孪生城市建设成效明显。", "The digital twin city has made progress."),
                  ("推进城市更新。", "Promote urban renewal.")])
    en, score = associated_english("数字孪生城市", {0, 1}, idx)
    assert en == "digital twin city" and 0.5 < score <= 1.0
    assert english_for("数字孪生城市", {0, 1}, idx) == (en, score, "dice")


def test_no_english() -> None:
    idx = _index([("要发展。", "Develop.")])
    assert english_for("数字孪生", {0}, idx) == ("", 0.0, "")
