"""Tests of align.text.english: the word patterns, light_stem and lemma_key."""

from __future__ import annotations

import pytest

from align.text.english import english_lemmas, lemma_key, light_stem, term_tokens

LIGHT_GROUPS = [
    ("plural-s", ["forces", "force"]),
    ("plural-es", ["accesses", "access"]),
    ("ing", ["relieving", "relieve"]),
    ("ies", ["Cities", "city"]),
    ("apostrophe", ["People’s", "people's", "people"]),
    ("plural-long", ["expectations", "expectation"]),
    ("ied-ies", ["applied", "applies", "apply", "applying"]),
    ("movie", ["movie", "movies"]),
    ("apostrophe-inside", ["Xiong'an", "Xiong’an", "Xiongan"]),
    ("ches", ["approaches", "approach"]),
    ("zes", ["prizes", "prize"]),
]


@pytest.mark.parametrize("words", [g[1] for g in LIGHT_GROUPS], ids=[g[0] for g in LIGHT_GROUPS])
def test_light_stem_folds_inflection(words: list[str]) -> None:
    assert len({light_stem(w) for w in words}) == 1


LIGHT_APART = [
    ("policy-police", "policy", "police"),
    ("supply-supple", "supply", "supple"),
    ("guilty-guilt", "guilty", "guilt"),
    ("adverb-adjective", "probably", "probable"),
    ("derivation-kept", "development", "develop"),
    ("status-statu", "status", "statue"),
]


@pytest.mark.parametrize(("a", "b"), [c[1:] for c in LIGHT_APART], ids=[c[0] for c in LIGHT_APART])
def test_light_stem_keeps_different_words_apart(a: str, b: str) -> None:
    assert light_stem(a) != light_stem(b)


@pytest.mark.parametrize(("word", "key"), [
    ("Plans", "plan"), ("developed", "develop"), ("policies", "polici"),
    ("agreed", "agreed"), ("agrees", "agree"), ("Xiong'an", "xiongan"), ("analysis", "analysis"),
], ids=["plural", "ed", "ies", "eed", "ee", "apostrophe", "is"])
def test_light_stem_keys(word: str, key: str) -> None:
    assert light_stem(word) == key


@pytest.mark.parametrize(("words", "key"), [
    (["plan", "plans", "planned", "planning"], "plan"),
    (["create", "created", "creates", "creating"], "creat"),
    (["country", "countries"], "countri"),
    (["go", "went", "gone", "goes"], "go"),
    (["Develop", "developed", "DEVELOPING", "development"], "develop"),
    (["disturb", "disturbance", "disturbances"], "disturb"),
    (["city", "cities", "City's"], "citi"),
    (["supplying", "supplied"], "suppli"),  # (supply, supplies: read as -ly, "sup")
    (["quick", "quickly"], "quick"),
], ids=["plan", "create", "plural-ies", "irregular", "case-derivation", "derivation",
       "possessive", "verb-before-adverb", "adverb"])
def test_lemma_key_groups_inflections(words: list[str], key: str) -> None:
    assert {lemma_key(w) for w in words} == {key}


def test_lemma_key_keeps_inner_apostrophe_light_stem_drops_it() -> None:
    assert lemma_key("don't") == "don't"
    assert light_stem("don't") == "dont"


def test_both_keys_share_the_inflection_steps() -> None:
    # lemma_key = light_stem's steps + irregulars, -ly, derivation, undoubling: words
    # with inflection only get the same key from both
    for w in ["plans", "cities", "developed", "creating", "studied", "approaches"]:
        assert lemma_key(w) == light_stem(w)
    assert lemma_key("development") != light_stem("development")
    assert lemma_key("went") != light_stem("went")


def test_english_lemmas_drop_stop_words_and_split_hyphens() -> None:
    assert english_lemmas("The high-quality development of the city") == [
        "high", "qual", "develop", "citi"]
    assert english_lemmas("It is the city", keep_stop=True) == ["it", "is", "the", "citi"]


def test_term_tokens_spans() -> None:
    text = "Beijing’s high-quality “Two Zones” (BSE) café"
    toks = term_tokens(text)
    assert [(k, text[s:e]) for k, s, e in toks] == [
        ("beij", "Beijing’s"), ("high", "high"), ("qualiti", "quality"), ("two", "Two"),
        ("zon", "Zones"), ("bse", "BSE"), ("café", "café")]
