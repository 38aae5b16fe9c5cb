"""Tests of align.text.script: the one definition of Han, Latin and display width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from align.text.script import (
    HAN_RUN_RE,
    LATIN_RE,
    SPACES,
    count_han,
    display_width,
    has_han,
    is_han,
    is_wide,
)

HAN_CASES = [
    ("uro-first", "\u4e00", True),
    ("uro-last", "\u9fff", True),
    ("ext-a", "\u3400", True),
    ("ext-a-last", "\u4dbf", True),
    ("yijing-hexagram", "\u4dc0", False),   # between Ext A and the URO: a symbol
    ("compatibility", "\uf900", True),
    ("ext-b", "\U00020000", True),
    ("ext-b-common", "𠮷", True),
    ("ext-i", "\U0002ebf0", True),
    ("compat-supplement", "\U0002f800", True),
    ("ext-g", "\U00030000", True),
    ("ext-h", "\U00031350", True),
    ("kana", "の", False),
    ("hangul", "한", False),
    ("ideographic-full-stop", "。", False),
    ("full-width-comma", "，", False),
    ("full-width-letter", "Ａ", False),
    ("latin", "a", False),
    ("ideographic-space", "\u3000", False),
]


@pytest.mark.parametrize(("ch", "expected"), [c[1:] for c in HAN_CASES],
                         ids=[c[0] for c in HAN_CASES])
def test_is_han(ch: str, expected: bool) -> None:
    assert is_han(ch) is expected


def test_han_counts_and_runs() -> None:
    text = "北京𠮷野家 opened 3 stores，京津冀"
    assert count_han(text) == 8
    assert has_han(text) and not has_han("Beijing，。")
    assert HAN_RUN_RE.findall(text) == ["北京𠮷野家", "京津冀"]


def test_latin_letters() -> None:
    assert LATIN_RE.findall("Zoë × Ångström ÷ ß") == list("ZoëÅngströmß")


WIDTH_CASES = [
    ("ascii", "abc", 3),
    ("han", "中文", 4),
    ("mixed", "新质 productive", 15),
    ("full-width-punct", "，。！", 6),
    ("full-width-letters", "ＡＢ", 4),
    ("curly-quotes-narrow", "“”‘’", 4),      # East Asian Ambiguous: one column in a terminal
    ("em-dash-ellipsis", "—…", 2),
    ("half-width-katakana", "ｶﾀ", 2),
    ("hangul", "한국", 4),
    ("ext-b", "𠮷", 2),
    ("ideographic-space", "\u3000", 2),
    ("empty", "", 0),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in WIDTH_CASES],
                         ids=[c[0] for c in WIDTH_CASES])
def test_display_width(text: str, expected: int) -> None:
    assert display_width(text) == expected
    assert display_width(text) == sum(2 if is_wide(c) else 1 for c in text)


def test_spaces_are_horizontal_and_single_characters() -> None:
    assert " " in SPACES and "\u3000" in SPACES and "\u00a0" in SPACES and "\ufeff" in SPACES
    assert "\n" not in SPACES and "\r" not in SPACES  # line breaks are boundaries, not spaces


# Private definitions of "a Chinese character" that must not come back outside script.py.
_RANGE = re.compile(r"\\u4e00|\\u3400|\\u9fff|0x4e00|0x3400|0x9fff|\\u2e80", re.I)


def test_one_definition_of_han_in_the_package() -> None:
    pkg = Path(__file__).resolve().parents[2] / "align"
    script = pkg / "text" / "script.py"
    found = [f"{p.relative_to(pkg)}:{n}" for p in sorted(pkg.rglob("*.py")) if p != script
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
             if _RANGE.search(line)]
    assert found == []
