"""When a split English term is still the term (:mod:`align.qa.term_split`): only
modifiers inside it."""

from __future__ import annotations

import pytest

from align.qa.term_split import modified_only

FORM = "high-quality development"


@pytest.mark.parametrize(("text", "expected"), [
    ("the 2024 Beijing High-Quality Economic and Social Development Conference", True),
    ("Beijing’s high-quality economic and social development in 2024", True),
    ("We will align high-quality population development with it.", True),
    ("high-quality, green development", True),
    ("high-quality development", True),  # not split at all
    ("high-quality products and the development", False),  # article
    ("high-quality goods. Development", False),  # a sentence break
    ("high-quality and development", False),  # "and" at the edge of the gap
    ("high-quality of development", False),  # preposition
    ("high-quality 2024 development", False),  # a number is no modifier
    ("high-quality (population) development", False),  # brackets
    ("high-quality one two three four development", False),  # more than max_gap words
    ("development of high quality", False),  # not in order: no split term at all
], ids=["conference-title", "possessive", "population", "comma-list", "whole", "article",
        "sentence-break", "edge-and", "preposition", "number", "brackets", "too-long",
        "reordered"])
def test_modified_only(text: str, expected: bool) -> None:
    assert modified_only(text, FORM, 3) is expected


def test_three_word_term() -> None:
    form = "new quality productive forces"
    assert modified_only("new quality, green and digital productive forces", form, 3)
    assert not modified_only("new quality and green productive forces", form, 3)
    assert not modified_only("new quality products and the productive forces", form, 3)
