"""Fixtures of the review workbench tests: the Beijing alignment, a small alignment
with beads of several sentences, and Debian's Chromium driven by Playwright.

Browsers are never downloaded: Playwright's Python client is pointed at
``/usr/bin/chromium`` (Debian's ``chromium`` package). Without it the browser tests
are skipped, except under ``CI=true``, where a missing browser fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from review_samples import small

from align.types import Alignment

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

@pytest.fixture()
def al() -> Alignment:
    """The small alignment of :func:`small`."""
    return small()


@pytest.fixture(scope="session")
def beijing_alignment(beijing_dir: Path) -> Alignment:
    """The Beijing report aligned as ``align pair`` aligns it (53 beads)."""
    from align.api import align_files

    return align_files(beijing_dir / "zh.txt", beijing_dir / "en.raw.txt")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (skipped if missing, failed
    under CI=true)."""
    ci = os.environ.get("CI") == "true"
    if not CHROMIUM.exists():
        if ci:
            pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if ci:
            pytest.fail("playwright is missing; pip install -e '.[test]'")
        pytest.skip("playwright is missing (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
