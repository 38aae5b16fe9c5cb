"""A TM after an interrupted import (``kill -9`` with a hot journal left beside it) is
rolled back by the next lookup, stats or export; a damaged or blank TM gives one line
naming the file and a fix."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.tm import add_file
from align.errors import InputError
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx
from align.tm.database import db_error
from align.tm.store import TMStore
from align.types import TranslationUnit

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

# Runs `align tm add` in a real process that stops (and waits to be killed) in the middle
# of the import, once the journal is hot. The page cache is made small so that the
# import spills pages into the TM early, as a large import does with the default cache.
KILLED_IMPORT = r"""
import sqlite3, sys, time
marker, after = sys.argv[1], int(sys.argv[2])

class Stopping(sqlite3.Connection):
    inserted = 0

    def execute(self, sql, *args):
        if sql.startswith("PRAGMA cache_size"):
            sql = "PRAGMA cache_size=20"
        cur = super().execute(sql, *args)
        if sql.startswith("INSERT OR IGNORE INTO units"):
            Stopping.inserted += 1
            if Stopping.inserted == after:
                open(marker, "w").close()
                time.sleep(600)
        return cur

connect = sqlite3.connect
sqlite3.connect = lambda *a, **k: connect(*a, factory=Stopping, **k)
sys.argv = ["align", *sys.argv[3:]]
from align.cli import main
main()
"""

runner = CliRunner()


def units_of(tag: str, n: int) -> list[TranslationUnit]:
    return [TranslationUnit(f"第{tag}批第{i}句：我们要坚持改革开放，推动高质量发展。",
                            f"Batch {tag}, sentence {i}: we must stay committed to reform.")
            for i in range(n)]


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def kill_mid_import(db: Path, tmx: Path, tmp_path: Path) -> None:
    """Run ``align tm add tmx --tm db`` in a subprocess and SIGKILL it mid-transaction."""
    marker = tmp_path / "inside-the-transaction"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(marker), "1500",
                             "tm", "add", str(tmx), "--tm", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"the import ended before it was killed: {proc.communicate()[0]}")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TM holding one committed import (50 units), with the hot journal of a second
    import (3000 units) killed half-way."""
    tmp_path = tmp_path_factory.mktemp("killed")
    db = tmp_path / "tm.db"
    small, big = tmp_path / "small.tmx", tmp_path / "big.tmx"
    write_tmx(small, units_of("early", 50))
    write_tmx(big, units_of("killed", 3000))
    assert add_file(db, small).added.added == 50
    kill_mid_import(db, big, tmp_path)
    assert Path(f"{db}-journal").read_bytes()[:8] == JOURNAL_MAGIC  # hot: to be rolled back
    return db


@pytest.fixture
def interrupted(killed: Path, tmp_path: Path) -> Path:
    """A copy of the ``killed`` TM with its hot journal (the pair, as SQLite needs it)."""
    for name in ("tm.db", "tm.db-journal"):
        shutil.copy(killed.parent / name, tmp_path / name)
    return tmp_path / "tm.db"


@pytest.mark.parametrize("command", ["stats", "lookup", "export"])
def test_commands_work_after_a_killed_import(interrupted: Path, tmp_path: Path,
                                             command: str) -> None:
    db = interrupted
    out = tmp_path / "out.tmx"
    args = {"stats": ("tm", "stats", "--tm", db),
            "lookup": ("tm", "lookup", "第early批第7句：我们要坚持改革开放，推动高质量发展。",
                       "--tm", db),
            "export": ("tm", "export", "--tm", db, "-o", out)}[command]
    r = run(*args)
    assert r.exit_code == 0, r.output
    assert not Path(f"{db}-journal").exists()
    if command == "stats":
        assert "50 units from 0 documents, 1 imports" in r.output
    elif command == "lookup":
        assert r.output.startswith("100%")
    else:
        assert [u.source for u in read_tmx(out)] == [u.source for u in units_of("early", 50)]
    with TMStore(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [u.source for u in store.units()] == [u.source for u in units_of("early", 50)]
        assert store.add(units_of("killed", 10), name="again").added == 10


def test_read_only_tm_with_a_hot_journal_is_explained(interrupted: Path) -> None:
    # A read-only mount cannot be emulated as root: open the way SQLite must then open it.
    con = sqlite3.connect(f"file:{interrupted}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as info:
        con.execute("SELECT count(*) FROM units").fetchone()
    con.close()
    message = str(db_error(info.value, interrupted, "read the TM"))
    assert message.startswith(f"{interrupted}: cannot read the TM: an interrupted import "
                              "left tm.db-journal beside the TM")
    assert "copy tm.db together with tm.db-journal" in message and "\n" not in message


def damage(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    rng = random.Random(12)
    if how == "random-bytes":
        data = bytearray(rng.randbytes(len(data)))
    elif how == "truncated":
        data = data[:len(data) // 3]
    else:  # mutated pages after the header page
        for _ in range(400):
            data[rng.randrange(4096, len(data))] = rng.randrange(256)
    db.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TM of 2000 units."""
    tmp_path = tmp_path_factory.mktemp("good")
    write_tmx(tmp_path / "in.tmx", units_of("x", 2000))
    add_file(tmp_path / "tm.db", tmp_path / "in.tmx")
    return tmp_path / "tm.db"


@pytest.mark.parametrize("how", ["random-bytes", "truncated", "mutated"])
@pytest.mark.parametrize("command", ["stats", "lookup", "export"])
def test_damaged_tm_gives_one_line_with_a_fix(good: Path, tmp_path: Path, how: str,
                                              command: str) -> None:
    db = Path(shutil.copy(good, tmp_path / "tm.db"))
    damage(db, how)
    out = tmp_path / "out.tmx"
    args = {"stats": ("tm", "stats", "--tm", db),
            "lookup": ("tm", "lookup", "第x批第7句：我们要坚持改革开放，推动高质量发展。", "--tm", db),
            "export": ("tm", "export", "--tm", db, "-o", out)}[command]
    r = run(*args)
    lines = r.output.strip().splitlines()
    assert r.exit_code == 1 and len(lines) == 1, r.output
    assert lines[0].startswith(f"error: {db}: cannot ")
    fix = ("not a SQLite database; give a TM made by `align tm add`" if how == "random-bytes"
           else "; restore it from a backup or rebuild it with `align tm add`")
    assert fix in lines[0]
    assert not out.exists()


def test_blank_tm_file_for_readers(tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    db.touch()  # e.g. a first import that never got the lock
    with pytest.raises(InputError, match=r"tm\.db: the TM is empty: no import into it has "
                                         "finished; add units with `align tm add"):
        TMStore(db, readonly=True)
    with TMStore(db, create=True) as store:  # a writer finishes the creation
        assert len(store) == 0
    with TMStore(db, readonly=True) as store:
        assert store.stats().units == 0


def test_no_temp_file_left_by_a_failed_export(good: Path, tmp_path: Path) -> None:
    db = Path(shutil.copy(good, tmp_path / "tm.db"))
    damage(db, "mutated")
    before = set(os.listdir(tmp_path))
    r = run("tm", "export", "--tm", db, "-o", tmp_path / "out.tmx")
    assert r.exit_code == 1
    assert set(os.listdir(tmp_path)) == before
