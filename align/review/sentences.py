"""Sentences back inside the rows of a table alignment.

A table (``.tsv``, ``.xlsx``, ``.jsonl``) holds one bead per row, and a row's cell
may join several sentences (a 2-1 bead is one row), so
:func:`~align.formats.alignment.read_alignment` gives one segment per side and row.
A review needs the sentences (to split a bead or move one sentence), so
:func:`split_rows` cuts each cell with the toolkit's segmenter, where that is
lossless: the sentences, joined the language's way ("" for Chinese, " " for
English), must give the cell back exactly, so saving an unchanged review writes
the same text. A cell that does not (odd spacing between sentences), or whose
corrected and original texts have different numbers of sentences, stays whole.
"""

from __future__ import annotations

import dataclasses

from align.text.segment import split_sentences
from align.types import Alignment, Bead, Segment, join_sentences


def cell_sentences(text: str, lang: str) -> list[str]:
    """The sentences of a cell, or ``[text]`` when cutting it would not be lossless."""
    parts = [text[s:e] for s, e in split_sentences(text, lang)]
    return parts if len(parts) > 1 and join_sentences(parts, lang) == text else [text]


def _split_segment(seg: Segment) -> list[tuple[str, str | None]]:
    """(text, original) of each sentence of one segment."""
    texts = cell_sentences(seg.text, seg.lang)
    if seg.original is None:
        return [(t, None) for t in texts]
    olds = cell_sentences(seg.original, seg.lang)
    if len(olds) != len(texts):
        return [(seg.text, seg.original)]
    return [(t, None if t == o else o) for t, o in zip(texts, olds, strict=True)]


def split_rows(alignment: Alignment) -> Alignment:
    """Beads over sentences for an alignment read from a table (see the module doc).

    Each bead keeps its confidence and status; segments are renumbered, all in
    paragraph 0, with spans into each side's text joined the language's way (as
    :meth:`Alignment.from_pairs` makes them). An alignment that already has a bead
    of several segments on one side is returned as it is.
    """
    if any(len(b.src) > 1 or len(b.tgt) > 1 for b in alignment.beads):
        return alignment
    sides: tuple[list[Segment], list[Segment]] = ([], [])
    ends = [0, 0]
    beads = []
    for b in alignment.beads:
        picked: list[tuple[int, ...]] = []
        for side, (idx, segs) in enumerate(((b.src, alignment.src), (b.tgt, alignment.tgt))):
            out = sides[side]
            first = len(out)
            for i in idx:
                for text, original in _split_segment(segs[i]):
                    lang = segs[i].lang
                    start = ends[side] + (1 if out and lang == "en" else 0)
                    ends[side] = start + len(text)
                    out.append(Segment(text, lang, len(out), 0, (start, ends[side]), original))
            picked.append(tuple(range(first, len(out))))
        beads.append(Bead(picked[0], picked[1], b.confidence, b.status))
    return dataclasses.replace(alignment, src=tuple(sides[0]), tgt=tuple(sides[1]),
                               beads=tuple(beads))
