"""Concordance search: where a word, term or clause occurs in the TM, on either language
side, with the other side's sentence and the hit offsets.

Two steps, as CAT tools do it:

1. *Candidates* from the store's text index (SQLite FTS5 trigram index on both sides,
   see :mod:`align.tm.database`), on each side that holds the query's language. Pieces
   are the query's runs of letters and digits and of Chinese characters (punctuation
   and spaces cut them, so ``，``/``,`` or a no-break space in the TM do not matter); a
   Chinese run longer than :data:`WINDOW` characters is cut into overlapping windows,
   so a clause found only in part still yields candidates. Pieces shorter than 3
   characters (the trigram index cannot look them up) and English stop words are left
   out. The units holding every piece come first; while fewer than ``top`` are found,
   those holding every piece that occurs in the TM at all, then those holding any, by
   the index's BM25 rank (at most :data:`CANDIDATES` per step). A query the index
   cannot look up (two Chinese characters such as 七有) takes the units whose source
   holds its character bigrams from the store's fuzzy index, and a scan (``instr``)
   of the other side and of a TM without the text index.
2. *Ranking* by :func:`coverage`, then shortness: the share of the query's tokens
   (Chinese characters, English words, both case- and width-folded, punctuation left
   out) that the unit holds in runs of at least :func:`min_run` consecutive tokens.
   So a clause found verbatim covers 100 %, two swapped clauses of a sentence still
   cover nearly all of it, and an unrelated sentence sharing a word or two covers
   little. When more than :data:`CANDIDATES` units hold every piece, "shortest" is
   among the first of them the index yields (sorting every hit by length would read
   every hit's row).

Score convention: ``coverage`` in [0, 1], higher is better.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass

from align.formats.tmx.lang import primary
from align.text.english import STOP_WORDS
from align.text.normalize import fold
from align.text.script import HAN, has_han

#: length of the windows a long run of Chinese characters is cut into (stride half of it)
WINDOW = 6
_MAX_PIECES = 24
#: how many units each candidate step takes at most
CANDIDATES = 100
_SCAN_LIMIT = 400
_SEP = "\x1f"
#: the units whose side (column) is in the language ``:lang`` (a primary language)
_SIDE = {"source": "src_primary = :lang",
         "target": "(target_lang = :lang OR target_lang BETWEEN :lang || '-' AND :lang || '-~')"}
_TOKEN = re.compile(rf"[{HAN}]|[^\W_{HAN}]+")
_RUN = re.compile(rf"[{HAN}]+|[^\W_{HAN}]+")


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """One unit where the query occurs.

    Attributes:
        text: the side of the unit in the query's language (where the hit is).
        other: the other side (its translation).
        lang, other_lang: their locales.
        spans: ``(start, end)`` offsets of the hit in ``text``, ascending, disjoint.
        coverage: share of the query's tokens found in ``text`` (see :func:`coverage`).
        in_source: whether ``text`` is the unit's source.
        document: the unit's origin document, if known.
    """

    text: str
    other: str
    lang: str
    other_lang: str
    spans: tuple[tuple[int, int], ...]
    coverage: float
    in_source: bool
    document: str | None

    @property
    def percent(self) -> int:
        """The coverage as a whole percentage (rounded down)."""
        return int(self.coverage * 100 + 1e-9)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The matching tokens of ``text``: each Chinese character, each run of other
    letters and digits, as ``(key, start, end)``; keys are width-folded lower case,
    offsets index ``text``."""
    folded = fold(text)
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def min_run(query_tokens: int, lang: str) -> int:
    """How many consecutive query tokens a unit must hold for them to count: three
    Chinese characters or two English words (fewer for a shorter query)."""
    return min(query_tokens, 3 if primary(lang) == "zh" else 2)


