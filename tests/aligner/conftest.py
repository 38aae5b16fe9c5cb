"""Fixtures of the aligner tests."""

from __future__ import annotations

import pytest

from align.text.lexicon import load_lexicon


@pytest.fixture(scope="session", autouse=True)
def _warm_lexicon() -> None:
    load_lexicon()  # parsed (or loaded from its cache) once for all aligner tests
