"""Tests of the aligner's entry (align.aligner.pipeline.align_segments): invariants, bead
types, both directions and their mirror symmetry, bad input and its warnings."""

from __future__ import annotations

import warnings

import pytest
from aligner_samples import EN, EN_ZH_GOLD, ZH, ZH_EN_GOLD, check_invariants, segs

from align.aligner.pipeline import AlignmentWarning, align_segments
from align.errors import ConfigError
from align.types import Alignment, Segment


@pytest.fixture(scope="module")
def zh_en() -> Alignment:
    return align_segments(segs(ZH, "zh"), segs(EN, "en"))


@pytest.mark.parametrize(("src", "src_lang", "tgt", "tgt_lang", "gold"), [
    (ZH, "zh", EN, "en", ZH_EN_GOLD),
    (EN, "en", ZH, "zh", EN_ZH_GOLD),
], ids=["zh-en-1-2", "en-zh-2-1"])
def test_small_document_both_directions(src: list[str], src_lang: str, tgt: list[str],
                                        tgt_lang: str, gold: list[str]) -> None:
    al = align_segments(segs(src, src_lang), segs(tgt, tgt_lang))
    check_invariants(al)
    assert [b.ladder() for b in al.beads] == gold
    assert al.signature["src_lang"] == src_lang
    assert al.signature["tool"] == "zhen-align"


OMITTED = [*ZH[:4], "另据统计，二〇二三年全市共接待游客三亿二千九百万人次，旅游总收入六千二百亿元，"
           "其中入境游客一百一十四万人次。", *ZH[4:]]


@pytest.mark.parametrize(("zh", "en"), [(ZH, EN), (OMITTED, EN)], ids=["small", "omission"])
def test_directions_are_mirror_images(zh: list[str], en: list[str]) -> None:
    # the grid is English rows x Chinese columns whichever side is the source, so
    # swapping source and target swaps the two sides of every bead and nothing else
    forward = align_segments(segs(zh, "zh"), segs(en, "en"))
    backward = align_segments(segs(en, "en"), segs(zh, "zh"))
    assert [(b.tgt, b.src, b.confidence) for b in backward.beads] == [
        (b.src, b.tgt, b.confidence) for b in forward.beads]
    assert forward.signature["scorer"] == backward.signature["scorer"]


def test_omission_gives_an_empty_side_bead() -> None:
    al = align_segments(segs(OMITTED, "zh"), segs(EN, "en"))
    check_invariants(al)
    assert "[4]:[]" in [b.ladder() for b in al.beads]


def test_long_bead_needs_max_bead() -> None:
    en = ["Beijing will build three parks.", "It will plant trees.", "It will add schools.",
          "It will add hospitals.", "It will add roads.", "The meeting was chaired by the mayor."]
    zh = ["北京将建设三个公园，种植树木，增加学校，增加医院，增加道路。", "会议由市长主持。"]
    al = align_segments(segs(zh, "zh"), segs(en, "en"), max_bead=5)
    assert [b.ladder() for b in al.beads] == ["[0]:[0, 1, 2, 3, 4]", "[1]:[5]"]


def test_confidence_and_signature(zh_en: Alignment) -> None:
    assert all(0.0 <= b.confidence <= 1.0 for b in zh_en.beads)
    assert "len-ratio" in zh_en.signature["scorer"]
    assert "glossary" not in zh_en.signature


def test_glossary_checksum_in_signature() -> None:
    from align.types import Glossary, Term

    g = Glossary((Term("新质生产力", "new quality productive forces"),))
    al = align_segments(segs(ZH, "zh"), segs(EN, "en"), glossary=g)
    assert al.signature["glossary"] == g.checksum()
    assert [b.ladder() for b in al.beads] == ZH_EN_GOLD


# ---------------------------------------------------------------- bad input


def test_empty_side_warns() -> None:
    with pytest.warns(AlignmentWarning, match="target side is empty"):
        al = align_segments(segs(ZH, "zh"), [])
    assert [b.ladder() for b in al.beads] == [f"[{i}]:[]" for i in range(len(ZH))]
    with pytest.warns(AlignmentWarning, match="source side is empty"):
        al = align_segments([], segs(EN, "en"))
    assert all(not b.src for b in al.beads) and len(al.beads) == len(EN)


def test_very_different_lengths_warns() -> None:
    # one Chinese sentence against 35 English ones: nothing may pair either (a second
    # warning), but the length warning says why
    with pytest.warns(AlignmentWarning) as record:
        al = align_segments(segs(ZH[:1], "zh"), segs(EN * 5, "en"))
    assert any("differ a lot in length" in str(w.message) for w in record)
    check_invariants(al)


def test_single_huge_line() -> None:
    zh = ["这是一个很长的句子，" * 2000]
    en = ["This is a long sentence. " * 10, "Another one."]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignmentWarning)
        al = align_segments(segs(zh, "zh"), segs(en, "en"))
    check_invariants(al)
    assert len(zh[0]) == 20_000


def test_only_punctuation() -> None:
    with pytest.warns(AlignmentWarning):
        al = align_segments(segs(["。。。", "！！"], "zh"), segs(["...", "!!", "?"], "en"))
    check_invariants(al)


def test_same_language_on_both_sides_is_an_error() -> None:
    with pytest.raises(ConfigError, match="both sides are 'zh'"):
        align_segments(segs(ZH, "zh"), segs(ZH, "zh"))


def test_chinese_labelled_english_warns() -> None:
    zh_as_en = [Segment(s.text, "en", s.index) for s in segs(ZH, "zh")]
    with pytest.warns(AlignmentWarning, match="English side is mostly Chinese"):
        al = align_segments(segs(ZH, "zh"), zh_as_en)
    check_invariants(al)


def test_unrelated_texts_warn() -> None:
    fruit = ["苹果", "香蕉", "葡萄", "西瓜", "桃子"]
    animals = ["horses", "rivers", "engines", "poems", "bridges"]
    # lengths vary independently on the two sides, so length does not line them up
    zh = ["我们在市场买了" + "和".join(fruit[(i + k) % 5] for k in range(1 + i * 7 % 5)) + "。"
          for i in range(30)]
    en = [" ".join(f"The old {animals[(i + k) % 5]} slept." for k in range(1 + i * 3 % 4))
          for i in range(30)]
    with pytest.warns(AlignmentWarning, match="are the texts translations of each other"):
        al = align_segments(segs(zh, "zh"), segs(en, "en"))
    check_invariants(al)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"max_bead": 1}, "max_bead must be between 2 and 12"),
    ({"max_bead": 13}, "max_bead must be between 2 and 12"),
    ({"dim": 8}, "dim must be at least 16"),
], ids=["max-bead-1", "max-bead-13", "dim"])
def test_bad_settings(kwargs: dict[str, int], match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        align_segments(segs(ZH, "zh"), segs(EN, "en"), **kwargs)


def test_mixed_languages_on_one_side_is_an_error() -> None:
    mixed = [*segs(EN[:2], "en"), Segment(ZH[2], "zh", 2)]
    with pytest.raises(ConfigError, match="mixed languages on one side"):
        align_segments(segs(ZH, "zh"), mixed)
