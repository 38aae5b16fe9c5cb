"""Building the :class:`~align.types.Alignment` that QA and term discovery work on.

Three inputs are accepted:

* a ladder file (``.align``) plus the two texts it aligns, read with
  :func:`align.formats.documents.read_document` and segmented with
  :func:`align.text.segment.segment_document` (the indices must refer to that
  segmentation);
* a TSV written by ``align pair`` (columns source, target, bead type, confidence;
  an optional header row; csv-style quoting or plain tab-separated lines). Each row becomes one bead of at most one segment per side
  (the row's joined texts), so bead indices are 0-based row numbers;
* two texts, aligned on the fly with :func:`align.aligner.align_files`.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

from align.errors import FormatError, InputError
from align.types import Alignment, Bead, Glossary, Segment, check_lang

_TYPE = re.compile(r"^\d+-\d+$")
_HEADER_TYPE = ("type", "bead")


def alignment_from_ladder(ladder: str | os.PathLike[str], src: str | os.PathLike[str],
                          tgt: str | os.PathLike[str], *, src_lang: str = "zh",
                          tgt_lang: str = "en") -> Alignment:
    """An alignment from a ladder file and its two texts (segmented by the project).

    Raises:
        InputError: unreadable files, or beads that do not fit the texts.
        FormatError: a malformed ladder line.
    """
    from align.formats.documents import read_document
    from align.formats.ladder import read_ladder
    from align.text.segment import segment_document

    beads = read_ladder(ladder)
    s = segment_document(read_document(src, check_lang(src_lang)))
    t = segment_document(read_document(tgt, check_lang(tgt_lang)))
    try:
        return Alignment(tuple(s), tuple(t), tuple(beads), {"ladder": str(ladder)})
    except InputError as e:
        raise InputError(f"{e.message}; was the ladder made from these texts with the "
                         "default segmentation?", path=ladder) from e


def alignment_from_tsv(path: str | os.PathLike[str], *, src_lang: str = "zh",
                       tgt_lang: str = "en") -> Alignment:
    """An alignment from an ``align pair`` TSV (source, target, type, confidence).

    Rows are read as plain tab-separated lines; if that does not give four fields per
    row, the file is read as quoted CSV-style TSV.

    Raises:
        InputError: missing or undecodable file.
        FormatError: a row without four fields, a bad type or confidence (with line).
    """
    from align.formats.documents import decode_data, read_bytes

    p = Path(path)
    if p.is_dir():
        raise InputError("is a folder, not an alignment file; give a .tsv from align pair",
                         path=p)
    if not p.is_file():
        raise InputError("no such alignment file; check the path", path=p)
    data = read_bytes(p)  # refuses absurd sizes
    # UTF-8, UTF-16 with a byte-order mark (Excel's "Unicode Text"), GB18030; binary refused.
    text = decode_data(data, p)[0] if data.strip() else ""
    rows = _csv_rows(text)
    if rows is None or not _rows_ok(rows):
        rows = _tsv_rows(text)
    src: list[Segment] = []
    tgt: list[Segment] = []
    beads: list[Bead] = []
    sl, tl = check_lang(src_lang), check_lang(tgt_lang)
    for n, r in rows:
        if len(r) != 4:
            raise FormatError(f"expected 4 tab-separated columns (source, target, type, "
                              f"confidence), found {len(r)}", path=p, line=n)
        s, t, kind, conf = r
        if n == rows[0][0] and kind.strip().lower() in _HEADER_TYPE:
            continue  # header
        if not _TYPE.match(kind.strip()):
            raise FormatError(f"bad bead type {kind!r}; expected e.g. 1-1 or 2-1", path=p, line=n)
        try:
            c = float(conf)
        except ValueError as e:
            raise FormatError(f"bad confidence {conf!r}; expected a number in [0, 1]",
                              path=p, line=n) from e
        bs: tuple[int, ...] = ()
        bt: tuple[int, ...] = ()
        if s.strip():
            bs = (len(src),)
            src.append(Segment(s, sl, len(src)))
        if t.strip():
            bt = (len(tgt),)
            tgt.append(Segment(t, tl, len(tgt)))
        if not bs and not bt:
            raise FormatError("both source and target are empty", path=p, line=n)
        if not 0.0 <= c <= 1.0:
            raise FormatError(f"confidence {c} outside [0, 1]", path=p, line=n)
        beads.append(Bead(bs, bt, c))
    if not beads:
        raise FormatError("no rows: the TSV is empty", path=p, line=1)
    return Alignment(tuple(src), tuple(tgt), tuple(beads), {"tsv": str(p)})


def _csv_rows(text: str) -> list[tuple[int, list[str]]] | None:
    """Rows as written by ``align pair`` (csv quoting); None if the text is not
    strictly quoted that way (then it is read as plain tab-separated lines)."""
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter="\t", strict=True)
    try:
        start = 1
        for r in reader:
            if any(c.strip() for c in r):
                rows.append((start, r))
            start = reader.line_num + 1
    except csv.Error:
        return None
    return rows


def _tsv_rows(text: str) -> list[tuple[int, list[str]]]:
    # Only \n ends a row: str.splitlines() would also split at U+2028, \x0b, \x1c... in a cell.
    lines = text.replace("\r\n", "\n").split("\n")
    return [(n, line.split("\t")) for n, line in enumerate(lines, 1) if line.strip()]


def _rows_ok(rows: Sequence[tuple[int, list[str]]]) -> bool:
    for k, (_, r) in enumerate(rows):
        if len(r) != 4:
            return False
        if not _TYPE.match(r[2].strip()) and not (k == 0 and r[2].strip().lower() in _HEADER_TYPE):
            return False
    return True


def alignment_from_texts(src: str | os.PathLike[str], tgt: str | os.PathLike[str], *,
                         src_lang: str = "zh", tgt_lang: str = "en",
                         glossary: Glossary | None = None) -> Alignment:
    """Align two texts on the fly with the project's aligner (glossary as anchors)."""
    from align.api import align_files

    return align_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, glossary=glossary)


def load_alignment(alignment: str | os.PathLike[str] | None = None,
                   src: str | os.PathLike[str] | None = None,
                   tgt: str | os.PathLike[str] | None = None, *, src_lang: str = "zh",
                   tgt_lang: str = "en", glossary: Glossary | None = None) -> Alignment:
    """The alignment for QA or discovery from whatever the user gave.

    Args:
        alignment: a ``.align`` ladder (needs ``src`` and ``tgt``), a ``.tsv`` from
            ``align pair``, or None to align ``src`` and ``tgt`` on the fly.

    Raises:
        InputError: a missing text, an unknown alignment suffix.
    """
    if alignment is not None:
        suf = Path(alignment).suffix.lower()
        if suf == ".tsv":
            return alignment_from_tsv(alignment, src_lang=src_lang, tgt_lang=tgt_lang)
        if suf == ".align":
            if src is None or tgt is None:
                raise InputError("a ladder alignment needs its two texts; add --src ZH --tgt EN",
                                 path=alignment)
            return alignment_from_ladder(alignment, src, tgt, src_lang=src_lang,
                                         tgt_lang=tgt_lang)
        raise InputError(f"unknown alignment format {suf or '(no suffix)'!r}; give a .align "
                         "ladder (with --src/--tgt) or a .tsv from align pair", path=alignment)
    if src is None or tgt is None:
        raise InputError("nothing to check: give an alignment file, or --src and --tgt texts "
                         "to align on the fly")
    return alignment_from_texts(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang,
                                glossary=glossary)
