"""Fixtures of the TM tests: a small store of four units (three zh->en, one en->zh)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from align.tm.store import TMStore
from align.types import TranslationUnit

UNITS = [
    TranslationUnit("2024年，我们要坚持改革开放，推动高质量发展。",
                    "In 2024, we must stay committed to reform and opening up and promote "
                    "high-quality development.", props=(("x-document", "a.txt"),
                                                        ("x-confidence", "0.910"),
                                                        ("x-review-state", "unreviewed")),
                    created="20240301T080000Z", origin="a.txt"),
    TranslationUnit("我们要坚持改革开放。", "We must stay committed to reform and opening up.",
                    origin="a.txt"),
    TranslationUnit("今年是中华人民共和国成立75周年。",
                    "This year marks the 75th anniversary of the founding of the PRC.",
                    origin="b.txt"),
    TranslationUnit("We must stay committed to reform.", "我们要坚持改革。", "en-GB", "zh-CN"),
]



@pytest.fixture
def units() -> list[TranslationUnit]:
    """The units in the ``db`` fixture's store, in insertion order."""
    return list(UNITS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A TM holding :data:`UNITS` (one import called "units")."""
    path = tmp_path / "tm.db"
    with TMStore(path, create=True) as store:
        store.add(UNITS, name="units")
    return path


def _snapshot(path: Path) -> list[list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("units", "grams", "postings", "imports")]
    finally:
        con.close()


@pytest.fixture
def snapshot() -> Callable[[Path], list[list[tuple[object, ...]]]]:
    """Every row of every table of a TM: to show that a failed operation changed nothing."""
    return _snapshot
