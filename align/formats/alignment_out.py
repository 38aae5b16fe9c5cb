"""The text of an alignment in each table format: TSV/CSV rows, JSON lines, sheet rows.

:func:`align.formats.alignment.write_alignment` chooses the format by suffix and
writes the file; this module only renders. Every format holds one bead per row:
source text, target text, bead type (``2-1``), confidence (3 decimals; 4 in JSON
lines), which is what :func:`align.formats.alignment.read_alignment` reads back.

A reviewed alignment (``align review``: a bead confirmed or edited, a sentence
corrected) also carries its review state, so a review can be resumed from the file:
a ``status`` column (``unreviewed``, ``confirmed``, ``edited``) and, where a
sentence was corrected, the bead's text before the correction (``source original``,
``target original``; empty where nothing was corrected). The XLSX sheet is for
people: numbered beads (from 1), columns named by language (``zh``, ``en``), always
a status column, styled (see :func:`sheet_style`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from align.formats.tsv import format_rows
from align.formats.xlsx import SheetStyle
from align.types import BEAD_STATUSES, Alignment, Bead, join_sentences, number_shown

#: Header of the table formats (.tsv, .csv), in column order.
COLUMNS = ("source", "target", "bead", "confidence")
#: Columns a reviewed alignment adds to them.
REVIEW_COLUMNS = ("status", "source original", "target original")
#: background of the reviewed states in the .xlsx status column
STATUS_FILLS = {"confirmed": "C6EFCE", "edited": "DDEBF7"}


def is_reviewed(alignment: Alignment) -> bool:
    """Whether any bead was confirmed or edited, or any sentence corrected."""
    return (any(b.status != "unreviewed" for b in alignment.beads)
            or any(s.original is not None for s in (*alignment.src, *alignment.tgt)))


def originals(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    """The bead's source and target text before correction ("" for a side none of
    whose sentences was corrected)."""
    out = []
    for idx, segs, lang in ((bead.src, alignment.src, alignment.src_lang),
                            (bead.tgt, alignment.tgt, alignment.tgt_lang)):
        side = [segs[i] for i in idx]
        changed = any(s.original is not None for s in side)
        out.append(join_sentences([s.text if s.original is None else s.original
                                   for s in side], lang) if changed else "")
    return out[0], out[1]


def alignment_rows(alignment: Alignment, *, one_line: bool = True) -> Iterator[
        tuple[str, str, str, float]]:
    """One (source, target, bead type, confidence) row per bead.

    With ``one_line``, tabs and line breaks inside sentences become spaces so every
    bead is one line of a TSV (what ``cut``, ``grep`` and ``paste`` need).
    """
    for bead, s, t in alignment.pairs():
        if one_line:
            s, t = _one_line(s), _one_line(t)
        yield s, t, bead.kind, bead.confidence


def _one_line(s: str) -> str:
    return " ".join(s.replace("\t", " ").split()) if ("\t" in s or "\n" in s) else s


def format_tsv(alignment: Alignment, *, header: bool = True, delimiter: str = "\t") -> str:
    """TSV (or, with ``delimiter=","``, CSV) text: source, target, bead type,
    confidence; cells quoted csv-style where needed and spreadsheet-safe (see
    :mod:`align.formats.tsv`)."""
    rows: list[tuple[str, ...]] = [
        (s, t, kind, f"{c:.3f}") for s, t, kind, c in alignment_rows(alignment)]
    columns: tuple[str, ...] = COLUMNS
    if is_reviewed(alignment):
        columns += REVIEW_COLUMNS
        rows = [(*row, b.status, *map(_one_line, originals(alignment, b)))
                for row, b in zip(rows, alignment.beads, strict=True)]
    head = [columns] if header else []
    return format_rows([*head, *rows], delimiter=delimiter)


def format_jsonl(alignment: Alignment) -> str:
    """JSON lines: a first line with the signature, then one object per bead (its
    sentence indices, type, confidence, source and target text)."""
    lines = [json.dumps({"signature": dict(alignment.signature)}, ensure_ascii=False)]
    for bead, s, t in alignment.pairs():
        obj = {"src": list(bead.src), "tgt": list(bead.tgt), "bead": bead.kind,
               "confidence": round(bead.confidence, 4), "source": s, "target": t}
        if bead.status != "unreviewed":
            obj["status"] = bead.status
        for key, old in zip(("source_original", "target_original"),
                            originals(alignment, bead), strict=True):
            if old:
                obj[key] = old
        lines.append(json.dumps(obj, ensure_ascii=False))
    return "".join(x + "\n" for x in lines)


def sheet_columns(alignment: Alignment) -> tuple[str, ...]:
    """Header of the .xlsx sheet: ``#``, the two languages (``zh``, ``en`` in
    source/target order), ``sentences`` (the bead type, for people: the reader
    derives it from the text, so a row fixed by hand never contradicts it),
    ``confidence``, ``status``, and the original text columns if any was corrected."""
    sl, tl = alignment.src_lang, alignment.tgt_lang
    extra = ((f"{sl} original", f"{tl} original")
             if any(s.original is not None for s in (*alignment.src, *alignment.tgt)) else ())
    return ("#", sl, tl, "sentences", "confidence", "status", *extra)


def sheet_rows(alignment: Alignment) -> Iterator[tuple[object, ...]]:
    """Rows of the .xlsx sheet (see :func:`sheet_columns`): beads numbered from 1,
    the text as it is (a cell holds line breaks), the confidence as a number rounded
    to 3 decimals."""
    wide = len(sheet_columns(alignment)) > 6
    rows = alignment_rows(alignment, one_line=False)
    for k, ((s, t, kind, c), bead) in enumerate(zip(rows, alignment.beads, strict=True)):
        extra = originals(alignment, bead) if wide else ()
        yield (number_shown(k), s, t, kind, round(c, 3), bead.status, *extra)


def sheet_style(alignment: Alignment) -> SheetStyle:
    """How the .xlsx sheet looks: bold frozen header and ``#`` column, a filter,
    wrapped text in wide language columns, a red-to-green scale on the confidence and
    a drop-down of review states on the status, coloured once reviewed."""
    n = len(sheet_columns(alignment))
    return SheetStyle(widths=(6, 50, 60, 10, 11, 12, 40, 45)[:n], wrap=(1, 2, 6, 7)[:n - 4],
                      colour_scale=4, choices={5: BEAD_STATUSES}, fills={5: STATUS_FILLS},
                      freeze="B2")
