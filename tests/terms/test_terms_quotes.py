"""Tests of align.terms.quotes: quoted expressions in Chinese and English."""

from __future__ import annotations

import pytest

from align.terms.quotes import en_quoted, strip_quotes, zh_quoted
from align.text.normalize import fold


@pytest.mark.parametrize(("text", "expected"), [
    ("以“七有”要求和“五性”需求为导向", ["七有", "五性"]),
    ("用好「两区」『四平台』", ["两区", "四平台"]),
    ("打响“ 北京服务 ”品牌", ["北京服务"]),
    ("没有引号", []),
    ("“这是一个超过十六个字符的很长很长很长的引语”", []),
], ids=["curly", "corner", "spaces", "none", "too-long"])
def test_zh_quoted(text: str, expected: list[str]) -> None:
    assert zh_quoted(fold(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Let "Seven accesses" and “five expectations” guide us.',
     ["Seven accesses", "five expectations"]),
    ("No quotes here.", []),
    ('An "open quote only', []),
], ids=["straight-and-curly", "none", "unclosed"])
def test_en_quoted(text: str, expected: list[str]) -> None:
    assert en_quoted(text) == expected


def test_strip_quotes() -> None:
    assert strip_quotes(fold(" “一微克”行动 ")) == "一微克行动"
    assert strip_quotes("it's") == "its"
