"""Tests of align.aligner.evaluate (bead-list scoring) on hand-computed examples."""

from __future__ import annotations

import pytest

from align.aligner.evaluate import evaluate, evaluate_documents, merge_units
from align.errors import InputError
from align.formats.ladder import parse_ladder
from align.types import Bead

GOLD = parse_ladder("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3]\n")
PRED = parse_ladder("[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[3]:[3]\n")


def test_strict_and_lax_by_hand() -> None:
    s = evaluate(PRED, GOLD)
    # precision over 5 predicted beads: strict [0]:[0], []:[2], [3]:[3];
    # lax adds [1]:[1] (shares src 1 and tgt 1 with gold [1, 2]:[1]); [2]:[] never
    assert (s.counts.n_pred, s.counts.strict_p, s.counts.lax_p) == (5, 3, 4)
    # recall over the 3 gold beads with both sides: strict 2, lax 3
    assert (s.counts.n_gold, s.counts.strict_r, s.counts.lax_r) == (3, 2, 3)
    assert s.strict_precision == pytest.approx(0.6)
    assert s.strict_recall == pytest.approx(2 / 3)
    assert s.strict_f1 == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    assert s.lax_f1 == pytest.approx(2 * 0.8 * 1.0 / 1.8)


@pytest.mark.parametrize(("pred", "gold", "strict_p", "lax_p", "strict_r", "lax_r"), [
    ("[0]:[0]\n[1]:[1]\n", "[0]:[0]\n[1]:[1]\n", 2, 2, 2, 2),
    ("[0, 1]:[0, 1]\n", "[0]:[0]\n[1]:[1]\n", 0, 1, 0, 2),
    ("[0]:[]\n[]:[0]\n", "[0]:[0]\n", 0, 0, 0, 0),
    ("[0]:[1]\n[1]:[0]\n", "[0, 1]:[0, 1]\n", 0, 2, 0, 1),
    ("[0]:[0]\n", "[0]:[]\n[]:[0]\n", 0, 0, 0, 0),
], ids=["identical", "merged", "empty-sides-vs-pair", "crossed", "gold-only-empty"])
def test_counts_table(pred: str, gold: str, strict_p: int, lax_p: int, strict_r: int,
                      lax_r: int) -> None:
    c = evaluate(parse_ladder(pred), parse_ladder(gold)).counts
    assert (c.strict_p, c.lax_p, c.strict_r, c.lax_r) == (strict_p, lax_p, strict_r, lax_r)


def test_merge_units() -> None:
    src_units = ["a", "b", "b", "c"]
    tgt_units = ["a", "b", "x", "c"]
    merged = merge_units(PRED, src_units, tgt_units)
    assert [b.key for b in merged] == [b.key for b in GOLD]
    scores = evaluate_documents([(PRED, GOLD)], (src_units, tgt_units))
    assert scores.strict_f1 == pytest.approx(1.0)


def test_merge_units_keeps_beads_across_units_apart() -> None:
    beads = parse_ladder("[0]:[0]\n[1]:[1, 2]\n[2]:[3]\n")
    merged = merge_units(beads, ["a", "a", "b"], ["a", "b", "b", "b"])
    assert [b.ladder() for b in merged] == ["[0]:[0]", "[1]:[1, 2]", "[2]:[3]"]
    merged = merge_units(beads, ["a", "b", "b"], ["a", "b", "b", "b"])
    assert [b.ladder() for b in merged] == ["[0]:[0]", "[1, 2]:[1, 2, 3]"]


def test_merge_units_keeps_lowest_confidence() -> None:
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.3)]
    assert merge_units(beads, ["a", "a"], ["a", "a"])[0].confidence == pytest.approx(0.3)


def test_merge_units_short_unit_file() -> None:
    with pytest.raises(InputError, match="beyond the unit files"):
        merge_units(PRED, ["a"], ["a"])


def test_pooled_over_documents() -> None:
    s = evaluate_documents([(PRED, GOLD), (GOLD, GOLD)])
    assert s.documents == 2
    assert s.counts.n_pred == 5 + 4
    assert s.counts.strict_p == 3 + 4