def coverage(query: list[str], text: str, lang: str
             ) -> tuple[float, tuple[tuple[int, int], ...]]:
    """How much of the query (its token keys, see :func:`tokens`) ``text`` holds.

    Walks the query left to right, taking at each position the longest run of query
    tokens that occurs in ``text``; a run of at least :func:`min_run` tokens is covered
    and highlighted where it first occurs in ``text``.

    Returns:
        The covered share of the query's tokens in [0, 1], and the highlighted spans of
        ``text`` (merged, ascending).
    """
    toks = tokens(text)
    if not query or not toks:
        return 0.0, ()
    joined = _SEP + _SEP.join(k for k, _, _ in toks) + _SEP
    starts, pos = [], 0
    for k, _, _ in toks:
        starts.append(pos)
        pos += len(k) + 1
    need = min_run(len(query), lang)
    covered, spans, i = 0, [], 0
    while i < len(query):
        j = i
        while j < len(query) and _SEP + _SEP.join(query[i:j + 1]) + _SEP in joined:
            j += 1
        if j - i >= need:
            at = joined.find(_SEP + _SEP.join(query[i:j]) + _SEP)
            first = bisect_right(starts, at) - 1  # the separator before token ``first``
            spans.append((toks[first][1], toks[first + j - i - 1][2]))
            covered += j - i
            i = j
        else:
            i += 1
    return covered / len(query), _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def pieces(query: str) -> list[str]:
    """The pieces of ``query`` the text index is searched for (see the module
    docstring): runs of letters/digits and of Chinese characters, long Chinese runs as
    overlapping windows; each at least 3 characters, English stop words left out."""
    out: dict[str, None] = {}
    for m in _RUN.finditer(query):  # as typed: the index holds the TM's own characters
        run = m.group()
        if has_han(run) and len(run) > WINDOW:
            step = WINDOW // 2
            for s in range(0, len(run) - WINDOW + step, step):
                out[run[s:s + WINDOW] if s + WINDOW <= len(run) else run[-WINDOW:]] = None
        elif len(run) >= 3 and run.lower() not in STOP_WORDS:
            out[run] = None
    return list(out)[:_MAX_PIECES]


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts(conn: sqlite3.Connection, column: str, expr: str, limit: int,
         ranked: bool = False) -> list[int]:
    order = " ORDER BY rank" if ranked else ""
    return [r for (r,) in conn.execute(
        f"SELECT rowid FROM units_fts WHERE units_fts MATCH ?{order} LIMIT ?",
        (f"{column} : ({expr})", limit))]


def _indexed(conn: sqlite3.Connection, query: str, column: str, top: int) -> list[int]:
    """Candidates from the text index, in steps, each only while fewer than ``top``
    units are found: the units holding every piece of the query (the whole query when
    it has no piece); those holding every piece that occurs in the TM at all; those
    holding any of them, by BM25 rank."""
    found = pieces(query) or [query]
    every = " AND ".join(map(_phrase, found))
    ids = dict.fromkeys(_fts(conn, column, every, CANDIDATES))
    if len(ids) < top and len(found) > 1:
        present = [p for p in found if _fts(conn, column, _phrase(p), 1)]
        if 1 < len(present) < len(found):
            ids.update(dict.fromkeys(_fts(conn, column, " AND ".join(map(_phrase, present)),
                                          CANDIDATES)))
        if len(ids) < top and present:
            ids.update(dict.fromkeys(_fts(conn, column, " OR ".join(map(_phrase, present)),
                                          CANDIDATES, ranked=True)))
    return list(ids)


def _has_side(conn: sqlite3.Connection, column: str, lang: str) -> bool:
    """Whether any unit has its ``column`` side in ``lang`` (both are indexed)."""
    return conn.execute(f"SELECT EXISTS (SELECT 1 FROM units WHERE {_SIDE[column]})",
                        {"lang": lang}).fetchone()[0] == 1


def _scan(conn: sqlite3.Connection, query: str, column: str, lang: str) -> list[int]:
    """Candidates by ``instr`` over the units whose side ``column`` is in ``lang``,
    shortest first (queries the text index cannot look up)."""
    keys = [m.group().lower() for m in _RUN.finditer(fold(query))] or [query.lower()]
    test = " OR ".join(f"instr(lower({column}), :k{i}) > 0" for i in range(len(keys)))
    return [r for (r,) in conn.execute(
        f"SELECT id FROM units WHERE {_SIDE[column]} AND ({test}) ORDER BY length({column}) LIMIT :n",
        {"lang": lang, "n": _SCAN_LIMIT, **{f"k{i}": k for i, k in enumerate(keys)}})]


