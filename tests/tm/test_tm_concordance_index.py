"""The concordance text index in the TM file (:mod:`align.tm.database`): created with a
new TM, kept in step by triggers, added to a TM made before it on the first open (once,
under the write lock, also when several processes open the old TM at once), and a
reader that cannot add it (an import holds the lock) goes on without it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from align.tm.database import has_text_index, trigram_available
from align.tm.store import TMStore
from align.types import TranslationUnit

pytestmark = pytest.mark.skipif(not trigram_available(),
                                reason="this SQLite has no FTS5 trigram tokenizer")

UNITS = [TranslationUnit(f"第{i}句：要加快发展新质生产力。", f"Sentence {i}: new quality "
                         "productive forces.") for i in range(30)]
OPEN_AND_SEARCH = """
import sys
from align.tm.store import TMStore
with TMStore(sys.argv[1]) as store:
    print(store.indexed, len(store.concordance("新质生产力", top=100)))
"""


def make_old_tm(path: Path) -> None:
    """A TM as zhen-align made it before the text index: the same file without it."""
    with TMStore(path, create=True) as store:
        store.add(UNITS, name="old.tmx")
    con = sqlite3.connect(path, isolation_level=None)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DROP TABLE units_fts")
    con.execute("DROP INDEX units_src_primary")
    con.execute("DROP INDEX units_target_lang")
    con.close()


def integrity(path: Path) -> None:
    con = sqlite3.connect(path)
    try:  # raises when the index does not hold exactly the units' text
        con.execute("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        con.close()


def test_new_tm_has_the_index_and_triggers_keep_it(tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    with TMStore(db, create=True) as store:
        assert store.indexed
        store.add(UNITS[:3], name="a")
        store.add(UNITS[2:5], name="b")  # one duplicate: ignored, not indexed twice
        assert len(store.concordance("新质生产力", top=100)) == 5
    integrity(db)


def test_old_tm_gets_the_index_on_first_open(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    make_old_tm(db)
    con = sqlite3.connect(db)
    assert not has_text_index(con)
    con.close()
    with TMStore(db, readonly=True) as store:  # a reader adds it too when it can
        assert store.indexed
        hits = store.concordance("新质生产力", top=100)
    assert len(hits) == 30
    integrity(db)
    with TMStore(db) as store:
        store.add([TranslationUnit("新的新质生产力句子。", "A new sentence.")], name="new")
        assert len(store.concordance("新质生产力", top=100)) == 31
    integrity(db)


def test_reader_goes_on_without_the_index_while_an_import_holds_the_lock(
        tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    make_old_tm(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # an import in progress
    try:
        with TMStore(db, readonly=True, timeout=30) as store:  # does not wait 30 s
            assert not store.indexed
            assert len(store.concordance("新质生产力", top=100)) == 30  # by scan
            assert len(store.concordance("质生", top=100)) == 30  # bigram postings
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with TMStore(db, readonly=True) as store:
        assert store.indexed


def test_several_processes_open_an_old_tm_at_once(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    make_old_tm(db)
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AND_SEARCH, str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(*p.communicate(), p.returncode) for p in procs]
    assert [(out, code) for out, _, code in results] == [("True 30\n", 0)] * 4, results
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'units_fts'"
                       ).fetchone()[0] == 1
    con.close()
    integrity(db)
