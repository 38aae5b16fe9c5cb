"""Tests of align.text.lexicon (CC-CEDICT parsing); the English lemma keys are tested in
test_text_english.py, the number keys with align.text.numbers."""

from __future__ import annotations

import pytest

from align.text.lexicon import (
    Lexicon,
    cedict_path,
    load_lexicon,
    parse_cedict,
    sense_lemmas,
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


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
