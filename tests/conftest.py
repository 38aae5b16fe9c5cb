"""Fixtures shared by every test folder: the bundled corpus and glossary, an alignment
builder and a small zh->en glossary. Folder-specific fixtures live in the folder's own
conftest.py (tests/aligner, tests/tm)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from align.formats.alignment import read_alignment
from align.formats.glossary import read_glossary
from align.types import Alignment, Glossary, Term

ROOT = Path(__file__).resolve().parent.parent
BEIJING = ROOT / "corpora" / "beijing-2024"
BEIJING_GLOSSARY = ROOT / "glossary" / "beijing-2024.tsv"

GLOSSARY = Glossary((
    Term("新质生产力", "new quality productive forces",
         deprecated=("new productive forces of quality",)),
    Term("北京证券交易所", "Beijing Stock Exchange (BSE)", zh_variants=("北交所",),
         variants=("Beijing Stock Exchange", "BSE")),
    Term("高质量发展", "high-quality development"),
    Term("七有", "Seven accesses", deprecated=("Seven haves",)),
    Term("新中国成立75周年", "75th anniversary of the founding of the People's Republic of China"),
))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def beijing_dir() -> Path:
    """``corpora/beijing-2024``: zh.txt, en.raw.txt and the gold ladder gold.align."""
    return BEIJING


@pytest.fixture(scope="session")
def beijing_glossary_path() -> Path:
    """``glossary/beijing-2024.tsv``, the term base written for the Beijing report."""
    return BEIJING_GLOSSARY


@pytest.fixture(scope="session")
def beijing_gold() -> Alignment:
    """The gold alignment of the Beijing report (gold.align over its two texts)."""
    return read_alignment(BEIJING / "gold.align", src=BEIJING / "zh.txt",
                          tgt=BEIJING / "en.raw.txt")


@pytest.fixture(scope="session")
def beijing_glossary() -> Glossary:
    """The Beijing term base, read once."""
    return read_glossary(BEIJING_GLOSSARY)


@pytest.fixture
def glossary() -> Glossary:
    """Five Beijing terms with variants and deprecated renderings."""
    return GLOSSARY


@pytest.fixture
def make() -> Callable[..., Alignment]:
    """``make(pairs, src_lang="zh", tgt_lang="en")``: one bead per pair (an empty side
    makes a 1-0 or 0-1 bead)."""
    return Alignment.from_pairs
