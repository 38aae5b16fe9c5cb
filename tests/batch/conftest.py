"""Fixtures of the batch tests: small document pairs made from the paragraphs of the
bundled Beijing report (its eight body paragraphs, Chinese and English)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

BEIJING = Path(__file__).resolve().parent.parent.parent / "corpora" / "beijing-2024"


def beijing_paragraphs() -> list[tuple[str, str]]:
    """The (Chinese, English) body paragraphs of the Beijing report, in order."""
    zh = [p for p in BEIJING.joinpath("zh.txt").read_text("utf-8").split("\n\n")[1:]]
    en = BEIJING.joinpath("en.raw.txt").read_text("utf-8").split("\n\n")
    en = [p for p in en[1:] if p.strip() != "1.png"]
    assert len(zh) == len(en) == 8
    return [(z.strip(), e.strip()) for z, e in zip(zh, en, strict=True)]


@pytest.fixture()
def write_pairs(tmp_path: Path) -> Callable[[int], tuple[Path, Path]]:
    """Write ``n`` pairs ``p0.txt``... into ``tmp_path/zh`` and ``tmp_path/en`` (the
    paragraphs in turn) and return the two folders."""

    def write(n: int) -> tuple[Path, Path]:
        zh, en = tmp_path / "zh", tmp_path / "en"
        zh.mkdir(exist_ok=True)
        en.mkdir(exist_ok=True)
        paras = beijing_paragraphs()
        for i in range(n):
            z, e = paras[i % len(paras)]
            (zh / f"p{i}.txt").write_text(z + "\n", encoding="utf-8")
            (en / f"p{i}.txt").write_text(e + "\n", encoding="utf-8")
        return zh, en

    return write
