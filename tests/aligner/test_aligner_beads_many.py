"""Many-to-many beads and boundary decisions on hand-made cases (issue 10): the wide
bead types (2-4, 3-3, 3-4, 4-4) exist and the search finds them, a crossing pair
becomes one 2-2 bead, a quote the translator cut off and a colon-introduced list stay
with the sentence they belong to."""

from __future__ import annotations

import numpy as np
import pytest
from aligner_samples import check_invariants, segs

from align.aligner.pipeline import align_segments
from align.aligner.search import bead_types, full_band, posteriors, viterbi

# a frame of clearly parallel sentences around each case, so the document-level
# statistics (length ratio, random pairs) have something to stand on
FRAME_ZH = [
    "北京市今年将加快发展新质生产力。",
    "全市经济增长百分之五。",
    "学校和医院的数量也会增加。",
    "会议由副市长主持。",
]
FRAME_EN = [
    "This year Beijing will accelerate the development of new quality productive forces.",
    "The city's economy grew by 5%.",
    "The number of schools and hospitals will also increase.",
    "The meeting was chaired by the deputy mayor.",
]


def ladder(zh_mid: list[str], en_mid: list[str], wide: bool = False) -> list[str]:
    zh = FRAME_ZH[:2] + zh_mid + FRAME_ZH[2:]
    en = FRAME_EN[:2] + en_mid + FRAME_EN[2:]
    al = align_segments(segs(zh, "zh"), segs(en, "en"), wide_beads=wide)
    check_invariants(al)
    return [b.ladder() for b in al.beads]


def test_bead_types_cover_every_shape_up_to_four_when_wide() -> None:
    assert bead_types(4) == [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 2),
                             (1, 3), (3, 1), (1, 4), (4, 1)]
    wide = bead_types(4, wide=True)
    assert wide[:12] == bead_types(4)  # the usual shapes first, in the usual order
    assert wide[12:] == [(2, 4), (3, 3), (3, 4), (4, 2), (4, 3), (4, 4)]
    assert bead_types(3, wide=True)[10:] == [(3, 3)]
    assert (5, 2) not in bead_types(5, wide=True) and (1, 5) in bead_types(5, wide=True)


@pytest.mark.parametrize("shape", [(2, 4), (3, 3), (3, 4), (4, 3), (4, 4)])
def test_wide_bead_is_found_by_the_search(shape: tuple[int, int]) -> None:
    # a 1-1, the wide bead, a 1-1: costs make exactly that path the cheapest
    a, b = shape
    n, m = a + 2, b + 2
    types = bead_types(4, wide=True)
    band = full_band(n, m)
    rows, cols = band.cells()
    costs = np.full((len(types), band.size), 10.0, dtype=np.float32)
    costs[types.index((1, 1))] = np.where(((rows == 1) & (cols == 1)) | (
        (rows == n) & (cols == m)), -5.0, 10.0)
    costs[types.index(shape)] = np.where((rows == n - 1) & (cols == m - 1), -5.0, 10.0)
    path, _ = viterbi(band, types, costs)
    assert [(i, j, types[t]) for i, j, t in path] == [(1, 1, (1, 1)), (n - 1, m - 1, shape),
                                                      (n, m, (1, 1))]
    conf = posteriors(band, types, costs, path)
    assert conf.shape == (3,) and bool((conf > 0.99).all())


def test_crossing_pair_is_one_two_two_bead() -> None:
    # the translator swapped the order of two sentences: no 1-1 pairing is right
    got = ladder(["政府将建设三个新公园。", "市长强调要保护环境和改善空气质量。"],
                 ["The mayor stressed protecting the environment and improving air quality.",
                  "The government will build three new parks."])
    assert got == ["[0]:[0]", "[1]:[1]", "[2, 3]:[2, 3]", "[4]:[4]", "[5]:[5]"]


