"""Tests of align.text.lexicon (CC-CEDICT parsing, English lemma keys) and the number keys."""

from __future__ import annotations

import pytest

from align.text.lexicon import (
    Lexicon,
    cedict_path,
    english_lemmas,
    lemma_key,
    load_lexicon,
    parse_cedict,
    sense_lemmas,
)
from align.text.numbers import en_number_keys, zh_number_keys, zh_numeral_value


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.mark.parametrize(("words", "key"), [
    (["plan", "plans", "planned", "planning"], "plan"),
    (["create", "created", "creates", "creating"], "creat"),
    (["country", "countries"], "countri"),
    (["go", "went", "gone", "goes"], "go"),
    (["Develop", "developed", "DEVELOPING", "development"], "develop"),
    (["disturb", "disturbance", "disturbances"], "disturb"),
    (["city", "cities", "City's"], "citi"),
], ids=["plan", "create", "plural-ies", "irregular", "case-derivation", "derivation",
       "possessive"])
def test_lemma_key_groups_inflections(words: list[str], key: str) -> None:
    assert {lemma_key(w) for w in words} == {key}


def test_english_lemmas_drop_stop_words_and_split_hyphens() -> None:
    assert english_lemmas("The high-quality development of the city") == [
        "high", "qual", "develop", "citi"]


@pytest.mark.parametrize(("sense", "expected"), [
    ("to create", ["creat"]),
    ("CL:個|个[ge4]", []),
    ("variant of 說|说[shuo1]", []),
    ("surname Li", []),
    ("(coll.) insanely spicy", ["insan", "spici"]),
    ("to fall out of love with sb", ["fall", "out", "lov"]),
], ids=["to-verb", "classifier", "variant", "surname", "parenthetical", "sb"])
def test_sense_lemmas(sense: str, expected: list[str]) -> None:
    assert sense_lemmas(sense) == expected


def test_parse_cedict_keeps_both_headwords_and_every_reading() -> None:
    lines = [
        "# comment",
        "發展 发展 [fa1 zhan3] /development/growth/to develop/",
        "行 行 [hang2] /row/line/",
        "行 行 [xing2] /to walk/capable/",
        "個 个 [ge4] /CL:個|个[ge4]/",
    ]
    lex = parse_cedict(lines)
    assert lex.translations("发展") == lex.translations("發展") == ("develop", "growth")
    assert lex.translations("行") == ("row", "lin", "walk", "capabl")
    assert lex.translations("个") == ()
    assert set(lex.en_zh["develop"]) == {"发展", "發展"}
    assert lex.segment_unknown("发展行x") == ["发展", "行", "x"]


def test_load_lexicon_real_data(lexicon: Lexicon) -> None:
    assert cedict_path().is_file()
    assert len(lexicon.zh_en) > 100_000
    assert "develop" in lexicon.translations("发展")
    assert "seven" in lexicon.translations("七")
    assert load_lexicon() is lexicon  # cached per process


@pytest.mark.parametrize(("text", "keys"), [
    ("2024年是新中国成立75周年", ["#2024", "#75"]),
    ("增长百分之五", ["#5%"]),
    ("七十五", ["#75"]),
    ("二〇二四年", ["#2024"]),
    ("三万五千人", ["#35000"]),
    ("ＧＤＰ增长５．２％", ["#5.2%"]),
], ids=["arabic", "percent", "numeral", "digit-by-digit", "wan", "fullwidth"])
def test_zh_number_keys(text: str, keys: list[str]) -> None:
    assert zh_number_keys(text) == keys


@pytest.mark.parametrize(("text", "keys"), [
    ("In 2024, the 75th anniversary", ["#2024", "#75"]),
    ("grew 5%", ["#5%"]),
    ("seven hundred and eighty two years", ["#782"]),
    ("five percent", ["#5%"]),
    ("1,000,000 people", ["#1000000"]),
    ("one man", []),
], ids=["year-ordinal", "percent", "words", "word-percent", "thousands", "one-is-not-a-number"])
def test_en_number_keys(text: str, keys: list[str]) -> None:
    assert en_number_keys(text) == keys


def test_zh_numeral_value() -> None:
    assert zh_numeral_value("十") == 10
    assert zh_numeral_value("一百零五") == 105
    assert zh_numeral_value("两千") == 2000
