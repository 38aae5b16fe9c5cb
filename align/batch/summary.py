"""What a batch reports per pair: the :class:`PairResult` row, its figures from an
alignment, the review order, and ``summary.csv`` / ``summary.html``.

Shares are in [0, 1]; confidence is the bead confidence of :class:`align.types.Bead`
(higher is better). A bead *needs review* when its confidence is below the run's
``review_below`` (the threshold the TMX writer marks ``needs-review``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from lxml import etree

from align.formats.files import atomic_write
from align.formats.tsv import write_rows
from align.types import Alignment
from align.version import format_signature, signature

#: Pair status: not aligned (its error says why), aligned by this run, or left as a
#: previous run wrote it (inputs, options and tool version unchanged).
STATUSES = ("failed", "aligned", "unchanged")


@dataclass(frozen=True, slots=True)
class PairStats:
    """Figures of one aligned pair.

    Attributes:
        src_sentences, tgt_sentences: sentences on each side.
        beads: beads of the alignment.
        one_to_one: share of beads with one sentence on each side.
        mean_confidence: mean bead confidence (0 without beads).
        low_confidence: share of beads below the review threshold.
        omissions: beads with an empty side (a sentence left untranslated).
        qa_errors: QA findings of severity "error" (None: no glossary, no check).
    """

    src_sentences: int
    tgt_sentences: int
    beads: int
    one_to_one: float
    mean_confidence: float
    low_confidence: float
    omissions: int
    qa_errors: int | None = None


@dataclass(frozen=True, slots=True)
class PairResult:
    """One row of the summary.

    Attributes:
        id, src, tgt: the pair (see :class:`align.batch.pairing.PairSpec`).
        status: one of :data:`STATUSES`.
        stats: the figures (None when the pair failed).
        seconds: time spent on the pair when it was aligned (reading to outputs).
        error: the one-line error of a failed pair, else "".
        warnings: the aligner's warnings about the inputs, joined by "; ".
    """

    id: str
    src: str
    tgt: str
    status: str
    stats: PairStats | None = None
    seconds: float = 0.0
    error: str = ""
    warnings: str = ""


def pair_stats(alignment: Alignment, *, review_below: float = 0.5,
               qa_errors: int | None = None) -> PairStats:
    """The figures of an alignment (see :class:`PairStats`)."""
    beads = alignment.beads
    n = len(beads)
    return PairStats(
        src_sentences=len(alignment.src), tgt_sentences=len(alignment.tgt), beads=n,
        one_to_one=sum(len(b.src) == len(b.tgt) == 1 for b in beads) / n if n else 0.0,
        mean_confidence=sum(b.confidence for b in beads) / n if n else 0.0,
        low_confidence=sum(b.confidence < review_below for b in beads) / n if n else 0.0,
        omissions=sum(not b.src or not b.tgt for b in beads), qa_errors=qa_errors)


def review_order(rows: Iterable[PairResult]) -> list[PairResult]:
    """The rows with the pairs needing review first: failed pairs, then by share of
    low-confidence beads, QA errors and omissions (most first), then by mean
    confidence (lowest first); ties by id."""

    def key(r: PairResult) -> tuple[int, float, int, int, float, str]:
        s = r.stats
        if s is None:
            return (0, 0.0, 0, 0, 0.0, r.id)
        return (1, -s.low_confidence, -(s.qa_errors or 0), -s.omissions, s.mean_confidence,
                r.id)

    return sorted(rows, key=key)


#: Columns of summary.csv, in order.
COLUMNS = ("id", "status", "src_sentences", "tgt_sentences", "beads", "one_to_one",
           "mean_confidence", "low_confidence", "omissions", "qa_errors", "seconds", "src",
           "tgt", "error", "warnings")


def summary_cells(r: PairResult) -> tuple[str, ...]:
    """The cells of one summary row, in :data:`COLUMNS` order (shares with three
    decimals; empty figures for a failed pair; empty QA errors when unchecked)."""
    s = r.stats
    figures: tuple[str, ...] = ("",) * 8
    if s is not None:
        figures = (str(s.src_sentences), str(s.tgt_sentences), str(s.beads),
                   f"{s.one_to_one:.3f}", f"{s.mean_confidence:.3f}", f"{s.low_confidence:.3f}",
                   str(s.omissions), "" if s.qa_errors is None else str(s.qa_errors))
    return (r.id, r.status, *figures, f"{r.seconds:.2f}", r.src, r.tgt, r.error, r.warnings)


def summary_record(r: PairResult) -> dict[str, object]:
    """One summary row as typed values by :data:`COLUMNS` name (figures None for a
    failed pair; ``qa_errors`` None when unchecked), e.g. for a DataFrame."""
    s = r.stats
    figures: dict[str, object] = dict.fromkeys(COLUMNS[2:10])
    if s is not None:
        figures = {f.name: getattr(s, f.name) for f in fields(PairStats)}
    return {"id": r.id, "status": r.status, **figures, "seconds": r.seconds, "src": r.src,
            "tgt": r.tgt, "error": r.error, "warnings": r.warnings}


def write_summary_csv(path: str | os.PathLike[str], rows: Sequence[PairResult]) -> None:
    """Write ``summary.csv`` (atomically, spreadsheet-safe): a header row, then the
    rows in the order given."""
    write_rows(path, [COLUMNS, *(summary_cells(r) for r in rows)], delimiter=",")


_CSS = ("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}"
        "tr.failed{background:#fdd}tr.review{background:#ffe9c0}td.n{text-align:right}")


def render_summary_html(rows: Sequence[PairResult], *, review_below: float = 0.5) -> str:
    """A self-contained HTML page (inline CSS, no scripts) of the summary rows, in
    the order given; failed rows and rows with beads needing review are shaded."""
    html = etree.Element("html", lang="en")
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = "zhen-align batch summary"
    etree.SubElement(head, "style").text = _CSS
    body = etree.SubElement(html, "body")
    etree.SubElement(body, "h1").text = "zhen-align batch summary"
    failed = sum(r.status == "failed" for r in rows)
    etree.SubElement(body, "p").text = (
        f"{len(rows)} pairs, {failed} failed; review threshold {review_below}; "
        f"{format_signature(signature())}")
    table = etree.SubElement(body, "table")
    tr = etree.SubElement(table, "tr")
    for c in COLUMNS:
        etree.SubElement(tr, "th").text = c
    numeric = {f.name for f in fields(PairStats)} | {"seconds"}
    for r in rows:
        review = r.stats is not None and (r.stats.low_confidence > 0 or bool(r.stats.qa_errors))
        tr = etree.SubElement(table, "tr")
        tr.set("class", "failed" if r.status == "failed" else "review" if review else "ok")
        for c, value in zip(COLUMNS, summary_cells(r), strict=True):
            td = etree.SubElement(tr, "td")
            td.text = value
            if c in numeric:
                td.set("class", "n")
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html") + "\n"


def write_summary_html(path: str | os.PathLike[str], rows: Sequence[PairResult], *,
                       review_below: float = 0.5) -> None:
    """Write ``summary.html`` atomically (see :func:`render_summary_html`)."""
    text = render_summary_html(rows, review_below=review_below)
    with atomic_write(path) as f:
        f.write(text)
