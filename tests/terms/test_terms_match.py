"""Tests of term matching in Chinese (jieba word boundaries) and English text."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import ConfigError
from align.terms.match import find_gapped, find_terms
from align.text.tokenize import get_tokenizer
from align.types import Glossary, Term

G = Glossary((
    Term("新质生产力", "new quality productive forces",
         deprecated=("new productive forces of quality",)),
    Term("“一微克”行动", '"One Microgram" Campaign', zh_variants=("一微克行动",)),
    Term("中关村", "Zhongguancun"),
    Term("农业中关村", "High-Tech Agricultural Z-Park"),
    Term("京津冀", "Beijing-Tianjin-Hebei region", variants=("Beijing-Tianjin-Hebei",)),
    Term("北京证券交易所", "Beijing Stock Exchange (BSE)", zh_variants=("北交所",),
         variants=("Beijing Stock Exchange", "BSE")),
    Term("雄安新区", "Xiong'an New Area"),
    Term("高质量发展", "high-quality development"),
    Term("5G网络", "5G networks"),
    Term("新中国成立75周年", "75th anniversary of the founding of the People's Republic of China"),
    Term("七有", "Seven accesses", deprecated=("Seven haves",)),
    # terms that would only be false hits across word boundaries
    Term("和服", "kimono"), Term("市长", "mayor"), Term("国有", "state-owned"),
))


def zh_hits(text: str) -> list[tuple[str, str]]:
    return [(h.form, text[h.start:h.end]) for h in find_terms(text, "zh", G)]


def en_hits(text: str) -> list[tuple[str, str, str]]:
    return [(h.form, text[h.start:h.end], h.kind) for h in find_terms(text, "en", G)]


@pytest.mark.parametrize(("text", "expected"), [
    ("要加快发展新质生产力。", [("新质生产力", "新质生产力")]),
    ("要深入实施“一微克”行动。", [("“一微克”行动", "“一微克”行动")]),
    ("要深入实施「一微克」行动。", [("“一微克”行动", "「一微克」行动")]),
    ('要深入实施"一微克"行动。', [("“一微克”行动", '"一微克"行动')]),
    ("要深入实施一微克行动。", [("一微克行动", "一微克行动")]),
    ("提升农业中关村科技竞争力，深化中关村改革", [("农业中关村", "农业中关村"), ("中关村", "中关村")]),
    ("支持北京证券交易所（北交所）高质量发展",
     [("北京证券交易所", "北京证券交易所"), ("北交所", "北交所"), ("高质量发展", "高质量发展")]),
    ("建设５Ｇ网络", [("5G网络", "５Ｇ网络")]),
    ("以优异成绩迎接新中国成立75周年。", [("新中国成立75周年", "新中国成立75周年")]),
    ("𠀀𠀁以“七有”要求为导向", [("七有", "七有")]),
    ("以人口高质量发展支撑民生改善", [("高质量发展", "高质量发展")]),
    # jieba alone cuts 北交所|有关 as 北|交|所有 and 雄安新区|内 as 雄|安|新|区内: the
    # glossary's own tokenizer keeps each term one word
    ("北交所有关负责人表示", [("北交所", "北交所")]),
    ("推动中关村高质量发展", [("中关村", "中关村"), ("高质量发展", "高质量发展")]),
    ("实现高质量发展中关村走在前列", [("高质量发展", "高质量发展"), ("中关村", "中关村")]),
    ("雄安新区内的企业", [("雄安新区", "雄安新区")]),
    ("工人和服务员都来了", []),
    ("北京市长期规划", []),
    ("各国有不同的制度", []),
    ("", []),
], ids=["inside-sentence", "curly-quotes", "corner-quotes", "straight-quotes", "variant",
        "longest-token-wins", "abbreviation-in-brackets", "full-width-ascii", "digits-in-term",
        "ext-b-offsets", "term-after-modifier", "term-before-a-word-jieba-joins",
        "adjacent-terms", "adjacent-terms-longer-first", "term-before-a-word-jieba-joins-2", "no-hit-across-words-1",
        "no-hit-across-words-2",
        "no-hit-across-words-3", "empty"])
def test_chinese(text: str, expected: list[tuple[str, str]]) -> None:
    assert zh_hits(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("accelerating the development of New Quality Productive Forces",
     [("new quality productive forces", "New Quality Productive Forces", "approved")]),
    ("a new quality productive force", [("new quality productive forces",
                                         "new quality productive force", "approved")]),
    ("the new productive forces of quality", [("new productive forces of quality",
                                               "new productive forces of quality", "deprecated")]),
    ("pursue high quality development", [("high-quality development", "high quality development",
                                          "approved")]),
    ("the “One Microgram” campaigns", [('"One Microgram" Campaign', "“One Microgram” campaigns",
                                        "approved")]),
    ("the Beijing Stock Exchange (BSE) and the BSE", [
        ("Beijing Stock Exchange (BSE)", "Beijing Stock Exchange (BSE)", "approved"),
        ("BSE", "BSE", "variant")]),
    ("in the Beijing-Tianjin-Hebei region", [("Beijing-Tianjin-Hebei region",
                                              "Beijing-Tianjin-Hebei region", "approved")]),
    ("in Beijing, Tianjin and Hebei", []),
    ("construction of Xiong’an New Area", [("Xiong'an New Area", "Xiong’an New Area", "approved")]),
    ('"Seven haves" and "Seven accesses"', [("Seven haves", "Seven haves", "deprecated"),
                                            ("Seven accesses", "Seven accesses", "approved")]),
    ("celebrate the 75th anniversary of the founding of the People’s Republic of China", [
        ("75th anniversary of the founding of the People's Republic of China",
         "75th anniversary of the founding of the People’s Republic of China", "approved")]),
    ("high-quality population development", []),
], ids=["case", "singular", "deprecated", "hyphen-vs-space", "curly-quotes-plural",
        "longest-wins", "hyphenated-name", "no-partial", "curly-apostrophe", "deprecated-and-approved",
        "apostrophe-in-long-term", "split-term-is-not-a-match"])
def test_english(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert en_hits(text) == expected


# Overlapping matches of two terms: the longest wins wherever it starts; between two of
# the same length the leftmost wins. (id, lang, terms as (zh, en), text, matched spans)
OVERLAPS = [
    ("zh-later-longer", "zh", [("国际科技", "international science and technology"),
                               ("科技创新中心", "sci-tech innovation center")],
     "建设国际科技创新中心", ["科技创新中心"]),
    ("zh-earlier-longer", "zh", [("全球数字经济", "global digital economy"),
                                 ("经济标杆", "economic benchmark")],
     "建设全球数字经济标杆城市", ["全球数字经济"]),
    ("en-later-longer", "en", [("国际科学", "international science"),
                               ("科创中心", "science and technology innovation center")],
     "an international science and technology innovation center",
     ["science and technology innovation center"]),
    ("en-earlier-longer", "en", [("协同发展", "coordinated development of the region"),
                                 ("区域协同", "region as a whole")],
     "the coordinated development of the region as a whole",
     ["coordinated development of the region"]),
    ("en-same-length-leftmost", "en", [("国际交往", "international exchanges"),
                                       ("交往中心", "exchanges center")],
     "an international exchanges center", ["international exchanges"]),
    ("en-nested", "en", [("国际交往", "international exchanges"),
                         ("国际交往中心", "international exchanges center")],
     "an international exchanges center", ["international exchanges center"]),
]


@pytest.mark.parametrize(("lang", "terms", "text", "expected"), [c[1:] for c in OVERLAPS],
                         ids=[c[0] for c in OVERLAPS])
def test_overlapping_terms_longest_match_wins(lang: str, terms: list[tuple[str, str]],
                                              text: str, expected: list[str]) -> None:
    g = Glossary(tuple(Term(zh, en) for zh, en in terms))
    assert [text[h.start:h.end] for h in find_terms(text, lang, g)] == expected


@pytest.mark.parametrize(("form", "text", "found"), [
    ("“One Microgram” Campaign", 'the "One Microgram" campaign', '"One Microgram" campaign'),
    ("“One Microgram” Campaign", "the “One Microgram” campaign", "“One Microgram” campaign"),
    ("Beijing Stock Exchange（BSE）", "the Beijing Stock Exchange (BSE) rose",
     "Beijing Stock Exchange (BSE)"),
], ids=["curly-form-straight-text", "curly-form-curly-text", "full-width-brackets"])
def test_form_edges_in_any_quote_style(form: str, text: str, found: str) -> None:
    (hit,) = find_terms(text, "en", Glossary((Term("术语", form),)))
    assert text[hit.start:hit.end] == found


def test_hits_carry_the_term_object() -> None:
    (h,) = find_terms("深化中关村改革", "zh", G)
    assert h.term is G.terms[2] and h.kind == "approved"
    (v,) = find_terms("北交所", "zh", G)
    assert v.term is G.terms[5] and v.kind == "variant"


def test_unknown_language() -> None:
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        find_terms("text", "fr", G)


def test_empty_glossary() -> None:
    assert find_terms("新质生产力", "zh", Glossary()) == []


@pytest.mark.parametrize(("text", "form", "found"), [
    ("high-quality population development", "high-quality development",
     "high-quality population development"),
    ("Beijing's high-quality economic and social development", "high-quality development",
     "high-quality economic and social development"),
    ("high-quality growth, jobs and the development", "high-quality development", None),
    ("high-quality population development of Beijing", "high-quality development",
     "high-quality population development"),
    ("one by one they came", "one by one", "one by one"),
], ids=["one-word", "three-words", "too-far", "words-after", "repeated-word"])
def test_find_gapped(text: str, form: str, found: str | None) -> None:
    span = find_gapped(text, form, max_gap=3)
    assert (text[span[0]:span[1]] if span else None) == found


# -- term matching keeps its tokenizer to itself (issue 14) ----------------------------

def test_find_terms_leaves_the_shared_tokenizer_alone() -> None:
    text = "加快发展新质生产力，推动“一微克”行动和农业中关村建设"
    shared = get_tokenizer("zh")
    before = shared.tokenize(text)
    hits = find_terms(text, "zh", G)
    assert {h.term.zh for h in hits} >= {"新质生产力", "农业中关村"}
    assert shared.tokenize(text) == before
    assert "新质生产力" not in before  # jieba's own cut; the glossary term only in matching


def test_one_glossary_does_not_change_another_glossarys_matches() -> None:
    # 北京服务 registered by one glossary must not cut 北京|服务业 for the next one
    g1 = Glossary((Term("北京服务", "Beijing Service"),))
    g2 = Glossary((Term("服务业", "service sector"),))
    text = "北京服务业发展"
    alone = find_terms(text, "zh", g2)
    find_terms("打响“北京服务”品牌", "zh", g1)
    assert find_terms(text, "zh", g2) == alone
    assert [(h.start, h.end) for h in alone] == [(2, 5)]


def test_alignment_without_glossary_is_the_same_after_one_with_glossary(
        beijing_dir: Path, beijing_glossary: Glossary) -> None:
    from align.aligner.pipeline import align_segments
    from align.api import read_segments

    zh = read_segments(beijing_dir / "zh.txt", "zh", False)
    en = read_segments(beijing_dir / "en.raw.txt", "en", False)
    glossary = beijing_glossary

    def beads(g: Glossary | None) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
        return [(b.src, b.tgt, b.confidence) for b in align_segments(zh, en, glossary=g).beads]

    first = beads(None)
    with_glossary = beads(glossary)
    assert beads(None) == first
    assert with_glossary != first  # the glossary is used (otherwise this proves nothing)


def test_find_gapped_allows_three_words_by_default() -> None:
    form = "high-quality development"
    three = "high-quality growth, jobs, and development"
    assert find_gapped(three, form) == (0, len(three))  # the whole text
    assert find_gapped("high-quality growth, jobs, and the development", form) is None


def test_hits_are_frozen() -> None:
    import dataclasses

    (h,) = find_terms("深化中关村改革", "zh", G)
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.start = 0  # type: ignore[misc]


def test_term_words_register_only_the_quoted_part_of_a_form_with_marks() -> None:
    from align.terms.match import zh_term_words

    g = Glossary((Term("“一微克”行动", "a", zh_variants=("一微克行动",)),
                  Term("北京证券交易所（北交所）", "b"), Term("“七有”", "c"), Term("“一”号", "d")))
    # 行动 and 北京证券交易所 stay ordinary text; a one-character quotation is no word
    assert zh_term_words(g) == {"一微克", "一微克行动", "北交所", "七有"}


def test_form_quote_at_the_start_of_the_text() -> None:
    text = '"One Microgram" campaign began'
    (h,) = find_terms(text, "en", G)
    assert (h.start, h.end) == (0, len('"One Microgram" campaign'))


def test_form_closing_bracket_missing_at_the_end_of_the_text() -> None:
    text = "listed on the Beijing Stock Exchange (BSE"
    (h,) = find_terms(text, "en", G)
    assert text[h.start:h.end] == "Beijing Stock Exchange (BSE"
