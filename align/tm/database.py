"""The SQLite file under a TM: opening it (with recovery after a crash), its schema,
created once and safely while other processes do the same, and errors that say what to do.

Safety rests on SQLite's rollback journal and locks, never on checks made outside them:

* A writer takes the write lock with ``BEGIN IMMEDIATE`` and waits up to ``timeout``
  seconds (:data:`DEFAULT_TIMEOUT`, sized to a long import) for another import to finish.
* The schema is created inside ``BEGIN IMMEDIATE`` with ``CREATE TABLE IF NOT EXISTS``,
  after looking again under the lock: of several processes creating one new TM, the
  first creates the schema and the others find it.
* Nothing here ever deletes a TM file: another process may have opened the same file
  and committed into it, and removing it would lose that import. A failed first import
  leaves an empty, valid TM.
* After a crash (``kill -9``, a power cut) during an import, ``tm.db-journal`` is left
  beside the TM ("hot"); SQLite rolls it back on the first open that may write. So
  readers open the file read-write with ``PRAGMA query_only`` (SQLite opens a file it
  may not write read-only by itself), and recovery happens on the next lookup.
* The text index for concordance search (``units_fts``, an FTS5 trigram index over
  ``units.source`` and ``units.target``, kept in step by triggers, so any writer keeps
  it complete) is created with a new TM, and added to a TM made before it on the first
  open, in its own ``BEGIN IMMEDIATE`` transaction that looks again under the lock (of
  several processes opening one old TM, the first adds it, the others find it). A
  reader tries this without waiting: while an import holds the lock, or when the file
  is read-only, it goes on without the index (see :func:`has_text_index`). The schema
  version stays 1: zhen-align versions without the index still read and write the TM,
  and the triggers index what they add.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from align.errors import InputError
from align.formats.tmx.writer import tmx_date

APPLICATION_ID = 0x7A68544D  # "zhTM"
SCHEMA_VERSION = 1
#: Seconds to wait for the lock held by another import: imports of a few hundred
#: thousand units hold it for about a minute.
DEFAULT_TIMEOUT = 180.0
_SQLITE_MAGIC = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS imports(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                     date TEXT NOT NULL, added INTEGER NOT NULL, duplicates INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS units(
    id INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,
    src_hash INTEGER NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL,
    source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
    src_primary TEXT NOT NULL,
    document TEXT, created TEXT, confidence REAL, review_state TEXT,
    props TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports(id));
CREATE INDEX IF NOT EXISTS units_src ON units(src_hash);
CREATE TABLE IF NOT EXISTS grams(gram INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings(gram INTEGER NOT NULL, unit INTEGER NOT NULL,
                      PRIMARY KEY(gram, unit)) WITHOUT ROWID;
"""
#: The concordance index: trigrams of both sides of every unit (SQLite FTS5, external
#: content: the text stays in ``units`` only), kept in step with ``units`` by triggers.
TEXT_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(source, target, "
    "content='units', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS units_fts_insert AFTER INSERT ON units BEGIN "
    "INSERT INTO units_fts(rowid, source, target) VALUES (new.id, new.source, new.target); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS units_fts_delete AFTER DELETE ON units BEGIN "
    "INSERT INTO units_fts(units_fts, rowid, source, target) "
    "VALUES ('delete', old.id, old.source, old.target); END",
    "CREATE TRIGGER IF NOT EXISTS units_fts_update AFTER UPDATE OF source, target ON units "
    "BEGIN INSERT INTO units_fts(units_fts, rowid, source, target) "
    "VALUES ('delete', old.id, old.source, old.target); "
    "INSERT INTO units_fts(rowid, source, target) VALUES (new.id, new.source, new.target); "
    "END",
    "CREATE INDEX IF NOT EXISTS units_src_primary ON units(src_primary)",
    "CREATE INDEX IF NOT EXISTS units_target_lang ON units(target_lang)",
)


def connect(path: Path, *, create: bool, readonly: bool,
            timeout: float = DEFAULT_TIMEOUT) -> sqlite3.Connection:
    """Open the TM at ``path`` (an existing file unless ``create``), recover it from an
    interrupted import if needed, and create the schema in a new or blank file.

    Args:
        path: the database file; its folder must exist.
        create: create the file if it does not exist.
        readonly: refuse every change (``PRAGMA query_only``); the file is still
            opened for writing if possible, so that SQLite can roll back a hot journal.
        timeout: seconds to wait for a lock held by another program.

    Raises:
        InputError: not a SQLite file, not a zhen-align TM, a newer schema, a damaged
            or blank file (``readonly``), locked, or read-only with a hot journal.
    """
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if create and not readonly else 'rw'}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    except sqlite3.Error as e:
        raise db_error(e, path, "open the TM", timeout) from e
    try:
        if readonly:
            conn.execute("PRAGMA query_only = ON")
        _ensure_schema(conn, path, readonly=readonly, timeout=timeout)
        if not has_text_index(conn) and trigram_available():
            _add_text_index(conn, path, readonly=readonly, timeout=timeout)
    except BaseException:
        conn.close()
        raise
    return conn


def _state(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """application_id, user_version and the number of schema objects, read in one
    statement: one snapshot, even while another process commits a new schema."""
    app_id, version, tables = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id), "
        "(SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_master)").fetchone()
    return int(app_id), int(version), int(tables)