def index_usable(query: str, indexed: bool) -> bool:
    """Whether the text index can look ``query`` up: the TM has it, and the query is
    3 characters or longer or has a piece (see :func:`pieces`)."""
    return indexed and (len(query.strip()) >= 3 or bool(pieces(query)))


def candidates(conn: sqlite3.Connection, query: str, lang: str, *, top: int, indexed: bool,
               seeds: list[int] | None = None) -> list[tuple[int, bool]]:
    """Units to rank for ``query``: ``(unit id, in_source)``.

    From the text index when the TM has one and the query has a piece it can look up;
    else, on the source side, ``seeds`` when given (units found by the caller's own
    index, e.g. the store's bigram postings for a two-character query), and by a scan
    of the units whose side is in ``lang``, shortest first.
    """
    out: dict[tuple[int, bool], None] = {}
    usable = index_usable(query, indexed)
    for column in ("source", "target"):
        if indexed and not _has_side(conn, column, lang):
            continue
        if usable:
            ids = _indexed(conn, query, column, top)
        elif column == "source" and seeds is not None:
            ids = seeds
        else:
            ids = _scan(conn, query, column, lang)
        out.update(((uid, column == "source"), None) for uid in ids)
    return list(out)


def search(conn: sqlite3.Connection, query: str, *, lang: str | None = None, top: int = 10,
           indexed: bool = True, seeds: list[int] | None = None) -> list[ConcordanceHit]:
    """The units where ``query`` occurs, best first (coverage, then shorter text).

    Args:
        conn: an open TM (see :class:`align.tm.store.TMStore`).
        query: a word, term, clause or sentence.
        lang: its language ("zh", "en" or a locale); default zh if it has Chinese
            characters, else en.
        top: return at most this many.
        indexed: the TM has the text index (else every unit is scanned).
        seeds: source-side candidates for a query the text index cannot look up
            (see :func:`candidates`).

    Returns:
        Hits with a coverage above 0, at most ``top``.
    """
    query = query.strip()
    lang = primary(lang) if lang else ("zh" if has_han(query) else "en")
    qkeys = [k for k, _, _ in tokens(query)]
    if not qkeys:
        return []
    ids = candidates(conn, query, lang, top=top, indexed=indexed, seeds=seeds)
    rows = {uid: row for uid, *row in conn.execute(
        "SELECT id, source, target, source_lang, target_lang, document FROM units "
        f"WHERE id IN ({','.join('?' * len(ids))})", [uid for uid, _ in ids])} if ids else {}
    hits: list[tuple[int, ConcordanceHit]] = []
    whole = fold(query).lower()
    full = 0
    # shortest first: once ``top`` units hold the whole query, no longer one can rank higher
    for uid, in_source in sorted(ids, key=lambda c: (len(rows[c[0]][0 if c[1] else 1]), c[0])):
        if full >= top:
            break
        src, tgt, sl, tl, doc = rows[uid]
        text, other, tl1, ol = (src, tgt, sl, tl) if in_source else (tgt, src, tl, sl)
        if primary(tl1) != lang:
            continue
        at = _find_folded(text, whole)
        spans: tuple[tuple[int, int], ...]
        if at >= 0:
            cov, spans = 1.0, ((at, at + len(whole)),)
            full += 1
        else:
            cov, spans = coverage(qkeys, text, lang)
        if cov > 0:
            hits.append((uid, ConcordanceHit(text, other, tl1, ol, spans, cov, in_source, doc)))
    hits.sort(key=lambda h: (-h[1].coverage, len(h[1].text), h[0]))
    return [h for _, h in hits[:top]]


def _find_folded(text: str, folded_query: str) -> int:
    """Where the folded, lower-case query occurs in ``text`` (folded and lower-cased
    alike), or -1; offsets index ``text`` (-1 too when lower case changes its length)."""
    low = fold(text).lower()
    return low.find(folded_query) if len(low) == len(text) else -1
