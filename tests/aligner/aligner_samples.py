"""Small zh/en examples shared by the aligner tests (imported by name: the tests folder
of each test file is on sys.path)."""

from __future__ import annotations

from collections.abc import Sequence

from align.text.segment import segments_from_lines
from align.types import Alignment, Segment

ZH = [
    "北京市今年将加快发展新质生产力。",
    "全市经济增长百分之五。",
    "政府将建设三个新公园，并种植一万棵树。",
    "学校和医院的数量也会增加。",
    "市长强调，要保护环境，改善空气质量，让人民生活更加幸福。",
    "会议由副市长主持。",
]
EN = [
    "This year Beijing will accelerate the development of new quality productive forces.",
    "The city's economy grew by 5%.",
    "The government will build three new parks.",
    "It will also plant 10,000 trees.",
    "The number of schools and hospitals will also increase.",
    "The mayor stressed the need to protect the environment, improve air quality and "
    "make people's lives happier.",
    "The meeting was chaired by the deputy mayor.",
]
ZH_EN_GOLD = ["[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]", "[4]:[5]", "[5]:[6]"]
EN_ZH_GOLD = ["[0]:[0]", "[1]:[1]", "[2, 3]:[2]", "[4]:[3]", "[5]:[4]", "[6]:[5]"]


def segs(lines: Sequence[str], lang: str) -> list[Segment]:
    """Sentences of ``lang``, one per line."""
    return segments_from_lines(lines, lang)


def check_invariants(al: Alignment) -> None:
    """Beads in order, every sentence covered exactly once, confidences in [0, 1]."""
    ns = nt = 0
    for b in al.beads:
        assert b.src == tuple(range(ns, ns + len(b.src)))
        assert b.tgt == tuple(range(nt, nt + len(b.tgt)))
        assert 0.0 <= b.confidence <= 1.0
        ns += len(b.src)
        nt += len(b.tgt)
    assert (ns, nt) == (len(al.src), len(al.tgt))
