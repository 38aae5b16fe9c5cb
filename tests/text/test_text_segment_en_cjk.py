"""The English segmenter splits at the Chinese 。！？ too (issue 11): a Chinese sentence
left untranslated in an English text is a sentence of its own."""

from __future__ import annotations

import pytest

from align.text.segment import split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, "en")]


@pytest.mark.parametrize(("text", "expected"), [
    ("We met. 北京市召开大会。On the morning, it rained.",
     ["We met.", "北京市召开大会。", "On the morning, it rained."]),
    ("北京市召开大会。 It rained.", ["北京市召开大会。", "It rained."]),
    ("要推动高质量发展！要扎实工作？Yes.", ["要推动高质量发展！", "要扎实工作？", "Yes."]),
    ("他说：“好。”Then we left.", ["他说：“好。”", "Then we left."]),
    ("会议召开（北京）。」Next.", ["会议召开（北京）。」", "Next."]),
    # not before a lower-case word, and never inside a word run without a terminator
    ("The slogan “加油！” was heard.", ["The slogan “加油！” was heard."]),
    ("A 高质量发展 fragment inside. Next one.", ["A 高质量发展 fragment inside.", "Next one."]),
    ("Ends in Chinese。", ["Ends in Chinese。"]),
], ids=["glued", "space", "exclaim-question", "closing-quote", "closers", "lowercase-next",
        "fragment", "end"])
def test_chinese_terminators_in_english(text: str, expected: list[str]) -> None:
    assert sents(text) == expected
