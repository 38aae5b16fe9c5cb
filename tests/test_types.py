"""Tests of the shared frozen types."""

from __future__ import annotations

import dataclasses

import pytest

from align.errors import ConfigError, FormatError, InputError
from align.types import (
    Alignment,
    Bead,
    Document,
    Glossary,
    Paragraph,
    Segment,
    Term,
    TranslationUnit,
    check_beads,
    join_sentences,
)


def _segs(texts: list[str], lang: str) -> tuple[Segment, ...]:
    return tuple(Segment(t, lang, i) for i, t in enumerate(texts))  # type: ignore[arg-type]


def test_bead_kind_and_ladder() -> None:
    b = Bead((0, 1), (2,), 0.75)
    assert b.kind == "2-1"
    assert b.ladder() == "[0, 1]:[2]"
    assert Bead((), (3,)).ladder() == "[]:[3]"
    assert b.key == ((0, 1), (2,))


@pytest.mark.parametrize(
    "src,tgt,conf,match",
    [((), (), 1.0, "at least one"), ((0, 2), (1,), 1.0, "consecutive"),
     ((0,), (0,), 1.5, r"\[0, 1\]")],
    ids=["empty", "gap", "confidence"],
)
def test_bead_rejects_bad_values(src: tuple[int, ...], tgt: tuple[int, ...], conf: float,
                                 match: str) -> None:
    with pytest.raises(ValueError, match=match):
        Bead(src, tgt, conf)


def test_types_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Bead((0,), (0,)).confidence = 0.1  # type: ignore[misc]
    doc = Document.from_paragraphs(["a  b\n c", "", "d"], "en", metadata={"title": "T"})
    with pytest.raises(TypeError):
        doc.metadata["title"] = "x"  # type: ignore[index]


def test_document_text_and_offsets() -> None:
    doc = Document.from_paragraphs(["First  para.\nStill first.", "  ", "Second."], "en")
    assert [p.text for p in doc.paragraphs] == ["First para. Still first.", "Second."]
    assert [p.index for p in doc.paragraphs] == [0, 1]
    assert doc.text == "First para. Still first.\n\nSecond."
    offs = doc.paragraph_offsets()
    assert [doc.text[o:o + len(p.text)] for o, p in zip(offs, doc.paragraphs, strict=True)] == [
        "First para. Still first.", "Second."]


def test_document_rejects_unknown_language() -> None:
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        Document.from_paragraphs(["x"], "fr")


def test_alignment_validates_coverage_and_order() -> None:
    src, tgt = _segs(["甲。", "乙。", "丙。"], "zh"), _segs(["A.", "B."], "en")
    al = Alignment(src, tgt, (Bead((0, 1), (0,)), Bead((2,), (1,))))
    assert [(b.kind, s, t) for b, s, t in al.pairs()] == [("2-1", "甲。乙。", "A."),
                                                          ("1-1", "丙。", "B.")]
    with pytest.raises(InputError, match="bead 2 .*expected source sentence 1"):
        Alignment(src, tgt, (Bead((0,), (0,)), Bead((2,), (1,))))
    with pytest.raises(InputError, match="cover 2 source and 2 target"):
        Alignment(src, tgt, (Bead((0,), (0,)), Bead((1,), (1,))))


def test_document_rejects_paragraph_numbered_out_of_order() -> None:
    with pytest.raises(ValueError, match="paragraph 1 has index 2"):
        Document((Paragraph("a", 0), Paragraph("b", 2)), "en")


def test_check_beads_names_a_target_gap() -> None:
    with pytest.raises(InputError, match=r"bead 2 \[1\]:\[2\]: expected target sentence 1"):
        check_beads([Bead((0,), (0,)), Bead((1,), (2,))], 2, 3)


def test_check_beads_accepts_empty_sides() -> None:
    check_beads([Bead((), (0,)), Bead((0,), ()), Bead((1,), (1,))], 2, 2)


def test_join_sentences_by_language() -> None:
    assert join_sentences(["一。", "二。"], "zh") == "一。二。"
    assert join_sentences(["One.", "Two."], "en") == "One. Two."


def test_term_forms_and_validation() -> None:
    t = Term("北京证券交易所", "Beijing Stock Exchange", zh_variants=["北交所"], variants=["BSE"])
    assert t.zh_forms == ("北京证券交易所", "北交所")
    assert t.en_forms == ("Beijing Stock Exchange", "BSE")
    with pytest.raises(ValueError, match="Chinese and an English"):
        Term(" ", "x")
    with pytest.raises(ValueError, match="unknown term status"):
        Term("中关村", "Zhongguancun", status="approved")  # type: ignore[arg-type]


def test_glossary_checksum_is_order_independent_and_content_sensitive() -> None:
    a, b = Term("中关村", "Zhongguancun"), Term("雄安新区", "Xiong'an New Area")
    assert Glossary((a, b)).checksum() == Glossary((b, a)).checksum()
    assert Glossary((a,)).checksum() != Glossary((a, b)).checksum()
    assert len(Glossary((a, b))) == 2


def test_translation_unit_props() -> None:
    tu = TranslationUnit("你好。", "Hello.", props=[("x-bead", "1-1")])
    assert tu.prop("x-bead") == "1-1"
    assert tu.prop("x-missing", "none") == "none"


@pytest.mark.parametrize(
    "err,expected",
    [(InputError("empty file; add text", path="a.txt"), "a.txt: empty file; add text"),
     (FormatError("bad row\nsecond line", path="g.tsv", line=14), "g.tsv:14: bad row second line"),
     (InputError("bad byte", path="x.txt", offset=7), "x.txt: byte 7: bad byte"),
     (InputError("no path", line=3), "line 3: no path")],
    ids=["path", "path-line", "offset", "line-only"],
)
def test_error_messages_are_one_located_line(err: Exception, expected: str) -> None:
    assert str(err) == expected
