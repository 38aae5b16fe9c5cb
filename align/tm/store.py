"""The translation-memory store: one SQLite file (stdlib ``sqlite3``, no server).

Schema (``PRAGMA application_id`` identifies the file as a zhen-align TM,
``PRAGMA user_version`` is the schema version):

* ``units``: source, target, locales, origin (document, date, confidence, review
  state), other props as JSON; unique on a digest of (source, target, source
  locale, target locale), so adding the same unit twice adds nothing and the first
  origin is kept;
* ``postings(gram, unit)`` + ``grams(gram, df)``: an inverted index of token
  bigrams of the source text (character bigrams for Chinese, word bigrams for
  English, padded with sentence start/end markers; see
  :func:`align.tm.fuzzy.analyse` for tokens). Fuzzy lookup takes the query's
  rarest bigrams, fetches the units sharing most of them, and scores only those:
  never a scan of every unit.

Every import runs in one transaction: a failed import changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from align.errors import ConfigError, InputError
from align.formats.tmx.lang import normalize_locale, primary
from align.formats.tmx.writer import tmx_date
from align.text.script import has_han
from align.tm.fuzzy import MatchScore, analyse, chrf, percent_and_kind
from align.tm.results import AddReport, Match, TMStats
from align.types import TranslationUnit

APPLICATION_ID = 0x7A68544D  # "zhTM"
SCHEMA_VERSION = 1
_BATCH = 2000
_MAX_QUERY_GRAMS = 24
_MIN_QUERY_GRAMS = 3
_POSTINGS_BUDGET = 6000
_CANDIDATES = 60

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE imports(id INTEGER PRIMARY KEY, name TEXT NOT NULL, date TEXT NOT NULL,
                     added INTEGER NOT NULL, duplicates INTEGER NOT NULL);
CREATE TABLE units(
    id INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,
    src_hash INTEGER NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL,
    source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
    src_primary TEXT NOT NULL,
    document TEXT, created TEXT, confidence REAL, review_state TEXT,
    props TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports(id));
CREATE INDEX units_src ON units(src_hash);
CREATE TABLE grams(gram INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE postings(gram INTEGER NOT NULL, unit INTEGER NOT NULL,
                      PRIMARY KEY(gram, unit)) WITHOUT ROWID;
"""


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little", signed=True)


def unit_grams(text: str, lang: str) -> set[int]:
    """Hashed token bigrams (with start/end padding) of ``text``, namespaced by
    the primary language ``lang``."""
    toks = ["\x02", *analyse(text).text, "\x03"]
    return {_h64(f"{lang}\x1f{a}\x1f{b}") for a, b in zip(toks, toks[1:], strict=False)}


def _db_error(e: sqlite3.Error, path: Path, doing: str) -> InputError:
    msg = str(e).lower()
    if "locked" in msg or "busy" in msg:
        why = "the TM is locked by another program; try again when it has finished"
    elif "readonly" in msg or "read-only" in msg:
        why = "the TM is read-only (file or folder permissions); make it writable or use a copy"
    elif "not a database" in msg or "malformed" in msg:
        why = "the file is not a SQLite database; give a TM made by `align tm add`"
    else:
        why = f"{' '.join(str(e).split())}; check the file"
    return InputError(f"cannot {doing}: {why}", path=path)


