"""Merge engine: exact duplicates dropped, conflicting translations kept and reported,
the header source locale."""

from __future__ import annotations

from collections.abc import Sequence

from align.tm.merge import Conflict, UnitMerger
from align.types import TranslationUnit


def merge(*inputs: Sequence[TranslationUnit]) -> tuple[UnitMerger, list[TranslationUnit]]:
    m = UnitMerger()
    for units in inputs:
        m.scan(units)
    out = [u for units in inputs for u in m.unique(units)]
    return m, out


A = [TranslationUnit("一", "one"), TranslationUnit("二", "two"),
     TranslationUnit("<hi>三</hi>", "three")]
B = [TranslationUnit("一", "one"), TranslationUnit("二", "second"), TranslationUnit("二", "2"),
     TranslationUnit("二", "second")]


def test_duplicates_dropped_conflicts_kept_in_order() -> None:
    m, out = merge(A, B)
    assert [(u.source, u.target) for u in out] == [
        ("一", "one"), ("二", "two"), ("<hi>三</hi>", "three"), ("二", "second"), ("二", "2")]
    assert (m.read, m.duplicates) == (7, 2)
    assert m.conflicts() == (Conflict("二", ("two", "second", "2")),)


def test_same_text_other_locale_is_not_a_duplicate() -> None:
    m, out = merge([TranslationUnit("一", "one", "zh-CN", "en-US"),
                    TranslationUnit("一", "one", "zh-CN", "en-GB")])
    assert len(out) == 2 and m.duplicates == 0 and m.conflicts() == ()


def test_source_locale_of_the_header() -> None:
    m, _ = merge(A)
    assert m.source_locale("zh") == "zh-CN"
    m, _ = merge(A, [TranslationUnit("壹", "one", "zh-TW")])
    assert m.source_locale("zh") == "*all*"
    m, _ = merge([])
    assert (m.source_locale("zh-CN"), m.read, m.conflicts()) == ("zh-CN", 0, ())