def _blank(app_id: int, tables: int) -> bool:
    # A new file, or one whose creation did not finish: nothing in it yet.
    return tables == 0 and app_id in (0, APPLICATION_ID)


def _ensure_schema(conn: sqlite3.Connection, path: Path, *, readonly: bool,
                   timeout: float) -> None:
    with guard(path, "open the TM", timeout):
        app_id, version, tables = _state(conn)
    if _blank(app_id, tables):
        if readonly:
            raise InputError("the TM is empty: no import into it has finished; add units "
                             "with `align tm add FILE --tm PATH`", path=path)
        from align.version import __version__

        with guard(path, "create the TM", timeout):
            conn.execute("BEGIN IMMEDIATE")
            try:
                app_id, version, tables = _state(conn)  # again, under the lock
                if _blank(app_id, tables):
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    if trigram_available():
                        for statement in TEXT_INDEX:
                            conn.execute(statement)
                    conn.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?), "
                                 "('created_by', ?)", (tmx_date(), f"zhen-align {__version__}"))
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    app_id, version = APPLICATION_ID, SCHEMA_VERSION
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
    if app_id != APPLICATION_ID:
        raise InputError("this SQLite database is not a zhen-align TM "
                         f"(application_id {app_id:#x}); give a TM made by "
                         "`align tm add`, or a new file name", path=path)
    if version > SCHEMA_VERSION:
        raise InputError(f"the TM has schema version {version}, newer than this "
                         f"zhen-align ({SCHEMA_VERSION}); upgrade zhen-align", path=path)


@cache
def trigram_available() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite 3.34+)."""
    try:
        probe = sqlite3.connect(":memory:")
    except sqlite3.Error:
        return False
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='trigram')")
        return True
    except sqlite3.Error:
        return False
    finally:
        probe.close()


def has_text_index(conn: sqlite3.Connection) -> bool:
    """Whether the TM on ``conn`` has the concordance index (``units_fts``)."""
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'units_fts'").fetchone()[0] > 0


def _add_text_index(conn: sqlite3.Connection, path: Path, *, readonly: bool,
                    timeout: float) -> None:
    """Add the concordance index to a TM made before it, indexing every unit, in one
    transaction under the write lock (looking again under the lock). A writer waits
    for the lock as for an import; a reader (``readonly``) does not wait, and goes on
    without the index when the lock is taken or the file cannot be written."""
    if readonly:
        conn.execute("PRAGMA query_only = OFF")
        conn.execute("PRAGMA busy_timeout = 0")
    try:
        with guard(path, "add the text index to the TM", timeout):
            conn.execute("BEGIN IMMEDIATE")
            try:
                if not has_text_index(conn):
                    for statement in TEXT_INDEX:
                        conn.execute(statement)
                    conn.execute("INSERT INTO units_fts(units_fts) VALUES ('rebuild')")
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
    except InputError:
        if not readonly:
            raise
    finally:
        if readonly:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            conn.execute("PRAGMA query_only = ON")


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any (errors while doing so are left to the
    journal: SQLite rolls it back on the next open)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


@contextmanager
def guard(path: Path, doing: str, timeout: float | None = None) -> Iterator[None]:
    """Turn a SQLite error inside the block into an :class:`InputError` (see :func:`db_error`)."""
    try:
        yield
    except sqlite3.Error as e:
        raise db_error(e, path, doing, timeout) from e


def db_error(e: sqlite3.Error, path: Path, doing: str,
             timeout: float | None = None) -> InputError:
    """A one-line error for a SQLite error on the TM at ``path``: what is wrong and what to do.

    Args:
        e: the error.
        path: the TM.
        doing: what failed, e.g. "add to the TM".
        timeout: the seconds waited for a lock, if known.
    """
    name = getattr(e, "sqlite_errorname", "") or ""
    text = " ".join(str(e).split())
    low = text.lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in low or "busy" in low:
        waited = f", waited {timeout:g} s" if timeout else ""
        why = (f"another import is running on {path.name} (or another program is writing to "
               f"it{waited}); try again when it finishes")
    elif name == "SQLITE_READONLY_ROLLBACK":
        why = (f"an interrupted import left {path.name}-journal beside the TM, and SQLite "
               "must roll it back before the TM can be read, which needs write access: make "
               "the TM and its folder writable and run the command again, or copy "
               f"{path.name} together with {path.name}-journal to a writable folder (the "
               ".db alone is inconsistent) and use the copy")
    elif name.startswith("SQLITE_READONLY") or "readonly" in low or "read-only" in low:
        why = ("the TM is read-only (file, folder or file system); make the TM and its "
               "folder writable")
    elif name == "SQLITE_FULL" or "disk is full" in low:
        why = "the disk is full; free some space and try again"
    elif (name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in low
          or "not a database" in low or "could not decode" in low):
        why = (f"the TM is damaged ({text}); restore it from a backup or rebuild it with "
               f"`align tm add` from your TMX files (`sqlite3 {path.name} .recover` may save "
               "what is left)") if _sqlite_header(path) else (
            "the file is not a SQLite database; give a TM made by `align tm add`")
    else:
        why = f"{text}; check the file"
    return InputError(f"cannot {doing}: {why}", path=path)


def _sqlite_header(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False