def test_shifted_quote_stays_with_its_sentence() -> None:
    # the Chinese quote is one sentence; the English puts the speaker's words in two
    got = ladder(["市长说：“我们要保护环境，让人民生活更加幸福。”", "政府将建设三个新公园。"],
                 ["The mayor said:", "\"We must protect the environment and make people's "
                  "lives happier.\"", "The government will build three new parks."])
    assert got == ["[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]", "[4]:[5]", "[5]:[6]"]


def test_colon_list_is_one_bead() -> None:
    # a Chinese list cut at its semicolons; the English keeps it in one sentence
    got = ladder(["主要任务包括：", "一是建设三个新公园；", "二是种植一万棵树；",
                  "三是改善空气质量。"],
                 ["The main tasks include building three new parks, planting 10,000 trees "
                  "and improving air quality."])
    assert got == ["[0]:[0]", "[1]:[1]", "[2, 3, 4, 5]:[2]", "[6]:[3]", "[7]:[4]"]


def test_wide_beads_end_to_end_are_signed() -> None:
    zh = FRAME_ZH[:2] + ["政府将建设三个新公园。", "市长强调要保护环境和改善空气质量。"] + FRAME_ZH[2:]
    en = FRAME_EN[:2] + ["The mayor stressed protecting the environment and improving air "
                         "quality.", "The government will build three new parks."] + FRAME_EN[2:]
    al = align_segments(segs(zh, "zh"), segs(en, "en"), wide_beads=True)
    check_invariants(al)
    assert [b.ladder() for b in al.beads][2] == "[2, 3]:[2, 3]"
    assert al.signature["wide_beads"] == "True"
    assert "wide_beads" not in align_segments(segs(zh, "zh"), segs(en, "en")).signature


# sentences of known translation, short and long, for the reordered cases below
PARKS = ("政府将建设三个新公园。", "The government will build three new parks.")
TREES = ("全市将种植一万棵树。", "The city will plant 10,000 trees.")
AIR = ("空气质量将得到改善。", "Air quality will improve.")
TOURISM = ("旅游业也将得到发展。", "Tourism will also develop.")
LONG = ("市长强调，要保护环境，改善空气质量，让人民生活更加幸福，并大力发展旅游业和文化产业。",
        "The mayor stressed the need to protect the environment, improve air quality, make "
        "people's lives happier and vigorously develop tourism and cultural industries.")


def _joined(*zh: str) -> str:
    """Chinese sentences joined into one with commas."""
    return "，".join(s.rstrip("。") for s in zh) + "。"


@pytest.mark.parametrize(("zh_mid", "en_mid", "bead"), [
    # two Chinese sentences each join two English ones, in the other order: 2-4
    ([_joined(PARKS[0], TREES[0]), _joined(AIR[0], TOURISM[0])],
     [AIR[1], TOURISM[1], PARKS[1], TREES[1]], "[2, 3]:[2, 3, 4, 5]"),
    # three sentences in reverse order, short and long ones: no 1-1 pairing fits, 3-3
    ([TREES[0], PARKS[0], LONG[0]], [LONG[1], PARKS[1], TREES[1]], "[2, 3, 4]:[2, 3, 4]"),
    # the last Chinese sentence joins the first two English ones: 3-4
    ([PARKS[0], TREES[0], _joined(AIR[0], TOURISM[0])],
     [AIR[1], TOURISM[1], PARKS[1], TREES[1]], "[2, 3, 4]:[2, 3, 4, 5]"),
], ids=["2-4", "3-3", "3-4"])
def test_reordered_sentences_make_one_wide_bead(zh_mid: list[str], en_mid: list[str],
                                                bead: str) -> None:
    got = ladder(zh_mid, en_mid, wide=True)
    n_zh, n_en = len(zh_mid), len(en_mid)
    assert got == ["[0]:[0]", "[1]:[1]", bead, f"[{n_zh + 2}]:[{n_en + 2}]",
                   f"[{n_zh + 3}]:[{n_en + 3}]"]
