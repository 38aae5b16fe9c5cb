"""Fixtures of the QA tests: a small zh->en glossary and an alignment builder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from align.types import Alignment, Glossary, Term

GLOSSARY = Glossary((
    Term("新质生产力", "new quality productive forces",
         deprecated=("new productive forces of quality",)),
    Term("北京证券交易所", "Beijing Stock Exchange (BSE)", zh_variants=("北交所",),
         variants=("Beijing Stock Exchange", "BSE")),
    Term("高质量发展", "high-quality development"),
    Term("七有", "Seven accesses", deprecated=("Seven haves",)),
    Term("新中国成立75周年", "75th anniversary of the founding of the People's Republic of China"),
))


@pytest.fixture
def glossary() -> Glossary:
    """Five Beijing terms with variants and deprecated renderings."""
    return GLOSSARY


@pytest.fixture
def make() -> Callable[..., Alignment]:
    """``make(pairs, src_lang="zh", tgt_lang="en")``: one bead per pair (an empty side
    makes a 1-0 or 0-1 bead)."""
    return Alignment.from_pairs
