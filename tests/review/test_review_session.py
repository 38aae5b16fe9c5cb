"""A review session: edits given as data, undo/redo, the changed run, saving,
findings kept on their beads, and sentences cut back out of table rows."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from review_samples import EN, ZH

from align.errors import InputError
from align.formats.alignment import read_alignment, write_alignment
from align.review.annotate import Terms, bead_view, counts
from align.review.sentences import cell_sentences, split_rows
from align.review.session import Change, ReviewSession, diff, run_op
from align.types import Alignment, Bead, Glossary, Segment, Term


def test_diff_finds_the_changed_run() -> None:
    a, b, c, d, e = (object() for _ in range(5))
    assert diff([a, b, c, d], [a, e, d]) == Change(1, 2, 1)
    assert diff([a, b], [a, b]) == Change(2, 0, 0)
    assert diff([a], [a, b]) == Change(1, 0, 1)
    assert diff([a, b, c], [b, c]) == Change(0, 1, 0)


@pytest.mark.parametrize(("op", "ladder"), [
    ({"op": "merge", "bead": 0}, "[0, 1, 2]:[0, 1]"),
    ({"op": "split", "bead": "2", "src_at": 1, "tgt_at": 2}, "[3]:[2, 3]"),
    ({"op": "move", "bead": 2, "side": "tgt", "direction": "up"}, "[1, 2]:[1, 2]"),
    ({"op": "confirm", "bead": 1}, "[1, 2]:[1]"),
], ids=["merge", "split", "move", "confirm"])
def test_run_op(al: Alignment, op: dict[str, object], ladder: str) -> None:
    out = run_op(al, op)
    assert ladder in [b.ladder() for b in out.beads if b.status != "unreviewed"]


def test_run_op_edit_by_position_in_the_bead(al: Alignment) -> None:
    out = run_op(al, {"op": "edit", "bead": 2, "side": "tgt", "texts": {"1": "Four!"}})
    assert out.tgt[3].text == "Four!" and out.tgt[3].original == "Four."


@pytest.mark.parametrize(("op", "message"), [
    ({"op": "fold", "bead": 0}, "unknown edit 'fold'"),
    ({"op": "merge"}, "needs a whole number in 'bead'"),
    ({"op": "merge", "bead": "x"}, "needs a whole number in 'bead', got 'x'"),
    ({"op": "merge", "bead": True}, "needs a whole number in 'bead'"),
    ({"op": "edit", "bead": 0, "side": "src", "texts": {"3": "x"}}, "bead 1 has no sentence 4"),
    ({"op": "edit", "bead": 0, "side": "src"}, "an edit needs a side"),
], ids=["unknown", "no-bead", "bad-bead", "bool-bead", "no-sentence", "no-texts"])
def test_run_op_errors(al: Alignment, op: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        run_op(al, op)


def test_run_op_refuses_text_edits_for_a_ladder(al: Alignment) -> None:
    with pytest.raises(InputError, match="a .align ladder holds no text"):
        run_op(al, {"op": "edit", "bead": 0, "side": "src", "texts": {"0": "x"}},
               can_edit_text=False)


def test_session_undo_redo_and_changes(al: Alignment) -> None:
    s = ReviewSession(al)
    c = s.apply({"op": "merge", "bead": 1})
    assert c == Change(1, 2, 1) and s.version == 1 and s.dirty
    assert s.apply({"op": "confirm", "bead": 0}) == Change(0, 1, 1)
    assert s.undo() == Change(0, 1, 1)
    assert s.undo() == Change(1, 1, 2)
    assert s.alignment == al and s.undo() is None
    assert s.redo() == Change(1, 2, 1)
    s.apply({"op": "confirm", "bead": 0})
    assert s.redo() is None  # a new edit clears what could be redone
    assert s.status()["counts"] == {"unreviewed": 2, "confirmed": 1, "edited": 1,
                                    "reviewed": 2, "total": 4}


def test_session_change_that_changes_nothing(al: Alignment) -> None:
    s = ReviewSession(al)
    s.apply({"op": "confirm", "bead": 0})
    assert s.apply({"op": "confirm", "bead": 0}) is None
    assert s.status()["undo"] == 1


def test_session_change_payload_has_the_new_beads(al: Alignment) -> None:
    s = ReviewSession(al, Glossary((Term("第二句", "Two"),)))
    d = s.change_payload(s.apply({"op": "merge", "bead": 0}))
    assert (d["start"], d["removed"], d["version"]) == (0, 2, 1)
    [view] = d["beads"]
    assert view["s"] == ["第一句。", "第二句。", "第三句。"] and view["st"] == "edited"
    assert view["h"][0][1] == [[0, 3, "approved", "第二句", "Two"]]
    assert view["h"][1][1] == [[0, 3, "approved", "第二句", "Two"]]


def test_session_saves_with_its_save_function(al: Alignment) -> None:
    saved: list[Alignment] = []
    def save(a: Alignment) -> list[str]:
        saved.append(a)
        return ["x.tsv"]

    s = ReviewSession(al, save=save)
    s.apply({"op": "confirm", "bead": 2})
    assert s.save() == ["x.tsv"] and not s.dirty
    assert saved[0].beads[2].status == "confirmed"
    s.undo()
    assert s.dirty


def test_session_without_save(al: Alignment) -> None:
    with pytest.raises(InputError, match="nowhere to save"):
        ReviewSession(al).save()


def test_findings_follow_their_beads(al: Alignment) -> None:
    s = ReviewSession(al)
    kinds = {k: [f["kind"] for f in v] for k, v in s.findings_payload()["findings"].items()}
    assert kinds == {"3": ["addition"], "4": ["empty-target"]}
    s.apply({"op": "merge", "bead": 0})  # beads shift left by one
    kinds = {k: [f["kind"] for f in v] for k, v in s.findings_payload()["findings"].items()}
    assert kinds == {"2": ["addition"], "3": ["empty-target"]}
    s.apply({"op": "merge", "bead": 2})  # the 0-1 and 1-0 beads become one 1-1 bead
    assert s.findings_payload()["findings"] == {}


def test_large_alignment_is_checked_in_the_background() -> None:
    pairs = [(f"第{i}句。", f"Sentence {i}.") for i in range(1200)] + [("有2024年。", "")]
    s = ReviewSession(Alignment.from_pairs(pairs))
    s.wait_for_check(60)
    got = s.findings_payload()
    assert not got["checking"] and got["findings"]["1200"][0]["kind"] == "empty-target"


def test_payload(al: Alignment) -> None:
    d = ReviewSession(al, meta={"name": "a.tsv"}).payload()
    assert d["meta"] == {"name": "a.tsv", "src_lang": "zh", "tgt_lang": "en",
                         "can_edit_text": True, "glossary": False}
    cols = d["beads"]
    assert cols["ns"] == [1, 2, 1, 0, 1] and cols["nt"] == [1, 1, 3, 1, 0]
    assert cols["src"] == ZH and cols["tgt"] == EN
    assert cols["c"] == [0.9, 0.4, 0.7, 0.2, 0.3] and cols["st"] == ["unreviewed"] * 5
    assert [(k, [f["kind"] for f in v]) for k, v in cols["f"].items()] == [
        ("3", ["addition"]), ("4", ["empty-target"])]
    assert cols["o"] == {}
    edited = ReviewSession(run_op(al, {"op": "edit", "bead": 1, "side": "src",
                                       "texts": {"0": "二。"}})).payload()["beads"]
    assert edited["o"] == {"1": [["第二句。", None], [None]]} and edited["st"][1] == "edited"


def test_bead_view_and_counts(al: Alignment) -> None:
    edited = run_op(al, {"op": "edit", "bead": 1, "side": "src", "texts": {"1": "三。"}})
    view = bead_view(edited, edited.beads[1])
    assert view == {"s": ["第二句。", "三。"], "t": ["Two."], "c": 0.4, "st": "edited",
                    "o": [[None, "第三句。"], [None]]}
    assert counts(edited)["reviewed"] == 1


def test_terms_cached_and_empty_without_glossary() -> None:
    assert not Terms(None) and Terms(None).of("新质生产力", "zh") == []
    t = Terms(Glossary((Term("新质生产力", "new quality productive forces"),)))
    assert t.of("发展新质生产力。", "zh") == [[2, 7, "approved", "新质生产力",
                                          "new quality productive forces"]]
    assert t.of("发展新质生产力。", "zh") is t.of("发展新质生产力。", "zh")


# -- sentences back out of table rows -------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "parts"), [
    ("第一句。第二句！", "zh", ["第一句。", "第二句！"]),
    ("One. Two?", "en", ["One.", "Two?"]),
    ("One.  Two.", "en", ["One.  Two."]),  # cutting would lose a space: kept whole
    ("第一句。 第二句。", "zh", ["第一句。 第二句。"]),
    ("Mr. Li came.", "en", ["Mr. Li came."]),
], ids=["zh", "en", "en-double-space", "zh-space", "abbreviation"])
def test_cell_sentences(text: str, lang: str, parts: list[str]) -> None:
    assert cell_sentences(text, lang) == parts


def test_split_rows_round_trip(al: Alignment, tmp_path: Path) -> None:
    reviewed = run_op(run_op(al, {"op": "confirm", "bead": 0}),
                      {"op": "edit", "bead": 2, "side": "tgt", "texts": {"2": "Five!"}})
    p = tmp_path / "a.tsv"
    write_alignment(reviewed, p)
    back = split_rows(read_alignment(p))
    assert [b.ladder() for b in back.beads] == [b.ladder() for b in al.beads]
    assert [b.status for b in back.beads] == [b.status for b in reviewed.beads]
    assert [(s.text, s.original) for s in back.tgt] == [(s.text, s.original)
                                                         for s in reviewed.tgt]
    write_alignment(back, tmp_path / "b.tsv")
    assert (tmp_path / "b.tsv").read_text("utf-8") == p.read_text("utf-8")


def test_split_rows_keeps_a_cell_whose_original_has_other_sentences() -> None:
    seg = Segment("One. Two.", "en", 0, 0, (0, 9), "One two.")
    al = Alignment((Segment("一。", "zh", 0),), (seg,), (Bead((0,), (0,)),))
    assert split_rows(al).tgt == (dataclasses.replace(seg, span=(0, 9)),)


def test_split_rows_leaves_sentence_beads_alone(al: Alignment) -> None:
    assert split_rows(al) is al
