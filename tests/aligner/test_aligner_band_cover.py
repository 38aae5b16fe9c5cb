"""The band must hold both ends of every bead whose confidence is computed in it
(issue 12, item 8): the post-passes move bead boundaries next to or inside searched
beads, and where the path runs along the band's edge those points lie outside it; the
posteriors then indexed past the costs (IndexError) or read a start outside as
probability 0."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from aligner_samples import check_invariants

import align.aligner.core as core
from align.aligner.pipeline import align_segments
from align.aligner.search import (
    Band,
    band_with,
    bead_cells,
    bead_types,
    posteriors,
)
from align.text.segment import segments_from_lines, split_sentences


def _narrow_band() -> Band:
    """A 6 x 6 grid; row i spans columns i - 1 .. i + 1."""
    return Band(np.array([0, 0, 1, 2, 3, 4, 5]), np.array([1, 2, 3, 4, 5, 6, 6]), 6, 6)


def _holds(band: Band, points: list[tuple[int, int]]) -> bool:
    return all(band.lo[i] <= j <= band.hi[i] for i, j in points)


def test_bead_cells_are_start_and_end_of_every_bead() -> None:
    types = bead_types(2)
    path = [(2, 1, types.index((2, 1))), (2, 2, types.index((0, 1)))]
    assert bead_cells(path, types) == [(0, 0), (2, 1), (2, 1), (2, 2)]


def test_band_with_widens_to_hold_points_and_stays_monotone() -> None:
    band = _narrow_band()
    points = [(1, 4), (5, 2)]
    assert not _holds(band, points)
    wide = band_with(band, points)
    assert _holds(wide, points)
    assert (np.diff(wide.lo) >= 0).all() and (np.diff(wide.hi) >= 0).all()
    assert (wide.lo <= band.lo).all() and (wide.hi >= band.hi).all()  # only ever wider
    assert wide.lo[0] == 0 and wide.hi[-1] == 6 and wide.size > band.size
    assert wide.size == int((wide.hi - wide.lo + 1).sum())


def test_band_with_returns_the_band_when_it_holds_the_points() -> None:
    band = _narrow_band()
    assert band_with(band, [(0, 0), (3, 2), (6, 6)]) is band
    assert band_with(band, []) is band


@pytest.mark.parametrize("point", [(-1, 0), (7, 0), (0, 7), (2, -1)],
                         ids=["row-below", "row-above", "col-above", "col-below"])
def test_band_with_rejects_points_off_the_grid(point: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="outside the 6 x 6 grid"):
        band_with(_narrow_band(), [point])


def _costs(band: Band, types: list[tuple[int, int]]) -> Any:
    rows, cols = band.cells()
    costs = np.random.default_rng(1).uniform(0.5, 2.0, (len(types), band.size))
    for t, (a, b) in enumerate(types):
        costs[t, (rows < a) | (cols < b)] = np.inf
    return costs


# paths through the 6 x 6 grid with one bead boundary outside the narrow band (the old
# code indexed the costs past their end there: IndexError)
OFF_BAND = {
    "above-the-band": [(0, 1, (0, 1)), (1, 3, (1, 2)), (3, 4, (2, 1)), (4, 4, (1, 0)),
                       (5, 5, (1, 1)), (6, 6, (1, 1))],
    "below-the-band": [(2, 1, (2, 1)), (3, 1, (1, 0)), (4, 3, (1, 2)), (5, 4, (1, 1)),
                       (6, 6, (1, 2))],
}


@pytest.mark.parametrize("beads", OFF_BAND.values(), ids=OFF_BAND.keys())
def test_posteriors_refuse_a_path_off_the_band(beads: list[Any]) -> None:
    types = bead_types(2)
    band = _narrow_band()
    path = [(i, j, types.index(t)) for i, j, t in beads]
    with pytest.raises(ValueError, match="outside the band"):
        posteriors(band, types, _costs(band, types), path)
    wide = band_with(band, bead_cells(path, types))
    conf = posteriors(wide, types, _costs(wide, types), path)
    assert conf.shape == (len(path),) and ((conf > 0) & (conf <= 1)).all()


def test_one_paragraph_unequal_lengths_post_passes_off_the_band(
        beijing_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Beijing report x9 against its translation x5, one paragraph each (the issue's
    x300 against x180 in small): the search wanders, its path runs along the band's edge
    and the post-passes step off it; a narrower band (margin 2) makes that happen on a
    document this short."""
    zh_text = (beijing_dir / "zh.txt").read_text("utf-8")
    en_text = (beijing_dir / "en.raw.txt").read_text("utf-8")
    zh = [zh_text[a:b] for a, b in split_sentences(zh_text, "zh")] * 9
    en = [en_text[a:b] for a, b in split_sentences(en_text, "en")] * 5
    widened: list[int] = []

    def spy(band: Band, points: Any) -> Band:
        out = band_with(band, points)
        widened.append(out.size - band.size)
        return out

    monkeypatch.setattr(core, "MARGIN", 2)
    monkeypatch.setattr(core, "ROUND_MARGIN", 2)
    monkeypatch.setattr(core, "band_with", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        al = align_segments(segments_from_lines(zh, "zh"), segments_from_lines(en, "en"))
    assert widened and widened[-1] > 0  # the condition of the crash did occur
    check_invariants(al)
    assert len(al.src) == len(zh) and len(al.tgt) == len(en)
