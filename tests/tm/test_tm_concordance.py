"""Concordance search (:mod:`align.tm.concordance`, ``TMStore.concordance``): fragments
found inside long units on either side, ranked by coverage then shortness, with the hit
offsets; the README's lookup example, English queries, swapped clauses, two-character
queries and a TM without the text index."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import ConfigError
from align.formats.alignment import read_alignment
from align.tm.concordance import coverage, pieces, tokens
from align.tm.store import TMStore
from align.types import TranslationUnit

README_QUERY = "要加快发展新质生产力，扎实推动高质量发展。"
CLAUSES = "加快发展新质生产力，扎实推动高质量发展"


@pytest.fixture(scope="module")
def beijing_tm(tmp_path_factory: pytest.TempPathFactory, beijing_dir: Path) -> Path:
    """A TM of the Beijing gold alignment (51 zh->en units)."""
    al = read_alignment(beijing_dir / "gold.align", src=beijing_dir / "zh.txt",
                        tgt=beijing_dir / "en.raw.txt")
    db = tmp_path_factory.mktemp("conc") / "office.db"
    with TMStore(db, create=True) as store:
        store.add([TranslationUnit(s, t, origin="bj") for _, s, t in al.pairs() if s and t],
                  name="bj")
    return db


def test_readme_lookup_example_is_found_inside_a_long_unit(beijing_tm: Path) -> None:
    with TMStore(beijing_tm, readonly=True) as store:
        hits = store.concordance(README_QUERY, top=3)
    first = hits[0]
    assert first.in_source and first.lang == "zh-CN" and first.other_lang == "en-US"
    assert [first.text[s:e] for s, e in first.spans] == [CLAUSES]
    # 19 query characters (punctuation left out); all but the leading 要 are there
    assert first.coverage == pytest.approx(18 / 19) and first.percent == 94
    assert "accelerating the development of new quality productive forces" in first.other
    assert len(first.text) > 3 * len(README_QUERY)
    assert [h.coverage for h in hits] == sorted((h.coverage for h in hits), reverse=True)


def test_english_query_on_the_english_side(beijing_tm: Path) -> None:
    with TMStore(beijing_tm, readonly=True) as store:
        hits = store.concordance("High-Quality Development", top=20)
    full = [h for h in hits if h.coverage == 1.0]
    assert len(full) >= 3
    for h in full:
        assert not h.in_source and h.lang == "en-US"
        assert [h.text[s:e].lower() for s, e in h.spans] == ["high-quality development"]
    assert [len(h.text) for h in full] == sorted(len(h.text) for h in full)


def test_swapped_clauses_rank_their_sentence_first(beijing_tm: Path) -> None:
    swapped = "扎实推动高质量发展，加快发展新质生产力"
    with TMStore(beijing_tm, readonly=True) as store:
        hits = store.concordance(swapped, top=5)
    assert CLAUSES in hits[0].text and hits[0].coverage == 1.0
    assert sorted(hits[0].text[s:e] for s, e in hits[0].spans) == ["加快发展新质生产力",
                                                                    "扎实推动高质量发展"]
    assert len(hits) > 1 and all(h.coverage < 1.0 for h in hits[1:])


def test_two_character_query(beijing_tm: Path) -> None:
    with TMStore(beijing_tm, readonly=True) as store:
        hits = store.concordance("七有")
    assert len(hits) == 1
    assert [hits[0].text[s:e] for s, e in hits[0].spans] == ["七有"]
    assert '"Seven accesses"' in hits[0].other


def test_nothing_found(beijing_tm: Path) -> None:
    with TMStore(beijing_tm, readonly=True) as store:
        assert store.concordance("量子纠缠通信卫星") == []
        assert store.concordance("teleportation") == []
        with pytest.raises(ConfigError, match="--top must be at least 1"):
            store.concordance("七有", top=0)


def test_case_and_spaces_are_folded(tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    with TMStore(db, create=True) as store:
        store.add([TranslationUnit("推动ＧＤＰ增长。", "Promote\u00a0GDP growth, and more."),
                   TranslationUnit("我们要坚持改革开放。", "We must keep reform.")], name="x")
        hits = store.concordance("promote gdp")
        assert [(h.text[s:e]) for h in hits for s, e in h.spans] == ["Promote\u00a0GDP"]
        hits = store.concordance("推动ＧＤＰ增长")
        assert hits[0].spans == ((0, 7),) and hits[0].coverage == 1.0


def test_both_directions_searched_by_language(tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    with TMStore(db, create=True) as store:
        store.add([TranslationUnit("坚持改革开放不动摇。", "Unswervingly keep reform."),
                   TranslationUnit("Keep reform and opening up.", "坚持改革开放。", "en-GB",
                                   "zh-CN")], name="x")
        hits = store.concordance("坚持改革开放")
        assert [(h.text, h.in_source) for h in hits] == [("坚持改革开放。", False),
                                                         ("坚持改革开放不动摇。", True)]
        hits = store.concordance("keep reform", lang="en")
        assert [(h.text, h.other) for h in hits] == [
            ("Unswervingly keep reform.", "坚持改革开放不动摇。"),
            ("Keep reform and opening up.", "坚持改革开放。")]


def test_coverage_by_hand() -> None:
    q = [k for k, _, _ in tokens("推动高质量发展")]
    assert q == ["推", "动", "高", "质", "量", "发", "展"]
    # "高质量" (3) and "发展" (2 < 3: not counted) → 3 of 7
    cov, spans = coverage(q, "提高质量，促进发展", "zh")
    assert cov == pytest.approx(3 / 7) and spans == ((1, 4),)
    cov, spans = coverage([k for k, _, _ in tokens("reform and opening up")],
                          "Opening up and reform", "en")
    assert cov == pytest.approx(2 / 4) and spans == ((0, 10),)


def test_pieces() -> None:
    # Chinese runs of more than 6 characters: windows of 6, stride 3, the last one flush
    assert pieces(README_QUERY) == ["要加快发展新", "发展新质生产", "展新质生产力",
                                    "扎实推动高质", "动高质量发展"]
    assert pieces("the reform of the GDP and AI") == ["reform", "GDP"]
    assert pieces("七有") == []
