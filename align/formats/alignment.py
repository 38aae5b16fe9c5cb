"""Alignment files: the one contract between files and :class:`~align.types.Alignment`.

Every command that takes an alignment (``align check``, ``align terms``, ``align tm
add``) and the Python API read it with :func:`read_alignment`, so a file accepted
by one is accepted by all with the same result, or refused by all with the same
message (``file:line: what is wrong; how to fix``). :func:`write_alignment` writes
every format :func:`read_alignment` reads (and TMX).

Formats, chosen by suffix:

* ``.tsv``, ``.csv``, ``.xlsx``: a table, one bead per row: source, target, and
  optionally bead type (``1-1``, ``2-1``, ``1-0``) and confidence (a number in
  [0, 1]). A first row naming its columns is a header (``source``/``src``,
  ``target``/``tgt``, ``bead``/``type``, ``confidence``/``score``; or the languages
  ``zh``/``en``); with a header the columns are found by name and others are
  ignored, without one they are taken in that order (2, 3 or 4 columns, the same
  in every row). A first row that names no known column but looks like a header
  (``ZH-CN``/``EN-US``: see :mod:`align.formats.header_guess`) is refused, not
  read as a pair. TSV cells may be csv-quoted or plain (see :mod:`align.formats.tsv`);
  a cell written spreadsheet-safe (``'=...``) reads back without its apostrophe.
* ``.jsonl``: one object per line with ``source`` and ``target`` (text) and
  optionally ``bead`` and ``confidence``; a first line ``{"signature": {...}}``
  (as ``align pair`` writes) becomes the alignment's signature.
* ``.align``: a ladder (see :mod:`align.formats.ladder`) plus the two texts it
  aligns, read and segmented as ``align pair`` does (the indices refer to that
  segmentation).
* ``.xlf``, ``.xliff``: an aligned bilingual XLIFF 1.2 file (``align pair -o x.xlf``),
  one unit per row (see :mod:`align.formats.xliff_pairs`).

Review state (``align review``, see :mod:`align.formats.alignment_out`): a
``status`` column or key (``unreviewed``, ``confirmed``, ``edited``; blank is
unreviewed) and the text before a correction (columns ``source original``/``target
original`` or ``zh original``/``en original``, keys ``source_original``/
``target_original``; blank where nothing was corrected) are read back onto the
beads and segments; a ladder carries the status after the confidence.

A table or JSON-lines row becomes one bead of at most one segment per side (the
row's text, which may join several sentences: its bead type is checked against
the empty sides, not kept), as :meth:`Alignment.from_pairs` makes them, so a
two-column file reads to ``Alignment.from_pairs`` of its rows. A row without a
confidence is taken as certain (1.0), as for a pair made by hand.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from align.errors import ConfigError, FormatError, InputError
from align.formats.alignment_out import (
    COLUMNS,
    format_jsonl,
    format_tsv,
    sheet_columns,
    sheet_rows,
    sheet_style,
)
from align.formats.decode import FileKind, read_data_file
from align.formats.files import atomic_write
from align.formats.header_guess import header_like
from align.formats.ladder import read_ladder, write_ladder
from align.formats.tsv import Row, header_columns, read_rows, unescape_cell
from align.types import BEAD_STATUSES, Alignment, Bead, Lang, check_lang
from align.version import format_signature

#: Suffixes :func:`read_alignment` reads (:data:`SUFFIXES`) but the .align ladder: the
#: files that hold their text, a bead per row or XLIFF unit. *_FORMATS: for help texts.
ROW_SUFFIXES = (".tsv", ".csv", ".xlsx", ".jsonl", ".xlf", ".xliff")
ROW_FORMATS = ".tsv, .csv, .xlsx, .jsonl or .xlf/.xliff"
SUFFIXES = (*ROW_SUFFIXES, ".align")
#: Suffixes :func:`write_alignment` writes.
OUTPUT_SUFFIXES = (".align", ".tsv", ".csv", ".xlsx", ".jsonl", ".tmx", ".xlf", ".xliff")
OUTPUT_FORMATS = ".tsv, .csv, .xlsx, .jsonl, .align, .tmx or .xlf/.xliff"
ALIGNMENT_FILE = FileKind(
    "an alignment file", "alignment file", f"give a {ROW_FORMATS} alignment file, in UTF-8",
    empty="no rows: the file holds no sentences; give one source and target sentence per row")

#: Header names of the table columns (compared in lower case); the language
#: columns zh/en also name source and target.
HEADER_NAMES = {
    "source": frozenset({"source", "src", "source text", "source_text"}),
    "target": frozenset({"target", "tgt", "target text", "target_text", "translation"}),
    "bead": frozenset({"bead", "type", "kind", "bead type", "bead_type"}),
    "confidence": frozenset({"confidence", "conf", "score"}),
    "status": frozenset({"status", "state", "review state", "review"}),
    "source original": frozenset({"source original", "original source"}),
    "target original": frozenset({"target original", "original target"}),
}
#: the review columns of a table, and their keys in JSON lines
REVIEW_KEYS = {"status": "status", "source original": "source_original",
               "target original": "target_original"}
LANGUAGE_NAMES = {"zh": frozenset({"zh", "chinese", "中文"}),
                  "en": frozenset({"en", "english", "英文"})}

_TYPE = re.compile(r"^(\d+)-(\d+)$")
_COLUMNS_HINT = "source, target[, bead type[, confidence]]"

# (line, source, target, bead type, confidence, review cells): one row of any table
# format; review cells are named by the keys of REVIEW_KEYS
_Pair = tuple[int, str, str, str, object, dict[str, str]]


def read_alignment(path: str | os.PathLike[str], *, src: str | os.PathLike[str] | None = None,
                   tgt: str | os.PathLike[str] | None = None, src_lang: str = "zh",
                   tgt_lang: str = "en") -> Alignment:
    """Read an alignment file; the format follows the suffix (see the module doc).

    Args:
        path: a file of one of :data:`SUFFIXES`.
        src, tgt: the two texts of a ``.align`` ladder (only for it).
        src_lang, tgt_lang: the languages of source and target ("zh", "en").

    Raises:
        InputError: missing or unreadable file, an unknown suffix, texts missing
            for (or given with something other than) a ladder, a ladder that does
            not fit its texts.
        FormatError: a malformed file, with its line.
        ConfigError: unknown or equal languages.
    """
    sl, tl = check_lang(src_lang), check_lang(tgt_lang)
    if sl == tl:
        raise ConfigError(f"source and target are both {sl!r}; one side must be zh and "
                          "the other en")
    p = Path(path)
    suf = p.suffix.lower()
    if suf not in SUFFIXES:
        raise InputError(f"unknown alignment format {suf or '(no suffix)'!r}; give a "
                         f"{ROW_FORMATS} alignment, or a .align ladder with its two texts "
                         "(--src/--tgt)", path=p)
    if suf == ".align":
        if src is None or tgt is None:
            raise InputError("a ladder alignment needs its two texts; add --src SRC --tgt TGT",
                             path=p)
        return _from_ladder(p, src, tgt, sl, tl)
    if src is not None or tgt is not None:
        raise InputError(f"--src/--tgt are the texts of a .align ladder; a {suf} alignment "
                         "holds its own text: leave them out", path=p)
    if suf == ".jsonl":
        text, _ = read_data_file(p, kind=ALIGNMENT_FILE)
        signature, pairs = _jsonl_pairs(text, p)
        return _build(pairs, p, sl, tl, signature or {"format": "jsonl", "file": str(p)})
    if suf in (".xlf", ".xliff"):
        from align.formats.xliff_pairs import xliff_rows

        signature, pairs = xliff_rows(p, sl, tl)
        return _build(pairs, p, sl, tl, signature or {"format": "xliff", "file": str(p)})
    if suf == ".xlsx":
        from align.formats.xlsx import read_xlsx_rows

        rows = read_xlsx_rows(p, kind=ALIGNMENT_FILE)
        escaped = False  # a sheet holds values; nothing was escaped
    else:
        text, _ = read_data_file(p, kind=ALIGNMENT_FILE)
        rows = read_rows(text, delimiter="\t" if suf == ".tsv" else ",",
                         quoting="auto" if suf == ".tsv" else "csv", path=p)
        escaped = True
    return _build(_table_pairs(rows, p, sl, tl, escaped=escaped), p, sl, tl,
                  {"format": suf[1:], "file": str(p)})


def _from_ladder(p: Path, src: str | os.PathLike[str], tgt: str | os.PathLike[str], sl: Lang,
                 tl: Lang) -> Alignment:
    """A ladder and its two texts, segmented as ``align pair`` segments them."""
    from align.formats.documents import read_document
    from align.text.segment import segment_document

    beads = read_ladder(p)
    s = segment_document(read_document(src, sl))
    t = segment_document(read_document(tgt, tl))
    try:
        return Alignment(tuple(s), tuple(t), tuple(beads), {"ladder": str(p)})
    except InputError as e:
        raise InputError(f"{e.message}; was the ladder made from these texts with the "
                         "default segmentation?", path=p) from e


def _table_pairs(rows: list[Row], p: Path, sl: Lang, tl: Lang, *,
                 escaped: bool) -> Iterator[_Pair]:
    """The rows of a table as pairs: columns by header name, else by position."""
    if not rows:
        return  # no rows: refused as an empty file
    names = {**HEADER_NAMES, "source": HEADER_NAMES["source"] | LANGUAGE_NAMES[sl],
             "target": HEADER_NAMES["target"] | LANGUAGE_NAMES[tl],
             "source original": HEADER_NAMES["source original"]
             | {f"{n} original" for n in LANGUAGE_NAMES[sl]},
             "target original": HEADER_NAMES["target original"]
             | {f"{n} original" for n in LANGUAGE_NAMES[tl]}}
    first = rows[0]
    cols = header_columns(first.cells, names)
    header = "source" in cols and "target" in cols
    width = len(first.cells)
    if header:
        rows = rows[1:]
    else:
        if header_like(first.cells, rows[1:], 0 if sl == "zh" else 1):
            raise FormatError(
                f"this row looks like a header but names no known column (found: "
                f"{', '.join(c.strip() for c in first.cells)[:80]}); name the columns "
                "source and target (or src/tgt, zh/en), optionally bead and confidence; "
                "if it is a sentence pair, put such a header row above it",
                path=p, line=first.line)
        if not 2 <= width <= 4:
            raise FormatError(f"expected 2 to 4 columns ({_COLUMNS_HINT}) or a header row "
                              f"naming them; found {width}", path=p, line=first.line)
        cols = dict(zip(COLUMNS, range(width), strict=False))
    for row in rows:
        cells = list(row.cells)
        if header:
            if any(c.strip() for c in cells[width:]):
                raise FormatError(f"found {len(cells)} columns, but the header (line "
                                  f"{first.line}) names {width}; remove the extra cells or "
                                  "name their column", path=p, line=row.line)
            cells += [""] * (width - len(cells))
        elif len(cells) != width:
            raise FormatError(f"found {len(cells)} columns, but line {first.line} has {width} "
                              f"({_COLUMNS_HINT}); give every row the same columns",
                              path=p, line=row.line)
        if escaped:
            cells = [unescape_cell(c) for c in cells]
        get = {k: cells[i] for k, i in cols.items()}
        yield (row.line, get["source"], get["target"], get.get("bead", ""),
               get.get("confidence", ""), {k: get[k] for k in REVIEW_KEYS if k in get})


def _jsonl_pairs(text: str, p: Path) -> tuple[dict[str, str] | None, list[_Pair]]:
    """(signature of the first line, if any; the pairs of the other lines)."""
    signature: dict[str, str] | None = None
    pairs: list[_Pair] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(f"not JSON: {e.msg}; give one JSON object per line", path=p,
                              line=n) from None
        if not isinstance(obj, dict):
            raise FormatError("expected one JSON object per line, e.g. {\"source\": \"...\", "
                              "\"target\": \"...\"}", path=p, line=n)
        if not pairs and signature is None and set(obj) == {"signature"}:
            if isinstance(obj["signature"], dict):
                signature = {str(k): str(v) for k, v in obj["signature"].items()}
                continue
        src, tgt = obj.get("source"), obj.get("target")
        if not isinstance(src, str) or not isinstance(tgt, str):
            raise FormatError("expected text in \"source\" and \"target\" (\"\" for an empty "
                              f"side); found keys: {', '.join(map(str, obj))[:80] or 'none'}",
                              path=p, line=n)
        kind = obj.get("bead", "")
        if not isinstance(kind, str):
            raise FormatError(f"bad bead type {kind!r}; expected text such as \"1-1\"",
                              path=p, line=n)
        conf = obj.get("confidence")
        review = {k: obj[key] for k, key in REVIEW_KEYS.items() if obj.get(key) is not None}
        if any(not isinstance(v, str) for v in review.values()):
            raise FormatError("expected text in \"status\", \"source_original\" and "
                              "\"target_original\"", path=p, line=n)
        pairs.append((n, src, tgt, kind, "" if conf is None else conf, review))
    return signature, pairs


def _build(pairs: Iterable[_Pair], p: Path, sl: Lang, tl: Lang,
           signature: dict[str, str]) -> Alignment:
    """The alignment of checked rows: :meth:`Alignment.from_pairs` of their texts
    (one bead of at most one segment per side), with their confidences."""
    texts: list[tuple[str, str]] = []
    confidences: list[float] = []
    reviews: list[dict[str, str]] = []
    for n, s, t, kind, conf, review in pairs:
        confidences.append(_check_pair(n, s, t, kind, conf, p))
        texts.append((s, t))
        reviews.append(_check_review(n, review, p))
    if not texts:
        raise FormatError(ALIGNMENT_FILE.empty or "", path=p, line=1)
    al = Alignment.from_pairs(texts, sl, tl, signature=signature)
    beads = tuple(Bead(b.src, b.tgt, c, r.get("status") or "unreviewed")
                  for b, c, r in zip(al.beads, confidences, reviews, strict=True))
    if not any("source original" in r or "target original" in r for r in reviews):
        return dataclasses.replace(al, beads=beads)
    sides = [list(al.src), list(al.tgt)]
    for b, r in zip(beads, reviews, strict=True):
        for side, idx, key in ((0, b.src, "source original"), (1, b.tgt, "target original")):
            old = r.get(key, "")
            if idx and old and old != sides[side][idx[0]].text:
                sides[side][idx[0]] = dataclasses.replace(sides[side][idx[0]], original=old)
    return dataclasses.replace(al, src=tuple(sides[0]), tgt=tuple(sides[1]), beads=beads)


def _check_review(n: int, review: dict[str, str], p: Path) -> dict[str, str]:
    """The review cells of a row, the status checked and normalised (blank cells
    left out)."""
    out = {k: v for k, v in review.items() if v.strip()}
    if "status" in out:
        status = out["status"].strip().lower()
        if status not in BEAD_STATUSES:
            raise FormatError(f"bad status {out['status']!r}; use one of "
                              f"{', '.join(BEAD_STATUSES)} (blank: unreviewed)", path=p, line=n)
        out["status"] = status
    return out


def _check_pair(n: int, s: str, t: str, kind: str, conf: object, p: Path) -> float:
    """The confidence of a row, after checking its texts and bead type."""
    if not s.strip() and not t.strip():
        raise FormatError("both source and target are empty; remove the row or fill a side",
                          path=p, line=n)
    kind = kind.strip()
    if kind:
        m = _TYPE.match(kind)
        if not m:
            raise FormatError(f"bad bead type {kind!r}; expected e.g. 1-1, 2-1 or 1-0",
                              path=p, line=n)
        for count, text, side in ((m.group(1), s, "source"), (m.group(2), t, "target")):
            if (int(count) == 0) != (not text.strip()):
                state = "empty" if not text.strip() else "not empty"
                raise FormatError(f"bead type {kind} does not fit the row: the {side} is "
                                  f"{state}; correct the type or the text", path=p, line=n)
    if isinstance(conf, str) and not conf.strip():
        return 1.0
    if isinstance(conf, bool) or not isinstance(conf, str | int | float):
        raise FormatError(f"bad confidence {conf!r}; expected a number in [0, 1]", path=p,
                          line=n)
    try:
        c = float(conf)
    except ValueError:
        raise FormatError(f"bad confidence {conf!r}; expected a number in [0, 1]", path=p,
                          line=n) from None
    if not 0.0 <= c <= 1.0:
        raise FormatError(f"confidence {conf} outside [0, 1]; give a number from 0 to 1",
                          path=p, line=n)
    return c


def check_output_suffix(path: str | os.PathLike[str]) -> None:
    """Raise ConfigError unless ``path`` has a suffix :func:`write_alignment` writes;
    callers check before the work, so a typo does not cost an alignment run."""
    p = Path(path)
    if p.suffix.lower() not in OUTPUT_SUFFIXES:
        raise ConfigError(f"{p}: unknown output format {p.suffix or '(no suffix)'!r}; "
                          f"use one of {', '.join(OUTPUT_SUFFIXES)}")


def write_alignment(alignment: Alignment, path: str | os.PathLike[str], *,
                    min_confidence: float | None = None, review_below: float = 0.5,
                    src_locale: str | None = None, tgt_locale: str | None = None) -> None:
    """Write an alignment atomically; the format follows the suffix of ``path``.

    ``.align`` (ladder with confidences and review states; the signature in a ``#``
    comment line), ``.tsv``/``.csv`` (header row; source, target, bead type,
    confidence, and the review columns once reviewed), ``.xlsx`` (a styled sheet for
    people: numbered beads, columns named by language, a status column), ``.jsonl``
    (signature line, then one bead per line), ``.tmx`` (via
    :mod:`align.formats.tmx.writer`), ``.xlf``/``.xliff`` (XLIFF 1.2, one unit per
    bead: :func:`align.formats.xliff.alignment_xliff`). Every format but TMX reads
    back with :func:`read_alignment`, review state included (XLIFF: status, not the
    text before a correction; see :mod:`align.formats.alignment_out`).

    The keyword arguments apply to TMX (``review_below`` and the locales to XLIFF too; see
    :func:`align.formats.tmx.writer.alignment_to_units`): beads below
    ``min_confidence`` are left out, kept beads below ``review_below`` are marked
    ``x-review-state=needs-review``; locales default to zh-CN / en-US.

    Raises:
        ConfigError: for an unknown suffix.
        InputError: if the output folder does not exist or is not writable.
    """
    check_output_suffix(path)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".align":
        write_ladder(p, alignment.beads, with_confidence=True, signature=alignment.signature)
    elif suffix in (".tsv", ".csv", ".jsonl"):
        text = (format_jsonl(alignment) if suffix == ".jsonl" else
                format_tsv(alignment, delimiter="\t" if suffix == ".tsv" else ","))
        with atomic_write(p) as f:
            f.write(text)
    elif suffix == ".xlsx":
        from align.formats.xlsx import write_xlsx

        write_xlsx(p, sheet_columns(alignment), sheet_rows(alignment), sheet="alignment",
                   style=sheet_style(alignment))
    elif suffix in (".xlf", ".xliff"):
        from align.formats.xliff import alignment_xliff, write_xliff

        write_xliff(p, alignment_xliff(alignment, original=alignment.signature.get("src")
                                       or p.stem, review_below=review_below,
                                       src_locale=src_locale, tgt_locale=tgt_locale))
    else:
        from align.formats.tmx.writer import alignment_to_units, write_tmx

        origin = alignment.signature.get("src") or p.stem
        units = alignment_to_units(alignment, origin=origin, min_confidence=min_confidence,
                                   review_below=review_below, src_locale=src_locale,
                                   tgt_locale=tgt_locale)
        write_tmx(p, units, header_props={"x-alignment": format_signature(alignment.signature)})
