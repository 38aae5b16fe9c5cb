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
  never a scan of every unit;
* ``units_fts``: a trigram index of both sides for concordance search
  (:mod:`align.tm.concordance`), kept in step by triggers.

Every import runs in one transaction: a failed import changes nothing. Opening,
creating and recovering the file, the schema and locking: :mod:`align.tm.database`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from align.errors import ConfigError, InputError
from align.formats.tmx.lang import normalize_locale, primary
from align.formats.tmx.writer import tmx_date
from align.text.script import has_han
from align.tm.concordance import ConcordanceHit, index_usable, search
from align.tm.database import DEFAULT_TIMEOUT, connect, guard, has_text_index, rollback
from align.tm.fuzzy import MatchScore, analyse, chrf, percent_and_kind
from align.tm.results import AddReport, Match, TMStats
from align.types import TranslationUnit

_BATCH = 2000
_MAX_QUERY_GRAMS = 24
_MIN_QUERY_GRAMS = 3
_POSTINGS_BUDGET = 6000
_CANDIDATES = 60
_F = TypeVar("_F", bound=Callable[..., Any])
_INSERT_UNIT = (
    "INSERT OR IGNORE INTO units(key, src_hash, source, target, source_lang, target_lang, "
    "src_primary, document, created, confidence, review_state, props, import_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little", signed=True)


def unit_grams(text: str, lang: str) -> set[int]:
    """Hashed token bigrams (with start/end padding) of ``text``, namespaced by
    the primary language ``lang``."""
    toks = ["\x02", *analyse(text).text, "\x03"]
    return {_h64(f"{lang}\x1f{a}\x1f{b}") for a, b in zip(toks, toks[1:], strict=False)}


def _row(u: TranslationUnit) -> tuple[tuple[object, ...], array[int]]:
    """The ``units`` row of ``u`` (without its import id) and its index bigrams."""
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
    values = (key, _h64(u.source), u.source, u.target, sl, tl, primary(sl),
              u.origin or u.prop("x-document"), u.created, confidence,
              u.prop("x-review-state"), json.dumps(props, ensure_ascii=False))
    return values, array("q", unit_grams(u.source, primary(u.source_lang)))


def _reading(method: _F) -> _F:
    """Run a reading method of :class:`TMStore` with SQLite errors turned into
    one-line :class:`InputError` messages."""
    @functools.wraps(method)
    def reading(self: TMStore, *args: Any, **kwargs: Any) -> Any:
        with guard(self.path, "read the TM", self.timeout):
            return method(self, *args, **kwargs)
    return cast(_F, reading)


