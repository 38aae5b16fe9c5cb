"""Several imports into one TM at once, and into a TM that does not exist yet: the schema
is created once, under the write lock; no committed import is ever lost; a process that
cannot get the lock says so in one line; a TM file is never deleted."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from align.cli.tm import add_file
from align.errors import InputError
from align.formats.tmx.writer import write_tmx
from align.tm.store import TMStore
from align.types import TranslationUnit

PROCESSES = 4
ROUNDS = 3
UNITS = 300


def units_of(tag: str, n: int = UNITS) -> list[TranslationUnit]:
    return [TranslationUnit(f"第{tag}批第{i}句：我们要坚持改革开放，推动高质量发展。",
                            f"Batch {tag}, sentence {i}: we must stay committed to reform.")
            for i in range(n)]


def sources(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {s for (s,) in con.execute("SELECT source FROM units")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def tmx_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tmx")
    files = {}
    for tag in "abcd"[:PROCESSES]:
        files[tag] = folder / f"small_{tag}.tmx"
        write_tmx(files[tag], units_of(tag))
    return files


@pytest.mark.parametrize("trial", range(ROUNDS))
def test_concurrent_first_imports_lose_nothing(tmp_path: Path, tmx_files: dict[str, Path],
                                               trial: int) -> None:
    db = tmp_path / "race.db"
    procs = {tag: subprocess.Popen([sys.executable, "-m", "align", "tm", "add", str(path),
                                    "--tm", str(db)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
             for tag, path in tmx_files.items()}
    results = {tag: (*p.communicate(), p.returncode) for tag, p in procs.items()}
    assert db.is_file()
    expected: set[str] = set()
    for tag, (out, err, code) in results.items():
        if code == 0:
            assert f"{UNITS} units added" in out
            expected |= {u.source for u in units_of(tag)}
        else:  # a clear one-line error, never a traceback
            assert len(err.splitlines()) == 1 and "another import is running" in err, err
    assert all(code == 0 for _, _, code in results.values()), results  # the lock wait is ample
    assert sources(db) == expected
    with TMStore(db, readonly=True) as store:
        assert store.stats().imports == PROCESSES


def test_failed_first_import_never_deletes_the_tm(tmp_path: Path, tmx_files: dict[str, Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new.db"
    real_add = TMStore.add

    def add_after_another_process(self: TMStore, units: object, *, name: str) -> None:
        with TMStore(db, create=True) as other:  # another process's import commits first
            real_add(other, units_of("other", 5), name="other.tmx")
        raise InputError("cannot add to the TM: another import is running", path=db)

    monkeypatch.setattr(TMStore, "add", add_after_another_process)
    with pytest.raises(InputError, match="another import is running"):
        add_file(db, tmx_files["a"])
    assert sources(db) == {u.source for u in units_of("other", 5)}


def test_schema_created_once_when_another_process_is_creating_it(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    creator = sqlite3.connect(db, isolation_level=None)  # "another process", mid-creation
    creator.execute("BEGIN IMMEDIATE")
    with TMStore(tmp_path / "model.db", create=True) as model:  # the same schema
        schema = [sql for (sql,) in model.conn.execute(  # FTS5 makes its own tables
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND NOT (type = 'table' "
            "AND name LIKE 'units_fts_%') ORDER BY rowid")]
        app_id = model.conn.execute("PRAGMA application_id").fetchone()[0]
    for sql in schema:
        creator.execute(sql)
    creator.execute(f"PRAGMA application_id = {app_id}")
    creator.execute("PRAGMA user_version = 1")
    errors: list[BaseException] = []

    def open_and_add() -> None:
        try:
            with TMStore(db, create=True) as store:
                store.add(units_of("b", 3), name="b.tmx")
        except BaseException as e:  # reported below
            errors.append(e)

    opener = threading.Thread(target=open_and_add)
    opener.start()
    time.sleep(0.5)  # let the opener find the file blank and wait for the lock
    creator.execute("COMMIT")
    creator.close()
    opener.join()
    assert errors == []
    assert sources(db) == {u.source for u in units_of("b", 3)}


def test_a_busy_tm_gives_one_clear_line(tmp_path: Path, tmx_files: dict[str, Path]) -> None:
    db = tmp_path / "tm.db"
    add_file(db, tmx_files["a"])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # an import in progress
    try:
        with TMStore(db, timeout=0.05) as store, pytest.raises(
                InputError, match=r"tm\.db: cannot add to the TM: another import is running on "
                                  r"tm\.db .*waited 0\.05 s\); try again when it finishes$"):
            store.add(units_of("b", 2), name="b.tmx")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sources(db) == {u.source for u in units_of("a")}
