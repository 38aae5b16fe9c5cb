"""Traditional Chinese (align.text.variants): detection, the simplified view, and its
use by the aligner and the term matcher; every output keeps the traditional text."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from typer.testing import CliRunner

from align.aligner.pipeline import align_segments
from align.cli import app
from align.errors import ConfigError
from align.formats.documents import read_document
from align.terms.match import find_terms
from align.text.segment import segment_document
from align.text.variants import (
    base_lang,
    is_traditional,
    simplified_segments,
    to_simplified,
    traditional_share,
)
from align.types import Glossary, Term

S2T = opencc.OpenCC("s2t")


def test_detection(beijing_dir: Path) -> None:
    zh = (beijing_dir / "zh.txt").read_text(encoding="utf-8")
    hant = S2T.convert(zh)
    assert traditional_share(zh) == (0, 2338)
    assert traditional_share(hant) == (813, 2338)
    assert not is_traditional(zh) and is_traditional(hant)
    assert not is_traditional("發展")  # two changed characters prove nothing
    assert is_traditional("高質量發展，新質生產力")


def test_simplified_view_keeps_offsets() -> None:
    text = "推動高質量發展，加快發展新質生產力。"
    view = to_simplified(text)
    assert view == "推动高质量发展，加快发展新质生产力。"
    assert len(view) == len(text)
    assert to_simplified("no Han at all") == "no Han at all"


def test_base_lang() -> None:
    assert (base_lang("zh-Hant"), base_lang("zh"), base_lang("en")) == ("zh", "zh", "en")
    with pytest.raises(ConfigError, match="unknown language 'fr'; use one of: zh, zh-Hant, en"):
        base_lang("fr")


def test_terms_found_in_traditional_text() -> None:
    g = Glossary((Term("新质生产力", "new quality productive forces"),
                  Term("高质量发展", "high-quality development")))
    text = "推動高質量發展，加快發展新質生產力。"
    hits = [(h.term.zh, text[h.start:h.end]) for h in find_terms(text, "zh", g)]
    assert hits == [("高质量发展", "高質量發展"), ("新质生产力", "新質生產力")]


@pytest.fixture(scope="module")
def traditional_txt(beijing_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hant") / "zh-hant.txt"
    path.write_text(S2T.convert((beijing_dir / "zh.txt").read_text(encoding="utf-8")),
                    encoding="utf-8")
    return path


def test_traditional_beijing_aligns_like_simplified(beijing_dir: Path, traditional_txt: Path,
                                                    beijing_glossary: Glossary) -> None:
    hans = segment_document(read_document(beijing_dir / "zh.txt"))
    hant_doc = read_document(traditional_txt)
    assert hant_doc.metadata["script"] == "Hant"
    hant = segment_document(hant_doc)
    assert [s.text for s in simplified_segments(hant)] == [s.text for s in hans]
    en = segment_document(read_document(beijing_dir / "en.raw.txt"))
    a = align_segments(hans, en, glossary=beijing_glossary)
    b = align_segments(hant, en, glossary=beijing_glossary)
    assert [(x.src, x.tgt) for x in b.beads] == [(x.src, x.tgt) for x in a.beads]
    assert [s.text for s in b.src] == [s.text for s in hant]  # the original characters
    assert "高質量發展" in b.src[0].text


def test_cli_pair_zh_hant_keeps_traditional(beijing_dir: Path, traditional_txt: Path,
                                            tmp_path: Path) -> None:
    out = tmp_path / "hant.tsv"
    r = CliRunner().invoke(app, ["pair", str(traditional_txt), str(beijing_dir / "en.raw.txt"),
                                 "--src-lang", "zh-Hant", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[1].split("\t")[0] == S2T.convert(
        "2月19日上午，2024年全市推动高质量发展大会召开，进一步动员全市各级干部，部署推动各方面工作。")
    r = CliRunner().invoke(app, ["pair", str(traditional_txt), str(traditional_txt),
                                 "--src-lang", "zh-Hant", "--tgt-lang", "zh"])
    assert r.exit_code == 2
    assert ("--src-lang and --tgt-lang are both Chinese (zh-Hant, zh); one side must be zh "
            "and the other en") in " ".join(r.output.replace("│", " ").split())
