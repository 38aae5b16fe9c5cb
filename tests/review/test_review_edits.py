"""The edit operations of a review, as plain functions on Alignment."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.review import edits
from align.types import Alignment, Bead


def ladder(al: Alignment) -> list[str]:
    """Beads as ``[src]:[tgt]`` with their status initial (u, c, e)."""
    return [f"{b.ladder()}{b.status[0]}" for b in al.beads]


def test_small_alignment_shape(al: Alignment) -> None:
    assert ladder(al) == ["[0]:[0]u", "[1, 2]:[1]u", "[3]:[2, 3, 4]u", "[]:[5]u", "[4]:[]u"]


# -- merge ------------------------------------------------------------------------

def test_merge_joins_the_next_bead_and_keeps_the_lower_confidence(al: Alignment) -> None:
    out = edits.merge(al, 0)
    assert ladder(out) == ["[0, 1, 2]:[0, 1]e", "[3]:[2, 3, 4]u", "[]:[5]u", "[4]:[]u"]
    assert out.beads[0].confidence == 0.4
    assert out.beads[1] is al.beads[2]  # untouched beads are the same objects


def test_merge_an_empty_side_bead(al: Alignment) -> None:
    assert ladder(edits.merge(al, 3))[-1] == "[4]:[5]e"


@pytest.mark.parametrize(("k", "message"), [
    (4, "bead 5 is the last; there is no next bead"),
    (5, "there is no bead 6; the alignment has 5 beads"),
    (-1, "there is no bead 0"),
], ids=["last", "past-the-end", "negative"])
def test_merge_errors(al: Alignment, k: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        edits.merge(al, k)


# -- split ------------------------------------------------------------------------

@pytest.mark.parametrize(("bead", "cut"), [
    (Bead((0,), (0, 1, 2)), (1, 1)),   # 1-3 -> 1-1 + 0-2
    (Bead((0, 1, 2), (0,)), (1, 1)),   # 3-1 -> 1-1 + 2-0
    (Bead((0, 1), (0, 1)), (1, 1)),    # 2-2 -> 1-1 + 1-1
    (Bead((0,), (0,)), (1, 0)),        # 1-1 -> 1-0 + 0-1
    (Bead((0, 1), ()), (1, 0)),        # 2-0 -> 1-0 + 1-0
    (Bead((), (0, 1)), (0, 1)),        # 0-2 -> 0-1 + 0-1
], ids=["1-3", "3-1", "2-2", "1-1", "2-0", "0-2"])
def test_default_cut(bead: Bead, cut: tuple[int, int]) -> None:
    assert edits.default_cut(bead) == cut


def test_default_cut_of_one_sentence() -> None:
    with pytest.raises(InputError, match="a bead of one sentence cannot be split"):
        edits.default_cut(Bead((0,), ()))


def test_split_one_against_three(al: Alignment) -> None:
    out = edits.split(al, 2)
    assert ladder(out)[2:4] == ["[3]:[2]e", "[]:[3, 4]e"]
    assert [b.confidence for b in out.beads[2:4]] == [0.7, 0.7]


def test_split_at_chosen_cuts(al: Alignment) -> None:
    out = edits.split(al, 2, 1, 2)
    assert ladder(out)[2:4] == ["[3]:[2, 3]e", "[]:[4]e"]


def test_split_one_cut_given_takes_the_whole_other_side(al: Alignment) -> None:
    assert ladder(edits.split(al, 1, src_at=1))[1:3] == ["[1]:[1]e", "[2]:[]e"]


@pytest.mark.parametrize(("cut", "message"), [
    ((0, 0), "leaves one part empty"),
    ((1, 3), "leaves one part empty"),
    ((2, 0), "cut it after 0 to 1 source and 0 to 3 target sentences, not 2 and 0"),
    ((-1, 1), "not -1 and 1"),
], ids=["nothing-first", "nothing-second", "past-the-side", "negative"])
def test_split_errors(al: Alignment, cut: tuple[int, int], message: str) -> None:
    with pytest.raises(InputError, match=message):
        edits.split(al, 2, *cut)


def test_merge_then_split_gives_the_beads_back(al: Alignment) -> None:
    out = edits.split(edits.merge(al, 0), 0, 1, 1)
    assert [b.key for b in out.beads] == [b.key for b in al.beads]
    assert [b.status for b in out.beads[:2]] == ["edited", "edited"]


# -- move -------------------------------------------------------------------------

def test_move_first_target_sentence_up(al: Alignment) -> None:
    out = edits.move(al, 2, "tgt", "up")
    assert ladder(out)[1:3] == ["[1, 2]:[1, 2]e", "[3]:[3, 4]e"]


def test_move_last_source_sentence_down(al: Alignment) -> None:
    out = edits.move(al, 1, "src", "down")
    assert ladder(out)[1:3] == ["[1]:[1]e", "[2, 3]:[2, 3, 4]e"]


def test_move_into_a_bead_without_that_side(al: Alignment) -> None:
    out = edits.move(al, 4, "src", "up")  # bead 5 (1-0) gives its sentence to bead 4 (0-1)
    assert ladder(out)[3:] == ["[4]:[5]e"]  # the emptied bead disappears
    assert len(out.beads) == 4


def test_move_empties_a_bead(al: Alignment) -> None:
    out = edits.move(al, 3, "tgt", "up")
    assert ladder(out) == ["[0]:[0]u", "[1, 2]:[1]u", "[3]:[2, 3, 4, 5]e", "[4]:[]u"]


@pytest.mark.parametrize(("k", "side", "direction", "message"), [
    (0, "src", "up", "bead 1 is the first; there is no previous bead"),
    (4, "src", "down", "bead 5 is the last; there is no next bead"),
    (3, "src", "up", "bead 4 has no source sentence to move"),
    (4, "tgt", "up", "bead 5 has no target sentence to move"),
    (1, "zh", "up", "unknown side 'zh'"),
    (1, "src", "left", "unknown direction 'left'"),
], ids=["first", "last", "no-source", "no-target", "bad-side", "bad-direction"])
def test_move_errors(al: Alignment, k: int, side: str, direction: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        edits.move(al, k, side, direction)


# -- status -----------------------------------------------------------------------

def test_confirm(al: Alignment) -> None:
    out = edits.confirm(al, 1)
    assert ladder(out)[1] == "[1, 2]:[1]c"
    assert out.beads[1].confidence == al.beads[1].confidence


def test_confirm_keeps_an_edited_bead_edited(al: Alignment) -> None:
    assert edits.confirm(edits.merge(al, 0), 0).beads[0].status == "edited"


def test_set_status_back_to_unreviewed(al: Alignment) -> None:
    out = edits.set_status(edits.confirm(al, 0), 0, "unreviewed")
    assert out.beads[0] == al.beads[0]


def test_set_status_unknown(al: Alignment) -> None:
    with pytest.raises(InputError, match="unknown status 'ok'"):
        edits.set_status(al, 0, "ok")


# -- text -------------------------------------------------------------------------

@pytest.mark.parametrize(("side", "index", "bead"), [
    ("src", 0, 0), ("src", 2, 1), ("src", 3, 2), ("src", 4, 4),
    ("tgt", 4, 2), ("tgt", 5, 3),
], ids=["src-0", "src-2", "src-3", "src-4", "tgt-4", "tgt-5"])
def test_bead_of(al: Alignment, side: str, index: int, bead: int) -> None:
    assert edits.bead_of(al, side, index) == bead


def test_bead_of_missing_sentence(al: Alignment) -> None:
    with pytest.raises(InputError, match="there is no target sentence 7; that side has 6"):
        edits.bead_of(al, "tgt", 6)


def test_edit_text_keeps_the_original(al: Alignment) -> None:
    out = edits.edit_text(al, "tgt", 3, "  Fuor  was   fixed. ")
    seg = out.tgt[3]
    assert (seg.text, seg.original, seg.index) == ("Fuor was fixed.", "Four.", 3)
    assert out.beads[2].status == "edited"
    again = edits.edit_text(out, "tgt", 3, "Four, fixed.")
    assert (again.tgt[3].text, again.tgt[3].original) == ("Four, fixed.", "Four.")


def test_edit_text_back_to_the_original_drops_the_record(al: Alignment) -> None:
    out = edits.edit_text(edits.edit_text(al, "src", 1, "第二句！"), "src", 1, "第二句。")
    assert out.src[1].original is None and out.src[1].text == "第二句。"


def test_edit_text_unchanged_is_the_same_alignment(al: Alignment) -> None:
    assert edits.edit_text(al, "src", 0, "第一句。") is al


def test_edit_text_empty(al: Alignment) -> None:
    with pytest.raises(InputError, match="a sentence cannot be empty"):
        edits.edit_text(al, "src", 0, " \n ")


def test_edits_keep_the_alignment_valid(al: Alignment) -> None:
    out = al
    for step in (lambda a: edits.merge(a, 1), lambda a: edits.split(a, 1, 1, 0),
                 lambda a: edits.move(a, 2, "tgt", "down"), lambda a: edits.confirm(a, 0)):
        out = step(out)
        Alignment(out.src, out.tgt, out.beads)  # validates order and coverage
    assert len(out.src) == 5 and len(out.tgt) == 6
