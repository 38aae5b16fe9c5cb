"""Units to add to a TM, read from a TMX file or an alignment TSV/JSONL file."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

from align.errors import FormatError, InputError
from align.formats.tmx.lang import normalize_locale
from align.formats.tmx.reader import TmxReader, read_tmx
from align.formats.tmx.writer import tmx_date
from align.types import TranslationUnit

_SRC_NAMES = {"source", "src", "source text"}
_TGT_NAMES = {"target", "tgt", "target text"}
_KIND_NAMES = {"bead", "type", "kind", "bead type"}
_CONF_NAMES = {"confidence", "conf", "score"}


def units_from_file(path: str | os.PathLike[str], *, src_lang: str = "zh-CN",
                    tgt_lang: str = "en-US", skip_invalid: bool = False,
                    review_below: float = 0.5) -> Iterator[TranslationUnit] | TmxReader:
    """Units from ``.tmx`` (see :func:`align.tmx.read_tmx`), or from an alignment
    ``.tsv`` (columns source, target[, bead type[, confidence]], optional header)
    or ``.jsonl`` (objects with source/target[, bead, confidence]) as written by
    ``align pair``. Alignment rows with an empty side are skipped (omissions);
    rows below ``review_below`` confidence are marked ``needs-review``.

    Raises:
        InputError: missing file or unknown suffix. FormatError: malformed rows.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".tmx":
        return read_tmx(p, src_lang, tgt_lang, skip_invalid=skip_invalid)
    if suffix not in (".tsv", ".jsonl"):
        raise InputError(f"cannot add {suffix or 'a file without suffix'} to a TM; give a "
                         ".tmx, or an alignment .tsv/.jsonl from `align pair`", path=p)
    sl, tl = normalize_locale(src_lang), normalize_locale(tgt_lang)
    from align.formats.documents import read_data_file

    # Missing, folder, empty, binary, too large; UTF-8/UTF-16 with BOM, GB18030.
    text, _ = read_data_file(p)
    rows = _tsv_rows(text, p) if suffix == ".tsv" else _jsonl_rows(text, p)
    return _alignment_units(rows, p, sl, tl, review_below)


Row = tuple[int, str, str, str, str]  # line, source, target, bead, confidence


def _tsv_rows(text: str, p: Path) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")  # as `align pair` quotes
    cols: tuple[int | None, ...] = (0, 1, 2, 3)
    start = 1
    try:
        for cells in reader:
            # n: the line the row starts on (a quoted cell may span lines)
            n, start = start, reader.line_num + 1
            if not cells or not any(c.strip() for c in cells):
                continue
            low = [c.strip().lower() for c in cells]
            if n == 1 and low[0] in _SRC_NAMES | {"zh", "en"}:
                cols = _header_cols(low)
                continue
            if len(cells) < 2:
                raise FormatError(f"expected source<TAB>target[<TAB>bead<TAB>confidence]; "
                                  f"found {len(cells)} column", path=p, line=n)
            get = [cells[c] if c is not None and c < len(cells) else "" for c in cols]
            yield n, get[0], get[1], get[2], get[3]
    except csv.Error as e:  # an unbalanced quote, a cell over the csv field limit
        raise FormatError(f"cannot read the row ({e}); check its quotes, or split very long "
                          "cells", path=p, line=reader.line_num) from None


def _header_cols(low: list[str]) -> tuple[int | None, ...]:
    def find(names: set[str], default: int | None) -> int | None:
        return next((i for i, c in enumerate(low) if c in names), default)

    return find(_SRC_NAMES, 0), find(_TGT_NAMES, 1), find(_KIND_NAMES, None), find(
        _CONF_NAMES, None)


def _jsonl_rows(text: str, p: Path) -> Iterator[Row]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(f"not JSON: {e.msg}", path=p, line=n) from e
        if not isinstance(obj, dict):
            raise FormatError("expected one JSON object per line", path=p, line=n)
        src = obj.get("source", obj.get("src_text", obj.get("src", "")))
        tgt = obj.get("target", obj.get("tgt_text", obj.get("tgt", "")))
        if not isinstance(src, str) or not isinstance(tgt, str):
            raise FormatError("expected text in 'source' and 'target'", path=p, line=n)
        kind = obj.get("bead", obj.get("type", ""))
        yield n, src, tgt, str(kind if isinstance(kind, str) else ""), str(
            obj.get("confidence", ""))


def _alignment_units(rows: Iterator[Row], p: Path, sl: str, tl: str,
                     review_below: float) -> Iterator[TranslationUnit]:
    created = tmx_date()
    for n, src, tgt, kind, conf in rows:
        if not src.strip() or not tgt.strip():
            continue
        props = [("x-document", p.stem)]
        if kind.strip():
            props.append(("x-bead", kind.strip()))
        if conf.strip():
            try:
                c = float(conf)
            except ValueError as e:
                raise FormatError(f"confidence {conf!r} is not a number", path=p, line=n) from e
            props.append(("x-confidence", f"{c:.3f}"))
            props.append(("x-review-state", "needs-review" if c < review_below else "unreviewed"))
        yield TranslationUnit(src, tgt, sl, tl, tuple(props), created, p.stem)
