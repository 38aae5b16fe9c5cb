"""Tests of feature extraction (align.aligner.features) and of the word associations
self-training learns from them (align.aligner.selftrain)."""

from __future__ import annotations

import pytest
from aligner_samples import segs

from align.aligner.features import SideFeatures, Translations, _zh_words, extract
from align.aligner.selftrain import dice_associations
from align.text.lexicon import Lexicon, load_lexicon


@pytest.mark.parametrize(("tokens", "expected"), [
    (["亚当", "生", "塞", "特", "。"], ["亚当", "生", "塞", "特", "~生塞", "~塞特"]),
    (["以", "挪", "士", "，", "该", "南"], ["以", "挪", "士", "该", "南", "~以挪", "~挪士",
                                        "~该南"]),
    (["公园", "很", "大"], ["公园", "很", "大", "~很大"]),
    (["公园"], ["公园"]),
], ids=["name-run", "runs-split-by-punctuation", "short-run", "no-run"])
def test_zh_words_add_bigrams_of_single_character_runs(tokens: list[str],
                                                       expected: list[str]) -> None:
    assert _zh_words("".join(tokens), lambda _: tokens, None) == expected


def test_zh_words_split_unknown_tokens_and_break_runs_at_other_tokens() -> None:
    lexicon = Lexicon({"公园": ("park",), "很": ("very",)}, {}, 2, 0.0, "")
    tokens = ["公园很", "大", " ", "树", "木", "G20", "花", "草"]
    # 公园很 is not a headword: 公园 + 很; the space and G20 end runs
    assert _zh_words("".join(tokens), lambda _: tokens, lexicon) == [
        "公园", "很", "大", "树", "木", "花", "草", "~很大", "~树木", "~花草"]


def test_english_latin_keys_are_tokens_with_a_capital_or_a_digit() -> None:
    en = extract(segs(["v2.0 and COVID-19 e.g. U.S. abc-Def x.y.Z 12ab ab12 a-b-c x.-y"],
                      "en"), "en", tokenize=str.split)
    assert [k for k in en.extra[0] if k.startswith("@")] == [
        "@v2.0", "@covid-19", "@u.s", "@abc-def", "@x.y.z", "@12ab", "@ab12"]


def test_bigrams_learn_names_only() -> None:
    en = extract(segs(["Then came Seth and Enos.", "And Seth lived long.",
                       "Seth begat Enos."], "en"), "en", tokenize=str.split)
    assert {"seth", "eno"} <= en.names and "then" not in en.names
    zh = SideFeatures("zh", [5, 5, 5], [0, 0, 0],
                      [["来", "~塞特", "~以挪"], ["~塞特", "活"], ["~塞特", "生", "~以挪"]],
                      [[], [], []])
    beads = [(range(k, k + 1), range(k, k + 1)) for k in range(3)]
    assoc = dice_associations(zh, en, beads, 2, 0.15)
    assert assoc["~塞特"][0] == "seth" and "liv" not in assoc["~塞特"]
    assert set(assoc["~以挪"]) <= en.names
    translate = Translations(load_lexicon())
    assert translate("~塞特") == ()  # no dictionary lookup of the two characters
    translate.learn(assoc)
    assert translate("~塞特")[0] == "seth"
