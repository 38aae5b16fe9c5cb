"""The SQLite TM store: adding (idempotent, origin kept, all-or-nothing), bad
databases, lookups from the index, units and source locales."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from align.errors import ConfigError, InputError
from align.tm.results import Match
from align.tm.store import TMStore
from align.types import TranslationUnit

Snapshot = Callable[[Path], Any]


def lookup(db: Path, query: str, **kwargs: Any) -> list[Match]:
    with TMStore(db, readonly=True) as store:
        return store.lookup(query, **kwargs)


def test_adding_twice_adds_nothing_and_keeps_first_origin(
        db: Path, units: list[TranslationUnit]) -> None:
    with TMStore(db) as store:
        again = [TranslationUnit(u.source, u.target, u.source_lang, u.target_lang,
                                 (("x-document", "later.txt"),), "20250101T000000Z", "later.txt")
                 for u in units]
        r = store.add([*again, again[0]], name="again")
        assert (r.read, r.added, r.duplicates) == (5, 0, 5)
        assert len(store) == 4
        first = next(store.units())
    assert (first.origin, first.created, first.prop("x-confidence")) == (
        "a.txt", "20240301T080000Z", "0.910")


def test_same_source_other_locale_is_another_unit(db: Path,
                                                  units: list[TranslationUnit]) -> None:
    with TMStore(db) as store:
        r = store.add([TranslationUnit(units[1].source, units[1].target, "zh-CN", "en-GB")],
                      name="gb")
        assert r.added == 1 and len(store) == 5


def test_stats(db: Path) -> None:
    with TMStore(db, readonly=True) as store:
        s = store.stats()
    assert s.units == 4 and s.documents == 2 and s.imports == 1
    assert s.pairs == {("zh-CN", "en-US"): 3, ("en-GB", "zh-CN"): 1}
    assert s.review_states == {"(none)": 3, "unreviewed": 1}
    assert s.grams > 0 and s.file_bytes > 0



def test_failed_import_from_a_generator_changes_nothing(db: Path, snapshot: Snapshot) -> None:
    before = snapshot(db)

    def units():  # type: ignore[no-untyped-def]
        yield TranslationUnit("新的一句。", "A new sentence.")
        raise InputError("reading stopped", path="x.tsv", line=2)

    with TMStore(db) as store, pytest.raises(InputError, match="x.tsv:2: reading stopped"):
        store.add(units(), name="x")
    assert snapshot(db) == before


def test_not_a_tm_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(InputError, match=r"other\.db: this SQLite database is not a zhen-align TM"):
        TMStore(other)
    text = tmp_path / "notes.db"
    text.write_text("not sqlite at all " * 100)
    with pytest.raises(InputError, match=r"notes\.db: cannot open the TM: the file is not a SQLite"):
        TMStore(text)


def test_newer_schema_is_refused(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(InputError, match="schema version 99, newer than this"):
        TMStore(db)


def test_missing_tm_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such TM; create it with `align tm add"):
        TMStore(tmp_path / "none.db", readonly=True)
    with pytest.raises(InputError, match="the TM's folder does not exist"):
        TMStore(tmp_path / "no" / "tm.db", create=True)
    with pytest.raises(InputError, match="the TM path is a folder"):
        TMStore(tmp_path)


def test_read_only_database(db: Path, snapshot: Snapshot,
                            units: list[TranslationUnit]) -> None:
    before = snapshot(db)
    with TMStore(db, readonly=True) as store, pytest.raises(
            InputError, match=r"tm\.db: cannot add to the TM: the TM is read-only"):
        store.add(units[:1] + [TranslationUnit("新", "new")], name="x")
    assert snapshot(db) == before



@pytest.mark.parametrize(("lock", "doing"), [("IMMEDIATE", "add to"), ("EXCLUSIVE", "open")],
                         ids=["writer-busy", "exclusive"])
def test_locked_database(db: Path, lock: str, doing: str, snapshot: Snapshot) -> None:
    before = snapshot(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute(f"BEGIN {lock}")
    try:
        with pytest.raises(InputError, match=f"cannot {doing} the TM: another import is "
                           "running on tm.db .*; try again when it finishes"):
            with TMStore(db, timeout=0.05) as store:
                store.add([TranslationUnit("新", "new")], name="x")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(db) == before


def test_lookup_ranks_and_filters(db: Path) -> None:
    got = lookup(db, "2025年，我们要坚持改革开放，推动高质量发展。", min_percent=50)
    assert [(m.percent, m.source) for m in got] == [
        (99, "2024年，我们要坚持改革开放，推动高质量发展。")]
    assert got[0].document == "a.txt" and got[0].confidence == pytest.approx(0.91)
    got = lookup(db, "我们要坚持改革开放。", min_percent=30)
    assert [m.percent for m in got] == [100, 47]
    assert lookup(db, "我们要坚持改革开放。", min_percent=30, top=1)[0].target == (
        "We must stay committed to reform and opening up.")


def test_lookup_english_source_units(db: Path) -> None:
    got = lookup(db, "We must stay committed to reform!", min_percent=70)
    assert [(m.percent, m.target, m.source_lang) for m in got] == [(99, "我们要坚持改革。", "en-GB")]


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh_cn"], ids=["primary", "locale", "underscore"])
def test_lookup_lang_given_as_locale(db: Path, lang: str) -> None:
    got = lookup(db, "我们要坚持改革开放。", min_percent=30, lang=lang)
    assert [m.percent for m in got] == [100, 47]
    assert lookup(db, "We must stay committed to reform!", min_percent=70, lang=lang) == []


def test_candidates_come_from_the_index(db: Path) -> None:
    # min 0 would accept any unit, but a unit sharing no bigram is never a candidate
    assert lookup(db, "天气晴朗。", min_percent=0) == []
    assert lookup(db, "   ", min_percent=0) == []


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"min_percent": 101}, r"--min must be in \[0, 100\]"), ({"top": 0}, "--top must be at least 1")],
    ids=["min", "top"])
def test_lookup_bad_options(db: Path, kwargs: dict[str, int], match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        lookup(db, "我们", **kwargs)  # type: ignore[arg-type]



@pytest.mark.parametrize(("filters", "expected"), [
    ({}, {"zh-CN", "en-GB"}), ({"src_lang": "zh", "tgt_lang": "en"}, {"zh-CN"}),
    ({"tgt_lang": "zh-TW"}, {"en-GB"}), ({"src_lang": "fr"}, set())],
    ids=["all", "zh-en", "to-zh", "none"])
def test_source_locales(db: Path, filters: dict[str, str], expected: set[str]) -> None:
    with TMStore(db, readonly=True) as store:
        assert store.source_locales(**filters) == expected
        assert store.source_locales(**filters) == {u.source_lang for u in store.units(**filters)}


