"""Source text left in the target (:mod:`align.qa.leftovers`): Chinese in an English
target, Latin-script glossary terms copied untranslated; and the acceptance test of
issue 11 on a copy of the Beijing English with a sentence left in Chinese and a Chinese
fragment inside an English sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.cli.check import check_files
from align.qa.checks import BeadText
from align.qa.leftovers import chinese_in_target, han_runs, untranslated_terms
from align.types import Glossary, Term


def bead(src: str, tgt: str, k: int = 0, zh_is_src: bool = True) -> BeadText:
    zh, en = (src, tgt) if zh_is_src else (tgt, src)
    return BeadText(k, src, tgt, zh, en, zh_is_src)


@pytest.mark.parametrize(("text", "spans"), [
    ("No Chinese here.", []),
    ("The 高质量 plan.", [(4, 7)]),
    ("尹力指出，推动高质量发展。 By leveraging", [(0, 12)]),
    ("A 北京 and 上海 pair.", [(2, 4), (9, 11)]),
    ("𠀀𠀁 (Extension B) 國", [(0, 2), (17, 18)]),  # code points, not UTF-16 units
], ids=["none", "fragment", "sentence-across-punctuation", "two-runs", "ext-b"])
def test_han_runs(text: str, spans: list[tuple[int, int]]) -> None:
    assert han_runs(text) == spans


def test_chinese_in_target() -> None:
    f = chinese_in_target(bead("要推动高质量发展。", "We will promote 高质量发展 now."))
    assert f is not None
    assert (f.kind, f.severity, f.bead) == ("chinese-in-target", "error", 0)
    assert f.message == "Chinese left in the English target: '高质量发展'"
    assert f.details == {"runs": "高质量发展", "offsets": "16"}
    assert chinese_in_target(bead("要推动高质量发展。", "We will promote it.")) is None
    # an English source with a Chinese target: Chinese there is the translation
    assert chinese_in_target(bead("We will promote it.", "我们要推动。", zh_is_src=False)) is None


GLOSSARY = Glossary((Term("CBD", "central business district"),
                     Term("5G", "5G"),
                     Term("中关村", "Zhongguancun")))


def test_untranslated_term_zh_to_en() -> None:
    (f,) = untranslated_terms(bead("建设CBD。", "Build the CBD."), GLOSSARY)
    assert (f.kind, f.severity, f.term) == ("untranslated-term", "error", "CBD")
    assert f.message == "'CBD' is left untranslated; the glossary has 'central business district'"
    assert f.details == {"found": "CBD", "expected": "central business district"}
    # rendered as the glossary says (the copy beside it is fine), kept as is, or absent
    assert untranslated_terms(bead("建设CBD。", "Build the central business district (CBD)."),
                              GLOSSARY) == []
    assert untranslated_terms(bead("发展5G。", "Develop 5G."), GLOSSARY) == []
    assert untranslated_terms(bead("建设CBD。", "Build the district."), GLOSSARY) == []
    assert untranslated_terms(bead("建设CBD。", "Build the CBDs."), GLOSSARY) == []


def test_untranslated_term_en_to_zh() -> None:
    (f,) = untranslated_terms(bead("Visit Zhongguancun.", "参观Zhongguancun。",
                                   zh_is_src=False), GLOSSARY)
    assert (f.kind, f.term, f.details["expected"]) == ("untranslated-term", "中关村", "中关村")
    assert untranslated_terms(bead("Visit Zhongguancun.", "参观中关村。", zh_is_src=False),
                              GLOSSARY) == []


def test_untranslated_term_replaces_term_missing(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from align.qa.check import check_alignment

    got = check_alignment(make([("建设CBD。", "Build the CBD.")]), GLOSSARY)
    assert [(f.kind, f.term) for f in got] == [("untranslated-term", "CBD")]


# -- acceptance (issue 11): leftovers injected into a copy of the Beijing English ----

LEFT_IN_CHINESE = ("Yin Li pointed out that high-quality development requires a focus on the "
                   "development of new quality productive forces.",
                   "尹力指出，推动高质量发展，必须牢牢抓住发展新质生产力这一重要着力点。")
FRAGMENT = ("to further mobilize officials", "进一步动员全市各级干部")


def test_beijing_leftovers_caught_at_their_beads(tmp_path: Path, beijing_dir: Path,
                                                 beijing_glossary_path: Path) -> None:
    en = (beijing_dir / "en.raw.txt").read_text(encoding="utf-8")
    for old, new in (LEFT_IN_CHINESE, FRAGMENT):
        assert en.count(old) == 1
        en = en.replace(old, new)
    injected = tmp_path / "en.raw.txt"
    injected.write_text(en, encoding="utf-8")
    r = check_files(beijing_glossary_path, None, beijing_dir / "zh.txt", injected)
    pairs = list(r.alignment.pairs())
    # the segmenter splits at 。: the Chinese sentence is a sentence of its own
    assert LEFT_IN_CHINESE[1] in [s.text for s in r.alignment.tgt]
    sentence_bead = next(k for k, (_, _, t) in enumerate(pairs) if LEFT_IN_CHINESE[1] in t)
    fragment_bead = next(k for k, (_, _, t) in enumerate(pairs) if FRAGMENT[1] in t)
    assert pairs[sentence_bead][1].startswith("尹力指出，推动高质量发展")
    assert pairs[fragment_bead][1].startswith("2月19日上午")
    leftovers = {(f.bead, f.details["runs"]) for f in r.findings
                 if f.kind == "chinese-in-target"}
    assert leftovers == {(sentence_bead, "尹力指出，推动高质量发展，必须牢牢抓住发展新质生产力这一重要着力点"),
                         (fragment_bead, FRAGMENT[1])}
    # and the clean text gives no term-split (see also test_qa_check.test_beijing_real_text)
    assert not [f for f in r.findings if f.kind == "term-split"]


def test_clean_beijing_text_has_no_leftovers_or_term_split(beijing_dir: Path,
                                                            beijing_glossary_path: Path) -> None:
    r = check_files(beijing_glossary_path, None, beijing_dir / "zh.txt",
                    beijing_dir / "en.raw.txt")
    assert [(f.bead, f.kind) for f in r.findings] == [(39, "empty-target"), (45, "addition")]
