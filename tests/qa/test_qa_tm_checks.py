"""tm-inconsistent (:mod:`align.qa.tm_checks`): the same source translated differently
in the TM."""

from __future__ import annotations

from align.qa.checks import BeadText
from align.qa.tm_checks import tm_inconsistent


def bead(src: str, tgt: str) -> BeadText:
    return BeadText(2, src, tgt, src, tgt, True)


KNOWN = {"市委副书记刘伟主持会议。": [
    ("Liu Wei presided over the meeting.", "2023.tmx"),
    ("Liu Wei chaired the meeting.", "2022.tmx"),
    ("Liu Wei chaired the meeting.", "2021.tmx")]}


def test_tm_inconsistent() -> None:
    f = tm_inconsistent(bead(" 市委副书记刘伟主持会议。", "Liu  Wei presided over the Meeting."),
                        KNOWN)
    assert f is not None and (f.kind, f.severity, f.bead) == ("tm-inconsistent", "warning", 2)
    assert f.message == ("the TM translates this sentence differently (1 other "
                         "translation(s), e.g. in 2022.tmx)")
    assert f.details == {"other_target": "Liu Wei chaired the meeting.",
                         "other_document": "2022.tmx", "others": "1"}
    f = tm_inconsistent(bead("市委副书记刘伟主持会议。", "Liu Wei opened it."), KNOWN)
    assert f is not None and f.details["others"] == "2"
    assert tm_inconsistent(bead("会议召开。", "It opened."), KNOWN) is None
