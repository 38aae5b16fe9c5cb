"""Writing alignments: ladder, TSV, JSON lines and TMX, chosen by file suffix."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from align.errors import ConfigError
from align.formats.files import atomic_write
from align.formats.ladder import write_ladder
from align.types import Alignment
from align.version import format_signature

SUFFIXES = (".align", ".tsv", ".jsonl", ".tmx")


def format_tsv(alignment: Alignment, *, header: bool = True) -> str:
    """TSV text: source text, target text, bead type (e.g. ``2-1``), confidence.

    Tabs and line breaks inside sentences are replaced by spaces so every bead is one
    row.
    """
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        w.writerow(["source", "target", "bead", "confidence"])
    for bead, s, t in alignment.pairs():
        w.writerow([_one_line(s), _one_line(t), bead.kind, f"{bead.confidence:.3f}"])
    return buf.getvalue()


def _one_line(s: str) -> str:
    return " ".join(s.replace("\t", " ").split()) if ("\t" in s or "\n" in s) else s


def format_jsonl(alignment: Alignment) -> str:
    """JSON lines: a first line with the signature, then one object per bead."""
    lines = [json.dumps({"signature": dict(alignment.signature)}, ensure_ascii=False)]
    for bead, s, t in alignment.pairs():
        lines.append(json.dumps({"src": list(bead.src), "tgt": list(bead.tgt),
                                 "bead": bead.kind, "confidence": round(bead.confidence, 4),
                                 "source": s, "target": t}, ensure_ascii=False))
    return "".join(x + "\n" for x in lines)


def check_output_suffix(path: str | os.PathLike[str]) -> None:
    """Raise ConfigError unless ``path`` has a suffix :func:`write_alignment` writes;
    callers check before the work, so a typo does not cost an alignment run."""
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise ConfigError(f"{p}: unknown output format {p.suffix or '(no suffix)'!r}; "
                          f"use one of {', '.join(SUFFIXES)}")


def write_alignment(alignment: Alignment, path: str | os.PathLike[str], *,
                    min_confidence: float | None = None, review_below: float = 0.5,
                    src_locale: str | None = None, tgt_locale: str | None = None) -> None:
    """Write an alignment; the format follows the suffix of ``path``.

    ``.align`` (ladder with confidences; the signature in a ``#`` comment line),
    ``.tsv`` (header row; source, target, bead type, confidence), ``.jsonl``
    (signature line, then one bead per line), ``.tmx`` (via :mod:`align.tmx`).

    The keyword arguments apply to TMX only (see
    :func:`align.tmx.alignment_to_units`): beads below ``min_confidence`` are left
    out, kept beads below ``review_below`` are marked ``x-review-state=needs-review``;
    locales default to zh-CN / en-US.

    Raises:
        ConfigError: for an unknown suffix.
        InputError: if the output folder does not exist or is not writable.
    """
    check_output_suffix(path)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".align":
        write_ladder(p, alignment.beads, with_confidence=True, signature=alignment.signature)
    elif suffix == ".tsv":
        with atomic_write(p) as f:
            f.write(format_tsv(alignment))
    elif suffix == ".jsonl":
        with atomic_write(p) as f:
            f.write(format_jsonl(alignment))
    elif suffix == ".tmx":
        from align.formats.tmx.writer import (  # lxml: imported on first use
            alignment_to_units,
            write_tmx,
        )
        origin = alignment.signature.get("src") or p.stem
        units = alignment_to_units(alignment, origin=origin, min_confidence=min_confidence,
                                   review_below=review_below, src_locale=src_locale,
                                   tgt_locale=tgt_locale)
        write_tmx(p, units, header_props={"x-alignment": format_signature(alignment.signature)})