class TMStore:
    """A translation memory in a SQLite file. Use as a context manager or call close().

    Args:
        path: the database file.
        create: create the file (and schema) if it does not exist.
        readonly: open read-only (lookups, stats, export).
        timeout: seconds to wait for a lock held by another program.

    Raises:
        InputError: missing file (``create=False``), not a SQLite file, a SQLite
            file that is not a zhen-align TM, a newer schema, locked or read-only.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False,
                 readonly: bool = False, timeout: float = 5.0) -> None:
        self.path = Path(path)
        exists = self.path.exists()
        if exists and not self.path.is_file():
            raise InputError("the TM path is a folder; give a .db file", path=self.path)
        if not exists and (readonly or not create):
            raise InputError("no such TM; create it with `align tm add FILE --tm PATH`",
                             path=self.path)
        if not exists and not self.path.parent.is_dir():
            raise InputError("the TM's folder does not exist; create it first", path=self.path)
        mode = "ro" if readonly else "rwc"
        try:
            self.conn = sqlite3.connect(f"file:{self.path.resolve()}?mode={mode}", uri=True,
                                        timeout=timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise _db_error(e, self.path, "open the TM") from e
        try:
            self._check_or_create(exists and self.path.stat().st_size > 0)
        except BaseException:
            self.conn.close()
            raise
        self.conn.execute("PRAGMA cache_size=-65536")
        self._count: int | None = None

    def _check_or_create(self, existing: bool) -> None:
        try:
            app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as e:
            raise _db_error(e, self.path, "open the TM") from e
        if existing or tables:
            if app_id != APPLICATION_ID:
                raise InputError("this SQLite database is not a zhen-align TM "
                                 f"(application_id {app_id:#x}); give a TM made by "
                                 "`align tm add`, or a new file name", path=self.path)
            if version > SCHEMA_VERSION:
                raise InputError(f"the TM has schema version {version}, newer than this "
                                 f"zhen-align ({SCHEMA_VERSION}); upgrade zhen-align",
                                 path=self.path)
            return
        from align.version import __version__

        try:
            self.conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
        except sqlite3.Error as e:
            raise _db_error(e, self.path, "create the TM") from e
        self.conn.execute("INSERT INTO meta VALUES ('created', ?), ('created_by', ?)",
                          (tmx_date(), f"zhen-align {__version__}"))
        self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    def __enter__(self) -> TMStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        if self._count is None:
            self._count = int(self.conn.execute("SELECT count(*) FROM units").fetchone()[0])
        return self._count

    # -- adding ------------------------------------------------------------------

    def add(self, units: Iterable[TranslationUnit], *, name: str) -> AddReport:
        """Add units in one transaction (all or nothing).

        Args:
            units: the units; ``origin``, ``created`` and the ``x-confidence`` and
                ``x-review-state`` props are kept as the unit's origin.
            name: what is imported (a file name), recorded in ``imports``.

        Raises:
            InputError: locked or read-only database; any error from ``units``
                (e.g. FormatError from a TMX) propagates after the rollback.
        """
        read = added = 0
        df: Counter[int] = Counter()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            import_id = int(conn.execute(
                "INSERT INTO imports(name, date, added, duplicates) VALUES (?, ?, 0, 0)",
                (name, tmx_date())).lastrowid or 0)
            postings: list[tuple[int, int]] = []
            for u in units:
                read += 1
                uid = self._insert(u, import_id)
                if uid is None:
                    continue
                added += 1
                grams = unit_grams(u.source, primary(u.source_lang))
                df.update(grams)
                postings.extend((g, uid) for g in grams)
                if len(postings) >= _BATCH * 40:
                    postings.sort()
                    conn.executemany("INSERT INTO postings VALUES (?, ?)", postings)
                    postings.clear()
            postings.sort()
            conn.executemany("INSERT INTO postings VALUES (?, ?)", postings)
            conn.executemany("INSERT INTO grams VALUES (?, ?) ON CONFLICT(gram) DO UPDATE "
                             "SET df = df + excluded.df", sorted(df.items()))
            conn.execute("UPDATE imports SET added = ?, duplicates = ? WHERE id = ?",
                         (added, read - added, import_id))
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise _db_error(e, self.path, "add to the TM") from e
        except BaseException:
            self._rollback()
            raise
        finally:
            self._count = None
        return AddReport(read, added, read - added)

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _insert(self, u: TranslationUnit, import_id: int) -> int | None:
        sl, tl = normalize_locale(u.source_lang), normalize_locale(u.target_lang)
        key = hashlib.blake2b("\x00".join((u.source, u.target, sl, tl)).encode(
            "utf-8", "surrogatepass"), digest_size=16).digest()
        conf = u.prop("x-confidence")
        try:
            confidence = None if conf is None else float(conf)
        except ValueError:
            confidence = None
        props = list(u.props)
        if u.origin and u.prop("x-document") is None:
            props.insert(0, ("x-document", u.origin))
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO units(key, src_hash, source, target, source_lang, "
            "target_lang, src_primary, document, created, confidence, review_state, "
            "props, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, _h64(u.source), u.source, u.target, sl, tl, primary(sl),
             u.origin or u.prop("x-document"), u.created,
             confidence, u.prop("x-review-state"), json.dumps(props, ensure_ascii=False),
             import_id))
        return cur.lastrowid if cur.rowcount == 1 else None

    # -- reading -----------------------------------------------------------------

    def units(self, *, src_lang: str | None = None,
              tgt_lang: str | None = None) -> Iterator[TranslationUnit]:
        """All units in insertion order, optionally for one pair (primary language
        match: ``zh`` selects zh-CN, zh-TW, ...)."""
        cur = self.conn.execute(
            "SELECT source, target, source_lang, target_lang, document, created, props "
            "FROM units ORDER BY id")
        for s, t, sl, tl, doc, created, props in cur:
            if not _pair_ok(sl, tl, src_lang, tgt_lang):
                continue
            p = tuple((k, v) for k, v in json.loads(props))
            yield TranslationUnit(s, t, sl, tl, p, created, doc)

    def source_locales(self, *, src_lang: str | None = None,
                       tgt_lang: str | None = None) -> set[str]:
        """The source locales of the units :meth:`units` yields with these filters."""
        return {sl for sl, tl in self.conn.execute(
            "SELECT DISTINCT source_lang, target_lang FROM units")
            if _pair_ok(sl, tl, src_lang, tgt_lang)}

    def stats(self) -> TMStats:
        """Counts of units, language pairs, documents, review states and imports."""
        q = self.conn.execute
        pairs = {(sl, tl): n for sl, tl, n in q(
            "SELECT source_lang, target_lang, count(*) FROM units GROUP BY 1, 2 ORDER BY 3 DESC")}
        states = {s or "(none)": n for s, n in q(
            "SELECT review_state, count(*) FROM units GROUP BY 1 ORDER BY 2 DESC")}
        return TMStats(
            units=len(self), pairs=pairs,
            documents=q("SELECT count(DISTINCT document) FROM units").fetchone()[0],
            review_states=states,
            imports=q("SELECT count(*) FROM imports").fetchone()[0],
            grams=q("SELECT count(*) FROM grams").fetchone()[0],
            file_bytes=self.path.stat().st_size)

    def lookup(self, query: str, *, lang: str | None = None, min_percent: int = 70,
               top: int = 5, candidates: int = _CANDIDATES) -> list[Match]:
        """Fuzzy matches for ``query``, best first.

        Candidates are the exact source matches plus the units whose source shares
        most of the query's rarest bigrams (at least 3 bigrams, more while the
        postings to read stay under a budget; at most ``candidates`` units); each
        is scored as :func:`align.tm.fuzzy.score_match` does and ranked by
        percentage, then placeables-only, then chrF.

        Args:
            query: the new source sentence.
            lang: its language ("zh"/"en", or a locale such as "zh-CN"); default: "zh"
                if it has Chinese characters.
            min_percent: leave out matches below this percentage.
            top: return at most this many.
            candidates: how many index candidates to score.

        Raises:
            ConfigError: ``min_percent`` outside [0, 100] or ``top`` < 1.
        """
        if not 0 <= min_percent <= 100:
            raise ConfigError(f"--min must be in [0, 100], got {min_percent}")
        if top < 1:
            raise ConfigError(f"--top must be at least 1, got {top}")
        query = query.strip()
        if not query:
            return []
        # The index is namespaced by primary language: "zh-CN" must look up "zh".
        lang = primary(lang) if lang else ("zh" if has_han(query) else "en")
        q = self.conn.execute
        ids: dict[int, None] = {}
        for (uid,) in q("SELECT id FROM units WHERE src_hash = ? AND source = ?",
                        (_h64(query), query)):
            ids[uid] = None
        grams = list(unit_grams(query, lang))
        known = q(f"SELECT gram, df FROM grams WHERE gram IN ({','.join('?' * len(grams))})",
                  grams).fetchall()
        known.sort(key=lambda r: r[1])
        # The rarest bigrams, within a budget of postings to read: frequent bigrams
        # ("我们", "of the") select nearly everything and rank nothing.
        chosen: list[int] = []
        budget = _POSTINGS_BUDGET
        for gram, df in known[:_MAX_QUERY_GRAMS]:
            if len(chosen) >= _MIN_QUERY_GRAMS and df > budget:
                break
            chosen.append(gram)
            budget -= df
        if chosen:
            rows = q(f"SELECT unit FROM postings WHERE gram IN ({','.join('?' * len(chosen))}) "
                     "GROUP BY unit ORDER BY count(*) DESC LIMIT ?",
                     [*chosen, candidates]).fetchall()
            ids.update((r[0], None) for r in rows)
        if not ids:
            return []
        found = []
        for row in q("SELECT source, target, source_lang, target_lang, document, created, "
                     f"confidence FROM units WHERE id IN ({','.join('?' * len(ids))}) "
                     "AND src_primary = ?", [*ids, lang]):
            percent, only = percent_and_kind(query, row[0])
            if percent >= min_percent:
                score = MatchScore(percent, only,
                                   100.0 if percent == 100 else chrf(row[0], query))
                found.append(Match(score, *row))
        found.sort(key=lambda m: m.score.rank_key, reverse=True)
        return found[:top]


def _pair_ok(sl: str, tl: str, src_lang: str | None, tgt_lang: str | None) -> bool:
    # primary language match: "zh" selects zh-CN, zh-TW, ...
    return ((not src_lang or primary(sl) == primary(src_lang))
            and (not tgt_lang or primary(tl) == primary(tgt_lang)))
