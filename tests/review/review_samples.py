"""Sample alignments of the review tests (imported by conftest.py and the tests)."""

from __future__ import annotations

from align.types import Alignment, Bead, Segment

ZH = ["第一句。", "第二句。", "第三句。", "第四句。", "第五句。"]
EN = ["One.", "Two.", "Three.", "Four.", "Five.", "Six."]


def small() -> Alignment:
    """zh 5 / en 6 sentences in beads 1-1, 2-1, 1-3, 0-1, 1-0:
    [0]:[0]  [1,2]:[1]  [3]:[2,3,4]  []:[5]  [4]:[]"""
    src = tuple(Segment(t, "zh", i) for i, t in enumerate(ZH))
    tgt = tuple(Segment(t, "en", i) for i, t in enumerate(EN))
    beads = (Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.4), Bead((3,), (2, 3, 4), 0.7),
             Bead((), (5,), 0.2), Bead((4,), (), 0.3))
    return Alignment(src, tgt, beads, {"tool": "test"})
