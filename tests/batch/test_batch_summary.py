"""The batch summary: figures of an alignment, the review order, the CSV cells and
the HTML page."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from align.batch.summary import (
    COLUMNS,
    PairResult,
    PairStats,
    pair_stats,
    render_summary_html,
    review_order,
    summary_cells,
    summary_record,
)
from align.types import Alignment, Bead


def test_pair_stats_by_hand(make: Callable[..., Alignment]) -> None:
    base = make([("一。", "One."), ("二。", ""), ("三。", "Three."), ("", "Four.")])
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (), 0.3), Bead((2,), (1,), 0.6),
             Bead((), (2,), 0.2))
    al = dataclasses.replace(base, beads=beads)
    s = pair_stats(al, review_below=0.5, qa_errors=2)
    # 3 zh and 3 en sentences; two 1-1 beads of four; mean (0.9+0.3+0.6+0.2)/4 = 0.5;
    # two beads below 0.5; two beads with an empty side
    assert s == PairStats(3, 3, 4, 0.5, pytest.approx(0.5), 0.5, 2, 2)
    assert pair_stats(al, review_below=0.25).low_confidence == 0.25


def test_failed_first_then_most_in_need_of_review() -> None:
    def ok(pid: str, low: float, qa: int | None, om: int, mean: float) -> PairResult:
        return PairResult(pid, f"{pid}.zh", f"{pid}.en", "aligned",
                          PairStats(1, 1, 1, 1.0, mean, low, om, qa))

    rows = [ok("calm", 0.0, 0, 0, 0.99), ok("shaky", 0.4, None, 0, 0.7),
            PairResult("bad", "b.zh", "b.en", "failed", error="empty"),
            ok("terms", 0.0, 3, 0, 0.95), ok("gap", 0.0, 0, 2, 0.98), ok("worse", 0.4, 1, 0, 0.7),
            ok("dull", 0.0, 0, 0, 0.90)]
    assert [r.id for r in review_order(rows)] == ["bad", "worse", "shaky", "terms", "gap",
                                                  "dull", "calm"]


def test_cells_records_and_html() -> None:
    good = PairResult("a", "zh/a.txt", "en/a.txt", "unchanged",
                      PairStats(6, 8, 5, 0.4, 0.98765, 0.0, 1, None), 1.234, warnings="w")
    bad = PairResult("=b", "zh/b.txt", "en/b.txt", "failed", error="en/b.txt: empty <file>")
    assert summary_cells(good) == ("a", "unchanged", "6", "8", "5", "0.400", "0.988", "0.000",
                                   "1", "", "1.23", "zh/a.txt", "en/a.txt", "", "w")
    assert summary_cells(bad)[:3] == ("=b", "failed", "")
    rec = summary_record(bad)
    assert list(rec) == list(COLUMNS) and rec["beads"] is None and rec["error"].endswith("<file>")
    assert summary_record(good)["mean_confidence"] == 0.98765
    page = render_summary_html([bad, good])
    assert page.startswith("<!DOCTYPE html>")
    assert '<tr class="failed"><td>=b</td>' in page and "empty &lt;file&gt;" in page
    assert '<tr class="ok"><td>a</td>' in page
    assert "2 pairs, 1 failed" in page
