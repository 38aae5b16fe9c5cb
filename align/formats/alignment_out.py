"""The text of an alignment in each table format: TSV/CSV rows, JSON lines, sheet rows.

:func:`align.formats.alignment.write_alignment` chooses the format by suffix and
writes the file; this module only renders. Every format holds one bead per row:
source text, target text, bead type (``2-1``), confidence (3 decimals; 4 in JSON
lines), which is what :func:`align.formats.alignment.read_alignment` reads back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from align.formats.tsv import format_rows
from align.types import Alignment

#: Header of the table formats (.tsv, .csv, .xlsx), in column order.
COLUMNS = ("source", "target", "bead", "confidence")


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
    rows = ((s, t, kind, f"{c:.3f}") for s, t, kind, c in alignment_rows(alignment))
    head = [COLUMNS] if header else []
    return format_rows([*head, *rows], delimiter=delimiter)


def format_jsonl(alignment: Alignment) -> str:
    """JSON lines: a first line with the signature, then one object per bead (its
    sentence indices, type, confidence, source and target text)."""
    lines = [json.dumps({"signature": dict(alignment.signature)}, ensure_ascii=False)]
    for bead, s, t in alignment.pairs():
        lines.append(json.dumps({"src": list(bead.src), "tgt": list(bead.tgt),
                                 "bead": bead.kind, "confidence": round(bead.confidence, 4),
                                 "source": s, "target": t}, ensure_ascii=False))
    return "".join(x + "\n" for x in lines)


def sheet_rows(alignment: Alignment) -> Iterator[tuple[str, str, str, float]]:
    """Rows of the .xlsx sheet: the text as it is (a cell holds line breaks), the
    confidence as a number rounded to 3 decimals."""
    for s, t, kind, c in alignment_rows(alignment, one_line=False):
        yield s, t, kind, round(c, 3)