class TMStore:
    """A translation memory in a SQLite file. Use as a context manager or call close().

    Several processes may open, create and add to one TM at once: the schema is
    created once (see :mod:`align.tm.database`), each import waits for the one before.

    Args:
        path: the database file.
        create: create the file (and schema) if it does not exist.
        readonly: open read-only (lookups, stats, export); a TM left with a hot
            journal by an interrupted import is still rolled back when the file is writable.
        timeout: seconds to wait for a lock held by another import or program.

    Raises:
        InputError: missing file (``create=False``), not a SQLite file, a SQLite
            file that is not a zhen-align TM, a newer schema, a damaged or empty
            file, locked or read-only.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False,
                 readonly: bool = False, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout
        exists = self.path.exists()
        if exists and not self.path.is_file():
            raise InputError("the TM path is a folder; give a .db file", path=self.path)
        if not exists and (readonly or not create):
            raise InputError("no such TM; create it with `align tm add FILE --tm PATH`",
                             path=self.path)
        if not exists and not self.path.parent.is_dir():
            raise InputError("the TM's folder does not exist; create it first", path=self.path)
        self.conn = connect(self.path, create=create, readonly=readonly, timeout=timeout)
        self.conn.execute("PRAGMA cache_size=-65536")
        self._count: int | None = None
        with guard(self.path, "open the TM", timeout):
            #: whether the TM has the concordance index (a reader of a TM made before
            #: it may have had to go on without it, see :mod:`align.tm.database`)
            self.indexed = has_text_index(self.conn)

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    def __enter__(self) -> TMStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        if self._count is None:
            with guard(self.path, "read the TM", self.timeout):
                self._count = int(self.conn.execute("SELECT count(*) FROM units").fetchone()[0])
        return self._count

    # -- adding ------------------------------------------------------------------

    def add(self, units: Iterable[TranslationUnit], *, name: str) -> AddReport:
        """Add units in one transaction (all or nothing).

        ``units`` is read to the end, and each unit's row and index bigrams are made,
        before the write lock is taken: the lock is held only while rows are written,
        and an error in the input never touches the TM.

        Args:
            units: the units; ``origin``, ``created`` and the ``x-confidence`` and
                ``x-review-state`` props are kept as the unit's origin.
            name: what is imported (a file name), recorded in ``imports``.

        Raises:
            InputError: locked (another import did not finish within the timeout),
                read-only or damaged database, full disk; any error from ``units``
                (e.g. FormatError from a TMX) propagates before anything is locked.
        """
        rows = [_row(u) for u in units]
        added = 0
        df: Counter[int] = Counter()
        conn = self.conn
        try:
            with guard(self.path, "add to the TM", self.timeout):
                conn.execute("BEGIN IMMEDIATE")
                import_id = int(conn.execute(
                    "INSERT INTO imports(name, date, added, duplicates) VALUES (?, ?, 0, 0)",
                    (name, tmx_date())).lastrowid or 0)
                postings: list[tuple[int, int]] = []
                for values, grams in rows:
                    cur = conn.execute(_INSERT_UNIT, (*values, import_id))
                    if cur.rowcount != 1:
                        continue
                    added += 1
                    uid = int(cur.lastrowid or 0)
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
                             (added, len(rows) - added, import_id))
                conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        finally:
            self._count = None
        return AddReport(len(rows), added, len(rows) - added)

    # -- reading -----------------------------------------------------------------

    def units(self, *, src_lang: str | None = None,
              tgt_lang: str | None = None) -> Iterator[TranslationUnit]:
        """All units in insertion order, optionally for one pair (primary language
        match: ``zh`` selects zh-CN, zh-TW, ...)."""
        with guard(self.path, "read the TM", self.timeout):
            cur = self.conn.execute(
                "SELECT source, target, source_lang, target_lang, document, created, props "
                "FROM units ORDER BY id")
            for s, t, sl, tl, doc, created, props in cur:
                if not _pair_ok(sl, tl, src_lang, tgt_lang):
                    continue
                try:
                    p = tuple((k, v) for k, v in json.loads(props))
                except (ValueError, TypeError) as e:  # JSON of a damaged page
                    raise InputError(f"cannot read the TM: the TM is damaged (bad props {e}); "
                                     "restore it from a backup or rebuild it with `align tm "
                                     "add` from your TMX files", path=self.path) from e
                yield TranslationUnit(s, t, sl, tl, p, created, doc)

    @_reading
    def source_locales(self, *, src_lang: str | None = None,
                       tgt_lang: str | None = None) -> set[str]:
        """The source locales of the units :meth:`units` yields with these filters."""
        return {sl for sl, tl in self.conn.execute(
            "SELECT DISTINCT source_lang, target_lang FROM units")
            if _pair_ok(sl, tl, src_lang, tgt_lang)}

    @_reading
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

    @_reading
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

    @_reading
    def translations(self, sources: Iterable[str], *, src_lang: str | None = None,
                     tgt_lang: str | None = None) -> dict[str, list[tuple[str, str | None]]]:
        """The TM's translations of each of ``sources`` (exact source, surrounding white
        space aside), as ``(target, document)`` in insertion order; sources the TM does
        not hold are left out. ``src_lang``/``tgt_lang`` keep one pair (primary language)."""
        out: dict[str, list[tuple[str, str | None]]] = {}
        for text in dict.fromkeys(s.strip() for s in sources):
            for target, sl, tl, doc in self.conn.execute(
                    "SELECT target, source_lang, target_lang, document FROM units "
                    "WHERE src_hash = ? AND source = ? ORDER BY id", (_h64(text), text)):
                if _pair_ok(sl, tl, src_lang, tgt_lang):
                    out.setdefault(text, []).append((target, doc))
        return out

    @_reading
    def concordance(self, text: str, *, lang: str | None = None,
                    top: int = 10) -> list[ConcordanceHit]:
        """Where ``text`` (a word, term or clause) occurs in the TM, on the side in its
        language, best first: see :func:`align.tm.concordance.search`.

        Args:
            text: what to look for.
            lang: its language ("zh"/"en" or a locale); default zh if it has Chinese
                characters.
            top: return at most this many.

        Raises:
            ConfigError: ``top`` < 1.
        """
        if top < 1:
            raise ConfigError(f"--top must be at least 1, got {top}")
        lang = primary(lang) if lang else ("zh" if has_han(text) else "en")
        seeds = None if index_usable(text, self.indexed) else self._bigram_units(text, lang)
        return search(self.conn, text, lang=lang, top=top, indexed=self.indexed, seeds=seeds)

    def _bigram_units(self, text: str, lang: str) -> list[int] | None:
        """The units whose source holds every token bigram of ``text`` (from the fuzzy
        index: two Chinese characters such as 七有, which the trigram index cannot look
        up), or None for a text of one token."""
        toks = analyse(text).text
        if len(toks) < 2:
            return None
        grams = sorted({_h64(f"{lang}\x1f{a}\x1f{b}") for a, b in zip(toks, toks[1:],
                                                                         strict=False)})
        return [u for (u,) in self.conn.execute(
            f"SELECT unit FROM postings WHERE gram IN ({','.join('?' * len(grams))}) "
            "GROUP BY unit HAVING count(*) = ? LIMIT 400", [*grams, len(grams)])]


    @_reading
    def previous_sources(self, source: str) -> set[str | None]:
        """For the units whose source is ``source``: the source of the unit stored
        just before each in the same import and document (the sentence that preceded
        it there), None for a unit that opened its document. What a context (101 %)
        match compares; a previous sentence that was a duplicate of an earlier unit
        was not stored again, so the one before it stands in."""
        rows = self.conn.execute(
            "SELECT u.import_id, u.document, p.source, p.import_id, p.document FROM units u "
            "LEFT JOIN units p ON p.id = u.id - 1 WHERE u.src_hash = ? AND u.source = ?",
            (_h64(source), source))
        return {prev if (pi, pd) == (ui, ud) else None for ui, ud, prev, pi, pd in rows}


def _pair_ok(sl: str, tl: str, src_lang: str | None, tgt_lang: str | None) -> bool:
    # primary language match: "zh" selects zh-CN, zh-TW, ...
    return ((not src_lang or primary(sl) == primary(src_lang))
            and (not tgt_lang or primary(tl) == primary(tgt_lang)))
