"""Alignment evaluation: strict and lax precision, recall and F1 against gold beads.

Definitions (pooled over all documents by summing counts):

- Precision is over *predicted* beads, empty-side beads included. A predicted bead is
  strictly correct if it equals a gold bead; laxly correct if it shares at least one
  source and one target sentence with the same gold bead. An empty-side bead is
  correct (strict and lax) only if exactly that bead is in the gold.
- Recall is over gold beads with both sides non-empty, checked the same way against
  the predicted beads with both sides non-empty.
- With unit ids (one per sentence, such as Bible verse ids), consecutive predicted
  beads whose sentences all belong to the same unit are merged before scoring.

This module scores bead lists and never opens a file; ``align eval``
(:mod:`align.cli.evaluate`) reads ladder and unit files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.errors import InputError
from align.types import Bead


@dataclass(frozen=True)
class Counts:
    """Raw counts behind the scores (they add up across documents)."""

    n_pred: int = 0
    n_gold: int = 0
    strict_p: int = 0
    lax_p: int = 0
    strict_r: int = 0
    lax_r: int = 0

    def __add__(self, o: Counts) -> Counts:
        return Counts(self.n_pred + o.n_pred, self.n_gold + o.n_gold,
                      self.strict_p + o.strict_p, self.lax_p + o.lax_p,
                      self.strict_r + o.strict_r, self.lax_r + o.lax_r)


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1 (all in [0, 1])."""

    counts: Counts
    documents: int = 1

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_precision(self) -> float:
        return self.counts.strict_p / self.counts.n_pred if self.counts.n_pred else 0.0

    @property
    def strict_recall(self) -> float:
        return self.counts.strict_r / self.counts.n_gold if self.counts.n_gold else 0.0

    @property
    def strict_f1(self) -> float:
        return self._f(self.strict_precision, self.strict_recall)

    @property
    def lax_precision(self) -> float:
        return self.counts.lax_p / self.counts.n_pred if self.counts.n_pred else 0.0

    @property
    def lax_recall(self) -> float:
        return self.counts.lax_r / self.counts.n_gold if self.counts.n_gold else 0.0

    @property
    def lax_f1(self) -> float:
        return self._f(self.lax_precision, self.lax_recall)

    def format(self) -> str:
        """A small readable table."""
        c = self.counts
        return (f"documents: {self.documents}  predicted beads: {c.n_pred}  "
                f"gold beads (both sides non-empty): {c.n_gold}\n"
                f"strict  P={self.strict_precision:.4f}  R={self.strict_recall:.4f}  "
                f"F1={self.strict_f1:.4f}\n"
                f"lax     P={self.lax_precision:.4f}  R={self.lax_recall:.4f}  "
                f"F1={self.lax_f1:.4f}")


def merge_units(beads: Sequence[Bead], src_units: Sequence[str], tgt_units: Sequence[str]
                ) -> list[Bead]:
    """Merge consecutive beads whose sentences all belong to one and the same unit.

    Raises:
        InputError: if a bead refers to a sentence with no unit id.
    """
    out: list[Bead] = []
    group_unit: str | None = None
    for b in beads:
        try:
            units = {src_units[i] for i in b.src} | {tgt_units[j] for j in b.tgt}
        except IndexError:
            raise InputError(f"bead {b.ladder()} refers to a sentence beyond the unit "
                             f"files ({len(src_units)} source, {len(tgt_units)} target "
                             "ids); give one unit id per sentence line") from None
        unit = next(iter(units)) if len(units) == 1 else None
        if out and unit is not None and unit == group_unit:
            last = out[-1]
            out[-1] = Bead(last.src + b.src, last.tgt + b.tgt, min(last.confidence, b.confidence))
        else:
            out.append(b)
        group_unit = unit
    return out


def count(pred: Sequence[Bead], gold: Sequence[Bead]) -> Counts:
    """Counts of strictly and laxly correct predicted and recalled beads."""
    gold_keys = {b.key for b in gold}
    pred_keys = {b.key for b in pred if b.src and b.tgt}
    g_src = {i: k for k, b in enumerate(gold) for i in b.src}
    g_tgt = {j: k for k, b in enumerate(gold) for j in b.tgt}
    p_full = [b for b in pred if b.src and b.tgt]
    p_src = {i: k for k, b in enumerate(p_full) for i in b.src}
    p_tgt = {j: k for k, b in enumerate(p_full) for j in b.tgt}

    def shares(b: Bead, by_src: dict[int, int], by_tgt: dict[int, int]) -> bool:
        ks = {by_src.get(i) for i in b.src} - {None}
        return any(by_tgt.get(j) in ks for j in b.tgt)

    strict_p = lax_p = 0
    for b in pred:
        exact = b.key in gold_keys
        strict_p += exact
        lax_p += exact if not (b.src and b.tgt) else shares(b, g_src, g_tgt)
    gold_full = [b for b in gold if b.src and b.tgt]
    strict_r = sum(b.key in pred_keys for b in gold_full)
    lax_r = sum(shares(b, p_src, p_tgt) for b in gold_full)
    return Counts(len(pred), len(gold_full), strict_p, lax_p, strict_r, lax_r)


def evaluate(pred: Sequence[Bead], gold: Sequence[Bead]) -> Scores:
    """Strict and lax P/R/F1 of predicted beads against gold beads (one document)."""
    return Scores(count(pred, gold), 1)


def evaluate_documents(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead]]],
                       units: tuple[Sequence[str], Sequence[str]] | None = None) -> Scores:
    """Scores pooled over documents given as (predicted, gold) bead lists.

    Args:
        pairs: (predicted beads, gold beads) per document.
        units: optional (source unit ids, target unit ids): merge predicted beads
            inside one unit before scoring (each document uses the first ids).
    """
    total, docs = Counts(), 0
    for pred, gold in pairs:
        if units is not None:
            pred = merge_units(pred, *units)
        total = total + count(pred, gold)
        docs += 1
    return Scores(total, docs)
